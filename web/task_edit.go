package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cchc/accounts"
	"cchc/deadline"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// Areas: add, rename, move, remove (forms on the plan edit page).

func (h *handler) areaCreate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.planForEdit)
	if p == nil {
		return
	}
	id := p.ID
	a, err := plans.CreateArea(r.Context(), h.db, id, r.PostFormValue("name"))
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, id, "Đã thêm nội dung %s.", a.Label+". "+a.Name)
}

// areaChange loads the area of the request and applies change to it.
func (h *handler) areaChange(w http.ResponseWriter, r *http.Request, change func(a *plans.Area, version int) error, done string) {
	id, err := idParam(r, "areaID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	a, p, err := h.areaForEdit(r.Context(), principal(r), id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	version, err := formVersion(r)
	if err == nil {
		err = change(a, version)
	}
	if err != nil {
		h.planEditFailed(w, r, p, formOfPlan(p), err)
		return
	}
	h.planDone(w, r, p.ID, done)
}

func (h *handler) areaUpdate(w http.ResponseWriter, r *http.Request) {
	h.areaChange(w, r, func(a *plans.Area, version int) error {
		_, err := plans.RenameArea(r.Context(), h.db, a.ID, version, r.PostFormValue("name"))
		return err
	}, "Đã đổi tên nội dung.")
}

func (h *handler) areaMove(w http.ResponseWriter, r *http.Request) {
	h.areaChange(w, r, func(a *plans.Area, version int) error {
		pos, err := formInt(r, "position", a.Position)
		if err != nil {
			return err
		}
		_, err = plans.MoveArea(r.Context(), h.db, a.ID, version, pos)
		return err
	}, "Đã chuyển nội dung.")
}

func (h *handler) areaDelete(w http.ResponseWriter, r *http.Request) {
	h.areaChange(w, r, func(a *plans.Area, version int) error {
		return plans.RemoveArea(r.Context(), h.db, a.ID, version)
	}, "Đã xóa nội dung.")
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

func (h *handler) parseTaskForm(r *http.Request) (taskForm, []string) {
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
	deadline.KindDate: "Hạn: %s", deadline.KindMonth: "Hạn: %s (hết tháng)",
	deadline.KindQuarter: "Hạn: %s (hết quý)", deadline.KindYear: "Hạn: %s (hết năm)",
}

// previewDeadline says what a deadline as written means for a plan of year.
func previewDeadline(lang i18n.Lang, text string, year int) deadlineView {
	if strings.TrimSpace(text) == "" {
		return deadlineView{Empty: true}
	}
	d, err := deadline.Parse(text, year)
	if err != nil {
		return deadlineView{Text: capitalize(err.Error())}
	}
	switch d.Kind {
	case deadline.KindContinuous:
		return deadlineView{OK: true, Text: i18n.T(lang, "Thường xuyên: không có hạn, không bao giờ quá hạn")}
	case deadline.KindRecurring:
		if d.EveryMonths == 1 {
			return deadlineView{OK: true, Text: i18n.T(lang, "Định kỳ hằng tháng: mỗi tháng một hạn, ngày cuối tháng")}
		}
		return deadlineView{OK: true, Text: i18n.T(lang, "Định kỳ hằng quý: mỗi quý một hạn, ngày cuối quý")}
	}
	return deadlineView{OK: true, Text: i18n.T(lang, kindEnds[d.Kind], d.Date.VN())}
}

func (h *handler) renderTaskForm(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, t *tasks.Task, f taskForm, formErr string) {
	ctx := r.Context()
	areas, err := plans.Areas(ctx, h.db, p.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	leads, err := units.Subtree(ctx, h.db, p.Unit)
	if err != nil {
		h.pageError(w, r, err)
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

func (h *handler) taskNew(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.planForEdit)
	if p == nil {
		return
	}
	area, _ := strconv.ParseInt(r.URL.Query().Get("area"), 10, 64)
	h.renderTaskForm(w, r, http.StatusOK, p, nil, taskForm{AreaID: area}, "")
}

func (h *handler) taskCreate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.planForEdit)
	if p == nil {
		return
	}
	id := p.ID
	if err := r.ParseForm(); err != nil {
		h.pageError(w, r, &badRequest{msg: "Không đọc được biểu mẫu."})
		return
	}
	f, codes := h.parseTaskForm(r)
	t, err := h.addTask(r.Context(), p, f, codes)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderTaskForm(w, r, status, p, nil, f, msg)
		return
	}
	lang := i18n.FromRequest(r)
	if r.PostFormValue("next") == "new" {
		h.flash(r, i18n.T(lang, "Đã thêm nhiệm vụ %s. Nhập nhiệm vụ tiếp theo.", t.Number))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/tasks/new?area=%d", id, t.AreaID), http.StatusSeeOther)
		return
	}
	h.flash(r, i18n.T(lang, "Đã thêm nhiệm vụ %s.", t.Number))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit#task-%d", id, t.ID), http.StatusSeeOther)
}

func (h *handler) addTask(ctx context.Context, p *plans.Plan, f taskForm, codes []string) (*tasks.Task, error) {
	var lead int64
	if strings.TrimSpace(f.Lead) != "" {
		u, err := h.unitByCode(ctx, f.Lead, "lead_unit")
		if err != nil {
			return nil, err
		}
		lead = u.ID
	}
	coords, err := h.unitIDs(ctx, codes, "coordinators")
	if err != nil {
		return nil, err
	}
	if f.AreaID == 0 {
		return nil, &tasks.InvalidError{Field: "area", Message: "cần chọn nội dung của nhiệm vụ"}
	}
	return tasks.Add(ctx, h.db, tasks.NewTask{PlanID: p.ID, AreaID: f.AreaID, Number: f.Number, Title: f.Title, Description: f.Description,
		LeadUnitID: lead, Coordinators: coords, Output: f.Output, Deadline: f.Deadline})
}

func (h *handler) taskEdit(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	t, p, err := h.taskForEdit(r.Context(), principal(r), id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.renderTaskForm(w, r, http.StatusOK, p, t, formOfTask(t), "")
}

// taskChange loads the task of the request for an edit; on a refusal the
// form is shown again with the task as it now stands and f as typed.
func (h *handler) taskChange(w http.ResponseWriter, r *http.Request, keepTyped bool, change func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error) (*tasks.Task, *plans.Plan, bool) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.pageError(w, r, err)
		return nil, nil, false
	}
	t, p, err := h.taskForEdit(r.Context(), principal(r), id)
	if err != nil {
		h.pageError(w, r, err)
		return nil, nil, false
	}
	if err := r.ParseForm(); err != nil {
		h.pageError(w, r, &badRequest{msg: "Không đọc được biểu mẫu."})
		return nil, nil, false
	}
	f, codes := h.parseTaskForm(r)
	if err := change(t, p, f, codes); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return nil, nil, false
		}
		fresh, ferr := tasks.Get(r.Context(), h.db, id)
		if ferr != nil {
			h.pageError(w, r, ferr)
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

func (h *handler) taskUpdate(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.taskChange(w, r, true, func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error {
		version, err := formVersion(r)
		if err != nil {
			return err
		}
		lead, err := h.unitByCode(r.Context(), f.Lead, "lead_unit")
		if err != nil {
			return err
		}
		coords, err := h.unitIDs(r.Context(), codes, "coordinators")
		if err != nil {
			return err
		}
		_, err = tasks.Update(r.Context(), h.db, t.ID, tasks.Edit{Version: version, Notify: h.onReassign, Number: &f.Number, Title: &f.Title, Description: &f.Description,
			Output: &f.Output, Deadline: &f.Deadline, LeadUnitID: &lead.ID, Coordinators: &coords})
		return err
	})
	if ok {
		h.flash(r, i18n.T(i18n.FromRequest(r), "Đã lưu nhiệm vụ %s.", vn.OneLine(r.PostFormValue("number"))))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit#task-%d", p.ID, t.ID), http.StatusSeeOther)
	}
}

func (h *handler) taskMove(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.taskChange(w, r, false, func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error {
		version, err := formVersion(r)
		if err != nil {
			return err
		}
		area := t.AreaID
		if f.AreaID != 0 {
			area = f.AreaID
		}
		index, err := formInt(r, "index", 0)
		if err != nil {
			return err
		}
		_, err = tasks.Move(r.Context(), h.db, t.ID, version, area, index)
		return err
	})
	if ok {
		h.flash(r, i18n.T(i18n.FromRequest(r), "Đã chuyển nhiệm vụ %s.", t.Number))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit#task-%d", p.ID, t.ID), http.StatusSeeOther)
	}
}

func (h *handler) taskDelete(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.taskChange(w, r, false, func(t *tasks.Task, p *plans.Plan, f taskForm, codes []string) error {
		version, err := formVersion(r)
		if err != nil {
			return err
		}
		return tasks.Remove(r.Context(), h.db, t.ID, version)
	})
	if ok {
		h.flash(r, i18n.T(i18n.FromRequest(r), "Đã xóa nhiệm vụ %s.", t.Number))
		http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", p.ID), http.StatusSeeOther)
	}
}

// The small htmx endpoints of the task form.

// deadlinePreview answers GET /deadline?year=Y&deadline=TEXT with what the
// deadline means, or the parse error.
func (h *handler) deadlinePreview(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 2000 || year > 2100 {
		year = h.today().Year
	}
	h.render(w, r, http.StatusOK, "deadline_preview", map[string]any{"Preview": previewDeadline(i18n.FromRequest(r), r.URL.Query().Get("deadline"), year)})
}

// maxSearchResults is how many units a search lists.
const maxSearchResults = 15

// searchUnits finds, in the unit tree the principal sees (narrowed to the
// subtree of within, if given and visible), the units whose name or code
// holds every word of q, ignoring case and diacritics.
func (h *handler) searchUnits(ctx context.Context, me *accounts.Principal, q, within string) ([]units.Unit, error) {
	words := strings.Fields(vn.Fold(q))
	if len(words) == 0 {
		return nil, nil
	}
	all, err := h.visibleUnits(ctx, me)
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
func (h *handler) unitSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	us, err := h.searchUnits(r.Context(), principal(r), q, r.URL.Query().Get("within"))
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "unit_search", map[string]any{"Units": us, "Query": strings.TrimSpace(q)})
}

