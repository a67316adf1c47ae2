package ui

import (
	"net/http"

	"cchc/accounts"

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

func (h *Handler) PlanList(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.Plans(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "plan_list", map[string]any{"Plans": rows})
}
