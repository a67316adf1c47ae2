package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/units"
)

// Reported is what a unit reported for an indicator in a period of a year.
type Reported struct {
	bun.BaseModel `bun:"table:indicator_values,alias:v"`

	ID          int64        `bun:"id,pk,autoincrement" json:"id"`
	IndicatorID int64        `bun:"indicator_id" json:"indicator_id"`
	UnitID      int64        `bun:"unit_id" json:"-"`
	Year        int          `bun:"year" json:"year"`
	Period      plans.Period `bun:"period" json:"period"`
	Value       *float64     `bun:"value" json:"value"`
	Numerator   *float64     `bun:"numerator" json:"numerator"`
	Denominator *float64     `bun:"denominator" json:"denominator"`
	Evidence    string       `bun:"evidence" json:"evidence"`
	Version     int          `bun:"version" json:"version"`
	RecordedBy  int64        `bun:"recorded_by,nullzero" json:"-"`
	RecordedAt  time.Time    `bun:"recorded_at,nullzero,default:now()" json:"recorded_at"`

	// Filled by the loaders.
	UnitCode string `bun:"unit_code,scanonly" json:"-"`
	UnitName string `bun:"unit_name,scanonly" json:"-"`
}

// Figure is the value as a number: the value, or the ratio's percentage.
func (r *Reported) Figure() float64 {
	if r.Numerator != nil && r.Denominator != nil && *r.Denominator > 0 {
		return *r.Numerator / *r.Denominator * 100
	}
	if r.Value != nil {
		return *r.Value
	}
	return 0
}

// Entry is a value a unit reports.
type Entry struct {
	Period plans.Period
	Unit   *units.Unit
	// Value for a count or a value indicator; Numerator and Denominator for
	// a ratio.
	Value, Numerator, Denominator *float64
	Evidence                      string
	// Version is the version of the value the author read (0: there was
	// none); nil skips the check and replaces whatever is there.
	Version  *int
	AuthorID int64
}

// check validates e for indicator ind of plan p, in the field at fault.
func (e *Entry) check(p *plans.Plan, ind *Indicator) error {
	e.Evidence = vn.Clean(e.Evidence)
	finite := func(x *float64) bool {
		return x == nil || (!math.IsNaN(*x) && !math.IsInf(*x, 0) && math.Abs(*x) <= 1e15)
	}
	switch {
	case !e.Period.Valid():
		return errs.Bad("period", "plans.period_unknown", string(e.Period))
	case e.Unit == nil:
		return errs.Bad("unit", "indicators.unit_required")
	case p.Unit != nil && !p.Unit.Contains(*e.Unit):
		return errs.Bad("unit", "indicators.unit_outside_plan", e.Unit.Name)
	case len([]rune(e.Evidence)) > 1000:
		return errs.Bad("evidence", "indicators.evidence_long", 1000)
	case !finite(e.Value):
		return errs.Bad("value", "indicators.number_invalid")
	case !finite(e.Numerator):
		return errs.Bad("numerator", "indicators.number_invalid")
	case !finite(e.Denominator):
		return errs.Bad("denominator", "indicators.number_invalid")
	}
	if ind.Kind == Ratio {
		switch {
		case e.Value != nil:
			return errs.Bad("value", "indicators.ratio_not_value")
		case e.Numerator == nil:
			return errs.Bad("numerator", "indicators.ratio_required")
		case e.Denominator == nil:
			return errs.Bad("denominator", "indicators.ratio_required")
		case *e.Denominator <= 0:
			return errs.Bad("denominator", "indicators.denominator_positive")
		case *e.Numerator < 0 || *e.Numerator > *e.Denominator:
			return errs.Bad("numerator", "indicators.numerator_range")
		}
		return nil
	}
	switch {
	case e.Numerator != nil || e.Denominator != nil:
		return errs.Bad("numerator", "indicators.value_not_ratio")
	case e.Value == nil:
		return errs.Bad("value", "indicators.value_required")
	case ind.Kind == Count && (*e.Value < 0 || *e.Value != math.Trunc(*e.Value)):
		return errs.Bad("value", "indicators.count_whole")
	}
	return nil
}

// Set records what a unit of the plan's tree reports for an indicator of
// the plan in a period, replacing its earlier value for that period
// (checked against e.Version), audited.
func Set(ctx context.Context, db bun.IDB, p *plans.Plan, ind *Indicator, e Entry) (*Reported, error) {
	if err := e.check(p, ind); err != nil {
		return nil, err
	}
	var out *Reported
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		cur := new(Reported)
		err := tx.NewSelect().Model(cur).Where("indicator_id = ? AND unit_id = ? AND year = ? AND period = ?", ind.ID, e.Unit.ID, p.Year, e.Period).
			For("UPDATE").Scan(ctx)
		exists := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("indicators: value: %w", err)
		}
		if e.Version != nil && *e.Version != cur.Version {
			return ErrStale
		}
		v := &Reported{IndicatorID: ind.ID, UnitID: e.Unit.ID, Year: p.Year, Period: e.Period, Value: e.Value, Numerator: e.Numerator,
			Denominator: e.Denominator, Evidence: e.Evidence, Version: cur.Version + 1, RecordedBy: e.AuthorID}
		change := audit.Change{Action: "value", Entity: "indicator", EntityID: ind.ID, PlanID: p.ID, After: v}
		if exists {
			v.ID = cur.ID
			change.Before = cur
			if _, err := tx.NewUpdate().Model(v).Column("value", "numerator", "denominator", "evidence", "version", "recorded_by").
				Set("recorded_at = now()").WherePK().Returning("*").Exec(ctx); err != nil {
				return fmt.Errorf("indicators: update value: %w", err)
			}
		} else if _, err := tx.NewInsert().Model(v).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("indicators: insert value: %w", err)
		}
		v.UnitCode, v.UnitName = e.Unit.Code, e.Unit.Name
		out = v
		return audit.Record(ctx, tx, change)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Values lists what the units of root's subtree reported for the plan's
// indicators in a period of a year, by indicator then unit in tree order.
func Values(ctx context.Context, db bun.IDB, planID int64, root *units.Unit, year int, period plans.Period) ([]Reported, error) {
	var vs []Reported
	err := db.NewSelect().Model(&vs).ColumnExpr("v.*").ColumnExpr("u.code AS unit_code, u.name AS unit_name").
		Join("JOIN units AS u ON u.id = v.unit_id").
		Join("JOIN indicators AS i ON i.id = v.indicator_id").
		Where("v.year = ? AND v.period = ?", year, period).
		Where("u.path LIKE ?", root.Path+"%").
		Where("i.plan_id IS NULL OR i.plan_id = ?", planID).
		OrderExpr("i.plan_id IS NOT NULL, i.position, i.id, u.path").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("indicators: values: %w", err)
	}
	return vs, nil
}
