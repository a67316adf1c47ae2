package reports

// The reporting chain (docs/DOMAIN.md §6): each unit directly below a
// plan's issuer that has its own plan for the year finalises its own
// period report, due a set number of working days around the parent's
// cut-off; the parent's secretariat follows who has reported, who is late,
// and reads their figures in one table, which its own report carries.

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// SubmissionState is where a unit's period report stands.
type SubmissionState string

const (
	// SubmissionNotStarted: nothing saved for the period.
	SubmissionNotStarted SubmissionState = "not_started"
	// SubmissionDraft: the unit has saved its report's text but not finalised it.
	SubmissionDraft SubmissionState = "draft"
	// SubmissionFinalised: the unit has finalised (and so sent) its report.
	SubmissionFinalised SubmissionState = "finalised"
)

// States in the order pages list them.
var SubmissionStates = []SubmissionState{SubmissionNotStarted, SubmissionDraft, SubmissionFinalised}

// Label is the message ID of the state's name.
func (s SubmissionState) Label() string { return "reports.submission_" + string(s) }

// Text is the state in the report's words.
func (s SubmissionState) Text() string {
	switch s {
	case SubmissionFinalised:
		return "Đã gửi báo cáo"
	case SubmissionDraft:
		return "Đang hoàn thiện"
	}
	return "Chưa báo cáo"
}

// Submission is a child unit's report for the period.
type Submission struct {
	UnitID   int64           `json:"unit_id"`
	UnitCode string          `json:"unit_code"`
	UnitName string          `json:"unit_name"`
	PlanID   int64           `json:"plan_id"`
	State    SubmissionState `json:"state"`
	// FinalisedAt is when the first version was finalised (UTC); Version
	// the latest version.
	FinalisedAt time.Time  `json:"finalised_at"`
	Version     int        `json:"version"`
	Due         civil.Date `json:"due"`
	// Late: finalised after the due date, or not finalised and the due
	// date has passed.
	Late bool `json:"late"`
	// Counts are the unit's task figures: those of its finalised report,
	// else as they stand at the parent's report day.
	Counts tasks.Counts `json:"counts"`
	// Indicators are the figures the unit's subtree reported for the
	// parent plan's indicators, by code (only those with a figure).
	Indicators map[string]float64 `json:"indicators"`
}

// Chain is the reporting chain of a plan for a period.
type Chain struct {
	Period plans.Period `json:"period"`
	// Due is the day the units' reports are due.
	Due civil.Date `json:"due"`
	// Units are the child units with a plan that year, in tree order.
	Units []Submission `json:"units"`
}

// Count is how many units are in each state, and how many are late.
func (c *Chain) Count() (byState map[SubmissionState]int, late int) {
	byState = map[SubmissionState]int{}
	for _, u := range c.Units {
		byState[u.State]++
		if u.Late {
			late++
		}
	}
	return byState, late
}

// DueDate is when the child units' reports for period p of a plan are
// due: n working days after the plan's cut-off (before it when n < 0),
// working days being Monday to Friday except the holidays the
// administrator lists (the calendar reminders use).
func DueDate(ctx context.Context, db bun.IDB, plan *plans.Plan, p plans.Period, n int) (civil.Date, error) {
	_, cut := p.Range(plan.Year, plan.CutoffScheme)
	var days []civil.Date
	if err := db.NewSelect().Table("holidays").Column("day").Where("day BETWEEN ? AND ?", cut.AddDays(-60), cut.AddDays(60)).
		Scan(ctx, &days); err != nil {
		return civil.Date{}, fmt.Errorf("reports: holidays: %w", err)
	}
	off := map[civil.Date]bool{}
	for _, d := range days {
		off[d] = true
	}
	working := func(d civil.Date) bool {
		return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !off[d]
	}
	d, step := cut, 1
	if n < 0 {
		step, n = -1, -n
	}
	for i := 0; i < n; {
		d = d.AddDays(step)
		if working(d) {
			i++
		}
	}
	return d, nil
}

// ChildPlans are the plans of the year issued by the units directly below
// the plan's issuer, in tree order.
func ChildPlans(ctx context.Context, db bun.IDB, plan *plans.Plan) ([]plans.Plan, error) {
	var ps []plans.Plan
	if err := db.NewSelect().Model(&ps).Relation("Unit").Where("unit.parent_id = ? AND plan.year = ?", plan.UnitID, plan.Year).
		Scan(ctx); err != nil {
		return nil, fmt.Errorf("reports: child plans of %d: %w", plan.ID, err)
	}
	us := make([]units.Unit, len(ps))
	byUnit := map[int64]plans.Plan{}
	for i, p := range ps {
		us[i] = *p.Unit
		byUnit[p.UnitID] = p
	}
	units.SortTree(us)
	for i, u := range us {
		ps[i] = byUnit[u.ID]
	}
	return ps, nil
}

