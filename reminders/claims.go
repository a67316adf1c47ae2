package reminders

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

const (
	// EventClaimSubmitted tells the secretariat that verifies a plan that a
	// unit reports one of its tasks completed.
	EventClaimSubmitted = "claim_submitted"
	// EventNudge is a reminder the secretariat sends at once, outside the
	// scheduled runs, about one task.
	EventNudge = "nudge"
)

// Verifiers are the users who confirm the completion claims of a plan
// issued by planUnit: the secretariat users of the nearest secretariat unit
// (Sở/Phòng Nội vụ) serving planUnit or a body above it.
func Verifiers(ctx context.Context, db bun.IDB, planUnit int64) ([]int64, error) {
	var rows []struct {
		ID    int64 `bun:"id"`
		Depth int   `bun:"depth"`
	}
	err := db.NewRaw(`SELECT u.id, length(p.path) AS depth
	    FROM users u
	    JOIN units s ON s.id = u.unit_id AND s.is_secretariat
	    JOIN units p ON p.id = s.parent_id
	    WHERE u.active AND u.role = 'secretariat'
	      AND (SELECT path FROM units WHERE id = ?) LIKE p.path || '%'
	    ORDER BY depth DESC, u.id`, planUnit).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("reminders: verifiers of unit %d: %w", planUnit, err)
	}
	var out []int64
	for _, r := range rows {
		if r.Depth != rows[0].Depth {
			break
		}
		out = append(out, r.ID)
	}
	return out, nil
}

// NotifyClaim tells the plan's verifiers, in db's transaction, that unit
// reported task completed in entry; who is the unit's name.
func NotifyClaim(ctx context.Context, db bun.IDB, planUnit, taskID, entryID int64, who string, at time.Time) error {
	users, err := Verifiers(ctx, db, planUnit)
	if err != nil || len(users) == 0 {
		return err
	}
	return Notify(ctx, db, Event{Kind: EventClaimSubmitted, TaskID: taskID, Ref: fmt.Sprintf("claim:%d", entryID),
		Text: who + " báo đã hoàn thành; đề nghị xác nhận hoặc trả lại.", At: at, Users: users})
}
