package par

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

// Computed components read cchc's own data through Feeds: one Feed per
// Source, passed in by the caller (app) as a value — so that a source
// built elsewhere (the reporting chain's submissions, the indicators) is
// plugged in without this package importing it.
//
// The default feeds (DefaultFeeds):
//
//   - plan: the body's plan of the set's year (the plan the body that scores
//     the group issued), at its year-end cut-off (plans.FullYear's Range,
//     14/12 by Decree 09/2019) or today while that is ahead: the unit's row
//     of tasks.StatsAt by lead unit — completed ÷ total.
//   - plan_involved: the same over the tasks the unit leads or coordinates.
//   - own_plan: the unit's own plan of the year at its year-end cut-off.
//   - reports: until the reporting chain records units' submissions, the
//     finalised snapshots of the unit's own plan (reports.Snapshots): of
//     the periodic reports (quý I, 6 tháng, 9 tháng, năm) due by the
//     evaluation day (ReportGraceDays after each cut-off) or already
//     finalised, those whose first version was finalised by its due day.
//   - indicator: no feed yet (Known false: "no data"); the appraisal group
//     enters the points, with a comment, until an indicators feed is
//     plugged in.
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

// ReportGraceDays is how long after a cut-off a periodic report is on
// time (a convention: DOMAIN.md §6 says "a few working days").
const ReportGraceDays = 5

// DefaultFeeds are the feeds cchc has today (see the package comment).
func DefaultFeeds() Feeds {
	return Feeds{
		SourcePlan:         planFeed{involved: false},
		SourcePlanInvolved: planFeed{involved: true},
		SourceOwnPlan:      ownPlanFeed{},
		SourceReports:      snapshotFeed{},
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
	p, err := plans.ByUnitYear(ctx, db, q.Body.ID, q.Year)
	if errors.Is(err, errs.NotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
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

// snapshotFeed counts periodic reports finalised on time; see the package
// comment. It is the stand-in for the reporting chain's submissions.
type snapshotFeed struct{}

func (snapshotFeed) Figures(ctx context.Context, db bun.IDB, q Query) (map[int64]Figure, error) {
	out := map[int64]Figure{}
	for _, u := range q.Units {
		p, err := plans.ByUnitYear(ctx, db, u.ID, q.Year)
		if errors.Is(err, errs.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		f := Figure{Known: true, AsOf: q.Today, Kind: "reports"}
		for _, period := range []plans.Period{plans.Q1, plans.H1, plans.NineMonths, plans.FullYear} {
			_, cut := period.Range(p.Year, p.CutoffScheme)
			due := cut.AddDays(ReportGraceDays)
			snaps, err := reports.Snapshots(ctx, db, p.ID, period)
			if err != nil {
				return nil, err
			}
			if len(snaps) == 0 {
				if !q.Today.Before(due) {
					f.Total++
				}
				continue
			}
			f.Total++
			first := snaps[len(snaps)-1] // newest first
			if first.FinalizedAt.Before(due.End()) {
				f.Done++
			}
		}
		if f.Total > 0 {
			out[u.ID] = f
		}
	}
	return out, nil
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
