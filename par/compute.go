package par

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/uptrace/bun"

	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

// Computed components read cchc's own data through Feeds: one Feed per
// Source, passed in by the caller (app) as a value, so that a source can
// be replaced (a test's, another body's rules) without this package
// knowing where it comes from. par builds on reports and indicators, never
// the other way round.
//
// The default feeds (DefaultFeeds):
//
//   - plan: the body's plan of the set's year (the plan the body that scores
//     the group issued), at its year-end cut-off (plans.FullYear's Range,
//     14/12 by Decree 09/2019) or today while that is ahead: the unit's row
//     of tasks.StatsAt by lead unit — completed ÷ total.
//   - plan_involved: the same over the tasks the unit leads or coordinates.
//   - own_plan: the unit's own plan of the year at its year-end cut-off.
//   - reports: the reporting chain of the body's plan of the year
//     (reports.ChainStates, its one rule of due and late): of the unit's
//     periodic reports (quý I, 6 tháng, 9 tháng, năm), due the chain's
//     working days after the body's plan's cut-off (reports.DueDate with
//     the plan's report settings), those sent on time — first finalised by
//     the due day — over those counted: finalised by the evaluation day, or
//     due before it and not finalised (late). A report not yet due and not
//     finalised is not counted yet; a unit outside the chain (no plan of
//     its own that year, not directly under the body) has no figure.
//   - indicator: the indicator whose code is the component's Ref on the
//     body's plan of the year: the figure the unit's subtree reported
//     (indicators.ResultsByUnit: counts summed, ratios as summed numerators
//     over summed denominators) against the plan's target. The figure is
//     the year's (plans.FullYear); without one, the latest period with a
//     figure among those begun by the evaluation day (Q4, 9 tháng, Q3, 6
//     tháng, Q2, Q1 — a cumulative period before the quarter ending the same
//     day), read unit by unit. Done of Total is the figure against the
//     target in hundredths (indicatorFigure): full points when the target
//     is met, proportionally fewer below (or by the step table, whose
//     percentages are then of the target). No figure, no such indicator or
//     no target: no data.
//
// A figure a feed does not know gives 0 points, shown as "no data", unless
// the appraisal group corrects it.

// Figure is a unit's figure for a computed component: Done of Total at
// AsOf. Known is false when cchc holds no data for it.
type Figure struct {
	Done  int64      `json:"done"`
	Total int64      `json:"total"`
	Known bool       `json:"known"`
	AsOf  civil.Date `json:"as_of"`
	// Kind says what is counted: "tasks", "reports" or "indicator".
	Kind string `json:"kind"`

	// An indicator's figure (Kind "indicator"): the period it was read
	// from, the figure and the plan's target (percentages for a ratio),
	// whether they read as percentages and which side of the target meets
	// it. Done and Total are then the figure against the target, in
	// hundredths (indicatorFigure).
	Period    plans.Period         `json:"period,omitempty"`
	Actual    *float64             `json:"actual,omitempty"`
	Target    *float64             `json:"target,omitempty"`
	Percent   bool                 `json:"percent,omitempty"`
	Direction indicators.Direction `json:"direction,omitempty"`
}

// Query is what a feed is asked: the figures of units for a set's year.
type Query struct {
	Year  int
	Body  units.Unit
	Units []units.Unit
	Ref   string // the indicator's code
	// Today bounds the evaluation: a cut-off still ahead is read as today.
	Today civil.Date
}

// Feed gives the figures of one source.
type Feed interface {
	Figures(ctx context.Context, db bun.IDB, q Query) (map[int64]Figure, error)
}

// Feeds are the feeds by source.
type Feeds map[Source]Feed

// DefaultFeeds are the feeds cchc has today (see the package comment).
func DefaultFeeds() Feeds {
	return Feeds{
		SourcePlan:         planFeed{involved: false},
		SourcePlanInvolved: planFeed{involved: true},
		SourceOwnPlan:      ownPlanFeed{},
		SourceReports:      chainFeed{},
		SourceIndicator:    indicatorFeed{},
	}
}

// yearEnd is the day a plan's figures are read at: its year-end cut-off,
// or today while that is ahead.
func yearEnd(p *plans.Plan, today civil.Date) civil.Date {
	_, to := plans.FullYear.Range(p.Year, p.CutoffScheme)
	if !today.IsZero() && today.Before(to) {
		return today
	}
	return to
}

type planFeed struct{ involved bool }

