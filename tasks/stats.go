package tasks

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/units"
)

// statusSQL is Evaluate written in SQL (status.sql, beside status.go).
//
//go:embed status.sql
var statusSQL string

type stateRow struct {
	TaskID      int64      `bun:"task_id"`
	PlanID      int64      `bun:"plan_id"`
	AreaID      int64      `bun:"area_id"`
	LeadUnitID  int64      `bun:"lead_unit_id"`
	Status      Status     `bun:"status"`
	Percent     int        `bun:"percent"`
	CompletedOn civil.Date `bun:"completed_on"`
	Occurrence  int        `bun:"occurrence"`
	DaysOverdue int        `bun:"days_overdue"`
	Pending     bool       `bun:"pending"`
	Due         civil.Date `bun:"due"`
}

func (r stateRow) state() State {
	return State{Status: r.Status, Percent: r.Percent, CompletedOn: r.CompletedOn, Occurrence: r.Occurrence,
		Due: r.Due, DaysOverdue: r.DaysOverdue, Pending: r.Pending}
}

// States is the state of every task of a plan at a day, read once and then
// counted and listed as often as a request needs.
type States struct {
	PlanID int64
	At     civil.Date
	rows   map[int64]stateRow
}

func newStates(planID int64, at civil.Date, rows []stateRow) *States {
	s := &States{PlanID: planID, At: at, rows: make(map[int64]stateRow, len(rows))}
	for _, r := range rows {
		s.rows[r.TaskID] = r
	}
	return s
}

// StatesAt is the state of every task of a plan at day at, read from the
// status timeline (one prepared query).
func StatesAt(ctx context.Context, db bun.IDB, planID int64, at civil.Date) (*States, error) {
	rows, err := statesOf(ctx, db, []int64{planID}, at)
	if err != nil {
		return nil, err
	}
	return newStates(planID, at, rows), nil
}

// StatesSQL computes the state at day at of every task of the plans with
// the rule in SQL (status.sql), from the histories themselves: what the
// timeline is checked against.
func StatesSQL(ctx context.Context, db bun.IDB, planIDs []int64, at civil.Date) (*States, error) {
	var rows []stateRow
	if err := database.Select(ctx, db, &rows, statusSQL, planIDs, at, at.End()); err != nil {
		return nil, fmt.Errorf("tasks: states of plans %v at %s: %w", planIDs, at, err)
	}
	var planID int64
	if len(planIDs) == 1 {
		planID = planIDs[0]
	}
	return newStates(planID, at, rows), nil
}

// Of is the state of a task of the plan (the zero State for another task).
func (s *States) Of(taskID int64) State {
	return s.rows[taskID].state()
}

// Len is the number of tasks.
func (s *States) Len() int { return len(s.rows) }

// Counts tallies tasks by status. Total is the sum of the six statuses.
type Counts struct {
	Total           int     `json:"total"`
	Completed       int     `json:"completed"`
	CompletedOnTime int     `json:"completed_on_time"`
	CompletedLate   int     `json:"completed_late"`
	InProgress      int     `json:"in_progress"`
	Overdue         int     `json:"overdue"`
	NotStarted      int     `json:"not_started"`
	Continuous      int     `json:"continuous"`
	Percent         float64 `json:"percent_completed"`
}

// count is the one place that ties each status to its field of Counts.
func (c *Counts) count(s Status) *int {
	switch s {
	case StatusCompletedOnTime:
		return &c.CompletedOnTime
	case StatusCompletedLate:
		return &c.CompletedLate
	case StatusInProgress:
		return &c.InProgress
	case StatusOverdue:
		return &c.Overdue
	case StatusNotStarted:
		return &c.NotStarted
	case StatusContinuous:
		return &c.Continuous
	}
	panic(fmt.Sprintf("tasks: no status %q", s))
}

// Add counts one more task of status s.
func (c *Counts) Add(s Status) { c.AddN(s, 1) }

// AddN counts n more tasks of status s.
func (c *Counts) AddN(s Status, n int) {
	*c.count(s) += n
	c.Total += n
	c.Completed = c.CompletedOnTime + c.CompletedLate
	c.Percent = vn.Rate(c.Completed, c.Total)
}

// Merge adds the counts of o.
func (c *Counts) Merge(o Counts) {
	for _, s := range Statuses {
		c.AddN(s, o.Of(s))
	}
}

// Of returns the count for one status.
func (c Counts) Of(s Status) int { return *c.count(s) }

