package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/reports"
	"cchc/web/request"
)

// ReportSettings shows how the plan's reports are written and collected.
func (h *Handler) ReportSettings(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderReportSettings(w, r, http.StatusOK, id, nil, "")
}

// reportSettingsForm is the settings form as typed, re-shown on error.
type reportSettingsForm struct {
	Sections          string
	Recipients        string
	Signer            string
	SubmissionDays    string
	ContinuousYearEnd bool
	Reform            map[int64]int
}

func (h *Handler) renderReportSettings(w http.ResponseWriter, r *http.Request, status int, id int64, f *reportSettingsForm, formErr string) {
	v, err := h.app.ReportSettings(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if f == nil {
		f = &reportSettingsForm{Sections: v.Settings.Sections, Recipients: strings.Join(v.Recipients, "\n"), Signer: v.Settings.Signer,
			SubmissionDays: strconv.Itoa(v.Settings.SubmissionDays), ContinuousYearEnd: v.Plan.ContinuousYearEnd, Reform: map[int64]int{}}
		for _, a := range v.Areas {
			f.Reform[a.ID] = v.Settings.ReformOf(a)
		}
	}
	h.render(w, r, status, "report_settings", map[string]any{
		"Plan": v.Plan, "View": v, "Form": f, "FormError": formErr, "ReformAreas": reports.ReformAreas,
		"YearEnd": v.Plan.ContinuousYearEnd, "Version": v.Settings.Version, "PlanVersion": v.Plan.Version,
	})
}

// ReportSettingsSave saves the settings and the plan's rule for continuous tasks.
func (h *Handler) ReportSettingsSave(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	v, err := h.app.ReportSettings(r.Context(), me, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := &reportSettingsForm{Sections: r.PostFormValue("sections"), Recipients: r.PostFormValue("recipients"), Signer: r.PostFormValue("signer"),
		SubmissionDays: r.PostFormValue("submission_days"), ContinuousYearEnd: r.PostFormValue("continuous_year_end") != "", Reform: map[int64]int{}}
	s := v.Settings
	s.Sections, s.Signer = f.Sections, f.Signer
	s.Recipients = strings.Split(strings.ReplaceAll(f.Recipients, "\r\n", "\n"), "\n")
	if strings.Join(strings.Fields(f.Recipients), " ") == strings.Join(strings.Fields(strings.Join(v.Recipients, "\n")), " ") && v.Settings.Recipients == nil {
		s.Recipients = nil // the defaults, untouched
	}
	s.AreaReform = map[int64]int{}
	for _, a := range v.Areas {
		n, _ := strconv.Atoi(r.PostFormValue(fmt.Sprintf("reform_%d", a.ID)))
		f.Reform[a.ID] = n
		if n != reports.GuessReformArea(a.Name) {
			s.AreaReform[a.ID] = n
		}
	}
	s.Version, err = strconv.Atoi(r.PostFormValue("version"))
	var planVersion int
	if err == nil {
		planVersion, err = strconv.Atoi(r.PostFormValue("plan_version"))
	}
	if err != nil {
		err = errs.Bad("version", "error.version_missing_form")
	} else if s.SubmissionDays, err = strconv.Atoi(strings.TrimSpace(f.SubmissionDays)); err != nil {
		err = errs.Bad("submission_days", "reports.submission_days_range", -20, 30)
	}
	if err == nil {
		err = h.app.SetReportSettings(r.Context(), me, id, s, f.ContinuousYearEnd, planVersion)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderReportSettings(w, r, status, id, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "report.settings_saved"))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/report/settings", id), http.StatusSeeOther)
}

// ReportReset forgets the saved text of sections III–V.
func (h *Handler) ReportReset(w http.ResponseWriter, r *http.Request) {
	id, period, err := h.reportRoute(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.app.ResetNarrative(r.Context(), request.Principal(r), id, period); err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "report.text_redrafted"))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/report?period=%s", id, period), http.StatusSeeOther)
}
