package api

import (
	"net/http"

	"cchc/app"
	"cchc/internal/civil"
	"cchc/web/request"
	"cchc/web/response"
)

func (h *Handler) PlanList(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.Plans(r.Context(), request.Principal(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]planJSON, 0, len(rows))
	for i := range rows {
		out = append(out, planToJSON(&rows[i].Plan))
	}
	response.JSON(w, http.StatusOK, out)
}

func (h *Handler) PlanShow(w http.ResponseWriter, r *http.Request) {
	id, asOf, ok := h.planDay(w, r)
	if !ok {
		return
	}
	v, ok := h.planView(w, r, id, asOf)
	if !ok {
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
	response.JSON(w, http.StatusOK, out)
}

// PlanTasks is GET /plans/{id}/tasks: the annex's tasks in one list,
// filtered and sorted as the query says (status, lead, area, deadline, q,
// sort), each with its area's id.
func (h *Handler) PlanTasks(w http.ResponseWriter, r *http.Request) {
	id, asOf, ok := h.planDay(w, r)
	if !ok {
		return
	}
	v, ok := h.planView(w, r, id, asOf)
	if !ok {
		return
	}
	out := []taskJSON{}
	for _, row := range v.Rows() {
		out = append(out, taskToJSON(&row.Task, row.State))
	}
	response.JSON(w, http.StatusOK, out)
}

// planView loads a plan's view at a day and keeps the rows the query's
// filters keep; it answers the error itself and returns false then.
func (h *Handler) planView(w http.ResponseWriter, r *http.Request, id int64, asOf civil.Date) (*app.PlanView, bool) {
	f, err := request.TaskFilter(r)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	v, err := h.app.PlanView(r.Context(), request.Principal(r), id, asOf)
	if err == nil {
		err = v.Select(f)
	}
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return v, true
}

func (h *Handler) PlanStats(w http.ResponseWriter, r *http.Request) {
	id, asOf, ok := h.planDay(w, r)
	if !ok {
		return
	}
	st, err := h.app.PlanStats(r.Context(), request.Principal(r), id, asOf)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, st)
}

// planDay reads {planID} and ?as_of (default today); it answers the error
// itself and returns false then.
func (h *Handler) planDay(w http.ResponseWriter, r *http.Request) (int64, civil.Date, bool) {
	id, err := request.ID(r, "planID")
	var asOf civil.Date
	if err == nil {
		asOf, err = request.AsOf(r, h.app.Today())
	}
	if err != nil {
		h.fail(w, r, err)
		return 0, civil.Date{}, false
	}
	return id, asOf, true
}
