package tasks

// The status timeline: a task's state at every day, kept as spans of days
// over which it does not change (table task_timeline). It is derived data,
// so that a plan, a province or the whole country can be counted at any
// day by reading one row per task instead of replaying every history:
//
//   - computed by Timeline, which applies Evaluate — the rule itself — at
//     each day where the state can change;
//   - written in the same transaction as whatever changes it: a progress
//     entry (Post), a review (Decide), an extension decided
//     (DecideExtension), a task created, edited or moved, a plan's
//     confirmation setting, cut-off scheme or rule for continuous tasks
//     (RefreshPlans, called by app.UpdatePlan and app.SetReportSettings);
//   - rebuilt from the histories by RebuildTimeline (`cchc timeline
//     rebuild`), and checked against the rule in SQL by CheckTimeline
//     (`cchc timeline check`) and TestStatusSQLMatchesGo.
//
// A write made around these functions (a hand-written INSERT) leaves the
// timeline stale until RefreshTimeline or a rebuild.

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/database"
)

// Span is a task's state over the days From (inclusive) to To (exclusive).
// A zero From means since always, a zero To for ever.
type Span struct {
	From, To civil.Date
	// State is the state on every day of the span, DaysOverdue aside: it
	// grows by one a day from FirstMissed (see At).
	State       State
	FirstMissed civil.Date
}

// At is the state on day d of the span.
func (sp Span) At(d civil.Date) State {
	st := sp.State
	if st.Status == StatusOverdue {
		st.DaysOverdue = d.DaysSince(sp.FirstMissed)
	}
	return st
}

// Contains reports whether day d falls in the span.
func (sp Span) Contains(d civil.Date) bool {
	return (sp.From.IsZero() || !d.Before(sp.From)) && (sp.To.IsZero() || d.Before(sp.To))
}

// Timeline is a task's state at every day as spans, in order, covering all
// days: Evaluate(s, h, d) equals the span containing d's At(d) for every
// day d (TestStatusSQLMatchesGo checks it at random days).
//
// The state can change only on a day when something becomes known (an
// entry recorded, a claim confirmed, an extension decided: known from the
// end of that day on), on the day after a deadline (planned or extended),
// or when a recurring task enters a new occurrence; between two such days
// Evaluate is the same but for the days overdue, which count from a fixed
// first missed deadline. Timeline evaluates once per change day and merges
// neighbours that agree.
func Timeline(s Schedule, h []Event) []Span {
	days := changeDays(s, h)
	eval := func(d civil.Date) (State, civil.Date) {
		st := Evaluate(s, h, d)
		var first civil.Date
		if st.Status == StatusOverdue {
			first = d.AddDays(-st.DaysOverdue)
		}
		st.DaysOverdue = 0
		return st, first
	}
	if len(days) == 0 {
		st, first := eval(civil.New(max(s.Year, 2000), 1, 1))
		return []Span{{State: st, FirstMissed: first}}
	}
	st, first := eval(days[0].AddDays(-1))
	out := []Span{{To: days[0], State: st, FirstMissed: first}}
	for i, d := range days {
		st, first := eval(d)
		last := &out[len(out)-1]
		if st == last.State && first == last.FirstMissed {
			last.To = civil.Date{}
			if i+1 < len(days) {
				last.To = days[i+1]
			}
			continue
		}
		sp := Span{From: d, State: st, FirstMissed: first}
		if i+1 < len(days) {
			sp.To = days[i+1]
		}
		out = append(out, sp)
	}
	return out
}

// changeDays are the days, sorted and distinct, on which a task's state may
// differ from the day before.
func changeDays(s Schedule, h []Event) []civil.Date {
	var days []civil.Date
	for _, e := range h {
		days = append(days, civil.In(e.Recorded))
		if !e.ConfirmedAt.IsZero() {
			days = append(days, civil.In(e.ConfirmedAt))
		}
	}
	for _, x := range s.Extensions {
		days = append(days, civil.In(x.DecidedAt), x.NewDue.AddDays(1))
	}
	for k := 1; k <= s.Occurrences(); k++ {
		if due := s.DueOf(k); !due.IsZero() {
			days = append(days, due.AddDays(1))
		}
	}
	if s.Kind == deadline.KindRecurring && s.EveryMonths > 0 {
		for k := 1; k <= s.Occurrences(); k++ {
			days = append(days, civil.New(s.Year, time.Month(1+(k-1)*s.EveryMonths), 1))
		}
		days = append(days, civil.New(s.Year+1, 1, 1))
	}
	if s.Kind == deadline.KindContinuous && !s.ContinuousFrom.IsZero() {
		days = append(days, s.ContinuousFrom)
	}
	slices.SortFunc(days, civil.Date.Compare)
	return slices.Compact(days)
}

