package rollup

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/tasks"
	"cchc/units"
)

// Query picks tasks of a scope by their state at a day. Zero fields do not
// filter.
type Query struct {
	Scope
	AsOf civil.Date
	// Statuses: any of these.
	Statuses []tasks.Status
	// DueFrom, DueTo: the current deadline (extensions included) within
	// [DueFrom, DueTo]; tasks without one (continuous) never match.
	DueFrom, DueTo civil.Date
	// Pending: only completion claims awaiting the secretariat.
	Pending bool
	// Open: only tasks not completed (overdue, in progress, not started,
	// continuous).
	Open bool
	// LeadUnder: led by a unit of this subtree.
	LeadUnder *units.Unit
	// Involving: led or coordinated by this unit itself (a unit's work).
	Involving *units.Unit
	// Limit caps the answer (default 50, at most 1000).
	Limit int
}

// Role is how the unit a query involves takes part in a task.
type Role string

const (
	RoleLead       Role = "lead"
	RoleCoordinate Role = "coordinate"
)

// TaskRow is a task with its plan and its state at the query's day.
type TaskRow struct {
	Task   tasks.Task
	PlanID int64
	State  tasks.State
	Area   string // the name of the task's area
	// Role of Query.Involving in the task ("" when not asked).
	Role Role
}

// Tasks are the tasks a query picks, most urgent first: overdue ones by
// days overdue (most first), then by deadline (soonest first), then those
// without one, in plan and annex order.
func Tasks(ctx context.Context, db bun.IDB, q Query) ([]TaskRow, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 1000)
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	// The scope's plans first: the timeline is then read by plan (index),
	// whatever the scope.
	ps, err := scopePlans(ctx, db, q.Scope)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, nil
	}
	from := "task_timeline tl JOIN areas a ON a.id = tl.area_id"
	where = append(where,
		"tl.valid_from <= "+arg(q.AsOf)+"::date AND tl.valid_to > $1::date",
		"tl.plan_id = ANY("+arg(planIDs(ps))+")")
	if len(q.Statuses) > 0 {
		ss := make([]string, len(q.Statuses))
		for i, s := range q.Statuses {
			ss[i] = string(s)
		}
		where = append(where, "tl.status = ANY("+arg(ss)+"::text[])")
	}
	if !q.DueFrom.IsZero() {
		where = append(where, "tl.due >= "+arg(q.DueFrom)+"::date")
	}
	if !q.DueTo.IsZero() {
		where = append(where, "tl.due <= "+arg(q.DueTo)+"::date")
	}
	if q.Pending {
		where = append(where, "tl.pending")
	}
	if q.Open {
		where = append(where, "tl.status NOT IN ('completed_on_time', 'completed_late')")
	}
	if q.LeadUnder != nil {
		where = append(where, "tl.lead_unit_id IN (SELECT id FROM units WHERE path LIKE "+arg(likePrefix(q.LeadUnder.Path))+")")
	}
	role := "''"
	if q.Involving != nil {
		u := arg(q.Involving.ID)
		where = append(where, "tl.task_id IN (SELECT id FROM tasks WHERE lead_unit_id = "+u+
			" UNION ALL SELECT task_id FROM task_coordinators WHERE unit_id = "+u+")")
		role = "CASE WHEN tl.lead_unit_id = " + u + " THEN 'lead' ELSE 'coordinate' END"
	}
	sql := "SELECT tl.task_id, tl.plan_id, a.name AS area, " + role + " AS role FROM " + from +
		"\nWHERE " + strings.Join(where, "\n  AND ") +
		"\nORDER BY tl.first_missed NULLS LAST, tl.due NULLS LAST, tl.plan_id, tl.task_id LIMIT " + arg(q.Limit)
	var picked []struct {
		TaskID int64  `bun:"task_id"`
		PlanID int64  `bun:"plan_id"`
		Area   string `bun:"area"`
		Role   string `bun:"role"`
	}
	if err = database.Select(ctx, db, &picked, sql, args...); err != nil {
		return nil, fmt.Errorf("rollup: tasks: %w", err)
	}
	ids := make([]int64, len(picked))
	for i, p := range picked {
		ids[i] = p.TaskID
	}
	ts, sts, err := tasks.ListAt(ctx, db, ids, q.AsOf)
	if err != nil {
		return nil, err
	}
	roles := make(map[int64]Role, len(picked))
	areas := make(map[int64]string, len(picked))
	for _, p := range picked {
		roles[p.TaskID], areas[p.TaskID] = Role(p.Role), p.Area
	}
	out := make([]TaskRow, len(ts))
	for i := range ts {
		out[i] = TaskRow{Task: ts[i], PlanID: ts[i].PlanID, State: sts[i], Area: areas[ts[i].ID], Role: roles[ts[i].ID]}
	}
	return out, nil
}
