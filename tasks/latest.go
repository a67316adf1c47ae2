package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// LatestEntries returns, for each task of a plan that has any, its latest
// progress entry recorded before the instant (the same "latest" as
// History's order: recorded_at, then id). Reports pass the end of their
// cut-off day to show what was known then.
func LatestEntries(ctx context.Context, db bun.IDB, planID int64, before time.Time) (map[int64]Entry, error) {
	var es []Entry
	err := db.NewSelect().Model(&es).
		DistinctOn("entry.task_id").
		ColumnExpr("entry.*").
		Join("JOIN tasks AS t ON t.id = entry.task_id").
		Where("t.plan_id = ?", planID).
		Where("entry.recorded_at < ?", before).
		OrderExpr("entry.task_id, entry.recorded_at DESC, entry.id DESC").
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("tasks: latest entries of plan %d: %w", planID, err)
	}
	out := make(map[int64]Entry, len(es))
	for _, e := range es {
		out[e.TaskID] = e
	}
	return out, nil
}
