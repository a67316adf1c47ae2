package app

import (
	"context"

	"cchc/audit"
	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// PlanView is a plan as it stood on a day: its areas with their tasks and
// states, and the counts. The plan page and GET /api/v1/plans/{id} show it.
type PlanView struct {
	Plan  *plans.Plan
	AsOf  civil.Date
	Stats *tasks.Stats
	Areas []AreaView
	// Partial: only the tasks of the viewer's units are listed.
	Partial bool
	// Filter is what Select kept the rows by; Shown how many it kept.
	Filter tasks.Filter
	Shown  int
}

// AreaView is an area of a PlanView.
type AreaView struct {
	Area   plans.Area
	Counts tasks.Counts
	Rows   []TaskRow
}

// TaskRow is a task with its state on the view's day.
type TaskRow struct {
	Task  tasks.Task
	State tasks.State
	Area  *plans.Area
}

// PlanView loads what the principal may see of a plan: all of it, or, for
// a plan of a body above their scope, only the tasks their units lead or
// coordinate (Partial). The counts are always the whole plan's. The states
// are computed once and counted from there.
func (a *App) PlanView(ctx context.Context, me *authz.Principal, planID int64, asOf civil.Date) (*PlanView, error) {
	p, err := a.visiblePlan(ctx, me, planID)
	if err != nil {
		return nil, err
	}
	ts, states, err := tasks.ForPlanAt(ctx, a.db, planID, asOf)
	if err != nil {
		return nil, err
	}
	areas, err := plans.Areas(ctx, a.db, planID)
	if err != nil {
		return nil, err
	}
	leads := map[int64]units.Unit{}
	for _, t := range ts {
		leads[t.LeadUnitID] = *t.LeadUnit
	}
	stats := tasks.CountWith(states, areas, leads)
	v := &PlanView{Plan: p, AsOf: asOf, Stats: stats, Partial: me.PlanAccess(p.Unit) == authz.AccessPartial}
	index := map[int64]int{}
	for i, ar := range areas {
		index[ar.ID] = i
		av := AreaView{Area: ar}
		for _, c := range stats.ByArea {
			if c.AreaID == ar.ID {
				av.Counts = c.Counts
			}
		}
		v.Areas = append(v.Areas, av)
	}
	for _, t := range ts {
		if !me.SeesTask(p, &t) {
			continue
		}
		i := index[t.AreaID]
		v.Areas[i].Rows = append(v.Areas[i].Rows, TaskRow{Task: t, State: states.Of(t.ID), Area: &v.Areas[i].Area})
		v.Shown++
	}
	return v, nil
}

// Select keeps the rows f keeps, dropping the areas left empty when f
// narrows the list. A value f does not know — a status, a lead unit or an
// area the plan has not — is an errs.Invalid naming it, and the view stays
// whole.
func (v *PlanView) Select(f tasks.Filter) error {
	if err := f.Check(); err != nil {
		return err
	}
	var areaNames, leads []string
	for _, av := range v.Areas {
		areaNames = append(areaNames, av.Area.Name)
		for _, r := range av.Rows {
			leads = append(leads, r.Task.LeadUnit.Code)
		}
	}
	if err := f.CheckIn(areaNames, leads); err != nil {
		return err
	}
	v.Filter, v.Shown = f, 0
	kept := v.Areas[:0:0]
	for _, av := range v.Areas {
		rows := av.Rows[:0:0]
		for _, r := range av.Rows {
			if f.Match(&r.Task, r.State, av.Area.Name, v.AsOf) {
				rows = append(rows, r)
			}
		}
		if len(rows) == 0 && f.Active() {
			continue
		}
		av.Rows = rows
		v.Shown += len(rows)
		kept = append(kept, av)
	}
	for i := range kept {
		for j := range kept[i].Rows {
			kept[i].Rows[j].Area = &kept[i].Area
		}
	}
	v.Areas = kept
	return nil
}

// Rows are the view's rows in one list, in the order of the filter's
// sort (the plan's order when it has none).
func (v *PlanView) Rows() []TaskRow {
	var out []TaskRow
	for _, av := range v.Areas {
		out = append(out, av.Rows...)
	}
	tasks.SortRows(out, v.Filter.Sort, func(r TaskRow) (*tasks.Task, tasks.State) { return &r.Task, r.State })
	return out
}

// PlanStats are a plan's counts at a day, for whoever sees the plan.
func (a *App) PlanStats(ctx context.Context, me *authz.Principal, planID int64, asOf civil.Date) (*tasks.Stats, error) {
	if _, err := a.visiblePlan(ctx, me, planID); err != nil {
		return nil, err
	}
	return tasks.StatsAt(ctx, a.db, planID, asOf)
}

// visiblePlan loads a plan the principal sees at all.
func (a *App) visiblePlan(ctx context.Context, me *authz.Principal, id int64) (*plans.Plan, error) {
	p, err := plans.Get(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanSeePlan(p); err != nil {
		return nil, err
	}
	return p, nil
}

// PlanRow is a plan of the list with its figures today.
type PlanRow struct {
	Plan  plans.Plan
	Stats *tasks.Stats // the counts only (no areas, no units)
}

// PlanList asks for a page of the plan list; zero fields do not filter.
type PlanList struct {
	Year   int
	Unit   string // code: plans issued inside that unit's subtree
	Search string // words of the number, title or issuing unit, diacritics optional
	Limit  int    // 1 to plans.MaxLimit; 0 is plans.DefaultLimit
	Cursor string // where the previous page ended
}

// PlanListUnits are the issuing bodies the plan list filters by: the
// principal's unit and those one level below it; for an administrator the
// root units (the provinces of a national tree: thousands of units lie one
// level below them), or the one root and its children.
func (a *App) PlanListUnits(ctx context.Context, me *authz.Principal) ([]units.Unit, error) {
	root := me.UnitsRoot()
	if root == nil {
		roots, err := units.Upper(ctx, a.db, nil, 0)
		if err != nil || len(roots) != 1 {
			return roots, err
		}
		root = &roots[0]
	}
	return units.Upper(ctx, a.db, root, 1)
}

// Plans is a page of the plans the principal sees, newest year first, each
// with its figures today (one query for the page), and the cursor of the
// next page ("" on the last).
func (a *App) Plans(ctx context.Context, me *authz.Principal, l PlanList) ([]PlanRow, string, error) {
	q := plans.Query{Filter: me.PlanFilter(), Search: l.Search, Limit: l.Limit}
	q.Year = l.Year
	var err error
	if q.After, err = plans.ParseCursor(l.Cursor); err != nil {
		return nil, "", err
	}
	if l.Unit != "" {
		u, err := a.UnitByCode(ctx, l.Unit, "unit")
		if err != nil {
			return nil, "", err
		}
		q.Under = u.Path
	}
	if l.Year != 0 && (l.Year < 2000 || l.Year > 2100) {
		return nil, "", errs.Bad("year", "plans.year_range")
	}
	ps, next, err := plans.Page(ctx, a.db, q)
	if err != nil {
		return nil, "", err
	}
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	today := a.Today()
	counts, err := tasks.CountPlans(ctx, a.db, ids, today)
	if err != nil {
		return nil, "", err
	}
	rows := make([]PlanRow, len(ps))
	for i, p := range ps {
		rows[i] = PlanRow{Plan: p, Stats: &tasks.Stats{AsOf: today, Counts: counts[p.ID]}}
	}
	return rows, next.String(), nil
}

// TaskState is a task the principal sees, with its plan and its state today.
func (a *App) TaskState(ctx context.Context, me *authz.Principal, id int64) (*tasks.Task, *plans.Plan, tasks.State, error) {
	l, err := a.loadTask(ctx, me, id, me.CanSeeTask)
	if err != nil {
		return nil, nil, tasks.State{}, err
	}
	return l.Task, l.Plan, l.State, nil
}

// visibleTask loads a task and its plan if the principal sees the task.
func (a *App) visibleTask(ctx context.Context, me *authz.Principal, id int64) (*tasks.Task, *plans.Plan, error) {
	l, err := a.loadTask(ctx, me, id, me.CanSeeTask)
	if err != nil {
		return nil, nil, err
	}
	return l.Task, l.Plan, nil
}

// loadTask reads a task with its plan and its state today, and checks a
// right on it: a hidden plan or task is "not found" (whatever the right),
// a visible task they may not touch is forbidden.
func (a *App) loadTask(ctx context.Context, me *authz.Principal, id int64, can func(*plans.Plan, *tasks.Task) error) (*tasks.Loaded, error) {
	l, err := tasks.Load(ctx, a.db, id, a.Today())
	if err != nil {
		return nil, err
	}
	if err := me.CanSeePlan(l.Plan); err != nil {
		return nil, err
	}
	if err := me.CanSeeTask(l.Plan, l.Task); err != nil {
		return nil, err
	}
	if err := can(l.Plan, l.Task); err != nil {
		return nil, err
	}
	return l, nil
}

// TaskView is everything the task page shows.
type TaskView struct {
	Task    *tasks.Task
	Plan    *plans.Plan
	Area    plans.Area
	State   tasks.State
	History []tasks.Entry
	Audit   []AuditLine // its change log, in words
	// Files are the evidence documents by progress entry.
	Files map[int64][]tasks.EvidenceFile
}

// TaskView loads a task the principal may see, with its history, change
// log, evidence files and state today.
func (a *App) TaskView(ctx context.Context, me *authz.Principal, id int64) (*TaskView, error) {
	t, p, err := a.visibleTask(ctx, me, id)
	if err != nil {
		return nil, err
	}
	areas, err := plans.Areas(ctx, a.db, t.PlanID)
	if err != nil {
		return nil, err
	}
	hist, err := tasks.History(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	es, err := audit.List(ctx, a.db, audit.Filter{TaskID: id, Limit: 50})
	if err != nil {
		return nil, err
	}
	trail, err := a.auditLines(ctx, es)
	if err != nil {
		return nil, err
	}
	files, err := tasks.EvidenceFiles(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	v := &TaskView{Task: t, Plan: p, History: hist, Audit: trail, Files: map[int64][]tasks.EvidenceFile{}}
	for _, f := range files {
		v.Files[f.EntryID] = append(v.Files[f.EntryID], f)
	}
	for _, ar := range areas {
		if ar.ID == t.AreaID {
			v.Area = ar
		}
	}
	v.State = tasks.Evaluate(t.Schedule(), tasks.Events(hist), a.Today())
	return v, nil
}

// TaskLinks are the tasks linked to a task by a cascade that the principal
// sees: the parent task it carries out, and the tasks of unit plans that
// carry it out, each with its status today.
func (a *App) TaskLinks(ctx context.Context, me *authz.Principal, id int64) (*tasks.Task, *tasks.Linked, []tasks.Linked, error) {
	t, _, err := a.visibleTask(ctx, me, id)
	if err != nil {
		return nil, nil, nil, err
	}
	parent, all, err := tasks.Links(ctx, a.db, id, a.Today())
	if err != nil {
		return nil, nil, nil, err
	}
	if parent != nil && me.CanSeeTask(parent.Plan, parent.Task) != nil {
		parent = nil
	}
	var children []tasks.Linked
	for _, c := range all {
		if me.CanSeeTask(c.Plan, c.Task) == nil {
			children = append(children, c)
		}
	}
	return t, parent, children, nil
}
