package ui

import (
	"net/http"

	"cchc/web/request"
)

func (h *Handler) PlanShow(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	asOf, err := request.AsOf(r, h.app.Today())
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
	period, targets, err := h.app.PlanTargets(r.Context(), me, v.Plan, asOf)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "plan_show", map[string]any{
		"Targets": targets, "TargetsPeriod": period,
		"Plan": v.Plan, "Stats": v.Stats, "Areas": v.Areas, "AsOf": asOf.String(),
		"IsToday": asOf == h.app.Today(), "StateLabel": v.Plan.State.Label(), "Partial": v.Partial,
		"CanEdit": me.CanEditPlan(v.Plan) == nil, "CanRemind": me.CanVerify(v.Plan) == nil,
	})
}
