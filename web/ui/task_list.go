package ui

import (
	"net/http"

	"cchc/internal/errs"
	"cchc/tasks"
	"cchc/web/request"
)

// TaskList is the list behind a dashboard's figures: the tasks of a year's
// plans in a unit subtree, filtered and sorted as the URL says.
func (h *Handler) TaskList(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	q, err := request.Dashboard(r, h.app.Today())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	status := http.StatusOK
	f, msg := readFilter(r)
	l, err := h.app.Tasks(r.Context(), me, q, f)
	if errs.KindOf(err) == errs.Invalid && msg == "" {
		// An area or a lead unit the list has none of: show it whole.
		msg = filterMessage(r, err)
		f.Area, f.Lead = "", ""
		l, err = h.app.Tasks(r.Context(), me, q, f)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	form := &filterForm{Action: "/tasks", Filter: f, Statuses: tasks.FilterStatuses, Deadlines: tasks.FilterDeadlines,
		Leads: l.LeadUnits, Areas: l.Areas, Shown: len(l.Items), Total: l.Total, Error: msg,
		Hidden: map[string]string{"year": r.URL.Query().Get("year"), "unit": q.Unit, "as_of": r.URL.Query().Get("as_of")}}
	h.render(w, r, status, "task_list", map[string]any{"L": l, "Filter": form,
		"Dashboard": querySet("/dashboard", nil, "year", r.URL.Query().Get("year"), "unit", q.Unit, "as_of", r.URL.Query().Get("as_of"))})
}
