package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"cchc/accounts"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
)

func (h *handler) apiTaskShow(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	tp, err := h.loadTaskPage(r.Context(), principal(r), id)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, taskToJSON(tp.Task, tp.State))
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
}

func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &badRequest{msg: "Nội dung gửi lên quá lớn."}
		}
		return &badRequest{msg: fmt.Sprintf("JSON không hợp lệ: %v", err)}
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return &badRequest{msg: "JSON không hợp lệ: chỉ được gửi một đối tượng."}
	}
	return nil
}

func (h *handler) apiProgressCreate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	me := principal(r)
	t, plan, err := h.taskForPosting(r.Context(), me, id)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	var req progressRequest
	if err := decodeJSON(r, &req); err != nil {
		h.apiError(w, r, err)
		return
	}
	if req.Version == nil {
		h.apiError(w, r, &tasks.InvalidError{Field: "version", Message: "thiếu trường version (phiên bản nhiệm vụ đã đọc)"})
		return
	}
	p := tasks.Progress{
		UnitID: postingUnit(me, t), AuthorID: me.User.ID, Confirm: me.CanVerify(plan) == nil, Note: req.Note, Completed: req.Completed,
		EvidenceNumber: req.Evidence.Number, EvidenceDate: req.Evidence.Date, Version: *req.Version, At: h.now(),
	}
	switch {
	case req.Percent != nil:
		p.Percent = *req.Percent
	case req.Completed:
		p.Percent = 100
	default:
		h.apiError(w, r, &tasks.InvalidError{Field: "percent", Message: "thiếu trường percent (tiến độ 0–100)"})
		return
	}
	if _, err := tasks.Post(r.Context(), h.db, id, p); err != nil {
		h.apiError(w, r, err)
		return
	}
	tp, err := h.loadTaskPage(r.Context(), me, id)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, taskToJSON(tp.Task, tp.State))
}

// taskForPosting loads a task the principal may post progress on: hidden
// plans are 404, visible tasks they may not touch 403.
func (h *handler) taskForPosting(ctx context.Context, me *accounts.Principal, id int64) (*tasks.Task, *plans.Plan, error) {
	t, err := tasks.Get(ctx, h.db, id)
	if err != nil {
		return nil, nil, err
	}
	plan, err := plans.Get(ctx, h.db, t.PlanID)
	if err != nil {
		return nil, nil, err
	}
	if err := me.CanPostProgress(plan, t); err != nil {
		return nil, nil, err
	}
	return t, plan, nil
}
