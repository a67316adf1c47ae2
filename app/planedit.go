package app

import (
	"context"
	"errors"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/derive"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// NewPlanInput is a new plan as a form or the API gives it.
type NewPlanInput struct {
	Unit                string // unit code
	Year                int
	Number, Title       string
	IssuedOn            civil.Date
	RequireConfirmation *bool
	CutoffScheme        plans.Scheme
}

// CreatePlan creates a draft plan of a unit the principal may create plans for.
func (a *App) CreatePlan(ctx context.Context, me *authz.Principal, in NewPlanInput) (*plans.Plan, error) {
	u, err := a.UnitByCode(ctx, in.Unit, "unit")
	if err != nil {
		return nil, err
	}
	if err := me.CanCreatePlanFor(u); err != nil {
		return nil, err
	}
	if in.Year == 0 {
		return nil, errs.Bad("year", "app.year_required")
	}
	return plans.Create(ctx, a.db, plans.NewPlan{UnitID: u.ID, Year: in.Year, Number: in.Number, Title: in.Title, IssuedOn: in.IssuedOn,
		RequireConfirmation: in.RequireConfirmation, CutoffScheme: in.CutoffScheme})
}

// PlanFor loads a plan and checks a right of the principal on it (can,
// one of authz.Principal's Can… methods: a hidden plan is not found, a
// visible one the right does not cover forbidden).
func (a *App) PlanFor(ctx context.Context, id int64, can func(*plans.Plan) error) (*plans.Plan, error) {
	p, err := plans.Get(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	if err := can(p); err != nil {
		return nil, err
	}
	return p, nil
}

// PlanForEdit loads a plan the principal may edit.
func (a *App) PlanForEdit(ctx context.Context, me *authz.Principal, id int64) (*plans.Plan, error) {
	return a.PlanFor(ctx, id, me.CanEditPlan)
}

// UpdatePlan changes a plan's number, title, issue date or settings.
func (a *App) UpdatePlan(ctx context.Context, me *authz.Principal, id int64, e plans.Edit) (*plans.Plan, error) {
	before, err := a.PlanForEdit(ctx, me, id)
	if err != nil {
		return nil, err
	}
	// Whether completions need confirmation and, for continuous tasks
	// counted at the year end, the cut-off scheme are inputs of the status
	// rule: the tasks' timelines change with them, in the same transaction.
	err = a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		after, err := plans.Update(ctx, tx, id, e)
		if err != nil || after.RequireConfirmation == before.RequireConfirmation && after.ContinuousFrom() == before.ContinuousFrom() {
			return err
		}
		return tasks.RefreshPlans(ctx, tx, id)
	})
	if err != nil {
		return nil, err
	}
	return plans.Get(ctx, a.db, id)
}

// TransitionPlan issues ("issue", dated on unless the plan has a date),
// closes ("close") or reopens ("reopen") a plan.
func (a *App) TransitionPlan(ctx context.Context, me *authz.Principal, id int64, action string, version int, on civil.Date) (*plans.Plan, error) {
	_, err := a.PlanFor(ctx, id, func(p *plans.Plan) error { return me.CanTransition(p, action) })
	if err != nil {
		return nil, err
	}
	switch action {
	case "issue":
		if on.IsZero() {
			on = a.Today()
		}
		_, err = plans.Issue(ctx, a.db, id, version, on)
	case "close":
		_, err = plans.Close(ctx, a.db, id, version)
	case "reopen":
		_, err = plans.Reopen(ctx, a.db, id, version)
	default:
		return nil, errs.Bad("action", "app.action_unknown", action)
	}
	if err != nil {
		return nil, err
	}
	return plans.Get(ctx, a.db, id)
}

// DeletePlan deletes a draft plan.
func (a *App) DeletePlan(ctx context.Context, me *authz.Principal, id int64, version int) error {
	if _, err := a.PlanForEdit(ctx, me, id); err != nil {
		return err
	}
	return plans.Remove(ctx, a.db, id, version)
}

// ClonePlan copies a plan into a draft for year (0: the next year).
func (a *App) ClonePlan(ctx context.Context, me *authz.Principal, id int64, year int) (*plans.Plan, error) {
	if _, err := a.PlanFor(ctx, id, me.CanClone); err != nil {
		return nil, err
	}
	return derive.Clone(ctx, a.db, id, year)
}

