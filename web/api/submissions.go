package api

import (
	"net/http"
	"time"

	"cchc/internal/civil"
	"cchc/reports"
	"cchc/tasks"
	"cchc/web/request"
	"cchc/web/response"
)

// submissionJSON is a child unit's period report (docs/API.md).
type submissionJSON struct {
	Unit        unitRef            `json:"unit"`
	PlanID      int64              `json:"plan_id"`
	State       string             `json:"state"`
	FinalisedAt *time.Time         `json:"finalised_at"`
	Late        bool               `json:"late"`
	Due         civil.Date         `json:"due"`
	Version     int                `json:"version"`
	Counts      tasks.Counts       `json:"counts"`
	Indicators  map[string]float64 `json:"indicators"`
}

// Submissions is GET /plans/{id}/submissions?period=P: each child unit's
// report for the period.
func (h *Handler) Submissions(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Submissions(r.Context(), request.Principal(r), id, period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]submissionJSON, 0, len(v.Chain.Units))
	for _, u := range v.Chain.Units {
		s := submissionJSON{Unit: unitRef{Code: u.UnitCode, Name: u.UnitName}, PlanID: u.PlanID, State: string(u.State), Late: u.Late,
			Due: u.Due, Version: u.Version, Counts: u.Counts, Indicators: u.Indicators}
		if u.State == reports.SubmissionFinalised {
			at := u.FinalisedAt
			s.FinalisedAt = &at
		}
		out = append(out, s)
	}
	response.JSON(w, http.StatusOK, out)
}

// SubmissionsRemind is POST /plans/{id}/submissions/remind?period=P: the
// units late with their reports are reminded.
func (h *Handler) SubmissionsRemind(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	units, err := h.app.RemindLateReports(r.Context(), request.Principal(r), id, period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, map[string]int{"units": units})
}

// reportSettingsJSON are a plan's report settings.
type reportSettingsJSON struct {
	Sections          string           `json:"sections"`
	AreaReform        map[string]int   `json:"area_reform"`
	Recipients        []string         `json:"recipients"`
	DefaultRecipients bool             `json:"default_recipients"`
	Signer            string           `json:"signer"`
	SubmissionDays    int              `json:"submission_days"`
	ContinuousYearEnd bool             `json:"continuous_year_end"`
	Version           int              `json:"version"`
	PlanVersion       int              `json:"plan_version"`
	Areas             []reformAreaJSON `json:"areas"`
}

type reformAreaJSON struct {
	ID         int64  `json:"id"`
	Label      string `json:"label"`
	Name       string `json:"name"`
	ReformArea int    `json:"reform_area"`
}

func (h *Handler) reportSettings(w http.ResponseWriter, r *http.Request, id int64, status int) {
	v, err := h.app.ReportSettings(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := reportSettingsJSON{Sections: v.Settings.Sections, AreaReform: map[string]int{}, Recipients: v.Recipients,
		DefaultRecipients: v.Settings.Recipients == nil, Signer: v.Settings.Signer, SubmissionDays: v.Settings.SubmissionDays,
		ContinuousYearEnd: v.Plan.ContinuousYearEnd, Version: v.Settings.Version, PlanVersion: v.Plan.Version, Areas: []reformAreaJSON{}}
	for _, a := range v.Areas {
		n := v.Settings.ReformOf(a)
		out.Areas = append(out.Areas, reformAreaJSON{ID: a.ID, Label: a.Label, Name: a.Name, ReformArea: n})
		out.AreaReform[a.Label] = n
	}
	response.JSON(w, status, out)
}

// ReportSettings is GET /plans/{id}/report-settings.
func (h *Handler) ReportSettings(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.reportSettings(w, r, id, http.StatusOK)
}

// ReportSettingsSet is PUT /plans/{id}/report-settings: fields left out
// keep their value; "recipients": null (or []) restores the defaults.
func (h *Handler) ReportSettingsSet(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req struct {
		Sections          *string        `json:"sections"`
		AreaReform        map[string]int `json:"area_reform"`
		Recipients        *[]string      `json:"recipients"`
		Signer            *string        `json:"signer"`
		SubmissionDays    *int           `json:"submission_days"`
		ContinuousYearEnd *bool          `json:"continuous_year_end"`
		Version           *int           `json:"version"`
		PlanVersion       *int           `json:"plan_version"`
	}
	if err := request.DecodeJSON(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if req.Version == nil || req.PlanVersion == nil {
		h.fail(w, r, request.MissingVersion())
		return
	}
	v, err := h.app.ReportSettings(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	s := v.Settings
	s.Version = *req.Version
	if req.Sections != nil {
		s.Sections = *req.Sections
	}
	if req.Recipients != nil {
		s.Recipients = *req.Recipients
	}
	if req.Signer != nil {
		s.Signer = *req.Signer
	}
	if req.SubmissionDays != nil {
		s.SubmissionDays = *req.SubmissionDays
	}
	if req.AreaReform != nil {
		byLabel := map[string]int64{}
		for _, a := range v.Areas {
			byLabel[a.Label] = a.ID
		}
		s.AreaReform = map[int64]int{}
		for label, n := range req.AreaReform {
			areaID, ok := byLabel[label]
			if !ok {
				areaID = -1 // refused as an unknown area
			}
			s.AreaReform[areaID] = n
		}
	}
	yearEnd := v.Plan.ContinuousYearEnd
	if req.ContinuousYearEnd != nil {
		yearEnd = *req.ContinuousYearEnd
	}
	if err := h.app.SetReportSettings(r.Context(), request.Principal(r), id, s, yearEnd, *req.PlanVersion); err != nil {
		h.fail(w, r, err)
		return
	}
	h.reportSettings(w, r, id, http.StatusOK)
}
