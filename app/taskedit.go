package app

import (
	"context"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
)

// TaskInput is a new task as a form or the API gives it; units are codes.
type TaskInput struct {
	AreaID                                       int64
	Number, Title, Description, Output, Deadline string
	LeadUnit                                     string
	Coordinators                                 []string
}

// CreateTask adds a task to a plan the principal may edit, and returns it
// with its state today.
func (a *App) CreateTask(ctx context.Context, me *authz.Principal, planID int64, in TaskInput) (*tasks.Task, tasks.State, error) {
	p, err := a.PlanForEdit(ctx, me, planID)
	if err != nil {
		return nil, tasks.State{}, err
	}
	var lead int64
	if in.LeadUnit != "" {
		u, err := a.UnitByCode(ctx, in.LeadUnit, "lead_unit")
		if err != nil {
			return nil, tasks.State{}, err
		}
		lead = u.ID
	}
	coords, err := unitIDs(ctx, a.db, in.Coordinators, "coordinators")
	if err != nil {
		return nil, tasks.State{}, err
	}
	if in.AreaID == 0 {
		return nil, tasks.State{}, errs.Bad("area", "app.area_required")
	}
	t, err := tasks.Create(ctx, a.db, tasks.NewTask{PlanID: p.ID, AreaID: in.AreaID, Number: in.Number, Title: in.Title, Description: in.Description,
		LeadUnitID: lead, Coordinators: coords, Output: in.Output, Deadline: in.Deadline})
	if err != nil {
		return nil, tasks.State{}, err
	}
	// A new task has no history: its state follows from its schedule.
	return t, tasks.Evaluate(t.Schedule(), nil, a.Today()), nil
}

// TaskForEdit loads a task and its plan, which the principal may edit.
func (a *App) TaskForEdit(ctx context.Context, me *authz.Principal, id int64) (*tasks.Task, *plans.Plan, error) {
	t, err := tasks.Get(ctx, a.db, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := a.PlanForEdit(ctx, me, t.PlanID)
	if err != nil {
		return nil, nil, err
	}
	return t, p, nil
}

// TaskChange is a change to a task: its fields, its place, or both; nil
// leaves a field as it is. Units are codes.
type TaskChange struct {
	Version                                      int
	Number, Title, Description, Output, Deadline *string
	LeadUnit                                     *string
	Coordinators                                 *[]string
	AreaID                                       *int64
	Position                                     *int // 1-based within the area; 0: last
}

func (c TaskChange) fields() bool {
	return c.Number != nil || c.Title != nil || c.Description != nil || c.Output != nil || c.Deadline != nil || c.LeadUnit != nil || c.Coordinators != nil
}

// UpdateTask applies c to a task of a plan the principal may edit, in one
// transaction. A new lead unit of an issued plan's task is told, as is the
// unit that led it.
func (a *App) UpdateTask(ctx context.Context, me *authz.Principal, id int64, c TaskChange) (*tasks.Task, error) {
	before, p, err := a.TaskForEdit(ctx, me, id)
	if err != nil {
		return nil, err
	}
	if !c.fields() && c.AreaID == nil && c.Position == nil {
		return nil, errs.Bad("body", "app.nothing_to_change")
	}
	var out *tasks.Task
	err = a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		version := c.Version
		if c.fields() {
			e := tasks.Edit{Version: version, Number: c.Number, Title: c.Title, Description: c.Description, Output: c.Output, Deadline: c.Deadline}
			if c.LeadUnit != nil {
				u, err := unitByCode(ctx, tx, *c.LeadUnit, "lead_unit")
				if err != nil {
					return err
				}
				e.LeadUnitID = &u.ID
			}
			if c.Coordinators != nil {
				ids, err := unitIDs(ctx, tx, *c.Coordinators, "coordinators")
				if err != nil {
					return err
				}
				e.Coordinators = &ids
			}
			x, err := tasks.Update(ctx, tx, id, e)
			if err != nil {
				return err
			}
			version = x.Version
			if x.LeadUnitID != before.LeadUnitID && p.State != plans.StateDraft {
				if err := reminders.NotifyReassignment(ctx, tx, tasks.Reassignment{TaskID: id, PlanID: x.PlanID, TaskNumber: x.Number,
					TaskTitle: x.Title, FromUnitID: before.LeadUnitID, ToUnitID: x.LeadUnitID, Actor: audit.ActorFrom(ctx)}); err != nil {
					return err
				}
			}
		}
		if c.AreaID != nil || c.Position != nil {
			area, index := before.AreaID, 0
			if c.AreaID != nil && *c.AreaID != 0 {
				area = *c.AreaID
			}
			if c.Position != nil {
				index = *c.Position
			}
			if _, err := tasks.Move(ctx, tx, id, version, area, index); err != nil {
				return err
			}
		}
		var err error
		out, err = tasks.Get(ctx, tx, id)
		return err
	})
	return out, err
}

// DeleteTask deletes a task (tasks.Removable says when it may be).
func (a *App) DeleteTask(ctx context.Context, me *authz.Principal, id int64, version int) error {
	if _, _, err := a.TaskForEdit(ctx, me, id); err != nil {
		return err
	}
	return tasks.Remove(ctx, a.db, id, version)
}
