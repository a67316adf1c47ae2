package tasks

// Reading tasks: one prepared query brings a task (or a plan's tasks) with
// its plan's fields, its coordinating units' ids, its extension requests
// and, where asked, its state on a day from the status timeline; a second
// names the units. A task page, a plan page and the API read through here.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/units"
)

// taskColumns are what scanTask reads, in order; the state columns come
// from a LEFT JOIN task_timeline s (NULL when not asked).
const taskColumns = `t.id, t.plan_id, t.area_id, t.position, t.number, t.title, t.description, t.lead_unit_id, t.output,
       t.deadline_text, t.deadline_kind, t.deadline_date, coalesce(t.recur_months, 0), coalesce(t.parent_task_id, 0),
       t.version, t.created_at, t.updated_at, p.year, p.require_confirmation, p.state, ` + continuousFromSQL + `,
       array(SELECT c.unit_id FROM task_coordinators c WHERE c.task_id = t.id ORDER BY c.position),
       (SELECT json_agg(json_build_object('id', x.id, 'unit_id', x.unit_id, 'requested_by', coalesce(x.requested_by, 0),
               'requested_at', x.requested_at, 'reason', x.reason, 'old_date', x.old_date, 'new_date', x.new_date,
               'state', x.state, 'decided_by', coalesce(x.decided_by, 0), 'decided_at', x.decided_at,
               'decision_note', x.decision_note) ORDER BY x.requested_at, x.id)
        FROM deadline_extensions x WHERE x.task_id = t.id),
       s.status, s.percent, s.completed_on, s.occurrence, s.due, s.first_missed, s.pending`

const (
	// $1 the task, $2 the day of the state
	getTaskSQL = `SELECT ` + taskColumns + `,
       p.unit_id, p.number, p.title, p.issued_on, p.cutoff_scheme, p.version, p.created_at, p.updated_at
FROM tasks t JOIN plans p ON p.id = t.plan_id
LEFT JOIN task_timeline s ON s.task_id = t.id AND s.valid_from <= $2 AND s.valid_to > $2
WHERE t.id = $1`
	// $1 the tasks, $2 the day of the states
	tasksByIDSQL = `SELECT ` + taskColumns + `
FROM tasks t JOIN plans p ON p.id = t.plan_id
LEFT JOIN task_timeline s ON s.task_id = t.id AND s.valid_from <= $2 AND s.valid_to > $2
WHERE t.id = ANY($1)`
	// $1 the plans, $2 the day of the states: by plan, in annex order, with
	// the area's name
	plansTasksSQL = `SELECT ` + taskColumns + `, a.name
FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN areas a ON a.id = t.area_id AND a.plan_id = t.plan_id
LEFT JOIN task_timeline s ON s.task_id = t.id AND s.valid_from <= $2 AND s.valid_to > $2
WHERE t.plan_id = ANY($1) ORDER BY t.plan_id, a.position, t.position`
	// $1 the plan, $2 the day of the states: annex order
	planTasksSQL = `SELECT ` + taskColumns + `
FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN areas a ON a.id = t.area_id AND a.plan_id = $1
LEFT JOIN task_timeline s ON s.task_id = t.id AND s.valid_from <= $2 AND s.valid_to > $2
WHERE t.plan_id = $1 ORDER BY a.position, t.position`
)

// extensionJSON is a deadline_extensions row as taskColumns aggregates it.
type extensionJSON struct {
	ID           int64      `json:"id"`
	UnitID       int64      `json:"unit_id"`
	RequestedBy  int64      `json:"requested_by"`
	RequestedAt  time.Time  `json:"requested_at"`
	Reason       string     `json:"reason"`
	OldDate      civil.Date `json:"old_date"`
	NewDate      civil.Date `json:"new_date"`
	State        string     `json:"state"`
	DecidedBy    int64      `json:"decided_by"`
	DecidedAt    *time.Time `json:"decided_at"`
	DecisionNote string     `json:"decision_note"`
}

var typeMap = pgtype.NewMap()

