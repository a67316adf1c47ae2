package ui

import (
	"net/http"
	"strconv"

	"cchc/audit"
	"cchc/internal/civil"
)

func (h *Handler) AdminAudit(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	q := r.URL.Query()
	f := audit.Filter{Entity: q.Get("entity"), Limit: 200}
	f.TaskID, _ = strconv.ParseInt(q.Get("task"), 10, 64)
	f.PlanID, _ = strconv.ParseInt(q.Get("plan"), 10, 64)
	if d, err := civil.ParseEntered(q.Get("from")); err == nil {
		f.Since = d.Start()
	}
	if d, err := civil.ParseEntered(q.Get("to")); err == nil {
		f.Until = d.End()
	}
	es, err := audit.List(r.Context(), h.db, f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_audit", map[string]any{"Entries": es, "Query": q})
}
