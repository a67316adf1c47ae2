package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cchc/app"
	"cchc/indicators"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/reports"
	"cchc/web/request"
	"cchc/web/response"
)

// indicatorForm is the form entering a unit's figure, as typed.
type indicatorForm struct {
	Indicator                     int64
	Unit                          string
	Value, Numerator, Denominator string
	Evidence                      string
	Version                       int
}

// newIndicatorForm is the form adding a plan's own indicator, as typed.
type newIndicatorForm struct {
	Code, Name, UnitOfMeasure, Kind, Direction, Target string
}

// indicatorPage is what the indicators page shows besides the figures.
type indicatorPage struct {
	Form      indicatorForm
	New       newIndicatorForm
	FormError string
	NewError  string
	FileError string
}

// pagePeriod reads ?period, else the period the plan's secretariat is most
// likely preparing.
func (h *Handler) pagePeriod(r *http.Request, p *plans.Plan) (plans.Period, error) {
	q := r.URL.Query().Get("period")
	if q == "" {
		return p.DefaultPeriod(h.app.Today()), nil
	}
	return plans.ParsePeriod(q)
}

func (h *Handler) IndicatorsShow(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.VisiblePlan)
	if p == nil {
		return
	}
	period, err := h.pagePeriod(r, p)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	pg := indicatorPage{}
	// "Sửa" on a unit's figure fills the form with it.
	q := r.URL.Query()
	if iid, _ := strconv.ParseInt(q.Get("indicator"), 10, 64); iid != 0 {
		pg.Form.Indicator, pg.Form.Unit = iid, q.Get("unit")
	}
	h.renderIndicators(w, r, http.StatusOK, p.ID, period, pg)
}

func (h *Handler) renderIndicators(w http.ResponseWriter, r *http.Request, status int, planID int64, period plans.Period, pg indicatorPage) {
	v, err := h.app.Indicators(r.Context(), request.Principal(r), planID, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if pg.Form.Indicator != 0 && pg.Form.Value+pg.Form.Numerator+pg.Form.Denominator == "" {
		for _, x := range v.Values {
			if x.IndicatorID == pg.Form.Indicator && x.UnitCode == pg.Form.Unit {
				pg.Form.Value, pg.Form.Numerator, pg.Form.Denominator = numberText(x.Value), numberText(x.Numerator), numberText(x.Denominator)
				pg.Form.Evidence, pg.Form.Version = x.Evidence, x.Version
			}
		}
	}
	names := map[int64]string{}
	for _, res := range v.Results {
		names[res.ID] = res.Name
	}
	h.render(w, r, status, "indicators", map[string]any{
		"Plan": v.Plan, "Period": period, "Periods": plans.Periods, "View": v, "Page": pg, "Names": names,
		"Kinds": indicators.Kinds, "Directions": indicators.Directions, "Unassessed": v.Summary.Targets - v.Summary.Assessed,
	})
}

// numberText writes a stored figure for the form, as Vietnamese type it.
func numberText(x *float64) string {
	if x == nil {
		return ""
	}
	return vn.Number(*x, 4)
}

// formNumber reads an optional number of the form in field.
func formNumber(r *http.Request, field string) (*float64, error) {
	s := strings.TrimSpace(r.PostFormValue(field))
	if s == "" {
		return nil, nil
	}
	x, ok := vn.ParseNumber(s)
	if !ok {
		return nil, errs.Bad(field, "indicators.not_number", s)
	}
	return &x, nil
}

func (h *Handler) IndicatorValueCreate(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	period, err := plans.ParsePeriod(r.PostFormValue("period"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := indicatorForm{Unit: r.PostFormValue("unit"), Value: r.PostFormValue("value"), Numerator: r.PostFormValue("numerator"),
		Denominator: r.PostFormValue("denominator"), Evidence: r.PostFormValue("evidence")}
	f.Indicator, _ = strconv.ParseInt(r.PostFormValue("indicator"), 10, 64)
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	in := app.IndicatorValueInput{Period: period, Unit: f.Unit, Evidence: f.Evidence, Version: &f.Version}
	if in.Value, err = formNumber(r, "value"); err == nil {
		if in.Numerator, err = formNumber(r, "numerator"); err == nil {
			in.Denominator, err = formNumber(r, "denominator")
		}
	}
	if err == nil {
		_, err = h.app.SetIndicatorValue(r.Context(), request.Principal(r), id, f.Indicator, in)
	}
	h.indicatorsDone(w, r, id, period, err, func(msg string) indicatorPage { return indicatorPage{Form: f, FormError: msg} }, "indicator.value_saved")
}

func (h *Handler) IndicatorCreate(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	period, err := plans.ParsePeriod(r.PostFormValue("period"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := newIndicatorForm{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), UnitOfMeasure: r.PostFormValue("unit_of_measure"),
		Kind: r.PostFormValue("kind"), Direction: r.PostFormValue("direction"), Target: r.PostFormValue("target")}
	target, err := formNumber(r, "target")
	if err == nil {
		_, err = h.app.CreateIndicator(r.Context(), request.Principal(r), id, indicators.New{Code: f.Code, Name: f.Name,
			UnitOfMeasure: f.UnitOfMeasure, Kind: indicators.Kind(f.Kind), Direction: indicators.Direction(f.Direction), Target: target})
	}
	h.indicatorsDone(w, r, id, period, err, func(msg string) indicatorPage { return indicatorPage{New: f, NewError: msg} }, "indicator.indicator_added")
}

func (h *Handler) IndicatorTarget(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	iid, err := request.ID(r, "indicatorID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	period, err := plans.ParsePeriod(r.PostFormValue("period"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	version, err := request.FormVersion(r)
	var target *float64
	if err == nil {
		target, err = formNumber(r, "target")
	}
	if err == nil {
		_, err = h.app.SetIndicatorTarget(r.Context(), request.Principal(r), id, iid, target, version)
	}
	h.indicatorsDone(w, r, id, period, err, func(msg string) indicatorPage { return indicatorPage{FormError: msg} }, "indicator.target_saved")
}

func (h *Handler) IndicatorTemplate(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	b, name, err := h.app.IndicatorTemplate(r.Context(), request.Principal(r), id, period, r.URL.Query().Get("unit"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	response.Attachment(w, name, reports.XLSX.ContentType(), b)
}

func (h *Handler) IndicatorImport(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if _, err := h.app.VisiblePlan(r.Context(), request.Principal(r), id); err != nil {
		h.Error(w, r, err)
		return
	}
	b, err := request.TemplateUpload(r)
	n := 0
	if err == nil {
		n, err = h.app.ImportIndicatorValues(r.Context(), request.Principal(r), id, period, b)
	}
	h.indicatorsDone(w, r, id, period, err, func(msg string) indicatorPage { return indicatorPage{FileError: msg} }, "indicator.n_values_imported", n)
}

// indicatorsDone ends an action of the indicators page: after a refusal
// the user can correct (err), the page again with the message where page
// puts it; else back to the page with the message okKey (with args).
func (h *Handler) indicatorsDone(w http.ResponseWriter, r *http.Request, id int64, period plans.Period, err error,
	page func(msg string) indicatorPage, okKey string, args ...any) {
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderIndicators(w, r, status, id, period, page(msg))
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), okKey, args...))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/indicators?period=%s", id, period), http.StatusSeeOther)
}
