package ui

import (
	"net/http"

	"cchc/app"
	"cchc/tasks"
	"cchc/web/request"
)

func (h *Handler) TaskShow(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v, err := h.app.TaskView(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderTask(w, r, http.StatusOK, v, progressForm{Percent: v.State.Percent}, "", "")
}

func (h *Handler) renderTask(w http.ResponseWriter, r *http.Request, status int, v *app.TaskView, f progressForm, formErr, flash string) {
	me := request.Principal(r)
	h.render(w, r, status, "task_show", map[string]any{
		"Task": v.Task, "Plan": v.Plan, "Area": v.Area, "State": v.State, "History": v.History, "Audit": v.Audit, "Files": v.Files,
		"CanPost": me.CanPostProgress(v.Plan, v.Task) == nil, "Form": f,
		"CanVerify": me.CanVerify(v.Plan) == nil, "CanDecide": me.CanDecideExtension(v.Plan) == nil,
		"Extensions": v.Task.Extensions, "PendingExtension": v.Task.PendingExtension(), "CanExtend": v.Task.Extendable() == nil,
		"MaxExtensions": tasks.MaxExtensions, "FormError": formErr, "Saved": flash,
	})
}
