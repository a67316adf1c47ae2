package rollup_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/bench"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/rollup"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// generatedAt is the day the test data's histories run up to.
var generatedAt = time.Date(2026, 11, 20, 9, 0, 0, 0, civil.Zone)

func generated(t *testing.T) *bun.DB {
	t.Helper()
	sc := bench.Scale{Name: "test", Provinces: 2, Departments: 4, Communes: 5, Years: 2}
	return dbtest.Seeded(t, "bench-test", func(ctx context.Context, db *bun.DB) error {
		_, err := bench.Generate(ctx, db, sc, generatedAt, nil)
		return err
	})
}

// scopePlans lists the plans a scope covers, the slow way.
func scopePlans(ctx context.Context, t *testing.T, db bun.IDB, sc rollup.Scope) []plans.Plan {
	t.Helper()
	f := plans.Filter{Year: sc.Year}
	if sc.Root != nil {
		f.UnitPaths = []string{sc.Root.Path}
	}
	ps, err := plans.List(ctx, db, f)
	require.NoError(t, err)
	return slices.DeleteFunc(ps, func(p plans.Plan) bool { return p.State == plans.StateDraft })
}

// TestRollupMatchesPlans checks the rollups against the plans' own counts
// (tasks.StatsAt) on a generated dataset: totals, by plan, by lead unit, by
// area name, for the whole country, a province and a commune, at several
// days; and the task lists against the plans' states.
func TestRollupMatchesPlans(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := generated(t)
	province, err := units.ByCode(ctx, db, "T02")
	require.NoError(t, err)
	commune, err := units.ByCode(ctx, db, "T01.X003")
	require.NoError(t, err)
	justice, err := units.ByCode(ctx, db, "T01.STP")
	require.NoError(t, err)

	days := []civil.Date{civil.MustParse("2025-03-14"), civil.MustParse("2025-12-31"), civil.MustParse("2026-06-30"), civil.In(generatedAt), civil.MustParse("2027-02-01")}
	for _, year := range []int{2025, 2026} {
		for _, root := range []*units.Unit{nil, province, commune} {
			sc := rollup.Scope{Year: year, Root: root}
			ps := scopePlans(ctx, t, db, sc)
			require.NotEmpty(t, ps)
			for _, day := range days {
				got, err := rollup.Count(ctx, db, sc, day)
				require.NoError(t, err)
				var totals tasks.Counts
				byUnit := map[string]tasks.Counts{}
				byArea := map[string]tasks.Counts{}
				byPlan := map[int64]tasks.Counts{}
				for _, p := range ps {
					st, err := tasks.StatsAt(ctx, db, p.ID, day)
					require.NoError(t, err)
					totals.Merge(st.Counts)
					byPlan[p.ID] = st.Counts
					for _, u := range st.ByUnit {
						c := byUnit[u.Code]
						c.Merge(u.Counts)
						byUnit[u.Code] = c
					}
					for _, a := range st.ByArea {
						c := byArea[a.Name]
						c.Merge(a.Counts)
						byArea[a.Name] = c
					}
				}
				require.Equal(t, totals, got.Totals, "totals of %d under %v at %s", year, root, day)
				require.Len(t, got.Plans, len(ps))
				var sum tasks.Counts
				for _, p := range got.Plans {
					require.Equal(t, byPlan[p.PlanID], p.Counts, "plan %d at %s", p.PlanID, day)
					sum.Merge(p.Counts)
				}
				require.Equal(t, got.Totals, sum)
				require.Len(t, got.Units, len(byUnit))
				for _, u := range got.Units {
					require.Equal(t, byUnit[u.Code], u.Counts, "unit %s at %s", u.Code, day)
					require.Equal(t, vnRate(u.CompletedOnTime, u.Completed), u.OnTimeRate)
				}
				require.Len(t, got.Areas, len(byArea))
				for _, a := range got.Areas {
					require.Equal(t, byArea[a.Name], a.Counts, "area %s at %s", a.Name, day)
				}
			}
		}
	}

	// Task lists: overdue in a province; due within 14 days; a unit's work.
	day := civil.In(generatedAt)
	sc := rollup.Scope{Year: 2026, Root: province}
	want := map[int64]tasks.State{}
	inv := map[int64]rollup.Role{}
	for _, p := range scopePlans(ctx, t, db, rollup.Scope{Year: 2026}) {
		st, err := tasks.StatesSQL(ctx, db, []int64{p.ID}, day)
		require.NoError(t, err)
		ts, err := tasks.ForPlan(ctx, db, p.ID)
		require.NoError(t, err)
		for _, tk := range ts {
			s := st.Of(tk.ID)
			if province.Contains(*p.Unit) && s.Status == tasks.StatusOverdue {
				want[tk.ID] = s
			}
			switch {
			case tk.LeadUnitID == justice.ID:
				inv[tk.ID] = rollup.RoleLead
			case tk.CoordinatesWith(justice.ID):
				inv[tk.ID] = rollup.RoleCoordinate
			}
		}
	}
	rows, err := rollup.Tasks(ctx, db, rollup.Query{Scope: sc, AsOf: day, Statuses: []tasks.Status{tasks.StatusOverdue}, Limit: 1000})
	require.NoError(t, err)
	require.Len(t, rows, len(want))
	for i, r := range rows {
		require.Equal(t, want[r.Task.ID], r.State, "task %d", r.Task.ID)
		require.Equal(t, r.Task.PlanID, r.PlanID)
		require.NotNil(t, r.Task.LeadUnit)
		if i > 0 {
			require.GreaterOrEqual(t, rows[i-1].State.DaysOverdue, r.State.DaysOverdue, "most overdue first")
		}
	}

	soon, err := rollup.Tasks(ctx, db, rollup.Query{Scope: rollup.Scope{Year: 2026}, AsOf: day, DueFrom: day, DueTo: day.AddDays(14), Open: true, Limit: 1000})
	require.NoError(t, err)
	for i, r := range soon {
		require.False(t, r.State.Status.Completed())
		require.False(t, r.State.Due.Before(day))
		require.False(t, r.State.Due.After(day.AddDays(14)))
		if prev := i - 1; prev >= 0 && soon[prev].State.Status != tasks.StatusOverdue {
			// Overdue first (a recurring task that missed an earlier
			// occurrence), then by deadline.
			require.NotEqual(t, tasks.StatusOverdue, r.State.Status)
			require.False(t, r.State.Due.Before(soon[prev].State.Due), "soonest first")
		}
	}

	work, err := rollup.Tasks(ctx, db, rollup.Query{Scope: rollup.Scope{Year: 2026}, AsOf: day, Involving: justice, Limit: 1000})
	require.NoError(t, err)
	require.Len(t, work, len(inv))
	for _, r := range work {
		require.Equal(t, inv[r.Task.ID], r.Role, "task %d", r.Task.ID)
	}
	limited, err := rollup.Tasks(ctx, db, rollup.Query{Scope: rollup.Scope{Year: 2026}, AsOf: day, Involving: justice, Limit: 3})
	require.NoError(t, err)
	require.Equal(t, work[:3], limited)
}

