package api

import (
	"net/http"

	"cchc/plans"
	"cchc/web/request"
	"cchc/web/response"
)

// Report is GET /plans/{id}/report?period=P&format=F[&version=N].
func (h *Handler) Report(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	period, err := plans.ParsePeriod(r.URL.Query().Get("period"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	format, version, err := request.ReportFormat(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	doc, err := h.app.ReportDocument(r.Context(), request.Principal(r), id, period, format, version)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.Report(w, doc)
}
