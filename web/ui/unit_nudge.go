package ui

import (
	"fmt"
	"net/http"

	"cchc/internal/i18n"
	"cchc/web/request"
)

// UnitNudge: from a plan's reminder page, the secretariat (or an admin)
// reminds one lead unit now of each of its open tasks in the plan.
func (h *Handler) UnitNudge(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.ReminderPlan)
	if p == nil {
		return
	}
	n, err := h.app.NudgeUnit(r.Context(), request.Principal(r), p.ID, r.PostFormValue("unit"), r.PostFormValue("message"))
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderReminders(w, r, status, p, reminderPage{NudgeError: msg})
		return
	}
	u, err := h.app.UnitByCode(r.Context(), r.PostFormValue("unit"), "unit")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "reminder_settings.unit_nudged", u.Name, n))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/reminders#nudge", p.ID), http.StatusSeeOther)
}