func (f planFeed) Figures(ctx context.Context, db bun.IDB, q Query) (map[int64]Figure, error) {
	out := map[int64]Figure{}
	p, err := bodyPlan(ctx, db, q)
	if err != nil || p == nil {
		return out, err
	}
	at := yearEnd(p, q.Today)
	if !f.involved {
		st, err := tasks.StatsAt(ctx, db, p.ID, at)
		if err != nil {
			return nil, err
		}
		for _, u := range st.ByUnit {
			out[u.UnitID] = Figure{Done: int64(u.Completed), Total: int64(u.Total), Known: u.Total > 0, AsOf: at, Kind: "tasks"}
		}
		return out, nil
	}
	states, err := tasks.StatesAt(ctx, db, p.ID, at)
	if err != nil {
		return nil, err
	}
	ts, err := tasks.ForPlan(ctx, db, p.ID)
	if err != nil {
		return nil, err
	}
	for _, u := range q.Units {
		var done, total int64
		for i := range ts {
			if ts[i].LeadUnitID != u.ID && !ts[i].CoordinatesWith(u.ID) {
				continue
			}
			total++
			if states.Of(ts[i].ID).Status.Completed() {
				done++
			}
		}
		if total > 0 {
			out[u.ID] = Figure{Done: done, Total: total, Known: true, AsOf: at, Kind: "tasks"}
		}
	}
	return out, nil
}

type ownPlanFeed struct{}

