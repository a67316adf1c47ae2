package ui

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cchc/app"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/tasks"
	"cchc/web/request"
)

// progressForm is the progress form as typed, re-shown on error.
type progressForm struct {
	Percent        int
	Note           string
	Completed      bool
	EvidenceNumber string
	EvidenceDate   string
	Version        int
	// Remarks: why the task is late, difficulties, proposals.
	Reason, Difficulties, Proposals string
}

// parseProgressForm reads the progress form, multipart or not, as typed
// (to show it again) and as the use case takes it.
func parseProgressForm(r *http.Request) (progressForm, app.ProgressInput, error) {
	var in app.ProgressInput
	files, err := evidenceUploads(r)
	if err != nil {
		return progressForm{}, in, err
	}
	f := progressForm{
		Note:           r.PostFormValue("note"),
		Completed:      r.PostFormValue("completed") != "",
		EvidenceNumber: r.PostFormValue("evidence_number"),
		EvidenceDate:   strings.TrimSpace(r.PostFormValue("evidence_date")),
		Reason:         r.PostFormValue("reason"),
		Difficulties:   r.PostFormValue("difficulties"),
		Proposals:      r.PostFormValue("proposals"),
	}
	if f.Percent, err = strconv.Atoi(strings.TrimSpace(r.PostFormValue("percent"))); err != nil {
		if !f.Completed {
			return f, in, errs.Bad("percent", "task.percent_not_number")
		}
		f.Percent = 100
	}
	if f.Version, err = strconv.Atoi(r.PostFormValue("version")); err != nil {
		return f, in, errs.Bad("version", "error.version_missing_form")
	}
	in = app.ProgressInput{Percent: f.Percent, Note: f.Note, Completed: f.Completed, EvidenceNumber: f.EvidenceNumber, Version: f.Version, Files: files,
		Reason: f.Reason, Difficulties: f.Difficulties, Proposals: f.Proposals}
	if f.EvidenceDate != "" {
		if in.EvidenceDate, err = civil.ParseEntered(f.EvidenceDate); err != nil {
			return f, in, errs.Bad("evidence_date", "task.evidence_date_invalid", f.EvidenceDate)
		}
	}
	return f, in, nil
}

// evidenceUploads reads the form, multipart or not, and the evidence files
// in it. A multipart body was parsed by request.Inputs, which also removes
// its temporary files when the request ends.
func evidenceUploads(r *http.Request) ([]tasks.Upload, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseForm(); err != nil {
			return nil, errs.Bad("body", "error.bad_form")
		}
		return nil, nil
	}
	form, err := request.Multipart(r)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errs.Bad("evidence_file", "task.upload_too_large")
		}
		return nil, errs.Bad("body", "error.bad_form")
	}
	var out []tasks.Upload
	for _, fh := range form.File["evidence_file"] {
		if fh.Size > tasks.MaxEvidenceSize {
			return nil, errs.Bad("evidence_file", "tasks.file_large", fh.Filename)
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

func (h *Handler) ProgressCreate(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	if _, _, err := h.app.TaskForPosting(r.Context(), me, id); err != nil { // before reading the form: 403, not a form error
		h.Error(w, r, err)
		return
	}
	v, err := h.app.TaskView(r.Context(), me, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f, in, err := parseProgressForm(r)
	if err == nil {
		_, err = h.app.PostProgress(r.Context(), me, id, in)
	}
	lang := i18n.FromRequest(r)
	fromQueue := r.PostFormValue("view") == "queue" && r.Header.Get("HX-Request") == "true"
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		if fromQueue {
			h.renderQueueCard(w, r, status, id, f, msg, "")
			return
		}
		if errors.Is(err, tasks.ErrStale) {
			// Show what changed meanwhile, keeping what the user typed.
			if fresh, ferr := h.app.TaskView(r.Context(), me, id); ferr == nil {
				v = fresh
			}
		}
		h.renderTask(w, r, status, v, f, msg, "")
		return
	}
	if fromQueue {
		it, err := h.app.QueueItemOf(r.Context(), me, id)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		saved := i18n.T(lang, "queue.saved", it.Task.Number+". "+it.Task.Title, it.State.Percent, stateWords(lang, it.State))
		h.renderQueueCard(w, r, http.StatusOK, id, progressForm{Percent: it.State.Percent}, "", saved)
		return
	}
	if r.PostFormValue("view") == "queue" {
		h.flash(r, i18n.T(lang, "task.progress_update_saved"))
		http.Redirect(w, r, fmt.Sprintf("/queue#q-%d", id), http.StatusSeeOther)
		return
	}
	if r.Header.Get("HX-Request") == "true" {
		fresh, err := h.app.TaskView(r.Context(), me, id)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		h.renderTask(w, r, http.StatusOK, fresh, progressForm{Percent: fresh.State.Percent}, "", i18n.T(lang, "task.progress_update_saved"))
		return
	}
	h.flash(r, i18n.T(lang, "task.progress_update_saved"))
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d", id), http.StatusSeeOther)
}

// stateWords says a task's state in words: "chờ xác nhận, quá hạn 3 ngày".
func stateWords(lang i18n.Lang, st tasks.State) string {
	words := i18n.T(lang, st.Status.Label())
	if st.DaysOverdue > 0 {
		words = i18n.T(lang, "queue.overdue_n", st.DaysOverdue)
	}
	if st.Pending {
		words = i18n.T(lang, "tasks.status_pending") + ", " + words
	}
	r, n := utf8.DecodeRuneInString(words)
	return string(unicode.ToLower(r)) + words[n:]
}
