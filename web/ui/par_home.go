package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"cchc/annex"
	"cchc/app"
	"cchc/internal/i18n"
	"cchc/par"
	"cchc/units"
	"cchc/web/request"
)

// parHomeForm is the import and group forms as typed.
type parHomeForm struct {
	Group, Body, Code, Name string
	Year                    int
	Kinds                   []string
}

// parYear is the sets of one year on the PAR index page.
type parYear struct {
	Year int
	Sets []par.Set
	// Ranking: the principal may open the year's ranking.
	Ranking bool
}

// ParHome is the PAR index page: the principal's unit's assessments, the
// appraisal queue, every set by year, and — for the secretariat — the
// forms to define groups and import criteria.
func (h *Handler) ParHome(w http.ResponseWriter, r *http.Request) {
	h.renderParHome(w, r, http.StatusOK, parHomeForm{Year: h.app.Today().Year + 1}, "", nil)
}

func (h *Handler) renderParHome(w http.ResponseWriter, r *http.Request, status int, f parHomeForm, formErr string, rows annex.Errors) {
	ctx, me := r.Context(), request.Principal(r)
	mine, err := h.app.MyPARAssessments(ctx, me)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	queue, err := h.app.PARQueue(ctx, me)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	sets, err := h.app.PARSets(ctx, me, 0)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	groups, err := h.app.PARGroups(ctx, me)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var years []parYear
	for _, s := range sets {
		if len(years) == 0 || years[len(years)-1].Year != s.Year {
			years = append(years, parYear{Year: s.Year})
		}
		y := &years[len(years)-1]
		y.Sets = append(y.Sets, s)
		if s.Published() || (s.State != par.StateDraft && me.SeesPARProgress(s.Group.Body)) {
			y.Ranking = true
		}
	}
	var managed []par.Group
	for _, g := range groups {
		if me.CanManagePAR(g.Body) == nil {
			managed = append(managed, g)
		}
	}
	bodies, err := h.parBodies(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lang := i18n.FromRequest(r)
	var rowTexts []string
	for _, e := range rows {
		rowTexts = append(rowTexts, e.In(lang))
	}
	h.render(w, r, status, "par_home", map[string]any{"Mine": mine, "Queue": queue, "Years": years, "Groups": groups,
		"Managed": managed, "Bodies": bodies, "Kinds": kindChoices(f.Kinds), "Form": f, "FormError": formErr, "Rows": rowTexts, "Today": h.app.Today()})
}

// parBodies are the units the principal may define groups for.
func (h *Handler) parBodies(r *http.Request) ([]units.Unit, error) {
	me := request.Principal(r)
	us, err := h.app.VisibleUnits(r.Context(), me)
	if err != nil {
		return nil, err
	}
	var out []units.Unit
	for i := range us {
		u := &us[i]
		if (u.Kind == units.KindProvince || u.Kind == units.KindCity || u.Kind == units.KindDistrict || u.Kind == units.KindCommune && u.ParentID == 0) &&
			me.CanManagePAR(u) == nil {
			out = append(out, *u)
		}
	}
	return out, nil
}

// ParGroupCreate defines a group of units.
func (h *Handler) ParGroupCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, err)
		return
	}
	f := parHomeForm{Body: r.PostFormValue("body"), Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kinds: r.PostForm["kinds"],
		Year: h.app.Today().Year + 1}
	g, err := h.app.CreatePARGroup(r.Context(), request.Principal(r), f.Body, f.Code, f.Name, f.Kinds)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderParHome(w, r, status, f, msg, nil)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "parui.group_created", g.Name))
	http.Redirect(w, r, "/par", http.StatusSeeOther)
}

// ParImport imports a criteria workbook for a group's year: all or
// nothing; the faulty rows are listed on the page.
func (h *Handler) ParImport(w http.ResponseWriter, r *http.Request) {
	file, err := request.Workbook(w, r)
	f := parHomeForm{Group: r.FormValue("group")}
	if err == nil {
		f.Year, err = request.FormInt(r, "year", 0)
	}
	var res *app.PARImportResult
	if err == nil {
		res, err = h.app.ImportPARCriteria(r.Context(), request.Principal(r), f.Group, f.Year, file)
	}
	lang := i18n.FromRequest(r)
	var rows annex.Errors
	if errors.As(err, &rows) {
		h.renderParHome(w, r, http.StatusUnprocessableEntity, f, i18n.T(lang, "parui.import_refused", len(rows)), rows)
		return
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderParHome(w, r, status, f, msg, nil)
		return
	}
	criteria, leaves := res.Criteria.Counts()
	h.flash(r, i18n.T(lang, "parui.imported", criteria, leaves, res.Set.Total.String()))
	http.Redirect(w, r, fmt.Sprintf("/par/sets/%d", res.Set.ID), http.StatusSeeOther)
}

// kindChoice is a unit kind offered for a group, checked if typed.
type kindChoice struct {
	Kind    units.Kind
	Checked bool
}

func kindChoices(typed []string) []kindChoice {
	out := make([]kindChoice, 0, len(units.Kinds))
	for _, k := range units.Kinds {
		c := kindChoice{Kind: k}
		for _, x := range typed {
			c.Checked = c.Checked || strings.EqualFold(x, string(k))
		}
		out = append(out, c)
	}
	return out
}
