package par_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/audit"
	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/par"
	"cchc/plans"
	"cchc/reports"
	"cchc/units"
)

// feedWorld is newWorld with the body's plan of year (and one plan of
// each unit's own), and a set for the group whose components are computed
// by the feeds under test: 1.1 reports on time (1 point), 1.2 the on-time
// dossiers indicator (5 points, proportional), 1.3 an at-most indicator of
// the body's plan (2 points).
type feedWorld struct {
	*world
	year  int
	plan  *plans.Plan
	own   map[string]*plans.Plan
	set   *par.Set
	items map[string]*par.Item
}

const lateCode = "HS_TRE_HAN"

func newFeedWorld(t *testing.T, year int) *feedWorld {
	t.Helper()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	w := &feedWorld{world: newWorld(t), year: year, own: map[string]*plans.Plan{}, items: map[string]*par.Item{}}
	w.plan = &plans.Plan{UnitID: w.body.ID, Year: year, Number: "1/KH-UBND", Title: "Kế hoạch CCHC", State: plans.StateIssued}
	require.NoError(t, plans.Insert(ctx, w.db, w.plan))
	var err error
	w.plan, err = plans.Get(ctx, w.db, w.plan.ID)
	require.NoError(t, err)
	for _, c := range []string{"A", "B", "C"} {
		p := &plans.Plan{UnitID: w.units[c].ID, Year: year, Number: "1/KH-" + c, Title: "Kế hoạch CCHC của " + c, State: plans.StateIssued}
		require.NoError(t, plans.Insert(ctx, w.db, p))
		w.own[c] = p
	}
	_, err = indicators.Create(ctx, w.db, w.plan.ID, indicators.New{Code: lateCode, Name: "Số hồ sơ trễ hạn", UnitOfMeasure: "hồ sơ",
		Kind: indicators.Count, Direction: indicators.AtMost, Target: ptrTo(10.0)})
	require.NoError(t, err)
	crit := &par.Criteria{Title: "Bộ chỉ số thử", Areas: []*par.Node{{Number: "1", Title: "Tự động", Children: []*par.Node{
		{Number: "1.1", Title: "Báo cáo đúng hạn", Max: 100, HasMax: true, Rule: par.Rule{Method: par.MethodComputed, Source: par.SourceReports}},
		{Number: "1.2", Title: "Hồ sơ đúng hạn", Max: 500, HasMax: true, Rule: par.Rule{Method: par.MethodComputed, Source: par.SourceIndicator, Ref: indicators.CodeOnTime}},
		{Number: "1.3", Title: "Hồ sơ trễ hạn", Max: 200, HasMax: true, Rule: par.Rule{Method: par.MethodComputed, Source: par.SourceIndicator, Ref: lateCode}},
	}}}}
	s, err := par.InsertSet(ctx, w.db, par.NewSet{GroupID: w.group.ID, Year: year}, crit)
	require.NoError(t, err)
	s, err = par.Configure(ctx, w.db, s.ID, s.Version, par.Settings{SelfFrom: civil.New(year, 12, 1), SelfTo: civil.New(year, 12, 20), AnswerDays: 3, Bands: s.Bands})
	require.NoError(t, err)
	_, err = par.Open(ctx, w.db, s.ID, s.Version)
	require.NoError(t, err)
	w.set, err = par.GetSet(ctx, w.db, s.ID)
	require.NoError(t, err)
	tree, err := par.LoadTree(ctx, w.db, w.set)
	require.NoError(t, err)
	for _, it := range tree.Leaves {
		w.items[it.Number] = it
	}
	return w
}

func ptrTo[T any](v T) *T { return &v }

// lines are each unit's line of a component on day today, by unit code.
func (w *feedWorld) lines(t *testing.T, number string, today civil.Date) map[string]*par.Line {
	t.Helper()
	_, cards, err := par.Cards(context.Background(), w.db, w.set, par.DefaultFeeds(), today)
	require.NoError(t, err)
	out := map[string]*par.Line{}
	for _, c := range cards {
		out[c.Unit.Code] = c.Line(w.items[number].ID)
	}
	return out
}

// report sets a unit's indicator figure for a period of the body's plan.
func (w *feedWorld) report(t *testing.T, code, unit string, period plans.Period, value, num, den float64) {
	t.Helper()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	is, err := indicators.ForPlan(ctx, w.db, w.plan.ID)
	require.NoError(t, err)
	ind, ok := indicators.ByCode(is, code)
	require.True(t, ok, code)
	u, err := units.ByCode(ctx, w.db, unit)
	require.NoError(t, err)
	e := indicators.Entry{Period: period, Unit: u}
	if ind.Kind == indicators.Ratio {
		e.Numerator, e.Denominator = &num, &den
	} else {
		e.Value = &value
	}
	_, err = indicators.Set(ctx, w.db, w.plan, ind, e)
	require.NoError(t, err)
}

