package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

// demoDB is the demo loaded as of snapNow (a Monday in November 2026).
func demoDB(t *testing.T) *bun.DB {
	t.Helper()
	return dbtest.Seeded(t, "demo", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, snapNow)
		return err
	})
}

func planOf(t *testing.T, db *bun.DB, code string, year int) *plans.Plan {
	t.Helper()
	ctx := context.Background()
	u, err := units.ByCode(ctx, db, code)
	require.NoError(t, err)
	p, err := plans.ByUnitYear(ctx, db, u.ID, year)
	require.NoError(t, err)
	return p
}

// TestDemoChain: the province's units have reported on the last quarter
// in every state, some late, and the province's report carries their
// table; a unit that finalises now moves to "finalised", late.
func TestDemoChain(t *testing.T) {
	t.Parallel()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	db := demoDB(t)
	today := civil.In(snapNow)
	province := planOf(t, db, demo.RootCode, today.Year)
	period, err := demo.ChainPeriod(ctx, db, province, today)
	require.NoError(t, err)
	require.Equal(t, plans.Q3, period, "on 23/11 the reports of quý III (cut-off 14/9) are due, those of quý IV not yet")

	c, err := reports.BuildChain(ctx, db, province, period, civil.MustParse("2026-09-14"), today)
	require.NoError(t, err)
	require.Equal(t, civil.MustParse("2026-09-16"), c.Due, "two working days after Monday 14/9")
	require.Len(t, c.Units, len(demo.Submissions))
	by, late := c.Count()
	require.Positive(t, by[reports.SubmissionNotStarted])
	require.Positive(t, by[reports.SubmissionDraft])
	require.Positive(t, by[reports.SubmissionFinalised])
	require.Positive(t, late)
	for _, u := range c.Units {
		want := demo.Submissions[u.UnitCode]
		switch want {
		case demo.SentOnTime:
			require.Equal(t, reports.SubmissionFinalised, u.State, u.UnitCode)
			require.False(t, u.Late, u.UnitCode)
		case demo.SentLate:
			require.Equal(t, reports.SubmissionFinalised, u.State, u.UnitCode)
			require.True(t, u.Late, u.UnitCode)
			require.True(t, civil.In(u.FinalisedAt).After(c.Due), u.UnitCode)
		case demo.Drafted:
			require.Equal(t, reports.SubmissionDraft, u.State, u.UnitCode)
			require.True(t, u.Late, "%s: not sent after the due date", u.UnitCode)
		default:
			require.Equal(t, reports.SubmissionNotStarted, u.State, u.UnitCode)
			require.True(t, u.Late, u.UnitCode)
		}
		require.Positive(t, u.Counts.Total, u.UnitCode)
	}

	// The province's report includes the table, and its figures sum the units'.
	r, err := reports.BuildAt(ctx, db, province.ID, period, plans.SchemeDecree, today)
	require.NoError(t, err)
	require.NotNil(t, r.Chain)
	var buf bytes.Buffer
	require.NoError(t, reports.WriteDOCX(&buf, r))
	text := wordText(t, openDOCX(t, buf.Bytes())["word/document.xml"])
	require.Contains(t, text, "Kết quả thực hiện của các cơ quan, đơn vị")
	require.Contains(t, text, "Số liệu chỉ tiêu của các cơ quan, đơn vị")
	var table *table
	for _, tb := range wordTables(t, openDOCX(t, buf.Bytes())["word/document.xml"]) {
		if len(tb.header) > 1 && tb.header[1] == "Cơ quan, đơn vị" && strings.HasPrefix(tb.header[2], "Hoàn thành") {
			table = &tb
		}
	}
	require.NotNil(t, table, "the table of the units")
	require.Len(t, table.rows, len(c.Units)+1, "a row per unit and the total")
	require.Equal(t, "Văn phòng UBND tỉnh", table.rows[0][1])
	require.Contains(t, table.rows[0][5], "(chậm)")
	require.Equal(t, "Tổng cộng", table.rows[len(c.Units)][1])
	received := 0.0
	for _, u := range c.Units {
		received += u.Indicators["TTHC_RECEIVED"]
	}
	for _, ind := range r.Indicators {
		if ind.Code == "TTHC_RECEIVED" {
			require.Equal(t, received, *ind.Actual, "the province's dossiers are the sum of its units'")
		}
	}

	// A unit that finalises after the due date is finalised, and late.
	laggard := planOf(t, db, "SNNMT", today.Year)
	_, err = reports.FinalizeAt(ctx, db, laggard.ID, period, today, snapNow)
	require.NoError(t, err)
	c, err = reports.BuildChain(ctx, db, province, period, civil.MustParse("2026-09-14"), today)
	require.NoError(t, err)
	for _, u := range c.Units {
		if u.UnitCode == "SNNMT" {
			require.Equal(t, reports.SubmissionFinalised, u.State)
			require.True(t, u.Late)
			require.Equal(t, today, civil.In(u.FinalisedAt))
		}
	}
}

