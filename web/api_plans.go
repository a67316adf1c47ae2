package web

import (
	"net/http"

	"cchc/plans"
	"cchc/tasks"
)

func (h *handler) apiPlanList(w http.ResponseWriter, r *http.Request) {
	ps, err := plans.List(r.Context(), h.db, principal(r).PlanFilter())
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	out := make([]planJSON, 0, len(ps))
	for i := range ps {
		out = append(out, planToJSON(&ps[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *handler) apiPlanShow(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	asOf, err := h.asOfParam(r)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	v, err := h.loadPlanView(r.Context(), principal(r), id, asOf)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	out := planToJSON(v.Plan)
	areas := make([]areaJSON, 0, len(v.Areas))
	for _, a := range v.Areas {
		aj := areaJSON{ID: a.Area.ID, Label: a.Area.Label, Name: a.Area.Name, Tasks: []taskJSON{}}
		for _, row := range a.Rows {
			aj.Tasks = append(aj.Tasks, taskToJSON(&row.Task, row.State))
		}
		areas = append(areas, aj)
	}
	out.Areas = &areas
	writeJSON(w, http.StatusOK, out)
}

func (h *handler) apiPlanStats(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	asOf, err := h.asOfParam(r)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	p, err := plans.Get(r.Context(), h.db, id)
	if err == nil {
		err = principal(r).CanSeePlan(p)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	st, err := tasks.StatsAt(r.Context(), h.db, id, asOf)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}
