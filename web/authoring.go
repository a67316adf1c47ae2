package web

// Plan authoring (issue 4): creating and editing plans, areas and tasks,
// import and export of the annex, clone and cascade. The routes are
// registered from routes() by authoringPages (inside the signed-in group),
// authoringAdmin (inside /admin) and authoringAPI (inside /api/v1).

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"cchc/accounts"
	"cchc/annex"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// authoringPages registers the authoring pages; call it inside the group
// that requires a session.
func (h *handler) authoringPages(r chi.Router) {
	r.Get("/plans/new", h.planNew)
	r.Post("/plans/new", h.planCreate)
	r.Get("/plans/import", h.importShow)
	r.Post("/plans/import", h.importPreview)
	r.Post("/plans/import/{uploadID}", h.importConfirm)
	r.Post("/plans/import/{uploadID}/cancel", h.importCancel)
	r.Get("/plans/{planID}/edit", h.planEdit)
	r.Post("/plans/{planID}/edit", h.planUpdate)
	r.Post("/plans/{planID}/state", h.planState)
	r.Post("/plans/{planID}/delete", h.planDelete)
	r.Post("/plans/{planID}/clone", h.planClone)
	r.Get("/plans/{planID}/cascade", h.cascadeShow)
	r.Post("/plans/{planID}/cascade", h.cascadeCreate)
	r.Get("/plans/{planID}/export.xlsx", h.planExport)
	r.Post("/plans/{planID}/areas", h.areaCreate)
	r.Post("/areas/{areaID}", h.areaUpdate)
	r.Post("/areas/{areaID}/move", h.areaMove)
	r.Post("/areas/{areaID}/delete", h.areaDelete)
	r.Get("/plans/{planID}/tasks/new", h.taskNew)
	r.Post("/plans/{planID}/tasks", h.taskCreate)
	r.Get("/tasks/{taskID}/edit", h.taskEdit)
	r.Post("/tasks/{taskID}/edit", h.taskUpdate)
	r.Post("/tasks/{taskID}/move", h.taskMove)
	r.Post("/tasks/{taskID}/delete", h.taskDelete)
	r.Get("/tasks/{taskID}/links", h.taskLinks)
	r.Get("/deadline", h.deadlinePreview)
	r.Get("/units/search", h.unitSearch)
	r.Get("/units/pick", h.unitPick)
}

// authoringAdmin registers the alias pages; call it inside the /admin route.
func (h *handler) authoringAdmin(r chi.Router) {
	r.Get("/aliases", h.adminAliases)
	r.Post("/aliases", h.adminAliasCreate)
	r.Post("/aliases/{aliasID}/delete", h.adminAliasDelete)
}

// authoringAPI registers the authoring endpoints; call it inside /api/v1.
func (h *handler) authoringAPI(r chi.Router) {
	r.Post("/plans", h.apiPlanCreate)
	r.Post("/plans/import", h.apiPlanImport)
	r.Patch("/plans/{planID}", h.apiPlanUpdate)
	r.Delete("/plans/{planID}", h.apiPlanDelete)
	r.Post("/plans/{planID}/issue", h.apiPlanTransition("issue"))
	r.Post("/plans/{planID}/close", h.apiPlanTransition("close"))
	r.Post("/plans/{planID}/reopen", h.apiPlanTransition("reopen"))
	r.Post("/plans/{planID}/clone", h.apiPlanClone)
	r.Post("/plans/{planID}/cascade", h.apiPlanCascade)
	r.Get("/plans/{planID}/export.xlsx", h.apiPlanExport)
	r.Post("/plans/{planID}/areas", h.apiAreaCreate)
	r.Patch("/areas/{areaID}", h.apiAreaUpdate)
	r.Delete("/areas/{areaID}", h.apiAreaDelete)
	r.Post("/plans/{planID}/tasks", h.apiTaskCreate)
	r.Patch("/tasks/{taskID}", h.apiTaskUpdate)
	r.Delete("/tasks/{taskID}", h.apiTaskDelete)
	r.Get("/tasks/{taskID}/links", h.apiTaskLinks)
}

// planForEdit loads a plan the principal may edit (hidden: 404, else 403).
// pagePlan is the plan of the route's {planID} as load gives it (which
// checks the caller's right); otherwise it answers the error page itself
// and returns nil.
func (h *handler) pagePlan(w http.ResponseWriter, r *http.Request, load func(context.Context, *accounts.Principal, int64) (*plans.Plan, error)) *plans.Plan {
	id, err := idParam(r, "planID")
	if err == nil {
		var p *plans.Plan
		if p, err = load(r.Context(), principal(r), id); err == nil {
			return p
		}
	}
	h.pageError(w, r, err)
	return nil
}

