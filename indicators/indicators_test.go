package indicators_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"cchc/indicators"
	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type fixture struct {
	db                   *bun.DB
	plan                 *plans.Plan
	city, centre, ward   *units.Unit
	other                *units.Unit
	onTime, received, sp *indicators.Indicator
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: dbtest.New(t)}
	f.city = &units.Unit{Code: "TP", Name: "UBND thành phố Thử", Kind: units.KindCity}
	require.NoError(t, units.Create(ctx, f.db, f.city))
	f.centre = &units.Unit{Code: "TTHC", Name: "Trung tâm Phục vụ hành chính công", Kind: units.KindAgency, ParentID: f.city.ID}
	require.NoError(t, units.Create(ctx, f.db, f.centre))
	f.ward = &units.Unit{Code: "P1", Name: "UBND phường Một", Kind: units.KindCommune, ParentID: f.city.ID}
	require.NoError(t, units.Create(ctx, f.db, f.ward))
	f.other = &units.Unit{Code: "KHAC", Name: "UBND tỉnh Khác", Kind: units.KindProvince}
	require.NoError(t, units.Create(ctx, f.db, f.other))
	p := &plans.Plan{UnitID: f.city.ID, Year: 2024, Title: "Kế hoạch cải cách hành chính năm 2024"}
	require.NoError(t, plans.Insert(ctx, f.db, p))
	var err error
	f.plan, err = plans.Get(ctx, f.db, p.ID)
	require.NoError(t, err)
	is, err := indicators.ForPlan(ctx, f.db, f.plan.ID)
	require.NoError(t, err)
	require.Len(t, is, 6, "the standard indicators")
	var ok bool
	f.onTime, ok = indicators.ByCode(is, indicators.CodeOnTime)
	require.True(t, ok)
	f.received, ok = indicators.ByCode(is, "tthc_received")
	require.True(t, ok)
	f.sp, ok = indicators.ByCode(is, indicators.CodeSIPAS)
	require.True(t, ok)
	require.Equal(t, 98.0, *f.onTime.Target, "the catalogue's default target")
	require.Nil(t, f.received.Target)
	return f
}

func num(x float64) *float64 { return &x }

func (f *fixture) set(t *testing.T, ind *indicators.Indicator, u *units.Unit, e indicators.Entry) *indicators.Reported {
	t.Helper()
	e.Unit = u
	if e.Period == "" {
		e.Period = plans.NineMonths
	}
	v, err := indicators.Set(context.Background(), f.db, f.plan, ind, e)
	require.NoError(t, err)
	return v
}

