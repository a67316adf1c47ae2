package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"cchc/annex"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
)

// The JSON API of plan authoring (docs/API.md, "Plan authoring").

// planDetailJSON is a plan with what an editor needs.
type planDetailJSON struct {
	planJSON
	Version             int    `json:"version"`
	RequireConfirmation bool   `json:"require_confirmation"`
	CutoffScheme        string `json:"cutoff_scheme"`
}

func planDetail(p *plans.Plan) planDetailJSON {
	return planDetailJSON{planJSON: planToJSON(p), Version: p.Version, RequireConfirmation: p.RequireConfirmation, CutoffScheme: p.CutoffScheme}
}

type areaEditJSON struct {
	ID       int64  `json:"id"`
	PlanID   int64  `json:"plan_id"`
	Position int    `json:"position"`
	Label    string `json:"label"`
	Name     string `json:"name"`
	Version  int    `json:"version"`
}

func areaToJSON(a *plans.Area) areaEditJSON {
	return areaEditJSON{ID: a.ID, PlanID: a.PlanID, Position: a.Position, Label: a.Label, Name: a.Name, Version: a.Version}
}

// taskDetailJSON is TASK with the fields an editor also sets.
type taskDetailJSON struct {
	taskJSON
	Description  string `json:"description"`
	ParentTaskID int64  `json:"parent_task_id,omitempty"`
}

// taskOut is a task as it stands today, for an answer.
func (h *handler) taskOut(ctx context.Context, t *tasks.Task) (taskDetailJSON, error) {
	hist, err := tasks.History(ctx, h.db, t.ID)
	if err != nil {
		return taskDetailJSON{}, err
	}
	st := tasks.Evaluate(t.Schedule(), tasks.Events(hist), h.today())
	return taskDetailJSON{taskJSON: taskToJSON(t, st), Description: t.Description, ParentTaskID: t.ParentTaskID}, nil
}

func (h *handler) writeTask(w http.ResponseWriter, r *http.Request, status int, id int64) {
	t, err := tasks.Get(r.Context(), h.db, id)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	out, err := h.taskOut(r.Context(), t)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, status, out)
}

func missingVersion() error {
	return &tasks.InvalidError{Field: "version", Message: "thiếu trường version (phiên bản đã đọc)"}
}

// queryVersion reads ?version=N of a DELETE.
func queryVersion(r *http.Request) (int, error) {
	v, err := strconv.Atoi(r.URL.Query().Get("version"))
	if err != nil {
		return 0, &tasks.InvalidError{Field: "version", Message: "thiếu tham số version (phiên bản đã đọc), ví dụ ?version=3"}
	}
	return v, nil
}

// decodeOptional decodes a JSON body if there is one.
func decodeOptional(r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return decodeJSON(r, v)
}

type planCreateRequest struct {
	Unit                string     `json:"unit"`
	Year                int        `json:"year"`
	Number              string     `json:"number"`
	Title               string     `json:"title"`
	IssuedOn            civil.Date `json:"issued_on"`
	RequireConfirmation *bool      `json:"require_confirmation"`
	CutoffScheme        string     `json:"cutoff_scheme"`
}

func (h *handler) apiPlanCreate(w http.ResponseWriter, r *http.Request) {
	var req planCreateRequest
	if err := decodeJSON(r, &req); err != nil {
		h.apiError(w, r, err)
		return
	}
	u, err := h.unitByCode(r.Context(), req.Unit, "unit")
	if err == nil {
		err = principal(r).CanCreatePlanFor(u)
	}
	var p *plans.Plan
	if err == nil {
		p, err = plans.Add(r.Context(), h.db, plans.NewPlan{UnitID: u.ID, Year: req.Year, Number: req.Number, Title: req.Title, IssuedOn: req.IssuedOn,
			RequireConfirmation: req.RequireConfirmation, CutoffScheme: req.CutoffScheme})
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, planDetail(p))
}

type planUpdateRequest struct {
	Version             *int        `json:"version"`
	Number              *string     `json:"number"`
	Title               *string     `json:"title"`
	IssuedOn            *civil.Date `json:"issued_on"`
	RequireConfirmation *bool       `json:"require_confirmation"`
	CutoffScheme        *string     `json:"cutoff_scheme"`
}