// "Reports sent on time" follows the reporting chain of the body's plan:
// a report is due the chain's working days after the body's cut-off; a
// unit that finalised by that day gets the point, one that finalised after
// it loses it, and one that has not finalised is counted late once the
// day has passed — not before.
func TestReportsFeedFollowsTheChain(t *testing.T) {
	t.Parallel()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	w := newFeedWorld(t, 2025)
	set, err := reports.SettingsOf(ctx, w.db, w.plan.ID)
	require.NoError(t, err)
	due, err := reports.DueDate(ctx, w.db, w.plan, plans.Q1, set.SubmissionDays)
	require.NoError(t, err)
	require.Equal(t, civil.MustParse("2025-03-18"), due, "two working days after Friday 14/3")

	// A finalises on the due day itself, B the day after it; C never.
	_, err = reports.FinalizeAt(ctx, w.db, w.own["A"].ID, plans.Q1, due, due.Start().Add(16*time.Hour))
	require.NoError(t, err)
	_, err = reports.FinalizeAt(ctx, w.db, w.own["B"].ID, plans.Q1, due.AddDays(1), due.AddDays(1).Start().Add(9*time.Hour))
	require.NoError(t, err)

	// The chain says the same.
	c, err := reports.BuildChain(ctx, w.db, w.plan, plans.Q1, civil.MustParse("2025-03-14"), civil.MustParse("2025-05-05"))
	require.NoError(t, err)
	late := map[string]bool{}
	for _, s := range c.Units {
		late[s.UnitCode] = s.Late
	}
	require.Equal(t, map[string]bool{"A": false, "B": true, "C": true}, late)

	// In May only quý I is due: A 1/1 and the point, B and C 0/1 and none.
	ls := w.lines(t, "1.1", civil.MustParse("2025-05-05"))
	for code, want := range map[string][2]int64{"A": {1, 1}, "B": {0, 1}, "C": {0, 1}} {
		f := ls[code].Figure
		require.True(t, f.Known, code)
		require.Equal(t, "reports", f.Kind)
		require.Equal(t, want, [2]int64{f.Done, f.Total}, code)
		require.Equal(t, civil.MustParse("2025-05-05"), f.AsOf)
	}
	require.Equal(t, par.Points(100), ls["A"].Computed)
	require.Equal(t, par.Points(0), ls["B"].Computed, "finalised after the due day: the point is lost")
	require.Equal(t, par.Points(0), ls["C"].Computed)

	// On the due day: A's report counts; B's and C's are not due yet (B's
	// finalisation is not known then): no figure.
	ls = w.lines(t, "1.1", due)
	require.Equal(t, [2]int64{1, 1}, [2]int64{ls["A"].Figure.Done, ls["A"].Figure.Total})
	require.False(t, ls["B"].Figure.Known)
	require.False(t, ls["C"].Figure.Known)

	// After the year: four reports each. A sent the 6-month report early
	// (counted on time), B the 9-month one on time; nothing else.
	_, err = reports.FinalizeAt(ctx, w.db, w.own["A"].ID, plans.H1, civil.MustParse("2025-06-10"), civil.MustParse("2025-06-10").Start().Add(10*time.Hour))
	require.NoError(t, err)
	due9, err := reports.DueDate(ctx, w.db, w.plan, plans.NineMonths, set.SubmissionDays)
	require.NoError(t, err)
	_, err = reports.FinalizeAt(ctx, w.db, w.own["B"].ID, plans.NineMonths, due9.AddDays(-1), due9.AddDays(-1).Start().Add(10*time.Hour))
	require.NoError(t, err)
	ls = w.lines(t, "1.1", civil.MustParse("2026-01-15"))
	for code, want := range map[string][2]int64{"A": {2, 4}, "B": {1, 4}, "C": {0, 4}} {
		require.Equal(t, want, [2]int64{ls[code].Figure.Done, ls[code].Figure.Total}, code)
	}
	require.Equal(t, par.Points(50), ls["A"].Computed)
	require.Equal(t, par.Points(25), ls["B"].Computed)

	// The chain's due days are the body plan's: more days, B's quý I is on time.
	set.SubmissionDays = 5
	_, err = reports.SaveSettings(ctx, w.db, set)
	require.NoError(t, err)
	ls = w.lines(t, "1.1", civil.MustParse("2025-05-05"))
	require.Equal(t, [2]int64{1, 1}, [2]int64{ls["B"].Figure.Done, ls["B"].Figure.Total})
}

