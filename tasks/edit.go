package tasks

// Editing the tasks of a plan.
//
// Rules: tasks of a closed plan are frozen. A task is deleted only while it
// has no history: in a draft plan always, in an issued plan only if no unit
// has posted progress or asked for an extension on it (otherwise change it
// instead: the audit trail keeps what it was). Every change checks the
// version the caller read (ErrStale otherwise, nothing written), bumps it,
// and writes an audit row with the values before and after in the same
// transaction. Changing the lead unit of a task of an issued plan also
// writes a "reassign" audit row; the use case (app.UpdateTask) tells both
// units.

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/units"
)

// Limits on what a user types.
const (
	maxTitle  = 4000
	maxNumber = 20
	maxOutput = 2000
)

// Reassignment is a change of lead unit on a task of an issued plan.
type Reassignment struct {
	TaskID     int64
	PlanID     int64
	TaskNumber string
	TaskTitle  string
	FromUnitID int64
	ToUnitID   int64
	Actor      audit.Actor
}

// editable refuses the tasks of a closed plan.
func editable(p *plans.Plan) error {
	if p.State == plans.StateClosed {
		return invalid("state", "tasks.plan_closed")
	}
	return nil
}

// checkUnits refuses units that are not in the issuing unit's subtree: a
// plan assigns tasks to the units below its issuer (as its annex import
// resolves names only there).
func checkUnits(ctx context.Context, db bun.IDB, p *plans.Plan, field string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var outside []string
	if err := db.NewSelect().Table("units").Column("name").Where("id IN (?)", bun.List(ids)).
		Where("path NOT LIKE ?", p.Unit.Path+"%").Order("name").Scan(ctx, &outside); err != nil {
		return fmt.Errorf("tasks: check units: %w", err)
	}
	n, err := db.NewSelect().Table("units").Where("id IN (?)", bun.List(ids)).Count(ctx)
	if err != nil {
		return fmt.Errorf("tasks: check units: %w", err)
	}
	distinct := len(slices.Compact(slices.Sorted(slices.Values(ids))))
	switch {
	case int(n) < distinct:
		return invalid(field, "tasks.unit_missing")
	case len(outside) > 0:
		return invalid(field, "tasks.unit_outside", strings.Join(outside, ", "))
	}
	return nil
}