func (ownPlanFeed) Figures(ctx context.Context, db bun.IDB, q Query) (map[int64]Figure, error) {
	out := map[int64]Figure{}
	for _, u := range q.Units {
		p, err := plans.ByUnitYear(ctx, db, u.ID, q.Year)
		if errors.Is(err, errs.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		at := yearEnd(p, q.Today)
		st, err := tasks.StatsAt(ctx, db, p.ID, at)
		if err != nil {
			return nil, err
		}
		if st.Total > 0 {
			out[u.ID] = Figure{Done: int64(st.Completed), Total: int64(st.Total), Known: true, AsOf: at, Kind: "tasks"}
		}
	}
	return out, nil
}

// bodyPlan is the plan of the set's year that the body scoring the group
// issued, nil if it has none (its computed components then have no data).
func bodyPlan(ctx context.Context, db bun.IDB, q Query) (*plans.Plan, error) {
	p, err := plans.ByUnitYear(ctx, db, q.Body.ID, q.Year)
	if errors.Is(err, errs.NotFound) {
		return nil, nil
	}
	return p, err
}

// reportPeriods are the periodic reports the "reports" source counts.
var reportPeriods = []plans.Period{plans.Q1, plans.H1, plans.NineMonths, plans.FullYear}

// chainFeed counts the periodic reports a unit sent on time by the body's
// plan's reporting chain (reports.ChainStates); see the package comment.
type chainFeed struct{}

func (chainFeed) Figures(ctx context.Context, db bun.IDB, q Query) (map[int64]Figure, error) {
	out := map[int64]Figure{}
	p, err := bodyPlan(ctx, db, q)
	if err != nil || p == nil {
		return out, err
	}
	asked := map[int64]bool{}
	for _, u := range q.Units {
		asked[u.ID] = true
	}
	for _, period := range reportPeriods {
		c, err := reports.ChainStates(ctx, db, p, period, q.Today)
		if err != nil {
			return nil, err
		}
		for _, s := range c.Units {
			if !asked[s.UnitID] {
				continue
			}
			f := out[s.UnitID]
			f.Known, f.AsOf, f.Kind = true, q.Today, "reports"
			// A report finalised after the evaluation day is not known on it.
			finalised := s.State == reports.SubmissionFinalised && (q.Today.IsZero() || !civil.In(s.FinalisedAt).After(q.Today))
			switch {
			case finalised:
				f.Total++
				if !s.Late {
					f.Done++
				}
			case q.Today.After(c.Due):
				f.Total++ // due and not sent: late
			}
			out[s.UnitID] = f
		}
	}
	for id, f := range out {
		if f.Total == 0 {
			delete(out, id) // nothing due yet: no figure
		}
	}
	return out, nil
}

// indicatorPeriods are the periods an indicator's figure is read from, in
// the order they are tried: the latest cut-off first, the cumulative
// period before the quarter that ends on the same day.
var indicatorPeriods = []plans.Period{plans.FullYear, plans.Q4, plans.NineMonths, plans.Q3, plans.H1, plans.Q2, plans.Q1}

// indicatorFeed reads an indicator's figure for each unit's subtree
// against the body's plan's target; see the package comment.
type indicatorFeed struct{}

func (indicatorFeed) Figures(ctx context.Context, db bun.IDB, q Query) (map[int64]Figure, error) {
	out := map[int64]Figure{}
	p, err := bodyPlan(ctx, db, q)
	if err != nil || p == nil {
		return out, err
	}
	is, err := indicators.ForPlan(ctx, db, p.ID)
	if err != nil {
		return nil, err
	}
	ind, ok := indicators.ByCode(is, q.Ref)
	if !ok || ind.Target == nil {
		return out, nil // no such indicator, or no target to read it against
	}
	for _, period := range indicatorPeriods {
		from, to := period.Range(p.Year, p.CutoffScheme)
		if !q.Today.IsZero() && q.Today.Before(from) {
			continue // not begun on the evaluation day
		}
		var rest []units.Unit
		for _, u := range q.Units {
			if _, done := out[u.ID]; !done {
				rest = append(rest, u)
			}
		}
		if len(rest) == 0 {
			break
		}
		by, err := indicators.ResultsByUnit(ctx, db, p.ID, p.Year, period, rest)
		if err != nil {
			return nil, err
		}
		asOf := to
		if !q.Today.IsZero() && q.Today.Before(to) {
			asOf = q.Today
		}
		for _, u := range rest {
			for _, r := range by[u.ID] {
				if r.ID == ind.ID && r.Actual != nil {
					out[u.ID] = indicatorFigure(ind, *r.Actual, period, asOf)
				}
			}
		}
	}
	return out, nil
}

// indicatorFigure is an indicator's figure against the plan's target:
// Done of Total in hundredths of the indicator's measure — the figure of
// the target for an at-least indicator (98,49% of a 98% target: 9800 of
// 9800, the figure capped at the target), the target of the figure for an
// at-most one (full when the figure is within the target) — so that a rule
// gives full points when the target is met and proportionally fewer below.
func indicatorFigure(ind *indicators.Indicator, actual float64, period plans.Period, asOf civil.Date) Figure {
	target := *ind.Target
	f := Figure{Known: true, AsOf: asOf, Kind: "indicator", Period: period, Actual: &actual, Target: &target,
		Percent: ind.Percent(), Direction: ind.Direction}
	num, den := hundredths(actual), hundredths(target)
	if ind.Direction == indicators.AtMost {
		num, den = den, num
	}
	if den <= 0 {
		f.Done, f.Total = 1, 1 // at least 0, or at most and nothing: met
		return f
	}
	f.Done, f.Total = min(max(num, 0), den), den
	return f
}

func hundredths(x float64) int64 { return int64(math.Round(x * 100)) }

// ActualText is an indicator's figure as documents write it: "98,49%".
func (f Figure) ActualText() string {
	if f.Actual == nil {
		return ""
	}
	return f.number(*f.Actual)
}

// TargetText is an indicator's target as plans write it: "≥ 98%".
func (f Figure) TargetText() string {
	if f.Target == nil {
		return ""
	}
	return f.Direction.Sign() + " " + f.number(*f.Target)
}

func (f Figure) number(x float64) string {
	if f.Percent {
		return vn.Number(x, 2) + "%"
	}
	return vn.Number(x, 2)
}

// computation holds a set's computed figures, asked once per source.
type computation struct {
	figures map[string]map[int64]Figure // source/ref → unit → figure
}

func key(it *Item) string { return string(it.Source) + "/" + it.SourceRef }

// compute asks each feed the set's computed components need, once.
func compute(ctx context.Context, db bun.IDB, t *Tree, feeds Feeds, us []units.Unit, today civil.Date) (*computation, error) {
	c := &computation{figures: map[string]map[int64]Figure{}}
	body := t.Set.Group.Body
	if body == nil {
		return nil, fmt.Errorf("par: set %d loaded without its body", t.Set.ID)
	}
	for _, it := range t.LeavesBy(MethodComputed) {
		k := key(it)
		if _, done := c.figures[k]; done {
			continue
		}
		f := feeds[it.Source]
		if f == nil {
			c.figures[k] = map[int64]Figure{}
			continue
		}
		fs, err := f.Figures(ctx, db, Query{Year: t.Set.Year, Body: *body, Units: us, Ref: it.SourceRef, Today: today})
		if err != nil {
			return nil, fmt.Errorf("par: %s figures: %w", it.Source, err)
		}
		c.figures[k] = fs
	}
	return c, nil
}

// points are a unit's computed points on a component, with the figure.
func (c *computation) points(it *Item, unitID int64) (Points, Figure) {
	f := c.figures[key(it)][unitID]
	if !f.Known {
		return 0, f
	}
	return it.Rule().Apply(it.Max, f.Done, f.Total), f
}

// figureNote keeps a figure with frozen computed points.
func figureNote(f Figure) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// noteFigure reads a frozen figure back.
func noteFigure(s string) Figure {
	var f Figure
	_ = json.Unmarshal([]byte(s), &f)
	return f
}
