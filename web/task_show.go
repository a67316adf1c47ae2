package web

import (
	"context"
	"net/http"

	"cchc/accounts"
	"cchc/audit"
	"cchc/plans"
	"cchc/tasks"
)

// taskPage is everything the task page shows.
type taskPage struct {
	Task    *tasks.Task
	Plan    *plans.Plan
	Area    plans.Area
	State   tasks.State
	History []tasks.Entry
	Audit   []audit.Entry
	// Files are the evidence documents by progress entry.
	Files map[int64][]tasks.EvidenceFile
}

// loadTaskPage loads a task the principal may see, with its history and state today.
func (h *handler) loadTaskPage(ctx context.Context, me *accounts.Principal, id int64) (*taskPage, error) {
	t, err := tasks.Get(ctx, h.db, id)
	if err != nil {
		return nil, err
	}
	p, err := plans.Get(ctx, h.db, t.PlanID)
	if err != nil {
		return nil, err
	}
	if err := me.CanSeeTask(p, t); err != nil {
		return nil, err
	}
	areas, err := plans.Areas(ctx, h.db, t.PlanID)
	if err != nil {
		return nil, err
	}
	hist, err := tasks.History(ctx, h.db, id)
	if err != nil {
		return nil, err
	}
	trail, err := audit.List(ctx, h.db, audit.Filter{TaskID: id, Limit: 50})
	if err != nil {
		return nil, err
	}
	files, err := tasks.EvidenceFiles(ctx, h.db, id)
	if err != nil {
		return nil, err
	}
	tp := &taskPage{Task: t, Plan: p, History: hist, Audit: trail, Files: map[int64][]tasks.EvidenceFile{}}
	for _, f := range files {
		tp.Files[f.EntryID] = append(tp.Files[f.EntryID], f)
	}
	for _, a := range areas {
		if a.ID == t.AreaID {
			tp.Area = a
		}
	}
	tp.State = tasks.Evaluate(t.Schedule(), tasks.Events(hist), h.today())
	return tp, nil
}

func (h *handler) taskShow(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "taskID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	tp, err := h.loadTaskPage(r.Context(), principal(r), id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.renderTask(w, r, http.StatusOK, tp, progressForm{Percent: tp.State.Percent}, "", "")
}

func (h *handler) renderTask(w http.ResponseWriter, r *http.Request, status int, tp *taskPage, f progressForm, formErr, flash string) {
	h.render(w, r, status, "task_show", map[string]any{
		"Task": tp.Task, "Plan": tp.Plan, "Area": tp.Area, "State": tp.State, "History": tp.History, "Audit": tp.Audit, "Files": tp.Files,
		"CanPost": principal(r).CanPostProgress(tp.Plan, tp.Task) == nil, "Form": f,
		"CanVerify": principal(r).CanVerify(tp.Plan) == nil, "CanDecide": principal(r).CanIssuePlan(tp.Plan) == nil,
		"Extensions": tp.Task.Extensions, "PendingExtension": pendingExtension(tp.Task), "CanExtend": canExtend(tp.Task),
		"MaxExtensions": tasks.MaxExtensions, "FormError": formErr, "Flash": flash,
	})
}

func pendingExtension(t *tasks.Task) *tasks.Extension {
	for i := range t.Extensions {
		if t.Extensions[i].State == tasks.ExtensionPending {
			return &t.Extensions[i]
		}
	}
	return nil
}

// canExtend: a dated task with no pending request and fewer than two approved.
func canExtend(t *tasks.Task) bool {
	if t.DeadlineDate.IsZero() || pendingExtension(t) != nil {
		return false
	}
	n := 0
	for _, x := range t.Extensions {
		if x.State == tasks.ExtensionApproved {
			n++
		}
	}
	return n < tasks.MaxExtensions
}
