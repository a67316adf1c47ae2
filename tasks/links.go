package tasks

import (
	"context"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/plans"
)

// Linked is a task of another plan linked by app.Cascade, with its status.
type Linked struct {
	Task  *Task
	Plan  *plans.Plan
	State State
}

// Links returns the parent task that task carries out (nil if none) and
// the tasks of unit plans that carry it out, each with its status on day.
func Links(ctx context.Context, db bun.IDB, taskID int64, day civil.Date) (parent *Linked, children []Linked, err error) {
	t, err := Get(ctx, db, taskID)
	if err != nil {
		return nil, nil, err
	}
	if t.ParentTaskID != 0 {
		if parent, err = linked(ctx, db, t.ParentTaskID, day); err != nil {
			return nil, nil, err
		}
	}
	ids, err := Children(ctx, db, taskID)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		l, err := linked(ctx, db, id, day)
		if err != nil {
			return nil, nil, err
		}
		children = append(children, *l)
	}
	return parent, children, nil
}

func linked(ctx context.Context, db bun.IDB, id int64, day civil.Date) (*Linked, error) {
	t, err := Get(ctx, db, id)
	if err != nil {
		return nil, err
	}
	p, err := plans.Get(ctx, db, t.PlanID)
	if err != nil {
		return nil, err
	}
	h, err := History(ctx, db, id)
	if err != nil {
		return nil, err
	}
	st := Evaluate(t.Schedule(), Events(h), day)
	return &Linked{Task: t, Plan: p, State: st}, nil
}
