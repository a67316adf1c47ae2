package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"cchc/annex"
	"cchc/app"
	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/units"
	"cchc/web/request"
	"cchc/web/response"
)

// The JSON API of plan authoring (docs/API.md, "Plan authoring").

// planDetailJSON is a plan with what an editor needs.
type planDetailJSON struct {
	planJSON
	Version             int          `json:"version"`
	RequireConfirmation bool         `json:"require_confirmation"`
	CutoffScheme        plans.Scheme `json:"cutoff_scheme"`
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

// writeTask answers the task as it stands today.
func (h *Handler) writeTask(w http.ResponseWriter, r *http.Request, status int, id int64) {
	t, _, st, err := h.app.TaskState(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, status, taskDetailJSON{taskJSON: taskToJSON(t, st), Description: t.Description, ParentTaskID: t.ParentTaskID})
}

// answer writes v with status, or the error.
func (h *Handler) answer(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	response.JSON(w, status, v)
}

// editRequest reads the {param} id of an edit and checks the caller's
// right with allowed — before the body, so that a hidden or forbidden
// resource is 404 or 403, not 422 — then decodes the JSON body into req
// (when req is not nil) and, when version is given, requires it. It answers
// the error itself and returns false then.
func (h *Handler) editRequest(w http.ResponseWriter, r *http.Request, param string, allowed func(context.Context, *authz.Principal, int64) error,
	req any, version func() *int) (int64, bool) {
	id, err := request.ID(r, param)
	if err == nil {
		err = allowed(r.Context(), request.Principal(r), id)
	}
	if err == nil && req != nil {
		err = request.DecodeJSON(r, req)
	}
	if err == nil && version != nil && version() == nil {
		err = request.MissingVersion()
	}
	if err != nil {
		h.fail(w, r, err)
		return 0, false
	}
	return id, true
}

// deleteRequest is editRequest for a DELETE with ?version=N.
func (h *Handler) deleteRequest(w http.ResponseWriter, r *http.Request, param string, allowed func(context.Context, *authz.Principal, int64) error) (int64, int, bool) {
	id, ok := h.editRequest(w, r, param, allowed, nil, nil)
	if !ok {
		return 0, 0, false
	}
	version, err := request.QueryVersion(r)
	if err != nil {
		h.fail(w, r, err)
		return 0, 0, false
	}
	return id, version, true
}

// The rights editRequest checks.
func (h *Handler) planEditable(ctx context.Context, me *authz.Principal, id int64) error {
	_, err := h.app.PlanForEdit(ctx, me, id)
	return err
}

func (h *Handler) areaEditable(ctx context.Context, me *authz.Principal, id int64) error {
	_, _, err := h.app.AreaForEdit(ctx, me, id)
	return err
}

func (h *Handler) taskEditable(ctx context.Context, me *authz.Principal, id int64) error {
	_, _, err := h.app.TaskForEdit(ctx, me, id)
	return err
}

type planCreateRequest struct {
	Unit                string       `json:"unit"`
	Year                int          `json:"year"`
	Number              string       `json:"number"`
	Title               string       `json:"title"`
	IssuedOn            civil.Date   `json:"issued_on"`
	RequireConfirmation *bool        `json:"require_confirmation"`
	CutoffScheme        plans.Scheme `json:"cutoff_scheme"`
}

func (h *Handler) PlanCreate(w http.ResponseWriter, r *http.Request) {
	var req planCreateRequest
	if err := request.DecodeJSON(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.app.CreatePlan(r.Context(), request.Principal(r), app.NewPlanInput{Unit: req.Unit, Year: req.Year, Number: req.Number,
		Title: req.Title, IssuedOn: req.IssuedOn, RequireConfirmation: req.RequireConfirmation, CutoffScheme: req.CutoffScheme})
	h.answerPlan(w, r, http.StatusCreated, p, err)
}

// answerPlan writes a plan for an editor, or the error.
func (h *Handler) answerPlan(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, status, planDetail(p))
}

type planUpdateRequest struct {
	Version             *int          `json:"version"`
	Number              *string       `json:"number"`
	Title               *string       `json:"title"`
	IssuedOn            *civil.Date   `json:"issued_on"`
	RequireConfirmation *bool         `json:"require_confirmation"`
	CutoffScheme        *plans.Scheme `json:"cutoff_scheme"`
}

func (h *Handler) PlanUpdate(w http.ResponseWriter, r *http.Request) {
	var req planUpdateRequest
	id, ok := h.editRequest(w, r, "planID", h.planEditable, &req, func() *int { return req.Version })
	if !ok {
		return
	}
	p, err := h.app.UpdatePlan(r.Context(), request.Principal(r), id, plans.Edit{Version: *req.Version, Number: req.Number, Title: req.Title,
		IssuedOn: req.IssuedOn, RequireConfirmation: req.RequireConfirmation, CutoffScheme: req.CutoffScheme})
	h.answerPlan(w, r, http.StatusOK, p, err)
}

func (h *Handler) PlanDelete(w http.ResponseWriter, r *http.Request) {
	if id, version, ok := h.deleteRequest(w, r, "planID", h.planEditable); ok {
		h.answer(w, r, http.StatusNoContent, nil, h.app.DeletePlan(r.Context(), request.Principal(r), id, version))
	}
}

type transitionRequest struct {
	Version  *int       `json:"version"`
	IssuedOn civil.Date `json:"issued_on"`
}

// PlanTransition is POST /plans/{id}/issue, /close and /reopen.
func (h *Handler) PlanTransition(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := request.ID(r, "planID")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		me := request.Principal(r)
		_, err = h.app.PlanFor(r.Context(), id, func(p *plans.Plan) error { return me.CanTransition(p, action) })
		var req transitionRequest
		if err == nil {
			err = request.DecodeJSON(r, &req)
		}
		if err == nil && req.Version == nil {
			err = request.MissingVersion()
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p, err := h.app.TransitionPlan(r.Context(), request.Principal(r), id, action, *req.Version, req.IssuedOn)
		h.answerPlan(w, r, http.StatusOK, p, err)
	}
}

func (h *Handler) PlanClone(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, err = h.app.PlanFor(r.Context(), id, request.Principal(r).CanClone)
	var req struct {
		Year int `json:"year"`
	}
	if err == nil {
		err = request.DecodeOptionalJSON(r, &req)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.app.ClonePlan(r.Context(), request.Principal(r), id, req.Year)
	h.answerPlan(w, r, http.StatusCreated, c, err)
}

func (h *Handler) PlanCascade(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	var req struct {
		Unit string `json:"unit"`
	}
	if err == nil {
		err = request.DecodeJSON(r, &req)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.app.CascadePlan(r.Context(), request.Principal(r), id, req.Unit)
	h.answerPlan(w, r, http.StatusCreated, c, err)
}

func (h *Handler) PlanExport(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	var name string
	var b []byte
	if err == nil {
		name, b, err = h.app.ExportAnnex(r.Context(), request.Principal(r), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.Attachment(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

func (h *Handler) AreaCreate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	id, ok := h.editRequest(w, r, "planID", h.planEditable, &req, nil)
	if !ok {
		return
	}
	a, err := h.app.CreateArea(r.Context(), request.Principal(r), id, req.Name)
	h.answerArea(w, r, http.StatusCreated, a, err)
}

// answerArea writes an area for an editor, or the error.
func (h *Handler) answerArea(w http.ResponseWriter, r *http.Request, status int, a *plans.Area, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, status, areaToJSON(a))
}

type areaUpdateRequest struct {
	Version  *int    `json:"version"`
	Name     *string `json:"name"`
	Position *int    `json:"position"`
}

func (h *Handler) AreaUpdate(w http.ResponseWriter, r *http.Request) {
	var req areaUpdateRequest
	id, ok := h.editRequest(w, r, "areaID", h.areaEditable, &req, func() *int { return req.Version })
	if !ok {
		return
	}
	a, err := h.app.UpdateArea(r.Context(), request.Principal(r), id, app.AreaChange{Version: *req.Version, Name: req.Name, Position: req.Position})
	h.answerArea(w, r, http.StatusOK, a, err)
}

func (h *Handler) AreaDelete(w http.ResponseWriter, r *http.Request) {
	if id, version, ok := h.deleteRequest(w, r, "areaID", h.areaEditable); ok {
		h.answer(w, r, http.StatusNoContent, nil, h.app.DeleteArea(r.Context(), request.Principal(r), id, version))
	}
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

func (h *Handler) TaskCreate(w http.ResponseWriter, r *http.Request) {
	var req taskCreateRequest
	// The right is checked before the body is read (403 before 422), and
	// again by CreateTask.
	id, ok := h.editRequest(w, r, "planID", h.planEditable, &req, nil)
	if !ok {
		return
	}
	t, st, err := h.app.CreateTask(r.Context(), request.Principal(r), id, app.TaskInput{AreaID: req.AreaID, Number: req.Number, Title: req.Title,
		Description: req.Description, Output: req.Output, LeadUnit: strings.TrimSpace(req.LeadUnit), Deadline: req.Deadline, Coordinators: req.CoordinatingUnits})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusCreated, taskDetailJSON{taskJSON: taskToJSON(t, st), Description: t.Description, ParentTaskID: t.ParentTaskID})
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

func (h *Handler) TaskUpdate(w http.ResponseWriter, r *http.Request) {
	var req taskUpdateRequest
	id, ok := h.editRequest(w, r, "taskID", h.taskEditable, &req, func() *int { return req.Version })
	if !ok {
		return
	}
	_, err := h.app.UpdateTask(r.Context(), request.Principal(r), id, app.TaskChange{Version: *req.Version, Number: req.Number, Title: req.Title,
		Description: req.Description, Output: req.Output, Deadline: req.Deadline, LeadUnit: req.LeadUnit, Coordinators: req.CoordinatingUnits,
		AreaID: req.AreaID, Position: req.Position})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeTask(w, r, http.StatusOK, id)
}

func (h *Handler) TaskDelete(w http.ResponseWriter, r *http.Request) {
	if id, version, ok := h.deleteRequest(w, r, "taskID", h.taskEditable); ok {
		h.answer(w, r, http.StatusNoContent, nil, h.app.DeleteTask(r.Context(), request.Principal(r), id, version))
	}
}

// linkJSON is a task linked by a cascade.
type linkJSON struct {
	Plan planJSON `json:"plan"`
	Task taskJSON `json:"task"`
}

func (h *Handler) TaskLinks(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "taskID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, parent, children, err := h.app.TaskLinks(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
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
	response.JSON(w, http.StatusOK, out)
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

func (h *Handler) PlanImport(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	req, err := request.ReadAnnexUpload(w, r, func(code string, year int) (*units.Unit, error) {
		return h.app.ImportTarget(r.Context(), me, code, year)
	})
	var d *annex.Draft
	if err == nil {
		d, err = h.app.ReadAnnex(r.Context(), req.Unit, req.Form.Year, req.File)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	shift, _ := strconv.ParseBool(strings.TrimSpace(r.FormValue("shift_years")))
	dry, _ := strconv.ParseBool(strings.TrimSpace(r.FormValue("dry_run")))
	fileYear := d.FileYear()
	if shift && dry { // the preview shows the moved deadlines (ImportPlan moves them otherwise)
		d.ShiftYears(fileYear)
	}
	if len(d.Errors) > 0 {
		lang := i18n.FromAcceptLanguage(r)
		rows := make([]rowErrorJSON, 0, len(d.Errors))
		for _, e := range d.Errors {
			rows = append(rows, rowErrorJSON{Row: e.Row, Column: e.Column, Text: e.Text, Reason: e.ReasonIn(lang)})
		}
		response.JSON(w, http.StatusUnprocessableEntity, map[string]any{"error": i18n.T(lang, "import.annex_errors", len(rows)), "code": "invalid_input", "rows": rows})
		return
	}
	if dry {
		var fy any // null: the annex names no year
		if fileYear != 0 {
			fy = fileYear
		}
		response.JSON(w, http.StatusOK, map[string]any{"summary": d.Summary(), "file_year": fy, "title": d.Title, "number": d.Number, "issued_on": d.IssuedOn, "areas": draftToJSON(d)})
		return
	}
	id, err := h.app.ImportPlan(r.Context(), me, req.Unit, d, app.ImportInput{Year: req.Form.Year, Title: req.Form.Title, Number: req.Form.Number, ShiftYears: shift})
	var p *plans.Plan
	if err == nil {
		p, err = plans.Get(r.Context(), h.db, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusCreated, struct {
		planDetailJSON
		Summary string `json:"summary"`
	}{planDetail(p), d.Summary()})
}
