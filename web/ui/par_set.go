package ui

import (
	"fmt"
	"net/http"
	"strings"

	"cchc/app"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/par"
	"cchc/web/request"
	"cchc/web/response"
)

// parSetForm is the set page's forms as typed.
type parSetForm struct {
	SelfFrom, SelfTo string
	AnswerDays       int
	Bands            string
	Appraisers       string
	CloneYear        int
	Decision         string
}

func formOfSet(v *app.PARSetView) parSetForm {
	f := parSetForm{AnswerDays: v.Set.AnswerDays, Bands: par.BandsText(v.Set.Bands), CloneYear: v.Set.Year + 1, Decision: v.Set.DecisionNumber}
	if !v.Set.SelfFrom.IsZero() {
		f.SelfFrom = v.Set.SelfFrom.String()
	}
	if !v.Set.SelfTo.IsZero() {
		f.SelfTo = v.Set.SelfTo.String()
	}
	var emails []string
	for _, u := range v.Appraisers {
		emails = append(emails, u.Email)
	}
	f.Appraisers = strings.Join(emails, "\n")
	return f
}

// ParSetShow is a criteria set's page: its criteria, its state and window,
// its units' progress (for the secretariat, leaders and appraisers) and the
// actions the principal may take.
func (h *Handler) ParSetShow(w http.ResponseWriter, r *http.Request) {
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
	h.renderParSet(w, r, http.StatusOK, v, formOfSet(v), "")
}

func (h *Handler) renderParSet(w http.ResponseWriter, r *http.Request, status int, v *app.PARSetView, f parSetForm, formErr string) {
	pending := 0
	for _, a := range v.Assessments {
		if a.Assessment.State != par.AssessmentFinal {
			pending++
		}
	}
	lang := i18n.FromRequest(r)
	var rows []parItemRow
	var walk func(items []*par.Item)
	walk = func(items []*par.Item) {
		for _, it := range items {
			row := parItemRow{Item: it}
			if it.Leaf() {
				row.Rule, row.Steps = ruleText(lang, it.Rule()), stepsText(it.Rule())
			}
			rows = append(rows, row)
			walk(it.Children)
		}
	}
	walk(v.Tree.Areas)
	h.render(w, r, status, "par_set", map[string]any{"V": v, "Form": f, "FormError": formErr, "Pending": pending, "Rows": rows,
		"Editable": v.CanManage && v.Set.State == par.StateDraft,
		"Methods":  []par.Method{par.MethodSelf, par.MethodComputed, par.MethodSurvey}, "Sources": par.SourceList})
}

// parItemRow is an item of the criteria table.
type parItemRow struct {
	Item  *par.Item
	Rule  string // how its points are found, in the reader's language
	Steps string // its step table as the form reads it
}

// ruleText says how a component's points are found.
func ruleText(lang i18n.Lang, r par.Rule) string {
	s := i18n.T(lang, r.Method.Label())
	if r.Method != par.MethodComputed {
		return s
	}
	s += " — " + i18n.T(lang, r.Source.Label())
	if r.Ref != "" {
		s += " " + r.Ref
	}
	if st := stepsText(r); st != "" {
		s += " · " + st
	}
	return s
}

func stepsText(r par.Rule) string {
	var parts []string
	for _, st := range r.Steps {
		parts = append(parts, par.Points(st.From).String()+"%="+st.Points.String())
	}
	return strings.Join(parts, "; ")
}

// parSetAction runs an action of the set page, then shows the page again
// (with the error in the form) or goes back to it with a flash message.
func (h *Handler) parSetAction(w http.ResponseWriter, r *http.Request, done string, act func(id int64, f parSetForm) error) {
	id, err := request.ID(r, "setID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, errs.Bad("body", "error.bad_form"))
		return
	}
	f := parSetForm{SelfFrom: r.PostFormValue("self_from"), SelfTo: r.PostFormValue("self_to"), Bands: r.PostFormValue("bands"),
		Appraisers: r.PostFormValue("appraisers"), Decision: r.PostFormValue("decision_number")}
	f.AnswerDays, _ = request.FormInt(r, "answer_days", 0)
	f.CloneYear, _ = request.FormInt(r, "year", 0)
	if err := act(id, f); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		v, verr := h.app.PARSet(r.Context(), request.Principal(r), id)
		if verr != nil {
			h.Error(w, r, verr)
			return
		}
		h.renderParSet(w, r, status, v, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), done))
	http.Redirect(w, r, fmt.Sprintf("/par/sets/%d", id), http.StatusSeeOther)
}

