package ui

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cchc/app"
	"cchc/authz"
	"cchc/deadline"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
	"cchc/web/request"
)

// Areas: add, rename, move, remove (forms on the plan edit page).

func (h *Handler) AreaCreate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.PlanForEdit)
	if p == nil {
		return
	}
	id := p.ID
	a, err := h.app.CreateArea(r.Context(), request.Principal(r), id, r.PostFormValue("name"))
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, id, "editor.area_x_added", a.Label+". "+a.Name)
}

// areaChange loads the area of the request and applies change to it.
func (h *Handler) areaChange(w http.ResponseWriter, r *http.Request, change func(a *plans.Area, version int) error, done string) {
	id, err := request.ID(r, "areaID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	a, p, err := h.app.AreaForEdit(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	version, err := request.FormVersion(r)
	if err == nil {
		err = change(a, version)
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, p.ID, done)
}

func (h *Handler) AreaUpdate(w http.ResponseWriter, r *http.Request) {
	h.areaChange(w, r, func(a *plans.Area, version int) error {
		name := r.PostFormValue("name")
		_, err := h.app.UpdateArea(r.Context(), request.Principal(r), a.ID, app.AreaChange{Version: version, Name: &name})
		return err
	}, "editor.area_renamed")
}

func (h *Handler) AreaMove(w http.ResponseWriter, r *http.Request) {
	h.areaChange(w, r, func(a *plans.Area, version int) error {
		pos, err := request.FormInt(r, "position", a.Position)
		if err != nil {
			return err
		}
		_, err = h.app.UpdateArea(r.Context(), request.Principal(r), a.ID, app.AreaChange{Version: version, Position: &pos})
		return err
	}, "editor.area_moved")
}

func (h *Handler) AreaDelete(w http.ResponseWriter, r *http.Request) {
	h.areaChange(w, r, func(a *plans.Area, version int) error {
		return h.app.DeleteArea(r.Context(), request.Principal(r), a.ID, version)
	}, "editor.area_deleted")
}

// Tasks: new, edit, move, remove.

// taskForm is the task form as typed, re-shown on error.
type taskForm struct {
	AreaID                                   int64
	Number, Title, Description, Output, Lead string
	Deadline                                 string
	Coordinators                             []units.Unit
	Version                                  int
}

func formOfTask(t *tasks.Task) taskForm {
	return taskForm{AreaID: t.AreaID, Number: t.Number, Title: t.Title, Description: t.Description, Output: t.Output,
		Lead: t.LeadUnit.Code, Deadline: t.DeadlineText, Coordinators: t.Coordinators, Version: t.Version}
}

func (h *Handler) parseTaskForm(r *http.Request) (taskForm, []string) {
	area, _ := strconv.ParseInt(r.PostFormValue("area"), 10, 64)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	f := taskForm{AreaID: area, Number: r.PostFormValue("number"), Title: r.PostFormValue("title"), Description: r.PostFormValue("description"),
		Output: r.PostFormValue("output"), Lead: r.PostFormValue("lead_unit"), Deadline: r.PostFormValue("deadline"), Version: version}
	codes := r.PostForm["coordinators"]
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] {
			continue
		}
		seen[c] = true
		if u, err := units.ByCode(r.Context(), h.db, c); err == nil {
			f.Coordinators = append(f.Coordinators, *u)
		}
	}
	return f, codes
}

// deadlineView is what the form shows under the deadline field.
type deadlineView struct {
	Empty bool
	OK    bool
	Text  string
}

var kindEnds = map[deadline.Kind]string{
	deadline.KindDate: "deadline.due_x", deadline.KindMonth: "deadline.due_x_end_month",
	deadline.KindQuarter: "deadline.due_x_end_quarter", deadline.KindYear: "deadline.due_x_end_year",
}

