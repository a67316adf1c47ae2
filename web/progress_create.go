package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"cchc/accounts"
	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/tasks"
)

// progressForm is the progress form as typed, re-shown on error.
type progressForm struct {
	Percent        int
	Note           string
	Completed      bool
	EvidenceNumber string
	EvidenceDate   string
	Version        int
}

func parseProgressForm(r *http.Request) (progressForm, []tasks.Upload, error) {
	files, err := evidenceUploads(r)
	if err != nil {
		return progressForm{}, nil, err
	}
	f := progressForm{
		Note:           r.PostFormValue("note"),
		Completed:      r.PostFormValue("completed") != "",
		EvidenceNumber: r.PostFormValue("evidence_number"),
		EvidenceDate:   strings.TrimSpace(r.PostFormValue("evidence_date")),
	}
	if f.Percent, err = strconv.Atoi(strings.TrimSpace(r.PostFormValue("percent"))); err != nil {
		if f.Completed {
			f.Percent = 100
		} else {
			return f, nil, &tasks.InvalidError{Field: "percent", Message: "Tiến độ phải là một số từ 0 đến 100."}
		}
	}
	if f.Version, err = strconv.Atoi(r.PostFormValue("version")); err != nil {
		return f, nil, &badRequest{msg: "Thiếu phiên bản của nhiệm vụ; hãy tải lại trang."}
	}
	return f, files, nil
}

// evidenceUploads reads the form, multipart or not, and the evidence files in it.
func evidenceUploads(r *http.Request) ([]tasks.Upload, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseForm(); err != nil {
			return nil, &badRequest{msg: "Không đọc được biểu mẫu."}
		}
		return nil, nil
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &tasks.InvalidError{Field: "evidence_file", Message: "Tệp gửi lên quá lớn (tối đa 10 MB)."}
		}
		return nil, &badRequest{msg: "Không đọc được biểu mẫu."}
	}
	var out []tasks.Upload
	for _, fh := range r.MultipartForm.File["evidence_file"] {
		if fh.Size > tasks.MaxEvidenceSize {
			return nil, &tasks.InvalidError{Field: "evidence_file", Message: fmt.Sprintf("Tệp “%s” lớn quá 10 MB.", fh.Filename)}
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, tasks.MaxEvidenceSize+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, tasks.Upload{Name: fh.Filename, Data: data})
	}
	return out, nil
}

func (f progressForm) progress() (tasks.Progress, error) {
	p := tasks.Progress{Percent: f.Percent, Note: f.Note, Completed: f.Completed, EvidenceNumber: f.EvidenceNumber, Version: f.Version}
	if f.EvidenceDate != "" {
		d, err := civil.Parse(f.EvidenceDate)
		if err != nil {
			return p, &tasks.InvalidError{Field: "evidence_date", Message: fmt.Sprintf("Ngày văn bản “%s” không hợp lệ.", f.EvidenceDate)}
		}
		p.EvidenceDate = d
	}
	return p, nil
}

func (h *handler) progressCreate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	_, plan, err := h.taskForPosting(r.Context(), principal(r), id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	tp, err := h.loadTaskPage(r.Context(), principal(r), id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	f, files, err := parseProgressForm(r)
	if err == nil {
		var p tasks.Progress
		if p, err = f.progress(); err == nil {
			p.Files = files
			p.UnitID = postingUnit(principal(r), tp.Task)
			p.AuthorID = principal(r).User.ID
			p.Confirm = principal(r).CanVerify(plan) == nil
			p.At = h.now()
			_, err = tasks.Post(r.Context(), h.db, id, p)
		}
	}
	lang := i18n.FromRequest(r)
	if err != nil {
		status, _, msg := classify(err)
		if status >= 500 {
			h.pageError(w, r, err)
			return
		}
		if errors.Is(err, tasks.ErrStale) {
			// Show what changed meanwhile, keeping what the user typed.
			if fresh, ferr := h.loadTaskPage(r.Context(), principal(r), id); ferr == nil {
				tp = fresh
			}
		}
		h.renderTask(w, r, status, tp, f, i18n.T(lang, msg), "")
		return
	}
	if r.Header.Get("HX-Request") == "true" {
		fresh, err := h.loadTaskPage(r.Context(), principal(r), id)
		if err != nil {
			h.pageError(w, r, err)
			return
		}
		h.renderTask(w, r, http.StatusOK, fresh, progressForm{Percent: fresh.State.Percent}, "", i18n.T(lang, "Đã lưu cập nhật tiến độ."))
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d", id), http.StatusSeeOther)
}

// postingUnit is the unit an update is recorded for: the author's own unit
// when it leads or coordinates the task, else (the secretariat or an
// administrator writing on a unit's behalf) the lead unit.
func postingUnit(me *accounts.Principal, t *tasks.Task) int64 {
	if me.Unit.ID == t.LeadUnitID || t.CoordinatesWith(me.Unit.ID) {
		return me.Unit.ID
	}
	return t.LeadUnitID
}
