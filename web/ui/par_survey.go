package ui

import (
	"fmt"
	"net/http"

	"cchc/app"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/par"
	"cchc/web/request"
)

// parSurveyRow is a unit's survey points as shown and typed.
type parSurveyRow struct {
	Assessment par.Assessment
	Cells      []parSurveyCell
}

type parSurveyCell struct {
	Name  string // of the input: s_{unit}_{item}
	Value string
}

// ParSurveyShow is the table where the secretariat enters every unit's
// survey points (SIPAS, officials' satisfaction).
func (h *Handler) ParSurveyShow(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "setID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v, err := h.app.PARSet(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !v.CanManage {
		h.Error(w, r, errs.Deny("ui: survey points are the secretariat's"))
		return
	}
	h.renderParSurvey(w, r, http.StatusOK, v, nil, "")
}

func (h *Handler) renderParSurvey(w http.ResponseWriter, r *http.Request, status int, v *app.PARSetView, typed map[string]string, formErr string) {
	items := v.Tree.LeavesBy(par.MethodSurvey)
	_, cards, err := h.app.PARSetCards(r.Context(), request.Principal(r), v.Set.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var rows []parSurveyRow
	for _, c := range cards {
		row := parSurveyRow{Assessment: *c.Assessment}
		for _, it := range items {
			name := fmt.Sprintf("s_%d_%d", c.Unit.ID, it.ID)
			val := ""
			if p := c.Line(it.ID).Score.Survey; p != nil {
				val = p.Input()
			}
			if typed != nil {
				val = typed[name]
			}
			row.Cells = append(row.Cells, parSurveyCell{Name: name, Value: val})
		}
		rows = append(rows, row)
	}
	h.render(w, r, status, "par_survey", map[string]any{"V": v, "Items": items, "Rows": rows, "FormError": formErr})
}

// ParSurveySave records the survey points typed, all or nothing.
func (h *Handler) ParSurveySave(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "setID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, errs.Bad("body", "error.bad_form"))
		return
	}
	me := request.Principal(r)
	v, err := h.app.PARSet(r.Context(), me, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	typed := map[string]string{}
	var ins []par.SurveyInput
	for _, a := range v.Assessments {
		for _, it := range v.Tree.LeavesBy(par.MethodSurvey) {
			name := fmt.Sprintf("s_%d_%d", a.Assessment.UnitID, it.ID)
			val := r.PostFormValue(name)
			typed[name] = val
			p, perr := request.Points(val, name, it.Number)
			if perr != nil && err == nil {
				e, _ := errs.As(perr)
				err = errs.Bad(name, "par.survey_invalid", a.Assessment.Unit.Name, i18n.M(e.Key, e.Args...))
			}
			ins = append(ins, par.SurveyInput{UnitID: a.Assessment.UnitID, ItemID: it.ID, Points: p})
		}
	}
	if err == nil {
		err = h.app.SetPARSurvey(r.Context(), me, id, ins)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderParSurvey(w, r, status, v, typed, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "parui.survey_saved"))
	http.Redirect(w, r, fmt.Sprintf("/par/sets/%d", id), http.StatusSeeOther)
}
