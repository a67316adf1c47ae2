package api

import (
	"net/http"
	"time"

	"cchc/app"
	"cchc/indicators"
	"cchc/plans"
	"cchc/reports"
	"cchc/web/request"
	"cchc/web/response"
)

// indicatorJSON is an indicator with its figure for a period (docs/API.md).
type indicatorJSON struct {
	ID               int64    `json:"id"`
	Code             string   `json:"code"`
	Name             string   `json:"name"`
	UnitOfMeasure    string   `json:"unit_of_measure"`
	Kind             string   `json:"kind"`
	Direction        string   `json:"direction"`
	Target           *float64 `json:"target"`
	Actual           *float64 `json:"actual"`
	Numerator        *float64 `json:"numerator"`
	Denominator      *float64 `json:"denominator"`
	Met              *bool    `json:"met"`
	Standard         bool     `json:"standard"`
	Units            int      `json:"units"`
	TargetVersion    int      `json:"target_version"`
	NumeratorLabel   string   `json:"numerator_label,omitempty"`
	DenominatorLabel string   `json:"denominator_label,omitempty"`
}

func indicatorToJSON(r indicators.Result) indicatorJSON {
	return indicatorJSON{ID: r.ID, Code: r.Code, Name: r.Name, UnitOfMeasure: r.UnitOfMeasure, Kind: string(r.Kind),
		Direction: string(r.Direction), Target: r.Target, Actual: r.Actual, Numerator: r.Numerator, Denominator: r.Denominator,
		Met: r.Met, Standard: r.Standard(), Units: r.Units, TargetVersion: r.TargetVersion,
		NumeratorLabel: r.NumeratorLabel, DenominatorLabel: r.DenominatorLabel}
}

// Indicators is GET /plans/{id}/indicators?period=P.
func (h *Handler) Indicators(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Indicators(r.Context(), request.Principal(r), id, period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]indicatorJSON, 0, len(v.Results))
	for _, res := range v.Results {
		out = append(out, indicatorToJSON(res))
	}
	response.JSON(w, http.StatusOK, out)
}

// valueJSON is a unit's figure.
type valueJSON struct {
	ID          int64     `json:"id"`
	IndicatorID int64     `json:"indicator_id"`
	Year        int       `json:"year"`
	Period      string    `json:"period"`
	Unit        unitRef   `json:"unit"`
	Value       *float64  `json:"value"`
	Numerator   *float64  `json:"numerator"`
	Denominator *float64  `json:"denominator"`
	Evidence    string    `json:"evidence"`
	Version     int       `json:"version"`
	RecordedAt  time.Time `json:"recorded_at"`
}

// valueRequest is the body of POST /plans/{id}/indicators/{iid}/values.
type valueRequest struct {
	Period      string   `json:"period"`
	Unit        string   `json:"unit"`
	Value       *float64 `json:"value"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	Evidence    string   `json:"evidence"`
	Version     *int     `json:"version"`
}

// IndicatorValueCreate is POST /plans/{id}/indicators/{iid}/values: a
// unit's figure for a period → 201; 403 for a unit outside the caller's
// rights; 422 for bad input, nothing written; 409 for a stale version.
func (h *Handler) IndicatorValueCreate(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	iid, err := request.ID(r, "indicatorID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req valueRequest
	if err := request.DecodeJSON(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	period, err := plans.ParsePeriod(req.Period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.SetIndicatorValue(r.Context(), request.Principal(r), id, iid, app.IndicatorValueInput{Period: period, Unit: req.Unit,
		Value: req.Value, Numerator: req.Numerator, Denominator: req.Denominator, Evidence: req.Evidence, Version: req.Version})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusCreated, valueJSON{ID: v.ID, IndicatorID: v.IndicatorID, Year: v.Year, Period: string(v.Period),
		Unit: unitRef{Code: v.UnitCode, Name: v.UnitName}, Value: v.Value, Numerator: v.Numerator, Denominator: v.Denominator,
		Evidence: v.Evidence, Version: v.Version, RecordedAt: v.RecordedAt})
}

// indicatorRequest is the body of POST /plans/{id}/indicators.
type indicatorRequest struct {
	Code             string   `json:"code"`
	Name             string   `json:"name"`
	UnitOfMeasure    string   `json:"unit_of_measure"`
	Kind             string   `json:"kind"`
	Direction        string   `json:"direction"`
	Target           *float64 `json:"target"`
	NumeratorLabel   string   `json:"numerator_label"`
	DenominatorLabel string   `json:"denominator_label"`
}

// IndicatorCreate is POST /plans/{id}/indicators: an indicator of the plan's own.
func (h *Handler) IndicatorCreate(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req indicatorRequest
	if err := request.DecodeJSON(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	ind, err := h.app.CreateIndicator(r.Context(), request.Principal(r), id, indicators.New{Code: req.Code, Name: req.Name,
		UnitOfMeasure: req.UnitOfMeasure, Kind: indicators.Kind(req.Kind), Direction: indicators.Direction(req.Direction), Target: req.Target,
		NumeratorLabel: req.NumeratorLabel, DenominatorLabel: req.DenominatorLabel})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusCreated, indicatorToJSON(indicators.Result{Indicator: *ind}))
}

// IndicatorTarget is PUT /plans/{id}/indicators/{iid}/target with
// {"target", "version"}: the plan's target (null: none).
func (h *Handler) IndicatorTarget(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	iid, err := request.ID(r, "indicatorID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req struct {
		Target  *float64 `json:"target"`
		Version *int     `json:"version"`
	}
	if err := request.DecodeJSON(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if req.Version == nil {
		h.fail(w, r, request.MissingVersion())
		return
	}
	ind, err := h.app.SetIndicatorTarget(r.Context(), request.Principal(r), id, iid, req.Target, *req.Version)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, indicatorToJSON(indicators.Result{Indicator: *ind}))
}

// IndicatorTemplate is GET /plans/{id}/indicators/template.xlsx?period=P[&unit=CODE].
func (h *Handler) IndicatorTemplate(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b, name, err := h.app.IndicatorTemplate(r.Context(), request.Principal(r), id, period, r.URL.Query().Get("unit"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.Attachment(w, name, reports.XLSX.ContentType(), b)
}

// IndicatorImport is POST /plans/{id}/indicators/import?period=P, the filled
// template in the multipart field "file": all or nothing.
func (h *Handler) IndicatorImport(w http.ResponseWriter, r *http.Request) {
	id, period, err := request.PlanPeriod(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := request.TemplateUpload(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := h.app.ImportIndicatorValues(r.Context(), request.Principal(r), id, period, b)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusCreated, map[string]int{"values": n})
}