func result(t *testing.T, rs []indicators.Result, code string) indicators.Result {
	t.Helper()
	for _, r := range rs {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no result %s", code)
	return indicators.Result{}
}

// TestRollup: counts add up, ratios are the sum of the numerators over the
// sum of the denominators (not the average of the units' rates), a value
// is the issuer's own, and each says whether its target is met.
func TestRollup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.set(t, f.received, f.centre, indicators.Entry{Value: num(40000)})
	f.set(t, f.received, f.ward, indicators.Entry{Value: num(10176)})
	// 99% and 90%: the average of the rates would be 94,5%; the dossiers say 98,78%.
	f.set(t, f.onTime, f.centre, indicators.Entry{Numerator: num(39600), Denominator: num(40000)})
	f.set(t, f.onTime, f.ward, indicators.Entry{Numerator: num(900), Denominator: num(1000)})
	f.set(t, f.sp, f.city, indicators.Entry{Value: num(90.2), Evidence: "Báo cáo SIPAS số 12/BC-UBND"})
	f.set(t, f.sp, f.ward, indicators.Entry{Value: num(80)})
	// Another period and another year do not count.
	f.set(t, f.received, f.centre, indicators.Entry{Period: plans.H1, Value: num(25000)})

	rs, err := indicators.Results(ctx, f.db, f.plan, plans.NineMonths)
	require.NoError(t, err)
	r := result(t, rs, indicators.CodeReceived)
	require.Equal(t, 50176.0, *r.Actual)
	require.Equal(t, "50.176", r.ActualText())
	require.Equal(t, 2, r.Units)
	require.Nil(t, r.Met, "no target")

	r = result(t, rs, indicators.CodeOnTime)
	require.InDelta(t, 40500.0/41000*100, *r.Actual, 1e-9)
	require.Equal(t, 40500.0, *r.Numerator)
	require.Equal(t, 41000.0, *r.Denominator)
	require.Equal(t, "40.500/41.000", r.RatioText())
	require.Equal(t, "98,78%", r.ActualText())
	require.True(t, *r.Met)

	r = result(t, rs, indicators.CodeSIPAS)
	require.Equal(t, 90.2, *r.Actual, "the city's own score, not a sum")
	require.True(t, *r.Met)
	require.Equal(t, "90,2%", r.ActualText())

	s := indicators.Summarise(rs)
	require.Equal(t, indicators.Summary{Met: 2, Assessed: 2, Targets: 4}, s)
	require.Equal(t, "2/2 chỉ tiêu đạt", s.Text())

	// The ward's own subtree, for the consolidated table.
	by, err := indicators.ResultsByUnit(ctx, f.db, f.plan.ID, 2024, plans.NineMonths, []units.Unit{*f.ward, *f.centre})
	require.NoError(t, err)
	ward := result(t, by[f.ward.ID], indicators.CodeOnTime)
	require.InDelta(t, 90.0, *ward.Actual, 1e-9)
	require.False(t, *ward.Met)
	require.Equal(t, 80.0, *result(t, by[f.ward.ID], indicators.CodeSIPAS).Actual)
	require.Nil(t, result(t, by[f.centre.ID], indicators.CodeSIPAS).Actual)

	// A plan target overrides the catalogue's; the target is versioned.
	ind, err := indicators.SetTarget(ctx, f.db, f.plan.ID, f.onTime.ID, num(99), 0)
	require.NoError(t, err)
	require.Equal(t, 99.0, *ind.Target)
	_, err = indicators.SetTarget(ctx, f.db, f.plan.ID, f.onTime.ID, num(97), 0)
	require.ErrorIs(t, err, errs.Stale)
	rs, err = indicators.Results(ctx, f.db, f.plan, plans.NineMonths)
	require.NoError(t, err)
	require.False(t, *result(t, rs, indicators.CodeOnTime).Met, "98,78% < 99%")
	_, err = indicators.SetTarget(ctx, f.db, f.plan.ID, f.onTime.ID, nil, 1)
	require.NoError(t, err)
	rs, err = indicators.Results(ctx, f.db, f.plan, plans.NineMonths)
	require.NoError(t, err)
	require.Nil(t, result(t, rs, indicators.CodeOnTime).Target, "the plan sets none")
}

func TestValuesChecked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	bad := func(ind *indicators.Indicator, e indicators.Entry, field string) {
		t.Helper()
		if e.Unit == nil {
			e.Unit = f.centre
		}
		if e.Period == "" {
			e.Period = plans.Q3
		}
		_, err := indicators.Set(ctx, f.db, f.plan, ind, e)
		require.ErrorIs(t, err, errs.Invalid)
		ee, _ := errs.As(err)
		require.Equal(t, field, ee.Field, "%+v", e)
	}
	bad(f.onTime, indicators.Entry{Value: num(98)}, "value")
	bad(f.onTime, indicators.Entry{Numerator: num(5)}, "denominator")
	bad(f.onTime, indicators.Entry{Numerator: num(5), Denominator: num(0)}, "denominator")
	bad(f.onTime, indicators.Entry{Numerator: num(6), Denominator: num(5)}, "numerator")
	bad(f.received, indicators.Entry{Value: num(1.5)}, "value")
	bad(f.received, indicators.Entry{Value: num(-1)}, "value")
	bad(f.received, indicators.Entry{}, "value")
	bad(f.received, indicators.Entry{Value: num(3), Numerator: num(1), Denominator: num(2)}, "numerator")
	bad(f.received, indicators.Entry{Value: num(3), Period: "q5"}, "period")
	bad(f.received, indicators.Entry{Value: num(3), Unit: f.other}, "unit")
	n, err := f.db.NewSelect().Table("indicator_values").Count(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "nothing written")

	// Optimistic versions: a value read at version 1 cannot overwrite version 2.
	v := f.set(t, f.received, f.centre, indicators.Entry{Value: num(10), Version: ptr(0)})
	require.Equal(t, 1, v.Version)
	v = f.set(t, f.received, f.centre, indicators.Entry{Value: num(12), Version: ptr(1)})
	require.Equal(t, 2, v.Version)
	_, err = indicators.Set(ctx, f.db, f.plan, f.received, indicators.Entry{Period: plans.NineMonths, Unit: f.centre, Value: num(13), Version: ptr(1)})
	require.ErrorIs(t, err, errs.Stale)

	// The plan's own indicators: codes are unique among the plan's and the standard ones.
	_, err = indicators.Create(ctx, f.db, f.plan.ID, indicators.New{Code: "SIPAS", Name: "Trùng mã", Kind: indicators.Value})
	require.ErrorIs(t, err, errs.Invalid)
	own, err := indicators.Create(ctx, f.db, f.plan.ID, indicators.New{Code: "thoi gian giam", Name: "Tỷ lệ cắt giảm thời gian giải quyết TTHC",
		Kind: indicators.Ratio, Target: num(30)})
	require.NoError(t, err)
	require.Equal(t, "THOI_GIAN_GIAM", own.Code)
	require.Equal(t, "%", own.UnitOfMeasure)
	require.Equal(t, 30.0, *own.Target)
	require.Equal(t, "≥ 30%", own.TargetText())
	_, err = indicators.Create(ctx, f.db, f.plan.ID, indicators.New{Code: "X", Name: "Tỷ lệ", Kind: indicators.Ratio, Target: num(130)})
	require.ErrorIs(t, err, errs.Invalid)
	is, err := indicators.ForPlan(ctx, f.db, f.plan.ID)
	require.NoError(t, err)
	require.Len(t, is, 7)
	require.Equal(t, own.ID, is[6].ID, "the plan's own come after the standard ones")
}

