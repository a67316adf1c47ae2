package plans

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
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
// How the parent sees it: Links lists, for a parent task, the tasks linked
// to it with their status; completing the unit's task is therefore visible
// on the parent task, without posting anything on the parent plan for the
// unit (a completion there is still the lead unit's own report).
func Cascade(ctx context.Context, db bun.IDB, parentID, unitID int64) (*Plan, error) {
	parent, err := Get(ctx, db, parentID)
	if err != nil {
		return nil, err
	}
	u, err := units.Get(ctx, db, unitID)
	if err != nil {
		return nil, err
	}
	switch {
	case parent.State != StateIssued:
		return nil, invalid("state", "chỉ triển khai được từ kế hoạch đã ban hành (chưa kết thúc)")
	case u.ID == parent.UnitID || !parent.Unit.Contains(*u):
		return nil, invalid("unit", fmt.Sprintf("%s không trực thuộc %s", u.Name, parent.Unit.Name))
	}
	areas, err := Areas(ctx, db, parentID)
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
		return nil, invalid("unit", fmt.Sprintf("%s không chủ trì nhiệm vụ nào của kế hoạch này", u.Name))
	}
	var out *Plan
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		confirm := parent.RequireConfirmation
		p, err := Add(ctx, tx, NewPlan{UnitID: u.ID, Year: parent.Year, Title: fmt.Sprintf("Kế hoạch cải cách hành chính năm %d của %s", parent.Year, u.Name),
			RequireConfirmation: &confirm, CutoffScheme: parent.CutoffScheme})
		if err != nil {
			return err
		}
		number := 0
		for _, a := range areas {
			if len(byArea[a.ID]) == 0 {
				continue
			}
			na, err := AddArea(ctx, tx, p.ID, a.Name)
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
				nt, err := tasks.Create(ctx, tx, tasks.NewTask{PlanID: p.ID, AreaID: na.ID, Number: fmt.Sprint(number), Title: t.Title,
					Description: t.Description, LeadUnitID: t.LeadUnitID, Coordinators: coords, Output: t.Output, Deadline: t.DeadlineText, PlanYear: p.Year})
				if err != nil {
					return fmt.Errorf("plans: cascade task %s (%d): %w", t.Number, t.ID, err)
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
	return Get(ctx, db, out.ID)
}

// Linked is a task of another plan linked by Cascade, with its status.
type Linked struct {
	Task  *tasks.Task
	Plan  *Plan
	State tasks.State
}

// Links returns the parent task that task carries out (nil if none) and
// the tasks of unit plans that carry it out, each with its status on day.
func Links(ctx context.Context, db bun.IDB, taskID int64, day civil.Date) (parent *Linked, children []Linked, err error) {
	t, err := tasks.Get(ctx, db, taskID)
	if err != nil {
		return nil, nil, err
	}
	if t.ParentTaskID != 0 {
		if parent, err = linked(ctx, db, t.ParentTaskID, day); err != nil {
			return nil, nil, err
		}
	}
	ids, err := tasks.Children(ctx, db, taskID)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		l, err := linked(ctx, db, id, day)
		if err != nil {
			return nil, nil, err
		}
		children = append(children, *l)
	}
	return parent, children, nil
}

func linked(ctx context.Context, db bun.IDB, id int64, day civil.Date) (*Linked, error) {
	t, err := tasks.Get(ctx, db, id)
	if err != nil {
		return nil, err
	}
	p, err := Get(ctx, db, t.PlanID)
	if err != nil {
		return nil, err
	}
	h, err := tasks.History(ctx, db, id)
	if err != nil {
		return nil, err
	}
	st := tasks.Evaluate(t.Schedule(), tasks.Events(h), day)
	return &Linked{Task: t, Plan: p, State: st}, nil
}