// TestReportFromData: the 2024 report lists the tasks completed late with
// their reasons, gathers the units' proposals and difficulties, states its
// rule for continuous tasks, and section II may follow the six reform
// areas; recipients and the signer come from the plan's settings.
func TestReportFromData(t *testing.T) {
	t.Parallel()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	db := demoDB(t)
	plan := planOf(t, db, demo.CityCode, 2024)
	r, err := reports.Prepare(ctx, db, plan.ID, plans.NineMonths, civil.In(snapNow))
	require.NoError(t, err)
	require.Len(t, r.Late, 4)
	require.Equal(t, "3", r.Late[0].Number)
	require.Equal(t, 8, r.Late[0].DaysLate, "due 31/3, done 8/4")
	require.Contains(t, r.Late[0].Reason, "công bố muộn")
	require.NotEmpty(t, r.Proposals)
	require.NotEmpty(t, r.Difficulties)
	require.Contains(t, r.Narrative.Proposals, "Phòng Y tế (nhiệm vụ 50): Đề nghị Sở Y tế")
	require.Contains(t, r.Narrative.Limitations, "Khó khăn, vướng mắc")
	require.Equal(t, 7, r.ContinuousTasks, "5 under way, 2 closed before the cut-off")
	require.True(t, r.ContinuousFrom.IsZero())
	body := outlineText(r)
	require.Contains(t, body, "Nhiệm vụ 3: Xây dựng, ban hành Kế hoạch khắc phục hạn chế")
	require.Contains(t, body, "chậm 8 ngày). Lý do: Kết quả Chỉ số cải cách hành chính năm 2023")
	require.Contains(t, body, "Nhiệm vụ thường xuyên được tính là hoàn thành khi cơ quan chủ trì báo cáo hoàn thành")
	require.Contains(t, body, "Tính đến ngày 14/9/2024 (thời điểm chốt số liệu báo cáo 9 tháng năm 2024)")
	require.Contains(t, body, "Số hồ sơ thủ tục hành chính tiếp nhận: 50.176 hồ sơ")
	require.Contains(t, body, "Đạt 4/5 chỉ tiêu")
	require.Contains(t, body, "2. Cải cách thể chế", "by the plan's areas")

	// The national layout, the year-end rule, recipients and signer.
	set, err := reports.SettingsOf(ctx, db, plan.ID)
	require.NoError(t, err)
	set.Sections, set.Signer = reports.SectionsNational, "Nguyễn Văn A"
	set.Recipients = []string{"UBND tỉnh Sơn Hà (b/c);", "- Lưu: VT."}
	_, err = reports.SaveSettings(ctx, db, set)
	require.NoError(t, err)
	_, err = reports.SaveSettings(ctx, db, set)
	require.ErrorIs(t, err, reports.ErrSettingsStale, "the version read is stale")
	_, err = plans.SetContinuousRule(ctx, db, plan.ID, plan.Version, true)
	require.NoError(t, err)
	require.NoError(t, tasks.RefreshPlans(ctx, db, plan.ID), "the rule is an input of the status timeline (app.SetReportSettings does both)")
	r, err = reports.Prepare(ctx, db, plan.ID, plans.NineMonths, civil.In(snapNow))
	require.NoError(t, err)
	body = outlineText(r)
	require.Equal(t, []string{"- UBND tỉnh Sơn Hà (b/c);", "- Lưu: VT."}, r.Letterhead.Recipients)
	require.Equal(t, "Nguyễn Văn A", r.Letterhead.SignerLine())
	require.Contains(t, body, "Nhiệm vụ thường xuyên chỉ được tính là hoàn thành từ thời điểm chốt số liệu báo cáo năm (ngày 14/12/2024)")
	require.Contains(t, body, "1. Cải cách thể chế\n")
	require.Contains(t, body, "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số\n")
	i1, i2 := strings.Index(body, "II. Kết quả thực hiện từng nội dung"), strings.Index(body, "Công tác chỉ đạo, điều hành cải cách hành chính\n")
	require.True(t, i2 > 0 && i2 < i1, "the direction area is reported in section I")
	require.Equal(t, 52, r.Counts.Completed, "the two continuous tasks closed before 14/9 count only at the year-end cut-off")
	require.Equal(t, 7, r.Counts.Continuous)

	// At the year-end cut-off of a year-end-rule plan, a continuous task
	// closed in March counts from 14/12 only.
	ts, err := tasks.ForPlan(ctx, db, plan.ID)
	require.NoError(t, err)
	var cont *tasks.Task
	for i := range ts {
		if ts[i].DeadlineText == "Thường xuyên" {
			cont = &ts[i]
			break
		}
	}
	require.NotNil(t, cont)
	require.Equal(t, civil.MustParse("2024-12-14"), cont.Schedule().ContinuousFrom)
}

