package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"cchc/accounts"
	"cchc/annex"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// planForm is the plan form as typed, re-shown on error.
type planForm struct {
	Unit, Number, Title, IssuedOn string
	Year                          int
	RequireConfirmation           bool
	CutoffScheme                  string
	Version                       int
}

func formOfPlan(p *plans.Plan) planForm {
	f := planForm{Unit: p.Unit.Code, Number: p.Number, Title: p.Title, Year: p.Year, RequireConfirmation: p.RequireConfirmation, CutoffScheme: p.CutoffScheme, Version: p.Version}
	if !p.IssuedOn.IsZero() {
		f.IssuedOn = p.IssuedOn.String()
	}
	return f
}

func parsePlanForm(r *http.Request) planForm {
	year, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	version, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
	return planForm{
		Unit: r.PostFormValue("unit"), Number: r.PostFormValue("number"), Title: r.PostFormValue("title"),
		IssuedOn: strings.TrimSpace(r.PostFormValue("issued_on")), Year: year,
		RequireConfirmation: r.PostFormValue("require_confirmation") != "", CutoffScheme: r.PostFormValue("cutoff_scheme"), Version: version,
	}
}

// cutoffSchemes are the choices of the plan form.
var cutoffSchemes = []struct{ Value, Label string }{
	{plans.CutoffDecree, "Theo Nghị định 09/2019 (kỳ báo cáo chốt ngày 14)"},
	{plans.CutoffCalendar, "Theo quý dương lịch"},
}

func (h *handler) planNew(w http.ResponseWriter, r *http.Request) {
	me := principal(r)
	f := planForm{Year: h.today().Year + 1, RequireConfirmation: true, CutoffScheme: plans.CutoffDecree, Unit: me.Scope.Code}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil {
		f.Year = y
	}
	h.renderPlanNew(w, r, http.StatusOK, f, "")
}

func (h *handler) renderPlanNew(w http.ResponseWriter, r *http.Request, status int, f planForm, formErr string) {
	us, err := h.creatableUnits(r.Context(), principal(r))
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	if len(us) == 0 {
		h.pageError(w, r, fmt.Errorf("%w: no unit to create a plan for", accounts.ErrForbidden))
		return
	}
	h.render(w, r, status, "plan_new", map[string]any{"Units": us, "Form": f, "FormError": formErr, "Schemes": cutoffSchemes})
}

func (h *handler) planCreate(w http.ResponseWriter, r *http.Request) {
	me := principal(r)
	f := parsePlanForm(r)
	p, err := h.createPlan(r, me, f)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderPlanNew(w, r, status, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã tạo kế hoạch. Hãy thêm các nội dung và nhiệm vụ."))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", p.ID), http.StatusSeeOther)
}

