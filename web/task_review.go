package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
)

// taskAction loads the task and plan of a task action and checks the
// caller's right with can; it answers the error itself and returns nil then.
func (h *handler) taskAction(w http.ResponseWriter, r *http.Request, can func(*plans.Plan, *tasks.Task) error) (*tasks.Task, *plans.Plan) {
	id, err := idParam(r, "taskID")
	if err == nil {
		var t *tasks.Task
		if t, err = tasks.Get(r.Context(), h.db, id); err == nil {
			var p *plans.Plan
			if p, err = plans.Get(r.Context(), h.db, t.PlanID); err == nil {
				if err = principal(r).CanSeePlan(p); err == nil {
					if err = can(p, t); err == nil {
						return t, p
					}
				}
			}
		}
	}
	h.pageError(w, r, err)
	return nil, nil
}

// afterTaskAction re-renders the task page with the error, or goes back to it.
func (h *handler) afterTaskAction(w http.ResponseWriter, r *http.Request, t *tasks.Task, err error, done string) {
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		tp, lerr := h.loadTaskPage(r.Context(), principal(r), t.ID)
		if lerr != nil {
			h.pageError(w, r, lerr)
			return
		}
		h.renderTask(w, r, status, tp, progressForm{Percent: tp.State.Percent}, msg, "")
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), done))
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d", t.ID), http.StatusSeeOther)
}

// taskReview: the secretariat confirms or returns a completion claim.
func (h *handler) taskReview(w http.ResponseWriter, r *http.Request) {
	t, _ := h.taskAction(w, r, func(p *plans.Plan, _ *tasks.Task) error { return principal(r).CanVerify(p) })
	if t == nil {
		return
	}
	confirm := r.PostFormValue("decision") == "confirm"
	rv := tasks.Review{Confirm: confirm, Reason: r.PostFormValue("reason"),
		AuthorID: principal(r).User.ID, At: h.now(), Version: atoiOr(r.PostFormValue("version"), 0)}
	err := h.db.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := tasks.Decide(ctx, tx, t.ID, rv); err != nil || confirm {
			return err
		}
		return reminders.Notify(ctx, tx, reminders.Event{Kind: reminders.EventClaimReturned, TaskID: t.ID,
			Text: "Lý do: " + rv.Reason, At: rv.At})
	})
	done := "Đã xác nhận hoàn thành."
	if !confirm {
		done = "Đã trả lại để đơn vị bổ sung."
	}
	h.afterTaskAction(w, r, t, err, done)
}

// extensionRequest: a unit asks to move the deadline.
func (h *handler) extensionRequest(w http.ResponseWriter, r *http.Request) {
	t, _ := h.taskAction(w, r, principal(r).CanPostProgress)
	if t == nil {
		return
	}
	d, err := civil.Parse(strings.TrimSpace(r.PostFormValue("new_date")))
	if err != nil {
		err = &tasks.InvalidError{Field: "new_date", Message: "Cần chọn thời hạn mới."}
	} else {
		_, err = tasks.RequestExtension(r.Context(), h.db, t.ID, postingUnit(principal(r), t), principal(r).User.ID, d, r.PostFormValue("reason"), h.now())
	}
	h.afterTaskAction(w, r, t, err, "Đã gửi đề nghị gia hạn.")
}

// extensionDecide: a leader approves or refuses the pending request.
func (h *handler) extensionDecide(w http.ResponseWriter, r *http.Request) {
	t, _ := h.taskAction(w, r, func(p *plans.Plan, _ *tasks.Task) error { return principal(r).CanIssuePlan(p) })
	if t == nil {
		return
	}
	approve := r.PostFormValue("decision") == "approve"
	err := h.db.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		x, err := tasks.DecideExtension(ctx, tx, t.ID, principal(r).User.ID, approve, r.PostFormValue("note"), h.now())
		if err != nil {
			return err
		}
		ev := reminders.Event{Kind: reminders.EventExtensionRefused, TaskID: t.ID, UnitID: x.UnitID,
			Ref: fmt.Sprintf("extension:%d", x.ID), Text: "Lý do: " + x.DecisionNote, At: x.DecidedAt}
		if approve {
			ev.Kind, ev.Text = reminders.EventExtensionApproved, "Thời hạn mới: "+x.NewDate.VN()+". "+x.DecisionNote
		}
		return reminders.Notify(ctx, tx, ev)
	})
	done := "Đã đồng ý gia hạn."
	if !approve {
		done = "Đã không đồng ý gia hạn."
	}
	h.afterTaskAction(w, r, t, err, done)
}

func atoiOr(s string, def int) int {
	var n int
	if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil {
		return def
	}
	return n
}