// previewDeadline says what a deadline as written means for a plan of year.
func previewDeadline(lang i18n.Lang, text string, year int) deadlineView {
	if strings.TrimSpace(text) == "" {
		return deadlineView{Empty: true}
	}
	d, err := deadline.Parse(text, year)
	if err != nil {
		return deadlineView{Text: errs.Message(lang, err)}
	}
	switch d.Kind {
	case deadline.KindContinuous:
		return deadlineView{OK: true, Text: i18n.T(lang, "deadline.continuous_no_deadline_never")}
	case deadline.KindRecurring:
		if d.EveryMonths == 1 {
			return deadlineView{OK: true, Text: i18n.T(lang, "deadline.monthly_one_deadline_month_last")}
		}
		return deadlineView{OK: true, Text: i18n.T(lang, "deadline.quarterly_one_deadline_quarter")}
	}
	return deadlineView{OK: true, Text: i18n.T(lang, kindEnds[d.Kind], d.Date.VN())}
}

func (h *Handler) renderTaskForm(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, t *tasks.Task, f taskForm, formErr string) {
	ctx := r.Context()
	areas, err := plans.Areas(ctx, h.db, p.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	leads, err := units.Subtree(ctx, h.db, p.Unit)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	data := map[string]any{"Plan": p, "Areas": areas, "Leads": leads, "Form": f, "FormError": formErr,
		"Preview": previewDeadline(i18n.FromRequest(r), f.Deadline, p.Year), "Editable": p.Editable() == nil}
	if t != nil {
		data["Task"] = t
		removable := tasks.Removable(ctx, h.db, t)
		data["Removable"] = removable == nil
		if removable != nil {
			if _, msg, ok := userError(r, removable); ok {
				data["NotRemovable"] = msg
			}
		}
	}
	h.render(w, r, status, "task_form", data)
}

func (h *Handler) TaskNew(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.PlanForEdit)
	if p == nil {
		return
	}
	area, _ := strconv.ParseInt(r.URL.Query().Get("area"), 10, 64)
	h.renderTaskForm(w, r, http.StatusOK, p, nil, taskForm{AreaID: area}, "")
}

func (h *Handler) TaskCreate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.PlanForEdit)
	if p == nil {
		return
	}
	id := p.ID
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, errs.Bad("body", "error.bad_form"))
		return
	}
	f, codes := h.parseTaskForm(r)
	t, _, err := h.app.CreateTask(r.Context(), request.Principal(r), id, app.TaskInput{AreaID: f.AreaID, Number: f.Number, Title: f.Title,
		Description: f.Description, Output: f.Output, Deadline: f.Deadline, LeadUnit: strings.TrimSpace(f.Lead), Coordinators: codes})
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderTaskForm(w, r, status, p, nil, f, msg)
		return
	}
	lang := i18n.FromRequest(r)
	if r.PostFormValue("next") == "new" {
		h.flash(r, i18n.T(lang, "editor.task_x_added_enter_next_one", t.Number))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/tasks/new?area=%d", id, t.AreaID), http.StatusSeeOther)
		return
	}
	h.flash(r, i18n.T(lang, "editor.task_x_added", t.Number))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit#task-%d", id, t.ID), http.StatusSeeOther)
}

func (h *Handler) TaskEdit(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	t, p, err := h.app.TaskForEdit(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderTaskForm(w, r, http.StatusOK, p, t, formOfTask(t), "")
}

// taskChange loads the task of the request for an edit; on a refusal the
// form is shown again with the task as it now stands and f as typed.
func (h *Handler) taskChange(w http.ResponseWriter, r *http.Request, keepTyped bool, change func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error) (*tasks.Task, *plans.Plan, bool) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return nil, nil, false
	}
	t, p, err := h.app.TaskForEdit(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return nil, nil, false
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, errs.Bad("body", "error.bad_form"))
		return nil, nil, false
	}
	f, codes := h.parseTaskForm(r)
	if err := change(t, p, f, codes); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return nil, nil, false
		}
		fresh, ferr := tasks.Get(r.Context(), h.db, id)
		if ferr != nil {
			h.Error(w, r, ferr)
			return nil, nil, false
		}
		if !keepTyped {
			f = formOfTask(fresh)
		}
		f.Version = fresh.Version
		h.renderTaskForm(w, r, status, p, fresh, f, msg)
		return nil, nil, false
	}
	return t, p, true
}

