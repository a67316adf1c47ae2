package ui

import (
	"fmt"
	"net/http"

	"cchc/internal/i18n"
	"cchc/web/request"
)

// TaskNudge: the secretariat (or an admin) reminds a task's lead unit now,
// instead of waiting for the next scheduled run.
func (h *Handler) TaskNudge(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	if err := h.app.Nudge(r.Context(), me, id, r.PostFormValue("message")); err != nil {
		h.afterTaskAction(w, r, id, err, "")
		return
	}
	t, _, _, err := h.app.TaskState(r.Context(), me, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "task.nudge_sent", t.LeadUnit.Name))
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d", id), http.StatusSeeOther)
}