// Create adds a task to an area of a plan that is not closed, checking that
// the area belongs to the plan and the units to the issuing unit's subtree;
// the deadline is read for the plan's year (in.PlanYear is ignored). Tasks
// are created side by side in one plan: the plan is only locked for share
// (it cannot be closed meanwhile), positions are reserved one by one.
func Create(ctx context.Context, db bun.IDB, in NewTask) (*Task, error) {
	var out *Task
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		p, err := plans.Share(ctx, tx, in.PlanID)
		if err != nil {
			return err
		}
		if err := editable(p); err != nil {
			return err
		}
		if err := checkFields(in.Number, in.Title, in.Output); err != nil {
			return err
		}
		if err := checkPlace(ctx, tx, p, in.AreaID, in.LeadUnitID, in.Coordinators); err != nil {
			return err
		}
		in.PlanYear = p.Year
		t, err := newTask(in)
		if err != nil {
			return err
		}
		t.PlanRequiresConfirmation, t.PlanState, t.PlanContinuousFrom = p.RequireConfirmation, p.State, p.ContinuousFrom()
		if err := insert(ctx, tx, t, in); err != nil {
			return err
		}
		for _, id := range dropLead(in.Coordinators, t.LeadUnitID) {
			t.Coordinators = append(t.Coordinators, units.Unit{ID: id})
		}
		ts := []Task{*t}
		if _, err := nameUnits(ctx, tx, ts); err != nil {
			return err
		}
		out = &ts[0]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkPlaceSQL tells, in one query, whether area $2 belongs to plan $1,
// and lists the units of $3 that do not exist or lie outside the subtree
// $4 (a LIKE pattern), with whether each is missing.
const checkPlaceSQL = `SELECT EXISTS (SELECT 1 FROM areas WHERE id = $2 AND plan_id = $1),
       coalesce((SELECT array_agg(coalesce(u.name, '') ORDER BY u.name)
                 FROM unnest($3::bigint[]) AS x(id) LEFT JOIN units u ON u.id = x.id
                 WHERE u.id IS NULL OR u.path NOT LIKE $4), '{}')`

// checkPlace checks, for a task of plan p, its area and its units (the lead
// one, if any, and the coordinating ones) as checkArea and checkUnits do.
func checkPlace(ctx context.Context, db bun.IDB, p *plans.Plan, areaID, lead int64, coords []int64) error {
	ids := slices.Clone(coords)
	if lead != 0 {
		ids = append(ids, lead)
	}
	rows, err := database.Query(ctx, db, checkPlaceSQL, p.ID, areaID, ids, escapeLike(p.Unit.Path)+"%")
	if err != nil {
		return fmt.Errorf("tasks: check place: %w", err)
	}
	var areaOK bool
	var bad []string
	if rows.Next() {
		err = rows.Scan(&areaOK, typeMap.SQLScanner(&bad))
	}
	rows.Close()
	if err = cmp.Or(err, rows.Err()); err != nil {
		return fmt.Errorf("tasks: check place: %w", err)
	}
	if !areaOK {
		return invalid("area", "tasks.area_outside")
	}
	if len(bad) == 0 {
		return nil
	}
	field := "coordinators"
	if lead != 0 && !slices.Contains(coords, lead) {
		// Which field: check the lead alone the way checkUnits would.
		if err := checkUnits(ctx, db, p, "lead_unit", []int64{lead}); err != nil {
			return err
		}
	}
	return checkUnits(ctx, db, p, field, coords)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func checkArea(ctx context.Context, db bun.IDB, planID, areaID int64) error {
	n, err := db.NewSelect().Table("areas").Where("id = ? AND plan_id = ?", areaID, planID).Count(ctx)
	if err != nil {
		return fmt.Errorf("tasks: check area: %w", err)
	}
	if n == 0 {
		return invalid("area", "tasks.area_outside")
	}
	return nil
}

func checkFields(number, title, output string) error {
	switch {
	case len([]rune(vn.OneLine(number))) > maxNumber:
		return invalid("number", "tasks.number_long", maxNumber)
	case len([]rune(title)) > maxTitle:
		return invalid("title", "tasks.title_long", maxTitle)
	case len([]rune(output)) > maxOutput:
		return invalid("output", "tasks.output_long", maxOutput)
	}
	return nil
}

// Edit is a change to a task; nil fields are left as they are. Version is
// the version the caller read.
type Edit struct {
	Version      int
	Number       *string
	Title        *string
	Description  *string
	Output       *string
	Deadline     *string // as written; read for the plan's year
	LeadUnitID   *int64
	Coordinators *[]int64 // in order; the lead and duplicates are dropped
}

// lockTask loads a task with its units for update, checking the version
// and that its plan is not closed.
func lockTask(ctx context.Context, tx bun.IDB, id int64, version int) (*Task, *plans.Plan, error) {
	var ts []Task
	if err := selectTasks(tx, &ts).Where("task.id = ?", id).For("UPDATE OF task").Scan(ctx); err != nil {
		return nil, nil, fmt.Errorf("tasks: lock %d: %w", id, err)
	}
	if len(ts) == 0 {
		return nil, nil, errs.Missing("tasks: task %d", id)
	}
	if err := attachUnits(ctx, tx, ts); err != nil {
		return nil, nil, err
	}
	t := &ts[0]
	if version != t.Version {
		return nil, nil, ErrStale
	}
	p, err := plans.Get(ctx, tx, t.PlanID)
	if err != nil {
		return nil, nil, err
	}
	if err := editable(p); err != nil {
		return nil, nil, err
	}
	return t, p, nil
}

func coordinatorIDs(t *Task) []int64 {
	ids := make([]int64, len(t.Coordinators))
	for i, c := range t.Coordinators {
		ids[i] = c.ID
	}
	return ids
}

// Update applies e to a task and returns it as it now stands.
func Update(ctx context.Context, db bun.IDB, id int64, e Edit) (*Task, error) {
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t, p, err := lockTask(ctx, tx, id, e.Version)
		if err != nil {
			return err
		}
		before := t.auditView()
		before["coordinators"] = coordinatorIDs(t)
		oldLead := t.LeadUnitID
		if e.Number != nil {
			t.Number = vn.OneLine(*e.Number)
		}
		if e.Title != nil {
			t.Title = vn.Clean(*e.Title)
		}
		if e.Description != nil {
			t.Description = vn.Clean(*e.Description)
		}
		if e.Output != nil {
			t.Output = vn.Clean(*e.Output)
		}
		if err := checkFields(t.Number, t.Title, t.Output); err != nil {
			return err
		}
		if t.Title == "" {
			return invalid("title", "tasks.title_required")
		}
		if e.Deadline != nil {
			if err := t.SetDeadline(*e.Deadline, p.Year); err != nil {
				return err
			}
		}
		if e.LeadUnitID != nil {
			if *e.LeadUnitID == 0 {
				return invalid("lead_unit", "tasks.lead_required")
			}
			if err := checkUnits(ctx, tx, p, "lead_unit", []int64{*e.LeadUnitID}); err != nil {
				return err
			}
			t.LeadUnitID = *e.LeadUnitID
		}
		coords := coordinatorIDs(t)
		if e.Coordinators != nil {
			if err := checkUnits(ctx, tx, p, "coordinators", *e.Coordinators); err != nil {
				return err
			}
			coords = *e.Coordinators
		}
		t.Version++
		if _, err := tx.NewUpdate().Table("tasks").
			Set("number = ?", t.Number).Set("title = ?", t.Title).Set("description = ?", t.Description).
			Set("output = ?", t.Output).Set("lead_unit_id = ?", t.LeadUnitID).
			Set("deadline_text = ?", t.DeadlineText).Set("deadline_kind = ?", t.DeadlineKind).
			Set("deadline_date = ?", t.DeadlineDate).Set("recur_months = ?", nullInt(t.RecurMonths)).
			Set("version = ?", t.Version).Set("updated_at = now()").
			Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: update %d: %w", id, err)
		}
		if err := setCoordinators(ctx, tx, id, t.LeadUnitID, coords); err != nil {
			return err
		}
		if e.Deadline != nil || oldLead != t.LeadUnitID {
			if err := RefreshTimeline(ctx, tx, []int64{id}, civil.Date{}); err != nil {
				return err
			}
		}
		after := t.auditView()
		after["coordinators"] = dropLead(coords, t.LeadUnitID)
		if err := audit.Record(ctx, tx, audit.Change{Action: "update", Entity: "task", EntityID: id, PlanID: t.PlanID, TaskID: id, Before: before, After: after}); err != nil {
			return err
		}
		if oldLead == t.LeadUnitID || p.State == plans.StateDraft {
			return nil
		}
		return audit.Record(ctx, tx, audit.Change{Action: "reassign", Entity: "task", EntityID: id, PlanID: t.PlanID, TaskID: id,
			Before: map[string]any{"lead_unit_id": oldLead}, After: map[string]any{"lead_unit_id": t.LeadUnitID}})
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, id)
}