func (h *Handler) TaskUpdate(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.taskChange(w, r, true, func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		_, err = h.app.UpdateTask(r.Context(), request.Principal(r), t.ID, app.TaskChange{Version: version, Number: &f.Number, Title: &f.Title,
			Description: &f.Description, Output: &f.Output, Deadline: &f.Deadline, LeadUnit: &f.Lead, Coordinators: &codes})
		return err
	})
	if ok {
		h.flash(r, i18n.T(i18n.FromRequest(r), "editor.task_x_saved", vn.OneLine(r.PostFormValue("number"))))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit#task-%d", p.ID, t.ID), http.StatusSeeOther)
	}
}

func (h *Handler) TaskMove(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.taskChange(w, r, false, func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		index, err := request.FormInt(r, "index", 0)
		if err != nil {
			return err
		}
		_, err = h.app.UpdateTask(r.Context(), request.Principal(r), t.ID, app.TaskChange{Version: version, AreaID: &f.AreaID, Position: &index})
		return err
	})
	if ok {
		h.flash(r, i18n.T(i18n.FromRequest(r), "editor.task_x_moved", t.Number))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit#task-%d", p.ID, t.ID), http.StatusSeeOther)
	}
}

func (h *Handler) TaskDelete(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.taskChange(w, r, false, func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error {
		version, err := request.FormVersion(r)
		if err != nil {
			return err
		}
		return h.app.DeleteTask(r.Context(), request.Principal(r), t.ID, version)
	})
	if ok {
		h.flash(r, i18n.T(i18n.FromRequest(r), "editor.task_x_deleted", t.Number))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", p.ID), http.StatusSeeOther)
	}
}

// The small htmx endpoints of the task form.

// deadlinePreview answers GET /deadline?year=Y&deadline=TEXT with what the
// deadline means, or the parse error.
func (h *Handler) DeadlinePreview(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 2000 || year > 2100 {
		year = h.app.Today().Year
	}
	h.render(w, r, http.StatusOK, "deadline_preview", map[string]any{"Preview": previewDeadline(i18n.FromRequest(r), r.URL.Query().Get("deadline"), year)})
}

// maxSearchResults is how many units a search lists.
const maxSearchResults = 15

// searchUnits finds, in the unit tree the principal sees (narrowed to the
// subtree of within, if given and visible), the units whose name or code
// holds every word of q, ignoring case and diacritics.
func (h *Handler) searchUnits(ctx context.Context, me *authz.Principal, q, within string) ([]units.Unit, error) {
	words := strings.Fields(vn.Fold(q))
	if len(words) == 0 {
		return nil, nil
	}
	all, err := h.app.VisibleUnits(ctx, me)
	if err != nil {
		return nil, err
	}
	var root *units.Unit
	if within != "" {
		for i := range all {
			if all[i].Code == within {
				root = &all[i]
			}
		}
	}
	var out []units.Unit
	for _, u := range all {
		if root != nil && !root.Contains(u) {
			continue
		}
		hay := vn.Fold(u.Name) + " " + vn.Fold(u.Code)
		match := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				match = false
				break
			}
		}
		if match {
			out = append(out, u)
			if len(out) == maxSearchResults {
				break
			}
		}
	}
	return out, nil
}

// unitSearch answers GET /units/search?q=…[&within=CODE] with the matching
// units, each a button adding it to the form's coordinating units.
func (h *Handler) UnitSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	us, err := h.searchUnits(r.Context(), request.Principal(r), q, r.URL.Query().Get("within"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "unit_search", map[string]any{"Units": us, "Query": strings.TrimSpace(q)})
}

// unitPick answers GET /units/pick?code=CODE with the chip of a selected
// coordinating unit.
func (h *Handler) UnitPick(w http.ResponseWriter, r *http.Request) {
	u, err := h.app.VisibleUnit(r.Context(), request.Principal(r), r.URL.Query().Get("code"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "unit_pick", map[string]any{"Unit": u})
}

// taskLinks shows the tasks linked to a task by a cascade: the parent task
// it carries out, and the tasks of unit plans that carry it out, each with
// its status today. Linked tasks of plans the user does not see are left
// out.
func (h *Handler) TaskLinks(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	t, parent, children, err := h.app.TaskLinks(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "task_links", map[string]any{"Task": t, "Parent": parent, "Children": children})
}
