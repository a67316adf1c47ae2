package plans

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
)

// ContinuousFrom is the first day a continuous task ("Thường xuyên") of a
// plan of year, with that cut-off scheme, may count as completed: the
// cut-off of the year report when yearEnd is set (14/12 by the decree,
// 31/12 for calendar quarters), else the zero date (any closing counts).
// The status rule (tasks.Schedule) reads it.
func ContinuousFrom(year int, s Scheme, yearEnd bool) civil.Date {
	if !yearEnd {
		return civil.Date{}
	}
	_, to := FullYear.Range(year, s)
	return to
}

// ContinuousFrom is the plan's (see the function of that name).
func (p *Plan) ContinuousFrom() civil.Date {
	return ContinuousFrom(p.Year, p.CutoffScheme, p.ContinuousYearEnd)
}

// SetContinuousRule says whether the plan's continuous tasks count as
// completed only from the year-end cut-off (yearEnd) or at any closing. It
// checks the version the caller read and that the plan is not closed. The
// rule is an input of the status rule: the caller refreshes the tasks'
// status timeline in the same transaction (tasks.RefreshPlans), as
// app.SetReportSettings does.
func SetContinuousRule(ctx context.Context, db bun.IDB, id int64, version int, yearEnd bool) (*Plan, error) {
	var out *Plan
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		p, err := Lock(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != p.Version {
			return ErrStale
		}
		if err := p.Editable(); err != nil {
			return err
		}
		if p.ContinuousYearEnd == yearEnd {
			out = p
			return nil
		}
		before := p.auditView()
		p.ContinuousYearEnd = yearEnd
		p.Version++
		if _, err := tx.NewUpdate().Table("plans").Set("continuous_year_end = ?", yearEnd).Set("version = ?", p.Version).
			Set("updated_at = now()").Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("plans: continuous rule of %d: %w", id, err)
		}
		out = p
		return audit.Record(ctx, tx, audit.Change{Action: "settings", Entity: "plan", EntityID: id, PlanID: id, Before: before, After: p.auditView()})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