// SpanAt is the span of spans containing day d (spans as Timeline returns
// them, covering every day).
func SpanAt(spans []Span, d civil.Date) Span {
	for _, sp := range spans {
		if sp.Contains(d) {
			return sp
		}
	}
	return Span{}
}

// timelineTask is what the timeline of a task is computed from.
type timelineTask struct {
	ID, PlanID, LeadUnitID, AreaID int64
	Schedule                       Schedule
	Events                         []Event
}

// The inputs of the rule for a set of tasks, in two prepared queries: the
// schedules, then the progress entries (kind 'e': with the confirmation of
// the claim, if any) and approved extensions (kind 'x': new date in
// evidence_date, decision in recorded_at) together.
const (
	timelineTasksSQL = `SELECT t.id, t.plan_id, t.lead_unit_id, t.area_id, p.year, t.deadline_kind,
       t.deadline_date, coalesce(t.recur_months, 0), p.require_confirmation, ` + continuousFromSQL + `
FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ANY($1)`
	timelineEventsSQL = `SELECT 'e' AS kind, e.task_id, e.id, e.recorded_at, e.occurrence, e.percent, e.completed, e.evidence_date, r.decided_at
FROM progress_entries e
LEFT JOIN completion_reviews r ON r.entry_id = e.id AND r.decision = 'confirmed'
WHERE e.task_id = ANY($1)
UNION ALL
SELECT 'x', x.task_id, x.id, x.decided_at, 0, 0, false, x.new_date, NULL
FROM deadline_extensions x WHERE x.task_id = ANY($1) AND x.state = 'approved'`
)

// scanEvents reads timelineEventsSQL's rows into each task's history and
// extensions (add is called for each task id met).
func scanEvents(rows *sql.Rows, add func(taskID int64, e *Event, x *Extended)) error {
	defer rows.Close()
	for rows.Next() {
		var kind string
		var taskID int64
		var e Event
		var confirmed sql.NullTime
		if err := rows.Scan(&kind, &taskID, &e.ID, &e.Recorded, &e.Occurrence, &e.Percent, &e.Completed, &e.EvidenceDate, &confirmed); err != nil {
			return err
		}
		if kind == "x" {
			add(taskID, nil, &Extended{NewDue: e.EvidenceDate, DecidedAt: e.Recorded})
			continue
		}
		e.ConfirmedAt = confirmed.Time
		add(taskID, &e, nil)
	}
	return rows.Err()
}

