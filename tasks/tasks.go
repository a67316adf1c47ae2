// Package tasks owns a plan's tasks, their append-only progress history and
// the status rule that turns history into "completed on time", "overdue" and
// the rest (docs/DOMAIN.md §4–5). It builds on plans.
//
// Naming: Create… is the checked operation a user asks for; Insert… writes
// what a trusted caller already checked (both audited).
package tasks

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/units"
)

// ErrStale means the task changed since the caller read it (optimistic locking).
var ErrStale = errs.New(errs.Stale, "stale_version", "tasks.stale")

// invalid is input a user can correct, in a field, with a message key.
func invalid(field, key string, args ...any) error { return errs.Bad(field, key, args...) }

type Task struct {
	bun.BaseModel `bun:"table:tasks"`

	ID           int64         `bun:"id,pk,autoincrement"`
	PlanID       int64         `bun:"plan_id"`
	AreaID       int64         `bun:"area_id"`
	Position     int           `bun:"position"`
	Number       string        `bun:"number"`
	Title        string        `bun:"title"`
	Description  string        `bun:"description"`
	LeadUnitID   int64         `bun:"lead_unit_id"`
	Output       string        `bun:"output"`
	DeadlineText string        `bun:"deadline_text"`
	DeadlineKind deadline.Kind `bun:"deadline_kind"`
	DeadlineDate civil.Date    `bun:"deadline_date,type:date"`
	RecurMonths  int           `bun:"recur_months,nullzero"`
	// ParentTaskID links a task of a unit's own plan to the task of the
	// plan above that it carries out (app.Cascade); 0 for none.
	ParentTaskID int64     `bun:"parent_task_id,nullzero"`
	Version      int       `bun:"version"`
	CreatedAt    time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt    time.Time `bun:"updated_at,nullzero,default:now()"`

	// Filled by the loaders below, not columns.
	PlanYear                 int          `bun:"plan_year,scanonly"`
	PlanRequiresConfirmation bool         `bun:"plan_requires_confirmation,scanonly"`
	PlanState                plans.State  `bun:"plan_state,scanonly"`
	LeadUnit                 *units.Unit  `bun:"-"`
	Coordinators             []units.Unit `bun:"-"`
	// Extensions are the task's extension requests, oldest first.
	Extensions []Extension `bun:"-"`

	// PlanContinuousFrom is the plan's rule for continuous tasks
	// (plans.ContinuousFrom), filled by the loaders.
	PlanContinuousFrom civil.Date `bun:"plan_continuous_from,scanonly,type:date"`
}

// Deadline returns the task's deadline as parsed.
func (t *Task) Deadline() deadline.Deadline {
	return deadline.Deadline{Text: t.DeadlineText, Kind: t.DeadlineKind, Date: t.DeadlineDate, EveryMonths: t.RecurMonths}
}

// Schedule is what the status rule needs of the task.
func (t *Task) Schedule() Schedule {
	s := Schedule{Year: t.PlanYear, Kind: t.DeadlineKind, Due: t.DeadlineDate, EveryMonths: t.RecurMonths, RequireConfirmation: t.PlanRequiresConfirmation,
		ContinuousFrom: t.PlanContinuousFrom}
	for _, x := range t.Extensions {
		if x.State == ExtensionApproved {
			s.Extensions = append(s.Extensions, Extended{NewDue: x.NewDate, DecidedAt: x.DecidedAt})
		}
	}
	return s
}

// SetDeadline parses text for a plan of year and stores both forms.
func (t *Task) SetDeadline(text string, year int) error {
	d, err := deadline.Parse(text, year)
	if err != nil {
		return err // a *deadline.Error, which errs.As reads as invalid input in "deadline"
	}
	t.DeadlineText, t.DeadlineKind, t.DeadlineDate, t.RecurMonths = d.Text, d.Kind, d.Date, d.EveryMonths
	return nil
}

// CoordinatesWith reports whether unit u is one of the task's coordinating units.
func (t *Task) CoordinatesWith(unitID int64) bool {
	for _, c := range t.Coordinators {
		if c.ID == unitID {
			return true
		}
	}
	return false
}

// auditView is what the audit trail keeps of a task's own fields.
func (t *Task) auditView() map[string]any {
	return map[string]any{"number": t.Number, "title": t.Title, "description": t.Description, "area_id": t.AreaID,
		"lead_unit_id": t.LeadUnitID, "output": t.Output, "deadline": t.DeadlineText, "position": t.Position, "version": t.Version}
}