func dropLead(ids []int64, lead int64) []int64 {
	out := []int64{}
	for _, id := range ids {
		if id != lead && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// Move puts a task in area areaID (of the same plan) at index (1-based
// among that area's tasks; 0 or beyond the end means last). Task numbers
// are text as written and are not renumbered.
func Move(ctx context.Context, db bun.IDB, id int64, version int, areaID int64, index int) (*Task, error) {
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t, _, err := lockTask(ctx, tx, id, version)
		if err != nil {
			return err
		}
		if err := checkArea(ctx, tx, t.PlanID, areaID); err != nil {
			return err
		}
		var rows []struct {
			ID       int64 `bun:"id"`
			AreaID   int64 `bun:"area_id"`
			Position int   `bun:"position"`
		}
		if err := tx.NewSelect().TableExpr("tasks AS t").Join("JOIN areas AS a ON a.id = t.area_id").
			ColumnExpr("t.id, t.area_id, t.position").Where("t.plan_id = ?", t.PlanID).
			OrderExpr("a.position, t.position, t.id").For("UPDATE OF t").Scan(ctx, &rows); err != nil {
			return fmt.Errorf("tasks: plan order: %w", err)
		}
		byArea := map[int64][]int64{}
		old := map[int64]int{}
		for _, r := range rows {
			old[r.ID] = r.Position
			if r.ID == id {
				continue
			}
			byArea[r.AreaID] = append(byArea[r.AreaID], r.ID)
		}
		// The target area may be empty, or have held only this task.
		var all []int64
		if err := tx.NewSelect().Table("areas").Column("id").Where("plan_id = ?", t.PlanID).Order("position").Scan(ctx, &all); err != nil {
			return fmt.Errorf("tasks: areas: %w", err)
		}
		list := byArea[areaID]
		if index <= 0 || index > len(list) {
			index = len(list) + 1
		}
		byArea[areaID] = append(list[:index-1:index-1], append([]int64{id}, list[index-1:]...)...)
		// New positions, 1, 2, … in annex order; rows whose position changes
		// first step aside to negative ones, so that UNIQUE (plan_id,
		// position) never sees two rows on one position.
		var ids []int64
		var positions []int64
		pos := 0
		for _, a := range all {
			for _, tid := range byArea[a] {
				pos++
				if old[tid] != pos {
					ids = append(ids, tid)
					positions = append(positions, int64(pos))
				}
			}
		}
		if len(ids) > 0 {
			if _, err := database.Exec(ctx, tx, `UPDATE tasks SET position = -position WHERE id = ANY($1)`, ids); err != nil {
				return fmt.Errorf("tasks: move %d: %w", id, err)
			}
			if _, err := database.Exec(ctx, tx, `UPDATE tasks t SET position = v.pos FROM unnest($1::bigint[], $2::int[]) AS v(id, pos) WHERE t.id = v.id`, ids, positions); err != nil {
				return fmt.Errorf("tasks: move %d: %w", id, err)
			}
		}
		if _, err := tx.NewUpdate().Table("tasks").Set("area_id = ?", areaID).Set("version = version + 1").Set("updated_at = now()").
			Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: move %d: %w", id, err)
		}
		moved, err := Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if moved.AreaID != t.AreaID {
			if err := RefreshTimeline(ctx, tx, []int64{id}, civil.Date{}); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Change{Action: "move", Entity: "task", EntityID: id, PlanID: t.PlanID, TaskID: id,
			Before: map[string]any{"area_id": t.AreaID, "position": t.Position, "version": t.Version},
			After:  map[string]any{"area_id": moved.AreaID, "position": moved.Position, "version": moved.Version}})
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, id)
}

