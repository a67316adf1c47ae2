package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// demoPlan loads the demo data into a fresh database and returns it with
// the id of the city's 2024 plan.
func demoPlan(t testing.TB) (*bun.DB, int64) {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	_, err := demo.Load(ctx, db, time.Now())
	require.NoError(t, err)
	city, err := units.ByCode(ctx, db, "TP")
	require.NoError(t, err)
	plan, err := plans.ByUnitYear(ctx, db, city.ID, 2024)
	require.NoError(t, err)
	return db, plan.ID
}

// TestDemo2024 builds the demo plan's 9-month report once and checks it and
// the documents written from it.
func TestDemo2024(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, planID := demoPlan(t)
	r, err := reports.Build(ctx, db, planID, plans.NineMonths, plans.SchemeDecree)
	require.NoError(t, err)

	t.Run("figures", func(t *testing.T) {
		t.Parallel()
		require.Equal(t, civil.MustParse("2023-12-15"), r.From)
		require.Equal(t, civil.MustParse("2024-09-14"), r.To)
		require.Equal(t, r.To, r.AsOf)
		require.Equal(t, 59, r.Counts.Total)
		require.Equal(t, 54, r.Counts.Completed)
		require.Equal(t, 91.5, r.Counts.Percent)
		require.Equal(t, 4, r.Counts.CompletedLate)
		require.Equal(t, 5, r.Counts.Continuous)
		require.Equal(t, "54/59 nhiệm vụ, đạt 91,5%", r.Counts.Headline())
		require.Empty(t, r.Overdue)

		require.Equal(t, "215/KH-UBND", r.Plan.Number)
		require.Equal(t, "UBND thành phố Sơn Hà", r.Plan.UnitName)
		require.Equal(t, "THÀNH PHỐ SƠN HÀ", r.Letterhead.Issuer)
		require.Equal(t, "Sơn Hà", r.Letterhead.Place)
		require.Equal(t, "Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2024", r.Subject())

		require.Len(t, r.ByArea, 8)
		total := 0
		for _, a := range r.ByArea {
			total += a.Total
			require.LessOrEqual(t, len(a.Results), 3)
		}
		require.Equal(t, 59, total)
		require.NotEmpty(t, r.ByUnit)

		require.Len(t, r.Rows, 59)
		var late []string
		for i, row := range r.Rows {
			require.Equal(t, fmt.Sprint(i+1), row.Number, "annex order")
			require.NotEmpty(t, row.LeadUnit)
			require.NotEmpty(t, row.StatusText)
			if row.Status.Completed() {
				require.NotEmpty(t, row.Note, "task %s", row.Number)
				require.False(t, row.CompletedOn.After(r.To))
			}
			if row.Status == tasks.StatusCompletedLate {
				late = append(late, row.Number)
			}
		}
		require.Equal(t, []string{"3", "11", "16", "47"}, late)
		require.Equal(t, "352/QĐ-UBND", r.Rows[0].EvidenceNumber)
		require.Equal(t, civil.MustParse("2024-02-19"), r.Rows[0].EvidenceDate)

		require.Contains(t, r.Narrative.Assessment, "Tính đến ngày 14/9/2024, đã hoàn thành 54/59 nhiệm vụ, đạt 91,5%")
		for _, s := range []string{r.Narrative.Limitations, r.Narrative.Directions, r.Narrative.Proposals} {
			require.NotEmpty(t, s)
		}
	})

	t.Run("snapshot", func(t *testing.T) {
		t.Parallel()
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back reports.Report
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, *r, back)

		// The writers need nothing but the snapshot.
		var a, c bytes.Buffer
		require.NoError(t, reports.WriteDOCX(&a, r))
		require.NoError(t, reports.WriteDOCX(&c, &back))
		require.Equal(t, a.Bytes(), c.Bytes())
	})

	t.Run("bad input", func(t *testing.T) {
		t.Parallel()
		_, err := reports.Build(ctx, db, planID, "q5", plans.SchemeDecree)
		require.Error(t, err)
		_, err = reports.Build(ctx, db, planID, plans.Q1, "fiscal")
		require.Error(t, err)
		_, err = reports.Build(ctx, db, 1<<40, plans.Q1, plans.SchemeDecree)
		require.ErrorIs(t, err, errs.NotFound)
	})

	t.Run("docx", func(t *testing.T) { t.Parallel(); testDemoDOCX(t, r) })
	t.Run("pdf", func(t *testing.T) { t.Parallel(); testDemoPDF(t, r) })
	t.Run("xlsx", func(t *testing.T) { t.Parallel(); testDemoXLSX(t, r) })
}