// unitPick answers GET /units/pick?code=CODE with the chip of a selected
// coordinating unit.
func (h *handler) unitPick(w http.ResponseWriter, r *http.Request) {
	u, err := units.ByCode(r.Context(), h.db, r.URL.Query().Get("code"))
	if err == nil {
		if root := principal(r).UnitsRoot(); root != nil && !root.Contains(*u) {
			err = errNoRoute
		}
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "unit_pick", map[string]any{"Unit": u})
}

// taskLinks shows the tasks linked to a task by a cascade: the parent task
// it carries out, and the tasks of unit plans that carry it out, each with
// its status today. Linked tasks of plans the user does not see are left
// out.
func (h *handler) taskLinks(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	parent, children, t, err := h.loadLinks(r, id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "task_links", map[string]any{"Task": t, "Parent": parent, "Children": children})
}

func (h *handler) loadLinks(r *http.Request, id int64) (*plans.Linked, []plans.Linked, *tasks.Task, error) {
	me := principal(r)
	t, err := tasks.Get(r.Context(), h.db, id)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := plans.Get(r.Context(), h.db, t.PlanID)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := me.CanSeeTask(p, t); err != nil {
		return nil, nil, nil, err
	}
	parent, all, err := plans.Links(r.Context(), h.db, id, h.today())
	if err != nil {
		return nil, nil, nil, err
	}
	if parent != nil && me.CanSeeTask(parent.Plan, parent.Task) != nil {
		parent = nil
	}
	var children []plans.Linked
	for _, c := range all {
		if me.CanSeeTask(c.Plan, c.Task) == nil {
			children = append(children, c)
		}
	}
	return parent, children, t, nil
}
