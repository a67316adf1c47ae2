package bench_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/bench"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/tasks"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// TestGenerateSmall generates the small scale and checks what it wrote: the
// summary's counts, the demo logins, every deadline form, a variety of
// states, and a status timeline that agrees with the rule in SQL.
func TestGenerateSmall(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	sc, err := bench.ScaleNamed("small")
	require.NoError(t, err)
	now := time.Date(2026, 10, 7, 10, 0, 0, 0, civil.Zone)
	sum, err := bench.Generate(ctx, db, sc, now, nil)
	require.NoError(t, err)
	t.Log(sum)

	count := func(q string) int {
		var n int
		require.NoError(t, db.NewRaw(q).Scan(ctx, &n))
		return n
	}
	require.Equal(t, 1+sc.Departments+sc.Communes, sum.Units)
	require.Equal(t, sum.Units, count("SELECT count(*) FROM units"))
	require.Equal(t, sum.Units*sc.Years, count("SELECT count(*) FROM plans"))
	require.Equal(t, sum.Tasks, count("SELECT count(*) FROM tasks"))
	require.Equal(t, sum.Entries, count("SELECT count(*) FROM progress_entries"))
	require.Equal(t, sum.Spans, count("SELECT count(*) FROM task_timeline"))
	require.Equal(t, 6, count("SELECT count(DISTINCT deadline_kind) FROM tasks"))
	require.Equal(t, 5, count("SELECT count(*) FROM users WHERE email LIKE '%@cchc.test'"))
	require.Positive(t, count("SELECT count(*) FROM tasks WHERE parent_task_id IS NOT NULL"))
	require.Positive(t, count("SELECT count(*) FROM completion_reviews WHERE decision = 'returned'"))
	require.Positive(t, count("SELECT count(*) FROM deadline_extensions WHERE state = 'approved'"))
	require.Positive(t, count("SELECT count(*) FROM evidence_files"))
	require.Positive(t, count("SELECT count(*) FROM notices"))
	for _, s := range tasks.Statuses {
		require.Positive(t, sum.Status.Of(s), "some tasks %s", s)
	}

	var planIDs []int64
	require.NoError(t, db.NewRaw("SELECT id FROM plans ORDER BY id").Scan(ctx, &planIDs))
	days := []civil.Date{civil.MustParse("2025-01-01"), civil.MustParse("2025-05-20"), civil.MustParse("2025-12-31"),
		civil.MustParse("2026-04-01"), civil.In(now), civil.MustParse("2027-01-15")}
	mismatches, err := tasks.CheckTimeline(ctx, db, planIDs, days)
	require.NoError(t, err)
	require.Empty(t, mismatches)

	_, err = bench.Generate(ctx, db, sc, now, nil)
	require.ErrorIs(t, err, bench.ErrNotEmpty)
}
