package plans

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/deadline"
	"cchc/tasks"
)

// Clone copies a plan into a new draft of the same unit for year (0: the
// next year): its settings, its areas in order and its tasks with their
// numbers, titles, descriptions, outputs, lead and coordinating units.
// Deadlines move with the year (see ShiftDeadline): "Quý II" stays "Quý II"
// and now means 30/6 of the new year, "30/6/2024" becomes "30/6/2025";
// continuous and recurring deadlines are kept. The title's year is
// replaced; the number and issue date are left empty, as the new plan has
// not been issued. Links to a parent plan's tasks are not copied (the
// parent plan of the new year is another plan). ErrExists if the unit
// already has a plan that year.
func Clone(ctx context.Context, db bun.IDB, srcID int64, year int) (*Plan, error) {
	src, err := Get(ctx, db, srcID)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		year = src.Year + 1
	}
	if year < 2000 || year > 2100 {
		return nil, invalid("year", "năm kế hoạch phải từ 2000 đến 2100")
	}
	areas, err := Areas(ctx, db, srcID)
	if err != nil {
		return nil, err
	}
	ts, err := tasks.ForPlan(ctx, db, srcID)
	if err != nil {
		return nil, err
	}
	var out *Plan
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		title := src.Title
		if y := strconv.Itoa(src.Year); strings.Contains(title, y) {
			title = strings.ReplaceAll(title, y, strconv.Itoa(year))
		}
		confirm := src.RequireConfirmation
		p, err := Add(ctx, tx, NewPlan{UnitID: src.UnitID, Year: year, Title: title, RequireConfirmation: &confirm, CutoffScheme: src.CutoffScheme})
		if err != nil {
			return err
		}
		areaIDs := map[int64]int64{}
		for _, a := range areas {
			na, err := AddArea(ctx, tx, p.ID, a.Name)
			if err != nil {
				return err
			}
			areaIDs[a.ID] = na.ID
		}
		for _, t := range ts {
			text, err := ShiftDeadline(t.DeadlineText, src.Year, year)
			if err != nil {
				return fmt.Errorf("plans: clone task %s (%d): %w", t.Number, t.ID, err)
			}
			coords := make([]int64, len(t.Coordinators))
			for i, c := range t.Coordinators {
				coords[i] = c.ID
			}
			if _, err := tasks.Create(ctx, tx, tasks.NewTask{PlanID: p.ID, AreaID: areaIDs[t.AreaID], Number: t.Number, Title: t.Title,
				Description: t.Description, LeadUnitID: t.LeadUnitID, Coordinators: coords, Output: t.Output, Deadline: text, PlanYear: year}); err != nil {
				return fmt.Errorf("plans: clone task %s (%d): %w", t.Number, t.ID, err)
			}
		}
		out = p
		return audit.Record(ctx, tx, audit.Change{Action: "clone", Entity: "plan", EntityID: p.ID, PlanID: p.ID,
			After: map[string]any{"source_plan_id": srcID, "year": year, "areas": len(areas), "tasks": len(ts)}})
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, out.ID)
}

var yearRe = regexp.MustCompile(`\b(20\d\d|2100)\b`)

// ShiftDeadline rewrites a deadline written for a plan of year from so that
// it means the same for a plan of year to: a text without a year ("Quý II",
// "Trước 30/6", "Thường xuyên", "Hằng quý") is kept, as the new plan's year
// gives it its meaning; a year written in it is moved ("30/6/2024" →
// "30/6/2025", "Quý III/2024" → "Quý III/2025"). 29/2 of a leap year
// becomes 28/2.
func ShiftDeadline(text string, from, to int) (string, error) {
	d, err := deadline.Parse(text, from)
	if err != nil {
		return "", invalid("deadline", err.Error())
	}
	if d.Kind == deadline.KindContinuous || d.Kind == deadline.KindRecurring || from == to {
		return d.Text, nil
	}
	n := to - from
	want := d.Date.AddYears(n)
	same := func(e deadline.Deadline) bool { return e.Kind == d.Kind && e.Date == want }
	if d.Kind != deadline.KindDate {
		// A month, quarter or year ends on its last day, whatever the year.
		same = func(e deadline.Deadline) bool {
			return e.Kind == d.Kind && e.Date.Year == want.Year && e.Date.Month == want.Month
		}
	}
	if e, err := deadline.Parse(d.Text, to); err == nil && same(e) {
		return d.Text, nil
	}
	moved := yearRe.ReplaceAllStringFunc(d.Text, func(y string) string {
		v, _ := strconv.Atoi(y)
		return strconv.Itoa(v + n)
	})
	if e, err := deadline.Parse(moved, to); err == nil && same(e) {
		return moved, nil
	}
	if d.Kind == deadline.KindDate { // 29/2 → 28/2, or a text the patterns above miss
		return fmt.Sprintf("%d/%d/%d", want.Day, int(want.Month), want.Year), nil
	}
	return "", invalid("deadline", fmt.Sprintf("không chuyển được thời hạn “%s” sang năm %d", d.Text, to))
}
