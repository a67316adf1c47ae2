package app

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
)

// ProgressInput is a unit's update of a task, as a page or the API
// received it.
type ProgressInput struct {
	Percent        int
	Note           string
	Completed      bool
	EvidenceNumber string
	EvidenceDate   civil.Date
	// Version is the task version the author saw (tasks.ErrStale otherwise).
	Version int
	Files   []tasks.Upload
	// Remarks: why the task is late, difficulties, proposals (all optional).
	Reason, Difficulties, Proposals string
}

// PostProgress records an update of a task by the principal: on behalf of
// their unit (authz.PostingUnit), confirmed at once when the author is the
// plan's verifier. The page form and POST /api/v1/tasks/{id}/progress
// both call it.
func (a *App) PostProgress(ctx context.Context, me *authz.Principal, taskID int64, in ProgressInput) (*tasks.Entry, error) {
	t, p, err := a.taskFor(ctx, me, taskID, me.CanPostProgress)
	if err != nil {
		return nil, err
	}
	confirm := me.CanVerify(p) == nil
	var e *tasks.Entry
	err = a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		e, err = tasks.Post(ctx, tx, taskID, tasks.Progress{
			UnitID: me.PostingUnit(t), AuthorID: me.User.ID, Confirm: confirm,
			Percent: in.Percent, Note: in.Note, Completed: in.Completed, EvidenceNumber: in.EvidenceNumber,
			EvidenceDate: in.EvidenceDate, Version: in.Version, At: a.now(), Files: in.Files,
			Reason: in.Reason, Difficulties: in.Difficulties, Proposals: in.Proposals,
		})
		if err != nil || !in.Completed || confirm || !p.RequireConfirmation {
			return err
		}
		// A claim awaits the secretariat: tell it now, not at the next run.
		return reminders.NotifyClaim(ctx, tx, p.UnitID, taskID, e.ID, me.Unit.Name, e.RecordedAt)
	})
	return e, err
}

// Nudge sends the lead unit of a task a reminder now, outside the scheduled
// runs: the plan's secretariat (or an admin) does it from the task page.
func (a *App) Nudge(ctx context.Context, me *authz.Principal, taskID int64, text string) error {
	t, _, err := a.taskFor(ctx, me, taskID, onPlan(me.CanVerify))
	if err != nil {
		return err
	}
	at := a.now()
	return reminders.Notify(ctx, a.db, reminders.Event{Kind: reminders.EventNudge, TaskID: t.ID,
		Ref: fmt.Sprintf("nudge:%d", at.UnixNano()), Text: text, At: at})
}

// taskFor loads a task the principal sees and checks a right on it: a
// hidden plan or task is "not found" (whatever the right), a visible task
// they may not touch is forbidden.
func (a *App) taskFor(ctx context.Context, me *authz.Principal, id int64, can func(*plans.Plan, *tasks.Task) error) (*tasks.Task, *plans.Plan, error) {
	t, err := tasks.Get(ctx, a.db, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := plans.Get(ctx, a.db, t.PlanID)
	if err != nil {
		return nil, nil, err
	}
	if err := me.CanSeePlan(p); err != nil {
		return nil, nil, err
	}
	if err := me.CanSeeTask(p, t); err != nil {
		return nil, nil, err
	}
	if err := can(p, t); err != nil {
		return nil, nil, err
	}
	return t, p, nil
}

// onPlan adapts a plan-wide right to taskFor.
func onPlan(can func(*plans.Plan) error) func(*plans.Plan, *tasks.Task) error {
	return func(p *plans.Plan, _ *tasks.Task) error { return can(p) }
}

// ReviewClaim is the secretariat's decision on a task's pending completion
// claim: confirmed, or returned with a reason — the unit is told at once,
// in the same transaction.
func (a *App) ReviewClaim(ctx context.Context, me *authz.Principal, taskID int64, confirm bool, reason string, version int) error {
	return a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return a.reviewClaim(ctx, tx, me, taskID, confirm, reason, version)
	})
}

// RequestExtension records a unit's request to move a task's deadline.
func (a *App) RequestExtension(ctx context.Context, me *authz.Principal, taskID int64, newDate civil.Date, reason string) (*tasks.Extension, error) {
	t, _, err := a.taskFor(ctx, me, taskID, me.CanPostProgress)
	if err != nil {
		return nil, err
	}
	return tasks.RequestExtension(ctx, a.db, t.ID, me.PostingUnit(t), me.User.ID, newDate, reason, a.now())
}

// DecideExtension is a leader's approval or refusal of the pending request;
// the requesting unit is told in the same transaction.
func (a *App) DecideExtension(ctx context.Context, me *authz.Principal, taskID int64, approve bool, note string) (*tasks.Extension, error) {
	t, _, err := a.taskFor(ctx, me, taskID, onPlan(me.CanDecideExtension))
	if err != nil {
		return nil, err
	}
	var x *tasks.Extension
	err = a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if x, err = tasks.DecideExtension(ctx, tx, t.ID, me.User.ID, approve, note, a.now()); err != nil {
			return err
		}
		ev := reminders.Event{Kind: reminders.EventExtensionRefused, TaskID: t.ID, UnitID: x.UnitID,
			Ref: fmt.Sprintf("extension:%d", x.ID), Text: "Lý do: " + x.DecisionNote, At: x.DecidedAt}
		if approve {
			ev.Kind, ev.Text = reminders.EventExtensionApproved, "Thời hạn mới: "+x.NewDate.VN()+". "+x.DecisionNote
		}
		return reminders.Notify(ctx, tx, ev)
	})
	return x, err
}

// TaskForPosting loads a task the principal may post progress on: a task
// they cannot see is "not found" (as reading it), a visible task they may
// not touch is forbidden.
func (a *App) TaskForPosting(ctx context.Context, me *authz.Principal, id int64) (*tasks.Task, *plans.Plan, error) {
	return a.taskFor(ctx, me, id, me.CanPostProgress)
}
