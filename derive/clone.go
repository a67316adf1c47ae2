// Package derive makes plans from other plans: a clone of a plan for another
// year, and the own plan of a unit cascaded from the plan of the body above
// it. It sits above plans and tasks, which it both writes, and below app.
package derive

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/deadline"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
)

// Clone copies a plan into a new draft of the same unit for year (0: the
// next year): its settings, its areas in order and its tasks with their
// numbers, titles, descriptions, outputs, lead and coordinating units.
// Deadlines move with the year (see deadline.Shift): "Quý II" stays "Quý II"
// and now means 30/6 of the new year, "30/6/2024" becomes "30/6/2025";
// continuous and recurring deadlines are kept. The title's year is
// replaced; the number and issue date are left empty, as the new plan has
// not been issued. Links to a parent plan's tasks are not copied (the
// parent plan of the new year is another plan). ErrExists if the unit
// already has a plan that year.
func Clone(ctx context.Context, db bun.IDB, srcID int64, year int) (*plans.Plan, error) {
	src, err := plans.Get(ctx, db, srcID)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		year = src.Year + 1
	}
	if year < 2000 || year > 2100 {
		return nil, errs.Bad("year", "plans.year_range")
	}
	areas, err := plans.Areas(ctx, db, srcID)
	if err != nil {
		return nil, err
	}
	ts, err := tasks.ForPlan(ctx, db, srcID)
	if err != nil {
		return nil, err
	}
	var out *plans.Plan
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		title := src.Title
		if y := strconv.Itoa(src.Year); strings.Contains(title, y) {
			title = strings.ReplaceAll(title, y, strconv.Itoa(year))
		}
		confirm := src.RequireConfirmation
		p, err := plans.Create(ctx, tx, plans.NewPlan{UnitID: src.UnitID, Year: year, Title: title, RequireConfirmation: &confirm, CutoffScheme: src.CutoffScheme})
		if err != nil {
			return err
		}
		areaIDs := map[int64]int64{}
		for _, a := range areas {
			na, err := plans.InsertArea(ctx, tx, p.ID, a.Name)
			if err != nil {
				return err
			}
			areaIDs[a.ID] = na.ID
		}
		for _, t := range ts {
			text, err := deadline.Shift(t.DeadlineText, src.Year, year)
			if err != nil {
				return fmt.Errorf("derive: clone task %s (%d): %w", t.Number, t.ID, err)
			}
			coords := make([]int64, len(t.Coordinators))
			for i, c := range t.Coordinators {
				coords[i] = c.ID
			}
			if _, err := tasks.Insert(ctx, tx, tasks.NewTask{PlanID: p.ID, AreaID: areaIDs[t.AreaID], Number: t.Number, Title: t.Title,
				Description: t.Description, LeadUnitID: t.LeadUnitID, Coordinators: coords, Output: t.Output, Deadline: text, PlanYear: year}); err != nil {
				return fmt.Errorf("derive: clone task %s (%d): %w", t.Number, t.ID, err)
			}
		}
		out = p
		return audit.Record(ctx, tx, audit.Change{Action: "clone", Entity: "plan", EntityID: p.ID, PlanID: p.ID,
			After: map[string]any{"source_plan_id": srcID, "year": year, "areas": len(areas), "tasks": len(ts)}})
	})
	if err != nil {
		return nil, err
	}
	return plans.Get(ctx, db, out.ID)
}
