package api

import (
	"net/http"

	"cchc/app"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/tasks"
	"cchc/web/request"
	"cchc/web/response"
)

func (h *Handler) TaskShow(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t, _, st, err := h.app.TaskState(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, taskToJSON(t, st))
}

// progressRequest is the body of POST /api/v1/tasks/{id}/progress.
type progressRequest struct {
	Percent   *int   `json:"percent"`
	Note      string `json:"note"`
	Completed bool   `json:"completed"`
	Evidence  struct {
		Number string     `json:"number"`
		Date   civil.Date `json:"date"`
	} `json:"evidence"`
	Version *int `json:"version"`
	// Remarks, optional: why an overdue task is late, difficulties, proposals.
	Reason       string `json:"reason"`
	Difficulties string `json:"difficulties"`
	Proposals    string `json:"proposals"`
}

// ProgressCreate posts progress (app.PostProgress, as the page form does)
// and answers the task as it now stands.
func (h *Handler) ProgressCreate(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	me := request.Principal(r)
	t, p, err := h.app.TaskForPosting(r.Context(), me, id) // before reading the body: 403, not 422
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req progressRequest
	if err := request.DecodeJSON(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	in := app.ProgressInput{Note: req.Note, Completed: req.Completed, EvidenceNumber: req.Evidence.Number, EvidenceDate: req.Evidence.Date,
		Reason: req.Reason, Difficulties: req.Difficulties, Proposals: req.Proposals}
	switch {
	case req.Version == nil:
		err = errs.Bad("version", "error.version_missing_json")
	case req.Percent != nil:
		in.Percent = *req.Percent
	case req.Completed:
		in.Percent = 100
	default:
		err = errs.Bad("percent", "task.percent_missing")
	}
	var st tasks.State
	if err == nil {
		in.Version = *req.Version
		t, st, err = h.app.PostProgressOn(r.Context(), me, t, p, in)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusCreated, taskToJSON(t, st))
}
