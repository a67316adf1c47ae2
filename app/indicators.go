package app

import (
	"bytes"
	"context"
	"errors"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/units"
)

// IndicatorView is a plan's indicators for a period: their figures against
// their targets, what each unit reported, and what the principal may do.
type IndicatorView struct {
	Plan    *plans.Plan
	Period  plans.Period
	Results []indicators.Result
	Summary indicators.Summary
	// Values are what the units reported (only those of the principal's
	// scope for a plan of a body above it).
	Values []indicators.Reported
	// Units are the units the principal may enter figures for.
	Units     []units.Unit
	CanManage bool
}

// Indicators is a plan's indicators for a period, for whoever sees the plan.
func (a *App) Indicators(ctx context.Context, me *authz.Principal, planID int64, period plans.Period) (*IndicatorView, error) {
	p, err := a.visiblePlan(ctx, me, planID)
	if err != nil {
		return nil, err
	}
	v := &IndicatorView{Plan: p, Period: period, CanManage: me.CanManageIndicators(p) == nil}
	if v.Results, err = indicators.Results(ctx, a.db, p, period); err != nil {
		return nil, err
	}
	v.Summary = indicators.Summarise(v.Results)
	vs, err := indicators.Values(ctx, a.db, p.ID, p.Unit, p.Year, period)
	if err != nil {
		return nil, err
	}
	partial := me.PlanAccess(p.Unit) == authz.AccessPartial
	us, err := units.Subtree(ctx, a.db, p.Unit)
	if err != nil {
		return nil, err
	}
	inScope := map[int64]bool{}
	for i := range us {
		inScope[us[i].ID] = !partial || me.Scope.Contains(us[i])
		if me.CanEnterIndicator(p, &us[i]) == nil {
			v.Units = append(v.Units, us[i])
		}
	}
	for _, x := range vs {
		if inScope[x.UnitID] {
			v.Values = append(v.Values, x)
		}
	}
	return v, nil
}

// IndicatorValueInput is a unit's figure as a form or the API gave it.
type IndicatorValueInput struct {
	Period                        plans.Period
	Unit                          string // unit code
	Value, Numerator, Denominator *float64
	Evidence                      string
	// Version is the version of the figure the author read (0: none yet);
	// nil replaces whatever is there.
	Version *int
}

// SetIndicatorValue records what a unit of the plan's tree reported for an
// indicator of the plan in a period: a unit outside the principal's
// rights is forbidden, bad figures are invalid input, nothing written.
func (a *App) SetIndicatorValue(ctx context.Context, me *authz.Principal, planID, indicatorID int64, in IndicatorValueInput) (*indicators.Reported, error) {
	p, err := a.visiblePlan(ctx, me, planID)
	if err != nil {
		return nil, err
	}
	ind, err := indicators.Get(ctx, a.db, p.ID, indicatorID)
	if err != nil {
		return nil, err
	}
	u, err := a.UnitByCode(ctx, in.Unit, "unit")
	if err != nil {
		return nil, err
	}
	if !p.Unit.Contains(*u) {
		return nil, errs.Bad("unit", "indicators.unit_outside_plan", u.Name)
	}
	if err := me.CanEnterIndicator(p, u); err != nil {
		return nil, err
	}
	return indicators.Set(ctx, a.db, p, ind, indicators.Entry{Period: in.Period, Unit: u, Value: in.Value, Numerator: in.Numerator,
		Denominator: in.Denominator, Evidence: in.Evidence, Version: in.Version, AuthorID: me.User.ID})
}

// CreateIndicator adds an indicator of the plan's own.
func (a *App) CreateIndicator(ctx context.Context, me *authz.Principal, planID int64, in indicators.New) (*indicators.Indicator, error) {
	p, err := plans.Get(ctx, a.db, planID)
	if err != nil {
		return nil, err
	}
	if err := me.CanManageIndicators(p); err != nil {
		return nil, err
	}
	if err := p.Editable(); err != nil {
		return nil, err
	}
	return indicators.Create(ctx, a.db, p.ID, in)
}

// SetIndicatorTarget sets the plan's target for an indicator (nil: none).
func (a *App) SetIndicatorTarget(ctx context.Context, me *authz.Principal, planID, indicatorID int64, target *float64, version int) (*indicators.Indicator, error) {
	p, err := plans.Get(ctx, a.db, planID)
	if err != nil {
		return nil, err
	}
	if err := me.CanManageIndicators(p); err != nil {
		return nil, err
	}
	if err := p.Editable(); err != nil {
		return nil, err
	}
	return indicators.SetTarget(ctx, a.db, p.ID, indicatorID, target, version)
}