// NewTask is what Create and Insert need.
type NewTask struct {
	PlanID       int64
	AreaID       int64
	Number       string
	Title        string
	Description  string
	LeadUnitID   int64
	Coordinators []int64
	Output       string
	Deadline     string
	PlanYear     int // Insert reads the deadline for this year; Create takes the plan's
}

// Insert writes a task at the end of its plan with its coordinating units,
// checking only its own fields: the plan, area and units are the caller's.
func Insert(ctx context.Context, db bun.IDB, in NewTask) (*Task, error) {
	t, err := newTask(in)
	if err != nil {
		return nil, err
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, db bun.Tx) error { return insert(ctx, db, t, in) })
	if err != nil {
		return nil, err
	}
	return t, nil
}

// newTask checks a new task's own fields and reads its deadline.
func newTask(in NewTask) (*Task, error) {
	t := &Task{
		PlanID: in.PlanID, AreaID: in.AreaID, Number: vn.OneLine(in.Number),
		Title: vn.Clean(in.Title), Description: vn.Clean(in.Description),
		LeadUnitID: in.LeadUnitID, Output: vn.Clean(in.Output), Version: 1, PlanYear: in.PlanYear,
	}
	if t.Title == "" {
		return nil, invalid("title", "tasks.title_required")
	}
	if t.LeadUnitID == 0 {
		return nil, invalid("lead_unit", "tasks.lead_required")
	}
	if err := t.SetDeadline(in.Deadline, in.PlanYear); err != nil {
		return nil, err
	}
	return t, nil
}

// insertSQL writes a task at the end of its plan without locking the plan:
// it takes the first position after the plan's last that no other
// transaction has reserved (a transaction-scoped advisory lock per plan and
// position, tried without waiting), and UNIQUE (plan_id, position) turns
// away the rare race with a creation committed meanwhile (no row: insert
// tries again). Its coordinating units ($12, in order) go in the same
// statement.
const insertSQL = `WITH last AS (
    SELECT coalesce(max(position), 0) AS n FROM tasks WHERE plan_id = $1
), pos AS (
    SELECT p FROM last, generate_series(last.n + 1, last.n + 64) AS p
    WHERE pg_try_advisory_xact_lock(($1 % 2147483647)::int, p)
    LIMIT 1
), t AS (
    INSERT INTO tasks (plan_id, area_id, position, number, title, description, lead_unit_id, output,
                       deadline_text, deadline_kind, deadline_date, recur_months, version)
    SELECT $1, $2, p, $3, $4, $5, $6, $7, $8, $9, nullif($10::text, '')::date, $11::int, 1 FROM pos
    ON CONFLICT (plan_id, position) DO NOTHING
    RETURNING id, position, created_at, updated_at
), c AS (
    INSERT INTO task_coordinators (task_id, unit_id, position)
    SELECT t.id, u.unit_id, u.n FROM t, unnest($12::bigint[]) WITH ORDINALITY AS u(unit_id, n)
)
SELECT id, position, created_at, updated_at FROM t`

func insert(ctx context.Context, db bun.Tx, t *Task, in NewTask) error {
	coords := dropLead(in.Coordinators, t.LeadUnitID)
	for attempt := 0; t.ID == 0; attempt++ {
		if attempt == 10 {
			return fmt.Errorf("tasks: insert into plan %d: no free position after %d attempts", in.PlanID, attempt)
		}
		rows, err := database.Query(ctx, db, insertSQL, t.PlanID, t.AreaID, t.Number, t.Title, t.Description, t.LeadUnitID,
			t.Output, t.DeadlineText, t.DeadlineKind, dateText(t.DeadlineDate, ""), nullInt(t.RecurMonths), coords)
		if err == nil {
			if rows.Next() {
				err = rows.Scan(&t.ID, &t.Position, &t.CreatedAt, &t.UpdatedAt)
			}
			rows.Close()
			err = cmp.Or(err, rows.Err())
		}
		if database.IsForeignKeyViolation(err) {
			return invalid("lead_unit", "tasks.lead_or_area_missing")
		}
		if err != nil {
			return fmt.Errorf("tasks: insert: %w", err)
		}
	}
	// A new task has no history: its timeline follows from its schedule.
	tt := &timelineTask{ID: t.ID, PlanID: t.PlanID, LeadUnitID: t.LeadUnitID, AreaID: t.AreaID, Schedule: t.Schedule()}
	var tl timelineRows
	tl.add(tt, Timeline(tt.Schedule, nil), civil.Date{})
	if err := writeTimeline(ctx, db, []int64{t.ID}, civil.Date{}, &tl); err != nil {
		return err
	}
	after := t.auditView()
	after["coordinators"] = in.Coordinators
	return audit.Record(ctx, db, audit.Change{Action: "create", Entity: "task", EntityID: t.ID, PlanID: t.PlanID, TaskID: t.ID, After: after})
}

