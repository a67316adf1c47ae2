package tasks

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

const (
	ReviewConfirmed = "confirmed"
	ReviewReturned  = "returned"
)

// ErrNothingToReview means the task has no completion claim awaiting a decision.
var ErrNothingToReview = errs.New(errs.Conflict, "nothing_to_review", "tasks.nothing_to_review")

// PendingClaim returns the completion claim of a task that awaits the
// secretariat's decision: its latest entry, if that is an unreviewed completion.
func PendingClaim(ctx context.Context, db bun.IDB, taskID int64) (*Entry, error) {
	hist, err := History(ctx, db, taskID)
	if err != nil {
		return nil, err
	}
	// The latest entry of the latest occurrence touched.
	if len(hist) == 0 || !hist[0].Completed || hist[0].Review != "" {
		return nil, ErrNothingToReview
	}
	return &hist[0], nil
}

// Review is the secretariat's decision on a task's pending completion claim.
type Review struct {
	Confirm  bool
	Reason   string // required when returning
	AuthorID int64
	UnitID   int64 // the unit the returning entry is recorded for (the lead unit)
	At       time.Time
	Version  int // the task version the reviewer saw
}

// Decide confirms or returns the pending claim, in one transaction. A
// returned claim appends a non-completed entry ("Trả lại: …") at the percent
// the task had before the claim, so the history itself takes the completion
// back and the task is in progress (or overdue) again.
func Decide(ctx context.Context, db bun.IDB, taskID int64, rv Review) error {
	rv.Reason = vn.Clean(rv.Reason)
	if !rv.Confirm && rv.Reason == "" {
		return invalid("reason", "tasks.return_reason")
	}
	if rv.At.IsZero() {
		rv.At = time.Now()
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var t Task
		if err := tx.NewSelect().Model(&t).Where("id = ?", taskID).For("UPDATE").Scan(ctx); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errs.Missing("tasks: task %d", taskID)
			}
			return fmt.Errorf("tasks: lock %d: %w", taskID, err)
		}
		if rv.Version != 0 && rv.Version != t.Version {
			return ErrStale
		}
		claim, err := PendingClaim(ctx, tx, taskID)
		if err != nil {
			return err
		}
		decision := ReviewConfirmed
		if !rv.Confirm {
			decision = ReviewReturned
		}
		if _, err := tx.NewRaw(`INSERT INTO completion_reviews (entry_id, task_id, decision, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)`,
			claim.ID, taskID, decision, rv.Reason, nullID(rv.AuthorID), rv.At).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: record review: %w", err)
		}
		if !rv.Confirm {
			back := &Entry{TaskID: taskID, UnitID: rv.UnitID, AuthorID: rv.AuthorID, RecordedAt: rv.At, Occurrence: claim.Occurrence,
				Percent: percentBefore(ctx, tx, claim), Note: "Trả lại: " + rv.Reason}
			if back.UnitID == 0 {
				back.UnitID = t.LeadUnitID
			}
			if _, err := tx.NewInsert().Model(back).Exec(ctx); err != nil {
				return fmt.Errorf("tasks: return entry: %w", err)
			}
		}
		if _, err := tx.NewUpdate().Table("tasks").Set("version = version + 1").Set("updated_at = now()").Where("id = ?", taskID).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: bump version: %w", err)
		}
		if err := RefreshTimeline(ctx, tx, []int64{taskID}, civil.In(rv.At)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{Action: decision, Entity: "task", EntityID: taskID, PlanID: t.PlanID, TaskID: taskID,
			Before: map[string]any{"version": t.Version, "claim_entry_id": claim.ID},
			After:  map[string]any{"version": t.Version + 1, "decision": decision, "reason": rv.Reason}})
	})
}

// percentBefore is the percent of the latest non-completed entry before the
// claim (0 if none): where the task stands once the claim is taken back.
func percentBefore(ctx context.Context, db bun.IDB, claim *Entry) int {
	var pct int
	err := db.NewSelect().Table("progress_entries").Column("percent").
		Where("task_id = ? AND occurrence = ? AND NOT completed AND (recorded_at, id) < (?, ?)", claim.TaskID, claim.Occurrence, claim.RecordedAt, claim.ID).
		OrderExpr("recorded_at DESC, id DESC").Limit(1).Scan(ctx, &pct)
	if err != nil {
		return 0
	}
	return pct
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
