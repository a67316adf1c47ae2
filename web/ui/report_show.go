package ui

import (
	"fmt"
	"net/http"

	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/reports"
	"cchc/web/request"
	"cchc/web/response"
)

// reportRoute reads the plan id and ?period of a report route; without a
// period, the one the secretariat is most likely preparing.
func (h *Handler) reportRoute(r *http.Request) (int64, plans.Period, error) {
	id, err := request.ID(r, "planID")
	if err != nil {
		return 0, "", err
	}
	q := r.URL.Query().Get("period")
	if q == "" {
		p, err := h.app.ReportPlan(r.Context(), request.Principal(r), id)
		if err != nil {
			return 0, "", err
		}
		return id, p.DefaultPeriod(h.app.Today()), nil
	}
	period, err := plans.ParsePeriod(q)
	return id, period, err
}

func (h *Handler) ReportShow(w http.ResponseWriter, r *http.Request) {
	id, period, err := h.reportRoute(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderReport(w, r, http.StatusOK, id, period, "")
}

func (h *Handler) renderReport(w http.ResponseWriter, r *http.Request, status int, id int64, period plans.Period, formErr string) {
	me := request.Principal(r)
	rep, snaps, err := h.app.Report(r.Context(), me, id, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p, err := h.app.ReportPlan(r.Context(), me, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "report_show", map[string]any{
		"Plan": p, "Period": period, "Periods": plans.Periods, "Report": rep, "Snapshots": snaps,
		"CanVerify": me.CanWriteReport(p) == nil, "FormError": formErr, "Targets": rep.IndicatorSummary(),
	})
}

func (h *Handler) ReportNarrative(w http.ResponseWriter, r *http.Request) {
	id, period, err := h.reportRoute(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	n := reports.Narrative{Assessment: r.PostFormValue("assessment"), Limitations: r.PostFormValue("limitations"),
		Directions: r.PostFormValue("directions"), Proposals: r.PostFormValue("proposals")}
	if err := h.app.SaveNarrative(r.Context(), request.Principal(r), id, period, n); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderReport(w, r, status, id, period, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "report.text_saved"))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/report?period=%s", id, period), http.StatusSeeOther)
}

func (h *Handler) ReportFinalize(w http.ResponseWriter, r *http.Request) {
	id, period, err := h.reportRoute(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	snap, err := h.app.FinalizeReport(r.Context(), request.Principal(r), id, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "report.report_finalised_version_n", snap.Version))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/report?period=%s", id, period), http.StatusSeeOther)
}

// ReportDownload serves the .docx or .xlsx: the latest finalised version, a
// given version, or (when none is finalised) the figures as they stand.
func (h *Handler) ReportDownload(w http.ResponseWriter, r *http.Request) {
	id, period, err := h.reportRoute(r)
	var doc *reports.Document
	if err == nil {
		var format reports.Format
		var version int
		if format, version, err = request.ReportFormat(r); err == nil {
			doc, err = h.app.ReportDocument(r.Context(), request.Principal(r), id, period, format, version)
		}
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	response.Report(w, doc)
}
