package database_test

import (
	"context"
	"testing"

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