// CascadePlan makes, from an issued plan, the own plan of the unit with
// that code (see Cascade).
func (a *App) CascadePlan(ctx context.Context, me *authz.Principal, parentID int64, unitCode string) (*plans.Plan, error) {
	p, err := plans.Get(ctx, a.db, parentID)
	if err != nil {
		return nil, err
	}
	if err := me.CanSeePlan(p); err != nil {
		return nil, err
	}
	u, err := a.UnitByCode(ctx, unitCode, "unit")
	if err != nil {
		return nil, err
	}
	if err := me.CanCascade(p, u); err != nil {
		return nil, err
	}
	return derive.Cascade(ctx, a.db, parentID, u.ID)
}

// CascadeChoice is a unit that may get its own plan from a parent plan.
type CascadeChoice struct {
	Unit  units.Unit
	Tasks int
}

// CascadeChoices are the units below a plan's issuer that lead some of its
// tasks, that the principal may create a plan for, and that have no plan
// that year yet.
func (a *App) CascadeChoices(ctx context.Context, me *authz.Principal, p *plans.Plan) ([]CascadeChoice, error) {
	if err := me.CanSeePlan(p); err != nil {
		return nil, err
	}
	ts, err := tasks.ForPlan(ctx, a.db, p.ID)
	if err != nil {
		return nil, err
	}
	count := map[int64]int{}
	var order []units.Unit
	for _, t := range ts {
		if t.LeadUnit == nil || t.LeadUnitID == p.UnitID {
			continue
		}
		if count[t.LeadUnitID] == 0 {
			order = append(order, *t.LeadUnit)
		}
		count[t.LeadUnitID]++
	}
	units.SortTree(order)
	var out []CascadeChoice
	for i := range order {
		u := &order[i]
		if me.CanCreatePlanFor(u) != nil {
			continue
		}
		if _, err := plans.ByUnitYear(ctx, a.db, u.ID, p.Year); !errors.Is(err, errs.NotFound) {
			if err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, CascadeChoice{Unit: *u, Tasks: count[u.ID]})
	}
	return out, nil
}

// CreateArea appends an area to a plan the principal may edit.
func (a *App) CreateArea(ctx context.Context, me *authz.Principal, planID int64, name string) (*plans.Area, error) {
	if _, err := a.PlanForEdit(ctx, me, planID); err != nil {
		return nil, err
	}
	return plans.CreateArea(ctx, a.db, planID, name)
}

// AreaForEdit loads an area and its plan, which the principal may edit.
func (a *App) AreaForEdit(ctx context.Context, me *authz.Principal, id int64) (*plans.Area, *plans.Plan, error) {
	ar, err := plans.GetArea(ctx, a.db, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := a.PlanForEdit(ctx, me, ar.PlanID)
	if err != nil {
		return nil, nil, err
	}
	return ar, p, nil
}

// AreaChange renames an area, moves it to a position (1-based), or both,
// in one transaction; nil leaves it as it is.
type AreaChange struct {
	Version  int
	Name     *string
	Position *int
}

// UpdateArea applies c to an area of a plan the principal may edit.
func (a *App) UpdateArea(ctx context.Context, me *authz.Principal, id int64, c AreaChange) (*plans.Area, error) {
	if _, _, err := a.AreaForEdit(ctx, me, id); err != nil {
		return nil, err
	}
	if c.Name == nil && c.Position == nil {
		return nil, errs.Bad("body", "app.nothing_to_change")
	}
	var out *plans.Area
	err := a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		version := c.Version
		if c.Name != nil {
			x, err := plans.RenameArea(ctx, tx, id, version, *c.Name)
			if err != nil {
				return err
			}
			version = x.Version
		}
		if c.Position != nil {
			if _, err := plans.MoveArea(ctx, tx, id, version, *c.Position); err != nil {
				return err
			}
		}
		var err error
		out, err = plans.GetArea(ctx, tx, id)
		return err
	})
	return out, err
}

// DeleteArea deletes an empty area of a plan the principal may edit.
func (a *App) DeleteArea(ctx context.Context, me *authz.Principal, id int64, version int) error {
	if _, _, err := a.AreaForEdit(ctx, me, id); err != nil {
		return err
	}
	return plans.RemoveArea(ctx, a.db, id, version)
}