// BuildChain follows the reports of the plan's child units for a period:
// their state, lateness and figures as known on day today (the figures of
// the units that have not finalised are those at asOf).
func BuildChain(ctx context.Context, db bun.IDB, plan *plans.Plan, p plans.Period, asOf, today civil.Date) (*Chain, error) {
	c, children, raw, err := chainStates(ctx, db, plan, p, today)
	if err != nil || len(c.Units) == 0 {
		return c, err
	}
	roots := make([]units.Unit, len(children))
	for i, ch := range children {
		roots[i] = *ch.Unit
	}
	figures, err := indicators.ResultsByUnit(ctx, db, plan.ID, plan.Year, p, roots)
	if err != nil {
		return nil, err
	}
	for i := range c.Units {
		s := &c.Units[i]
		if s.State == SubmissionFinalised {
			if err := json.Unmarshal([]byte(raw[i]), &struct {
				Counts *tasks.Counts `json:"counts"`
			}{&s.Counts}); err != nil {
				return nil, fmt.Errorf("reports: snapshot of plan %d: %w", s.PlanID, err)
			}
		} else {
			st, err := tasks.StatsAt(ctx, db, s.PlanID, asOf)
			if err != nil {
				return nil, err
			}
			s.Counts = st.Counts
		}
		for _, res := range figures[s.UnitID] {
			if res.Actual != nil {
				s.Indicators[res.Code] = *res.Actual
			}
		}
	}
	return c, nil
}

// ChainStates is the reporting chain of the plan for a period without its
// figures: each child unit's state, first finalisation, due date and
// lateness as known on day today — the chain's one notion of due and late,
// which BuildChain and the PAR index's "reports sent on time" both read.
// Counts and Indicators are left empty.
func ChainStates(ctx context.Context, db bun.IDB, plan *plans.Plan, p plans.Period, today civil.Date) (*Chain, error) {
	c, _, _, err := chainStates(ctx, db, plan, p, today)
	return c, err
}

// chainStates is ChainStates with, by unit, its plan and its latest
// finalised report as JSON ("" when none).
func chainStates(ctx context.Context, db bun.IDB, plan *plans.Plan, p plans.Period, today civil.Date) (*Chain, []plans.Plan, []string, error) {
	set, err := SettingsOf(ctx, db, plan.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	due, err := DueDate(ctx, db, plan, p, set.SubmissionDays)
	if err != nil {
		return nil, nil, nil, err
	}
	c := &Chain{Period: p, Due: due, Units: []Submission{}}
	children, err := ChildPlans(ctx, db, plan)
	if err != nil || len(children) == 0 {
		return c, children, nil, err
	}
	ids := make([]int64, len(children))
	for i, ch := range children {
		ids[i] = ch.ID
	}
	var snaps []struct {
		PlanID  int64     `bun:"plan_id"`
		First   time.Time `bun:"first"`
		Version int       `bun:"version"`
		Raw     string    `bun:"report"`
	}
	if err := db.NewRaw(`SELECT s.plan_id, f.first, s.version, s.report::text AS report
	    FROM (SELECT plan_id, min(finalized_at) AS first, max(version) AS latest FROM report_snapshots
	          WHERE plan_id IN (?) AND period = ? GROUP BY plan_id) f
	    JOIN report_snapshots s ON s.plan_id = f.plan_id AND s.period = ? AND s.version = f.latest`,
		bun.List(ids), p, p).Scan(ctx, &snaps); err != nil {
		return nil, nil, nil, fmt.Errorf("reports: chain snapshots: %w", err)
	}
	var drafts []int64
	if err := db.NewSelect().Table("report_drafts").Column("plan_id").Where("plan_id IN (?) AND period = ?", bun.List(ids), p).
		Scan(ctx, &drafts); err != nil {
		return nil, nil, nil, fmt.Errorf("reports: chain drafts: %w", err)
	}
	raws := make([]string, len(children))
	for i, ch := range children {
		s := Submission{UnitID: ch.UnitID, UnitCode: ch.Unit.Code, UnitName: ch.Unit.Name, PlanID: ch.ID, State: SubmissionNotStarted, Due: due,
			Indicators: map[string]float64{}}
		for _, id := range drafts {
			if id == ch.ID {
				s.State = SubmissionDraft
			}
		}
		for _, sn := range snaps {
			if sn.PlanID != ch.ID {
				continue
			}
			s.State, s.FinalisedAt, s.Version = SubmissionFinalised, sn.First.UTC().Truncate(time.Second), sn.Version
			raws[i] = sn.Raw
		}
		if s.State == SubmissionFinalised {
			s.Late = civil.In(s.FinalisedAt).After(due)
		} else {
			s.Late = today.After(due)
		}
		c.Units = append(c.Units, s)
	}
	return c, children, raws, nil
}