func vnRate(done, total int) float64 {
	var c tasks.Counts
	c.AddN(tasks.StatusCompletedOnTime, done)
	c.AddN(tasks.StatusInProgress, total-done)
	return c.Percent
}

// TestTrend checks the trend against Count at each day.
func TestTrend(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := generated(t)
	days := rollup.Cutoffs(2026, plans.SchemeDecree, civil.In(generatedAt))
	require.Equal(t, []civil.Date{civil.MustParse("2026-03-14"), civil.MustParse("2026-06-14"), civil.MustParse("2026-09-14"), civil.In(generatedAt)}, days)
	sc := rollup.Scope{Year: 2026}
	points, err := rollup.Trend(ctx, db, sc, days)
	require.NoError(t, err)
	require.Len(t, points, len(days))
	for i, p := range points {
		require.Equal(t, days[i], p.Day)
		sum, err := rollup.Count(ctx, db, sc, p.Day)
		require.NoError(t, err)
		require.Equal(t, sum.Totals, p.Counts)
	}
	require.Equal(t, []civil.Date{civil.MustParse("2025-03-14"), civil.MustParse("2025-06-14"), civil.MustParse("2025-09-14"), civil.MustParse("2025-12-14")},
		rollup.Cutoffs(2025, plans.SchemeDecree, civil.In(generatedAt)))
}

func TestRank(t *testing.T) {
	t.Parallel()
	u := func(name string, done, onTime, overdue, total int) rollup.UnitCounts {
		var c tasks.Counts
		c.AddN(tasks.StatusCompletedOnTime, onTime)
		c.AddN(tasks.StatusCompletedLate, done-onTime)
		c.AddN(tasks.StatusOverdue, overdue)
		c.AddN(tasks.StatusInProgress, total-done-overdue)
		return rollup.UnitCounts{UnitRef: rollup.UnitRef{Name: name}, Counts: c, OnTimeRate: vnRate(onTime, done)}
	}
	us := []rollup.UnitCounts{
		u("Sở Y tế", 5, 5, 0, 10),
		u("Sở Tư pháp", 9, 8, 1, 10),
		u("Sở Nội vụ", 9, 9, 0, 10),
		u("Sở Công Thương", 9, 8, 1, 10),
		u("Sở Xây dựng", 9, 8, 0, 10),
	}
	rollup.Rank(us)
	var got []string
	var ranks []int
	for _, x := range us {
		got = append(got, x.Name)
		ranks = append(ranks, x.Rank)
	}
	require.Equal(t, []string{"Sở Nội vụ", "Sở Xây dựng", "Sở Công Thương", "Sở Tư pháp", "Sở Y tế"}, got)
	require.Equal(t, []int{1, 2, 3, 3, 5}, ranks)
}
