package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cchc/app"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/tasks"
	"cchc/web/request"
	"cchc/web/response"
)

// planForm is the plan form as typed, re-shown on error.
type planForm struct {
	Unit, Number, Title, IssuedOn string
	Year                          int
	RequireConfirmation           bool
	CutoffScheme                  plans.Scheme
	Version                       int
}

func formOfPlan(p *plans.Plan) planForm {
	f := planForm{Unit: p.Unit.Code, Number: p.Number, Title: p.Title, Year: p.Year, RequireConfirmation: p.RequireConfirmation, CutoffScheme: p.CutoffScheme, Version: p.Version}
	if !p.IssuedOn.IsZero() {
		f.IssuedOn = p.IssuedOn.VN()
	}
	return f
}

func parsePlanForm(r *http.Request) planForm {
	year, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	version, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
	return planForm{
		Unit: r.PostFormValue("unit"), Number: r.PostFormValue("number"), Title: r.PostFormValue("title"),
		IssuedOn: strings.TrimSpace(r.PostFormValue("issued_on")), Year: year,
		RequireConfirmation: r.PostFormValue("require_confirmation") != "", CutoffScheme: plans.Scheme(r.PostFormValue("cutoff_scheme")), Version: version,
	}
}

// cutoffSchemes are the choices of the plan form.
var cutoffSchemes = []struct {
	Value plans.Scheme
	Label string
}{
	{plans.SchemeDecree, "editor.decree_09_2019_data_cut_off_14th"},
	{plans.SchemeCalendar, "editor.calendar_quarters"},
}

func (h *Handler) PlanNew(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	f := planForm{Year: h.app.Today().Year + 1, RequireConfirmation: true, CutoffScheme: plans.SchemeDecree, Unit: me.Scope.Code}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil {
		f.Year = y
	}
	h.renderPlanNew(w, r, http.StatusOK, f, "")
}

func (h *Handler) renderPlanNew(w http.ResponseWriter, r *http.Request, status int, f planForm, formErr string) {
	us, err := h.app.CreatableUnits(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if len(us) == 0 {
		h.Error(w, r, errs.Deny("ui: no unit to create a plan for"))
		return
	}
	h.render(w, r, status, "plan_new", map[string]any{"Units": us, "Form": f, "FormError": formErr, "Schemes": cutoffSchemes})
}

func (h *Handler) PlanCreate(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	f := parsePlanForm(r)
	p, err := h.createPlan(r, me, f)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderPlanNew(w, r, status, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "editor.plan_created_now_add_areas_tasks"))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", p.ID), http.StatusSeeOther)
}

func (h *Handler) createPlan(r *http.Request, me *authz.Principal, f planForm) (*plans.Plan, error) {
	issued, err := request.FormDate(r, "issued_on")
	if err != nil {
		return nil, err
	}
	return h.app.CreatePlan(r.Context(), me, app.NewPlanInput{Unit: f.Unit, Year: f.Year, Number: f.Number, Title: f.Title, IssuedOn: issued,
		RequireConfirmation: &f.RequireConfirmation, CutoffScheme: f.CutoffScheme})
}

// editArea is an area of the edit page with its tasks.
type editArea struct {
	Area        plans.Area
	Tasks       []editTask
	First, Last bool
}

type editTask struct {
	Task      tasks.Task
	Removable bool
}

func (h *Handler) PlanEdit(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.PlanForEdit)
	if p == nil {
		return
	}
	h.renderPlanEdit(w, r, http.StatusOK, p, formOfPlan(p), "")
}

