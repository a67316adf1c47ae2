package database_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/internal/database"
	"cchc/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t) // already migrated from the template
	applied, err := database.Migrate(context.Background(), db)
	require.NoError(t, err)
	require.Empty(t, applied)
}

// A database migrated by a newer cchc is refused rather than served.
func TestRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	_, err := db.ExecContext(ctx, "INSERT INTO bun_migrations (name, group_id, migrated_at) VALUES ('29990101000000', 99, now())")
	require.NoError(t, err)
	_, err = database.Migrate(ctx, db)
	require.ErrorIs(t, err, database.ErrNewerSchema)
	require.ErrorContains(t, err, "29990101000000")
}

func TestErrorClassifiers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	_, err := db.ExecContext(ctx, "INSERT INTO units (code, name, kind) VALUES ('A', 'Một', 'province'), ('A', 'Hai', 'province')")
	require.True(t, database.IsUniqueViolation(err))
	_, err = db.ExecContext(ctx, "INSERT INTO units (code, name, kind, parent_id) VALUES ('B', 'Ba', 'commune', 424242)")
	require.True(t, database.IsForeignKeyViolation(err))
	require.False(t, database.IsUniqueViolation(nil))
}

// A second migrator waits for the one holding the lock instead of failing,
// then finds nothing left to do.
func TestMigrateWaitsForTheLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	holder, err := db.Conn(ctx)
	require.NoError(t, err)
	defer holder.Close()
	_, err = holder.ExecContext(ctx, "SELECT pg_advisory_lock(?)", database.MigrationLock)
	require.NoError(t, err)

	done := make(chan error, 1)
	go func() {
		_, err := database.Migrate(ctx, db)
		done <- err
	}()
	// Wait until the migrator is seen waiting on the lock (not a timed
	// assertion: it waits for as long as the lock is held).
	require.Eventually(t, func() bool {
		var waiting int
		err := db.NewRaw("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").Scan(ctx, &waiting)
		return err == nil && waiting == 1
	}, time.Minute, 20*time.Millisecond, "the second migrator waits on the lock")
	select {
	case err := <-done:
		t.Fatalf("Migrate returned while another held the lock: %v", err)
	default:
	}
	_, err = holder.ExecContext(ctx, "SELECT pg_advisory_unlock(?)", database.MigrationLock)
	require.NoError(t, err)
	require.NoError(t, <-done)
}