// IndicatorTemplate is the .xlsx template of a plan's indicators for a
// period, with a row per indicator and unit the principal may enter figures
// for (only unitCode's, if given), prefilled.
func (a *App) IndicatorTemplate(ctx context.Context, me *authz.Principal, planID int64, period plans.Period, unitCode string) ([]byte, string, error) {
	v, err := a.Indicators(ctx, me, planID, period)
	if err != nil {
		return nil, "", err
	}
	us := v.Units
	if unitCode != "" {
		u, err := a.UnitByCode(ctx, unitCode, "unit")
		if err != nil {
			return nil, "", err
		}
		if err := me.CanEnterIndicator(v.Plan, u); err != nil {
			return nil, "", err
		}
		us = []units.Unit{*u}
	}
	if len(us) == 0 {
		return nil, "", errs.Deny("app: no unit to enter figures for")
	}
	inds := make([]indicators.Indicator, len(v.Results))
	for i, r := range v.Results {
		inds[i] = r.Indicator
	}
	var buf bytes.Buffer
	if err := indicators.WriteTemplate(&buf, v.Plan, period, inds, us, v.Values); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), indicators.TemplateName(v.Plan, period), nil
}

// ImportIndicatorValues records the figures of a filled template, all or
// nothing: any faulty row (an unknown code, a unit outside the plan or the
// principal's rights, a bad figure) fails the whole file with every
// faulty row named. It returns how many figures it recorded.
func (a *App) ImportIndicatorValues(ctx context.Context, me *authz.Principal, planID int64, period plans.Period, file []byte) (int, error) {
	p, err := a.visiblePlan(ctx, me, planID)
	if err != nil {
		return 0, err
	}
	if !period.Valid() {
		return 0, errs.Bad("period", "plans.period_unknown", string(period))
	}
	rows, err := indicators.Read(bytes.NewReader(file), p.ID, period)
	if err != nil {
		return 0, err
	}
	inds, err := indicators.ForPlan(ctx, a.db, p.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	err = a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var bad []indicators.RowError
		fail := func(row indicators.Row, column string, reason i18n.Msg) {
			bad = append(bad, indicators.RowError{Line: row.Line, Column: column, Reason: reason})
		}
		for _, row := range rows {
			ind, ok := indicators.ByCode(inds, row.Code)
			if !ok {
				fail(row, indicators.ColumnOf("code"), i18n.M("indicators.code_unknown", row.Code))
				continue
			}
			u, err := unitByCode(ctx, tx, row.UnitCode, "unit")
			if err != nil {
				fail(row, indicators.ColumnOf("unit"), i18n.M("app.unit_unknown", row.UnitCode))
				continue
			}
			if !p.Unit.Contains(*u) {
				fail(row, indicators.ColumnOf("unit"), i18n.M("indicators.unit_outside_plan", u.Name))
				continue
			}
			if me.CanEnterIndicator(p, u) != nil {
				fail(row, indicators.ColumnOf("unit"), i18n.M("indicators.unit_not_allowed", u.Name))
				continue
			}
			_, err = indicators.Set(ctx, tx, p, ind, indicators.Entry{Period: period, Unit: u, Value: row.Value, Numerator: row.Numerator,
				Denominator: row.Denominator, Evidence: row.Evidence, AuthorID: me.User.ID})
			if e, ok := errs.As(err); ok && errors.Is(err, errs.Invalid) {
				fail(row, indicators.ColumnOf(e.Field), i18n.M(e.Key, e.Args...))
				continue
			}
			if err != nil {
				return err
			}
			n++
		}
		if len(bad) > 0 {
			return indicators.Failed(bad)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// reportDay is the day a period's figures stand at: its cut-off, or today
// while the cut-off is ahead.
func reportDay(p *plans.Plan, period plans.Period, today civil.Date) civil.Date {
	_, to := period.Range(p.Year, p.CutoffScheme)
	if today.Before(to) {
		return today
	}
	return to
}

// VisiblePlan loads a plan the principal sees at all (its indicators are
// shown to whoever sees it).
func (a *App) VisiblePlan(ctx context.Context, me *authz.Principal, id int64) (*plans.Plan, error) {
	return a.visiblePlan(ctx, me, id)
}

// PlanTargets is "x/y chỉ tiêu đạt" of a plan the principal sees, as of
// day asOf: for the latest period up to the one the secretariat is most
// likely preparing that has figures (else that one, with none).
func (a *App) PlanTargets(ctx context.Context, me *authz.Principal, p *plans.Plan, asOf civil.Date) (plans.Period, indicators.Summary, error) {
	if err := me.CanSeePlan(p); err != nil {
		return "", indicators.Summary{}, err
	}
	current := p.DefaultPeriod(asOf)
	var candidates []plans.Period
	for _, period := range plans.Periods {
		if _, to := period.Range(p.Year, p.CutoffScheme); to.After(asOf) && period != current {
			continue
		}
		candidates = append([]plans.Period{period}, candidates...)
		if period == current {
			break
		}
	}
	for _, period := range candidates {
		rs, err := indicators.Results(ctx, a.db, p, period)
		if err != nil {
			return "", indicators.Summary{}, err
		}
		for _, r := range rs {
			if r.Actual != nil {
				return period, indicators.Summarise(rs), nil
			}
		}
	}
	return current, indicators.Summary{}, nil
}