// scanTask reads taskColumns (and extra destinations after them) from rows;
// the span is nil when no state was asked or found.
func scanTask(rows *sql.Rows, extra ...any) (Task, *Span, error) {
	var t Task
	var coords []int64
	var exts []byte
	var status sql.NullString
	var percent, occurrence sql.NullInt64
	var completedOn, due, firstMissed civil.Date
	var pending sql.NullBool
	dest := []any{&t.ID, &t.PlanID, &t.AreaID, &t.Position, &t.Number, &t.Title, &t.Description, &t.LeadUnitID, &t.Output,
		&t.DeadlineText, &t.DeadlineKind, &t.DeadlineDate, &t.RecurMonths, &t.ParentTaskID,
		&t.Version, &t.CreatedAt, &t.UpdatedAt, &t.PlanYear, &t.PlanRequiresConfirmation, &t.PlanState, &t.PlanContinuousFrom,
		typeMap.SQLScanner(&coords), &exts,
		&status, &percent, &completedOn, &occurrence, &due, &firstMissed, &pending}
	if err := rows.Scan(append(dest, extra...)...); err != nil {
		return Task{}, nil, err
	}
	t.Coordinators = make([]units.Unit, len(coords))
	for i, id := range coords {
		t.Coordinators[i].ID = id
	}
	if len(exts) > 0 {
		var xs []extensionJSON
		if err := json.Unmarshal(exts, &xs); err != nil {
			return Task{}, nil, fmt.Errorf("extensions of task %d: %w", t.ID, err)
		}
		for _, x := range xs {
			e := Extension{ID: x.ID, TaskID: t.ID, UnitID: x.UnitID, RequestedBy: x.RequestedBy, RequestedAt: x.RequestedAt,
				Reason: x.Reason, OldDate: x.OldDate, NewDate: x.NewDate, State: x.State, DecidedBy: x.DecidedBy, DecisionNote: x.DecisionNote}
			if x.DecidedAt != nil {
				e.DecidedAt = *x.DecidedAt
			}
			t.Extensions = append(t.Extensions, e)
		}
	}
	if !status.Valid {
		return t, nil, nil
	}
	return t, &Span{State: State{Status: Status(status.String), Percent: int(percent.Int64), CompletedOn: completedOn,
		Occurrence: int(occurrence.Int64), Due: due, Pending: pending.Bool}, FirstMissed: firstMissed}, nil
}

// nameUnits fills the lead and coordinating units of ts (and the units of
// extra ids, returned) in one query.
func nameUnits(ctx context.Context, db bun.IDB, ts []Task, extra ...int64) (map[int64]units.Unit, error) {
	ids := append([]int64(nil), extra...)
	seen := map[int64]bool{}
	for _, id := range extra {
		seen[id] = true
	}
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for i := range ts {
		add(ts[i].LeadUnitID)
		for _, c := range ts[i].Coordinators {
			add(c.ID)
		}
	}
	us, err := units.ByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	for i := range ts {
		lead := us[ts[i].LeadUnitID]
		ts[i].LeadUnit = &lead
		for j, c := range ts[i].Coordinators {
			ts[i].Coordinators[j] = us[c.ID]
		}
	}
	return us, nil
}

// Loaded is a task with its plan and its state on a day.
type Loaded struct {
	Task  *Task
	Plan  *plans.Plan
	State State
}

// Load reads a task with its units, its plan (with the issuing unit) and
// its state on day at, in two queries.
func Load(ctx context.Context, db bun.IDB, id int64, at civil.Date) (*Loaded, error) {
	rows, err := database.Query(ctx, db, getTaskSQL, id, at)
	if err != nil {
		return nil, fmt.Errorf("tasks: get %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("tasks: get %d: %w", id, err)
		}
		return nil, errs.Missing("tasks: task %d", id)
	}
	p := &plans.Plan{}
	t, sp, err := scanTask(rows, &p.UnitID, &p.Number, &p.Title, &p.IssuedOn, &p.CutoffScheme, &p.Version, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, fmt.Errorf("tasks: get %d: %w", id, err)
	}
	rows.Close()
	p.ID, p.Year, p.State, p.RequireConfirmation = t.PlanID, t.PlanYear, t.PlanState, t.PlanRequiresConfirmation
	p.ContinuousYearEnd = !t.PlanContinuousFrom.IsZero()
	ts := []Task{t}
	us, err := nameUnits(ctx, db, ts, p.UnitID)
	if err != nil {
		return nil, err
	}
	unit := us[p.UnitID]
	p.Unit = &unit
	out := &Loaded{Task: &ts[0], Plan: p}
	if sp != nil {
		out.State = sp.At(at)
	}
	return out, nil
}

