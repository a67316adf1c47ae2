package indicators

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/plans"
	"cchc/units"
)

// Result is an indicator's figure for a unit's subtree in a period, against
// the plan's target.
type Result struct {
	Indicator
	// Actual is the figure: the sum of the counts, the ratio's percentage
	// (sum of numerators over sum of denominators), or the value the
	// subtree's root reported; nil when nothing was reported.
	Actual      *float64 `json:"actual"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	// Units is how many units reported.
	Units int `json:"units"`
	// Met says whether the target is met; nil without a target or a figure.
	Met *bool `json:"met"`
}

// ActualText is the figure as documents write it ("83,45%"), "" if none.
func (r *Result) ActualText() string {
	if r.Actual == nil {
		return ""
	}
	return r.Format(*r.Actual)
}

// RatioText is "41.872/50.176" for a ratio, "" otherwise.
func (r *Result) RatioText() string {
	if r.Numerator == nil || r.Denominator == nil {
		return ""
	}
	return r.Format0(*r.Numerator) + "/" + r.Format0(*r.Denominator)
}

// Format0 writes a count as documents do ("50.176").
func (r *Result) Format0(x float64) string {
	c := r.Indicator
	c.UnitOfMeasure, c.Kind = "", Count
	return c.Format(x)
}

// met compares an actual with a target; ratios compare as percentages,
// with a tolerance of rounding noise.
func met(d Direction, actual, target float64) bool {
	const eps = 1e-9
	if d == AtMost {
		return actual <= target+eps
	}
	return actual >= target-eps
}

// sums is what the units of a subtree reported for one indicator.
type sums struct {
	RootID      int64    `bun:"root_id"`
	IndicatorID int64    `bun:"indicator_id"`
	N           int      `bun:"n"`
	Value       *float64 `bun:"value_sum"`
	Own         *float64 `bun:"own_value"`
	Numerator   *float64 `bun:"num"`
	Denominator *float64 `bun:"den"`
}

// Results are the plan's indicators with their figures for the plan's
// issuer's subtree in a period.
func Results(ctx context.Context, db bun.IDB, p *plans.Plan, period plans.Period) ([]Result, error) {
	if p.Unit == nil {
		return nil, fmt.Errorf("indicators: plan %d without its unit", p.ID)
	}
	by, err := ResultsByUnit(ctx, db, p.ID, p.Year, period, []units.Unit{*p.Unit})
	if err != nil {
		return nil, err
	}
	return by[p.Unit.ID], nil
}

// ResultsByUnit are the plan's indicators with their figures for each
// root's subtree (the consolidated table of the units reporting to the
// plan's issuer), in a period of year.
func ResultsByUnit(ctx context.Context, db bun.IDB, planID int64, year int, period plans.Period, roots []units.Unit) (map[int64][]Result, error) {
	inds, err := ForPlan(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]Result, len(roots))
	if len(roots) == 0 {
		return out, nil
	}
	ids := make([]int64, len(roots))
	for i, r := range roots {
		ids[i] = r.ID
	}
	var ss []sums
	err = db.NewRaw(`SELECT r.id AS root_id, v.indicator_id, count(*) AS n, sum(v.value) AS value_sum,
	        max(v.value) FILTER (WHERE v.unit_id = r.id) AS own_value, sum(v.numerator) AS num, sum(v.denominator) AS den
	    FROM units r
	    JOIN units u ON u.path LIKE r.path || '%'
	    JOIN indicator_values v ON v.unit_id = u.id
	    JOIN indicators i ON i.id = v.indicator_id
	    WHERE r.id IN (?) AND v.year = ? AND v.period = ? AND (i.plan_id IS NULL OR i.plan_id = ?)
	    GROUP BY r.id, v.indicator_id`, bun.List(ids), year, period, planID).Scan(ctx, &ss)
	if err != nil {
		return nil, fmt.Errorf("indicators: results: %w", err)
	}
	index := map[[2]int64]sums{}
	for _, s := range ss {
		index[[2]int64{s.RootID, s.IndicatorID}] = s
	}
	for _, root := range roots {
		rs := make([]Result, 0, len(inds))
		for _, ind := range inds {
			// What a result says survives a JSON round trip (a finalised
			// report is frozen as JSON): not the catalogue's bookkeeping.
			ind.DefaultTarget, ind.Position, ind.CreatedAt = nil, 0, time.Time{}
			r := Result{Indicator: ind}
			if s, ok := index[[2]int64{root.ID, ind.ID}]; ok {
				r.Units = s.N
				switch ind.Kind {
				case Count:
					r.Actual = s.Value
				case Ratio:
					if s.Numerator != nil && s.Denominator != nil && *s.Denominator > 0 {
						r.Numerator, r.Denominator = s.Numerator, s.Denominator
						pct := *s.Numerator / *s.Denominator * 100
						r.Actual = &pct
					}
				case Value:
					r.Actual = s.Own
				}
			}
			if r.Actual != nil && r.Target != nil {
				m := met(ind.Direction, *r.Actual, *r.Target)
				r.Met = &m
			}
			rs = append(rs, r)
		}
		out[root.ID] = rs
	}
	return out, nil
}

// Summary counts the targets met: "4/5 chỉ tiêu đạt" reads Met/Assessed.
type Summary struct {
	Met      int `json:"met"`
	Assessed int `json:"assessed"` // indicators with a target and a figure
	Targets  int `json:"targets"`  // indicators with a target
}

// Summarise counts the targets of rs.
func Summarise(rs []Result) Summary {
	var s Summary
	for _, r := range rs {
		if r.Target != nil {
			s.Targets++
		}
		if r.Met != nil {
			s.Assessed++
			if *r.Met {
				s.Met++
			}
		}
	}
	return s
}

// Text is "4/5 chỉ tiêu đạt".
func (s Summary) Text() string { return fmt.Sprintf("%d/%d chỉ tiêu đạt", s.Met, s.Assessed) }
