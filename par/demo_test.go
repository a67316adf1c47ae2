package par_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/par"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the instant the tests pretend it is: a Monday morning in Hà Nội.
var now = time.Date(2026, 11, 23, 9, 30, 0, 0, civil.Zone)

func demoDB(t testing.TB) *bun.DB {
	return dbtest.Seeded(t, "demo", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, now)
		return err
	})
}

func setOf(t *testing.T, db bun.IDB, group string, year int) *par.Set {
	t.Helper()
	g, err := par.GroupByCode(context.Background(), db, group)
	require.NoError(t, err)
	s, err := par.SetOf(context.Background(), db, g.ID, year)
	require.NoError(t, err)
	return s
}

// The done-when: on the demo, the 2024 ranking lists every
// department and commune of the city in score order, with classes from the
// bands and ties sharing a rank.
func TestDemo2024Ranking(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	ctx := context.Background()
	city, err := units.ByCode(ctx, db, demo.CityCode)
	require.NoError(t, err)
	all, err := units.Subtree(ctx, db, city)
	require.NoError(t, err)
	want := map[string][]string{}
	for _, u := range all {
		switch {
		case u.ParentID != city.ID:
		case u.Kind == units.KindCommune:
			want["TP.XA"] = append(want["TP.XA"], u.Code)
		case u.Kind == units.KindDepartment || u.Kind == units.KindAgency:
			want["TP.PHONG"] = append(want["TP.PHONG"], u.Code)
		}
	}
	require.Len(t, want["TP.PHONG"], 14)
	require.Len(t, want["TP.XA"], 9)
	classes := map[string]bool{}
	ties := 0
	for group, codes := range want {
		s := setOf(t, db, group, 2024)
		require.Equal(t, par.StatePublished, s.State)
		tree, cards, err := par.Cards(ctx, db, s, par.DefaultFeeds(), civil.In(now))
		require.NoError(t, err)
		require.GreaterOrEqual(t, tree.CriteriaCount(), 8)
		require.GreaterOrEqual(t, len(tree.Leaves), 30)
		require.NotEmpty(t, tree.LeavesBy(par.MethodComputed))
		ranked := par.Ranked(cards)
		var got []string
		for i, c := range ranked {
			got = append(got, c.Unit.Code)
			require.Equal(t, par.ClassOf(s.Bands, c.Final), c.Class, c.Unit.Code)
			classes[c.Class] = true
			if i == 0 {
				require.Equal(t, 1, c.Rank)
				continue
			}
			prev := ranked[i-1]
			require.LessOrEqual(t, c.Final, prev.Final, "score order")
			if c.Final == prev.Final {
				require.Equal(t, prev.Rank, c.Rank, "a tie shares a rank")
				ties++
			} else {
				require.Equal(t, i+1, c.Rank)
			}
		}
		require.ElementsMatch(t, codes, got)
	}
	require.Positive(t, ties, "the demo has a tie")
	require.GreaterOrEqual(t, len(classes), 4, "classes spread over the bands: %v", classes)
}

// The done-when: a computed component equals what the plan's stats
// give for that unit at the year-end cut-off.
func TestComputedComponentIsPlanStats(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	ctx := context.Background()
	s := setOf(t, db, "TP.PHONG", 2024)
	tree, cards, err := par.Cards(ctx, db, s, par.DefaultFeeds(), civil.In(now))
	require.NoError(t, err)
	var comp *par.Item
	for _, it := range tree.LeavesBy(par.MethodComputed) {
		if it.Source == par.SourcePlan {
			comp = it
		}
	}
	require.NotNil(t, comp)

	city, err := units.ByCode(ctx, db, demo.CityCode)
	require.NoError(t, err)
	plan, err := plans.ByUnitYear(ctx, db, city.ID, 2024)
	require.NoError(t, err)
	_, cutoff := plans.FullYear.Range(2024, plan.CutoffScheme)
	require.Equal(t, civil.MustParse("2024-12-14"), cutoff)
	stats, err := tasks.StatsAt(ctx, db, plan.ID, cutoff)
	require.NoError(t, err)
	byUnit := map[int64]tasks.UnitCounts{}
	for _, u := range stats.ByUnit {
		byUnit[u.UnitID] = u
	}
	partial := 0
	for _, c := range cards {
		l := c.Line(comp.ID)
		require.NotNil(t, l)
		u, ok := byUnit[c.Unit.ID]
		require.True(t, ok, "%s leads tasks of the 2024 plan", c.Unit.Code)
		want := float64(comp.Max) * float64(u.Completed) / float64(u.Total)
		require.InDelta(t, want, float64(l.Computed), 0.5, c.Unit.Code)
		require.Equal(t, int64(u.Completed), l.Figure.Done, c.Unit.Code)
		require.Equal(t, int64(u.Total), l.Figure.Total, c.Unit.Code)
		require.Equal(t, cutoff, l.Figure.AsOf)
		if u.Completed < u.Total {
			partial++
			require.Less(t, l.Computed, comp.Max)
		}
		// Live (before publication) the feeds give the same figure.
		live, fig := liveComputed(t, db, s, comp, c.Unit)
		require.Equal(t, l.Computed, live, c.Unit.Code)
		require.Equal(t, l.Figure, fig)
	}
	require.Positive(t, partial, "some unit has unfinished tasks at the cut-off")
}

// liveComputed asks the plan feed directly, as an unpublished set would.
func liveComputed(t *testing.T, db bun.IDB, s *par.Set, it *par.Item, u units.Unit) (par.Points, par.Figure) {
	t.Helper()
	fs, err := par.DefaultFeeds()[par.SourcePlan].Figures(context.Background(), db, par.Query{Year: s.Year, Body: *s.Group.Body, Units: []units.Unit{u}, Today: civil.In(now)})
	require.NoError(t, err)
	f := fs[u.ID]
	return it.Rule().Apply(it.Max, f.Done, f.Total), f
}
