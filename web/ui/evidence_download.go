package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"cchc/plans"
	"cchc/tasks"
	"cchc/web/request"
)

// evidenceDownload serves an evidence file to a user who may see its task,
// always as a download, never rendered in our origin.
func (h *Handler) EvidenceDownload(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "fileID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f, err := tasks.EvidenceData(r.Context(), h.db, id)
	if err == nil {
		var t *tasks.Task
		if t, err = tasks.Get(r.Context(), h.db, f.TaskID); err == nil {
			var p *plans.Plan
			if p, err = plans.Get(r.Context(), h.db, t.PlanID); err == nil {
				err = request.Principal(r).CanSeeTask(p, t)
			}
		}
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="evidence-%d"; filename*=UTF-8''%s`, f.ID, url.PathEscape(f.Filename)))
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(f.Data)
}