// renderPlanEdit shows the edit page; p is reloaded so that the page always
// shows the plan as it stands (after a stale edit, the user sees why).
func (h *Handler) renderPlanEdit(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, f planForm, formErr string) {
	ctx := r.Context()
	me := request.Principal(r)
	fresh, err := plans.Get(ctx, h.db, p.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p = fresh
	if formErr == "" {
		f = formOfPlan(p)
	} else {
		f.Version = p.Version
	}
	areas, err := plans.Areas(ctx, h.db, p.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ts, err := tasks.ForPlan(ctx, h.db, p.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	removable, err := tasks.RemovableInPlan(ctx, h.db, p)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	byArea := map[int64][]editTask{}
	for _, t := range ts {
		byArea[t.AreaID] = append(byArea[t.AreaID], editTask{Task: t, Removable: removable[t.ID]})
	}
	var eas []editArea
	for i, a := range areas {
		eas = append(eas, editArea{Area: a, Tasks: byArea[a.ID], First: i == 0, Last: i == len(areas)-1})
	}
	editable := p.Editable() == nil
	canIssue := me.CanIssuePlan(p) == nil
	h.render(w, r, status, "plan_edit", map[string]any{
		"Plan": p, "StateLabel": p.State.Label(), "Form": f, "FormError": formErr, "Schemes": cutoffSchemes,
		"Areas": eas, "TaskCount": len(ts), "Editable": editable,
		"CanIssue":   canIssue && p.State == plans.StateDraft,
		"CanClose":   canIssue && p.State == plans.StateIssued,
		"CanReopen":  me.CanTransition(p, "reopen") == nil && p.State == plans.StateClosed,
		"CanDelete":  p.State == plans.StateDraft,
		"CanClone":   me.CanClone(p) == nil,
		"CanCascade": p.State == plans.StateIssued,
		"NextYear":   p.Year + 1,
	})
}

// planEditFailed re-shows the edit page with the reason a change was
// refused, or the error page.
func (h *Handler) planEditFailed(w http.ResponseWriter, r *http.Request, p *plans.Plan, f planForm, err error) {
	status, msg, ok := userError(r, err)
	if !ok {
		h.Error(w, r, err)
		return
	}
	h.renderPlanEdit(w, r, status, p, f, msg)
}

func (h *Handler) planDone(w http.ResponseWriter, r *http.Request, planID int64, msg string, args ...any) {
	h.flash(r, i18n.T(i18n.FromRequest(r), msg, args...))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", planID), http.StatusSeeOther)
}

func (h *Handler) PlanUpdate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.PlanForEdit)
	if p == nil {
		return
	}
	id := p.ID
	f := parsePlanForm(r)
	err := func() error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		issued, err := request.FormDate(r, "issued_on")
		if err != nil {
			return err
		}
		_, err = h.app.UpdatePlan(r.Context(), request.Principal(r), id, plans.Edit{Version: version, Number: &f.Number, Title: &f.Title, IssuedOn: &issued,
			RequireConfirmation: &f.RequireConfirmation, CutoffScheme: &f.CutoffScheme})
		return err
	}()
	if err != nil {
		h.planEditFailed(w, r, p, f, err)
		return
	}
	h.planDone(w, r, id, "editor.plan_details_saved")
}

var stateDone = map[string]string{"issue": "editor.plan_issued", "close": "editor.plan_closed", "reopen": "editor.plan_reopened"}

func (h *Handler) PlanState(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	action := r.PostFormValue("action")
	p, err := h.app.PlanFor(r.Context(), id, func(p *plans.Plan) error { return me.CanTransition(p, action) })
	if err != nil {
		h.Error(w, r, err)
		return
	}
	version, err := request.FormVersion(r)
	if err == nil {
		_, err = h.app.TransitionPlan(r.Context(), me, id, action, version, h.app.Today())
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, id, stateDone[action])
}

func (h *Handler) PlanDelete(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.PlanForEdit)
	if p == nil {
		return
	}
	id := p.ID
	version, err := request.FormVersion(r)
	if err == nil {
		err = h.app.DeletePlan(r.Context(), request.Principal(r), id, version)
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "editor.draft_plan_x_deleted", p.Title))
	http.Redirect(w, r, "/plans", http.StatusSeeOther)
}

func (h *Handler) PlanClone(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	p, err := h.app.PlanFor(r.Context(), id, me.CanClone)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	year, err := request.FormInt(r, "year", p.Year+1)
	var c *plans.Plan
	if err == nil {
		c, err = h.app.ClonePlan(r.Context(), me, id, year)
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, c.ID, "editor.plan_copied_n_draft_review_tasks", c.Year)
}

func (h *Handler) CascadeShow(w http.ResponseWriter, r *http.Request) {
	h.renderCascade(w, r, http.StatusOK, "", "")
}

func (h *Handler) renderCascade(w http.ResponseWriter, r *http.Request, status int, unit, formErr string) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	p, err := h.app.PlanFor(r.Context(), id, me.CanSeePlan)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	choices, err := h.app.CascadeChoices(r.Context(), me, p)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "plan_cascade", map[string]any{"Plan": p, "Choices": choices, "Unit": unit, "FormError": formErr,
		"Issued": p.State == plans.StateIssued})
}

func (h *Handler) CascadeCreate(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	code := r.PostFormValue("unit")
	c, err := h.app.CascadePlan(r.Context(), me, id, code)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderCascade(w, r, status, code, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "editor.plan_x_created_from_tasks_leads", c.Unit.Name))
	if me.CanEditPlan(c) == nil {
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", c.ID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d", c.ID), http.StatusSeeOther)
}

func (h *Handler) PlanExport(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	var name string
	var b []byte
	if err == nil {
		name, b, err = h.app.ExportAnnex(r.Context(), request.Principal(r), id)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	response.Attachment(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}