func ptr[T any](v T) *T { return &v }

// TestTemplate writes the template, fills it as a unit would (Vietnamese
// number formats included) and reads it back; a faulty row names its line
// and column.
func TestTemplate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.set(t, f.received, f.centre, indicators.Entry{Period: plans.Q3, Value: num(7)})
	is, err := indicators.ForPlan(ctx, f.db, f.plan.ID)
	require.NoError(t, err)
	vs, err := indicators.Values(ctx, f.db, f.plan.ID, f.city, 2024, plans.Q3)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	var buf bytes.Buffer
	us := []units.Unit{*f.centre, *f.ward}
	require.NoError(t, indicators.WriteTemplate(&buf, f.plan, plans.Q3, is, us, vs))

	x, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	rows, err := x.GetRows(indicators.SheetTemplate)
	require.NoError(t, err)
	require.Len(t, rows, 5+len(is)*len(us))
	require.Equal(t, []string{"TTHC_RECEIVED", "Số hồ sơ thủ tục hành chính tiếp nhận", "hồ sơ", "Số lượng", "TTHC"}, rows[5][:5])
	require.Equal(t, "7", rows[5][6], "prefilled")
	// Row 9 (TTHC_ON_TIME, the centre) and row 10 (the ward): ratios typed as Vietnamese write them.
	require.Equal(t, "TTHC_ON_TIME", rows[7][0])
	require.NoError(t, x.SetCellValue(indicators.SheetTemplate, "H8", "49.636"))
	require.NoError(t, x.SetCellValue(indicators.SheetTemplate, "I8", "50.648"))
	require.NoError(t, x.SetCellValue(indicators.SheetTemplate, "J8", "Báo cáo số 96/BC-TTHC"))
	var out bytes.Buffer
	require.NoError(t, x.Write(&out))
	got, err := indicators.Read(bytes.NewReader(out.Bytes()), f.plan.ID, plans.Q3)
	require.NoError(t, err)
	require.Len(t, got, 2, "the prefilled row and the typed one; empty rows are skipped")
	require.Equal(t, 8, got[1].Line)
	require.Equal(t, 49636.0, *got[1].Numerator)
	require.Equal(t, 50648.0, *got[1].Denominator)
	require.Equal(t, "Báo cáo số 96/BC-TTHC", got[1].Evidence)

	_, err = indicators.Read(bytes.NewReader(out.Bytes()), f.plan.ID, plans.H1)
	require.ErrorIs(t, err, errs.Invalid, "a template of another period")

	require.NoError(t, x.SetCellValue(indicators.SheetTemplate, "I9", "năm mươi"))
	out.Reset()
	require.NoError(t, x.Write(&out))
	_, err = indicators.Read(bytes.NewReader(out.Bytes()), f.plan.ID, plans.Q3)
	require.ErrorIs(t, err, errs.Invalid)
	require.Contains(t, errs.Message(i18n.VI, err), "dòng 9, cột Mẫu số")

	_, err = indicators.Read(bytes.NewReader([]byte("not a workbook")), f.plan.ID, plans.Q3)
	require.ErrorIs(t, err, errs.Invalid)
}
