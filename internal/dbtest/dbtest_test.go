package dbtest_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/internal/database"
	"cchc/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestSchemaIsMigrated(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	var n int
	require.NoError(t, db.NewSelect().TableExpr("units").ColumnExpr("count(*)").Scan(t.Context(), &n))
	require.Zero(t, n)
}

// Two tests run side by side, each inserting the same unit code: if they
// shared a database, the second insert would violate the unique constraint
// and each would see two rows.
func TestParallelTestsAreIsolated(t *testing.T) {
	t.Parallel()
	var inserted sync.WaitGroup
	inserted.Add(2)
	bothInserted := make(chan struct{})
	go func() { inserted.Wait(); close(bothInserted) }()
	for _, name := range []string{"first", "second"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := dbtest.New(t)
			_, err := db.ExecContext(t.Context(),
				"INSERT INTO units (code, name, kind) VALUES ('UBND', ?, 'city')", name)
			inserted.Done()
			require.NoError(t, err)
			select {
			case <-bothInserted: // both rows exist now, wherever they went
			case <-time.After(30 * time.Second):
				// With -parallel 1 the other test cannot run yet.
				t.Log("the other test did not run alongside this one")
			}

			var names []string
			require.NoError(t, db.NewSelect().TableExpr("units").Column("name").Scan(t.Context(), &names))
			require.Equal(t, []string{name}, names)
		})
	}
}

func TestURLOpensItsOwnDatabase(t *testing.T) {
	t.Parallel()
	u := dbtest.URL(t)
	a, err := database.Open(t.Context(), u)
	require.NoError(t, err)
	defer a.Close()
	b, err := database.Open(t.Context(), u)
	require.NoError(t, err)
	defer b.Close()

	_, err = a.ExecContext(t.Context(), "INSERT INTO units (code, name, kind) VALUES ('X', 'x', 'city')")
	require.NoError(t, err)
	var n int
	require.NoError(t, b.NewSelect().TableExpr("units").ColumnExpr("count(*)").Scan(t.Context(), &n))
	require.Equal(t, 1, n, "two pools on one URL share the database")

	require.NotEqual(t, u, dbtest.URL(t), "each call makes a new database")
}

func TestSeededCopiesAreIsolated(t *testing.T) {
	t.Parallel()
	seeds := 0
	seed := func(ctx context.Context, db *bun.DB) error {
		seeds++
		_, err := db.ExecContext(ctx, "INSERT INTO units (code, name, kind) VALUES ('SEED', 'UBND tỉnh mẫu', 'province')")
		return err
	}
	a := dbtest.Seeded(t, "isolation", seed)
	b := dbtest.Seeded(t, "isolation", seed)
	require.Equal(t, 1, seeds, "the seed runs once per binary and key")
	ctx := context.Background()
	_, err := a.ExecContext(ctx, "DELETE FROM units WHERE code = 'SEED'")
	require.NoError(t, err)
	n, err := b.NewSelect().Table("units").Where("code = 'SEED'").Count(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "a change in one copy does not reach the other")
}