// Removable says why a task may not be deleted, or nil if it may.
func Removable(ctx context.Context, db bun.IDB, t *Task) error {
	n, err := db.NewSelect().Table("progress_entries").Where("task_id = ?", t.ID).Count(ctx)
	if err != nil {
		return fmt.Errorf("tasks: count progress: %w", err)
	}
	x, err := db.NewSelect().Table("deadline_extensions").Where("task_id = ?", t.ID).Count(ctx)
	if err != nil {
		return fmt.Errorf("tasks: count extensions: %w", err)
	}
	return removable(t.PlanState, n+x > 0)
}

// removable is the rule: every task of a draft; in an issued plan, a task
// without history; none of a closed plan.
func removable(state plans.State, hasHistory bool) error {
	switch {
	case state == plans.StateDraft:
		return nil
	case state == plans.StateClosed:
		return invalid("state", "tasks.plan_closed_delete")
	case hasHistory:
		return invalid("task", "tasks.has_history")
	}
	return nil
}

// RemovableInPlan says, for every task of plan p, whether it may be deleted.
func RemovableInPlan(ctx context.Context, db bun.IDB, p *plans.Plan) (map[int64]bool, error) {
	kept, err := WithHistory(ctx, db, p.ID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	if err := db.NewSelect().Table("tasks").Column("id").Where("plan_id = ?", p.ID).Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("tasks: ids of plan %d: %w", p.ID, err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = removable(p.State, kept[id]) == nil
	}
	return out, nil
}

// Remove deletes a task (see Removable).
func Remove(ctx context.Context, db bun.IDB, id int64, version int) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var ts []Task
		if err := selectTasks(tx, &ts).Where("task.id = ?", id).For("UPDATE OF task").Scan(ctx); err != nil {
			return fmt.Errorf("tasks: lock %d: %w", id, err)
		}
		if len(ts) == 0 {
			return errs.Missing("tasks: task %d", id)
		}
		if err := attachUnits(ctx, tx, ts); err != nil {
			return err
		}
		t := &ts[0]
		if version != t.Version {
			return ErrStale
		}
		if err := Removable(ctx, tx, t); err != nil {
			return err
		}
		before := t.auditView()
		before["coordinators"] = coordinatorIDs(t)
		before["deadline_kind"] = t.DeadlineKind
		if _, err := tx.NewDelete().Table("tasks").Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: delete %d: %w", id, err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "delete", Entity: "task", EntityID: id, PlanID: t.PlanID, TaskID: id, Before: before})
	})
}

// Children lists the ids of the tasks linked to parentID (app.Cascade),
// oldest first.
func Children(ctx context.Context, db bun.IDB, parentID int64) ([]int64, error) {
	var ids []int64
	if err := db.NewSelect().Table("tasks").Column("id").Where("parent_task_id = ?", parentID).Order("id").Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("tasks: children of %d: %w", parentID, err)
	}
	return ids, nil
}

// Link sets the parent task a task carries out (0 removes the link).
func Link(ctx context.Context, db bun.IDB, id, parentID int64) error {
	var parent any
	if parentID != 0 {
		parent = parentID
	}
	if _, err := db.NewUpdate().Table("tasks").Set("parent_task_id = ?", parent).Where("id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("tasks: link %d to %d: %w", id, parentID, err)
	}
	return nil
}

// WithHistory returns the tasks of a plan that have progress entries or
// extension requests (which an issued plan keeps: see Removable).
func WithHistory(ctx context.Context, db bun.IDB, planID int64) (map[int64]bool, error) {
	var ids []int64
	if err := db.NewRaw(`SELECT t.id FROM tasks t WHERE t.plan_id = ? AND (
		EXISTS (SELECT 1 FROM progress_entries e WHERE e.task_id = t.id) OR
		EXISTS (SELECT 1 FROM deadline_extensions x WHERE x.task_id = t.id))`, planID).Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("tasks: with history in plan %d: %w", planID, err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