// Headline is the figure reports lead with: "54/59 nhiệm vụ, đạt 91,5%".
func (c Counts) Headline() string {
	return fmt.Sprintf("%s/%s nhiệm vụ, đạt %s", vn.Int(c.Completed), vn.Int(c.Total), vn.Percent(c.Percent))
}

type AreaCounts struct {
	AreaID int64  `json:"area_id"`
	Label  string `json:"label"`
	Name   string `json:"name"`
	Counts
}

type UnitCounts struct {
	UnitID int64  `json:"-"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	Counts
}

// Stats is a plan's situation at a day: overall, by area, by lead unit.
type Stats struct {
	AsOf civil.Date `json:"as_of"`
	Counts
	ByArea []AreaCounts `json:"by_area"`
	ByUnit []UnitCounts `json:"by_unit"`
}

// StatsAt counts a plan's tasks at day at (StatesAt, then Count).
func StatsAt(ctx context.Context, db bun.IDB, planID int64, at civil.Date) (*Stats, error) {
	s, err := StatesAt(ctx, db, planID, at)
	if err != nil {
		return nil, err
	}
	return Count(ctx, db, s)
}

// Count derives a plan's counts from its states: overall, by area (in plan
// order) and by lead unit (most tasks first, then Vietnamese name order).
func Count(ctx context.Context, db bun.IDB, s *States) (*Stats, error) {
	areas, err := plans.Areas(ctx, db, s.PlanID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, 16)
	seen := map[int64]bool{}
	for _, r := range s.rows {
		if !seen[r.LeadUnitID] {
			seen[r.LeadUnitID] = true
			ids = append(ids, r.LeadUnitID)
		}
	}
	us, err := units.ByIDs(ctx, db, ids)
	if err != nil {
		return nil, fmt.Errorf("tasks: stats units: %w", err)
	}
	return CountWith(s, areas, us), nil
}

// CountWith is Count with the plan's areas and the lead units at hand.
func CountWith(s *States, areas []plans.Area, us map[int64]units.Unit) *Stats {
	st := &Stats{AsOf: s.At, ByArea: []AreaCounts{}, ByUnit: []UnitCounts{}}
	byArea := map[int64]*Counts{}
	byUnit := map[int64]*Counts{}
	for _, r := range s.rows {
		st.Add(r.Status)
		if byArea[r.AreaID] == nil {
			byArea[r.AreaID] = &Counts{}
		}
		byArea[r.AreaID].Add(r.Status)
		if byUnit[r.LeadUnitID] == nil {
			byUnit[r.LeadUnitID] = &Counts{}
		}
		byUnit[r.LeadUnitID].Add(r.Status)
	}
	for _, a := range areas {
		var c Counts
		if byArea[a.ID] != nil {
			c = *byArea[a.ID]
		}
		st.ByArea = append(st.ByArea, AreaCounts{AreaID: a.ID, Label: a.Label, Name: a.Name, Counts: c})
	}
	for id, c := range byUnit {
		u := us[id]
		st.ByUnit = append(st.ByUnit, UnitCounts{UnitID: id, Code: u.Code, Name: u.Name, Counts: *c})
	}
	vn.SortFunc(st.ByUnit, func(u UnitCounts) string { return u.Name },
		func(a, b UnitCounts) int { return b.Total - a.Total })
	return st
}

// countPlansSQL counts the tasks of plans $1 at day $2 by plan and status.
const countPlansSQL = `SELECT plan_id, status, count(*)::int AS n FROM task_timeline
WHERE plan_id = ANY($1) AND valid_from <= $2 AND valid_to > $2 GROUP BY plan_id, status`

// CountPlans is the overall count of each plan at day at, in one query
// (every plan asked for has an entry, zero when it has no task).
func CountPlans(ctx context.Context, db bun.IDB, planIDs []int64, at civil.Date) (map[int64]Counts, error) {
	out := make(map[int64]Counts, len(planIDs))
	for _, id := range planIDs {
		out[id] = Counts{}
	}
	if len(planIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		PlanID int64  `bun:"plan_id"`
		Status Status `bun:"status"`
		N      int    `bun:"n"`
	}
	if err := database.Select(ctx, db, &rows, countPlansSQL, planIDs, at); err != nil {
		return nil, fmt.Errorf("tasks: count plans at %s: %w", at, err)
	}
	for _, r := range rows {
		c := out[r.PlanID]
		c.AddN(r.Status, r.N)
		out[r.PlanID] = c
	}
	return out, nil
}