// "Dossiers resolved on time" reads the indicator the units' subtrees
// reported on the body's plan against the plan's target: full points when
// the target is met, proportionally fewer below, no data without a figure;
// an at-most indicator is met within its target. The year's figure is
// read, else the latest period with one.
func TestIndicatorFeed(t *testing.T) {
	t.Parallel()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	w := newFeedWorld(t, 2025)
	// An office under A reports too: A's figure is its subtree's.
	a1 := &units.Unit{Code: "A1", Name: "Chi cục A1", Kind: units.KindAgency, ParentID: w.units["A"].ID}
	require.NoError(t, units.Create(ctx, w.db, a1))

	// A: 594 + 396 of 600 + 400 = 99% for the year (target ≥ 98%); B: 94%
	// at 9 months only; C nothing.
	w.report(t, indicators.CodeOnTime, "A", plans.FullYear, 0, 594, 600)
	w.report(t, indicators.CodeOnTime, "A1", plans.FullYear, 0, 396, 400)
	w.report(t, indicators.CodeOnTime, "A", plans.NineMonths, 0, 100, 200) // an older period: not read
	w.report(t, indicators.CodeOnTime, "B", plans.NineMonths, 0, 940, 1000)
	w.report(t, indicators.CodeOnTime, "B", plans.Q3, 0, 10, 100) // the quarter: after 9 months
	ls := w.lines(t, "1.2", civil.MustParse("2026-01-15"))

	a := ls["A"].Figure
	require.True(t, a.Known)
	require.Equal(t, "indicator", a.Kind)
	require.Equal(t, plans.FullYear, a.Period)
	require.InDelta(t, 99.0, *a.Actual, 1e-9)
	require.InDelta(t, 98.0, *a.Target, 1e-9)
	require.Equal(t, [2]int64{9800, 9800}, [2]int64{a.Done, a.Total}, "met: capped at the target")
	require.Equal(t, civil.MustParse("2025-12-14"), a.AsOf)
	require.Equal(t, par.Points(500), ls["A"].Computed, "target met: full points")
	require.Equal(t, "99%", a.ActualText())
	require.Equal(t, "≥ 98%", a.TargetText())

	b := ls["B"].Figure
	require.True(t, b.Known)
	require.Equal(t, plans.NineMonths, b.Period)
	require.Equal(t, [2]int64{9400, 9800}, [2]int64{b.Done, b.Total})
	require.Equal(t, civil.MustParse("2025-09-14"), b.AsOf)
	require.Equal(t, par.Points(480), ls["B"].Computed, "94% of a 98% target: 5 × 94/98 = 4,80 points")

	require.False(t, ls["C"].Figure.Known, "nothing reported: no data")
	require.Equal(t, par.Points(0), ls["C"].Computed)

	// A period not begun by the evaluation day is not read: C's quarter IV
	// figure is read after 15/9, not in May; the year's figure is read as
	// of the day while the year is under way.
	w.report(t, indicators.CodeOnTime, "C", plans.Q4, 0, 100, 100)
	ls = w.lines(t, "1.2", civil.MustParse("2025-05-20"))
	require.False(t, ls["C"].Figure.Known)
	require.True(t, ls["A"].Figure.Known)
	require.Equal(t, civil.MustParse("2025-05-20"), ls["A"].Figure.AsOf)
	ls = w.lines(t, "1.2", civil.MustParse("2026-01-15"))
	require.Equal(t, plans.Q4, ls["C"].Figure.Period)
	require.Equal(t, par.Points(500), ls["C"].Computed)

	// At most 10 late dossiers: A has 4 (full points), B 20 (half), C 0
	// (full).
	w.report(t, lateCode, "A", plans.FullYear, 3, 0, 0)
	w.report(t, lateCode, "A1", plans.FullYear, 1, 0, 0)
	w.report(t, lateCode, "B", plans.FullYear, 20, 0, 0)
	w.report(t, lateCode, "C", plans.FullYear, 0, 0, 0)
	ls = w.lines(t, "1.3", civil.MustParse("2026-01-15"))
	require.Equal(t, par.Points(200), ls["A"].Computed)
	require.Equal(t, par.Points(100), ls["B"].Computed)
	require.Equal(t, par.Points(200), ls["C"].Computed)
	require.Equal(t, [2]int64{1000, 2000}, [2]int64{ls["B"].Figure.Done, ls["B"].Figure.Total})
	require.Equal(t, "≤ 10", ls["B"].Figure.TargetText())

	// A step table reads the figure's share of the target.
	r := par.Rule{Method: par.MethodComputed, Source: par.SourceIndicator, Steps: []par.Step{{From: 10000, Points: 500}, {From: 9500, Points: 300}}}
	require.Equal(t, par.Points(500), r.Apply(500, a.Done, a.Total))
	require.Equal(t, par.Points(300), r.Apply(500, b.Done, b.Total), "94/98 = 95,9% of the target")

	// Without a target the figure cannot be read against one: no data.
	is, err := indicators.ForPlan(ctx, w.db, w.plan.ID)
	require.NoError(t, err)
	ind, _ := indicators.ByCode(is, indicators.CodeOnTime)
	_, err = indicators.SetTarget(ctx, w.db, w.plan.ID, ind.ID, nil, ind.TargetVersion)
	require.NoError(t, err)
	ls = w.lines(t, "1.2", civil.MustParse("2026-01-15"))
	require.False(t, ls["A"].Figure.Known)
}
