package demo

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/indicators"
	"cchc/plans"
	"cchc/units"
)

// Figure is what one unit reported for an indicator: Value for a count or
// a value, Num and Den for a ratio.
type Figure struct {
	Unit          string
	Value         float64
	Num, Den      float64
	EvidenceIndex int // the evidence line of the indicator's Evidence to quote (0: none)
}

// IndicatorValues are the figures of one indicator in a period.
type IndicatorValues struct {
	Code     string
	Evidence []string // quoted by Figure.EvidenceIndex (1-based)
	Figures  []Figure
}

// The 2024 city plan's indicators at the 9-month cut-off, as its report
// quotes them: 50.176 dossiers received, 49.636 of the 50.648 resolved on
// time (98%), 41.872 received online (83,45%), SIPAS 90,2%. The dossiers
// are the one-stop centre's and the nine communes' own figures: the city's
// are their sums. Paid online stays under its target (46,3% < 50%), so the
// plan meets 4 of its 5 targets; two communes (Xã Hoàng Phong, Xã Tân Lập)
// and the centre resolve fewer than 98% on time, which the PAR index's
// component 3.2.1 reads.
const (
	Received2024     = 50176
	OnTime2024       = 49636
	Resolved2024     = 50648
	Online2024       = 41872
	SIPAS2024        = 90.2
	DocsReviewed2024 = 52
)

// Targets2024 are the city's own targets for 2024 (the others are the
// catalogue's: on time ≥ 98%, online ≥ 80%, paid online ≥ 50%, SIPAS ≥ 90%).
var Targets2024 = map[string]float64{indicators.CodeDocsReviewed: 40}

// cityCommunes are the nine communes of the city of 2024, with the
// one-stop centre's share of the dossiers last.
var cityCommunes = []string{"P-HOAAN", "P-TANTIEN", "P-BACSON", "P-NAMTHANH", "P-DONGHAI", "P-MINHKHAI", "X-HOANGPHONG", "X-TANLAP", "X-SONTHUY"}

func ratios(nums, dens []float64, centreNum, centreDen float64) []Figure {
	var out []Figure
	for i, c := range cityCommunes {
		out = append(out, Figure{Unit: c, Num: nums[i], Den: dens[i]})
	}
	return append(out, Figure{Unit: "TTPVHCC", Num: centreNum, Den: centreDen, EvidenceIndex: 1})
}

func counts(vals []float64, centre float64) []Figure {
	var out []Figure
	for i, c := range cityCommunes {
		out = append(out, Figure{Unit: c, Value: vals[i]})
	}
	return append(out, Figure{Unit: "TTPVHCC", Value: centre, EvidenceIndex: 1})
}

var (
	received9m = []float64{2110, 1987, 1845, 1702, 1650, 1534, 1221, 1108, 987}
	resolved9m = []float64{2122, 1999, 1857, 1714, 1662, 1546, 1233, 1120, 999}
)

// Indicators2024 are the 9-month figures of the city of 2024.
var Indicators2024 = []IndicatorValues{
	{Code: indicators.CodeReceived, Evidence: []string{"Hệ thống thông tin giải quyết TTHC tỉnh, số liệu đến ngày 14/9/2024"},
		Figures: counts(received9m, 36032)},
	{Code: indicators.CodeOnTime, Evidence: []string{"Hệ thống thông tin giải quyết TTHC tỉnh, số liệu đến ngày 14/9/2024"},
		Figures: ratios([]float64{2110, 1981, 1844, 1688, 1637, 1522, 1190, 1080, 984}, resolved9m, 35600, 36396)},
	{Code: indicators.CodeOnline, Evidence: []string{"Cổng Dịch vụ công quốc gia, số liệu đến ngày 14/9/2024"},
		Figures: ratios([]float64{1645, 1549, 1439, 1327, 1287, 1196, 952, 864, 769}, received9m, 30844, 36032)},
	{Code: indicators.CodePaidOnline, Evidence: []string{"Cổng Dịch vụ công quốc gia, số liệu đến ngày 14/9/2024"},
		Figures: ratios([]float64{259, 244, 226, 209, 202, 188, 150, 136, 121}, []float64{633, 596, 553, 510, 495, 460, 366, 332, 296}, 7479, 15661)},
	{Code: indicators.CodeSIPAS, Evidence: []string{"Báo cáo số 88/BC-UBND ngày 10/9/2024 về kết quả khảo sát sự hài lòng"},
		Figures: []Figure{{Unit: CityCode, Value: SIPAS2024, EvidenceIndex: 1}}},
	{Code: indicators.CodeDocsReviewed, Evidence: []string{"Báo cáo số 42/BC-PTP ngày 12/9/2024"},
		Figures: []Figure{{Unit: CityJusticeCode, Value: DocsReviewed2024, EvidenceIndex: 1}}},
}

// loadIndicators writes a plan's targets and the figures of a period.
func loadIndicators(ctx context.Context, tx bun.Tx, ids map[string]int64, planID int64, period plans.Period,
	targets map[string]float64, data []IndicatorValues) error {
	ctx = audit.WithActor(ctx, audit.Actor{Name: "demo"})
	p, err := plans.Get(ctx, tx, planID)
	if err != nil {
		return err
	}
	is, err := indicators.ForPlan(ctx, tx, planID)
	if err != nil {
		return err
	}
	for code, target := range targets {
		ind, ok := indicators.ByCode(is, code)
		if !ok {
			return fmt.Errorf("demo: no indicator %s", code)
		}
		if _, err := indicators.SetTarget(ctx, tx, planID, ind.ID, &target, ind.TargetVersion); err != nil {
			return err
		}
	}
	for _, d := range data {
		ind, ok := indicators.ByCode(is, d.Code)
		if !ok {
			return fmt.Errorf("demo: no indicator %s", d.Code)
		}
		for _, f := range d.Figures {
			u, err := units.Get(ctx, tx, ids[f.Unit])
			if err != nil {
				return fmt.Errorf("demo: unit %s: %w", f.Unit, err)
			}
			e := indicators.Entry{Period: period, Unit: u}
			if ind.Kind == indicators.Ratio {
				e.Numerator, e.Denominator = pointer(f.Num), pointer(f.Den)
			} else {
				e.Value = pointer(f.Value)
			}
			if f.EvidenceIndex > 0 {
				e.Evidence = d.Evidence[f.EvidenceIndex-1]
			}
			if _, err := indicators.Set(ctx, tx, p, ind, e); err != nil {
				return fmt.Errorf("demo: %s of %s: %w", d.Code, f.Unit, err)
			}
		}
	}
	return nil
}

func pointer[T any](v T) *T { return &v }