func (h *handler) createPlan(r *http.Request, me *accounts.Principal, f planForm) (*plans.Plan, error) {
	u, err := h.unitByCode(r.Context(), f.Unit, "unit")
	if err != nil {
		return nil, err
	}
	if err := me.CanCreatePlanFor(u); err != nil {
		return nil, err
	}
	issued, err := formDate(r, "issued_on")
	if err != nil {
		return nil, err
	}
	if f.Year == 0 {
		return nil, &tasks.InvalidError{Field: "year", Message: "cần nhập năm của kế hoạch"}
	}
	return plans.Add(r.Context(), h.db, plans.NewPlan{UnitID: u.ID, Year: f.Year, Number: f.Number, Title: f.Title, IssuedOn: issued,
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

func (h *handler) planEdit(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.planForEdit)
	if p == nil {
		return
	}
	h.renderPlanEdit(w, r, http.StatusOK, p, formOfPlan(p), "")
}

// renderPlanEdit shows the edit page; p is reloaded so that the page always
// shows the plan as it stands (after a stale edit, the user sees why).
func (h *handler) renderPlanEdit(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, f planForm, formErr string) {
	ctx := r.Context()
	me := principal(r)
	fresh, err := plans.Get(ctx, h.db, p.ID)
	if err != nil {
		h.pageError(w, r, err)
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
		h.pageError(w, r, err)
		return
	}
	ts, err := tasks.ForPlan(ctx, h.db, p.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	kept, err := tasks.WithHistory(ctx, h.db, p.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	byArea := map[int64][]editTask{}
	for _, t := range ts {
		removable := p.State == plans.StateDraft || (p.State == plans.StateIssued && !kept[t.ID])
		byArea[t.AreaID] = append(byArea[t.AreaID], editTask{Task: t, Removable: removable})
	}
	var eas []editArea
	for i, a := range areas {
		eas = append(eas, editArea{Area: a, Tasks: byArea[a.ID], First: i == 0, Last: i == len(areas)-1})
	}
	editable := p.Editable() == nil
	canIssue := me.CanIssuePlan(p) == nil
	h.render(w, r, status, "plan_edit", map[string]any{
		"Plan": p, "StateLabel": stateLabels[p.State], "Form": f, "FormError": formErr, "Schemes": cutoffSchemes,
		"Areas": eas, "TaskCount": len(ts), "Editable": editable,
		"CanIssue":   canIssue && p.State == plans.StateDraft,
		"CanClose":   canIssue && p.State == plans.StateIssued,
		"CanReopen":  canTransition(me, p, "reopen") == nil && p.State == plans.StateClosed,
		"CanDelete":  p.State == plans.StateDraft,
		"CanClone":   me.CanCreatePlanFor(p.Unit) == nil,
		"CanCascade": p.State == plans.StateIssued,
		"NextYear":   p.Year + 1,
	})
}

// planEditFailed re-shows the edit page with the reason a change was
// refused, or the error page.
func (h *handler) planEditFailed(w http.ResponseWriter, r *http.Request, p *plans.Plan, f planForm, err error) {
	status, msg, ok := userError(r, err)
	if !ok {
		h.pageError(w, r, err)
		return
	}
	h.renderPlanEdit(w, r, status, p, f, msg)
}

func (h *handler) planDone(w http.ResponseWriter, r *http.Request, planID int64, msg string, args ...any) {
	h.flash(r, i18n.T(i18n.FromRequest(r), msg, args...))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", planID), http.StatusSeeOther)
}

func (h *handler) planUpdate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.planForEdit)
	if p == nil {
		return
	}
	id := p.ID
	f := parsePlanForm(r)
	err := func() error {
		version, err := formVersion(r)
		if err != nil {
			return err
		}
		issued, err := formDate(r, "issued_on")
		if err != nil {
			return err
		}
		_, err = plans.Update(r.Context(), h.db, id, plans.Edit{Version: version, Number: &f.Number, Title: &f.Title, IssuedOn: &issued,
			RequireConfirmation: &f.RequireConfirmation, CutoffScheme: &f.CutoffScheme})
		return err
	}()
	if err != nil {
		h.planEditFailed(w, r, p, f, err)
		return
	}
	h.planDone(w, r, id, "Đã lưu thông tin kế hoạch.")
}

var stateDone = map[string]string{"issue": "Đã ban hành kế hoạch.", "close": "Đã kết thúc kế hoạch.", "reopen": "Đã mở lại kế hoạch."}

func (h *handler) planState(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	me := principal(r)
	p, err := plans.Get(r.Context(), h.db, id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	action := r.PostFormValue("action")
	if err := canTransition(me, p, action); err != nil {
		h.pageError(w, r, err)
		return
	}
	version, err := formVersion(r)
	if err == nil {
		_, err = h.transition(r.Context(), id, action, version, h.today())
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, id, stateDone[action])
}

func (h *handler) planDelete(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.planForEdit)
	if p == nil {
		return
	}
	id := p.ID
	version, err := formVersion(r)
	if err == nil {
		err = plans.Remove(r.Context(), h.db, id, version)
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã xóa dự thảo kế hoạch %s.", p.Title))
	http.Redirect(w, r, "/plans", http.StatusSeeOther)
}

// cloneAllowed: a plan is cloned by whoever may create a plan for its unit.
func cloneAllowed(me *accounts.Principal, p *plans.Plan) error {
	if err := me.CanSeePlan(p); err != nil {
		return err
	}
	return me.CanCreatePlanFor(p.Unit)
}

func (h *handler) planClone(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	me := principal(r)
	p, err := plans.Get(r.Context(), h.db, id)
	if err == nil {
		err = cloneAllowed(me, p)
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	year, err := formInt(r, "year", p.Year+1)
	var c *plans.Plan
	if err == nil {
		c, err = plans.Clone(r.Context(), h.db, id, year)
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, c.ID, "Đã sao chép kế hoạch sang năm %d (dự thảo). Hãy rà soát các nhiệm vụ và thời hạn.", c.Year)
}

// cascadeChoice is a unit that may get its own plan from a parent plan.
type cascadeChoice struct {
	Unit  units.Unit
	Tasks int
}

// cascadeChoices are the units below the plan's issuer that lead some of
// its tasks, that the principal may create a plan for, and that have no
// plan that year yet.
func (h *handler) cascadeChoices(r *http.Request, me *accounts.Principal, p *plans.Plan) ([]cascadeChoice, error) {
	ts, err := tasks.ForPlan(r.Context(), h.db, p.ID)
	if err != nil {
		return nil, err
	}
	count := map[int64]int{}
	var order []units.Unit
	for _, t := range ts {
		if t.LeadUnit == nil || t.LeadUnitID == p.UnitID {
			continue
		}
		if count[t.LeadUnitID] == 0 {
			order = append(order, *t.LeadUnit)
		}
		count[t.LeadUnitID]++
	}
	units.SortTree(order)
	var out []cascadeChoice
	for i := range order {
		u := &order[i]
		if me.CanCreatePlanFor(u) != nil {
			continue
		}
		if _, err := plans.ByUnitYear(r.Context(), h.db, u.ID, p.Year); !errors.Is(err, plans.ErrNotFound) {
			if err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, cascadeChoice{Unit: *u, Tasks: count[u.ID]})
	}
	return out, nil
}

func (h *handler) cascadeShow(w http.ResponseWriter, r *http.Request) {
	h.renderCascade(w, r, http.StatusOK, "", "")
}

func (h *handler) renderCascade(w http.ResponseWriter, r *http.Request, status int, unit, formErr string) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	me := principal(r)
	p, err := plans.Get(r.Context(), h.db, id)
	if err == nil {
		err = me.CanSeePlan(p)
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	choices, err := h.cascadeChoices(r, me, p)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, status, "plan_cascade", map[string]any{"Plan": p, "Choices": choices, "Unit": unit, "FormError": formErr,
		"Issued": p.State == plans.StateIssued})
}

func (h *handler) cascadeCreate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	me := principal(r)
	code := r.PostFormValue("unit")
	c, err := h.cascade(r, me, id, code)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderCascade(w, r, status, code, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã tạo kế hoạch của %s từ các nhiệm vụ đơn vị chủ trì; mỗi nhiệm vụ gắn với nhiệm vụ của kế hoạch cấp trên.", c.Unit.Name))
	if me.CanEditPlan(c) == nil {
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", c.ID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d", c.ID), http.StatusSeeOther)
}

// cascade checks and creates a unit's plan from a parent plan.
func (h *handler) cascade(r *http.Request, me *accounts.Principal, parentID int64, code string) (*plans.Plan, error) {
	p, err := plans.Get(r.Context(), h.db, parentID)
	if err != nil {
		return nil, err
	}
	if err := me.CanSeePlan(p); err != nil {
		return nil, err
	}
	u, err := h.unitByCode(r.Context(), code, "unit")
	if err != nil {
		return nil, err
	}
	if err := me.CanCreatePlanFor(u); err != nil {
		return nil, err
	}
	return plans.Cascade(r.Context(), h.db, parentID, u.ID)
}

// exportAnnex writes a plan's annex, for a principal who sees the whole plan.
func (h *handler) exportAnnex(w http.ResponseWriter, r *http.Request, me *accounts.Principal, id int64) error {
	p, err := plans.Get(r.Context(), h.db, id)
	if err != nil {
		return err
	}
	if err := me.CanReport(p); err != nil {
		return err
	}
	areas, err := plans.Areas(r.Context(), h.db, id)
	if err != nil {
		return err
	}
	ts, err := tasks.ForPlan(r.Context(), h.db, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := annex.Write(&buf, p, areas, ts); err != nil {
		return err
	}
	name := fmt.Sprintf("phu-luc-ke-hoach-%d-%s.xlsx", p.Year, p.Unit.Code)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, name, url.PathEscape(name)))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Cache-Control", "no-store")
	if _, err := buf.WriteTo(w); err != nil {
		h.log.Warn("export: client went away", "plan_id", id, "err", err)
	}
	return nil
}

func (h *handler) planExport(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err == nil {
		err = h.exportAnnex(w, r, principal(r), id)
	}
	if err != nil {
		h.pageError(w, r, err)
	}
}