func (h *handler) apiPlanUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err == nil {
		_, err = h.planForEdit(r.Context(), principal(r), id)
	}
	var req planUpdateRequest
	if err == nil {
		err = decodeJSON(r, &req)
	}
	if err == nil && req.Version == nil {
		err = missingVersion()
	}
	var p *plans.Plan
	if err == nil {
		p, err = plans.Update(r.Context(), h.db, id, plans.Edit{Version: *req.Version, Number: req.Number, Title: req.Title, IssuedOn: req.IssuedOn,
			RequireConfirmation: req.RequireConfirmation, CutoffScheme: req.CutoffScheme})
	}
	if err == nil {
		p, err = plans.Get(r.Context(), h.db, id)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, planDetail(p))
}

func (h *handler) apiPlanDelete(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err == nil {
		_, err = h.planForEdit(r.Context(), principal(r), id)
	}
	var version int
	if err == nil {
		version, err = queryVersion(r)
	}
	if err == nil {
		err = plans.Remove(r.Context(), h.db, id, version)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type transitionRequest struct {
	Version  *int       `json:"version"`
	IssuedOn civil.Date `json:"issued_on"`
}

func (h *handler) apiPlanTransition(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "planID")
		var p *plans.Plan
		if err == nil {
			p, err = plans.Get(r.Context(), h.db, id)
		}
		if err == nil {
			err = canTransition(principal(r), p, action)
		}
		var req transitionRequest
		if err == nil {
			err = decodeJSON(r, &req)
		}
		if err == nil && req.Version == nil {
			err = missingVersion()
		}
		if err == nil {
			on := req.IssuedOn
			if on.IsZero() {
				on = h.today()
			}
			_, err = h.transition(r.Context(), id, action, *req.Version, on)
		}
		if err == nil {
			p, err = plans.Get(r.Context(), h.db, id)
		}
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, planDetail(p))
	}
}

func (h *handler) apiPlanClone(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	var p *plans.Plan
	if err == nil {
		p, err = plans.Get(r.Context(), h.db, id)
	}
	if err == nil {
		err = cloneAllowed(principal(r), p)
	}
	var req struct {
		Year int `json:"year"`
	}
	if err == nil {
		err = decodeOptional(r, &req)
	}
	var c *plans.Plan
	if err == nil {
		c, err = plans.Clone(r.Context(), h.db, id, req.Year)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, planDetail(c))
}

func (h *handler) apiPlanCascade(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	var req struct {
		Unit string `json:"unit"`
	}
	if err == nil {
		err = decodeJSON(r, &req)
	}
	var c *plans.Plan
	if err == nil {
		c, err = h.cascade(r, principal(r), id, req.Unit)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, planDetail(c))
}

func (h *handler) apiPlanExport(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err == nil {
		err = h.exportAnnex(w, r, principal(r), id)
	}
	if err != nil {
		h.apiError(w, r, err)
	}
}

func (h *handler) apiAreaCreate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err == nil {
		_, err = h.planForEdit(r.Context(), principal(r), id)
	}
	var req struct {
		Name string `json:"name"`
	}
	if err == nil {
		err = decodeJSON(r, &req)
	}
	var a *plans.Area
	if err == nil {
		a, err = plans.CreateArea(r.Context(), h.db, id, req.Name)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, areaToJSON(a))
}

type areaUpdateRequest struct {
	Version  *int    `json:"version"`
	Name     *string `json:"name"`
	Position *int    `json:"position"`
}

func (h *handler) apiAreaUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "areaID")
	if err == nil {
		_, _, err = h.areaForEdit(r.Context(), principal(r), id)
	}
	var req areaUpdateRequest
	if err == nil {
		err = decodeJSON(r, &req)
	}
	switch {
	case err != nil:
	case req.Version == nil:
		err = missingVersion()
	case req.Name == nil && req.Position == nil:
		err = missingChange()
	}
	var a *plans.Area
	if err == nil {
		err = h.db.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
			version := *req.Version
			if req.Name != nil {
				x, err := plans.RenameArea(ctx, tx, id, version, *req.Name)
				if err != nil {
					return err
				}
				version = x.Version
			}
			if req.Position != nil {
				if _, err := plans.MoveArea(ctx, tx, id, version, *req.Position); err != nil {
					return err
				}
			}
			var err error
			a, err = plans.GetArea(ctx, tx, id)
			return err
		})
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, areaToJSON(a))
}