// outlineText is the report body as text, one block per line.
func outlineText(r *reports.Report) string {
	var b strings.Builder
	for _, bl := range r.Outline() {
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestBeforeCutOff: a report previewed before its cut-off says "tính đến
// ngày", not "thời điểm chốt số liệu".
func TestBeforeCutOff(t *testing.T) {
	t.Parallel()
	r := fixtureReport()
	r.AsOf = r.To.AddDays(-20)
	body := outlineText(r)
	require.Contains(t, body, "Tính đến ngày 25/8/2024, đã hoàn thành 54/59 nhiệm vụ")
	require.NotContains(t, body, "thời điểm chốt số liệu")
}

// TestSignatureNeverAlone renders, through LibreOffice, reports whose body
// ends at every point of a page, and every report of the demo: "Nơi nhận"
// and the signature always share their page with the end of the body.
func TestSignatureNeverAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rs := map[string]*reports.Report{}
	for n := range 8 {
		r := fixtureReport()
		for i := range 3 * n {
			r.Narrative.Proposals += fmt.Sprintf("\n- Kiến nghị bổ sung số %d về việc hướng dẫn triển khai nhiệm vụ cải cách hành chính.", i+1)
		}
		rs[fmt.Sprintf("fixture-%d", n)] = r
	}
	db := demoDB(t)
	today := civil.In(snapNow)
	city := planOf(t, db, demo.CityCode, 2024)
	for _, p := range []plans.Period{plans.Q1, plans.H1, plans.NineMonths, plans.FullYear} {
		r, err := reports.Prepare(ctx, db, city.ID, p, today)
		require.NoError(t, err)
		rs["city-"+string(p)] = r
	}
	province := planOf(t, db, demo.RootCode, today.Year)
	period, err := demo.ChainPeriod(ctx, db, province, today)
	require.NoError(t, err)
	for _, code := range []string{demo.RootCode, demo.SecretariatCode, demo.JusticeCode, "XA-LAMSON"} {
		for _, p := range []plans.Period{period, plans.NineMonths} {
			r, err := reports.Prepare(ctx, db, planOf(t, db, code, today.Year).ID, p, today)
			require.NoError(t, err)
			rs[code+"-"+string(p)] = r
		}
	}
	pages := renderPages(t, rs)
	for name, r := range rs {
		signatureNotAlone(t, name, pages[name], r)
	}
	t.Logf("%d reports rendered", len(rs))
}
