package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/web/request"
)

// afterTaskAction re-renders the task page with the error, or goes back to it.
func (h *Handler) afterTaskAction(w http.ResponseWriter, r *http.Request, taskID int64, err error, done string) {
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		v, lerr := h.app.TaskView(r.Context(), request.Principal(r), taskID)
		if lerr != nil {
			h.Error(w, r, lerr)
			return
		}
		h.renderTask(w, r, status, v, progressForm{Percent: v.State.Percent}, msg, "")
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), done))
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d", taskID), http.StatusSeeOther)
}

// TaskReview: the secretariat confirms or returns a completion claim.
func (h *Handler) TaskReview(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	confirm := r.PostFormValue("decision") == "confirm"
	version, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
	err = h.app.ReviewClaim(r.Context(), request.Principal(r), id, confirm, r.PostFormValue("reason"), version)
	done := "task.completion_confirmed"
	if !confirm {
		done = "task.returned_unit_completion"
	}
	h.afterTaskAction(w, r, id, err, done)
}

// ExtensionRequest: a unit asks to move the deadline.
func (h *Handler) ExtensionRequest(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	d, err := request.FormDate(r, "new_date")
	if err == nil && d.IsZero() {
		err = errs.Bad("new_date", "task.choose_new_deadline")
	}
	if err == nil {
		_, err = h.app.RequestExtension(r.Context(), request.Principal(r), id, d, r.PostFormValue("reason"))
	}
	h.afterTaskAction(w, r, id, err, "task.extension_requested")
}

// ExtensionDecide: a leader approves or refuses the pending request.
func (h *Handler) ExtensionDecide(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	approve := r.PostFormValue("decision") == "approve"
	_, err = h.app.DecideExtension(r.Context(), request.Principal(r), id, approve, r.PostFormValue("note"))
	done := "task.extension_approved"
	if !approve {
		done = "task.extension_refused"
	}
	h.afterTaskAction(w, r, id, err, done)
}