func missingChange() error {
	return &tasks.InvalidError{Field: "body", Message: "không có gì để thay đổi"}
}

func (h *handler) apiAreaDelete(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "areaID")
	if err == nil {
		_, _, err = h.areaForEdit(r.Context(), principal(r), id)
	}
	var version int
	if err == nil {
		version, err = queryVersion(r)
	}
	if err == nil {
		err = plans.RemoveArea(r.Context(), h.db, id, version)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type taskCreateRequest struct {
	AreaID            int64    `json:"area_id"`
	Number            string   `json:"number"`
	Title             string   `json:"title"`
	Description       string   `json:"description"`
	LeadUnit          string   `json:"lead_unit"`
	CoordinatingUnits []string `json:"coordinating_units"`
	Output            string   `json:"output"`
	Deadline          string   `json:"deadline"`
}

func (h *handler) apiTaskCreate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	var p *plans.Plan
	if err == nil {
		p, err = h.planForEdit(r.Context(), principal(r), id)
	}
	var req taskCreateRequest
	if err == nil {
		err = decodeJSON(r, &req)
	}
	var t *tasks.Task
	if err == nil {
		t, err = h.addTask(r.Context(), p, taskForm{AreaID: req.AreaID, Number: req.Number, Title: req.Title, Description: req.Description,
			Output: req.Output, Lead: req.LeadUnit, Deadline: req.Deadline}, req.CoordinatingUnits)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	h.writeTask(w, r, http.StatusCreated, t.ID)
}

type taskUpdateRequest struct {
	Version           *int      `json:"version"`
	Number            *string   `json:"number"`
	Title             *string   `json:"title"`
	Description       *string   `json:"description"`
	LeadUnit          *string   `json:"lead_unit"`
	CoordinatingUnits *[]string `json:"coordinating_units"`
	Output            *string   `json:"output"`
	Deadline          *string   `json:"deadline"`
	AreaID            *int64    `json:"area_id"`
	Position          *int      `json:"position"`
}

// fields reports whether the request changes a field (not only the place).
func (q taskUpdateRequest) fields() bool {
	return q.Number != nil || q.Title != nil || q.Description != nil || q.LeadUnit != nil || q.CoordinatingUnits != nil || q.Output != nil || q.Deadline != nil
}

func (h *handler) apiTaskUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	var t *tasks.Task
	if err == nil {
		t, _, err = h.taskForEdit(r.Context(), principal(r), id)
	}
	var req taskUpdateRequest
	if err == nil {
		err = decodeJSON(r, &req)
	}
	switch {
	case err != nil:
	case req.Version == nil:
		err = missingVersion()
	case !req.fields() && req.AreaID == nil && req.Position == nil:
		err = missingChange()
	}
	if err == nil {
		err = h.db.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
			version := *req.Version
			if req.fields() {
				e := tasks.Edit{Version: version, Notify: h.onReassign, Number: req.Number, Title: req.Title, Description: req.Description, Output: req.Output, Deadline: req.Deadline}
				if req.LeadUnit != nil {
					u, err := h.unitByCode(ctx, *req.LeadUnit, "lead_unit")
					if err != nil {
						return err
					}
					e.LeadUnitID = &u.ID
				}
				if req.CoordinatingUnits != nil {
					ids, err := h.unitIDs(ctx, *req.CoordinatingUnits, "coordinating_units")
					if err != nil {
						return err
					}
					e.Coordinators = &ids
				}
				x, err := tasks.Update(ctx, tx, id, e)
				if err != nil {
					return err
				}
				version = x.Version
			}
			if req.AreaID != nil || req.Position != nil {
				area, index := t.AreaID, 0
				if req.AreaID != nil {
					area = *req.AreaID
				}
				if req.Position != nil {
					index = *req.Position
				}
				if _, err := tasks.Move(ctx, tx, id, version, area, index); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	h.writeTask(w, r, http.StatusOK, id)
}

func (h *handler) apiTaskDelete(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err == nil {
		_, _, err = h.taskForEdit(r.Context(), principal(r), id)
	}
	var version int
	if err == nil {
		version, err = queryVersion(r)
	}
	if err == nil {
		err = tasks.Remove(r.Context(), h.db, id, version)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// linkJSON is a task linked by a cascade.
type linkJSON struct {
	Plan planJSON `json:"plan"`
	Task taskJSON `json:"task"`
}

func (h *handler) apiTaskLinks(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	parent, children, _, err := h.loadLinks(r, id)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	out := struct {
		Parent   *linkJSON  `json:"parent"`
		Children []linkJSON `json:"children"`
	}{Children: []linkJSON{}}
	if parent != nil {
		out.Parent = &linkJSON{Plan: planToJSON(parent.Plan), Task: taskToJSON(parent.Task, parent.State)}
	}
	for _, c := range children {
		out.Children = append(out.Children, linkJSON{Plan: planToJSON(c.Plan), Task: taskToJSON(c.Task, c.State)})
	}
	writeJSON(w, http.StatusOK, out)
}

// Import: POST /plans/import, multipart (unit, year, title, number, file,
// dry_run).

type draftTaskJSON struct {
	Row               int          `json:"row"`
	Number            string       `json:"number"`
	Title             string       `json:"title"`
	LeadUnit          unitRef      `json:"lead_unit"`
	CoordinatingUnits []unitRef    `json:"coordinating_units"`
	Notes             []string     `json:"notes"`
	Output            string       `json:"output"`
	Deadline          deadlineJSON `json:"deadline"`
}

type draftAreaJSON struct {
	Row   int             `json:"row"`
	Label string          `json:"label"`
	Name  string          `json:"name"`
	Tasks []draftTaskJSON `json:"tasks"`
}

type rowErrorJSON struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

func draftToJSON(d *annex.Draft) []draftAreaJSON {
	out := []draftAreaJSON{}
	for _, a := range d.Areas {
		aj := draftAreaJSON{Row: a.Row, Label: a.Label, Name: a.Name, Tasks: []draftTaskJSON{}}
		for _, t := range a.Tasks {
			tj := draftTaskJSON{Row: t.Row, Number: t.Number, Title: t.Title, LeadUnit: unitJSON(&t.Lead), CoordinatingUnits: []unitRef{},
				Notes: append([]string{}, t.Notes...), Output: t.Output,
				Deadline: deadlineJSON{Text: t.Deadline.Text, Kind: string(t.Deadline.Kind), Date: t.Deadline.Date}}
			for i := range t.Coordinators {
				tj.CoordinatingUnits = append(tj.CoordinatingUnits, unitJSON(&t.Coordinators[i]))
			}
			aj.Tasks = append(aj.Tasks, tj)
		}
		out = append(out, aj)
	}
	return out
}

func (h *handler) apiPlanImport(w http.ResponseWriter, r *http.Request) {
	req, err := h.parseImport(w, r, principal(r))
	var d *annex.Draft
	if err == nil {
		d, err = h.readDraft(r.Context(), req.Unit, req.Form.Year, req.File)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	if len(d.Errors) > 0 {
		status, code, _ := classify(&tasks.InvalidError{})
		rows := make([]rowErrorJSON, 0, len(d.Errors))
		for _, e := range d.Errors {
			rows = append(rows, rowErrorJSON{Row: e.Row, Column: e.Column, Text: e.Text, Reason: e.Reason})
		}
		writeJSON(w, status, map[string]any{"error": "Phụ lục có " + strconv.Itoa(len(rows)) + " lỗi; chưa ghi gì.", "code": code, "rows": rows})
		return
	}
	if dry, _ := strconv.ParseBool(strings.TrimSpace(r.FormValue("dry_run"))); dry {
		writeJSON(w, http.StatusOK, map[string]any{"summary": d.Summary(), "title": d.Title, "number": d.Number, "issued_on": d.IssuedOn, "areas": draftToJSON(d)})
		return
	}
	id, err := h.applyDraft(r.Context(), d, req.Unit.ID, req.Form, 0)
	var p *plans.Plan
	if err == nil {
		p, err = plans.Get(r.Context(), h.db, id)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, struct {
		planDetailJSON
		Summary string `json:"summary"`
	}{planDetail(p), d.Summary()})
}
