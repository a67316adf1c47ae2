package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/reports"
)

// reportPlan loads the plan of a report route and checks the caller may see
// its reports; it answers the error itself (nil plan then).
func (h *handler) reportPlan(w http.ResponseWriter, r *http.Request, api bool) (*plans.Plan, reports.Period) {
	fail := h.pageError
	if api {
		fail = h.apiError
	}
	id, err := idParam(r, "planID")
	if err != nil {
		fail(w, r, err)
		return nil, ""
	}
	p, err := plans.Get(r.Context(), h.db, id)
	if err == nil {
		err = principal(r).CanReport(p)
	}
	if err != nil {
		fail(w, r, err)
		return nil, ""
	}
	q := r.URL.Query().Get("period")
	if q == "" && !api {
		q = string(defaultPeriod(h.today(), p))
	}
	period, err := reports.ParsePeriod(q)
	if err != nil {
		fail(w, r, &badRequest{msg: fmt.Sprintf("Kỳ báo cáo “%s” không hợp lệ (q1, q2, q3, q4, h1, 9m, year).", q)})
		return nil, ""
	}
	return p, period
}

// defaultPeriod is the latest cumulative report (quý I, 6 tháng, 9 tháng,
// năm) whose cut-off has passed, or quý I: the one the secretariat is
// most likely preparing.
func defaultPeriod(today civil.Date, p *plans.Plan) reports.Period {
	out := reports.Q1
	for _, period := range []reports.Period{reports.Q1, reports.H1, reports.NineMonths, reports.FullYear} {
		if _, to := period.Range(p.Year, reports.Scheme(p.CutoffScheme)); !today.Before(to) {
			out = period
		}
	}
	return out
}

func (h *handler) reportShow(w http.ResponseWriter, r *http.Request) {
	p, period := h.reportPlan(w, r, false)
	if p == nil {
		return
	}
	h.renderReport(w, r, http.StatusOK, p, period, "")
}

func (h *handler) renderReport(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, period reports.Period, formErr string) {
	rep, err := reports.Prepare(r.Context(), h.db, p.ID, period, h.today())
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	snaps, err := reports.Snapshots(r.Context(), h.db, p.ID, period)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, status, "report_show", map[string]any{
		"Plan": p, "Period": period, "Periods": reports.Periods, "Report": rep, "Snapshots": snaps,
		"CanVerify": principal(r).CanVerify(p) == nil, "FormError": formErr,
	})
}

func (h *handler) reportNarrative(w http.ResponseWriter, r *http.Request) {
	p, period := h.reportPlan(w, r, false)
	if p == nil {
		return
	}
	if err := principal(r).CanVerify(p); err != nil {
		h.pageError(w, r, err)
		return
	}
	n := reports.Narrative{Assessment: r.PostFormValue("assessment"), Limitations: r.PostFormValue("limitations"),
		Directions: r.PostFormValue("directions"), Proposals: r.PostFormValue("proposals")}
	if err := reports.SaveNarrative(r.Context(), h.db, p.ID, period, n); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderReport(w, r, status, p, period, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã lưu phần nhận xét."))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/report?period=%s", p.ID, period), http.StatusSeeOther)
}

func (h *handler) reportFinalize(w http.ResponseWriter, r *http.Request) {
	p, period := h.reportPlan(w, r, false)
	if p == nil {
		return
	}
	if err := principal(r).CanVerify(p); err != nil {
		h.pageError(w, r, err)
		return
	}
	snap, err := reports.Finalize(r.Context(), h.db, p.ID, period, h.today())
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã chốt báo cáo (phiên bản %d).", snap.Version))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/report?period=%s", p.ID, period), http.StatusSeeOther)
}

// reportDownload serves the .docx or .xlsx: the latest finalised version, a
// given version, or (when none is finalised) the figures as they stand.
func (h *handler) reportDownload(w http.ResponseWriter, r *http.Request) {
	h.serveReport(w, r, false)
}

func (h *handler) apiReport(w http.ResponseWriter, r *http.Request) {
	h.serveReport(w, r, true)
}

func (h *handler) serveReport(w http.ResponseWriter, r *http.Request, api bool) {
	fail := h.pageError
	if api {
		fail = h.apiError
	}
	p, period := h.reportPlan(w, r, api)
	if p == nil {
		return
	}
	format, err := reports.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		fail(w, r, err)
		return
	}
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			fail(w, r, &badRequest{msg: "Phiên bản báo cáo không hợp lệ."})
			return
		}
	}
	doc, err := reports.Render(r.Context(), h.db, p.ID, period, format, version, h.today())
	if errors.Is(err, reports.ErrNoSnapshot) {
		err = fmt.Errorf("%w: version %d", errNoRoute, version)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", doc.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, doc.Filename))
	w.Header().Set("Content-Length", strconv.Itoa(len(doc.Body)))
	w.Header().Set("Cache-Control", "no-store")
	if doc.Version > 0 {
		w.Header().Set("X-CCHC-Report-Version", strconv.Itoa(doc.Version))
	}
	_, _ = w.Write(doc.Body)
}