func setCoordinators(ctx context.Context, db bun.IDB, taskID, leadID int64, ids []int64) error {
	if _, err := db.NewDelete().Table("task_coordinators").Where("task_id = ?", taskID).Exec(ctx); err != nil {
		return fmt.Errorf("tasks: clear coordinators: %w", err)
	}
	seen := map[int64]bool{leadID: true}
	pos := 0
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		pos++
		if _, err := db.NewRaw("INSERT INTO task_coordinators (task_id, unit_id, position) VALUES (?, ?, ?)", taskID, id, pos).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: add coordinator: %w", err)
		}
	}
	return nil
}

// continuousFromSQL is plans.ContinuousFrom in SQL, over plans p: the
// year-end cut-off when the plan counts continuous tasks only then, else
// NULL (any closing counts).
const continuousFromSQL = `CASE WHEN p.continuous_year_end THEN make_date(p.year, 12, CASE WHEN p.cutoff_scheme = 'calendar' THEN 31 ELSE 14 END) END`

func selectTasks(db bun.IDB, ts *[]Task) *bun.SelectQuery {
	return db.NewSelect().Model(ts).
		ColumnExpr("task.*").ColumnExpr("p.year AS plan_year").ColumnExpr("p.require_confirmation AS plan_requires_confirmation").
		ColumnExpr("p.state AS plan_state").
		ColumnExpr(continuousFromSQL + " AS plan_continuous_from").
		Join("JOIN plans AS p ON p.id = task.plan_id")
}

func attachUnits(ctx context.Context, db bun.IDB, ts []Task) error {
	if len(ts) == 0 {
		return nil
	}
	ids := make([]int64, len(ts))
	unitIDs := []int64{}
	for i, t := range ts {
		ids[i] = t.ID
		unitIDs = append(unitIDs, t.LeadUnitID)
	}
	var links []struct {
		TaskID int64 `bun:"task_id"`
		UnitID int64 `bun:"unit_id"`
	}
	if err := db.NewSelect().Table("task_coordinators").Column("task_id", "unit_id").
		Where("task_id IN (?)", bun.List(ids)).Order("task_id", "position").Scan(ctx, &links); err != nil {
		return fmt.Errorf("tasks: coordinators: %w", err)
	}
	for _, l := range links {
		unitIDs = append(unitIDs, l.UnitID)
	}
	us, err := units.ByIDs(ctx, db, unitIDs)
	if err != nil {
		return err
	}
	index := make(map[int64]*Task, len(ts))
	for i := range ts {
		lead := us[ts[i].LeadUnitID]
		ts[i].LeadUnit = &lead
		ts[i].Coordinators = []units.Unit{}
		index[ts[i].ID] = &ts[i]
	}
	for _, l := range links {
		t := index[l.TaskID]
		t.Coordinators = append(t.Coordinators, us[l.UnitID])
	}
	var xs []Extension
	if err := db.NewSelect().Model(&xs).Where("task_id IN (?)", bun.List(ids)).Order("task_id", "requested_at", "id").Scan(ctx); err != nil {
		return fmt.Errorf("tasks: extensions: %w", err)
	}
	for _, x := range xs {
		t := index[x.TaskID]
		t.Extensions = append(t.Extensions, x)
	}
	return nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Labels are "3. Công bố thủ tục hành chính" for the tasks with these ids
// that still exist.
func Labels(ctx context.Context, db bun.IDB, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID     int64  `bun:"id"`
		Number string `bun:"number"`
		Title  string `bun:"title"`
	}
	if err := db.NewSelect().Table("tasks").Column("id", "number", "title").Where("id IN (?)", bun.List(ids)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("tasks: labels: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = Label(r.Number, r.Title)
	}
	return out, nil
}

// Label is how a task is named in a sentence: "3. Title", or the title
// alone when it has no number.
func Label(number, title string) string {
	if number == "" {
		return title
	}
	return number + ". " + title
}