// loadTimelineTasks reads the schedules and histories of tasks.
func loadTimelineTasks(ctx context.Context, db bun.IDB, ids []int64) (map[int64]*timelineTask, error) {
	out := make(map[int64]*timelineTask, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := database.Query(ctx, db, timelineTasksSQL, ids)
	if err != nil {
		return nil, fmt.Errorf("tasks: timeline inputs: %w", err)
	}
	for rows.Next() {
		t := &timelineTask{}
		if err := rows.Scan(&t.ID, &t.PlanID, &t.LeadUnitID, &t.AreaID, &t.Schedule.Year, &t.Schedule.Kind,
			&t.Schedule.Due, &t.Schedule.EveryMonths, &t.Schedule.RequireConfirmation, &t.Schedule.ContinuousFrom); err != nil {
			rows.Close()
			return nil, fmt.Errorf("tasks: timeline inputs: %w", err)
		}
		out[t.ID] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tasks: timeline inputs: %w", err)
	}
	rows, err = database.Query(ctx, db, timelineEventsSQL, ids)
	if err != nil {
		return nil, fmt.Errorf("tasks: timeline events: %w", err)
	}
	err = scanEvents(rows, func(taskID int64, e *Event, x *Extended) {
		t := out[taskID]
		switch {
		case t == nil:
		case e != nil:
			t.Events = append(t.Events, *e)
		default:
			t.Schedule.Extensions = append(t.Schedule.Extensions, *x)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("tasks: timeline events: %w", err)
	}
	return out, nil
}

// timelineRows is spans as the columns of task_timeline, for one INSERT
// from arrays.
type timelineRows struct {
	task, plan, lead, area                  []int64
	from, to, completedOn, due, firstMissed []string
	status                                  []string
	percent, occurrence                     []int64
	pending                                 []bool
}

func dateText(d civil.Date, zero string) string {
	if d.IsZero() {
		return zero
	}
	return d.String()
}

// cutBefore is the day after which a change from day from on may alter
// the stored spans: a span that ends by day from − 1 keeps its days, its
// state and, the spans being maximal runs of equal states, its bounds; the
// span holding day from − 1 may be extended by the change and is written
// again with all later ones. Zero (every span) for a zero from.
func cutBefore(from civil.Date) civil.Date {
	if from.IsZero() {
		return from
	}
	return from.AddDays(-1)
}

// add appends the spans of a task that reach past day cut (all of them
// when cut is zero).
func (r *timelineRows) add(t *timelineTask, spans []Span, cut civil.Date) {
	for _, sp := range spans {
		if !cut.IsZero() && !sp.To.IsZero() && !sp.To.After(cut) {
			continue
		}
		r.task = append(r.task, t.ID)
		r.plan = append(r.plan, t.PlanID)
		r.lead = append(r.lead, t.LeadUnitID)
		r.area = append(r.area, t.AreaID)
		r.from = append(r.from, dateText(sp.From, "-infinity"))
		r.to = append(r.to, dateText(sp.To, "infinity"))
		r.status = append(r.status, string(sp.State.Status))
		r.percent = append(r.percent, int64(sp.State.Percent))
		r.completedOn = append(r.completedOn, dateText(sp.State.CompletedOn, ""))
		r.occurrence = append(r.occurrence, int64(sp.State.Occurrence))
		r.due = append(r.due, dateText(sp.State.Due, ""))
		r.firstMissed = append(r.firstMissed, dateText(sp.FirstMissed, ""))
		r.pending = append(r.pending, sp.State.Pending)
	}
}

// replaceTimelineSQL deletes the spans of tasks $1 that reach past day $2
// and inserts the new ones, in one statement.
const replaceTimelineSQL = `WITH gone AS (
    DELETE FROM task_timeline WHERE task_id = ANY($1) AND valid_to > $2::text::date
)
INSERT INTO task_timeline (task_id, plan_id, lead_unit_id, area_id, valid_from, valid_to, status, percent,
                           completed_on, occurrence, due, first_missed, pending)
SELECT task_id, plan_id, lead_unit_id, area_id, valid_from::date, valid_to::date, status, percent,
       nullif(completed_on, '')::date, occurrence, nullif(due, '')::date, nullif(first_missed, '')::date, pending
FROM unnest($3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[],
            $10::smallint[], $11::text[], $12::smallint[], $13::text[], $14::text[], $15::bool[])
     AS r(task_id, plan_id, lead_unit_id, area_id, valid_from, valid_to, status, percent, completed_on,
          occurrence, due, first_missed, pending)`

// writeTimeline replaces the spans of the tasks ids that reach past day
// cut (zero: all their spans) by rows.
func writeTimeline(ctx context.Context, db bun.IDB, ids []int64, cut civil.Date, r *timelineRows) error {
	_, err := database.Exec(ctx, db, replaceTimelineSQL, ids, dateText(cut, "-infinity"),
		r.task, r.plan, r.lead, r.area, r.from, r.to, r.status, r.percent, r.completedOn, r.occurrence, r.due, r.firstMissed, r.pending)
	if err != nil {
		return fmt.Errorf("tasks: write timeline: %w", err)
	}
	return nil
}

// RefreshTimeline recomputes the timeline of tasks from their histories,
// for the days from day from on (zero: every day). Call it in the
// transaction that changed them; from is the first day the change can
// affect (the day an entry, review or decision was recorded), or zero when
// the schedule itself changed.
func RefreshTimeline(ctx context.Context, db bun.IDB, ids []int64, from civil.Date) error {
	if len(ids) == 0 {
		return nil
	}
	ts, err := loadTimelineTasks(ctx, db, ids)
	if err != nil {
		return err
	}
	cut := cutBefore(from)
	var r timelineRows
	for _, id := range ids {
		if t := ts[id]; t != nil {
			r.add(t, Timeline(t.Schedule, t.Events), cut)
		}
	}
	return writeTimeline(ctx, db, ids, cut, &r)
}

// RefreshPlans recomputes the whole timeline of every task of the plans
// (after a change of their confirmation setting), locking the tasks so that
// a progress entry posted meanwhile is counted.
func RefreshPlans(ctx context.Context, db bun.IDB, planIDs ...int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var ids []int64
		if err := tx.NewSelect().Table("tasks").Column("id").Where("plan_id IN (?)", bun.List(planIDs)).
			Order("id").For("UPDATE").Scan(ctx, &ids); err != nil {
			return fmt.Errorf("tasks: lock tasks of plans: %w", err)
		}
		return RefreshTimeline(ctx, tx, ids, civil.Date{})
	})
}

// RebuildTimeline recomputes the timeline of every task from the
// histories, plan by plan in batches of about batch tasks, each batch in
// its own transaction; progress, if not nil, is told after each batch.
// It returns the number of tasks.
func RebuildTimeline(ctx context.Context, db *bun.DB, batch int, progress func(done, total int)) (int, error) {
	var plans []struct {
		ID    int64 `bun:"plan_id"`
		Tasks int   `bun:"n"`
	}
	if err := db.NewRaw("SELECT plan_id, count(*) AS n FROM tasks GROUP BY plan_id ORDER BY plan_id").Scan(ctx, &plans); err != nil {
		return 0, fmt.Errorf("tasks: plans to rebuild: %w", err)
	}
	total := 0
	for _, p := range plans {
		total += p.Tasks
	}
	done := 0
	for i := 0; i < len(plans); {
		var ids []int64
		n := 0
		j := i
		for ; j < len(plans) && (n == 0 || n+plans[j].Tasks <= batch); j++ {
			ids = append(ids, plans[j].ID)
			n += plans[j].Tasks
		}
		if err := RefreshPlans(ctx, db, ids...); err != nil {
			return done, err
		}
		done += n
		i = j
		if progress != nil {
			progress(done, total)
		}
	}
	// Spans of tasks that no longer exist go with them (ON DELETE CASCADE).
	return total, nil
}

// timelineStateSQL reads the spans of the tasks of plans containing a day.
const timelineStateSQL = `SELECT task_id, plan_id, area_id, lead_unit_id, status, percent, completed_on, occurrence,
       coalesce($2::date - first_missed, 0) AS days_overdue, pending, due
FROM task_timeline WHERE plan_id = ANY($1) AND valid_from <= $2 AND valid_to > $2`

// statesOf reads the state at day at of every task of the plans.
func statesOf(ctx context.Context, db bun.IDB, planIDs []int64, at civil.Date) ([]stateRow, error) {
	var rows []stateRow
	if err := database.Select(ctx, db, &rows, timelineStateSQL, planIDs, at); err != nil {
		return nil, fmt.Errorf("tasks: states of plans at %s: %w", at, err)
	}
	return rows, nil
}

// Mismatch is a task whose timeline disagrees with the rule in SQL.
type Mismatch struct {
	TaskID   int64
	Day      civil.Date
	Timeline State
	SQL      State
}

func (m Mismatch) String() string {
	return fmt.Sprintf("task %d at %s: timeline %+v, rule in SQL %+v", m.TaskID, m.Day, m.Timeline, m.SQL)
}

// CheckTimeline compares, for each plan and day, the timeline with the rule
// in SQL (status.sql) on every task, and returns where they differ.
func CheckTimeline(ctx context.Context, db bun.IDB, planIDs []int64, days []civil.Date) ([]Mismatch, error) {
	var out []Mismatch
	for _, d := range days {
		fromSQL, err := StatesSQL(ctx, db, planIDs, d)
		if err != nil {
			return nil, err
		}
		rows, err := statesOf(ctx, db, planIDs, d)
		if err != nil {
			return nil, err
		}
		byTask := make(map[int64]stateRow, len(rows))
		for _, r := range rows {
			byTask[r.TaskID] = r
		}
		for id, want := range fromSQL.rows {
			got, ok := byTask[id]
			if !ok || got.state() != want.state() || got.LeadUnitID != want.LeadUnitID || got.AreaID != want.AreaID {
				out = append(out, Mismatch{TaskID: id, Day: d, Timeline: got.state(), SQL: want.state()})
			}
			delete(byTask, id)
		}
		for id, got := range byTask {
			out = append(out, Mismatch{TaskID: id, Day: d, Timeline: got.state()})
		}
	}
	slices.SortFunc(out, func(a, b Mismatch) int {
		if c := a.Day.Compare(b.Day); c != 0 {
			return c
		}
		return int(a.TaskID - b.TaskID)
	})
	return out, nil
}
