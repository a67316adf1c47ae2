package app

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/errs"
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
	posted, err := a.post(ctx, me, t, p, in)
	if err != nil {
		return nil, err
	}
	return posted.Entry, nil
}

// PostProgressOn is PostProgress on a task TaskForPosting loaded (and
// checked); it returns the task as it now stands and its state today.
func (a *App) PostProgressOn(ctx context.Context, me *authz.Principal, t *tasks.Task, p *plans.Plan, in ProgressInput) (*tasks.Task, tasks.State, error) {
	posted, err := a.post(ctx, me, t, p, in)
	if err != nil {
		return nil, tasks.State{}, err
	}
	now := *t
	now.Version = posted.Version
	today := a.Today()
	return &now, tasks.SpanAt(posted.Spans, today).At(today), nil
}

func (a *App) post(ctx context.Context, me *authz.Principal, t *tasks.Task, p *plans.Plan, in ProgressInput) (*tasks.Posted, error) {
	confirm := me.CanVerify(p) == nil
	pr := tasks.Progress{
		UnitID: me.PostingUnit(t), AuthorID: me.User.ID, Confirm: confirm,
		Percent: in.Percent, Note: in.Note, Completed: in.Completed, EvidenceNumber: in.EvidenceNumber,
		EvidenceDate: in.EvidenceDate, Version: in.Version, At: a.now(), Files: in.Files,
		Reason: in.Reason, Difficulties: in.Difficulties, Proposals: in.Proposals,
	}
	if !in.Completed || confirm || !p.RequireConfirmation {
		return tasks.Append(ctx, a.db, t.ID, pr)
	}
	var out *tasks.Posted
	err := a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if out, err = tasks.Append(ctx, tx, t.ID, pr); err != nil {
			return err
		}
		// A claim awaits the secretariat: tell it now, not at the next run.
		return reminders.NotifyClaim(ctx, tx, p.UnitID, t.ID, out.Entry.ID, me.Unit.Name, out.Entry.RecordedAt)
	})
	return out, err
}

// Nudge sends the lead unit of a task a reminder now, outside the scheduled
// runs: the plan's secretariat (or an admin) does it from the task page.
func (a *App) Nudge(ctx context.Context, me *authz.Principal, taskID int64, text string) error {
	t, p, err := a.taskFor(ctx, me, taskID, onPlan(me.CanVerify))
	if err != nil {
		return err
	}
	if p.State != plans.StateIssued {
		return errs.Bad("", "app.nudge_plan_not_issued")
	}
	at := a.now()
	return reminders.Notify(ctx, a.db, reminders.Event{Kind: reminders.EventNudge, TaskID: t.ID,
		Ref: nudgeRef(), Text: text, At: at})
}

// taskFor loads a task the principal sees and checks a right on it: a
// hidden plan or task is "not found" (whatever the right), a visible task
// they may not touch is forbidden.
func (a *App) taskFor(ctx context.Context, me *authz.Principal, id int64, can func(*plans.Plan, *tasks.Task) error) (*tasks.Task, *plans.Plan, error) {
	l, err := a.loadTask(ctx, me, id, can)
	if err != nil {
		return nil, nil, err
	}
	return l.Task, l.Plan, nil
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
