// Package audit records who changed what and when, with the values before and
// after, in the same transaction as the change itself.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Actor is who acts. The web layer and the command line put one in the
// context; without one the change is the system's (demo loader, migrations).
type Actor struct {
	UserID int64
	Name   string // e-mail or name, kept even if the user is later removed
}

type actorKey struct{}

// WithActor returns ctx carrying a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or the system.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Name: "system"}
}

// Entry is one line of the trail.
type Entry struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID       int64           `bun:"id,pk,autoincrement" json:"id"`
	At       time.Time       `bun:"at,nullzero,default:now()" json:"at"`
	ActorID  int64           `bun:"actor_id,nullzero" json:"actor_id,omitempty"`
	Actor    string          `bun:"actor" json:"actor"`
	Action   string          `bun:"action" json:"action"`
	Entity   string          `bun:"entity" json:"entity"`
	EntityID int64           `bun:"entity_id" json:"entity_id"`
	PlanID   int64           `bun:"plan_id,nullzero" json:"plan_id,omitempty"`
	TaskID   int64           `bun:"task_id,nullzero" json:"task_id,omitempty"`
	Before   json.RawMessage `bun:"before,type:jsonb,nullzero" json:"before,omitempty"`
	After    json.RawMessage `bun:"after,type:jsonb,nullzero" json:"after,omitempty"`
}

// Change describes one change to record.
type Change struct {
	Action   string // "create", "update", "delete", "progress", …
	Entity   string // "task", "plan", "progress_entry", "user", "unit", …
	EntityID int64
	PlanID   int64
	TaskID   int64
	Before   any // nil for a creation
	After    any // nil for a deletion
}

// Record writes c, attributed to the actor in ctx. Call it with the
// transaction that makes the change, so both commit or neither does.
func Record(ctx context.Context, db bun.IDB, c Change) error {
	e, err := Prepare(ctx, c)
	if err != nil {
		return err
	}
	if _, err := db.NewInsert().Model(e).Exec(ctx); err != nil {
		return fmt.Errorf("audit: record %s %s %d: %w", c.Action, c.Entity, c.EntityID, err)
	}
	return nil
}

// Prepare is the row Record would write for c, for a caller that writes it
// in a statement of its own (tasks.Post folds it into the progress entry's
// INSERT); that statement must run in the transaction of the change.
func Prepare(ctx context.Context, c Change) (*Entry, error) {
	a := ActorFrom(ctx)
	e := &Entry{ActorID: a.UserID, Actor: a.Name, Action: c.Action, Entity: c.Entity, EntityID: c.EntityID, PlanID: c.PlanID, TaskID: c.TaskID}
	var err error
	if e.Before, err = marshal(c.Before); err != nil {
		return nil, err
	}
	if e.After, err = marshal(c.After); err != nil {
		return nil, err
	}
	return e, nil
}

func marshal(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: encode: %w", err)
	}
	return b, nil
}

// Filter narrows List; zero fields do not filter.
type Filter struct {
	Entity  string
	TaskID  int64
	PlanID  int64
	ActorID int64
	Since   time.Time
	Until   time.Time
	Limit   int
	Offset  int
}

// List returns the trail newest first.
func List(ctx context.Context, db bun.IDB, f Filter) ([]Entry, error) {
	var es []Entry
	q := db.NewSelect().Model(&es).OrderExpr("at DESC, id DESC")
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.TaskID != 0 {
		q = q.Where("task_id = ?", f.TaskID)
	}
	if f.PlanID != 0 {
		q = q.Where("plan_id = ?", f.PlanID)
	}
	if f.ActorID != 0 {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if !f.Since.IsZero() {
		q = q.Where("at >= ?", f.Since)
	}
	if !f.Until.IsZero() {
		q = q.Where("at < ?", f.Until)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q = q.Limit(int64(f.Limit)).Offset(int64(f.Offset))
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("audit: list: %w", err)
	}
	return es, nil
}
