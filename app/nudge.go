package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
	"cchc/units"
)

// NextReminderRun is when the scheduled reminders next run (on a working
// day, holidays skipped): what the pages say to those waiting for the bell.
func (a *App) NextReminderRun(ctx context.Context) (time.Time, error) {
	return reminders.NextRun(ctx, a.db, a.schedule, a.now())
}

// NudgeChoice is a lead unit of a plan with tasks still open today: what
// the secretariat may remind at once.
type NudgeChoice struct {
	Unit    units.Unit
	Open    int // not completed, not continuous, no claim awaiting confirmation
	Overdue int
}

// NudgeChoices lists the lead units with open tasks today in an issued plan
// whose reminders the principal manages (ReminderPlan), in the order they
// first lead a task in the annex.
func (a *App) NudgeChoices(ctx context.Context, me *authz.Principal, planID int64) ([]NudgeChoice, error) {
	p, err := a.ReminderPlan(ctx, me, planID)
	if err != nil {
		return nil, err
	}
	if p.State != plans.StateIssued {
		return nil, nil
	}
	ts, states, err := a.planStates(ctx, p.ID, a.Today())
	if err != nil {
		return nil, err
	}
	var out []NudgeChoice
	index := map[int64]int{}
	for _, t := range ts {
		s := states.Of(t.ID)
		if !nudgeable(s) {
			continue
		}
		i, ok := index[t.LeadUnitID]
		if !ok {
			i = len(out)
			index[t.LeadUnitID] = i
			out = append(out, NudgeChoice{Unit: *t.LeadUnit})
		}
		out[i].Open++
		if s.Status == tasks.StatusOverdue {
			out[i].Overdue++
		}
	}
	return out, nil
}

// nudgeRef names one nudge: each is a new event (a second reminder the
// same minute is a second notice), whatever the clock says.
func nudgeRef() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read does not fail
	return "nudge:" + hex.EncodeToString(b)
}

// nudgeable: a task a reminder can help with today.
func nudgeable(s tasks.State) bool {
	return !s.Status.Completed() && s.Status != tasks.StatusContinuous && !s.Pending
}

// Nudgeable tells whether reminding the lead unit of a task in state s of
// plan p makes sense now: the plan is issued and the task still open (not
// completed, not continuous, no claim awaiting confirmation). The task page
// offers "send a reminder now" then.
func Nudgeable(p *plans.Plan, s tasks.State) bool {
	return p.State == plans.StateIssued && nudgeable(s)
}

// NudgeUnit sends a unit, at once, a reminder of each of its open tasks in
// a plan (the same notice as Nudge, one per task, in one transaction): the
// secretariat does it from the plan's reminder page instead of waiting for
// the next run. It returns how many tasks were reminded.
func (a *App) NudgeUnit(ctx context.Context, me *authz.Principal, planID int64, unitCode, text string) (int, error) {
	p, err := a.ReminderPlan(ctx, me, planID)
	if err != nil {
		return 0, err
	}
	if p.State != plans.StateIssued {
		return 0, errs.Bad("unit", "app.nudge_plan_not_issued")
	}
	u, err := a.UnitByCode(ctx, unitCode, "unit")
	if err != nil {
		return 0, err
	}
	ts, states, err := a.planStates(ctx, p.ID, a.Today())
	if err != nil {
		return 0, err
	}
	at, ref := a.now(), nudgeRef()
	n := 0
	err = a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, t := range ts {
			if t.LeadUnitID != u.ID || !nudgeable(states.Of(t.ID)) {
				continue
			}
			n++
			if err := reminders.Notify(ctx, tx, reminders.Event{Kind: reminders.EventNudge, TaskID: t.ID,
				Ref: ref, Text: text, At: at}); err != nil {
				return err
			}
		}
		if n == 0 {
			return errs.Bad("unit", "app.nudge_nothing_open", u.Name)
		}
		return nil
	})
	return n, err
}
