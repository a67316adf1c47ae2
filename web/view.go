package web

import (
	"context"

	"cchc/accounts"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
)

// planView is a plan as it stood on a day: its areas with their tasks and
// states, and the counts. Pages and the API both build on it.
type planView struct {
	Plan  *plans.Plan
	AsOf  civil.Date
	Stats *tasks.Stats
	Areas []areaView
	// Partial: only the tasks of the viewer's units are listed.
	Partial bool
}

type areaView struct {
	Area   plans.Area
	Counts tasks.Counts
	Rows   []taskRow
}

type taskRow struct {
	Task  tasks.Task
	State tasks.State
}

// loadPlanView loads what the principal may see of a plan: all of it, or,
// for a plan of a body above their scope, only the tasks their units lead or
// coordinate (Partial). The counts are always the whole plan's.
func (h *handler) loadPlanView(ctx context.Context, me *accounts.Principal, planID int64, asOf civil.Date) (*planView, error) {
	p, err := plans.Get(ctx, h.db, planID)
	if err != nil {
		return nil, err
	}
	if err := me.CanSeePlan(p); err != nil {
		return nil, err
	}
	areas, err := plans.Areas(ctx, h.db, planID)
	if err != nil {
		return nil, err
	}
	ts, err := tasks.ForPlan(ctx, h.db, planID)
	if err != nil {
		return nil, err
	}
	states, err := tasks.StatesAt(ctx, h.db, planID, asOf)
	if err != nil {
		return nil, err
	}
	stats, err := tasks.StatsAt(ctx, h.db, planID, asOf)
	if err != nil {
		return nil, err
	}
	v := &planView{Plan: p, AsOf: asOf, Stats: stats, Partial: me.PlanAccess(p.Unit) == accounts.AccessPartial}
	index := map[int64]int{}
	for i, a := range areas {
		index[a.ID] = i
		av := areaView{Area: a}
		for _, c := range stats.ByArea {
			if c.AreaID == a.ID {
				av.Counts = c.Counts
			}
		}
		v.Areas = append(v.Areas, av)
	}
	for _, t := range ts {
		if !me.SeesTask(p, &t) {
			continue
		}
		st := states[t.ID]
		st.Due = t.Schedule().DueAt(st.Occurrence, asOf)
		i := index[t.AreaID]
		v.Areas[i].Rows = append(v.Areas[i].Rows, taskRow{Task: t, State: st})
	}
	return v, nil
}

var stateLabels = map[plans.State]string{
	plans.StateDraft:  "Dự thảo",
	plans.StateIssued: "Đã ban hành",
	plans.StateClosed: "Đã kết thúc",
}
