package ui

import (
	"fmt"
	"net/http"

	"cchc/tasks"
	"cchc/web/request"
)

func (h *Handler) PlanShow(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	asOf, err := request.PageAsOf(r, h.app.Today())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	v, err := h.app.PlanView(r.Context(), me, id, asOf)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The filter bar offers the lead units and areas of the whole annex.
	var all []*tasks.Task
	areaOf := map[int64]string{}
	for _, av := range v.Areas {
		for i := range av.Rows {
			all = append(all, &av.Rows[i].Task)
		}
		areaOf[av.Area.ID] = av.Area.Name
	}
	form := newFilterForm(fmt.Sprintf("/plans/%d", id), tasks.Filter{}, all, func(t *tasks.Task) string { return areaOf[t.AreaID] })
	form.Total = v.Shown
	form.Hidden["as_of"] = r.URL.Query().Get("as_of")
	status := http.StatusOK
	f, msg := readFilter(r)
	if msg == "" {
		if err := v.Select(f); err != nil {
			msg = filterMessage(r, err)
		}
	}
	if msg != "" {
		status = http.StatusUnprocessableEntity
	} else {
		form.Filter = f
	}
	form.Shown, form.Error = v.Shown, msg
	period, targets, err := h.app.PlanTargets(r.Context(), me, v.Plan, asOf)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "plan_show", map[string]any{
		"Targets": targets, "TargetsPeriod": period,
		"Plan": v.Plan, "Stats": v.Stats, "Areas": v.Areas, "AsOf": asOf.VN(), "View": v, "Filter": form,
		"IsToday": asOf == h.app.Today(), "StateLabel": v.Plan.State.Label(), "Partial": v.Partial,
		"CanEdit": me.CanEditPlan(v.Plan) == nil, "CanRemind": me.CanVerify(v.Plan) == nil,
	})
}