// ParSetSettings sets the window, the answer days and the bands.
func (h *Handler) ParSetSettings(w http.ResponseWriter, r *http.Request) {
	h.parSetAction(w, r, "parui.settings_saved", func(id int64, f parSetForm) error {
		from, err := request.FormDate(r, "self_from")
		if err != nil {
			return err
		}
		to, err := request.FormDate(r, "self_to")
		if err != nil {
			return err
		}
		bands, err := par.ParseBands(f.Bands)
		if err != nil {
			return err
		}
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		_, err = h.app.ConfigurePARSet(r.Context(), request.Principal(r), id, version, par.Settings{SelfFrom: from, SelfTo: to, AnswerDays: f.AnswerDays, Bands: bands})
		return err
	})
}

// ParSetOpen opens the self-assessment.
func (h *Handler) ParSetOpen(w http.ResponseWriter, r *http.Request) {
	h.parSetAction(w, r, "parui.opened", func(id int64, _ parSetForm) error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		return h.app.OpenPARSet(r.Context(), request.Principal(r), id, version)
	})
}

// ParSetClose closes the self-assessment.
func (h *Handler) ParSetClose(w http.ResponseWriter, r *http.Request) {
	h.parSetAction(w, r, "parui.closed", func(id int64, _ parSetForm) error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		return h.app.ClosePARSelfAssessment(r.Context(), request.Principal(r), id, version)
	})
}

// ParSetAppraisers names the appraisal group (e-mails, one per line).
func (h *Handler) ParSetAppraisers(w http.ResponseWriter, r *http.Request) {
	h.parSetAction(w, r, "parui.appraisers_saved", func(id int64, f parSetForm) error {
		emails := strings.FieldsFunc(f.Appraisers, func(c rune) bool { return c == '\n' || c == ',' || c == ';' || c == ' ' || c == '\r' })
		return h.app.SetPARAppraisers(r.Context(), request.Principal(r), id, emails)
	})
}

// ParSetPublish publishes the results.
func (h *Handler) ParSetPublish(w http.ResponseWriter, r *http.Request) {
	h.parSetAction(w, r, "parui.published", func(id int64, f parSetForm) error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		return h.app.PublishPARSet(r.Context(), request.Principal(r), id, version, f.Decision)
	})
}

// ParSetClone copies the criteria into a new draft for another year.
func (h *Handler) ParSetClone(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "setID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	year, err := request.FormInt(r, "year", 0)
	var s *par.Set
	if err == nil {
		s, err = h.app.ClonePARSet(r.Context(), request.Principal(r), id, year)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		v, verr := h.app.PARSet(r.Context(), request.Principal(r), id)
		if verr != nil {
			h.Error(w, r, verr)
			return
		}
		f := formOfSet(v)
		f.CloneYear = year
		h.renderParSet(w, r, status, v, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "parui.cloned", s.Year))
	http.Redirect(w, r, fmt.Sprintf("/par/sets/%d", s.ID), http.StatusSeeOther)
}

// ParCriteriaExport downloads the criteria as the import's workbook.
func (h *Handler) ParCriteriaExport(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "setID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	name, body, err := h.app.ExportPARCriteria(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	response.Attachment(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
}

// ParItemUpdate edits an item of a draft set.
func (h *Handler) ParItemUpdate(w http.ResponseWriter, r *http.Request) {
	itemID, err := request.ID(r, "itemID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.parSetAction(w, r, "parui.item_saved", func(id int64, _ parSetForm) error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		e := par.ItemEdit{Title: r.PostFormValue("title"), Guidance: r.PostFormValue("guidance"), Evidence: r.PostFormValue("evidence") != ""}
		if s := r.PostFormValue("max"); s != "" {
			p, err := request.Points(s, "max", r.PostFormValue("number"))
			if err != nil {
				return err
			}
			e.Max = *p
		}
		e.Rule = par.Rule{Method: par.Method(r.PostFormValue("method")), Source: par.Source(r.PostFormValue("source")), Ref: strings.TrimSpace(r.PostFormValue("source_ref"))}
		if steps := strings.TrimSpace(r.PostFormValue("steps")); steps != "" && e.Rule.Method == par.MethodComputed {
			rule, msg := par.ParseRule("Tự động: hoàn thành kế hoạch; bậc: "+steps, e.Max)
			if msg != nil {
				return errs.Bad("steps", msg.Key, msg.Args...)
			}
			e.Rule.Steps = rule.Steps
		}
		return h.app.UpdatePARItem(r.Context(), request.Principal(r), id, itemID, version, e)
	})
}
