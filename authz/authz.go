// Package authz holds every authorization rule of the product: who sees
// which plans and tasks, and who may post progress, edit, issue, verify,
// report or administer. It sits above the domain packages (units, accounts,
// plans, tasks) and below the use cases (app) and the web layer, which ask
// it before they act.
package authz

import (
	"context"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// hidden is a resource outside the caller's scope: it is answered as "not
// found", so that existence does not leak across provinces.
func hidden(format string, args ...any) error { return errs.Missing("authz: "+format, args...) }

// Principal is a signed-in user with the scope their rights apply to. Every
// authorization decision of the product is one of its methods.
//
// The scope is the subtree of the user's unit, except for the secretariat: a
// secretariat user of a secretariat unit (Phòng/Sở Nội vụ) serves the body
// above it, so their scope is that parent's subtree.
type Principal struct {
	User  *accounts.User
	Unit  units.Unit
	Scope units.Unit
}

// NewPrincipal loads the user's unit and scope.
func NewPrincipal(ctx context.Context, db bun.IDB, u *accounts.User) (*Principal, error) {
	unit := u.Unit
	if unit == nil {
		var err error
		if unit, err = units.Get(ctx, db, u.UnitID); err != nil {
			return nil, err
		}
	}
	p := &Principal{User: u, Unit: *unit, Scope: *unit}
	if u.Role == accounts.RoleSecretariat && unit.IsSecretariat && unit.ParentID != 0 {
		parent, err := units.Get(ctx, db, unit.ParentID)
		if err != nil {
			return nil, err
		}
		p.Scope = *parent
	}
	return p, nil
}

func (p *Principal) Is(r accounts.Role) bool { return p.User.Role == r }
func (p *Principal) IsAdmin() bool           { return p.User.Role == accounts.RoleAdmin }

// Access is how much of a plan a user sees.
type Access int

const (
	// AccessNone: the plan belongs to another branch of the tree.
	AccessNone Access = iota
	// AccessPartial: a plan of a body above the user's scope (e.g. the
	// city's plan for a department officer): only the tasks the scope leads
	// or coordinates are shown.
	AccessPartial
	// AccessFull: a plan issued inside the scope.
	AccessFull
)

// PlanAccess says how much of a plan issued by planUnit the user sees.
func (p *Principal) PlanAccess(planUnit *units.Unit) Access {
	switch {
	case p.IsAdmin() || p.Scope.Contains(*planUnit):
		return AccessFull
	case planUnit.Contains(p.Scope):
		return AccessPartial
	}
	return AccessNone
}

// PlanFilter narrows plans.List to the plans the user sees at all.
func (p *Principal) PlanFilter() plans.Filter {
	if p.IsAdmin() {
		return plans.Filter{}
	}
	return plans.Filter{AroundPath: p.Scope.Path}
}

// UnitsRoot is the root of the unit tree the user sees (nil: all of it).
func (p *Principal) UnitsRoot() *units.Unit {
	if p.IsAdmin() {
		return nil
	}
	return &p.Scope
}

// involved reports whether a unit of the scope leads or coordinates t.
func (p *Principal) involved(t *tasks.Task) bool {
	if t.LeadUnit != nil && p.Scope.Contains(*t.LeadUnit) {
		return true
	}
	for _, c := range t.Coordinators {
		if p.Scope.Contains(c) {
			return true
		}
	}
	return false
}

// CanSeePlan returns ErrHidden for a plan outside the user's tree.
func (p *Principal) CanSeePlan(plan *plans.Plan) error {
	if p.PlanAccess(plan.Unit) == AccessNone {
		return hidden("plan %d", plan.ID)
	}
	return nil
}

// SeesTask reports whether t is shown to the user (plan already visible).
func (p *Principal) SeesTask(plan *plans.Plan, t *tasks.Task) bool {
	switch p.PlanAccess(plan.Unit) {
	case AccessFull:
		return true
	case AccessPartial:
		return p.involved(t)
	}
	return false
}

// CanSeeTask returns ErrHidden unless the user sees t.
func (p *Principal) CanSeeTask(plan *plans.Plan, t *tasks.Task) error {
	if !p.SeesTask(plan, t) {
		return hidden("task %d", t.ID)
	}
	return nil
}

func forbidden(why string) error { return errs.Deny("authz: " + why) }

// CanPostProgress: admin; the secretariat on plans of its scope; a leader or
// officer whose scope leads or coordinates the task. Viewers never.
// A task the user does not see at all (a plan outside their tree, or a task
// of a plan above it that their scope has no part in) is hidden (404), as
// when reading it; a task they see but may not touch is forbidden (403).
func (p *Principal) CanPostProgress(plan *plans.Plan, t *tasks.Task) error {
	access := p.PlanAccess(plan.Unit)
	switch {
	case access == AccessNone:
		return hidden("plan %d", plan.ID)
	case !p.SeesTask(plan, t):
		return hidden("task %d", t.ID)
	case p.IsAdmin():
		return nil
	case p.Is(accounts.RoleViewer):
		return forbidden("viewers cannot post progress")
	case p.Is(accounts.RoleSecretariat) && access == AccessFull:
		return nil
	case (p.Is(accounts.RoleLeader) || p.Is(accounts.RoleOfficer) || p.Is(accounts.RoleSecretariat)) && p.involved(t):
		return nil
	}
	return forbidden("only the lead or coordinating units may post progress on this task")
}

// CanEditPlan (areas, tasks, lead units, drafts): admin, or a leader or the
// secretariat on plans issued inside their scope.
func (p *Principal) CanEditPlan(plan *plans.Plan) error {
	return p.onWholePlan(plan, "only leaders and the secretariat of the issuing body edit a plan", accounts.RoleLeader, accounts.RoleSecretariat)
}

// onWholePlan is the shape of the plan-wide rights: a plan outside the tree
// is hidden; admins may; the given roles may on plans issued inside their
// scope; anyone else is forbidden, with why.
func (p *Principal) onWholePlan(plan *plans.Plan, why string, roles ...accounts.Role) error {
	access := p.PlanAccess(plan.Unit)
	if access == AccessNone {
		return hidden("plan %d", plan.ID)
	}
	if p.IsAdmin() {
		return nil
	}
	for _, r := range roles {
		if p.Is(r) && access == AccessFull {
			return nil
		}
	}
	return forbidden(why)
}

// CanCreatePlanFor: a plan issued by unit u.
func (p *Principal) CanCreatePlanFor(u *units.Unit) error {
	if p.IsAdmin() || ((p.Is(accounts.RoleLeader) || p.Is(accounts.RoleSecretariat)) && p.Scope.Contains(*u)) {
		return nil
	}
	return forbidden("only leaders and the secretariat create plans, inside their scope")
}

// CanIssuePlan (draft → issued → closed) and approve extensions: admin, or a
// leader of the issuing body's scope.
func (p *Principal) CanIssuePlan(plan *plans.Plan) error {
	return p.onWholePlan(plan, "only a leader issues or closes a plan", accounts.RoleLeader)
}

// CanVerify (confirm or return completion claims, finalise reports): admin,
// or the secretariat on plans of its scope.
func (p *Principal) CanVerify(plan *plans.Plan) error {
	return p.onWholePlan(plan, "only the secretariat verifies completions", accounts.RoleSecretariat)
}

// CanReport (build and download reports): anyone who sees the whole plan.
func (p *Principal) CanReport(plan *plans.Plan) error {
	switch p.PlanAccess(plan.Unit) {
	case AccessNone:
		return hidden("plan %d", plan.ID)
	case AccessPartial:
		return forbidden("reports cover the whole plan")
	}
	return nil
}

// CanAdminister users and units: admins only.
func (p *Principal) CanAdminister() error {
	if p.IsAdmin() {
		return nil
	}
	return forbidden("administrators only")
}

// CanTransition (issue, close, reopen a plan): a leader of the issuing
// body's scope issues and closes; only an administrator reopens.
func (p *Principal) CanTransition(plan *plans.Plan, action string) error {
	if err := p.CanIssuePlan(plan); err != nil {
		return err
	}
	if action == "reopen" && !p.IsAdmin() {
		return forbidden("only administrators reopen a closed plan")
	}
	return nil
}

// CanClone: a plan is cloned by whoever sees it and may create a plan for
// its unit.
func (p *Principal) CanClone(plan *plans.Plan) error {
	if err := p.CanSeePlan(plan); err != nil {
		return err
	}
	return p.CanCreatePlanFor(plan.Unit)
}

// CanCascade: a unit's own plan is made from a plan the principal sees, by
// whoever may create a plan for that unit.
func (p *Principal) CanCascade(plan *plans.Plan, u *units.Unit) error {
	if err := p.CanSeePlan(plan); err != nil {
		return err
	}
	return p.CanCreatePlanFor(u)
}

// CanDecideExtension (approve or refuse a deadline extension): as issuing.
func (p *Principal) CanDecideExtension(plan *plans.Plan) error { return p.CanIssuePlan(plan) }

// PostingUnit is the unit an update of t is recorded for: the principal's
// own unit when it leads or coordinates the task, else (the secretariat or
// an administrator writing on a unit's behalf) the lead unit.
func (p *Principal) PostingUnit(t *tasks.Task) int64 {
	if p.Unit.ID == t.LeadUnitID || t.CoordinatesWith(p.Unit.ID) {
		return p.Unit.ID
	}
	return t.LeadUnitID
}

// CanManageIndicators (add a plan's own indicators, set its targets):
// admin, or the secretariat on plans of its scope.
func (p *Principal) CanManageIndicators(plan *plans.Plan) error {
	return p.onWholePlan(plan, "only the secretariat manages a plan's indicators", accounts.RoleSecretariat)
}

// CanEnterIndicator (report what unit u achieved on a plan's indicators): a
// plan outside the user's tree is hidden; admins may; the secretariat for
// any unit of a plan of its scope; a leader, officer or secretariat user for
// a unit of their own scope. Viewers never.
func (p *Principal) CanEnterIndicator(plan *plans.Plan, u *units.Unit) error {
	access := p.PlanAccess(plan.Unit)
	switch {
	case access == AccessNone:
		return hidden("plan %d", plan.ID)
	case p.IsAdmin():
		return nil
	case p.Is(accounts.RoleViewer):
		return forbidden("viewers cannot enter figures")
	case p.Is(accounts.RoleSecretariat) && access == AccessFull:
		return nil
	case (p.Is(accounts.RoleLeader) || p.Is(accounts.RoleOfficer) || p.Is(accounts.RoleSecretariat)) && p.Scope.Contains(*u):
		return nil
	}
	return forbidden("figures are entered by the unit itself or the secretariat")
}

// CanWriteReport (edit a period report's text, finalise it, which sends it
// up the reporting chain): as verifying (the secretariat of the plan's
// scope, admins), or a leader of the issuing unit itself.
func (p *Principal) CanWriteReport(plan *plans.Plan) error {
	err := p.CanVerify(plan)
	if err == nil || errs.KindOf(err) == errs.NotFound {
		return err
	}
	if p.Is(accounts.RoleLeader) && p.Unit.ID == plan.UnitID {
		return nil
	}
	return forbidden("only the secretariat or the unit's own leaders write its report")
}

// CanChaseReports (remind the units whose period reports are late): admin,
// or the secretariat on plans of its scope.
func (p *Principal) CanChaseReports(plan *plans.Plan) error {
	return p.onWholePlan(plan, "only the secretariat chases the units' reports", accounts.RoleSecretariat)
}

// CanWatch (a dashboard of a unit's subtree across its plans): admins, and
// leaders and the secretariat whose scope holds the unit.
func (p *Principal) CanWatch(u *units.Unit) error {
	if p.IsAdmin() || ((p.Is(accounts.RoleLeader) || p.Is(accounts.RoleSecretariat) || p.Is(accounts.RoleViewer)) && p.Scope.Contains(*u)) {
		return nil
	}
	return forbidden("only leaders, the secretariat and viewers of a body see its dashboard")
}
