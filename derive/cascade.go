package derive

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// Cascade creates, for a unit below the issuer of an issued plan, the
// unit's own plan for the same year (a draft): it starts with the tasks of
// the parent plan that the unit (or a unit below it) leads, each linked to
// the parent task it carries out (Task.ParentTaskID), under areas of the
// same names in the same order, numbered 1, 2, … anew. Lead units, titles,
// descriptions, outputs and deadlines are kept; coordinating units are kept
// only if they are below the unit (the others coordinate with it at the
// parent's level, not inside its plan). The unit then adds its own tasks.
//
// How the parent sees it: tasks.Links lists, for a parent task, the tasks linked
// to it with their status; completing the unit's task is therefore visible
// on the parent task, without posting anything on the parent plan for the
// unit (a completion there is still the lead unit's own report).
func Cascade(ctx context.Context, db bun.IDB, parentID, unitID int64) (*plans.Plan, error) {
	parent, err := plans.Get(ctx, db, parentID)
	if err != nil {
		return nil, err
	}
	u, err := units.Get(ctx, db, unitID)
	if err != nil {
		return nil, err
	}
	switch {
	case parent.State != plans.StateIssued:
		return nil, errs.Bad("state", "derive.cascade_issued_only")
	case u.ID == parent.UnitID || !parent.Unit.Contains(*u):
		return nil, errs.Bad("unit", "derive.cascade_not_below", u.Name, parent.Unit.Name)
	}
	areas, err := plans.Areas(ctx, db, parentID)
	if err != nil {
		return nil, err
	}
	all, err := tasks.ForPlan(ctx, db, parentID)
	if err != nil {
		return nil, err
	}
	byArea := map[int64][]tasks.Task{}
	n := 0
	for _, t := range all {
		if t.LeadUnit != nil && u.Contains(*t.LeadUnit) {
			byArea[t.AreaID] = append(byArea[t.AreaID], t)
			n++
		}
	}
	if n == 0 {
		return nil, errs.Bad("unit", "derive.cascade_no_task", u.Name)
	}
	var out *plans.Plan
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		confirm := parent.RequireConfirmation
		p, err := plans.Create(ctx, tx, plans.NewPlan{UnitID: u.ID, Year: parent.Year, Title: fmt.Sprintf("Kế hoạch cải cách hành chính năm %d của %s", parent.Year, u.Name),
			RequireConfirmation: &confirm, CutoffScheme: parent.CutoffScheme})
		if err != nil {
			return err
		}
		number := 0
		for _, a := range areas {
			if len(byArea[a.ID]) == 0 {
				continue
			}
			na, err := plans.InsertArea(ctx, tx, p.ID, a.Name)
			if err != nil {
				return err
			}
			for _, t := range byArea[a.ID] {
				var coords []int64
				for _, c := range t.Coordinators {
					if u.Contains(c) {
						coords = append(coords, c.ID)
					}
				}
				number++
				nt, err := tasks.Insert(ctx, tx, tasks.NewTask{PlanID: p.ID, AreaID: na.ID, Number: fmt.Sprint(number), Title: t.Title,
					Description: t.Description, LeadUnitID: t.LeadUnitID, Coordinators: coords, Output: t.Output, Deadline: t.DeadlineText, PlanYear: p.Year})
				if err != nil {
					return fmt.Errorf("derive: cascade task %s (%d): %w", t.Number, t.ID, err)
				}
				if err := tasks.Link(ctx, tx, nt.ID, t.ID); err != nil {
					return err
				}
			}
		}
		out = p
		return audit.Record(ctx, tx, audit.Change{Action: "cascade", Entity: "plan", EntityID: p.ID, PlanID: p.ID,
			After: map[string]any{"parent_plan_id": parentID, "unit_id": u.ID, "tasks": n}})
	})
	if err != nil {
		return nil, err
	}
	return plans.Get(ctx, db, out.ID)
}
