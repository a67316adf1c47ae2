package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

// MaxExtensions is how many extensions a task may be granted (docs/DOMAIN.md §5).
const MaxExtensions = 2

const (
	ExtensionPending  = "pending"
	ExtensionApproved = "approved"
	ExtensionRefused  = "refused"
)

// Extension is a request to move a task's deadline (gia hạn).
type Extension struct {
	bun.BaseModel `bun:"table:deadline_extensions"`

	ID           int64      `bun:"id,pk,autoincrement"`
	TaskID       int64      `bun:"task_id"`
	UnitID       int64      `bun:"unit_id"`
	RequestedBy  int64      `bun:"requested_by,nullzero"`
	RequestedAt  time.Time  `bun:"requested_at,nullzero,default:now()"`
	Reason       string     `bun:"reason"`
	OldDate      civil.Date `bun:"old_date,type:date"`
	NewDate      civil.Date `bun:"new_date,type:date"`
	State        string     `bun:"state"`
	DecidedBy    int64      `bun:"decided_by,nullzero"`
	DecidedAt    time.Time  `bun:"decided_at,nullzero"`
	DecisionNote string     `bun:"decision_note"`
}

// Extendable says why the task's deadline cannot be extended now, or nil:
// only a task with a definite deadline, with no request pending and fewer
// than MaxExtensions approved.
func (t *Task) Extendable() error {
	if t.DeadlineKind == deadline.KindContinuous || t.DeadlineKind == deadline.KindRecurring || t.DeadlineDate.IsZero() {
		return invalid("new_date", "tasks.extension_dated_only")
	}
	approved := 0
	for _, e := range t.Extensions {
		switch e.State {
		case ExtensionPending:
			return invalid("new_date", "tasks.extension_pending")
		case ExtensionApproved:
			approved++
		}
	}
	if approved >= MaxExtensions {
		return invalid("new_date", "tasks.extension_limit", MaxExtensions)
	}
	return nil
}

// PendingExtension is the request awaiting a decision, or nil.
func (t *Task) PendingExtension() *Extension {
	for i := range t.Extensions {
		if t.Extensions[i].State == ExtensionPending {
			return &t.Extensions[i]
		}
	}
	return nil
}

// RequestExtension records a unit's request to move the deadline to newDate.
func RequestExtension(ctx context.Context, db bun.IDB, taskID, unitID, authorID int64, newDate civil.Date, reason string, at time.Time) (*Extension, error) {
	reason = vn.Clean(reason)
	if at.IsZero() {
		at = time.Now()
	}
	var x *Extension
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t, err := Get(ctx, tx, taskID)
		if err != nil {
			return err
		}
		if err := t.Extendable(); err != nil {
			return err
		}
		current := t.Schedule().DueAt(1, civil.In(at))
		switch {
		case reason == "":
			return invalid("reason", "tasks.extension_reason")
		case newDate.IsZero() || !newDate.After(current):
			return invalid("new_date", "tasks.extension_date", current.VN())
		}
		x = &Extension{TaskID: taskID, UnitID: unitID, RequestedBy: authorID, RequestedAt: at, Reason: reason, OldDate: current, NewDate: newDate, State: ExtensionPending}
		if _, err := tx.NewInsert().Model(x).Returning("*").Exec(ctx); err != nil {
			if database.IsUniqueViolation(err) {
				return invalid("new_date", "tasks.extension_pending")
			}
			return fmt.Errorf("tasks: request extension: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "extension_request", Entity: "task", EntityID: taskID, PlanID: t.PlanID, TaskID: taskID,
			After: map[string]any{"extension_id": x.ID, "old_date": x.OldDate, "new_date": x.NewDate, "reason": reason}})
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// ErrNoPendingExtension means there is no request to decide.
var ErrNoPendingExtension = errs.New(errs.Conflict, "nothing_to_decide", "tasks.nothing_to_decide")

// DecideExtension approves or refuses the task's pending request (a leader's act).
func DecideExtension(ctx context.Context, db bun.IDB, taskID, leaderID int64, approve bool, note string, at time.Time) (*Extension, error) {
	if at.IsZero() {
		at = time.Now()
	}
	note = vn.Clean(note)
	if !approve && note == "" {
		return nil, invalid("note", "tasks.refusal_reason")
	}
	var x Extension
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(&x).Where("task_id = ? AND state = ?", taskID, ExtensionPending).For("UPDATE").Scan(ctx)
		if isNoRows(err) {
			return ErrNoPendingExtension
		}
		if err != nil {
			return fmt.Errorf("tasks: pending extension: %w", err)
		}
		state := ExtensionRefused
		if approve {
			state = ExtensionApproved
		}
		if _, err := tx.NewUpdate().Model(&x).Set("state = ?", state).Set("decided_by = ?", nullID(leaderID)).
			Set("decided_at = ?", at).Set("decision_note = ?", note).WherePK().Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("tasks: decide extension: %w", err)
		}
		if _, err := tx.NewUpdate().Table("tasks").Set("version = version + 1").Set("updated_at = now()").Where("id = ?", taskID).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: bump version: %w", err)
		}
		var planID int64
		if err := tx.NewSelect().Table("tasks").Column("plan_id").Where("id = ?", taskID).Scan(ctx, &planID); err != nil {
			return fmt.Errorf("tasks: plan of %d: %w", taskID, err)
		}
		if err := RefreshTimeline(ctx, tx, []int64{taskID}, civil.In(at)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{Action: "extension_" + state, Entity: "task", EntityID: taskID, PlanID: planID, TaskID: taskID,
			Before: map[string]any{"deadline": x.OldDate}, After: map[string]any{"extension_id": x.ID, "state": state, "new_date": x.NewDate, "note": note}})
	})
	if err != nil {
		return nil, err
	}
	return &x, nil
}