// TestCutOff checks that a report knows only what was recorded by the end
// of its cut-off day: a completion recorded one day after (even with an
// earlier evidence date) is not counted, one recorded late on the day is.
func TestCutOff(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)

	city := &units.Unit{Code: "TPT", Name: "UBND thành phố Thử Nghiệm", Kind: units.KindCity}
	require.NoError(t, units.Create(ctx, db, city))
	lead := &units.Unit{Code: "PTP", Name: "Phòng Tư pháp", Kind: units.KindDepartment, ParentID: city.ID}
	require.NoError(t, units.Create(ctx, db, lead))
	plan := &plans.Plan{UnitID: city.ID, Year: 2024, Number: "12/KH-UBND", Title: "Kế hoạch cải cách hành chính năm 2024",
		IssuedOn: civil.MustParse("2023-12-20"), State: plans.StateIssued}
	require.NoError(t, plans.Insert(ctx, db, plan))
	area, err := plans.InsertArea(ctx, db, plan.ID, "Cải cách thể chế")
	require.NoError(t, err)

	newTask := func(number, deadline string) *tasks.Task {
		tk, err := tasks.Insert(ctx, db, tasks.NewTask{PlanID: plan.ID, AreaID: area.ID, Number: number,
			Title: "Nhiệm vụ " + number, LeadUnitID: lead.ID, Deadline: deadline, PlanYear: 2024})
		require.NoError(t, err)
		return tk
	}
	// post records p; completions are confirmed at once (as when the
	// secretariat posts them) unless claim is set.
	post := func(tk *tasks.Task, at time.Time, p tasks.Progress, claim ...bool) {
		cur, err := tasks.Get(ctx, db, tk.ID)
		require.NoError(t, err)
		p.UnitID, p.Version, p.At = lead.ID, cur.Version, at
		p.Confirm = len(claim) == 0
		_, err = tasks.Post(ctx, db, tk.ID, p)
		require.NoError(t, err)
	}
	day := func(s string) time.Time { return civil.MustParse(s).Start() }

	// 1: in progress at the cut-off, completed the next morning with
	// evidence dated before the cut-off.
	t1 := newTask("1", "30/9/2024")
	post(t1, day("2024-08-01").Add(9*time.Hour), tasks.Progress{Percent: 50, Note: "Đang dự thảo kế hoạch."})
	post(t1, day("2024-09-15").Add(30*time.Minute), tasks.Progress{Completed: true, Note: "Đã ban hành Kế hoạch.",
		EvidenceNumber: "88/KH-UBND", EvidenceDate: civil.MustParse("2024-09-12")})
	// 2: completed late, recorded at 23:30 on the cut-off day.
	t2 := newTask("2", "30/6/2024")
	post(t2, day("2024-09-14").Add(23*time.Hour+30*time.Minute), tasks.Progress{Completed: true, Note: "Đã hoàn thành."})
	// 3: nothing recorded; overdue since 31/8.
	newTask("3", "31/8/2024")
	// 4: continuous.
	t4 := newTask("4", "Thường xuyên")
	post(t4, day("2024-03-01"), tasks.Progress{Percent: 30, Note: "Đang triển khai."})

	// 5: due 31/8, extended on 20/8 to 31/10: within its deadline at the cut-off.
	t5 := newTask("5", "31/8/2024")
	post(t5, day("2024-07-01"), tasks.Progress{Percent: 40, Note: "Đang khảo sát."})
	_, err = tasks.RequestExtension(ctx, db, t5.ID, lead.ID, 0, civil.MustParse("2024-10-31"), "Chờ văn bản hướng dẫn của Bộ.", day("2024-08-15"))
	require.NoError(t, err)
	_, err = tasks.DecideExtension(ctx, db, t5.ID, 0, true, "", day("2024-08-20"))
	require.NoError(t, err)
	// 6: claimed done on 2/9, returned by the secretariat on 5/9: in progress again.
	t6 := newTask("6", "30/9/2024")
	post(t6, day("2024-08-01"), tasks.Progress{Percent: 60, Note: "Đang thực hiện."})
	post(t6, day("2024-09-02"), tasks.Progress{Completed: true, Note: "Đã xong."}, true)
	require.NoError(t, tasks.Decide(ctx, db, t6.ID, tasks.Review{Reason: "Thiếu văn bản kiểm chứng.", At: day("2024-09-05")}))
	// 7: claimed on 10/9, confirmed only on 16/9, after the cut-off.
	t7 := newTask("7", "30/9/2024")
	post(t7, day("2024-09-10"), tasks.Progress{Completed: true, Note: "Đã ban hành.", EvidenceNumber: "90/QĐ-UBND", EvidenceDate: civil.MustParse("2024-09-09")}, true)
	require.NoError(t, tasks.Decide(ctx, db, t7.ID, tasks.Review{Confirm: true, At: day("2024-09-16")}))

	r, err := reports.Build(ctx, db, plan.ID, plans.Q3, plans.SchemeDecree)
	require.NoError(t, err)
	require.Equal(t, civil.MustParse("2024-09-14"), r.AsOf)
	require.Equal(t, 7, r.Counts.Total)
	require.Equal(t, 1, r.Counts.Completed)
	require.Equal(t, 1, r.Counts.CompletedLate)
	require.Equal(t, 4, r.Counts.InProgress, "1, the extended 5, the returned 6 and the unconfirmed 7")
	require.Equal(t, 1, r.Counts.Overdue)
	require.Equal(t, 1, r.Counts.Continuous)
	require.Equal(t, 14.3, r.Counts.Percent)
	require.Equal(t, "31/8/2024 (gia hạn đến 31/10/2024)", r.Rows[4].Deadline, "the report says the deadline was extended")
	require.Contains(t, r.Rows[6].StatusText, "chờ xác nhận")

	row := r.Rows[0]
	require.Equal(t, tasks.StatusInProgress, row.Status)
	require.Equal(t, "Đang dự thảo kế hoạch.", row.Note, "the result as known at the cut-off")
	require.Empty(t, row.EvidenceNumber)
	require.Equal(t, civil.MustParse("2024-09-14"), r.Rows[1].CompletedOn)
	require.Equal(t, "Hoàn thành quá hạn", r.Rows[1].StatusText)

	require.Len(t, r.Overdue, 1)
	require.Equal(t, "3", r.Overdue[0].Number)
	require.Equal(t, "Phòng Tư pháp", r.Overdue[0].LeadUnit)
	require.Equal(t, 14, r.Overdue[0].DaysOverdue)
	require.Contains(t, r.Narrative.Limitations, "Phòng Tư pháp (1 nhiệm vụ)")

	// The calendar quarter ends on 30/9 and so knows of the completion.
	r, err = reports.Build(ctx, db, plan.ID, plans.Q3, plans.SchemeCalendar)
	require.NoError(t, err)
	require.Equal(t, 3, r.Counts.Completed, "1 and, confirmed on 16/9, 7")
	require.Equal(t, tasks.StatusCompletedOnTime, r.Rows[0].Status)
	require.Equal(t, civil.MustParse("2024-09-12"), r.Rows[0].CompletedOn)
	require.Equal(t, "88/KH-UBND", r.Rows[0].EvidenceNumber)
	require.Equal(t, "Đã ban hành Kế hoạch.", r.Rows[0].Note)
}
