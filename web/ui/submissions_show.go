package ui

import (
	"fmt"
	"net/http"

	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/reports"
	"cchc/web/request"
)

// SubmissionsShow is where the reports of the units below the plan's
// issuer stand for a period, with their figures.
func (h *Handler) SubmissionsShow(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.ReportPlan)
	if p == nil {
		return
	}
	period, err := h.pagePeriod(r, p)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v, err := h.app.Submissions(r.Context(), request.Principal(r), p.ID, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	res, err := h.app.Indicators(r.Context(), request.Principal(r), p.ID, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	by, late := v.Chain.Count()
	// The indicators some unit reported, as columns, and each unit's figures.
	var cols []string
	cells := map[string][]string{}
	for _, ind := range res.Results {
		used := false
		for _, u := range v.Chain.Units {
			if _, ok := u.Indicators[ind.Code]; ok {
				used = true
			}
		}
		if !used {
			continue
		}
		cols = append(cols, ind.Name)
		for _, u := range v.Chain.Units {
			cell := ""
			if x, ok := u.Indicators[ind.Code]; ok {
				cell = ind.Format(x)
			}
			cells[u.UnitCode] = append(cells[u.UnitCode], cell)
		}
	}
	h.render(w, r, http.StatusOK, "submissions", map[string]any{
		"Plan": p, "Period": period, "Periods": plans.Periods, "View": v, "ByState": by, "Late": late, "Columns": cols,
		"Cells": cells, "States": reports.SubmissionStates,
	})
}

// SubmissionsRemind reminds the units whose reports are late.
func (h *Handler) SubmissionsRemind(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	units, err := h.app.RemindLateReports(r.Context(), request.Principal(r), id, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "submission.reminded_n_units", units))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/submissions?period=%s", id, period), http.StatusSeeOther)
}
