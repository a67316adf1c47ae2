package reminders

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/errs"
)

// Notice is one intended message: for a user it is also the in-app notice.
type Notice struct {
	bun.BaseModel `bun:"table:notices,alias:n"`

	ID         int64      `bun:"id,pk,autoincrement"`
	Kind       string     `bun:"kind"`
	Step       int        `bun:"step"`
	Subject    string     `bun:"subject"`
	Due        civil.Date `bun:"due,type:date"`
	UserID     int64      `bun:"user_id,nullzero"`
	WebhookID  int64      `bun:"webhook_id,nullzero"`
	PlanID     int64      `bun:"plan_id,nullzero"`
	TaskID     int64      `bun:"task_id,nullzero"`
	UnitID     int64      `bun:"unit_id,nullzero"`
	Title      string     `bun:"title"`
	Body       string     `bun:"body"`
	RunID      int64      `bun:"run_id,nullzero"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,default:now()"`
	ReadAt     time.Time  `bun:"read_at,nullzero"`
	Outbound   string     `bun:"outbound"`
	DeliveryID int64      `bun:"delivery_id,nullzero"`
}

// Unread reports whether the user has not read the notice yet.
func (n Notice) Unread() bool { return n.ReadAt.IsZero() }

// ListOptions narrow List.
type ListOptions struct {
	Limit      int   // default 50, at most 500
	BeforeID   int64 // only notices older than this one (paging)
	UnreadOnly bool
}

// List returns a user's notices, newest first.
func List(ctx context.Context, db bun.IDB, userID int64, o ListOptions) ([]Notice, error) {
	if o.Limit <= 0 {
		o.Limit = 50
	}
	o.Limit = min(o.Limit, 500)
	var ns []Notice
	q := db.NewSelect().Model(&ns).Where("user_id = ?", userID).OrderExpr("created_at DESC, id DESC").Limit(int64(o.Limit))
	if o.BeforeID > 0 {
		q = q.Where("(created_at, id) < (SELECT created_at, id FROM notices WHERE id = ? AND user_id = ?)", o.BeforeID, userID)
	}
	if o.UnreadOnly {
		q = q.Where("read_at IS NULL")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("reminders: notices of user %d: %w", userID, err)
	}
	return ns, nil
}

// UnreadCount is the number on the bell.
func UnreadCount(ctx context.Context, db bun.IDB, userID int64) (int, error) {
	n, err := db.NewSelect().Model((*Notice)(nil)).Where("user_id = ? AND read_at IS NULL", userID).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("reminders: unread count of user %d: %w", userID, err)
	}
	return int(n), nil
}

// MarkRead marks one of the user's notices read (again: no change). A notice
// that is not the user's is answered as hidden (not found).
func MarkRead(ctx context.Context, db bun.IDB, userID, noticeID int64, at time.Time) (*Notice, error) {
	n := new(Notice)
	err := db.NewUpdate().Model(n).Set("read_at = coalesce(read_at, ?)", at).
		Where("id = ? AND user_id = ?", noticeID, userID).Returning("*").Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("reminders: notice %d of another user", noticeID)
	}
	if err != nil {
		return nil, fmt.Errorf("reminders: mark notice %d read: %w", noticeID, err)
	}
	return n, nil
}

// MarkAllRead marks every unread notice of the user read and says how many.
func MarkAllRead(ctx context.Context, db bun.IDB, userID int64, at time.Time) (int, error) {
	res, err := db.NewUpdate().Model((*Notice)(nil)).Set("read_at = ?", at).
		Where("user_id = ? AND read_at IS NULL", userID).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("reminders: mark all read for user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
