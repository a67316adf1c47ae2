package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Remark is what an update said besides its progress: the reason a task is
// late, the difficulties met, the unit's proposals.
type Remark struct {
	EntryID      int64     `bun:"id"`
	TaskID       int64     `bun:"task_id"`
	UnitID       int64     `bun:"unit_id"`
	UnitName     string    `bun:"unit_name"`
	RecordedAt   time.Time `bun:"recorded_at"`
	Reason       string    `bun:"reason"`
	Difficulties string    `bun:"difficulties"`
	Proposals    string    `bun:"proposals"`
}

// Remarks returns the entries of a plan's tasks that say anything besides
// progress, recorded in [from, before), oldest first (a zero from: since
// the beginning).
func Remarks(ctx context.Context, db bun.IDB, planID int64, from, before time.Time) ([]Remark, error) {
	var rs []Remark
	q := db.NewSelect().TableExpr("progress_entries AS e").
		ColumnExpr("e.id, e.task_id, e.unit_id, u.name AS unit_name, e.recorded_at, e.reason, e.difficulties, e.proposals").
		Join("JOIN tasks AS t ON t.id = e.task_id").
		Join("JOIN units AS u ON u.id = e.unit_id").
		Where("t.plan_id = ?", planID).
		Where("e.recorded_at < ?", before).
		Where("(e.reason <> '' OR e.difficulties <> '' OR e.proposals <> '')").
		OrderExpr("e.recorded_at, e.id")
	if !from.IsZero() {
		q = q.Where("e.recorded_at >= ?", from)
	}
	if err := q.Scan(ctx, &rs); err != nil {
		return nil, fmt.Errorf("tasks: remarks of plan %d: %w", planID, err)
	}
	return rs, nil
}
