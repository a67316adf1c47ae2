package ui

import (
	"net/http"
	"strconv"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/web/request"
)

// auditEntities are the kinds of object the trail can be filtered by, with
// the message ID of their name.
var auditEntities = []struct{ Value, Label string }{
	{"plan", "audit.entity_plan"},
	{"area", "audit.entity_area"},
	{"task", "audit.entity_task"},
	{"report", "audit.entity_report"},
	{"reminder_settings", "audit.entity_reminder_settings"},
	{"webhook", "audit.entity_webhook"},
	{"user", "audit.entity_user"},
	{"unit", "audit.entity_unit"},
	{"unit_alias", "audit.entity_unit_alias"},
	{"api_token", "audit.entity_api_token"},
	{"holiday", "audit.entity_holiday"},
	{"par_set", "audit.entity_par_set"},
	{"par_assessment", "audit.entity_par_assessment"},
}

// AdminAudit is the audit trail, filtered, each entry a sentence.
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
	lines, err := h.app.AuditTrail(r.Context(), request.Principal(r), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_audit", map[string]any{"Entries": lines, "Query": q, "Entities": auditEntities})
}
