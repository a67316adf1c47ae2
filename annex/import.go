package annex

import (
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/tasks"
)

// DefaultTitle is the title Apply gives a plan when neither the caller nor
// the annex names one.
func DefaultTitle(year int) string {
	return fmt.Sprintf("Kế hoạch cải cách hành chính năm %d", year)
}

// Apply creates the plan d describes, as a draft, for the unit and year:
// the plan, its areas in order and its tasks (through tasks.Create, with
// the same validation as any other task), in one transaction: on any error
// nothing is written.
//
// title and number may be empty: the annex's (Draft.Title, Draft.Number)
// are used then, and for the title DefaultTitle if the annex has none. The
// issue date is the annex's, if it gives one. A draft with Errors is
// refused (the error is d.Errors), as is a draft read for another year. If
// the unit already has a plan that year the error is a *FileError wrapping
// plans.ErrExists.
//
// d must have been read with a Matcher over a subtree holding every unit it
// names; normally that of the unit itself.
func Apply(ctx context.Context, db bun.IDB, d *Draft, unitID int64, year int, title, number string) (planID int64, err error) {
	switch {
	case d == nil:
		return 0, errors.New("annex: apply: no draft")
	case len(d.Errors) > 0:
		return 0, d.Errors
	case d.Year != year:
		return 0, fmt.Errorf("annex: apply: the draft was read for %d, not %d", d.Year, year)
	case d.TaskCount() == 0:
		return 0, Errors{{Reason: i18n.M("annex.no_task")}}
	}
	if title = vn.OneLine(title); title == "" {
		title = d.Title
	}
	if title == "" {
		title = DefaultTitle(year)
	}
	if number = vn.OneLine(number); number == "" {
		number = d.Number
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		p := &plans.Plan{UnitID: unitID, Year: year, Number: number, Title: title, IssuedOn: d.IssuedOn, State: plans.StateDraft}
		if err := plans.Insert(ctx, tx, p); err != nil {
			if errors.Is(err, plans.ErrExists) {
				return &FileError{Reason: i18n.M("annex.plan_exists", year), Err: err}
			}
			return err
		}
		for _, da := range d.Areas {
			a, err := plans.InsertArea(ctx, tx, p.ID, da.Name)
			if err != nil {
				return err
			}
			for _, t := range da.Tasks {
				coords := make([]int64, len(t.Coordinators))
				for i, u := range t.Coordinators {
					coords[i] = u.ID
				}
				_, err := tasks.Insert(ctx, tx, tasks.NewTask{
					PlanID: p.ID, AreaID: a.ID, Number: t.Number, Title: t.Title, Description: t.Description(),
					LeadUnitID: t.Lead.ID, Coordinators: coords, Output: t.Output, Deadline: t.Deadline.Text, PlanYear: year,
				})
				if err != nil {
					if inv, ok := errs.As(err); ok && inv.Kind == errs.Invalid {
						return Errors{{Row: t.Row, Reason: i18n.M(inv.Key, inv.Args...)}}
					}
					return fmt.Errorf("annex: row %d: %w", t.Row, err)
				}
			}
		}
		planID = p.ID
		return nil
	})
	if err != nil {
		return 0, err
	}
	return planID, nil
}
