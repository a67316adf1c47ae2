package ui

import (
	"net/http"

	"cchc/web/request"
)

func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/plans", http.StatusSeeOther)
}

func (h *Handler) PlanList(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.Plans(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "plan_list", map[string]any{"Plans": rows})
}
