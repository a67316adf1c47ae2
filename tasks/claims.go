package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Claim is a completion claim awaiting the secretariat's confirmation.
type Claim struct {
	TaskID     int64     `bun:"task_id"`
	PlanID     int64     `bun:"plan_id"`
	EntryID    int64     `bun:"entry_id"`
	RecordedAt time.Time `bun:"recorded_at"`
	AuthorName string    `bun:"author_name"`
	UnitName   string    `bun:"unit_name"`
}

// PendingClaims are the claims awaiting confirmation among the tasks of the
// plans (that require confirmation): each task whose latest entry is a
// completion no review has decided (as PendingClaim sees it), oldest first.
func PendingClaims(ctx context.Context, db bun.IDB, planIDs []int64) ([]Claim, error) {
	if len(planIDs) == 0 {
		return nil, nil
	}
	var out []Claim
	err := db.NewRaw(`SELECT l.task_id, l.plan_id, l.id AS entry_id, l.recorded_at,
	        coalesce(u.name, '') AS author_name, un.name AS unit_name
	    FROM (SELECT DISTINCT ON (pe.task_id) pe.*, t.plan_id
	          FROM progress_entries pe JOIN tasks t ON t.id = pe.task_id JOIN plans p ON p.id = t.plan_id
	          WHERE t.plan_id IN (?) AND p.require_confirmation
	          ORDER BY pe.task_id, pe.recorded_at DESC, pe.id DESC) l
	    JOIN units un ON un.id = l.unit_id
	    LEFT JOIN users u ON u.id = l.author_id
	    WHERE l.completed AND NOT EXISTS (SELECT 1 FROM completion_reviews r WHERE r.entry_id = l.id)
	    ORDER BY l.recorded_at, l.id`, bun.List(planIDs)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("tasks: pending claims: %w", err)
	}
	return out, nil
}

// Activity is what the work queue needs of a task's history: when it was
// last updated, and whether its latest entry is the secretariat's return of
// a claim.
type Activity struct {
	TaskID     int64     `bun:"task_id"`
	LastUpdate time.Time `bun:"last_update"`
	Returned   bool      `bun:"returned"`
}

// Activities of the tasks that have any entry, by task.
func Activities(ctx context.Context, db bun.IDB, taskIDs []int64) (map[int64]Activity, error) {
	out := map[int64]Activity{}
	if len(taskIDs) == 0 {
		return out, nil
	}
	var rows []Activity
	err := db.NewRaw(`SELECT l.task_id, l.recorded_at AS last_update,
	        EXISTS (SELECT 1 FROM completion_reviews r WHERE r.task_id = l.task_id AND r.decision = 'returned'
	                AND r.decided_at = l.recorded_at) AS returned
	    FROM (SELECT DISTINCT ON (task_id) task_id, recorded_at FROM progress_entries
	          WHERE task_id IN (?) ORDER BY task_id, recorded_at DESC, id DESC) l`, bun.List(taskIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("tasks: activities: %w", err)
	}
	for _, r := range rows {
		out[r.TaskID] = r
	}
	return out, nil
}

// PlansInvolving lists the plans (issued, of year or later) with a task that
// unit leads or coordinates.
func PlansInvolving(ctx context.Context, db bun.IDB, unitID int64, year int) ([]int64, error) {
	var ids []int64
	err := db.NewRaw(`SELECT DISTINCT t.plan_id FROM tasks t JOIN plans p ON p.id = t.plan_id
	    WHERE p.state = 'issued' AND p.year >= ? AND (t.lead_unit_id = ? OR EXISTS
	          (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.unit_id = ?))
	    ORDER BY t.plan_id`, year, unitID, unitID).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("tasks: plans involving unit %d: %w", unitID, err)
	}
	return ids, nil
}