func (h *handler) planForEdit(ctx context.Context, me *accounts.Principal, id int64) (*plans.Plan, error) {
	p, err := plans.Get(ctx, h.db, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanEditPlan(p); err != nil {
		return nil, err
	}
	return p, nil
}

// taskForEdit loads a task and its plan, which the principal may edit.
func (h *handler) taskForEdit(ctx context.Context, me *accounts.Principal, id int64) (*tasks.Task, *plans.Plan, error) {
	t, err := tasks.Get(ctx, h.db, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := h.planForEdit(ctx, me, t.PlanID)
	if err != nil {
		return nil, nil, err
	}
	return t, p, nil
}

// areaForEdit loads an area and its plan, which the principal may edit.
func (h *handler) areaForEdit(ctx context.Context, me *accounts.Principal, id int64) (*plans.Area, *plans.Plan, error) {
	a, err := plans.GetArea(ctx, h.db, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := h.planForEdit(ctx, me, a.PlanID)
	if err != nil {
		return nil, nil, err
	}
	return a, p, nil
}

// canTransition checks who may move a plan to another state: a leader
// issues and closes, only an administrator reopens.
func canTransition(me *accounts.Principal, p *plans.Plan, action string) error {
	if err := me.CanIssuePlan(p); err != nil {
		return err
	}
	if action == "reopen" && !me.IsAdmin() {
		return fmt.Errorf("%w: only administrators reopen a closed plan", accounts.ErrForbidden)
	}
	return nil
}

// transition applies a state change by name.
func (h *handler) transition(ctx context.Context, id int64, action string, version int, on civil.Date) (*plans.Plan, error) {
	switch action {
	case "issue":
		return plans.Issue(ctx, h.db, id, version, on)
	case "close":
		return plans.Close(ctx, h.db, id, version)
	case "reopen":
		return plans.Reopen(ctx, h.db, id, version)
	}
	return nil, &badRequest{msg: "Thao tác không hợp lệ."}
}

// unitByCode resolves a unit code typed by the user; an unknown code is
// bad input, not a missing page.
func (h *handler) unitByCode(ctx context.Context, code, field string) (*units.Unit, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, &tasks.InvalidError{Field: field, Message: "cần chọn đơn vị"}
	}
	u, err := units.ByCode(ctx, h.db, code)
	if errors.Is(err, units.ErrNotFound) {
		return nil, &tasks.InvalidError{Field: field, Message: fmt.Sprintf("không có đơn vị mã “%s”", code)}
	}
	return u, err
}

// unitIDs resolves unit codes, in order.
func (h *handler) unitIDs(ctx context.Context, codes []string, field string) ([]int64, error) {
	ids := []int64{}
	for _, c := range codes {
		if strings.TrimSpace(c) == "" {
			continue
		}
		u, err := h.unitByCode(ctx, c, field)
		if err != nil {
			return nil, err
		}
		ids = append(ids, u.ID)
	}
	return ids, nil
}

// visibleUnits is the unit tree the principal sees.
func (h *handler) visibleUnits(ctx context.Context, me *accounts.Principal) ([]units.Unit, error) {
	if root := me.UnitsRoot(); root != nil {
		return units.Subtree(ctx, h.db, root)
	}
	return units.All(ctx, h.db)
}

// creatableUnits are the units the principal may create plans for.
func (h *handler) creatableUnits(ctx context.Context, me *accounts.Principal) ([]units.Unit, error) {
	all, err := h.visibleUnits(ctx, me)
	if err != nil {
		return nil, err
	}
	out := make([]units.Unit, 0, len(all))
	for i := range all {
		if me.CanCreatePlanFor(&all[i]) == nil {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// formInt reads an integer form field; empty is def.
func formInt(r *http.Request, name string, def int) (int, error) {
	s := strings.TrimSpace(r.FormValue(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &tasks.InvalidError{Field: name, Message: fmt.Sprintf("“%s” không phải là số", s)}
	}
	return n, nil
}

// formVersion reads the hidden version field every edit form carries.
func formVersion(r *http.Request) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(r.FormValue("version")))
	if err != nil {
		return 0, &badRequest{msg: "Thiếu phiên bản của dữ liệu; hãy tải lại trang."}
	}
	return v, nil
}

// formDate reads a YYYY-MM-DD form field; empty is the zero date.
func formDate(r *http.Request, name string) (civil.Date, error) {
	s := strings.TrimSpace(r.FormValue(name))
	if s == "" {
		return civil.Date{}, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return d, &tasks.InvalidError{Field: name, Message: fmt.Sprintf("ngày “%s” không hợp lệ", s)}
	}
	return d, nil
}

// annexError turns what annex.Read or Apply refuse into errors classify
// knows: a file it cannot read is bad input.
func annexError(err error) error {
	var fe *annex.FileError
	if errors.As(err, &fe) && !errors.Is(err, plans.ErrExists) {
		return &tasks.InvalidError{Field: "file", Message: fe.Reason}
	}
	if errors.Is(err, annex.ErrUploadNotFound) {
		return errNoRoute
	}
	return err
}