// Get loads a task with its lead and coordinating units and its extension
// requests.
func Get(ctx context.Context, db bun.IDB, id int64) (*Task, error) {
	l, err := Load(ctx, db, id, civil.Today())
	if err != nil {
		return nil, err
	}
	return l.Task, nil
}

// ForPlan loads a plan's tasks in annex order with their units.
func ForPlan(ctx context.Context, db bun.IDB, planID int64) ([]Task, error) {
	ts, _, err := ForPlanAt(ctx, db, planID, civil.Today())
	return ts, err
}

// ForPlanAt loads a plan's tasks in annex order with their units, and
// their states on day at, in two queries.
func ForPlanAt(ctx context.Context, db bun.IDB, planID int64, at civil.Date) ([]Task, *States, error) {
	rows, err := database.Query(ctx, db, planTasksSQL, planID, at)
	if err != nil {
		return nil, nil, fmt.Errorf("tasks: of plan %d: %w", planID, err)
	}
	defer rows.Close()
	var ts []Task
	states := &States{PlanID: planID, At: at, rows: map[int64]stateRow{}}
	for rows.Next() {
		t, sp, err := scanTask(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("tasks: of plan %d: %w", planID, err)
		}
		ts = append(ts, t)
		if sp != nil {
			st := sp.At(at)
			states.rows[t.ID] = stateRow{TaskID: t.ID, PlanID: planID, AreaID: t.AreaID, LeadUnitID: t.LeadUnitID, Status: st.Status,
				Percent: st.Percent, CompletedOn: st.CompletedOn, Occurrence: st.Occurrence, DaysOverdue: st.DaysOverdue, Pending: st.Pending, Due: st.Due}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("tasks: of plan %d: %w", planID, err)
	}
	rows.Close()
	if _, err := nameUnits(ctx, db, ts); err != nil {
		return nil, nil, err
	}
	return ts, states, nil
}

// ListAt loads tasks by id, in the order given, with their units and their
// states on day at, in two queries (ids that name no task are skipped).
func ListAt(ctx context.Context, db bun.IDB, ids []int64, at civil.Date) ([]Task, []State, error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	rows, err := database.Query(ctx, db, tasksByIDSQL, ids, at)
	if err != nil {
		return nil, nil, fmt.Errorf("tasks: by ids: %w", err)
	}
	defer rows.Close()
	type found struct {
		t  Task
		st State
	}
	byID := make(map[int64]found, len(ids))
	for rows.Next() {
		t, sp, err := scanTask(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("tasks: by ids: %w", err)
		}
		f := found{t: t}
		if sp != nil {
			f.st = sp.At(at)
		}
		byID[t.ID] = f
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("tasks: by ids: %w", err)
	}
	rows.Close()
	ts := make([]Task, 0, len(byID))
	sts := make([]State, 0, len(byID))
	for _, id := range ids {
		if f, ok := byID[id]; ok {
			ts = append(ts, f.t)
			sts = append(sts, f.st)
		}
	}
	if _, err := nameUnits(ctx, db, ts); err != nil {
		return nil, nil, err
	}
	return ts, sts, nil
}

// PlanTask is a task of ForPlansAt with its state and its area's name.
type PlanTask struct {
	Task  Task
	State State
	Area  string
}

// ForPlansAt loads the tasks of many plans — by plan, each in annex order —
// with their units, their states on day at and their areas' names, in two
// queries.
func ForPlansAt(ctx context.Context, db bun.IDB, planIDs []int64, at civil.Date) ([]PlanTask, error) {
	if len(planIDs) == 0 {
		return nil, nil
	}
	rows, err := database.Query(ctx, db, plansTasksSQL, planIDs, at)
	if err != nil {
		return nil, fmt.Errorf("tasks: of plans: %w", err)
	}
	defer rows.Close()
	var out []PlanTask
	for rows.Next() {
		var area string
		t, sp, err := scanTask(rows, &area)
		if err != nil {
			return nil, fmt.Errorf("tasks: of plans: %w", err)
		}
		pt := PlanTask{Task: t, Area: area}
		if sp != nil {
			pt.State = sp.At(at)
		}
		out = append(out, pt)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tasks: of plans: %w", err)
	}
	rows.Close()
	ts := make([]Task, len(out))
	for i := range out {
		ts[i] = out[i].Task
	}
	if _, err := nameUnits(ctx, db, ts); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Task = ts[i]
	}
	return out, nil
}
