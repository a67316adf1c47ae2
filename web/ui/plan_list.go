package ui

import (
	"net/http"

	"cchc/accounts"
	"cchc/app"
	"cchc/web/request"
)

// Home sends each user to the page that steers their day: officers to
// their unit's work queue, whoever watches a body (leaders, the
// secretariat, viewers, admins) to its dashboard.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	switch {
	case me.Is(accounts.RoleOfficer):
		http.Redirect(w, r, "/queue", http.StatusSeeOther)
	case me.CanWatch(&me.Scope) == nil:
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/plans", http.StatusSeeOther)
	}
}

// PlanList is the plan list, a page at a time (?year, ?unit, ?q, ?limit,
// ?cursor as the API's), each plan with its figures today.
func (h *Handler) PlanList(w http.ResponseWriter, r *http.Request) {
	l, err := request.PlanList(r)
	var rows []app.PlanRow
	var next string
	if err == nil {
		rows, next, err = h.app.Plans(r.Context(), request.Principal(r), l)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	data := map[string]any{"Plans": rows, "Filter": l, "Filtered": l.Year != 0 || l.Unit != "" || l.Search != "", "More": l.Cursor != ""}
	if next != "" {
		data["Next"] = request.NextPage(r, next)
	}
	h.render(w, r, http.StatusOK, "plan_list", data)
}
