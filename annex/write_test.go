package annex

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// memPlan is a small plan built in memory, as plans.Get and tasks.ForPlan
// would load it.
func memPlan(t testing.TB) (*plans.Plan, []plans.Area, []tasks.Task) {
	us := memUnits()
	unit := func(code string) *units.Unit { u := us[code]; return &u }
	tp := unit("TP")
	p := &plans.Plan{ID: 1, UnitID: tp.ID, Unit: tp, Year: 2025, Number: "123/KH-UBND", Title: "Kế hoạch cải cách hành chính năm 2025", IssuedOn: civil.New(2024, 12, 25)}
	as := []plans.Area{{ID: 10, Label: "I", Name: "Công tác chỉ đạo, điều hành"}, {ID: 11, Label: "II", Name: "Cải cách thể chế"}}
	task := func(id, area int64, number, title, lead string, coord []string, output, dl, desc string) tasks.Task {
		d, err := deadline.Parse(dl, 2025)
		require.NoError(t, err)
		tk := tasks.Task{ID: id, AreaID: area, Number: number, Title: title, LeadUnit: unit(lead), LeadUnitID: us[lead].ID,
			Output: output, DeadlineText: d.Text, DeadlineKind: d.Kind, DeadlineDate: d.Date, RecurMonths: d.EveryMonths, Description: desc}
		for _, c := range coord {
			tk.Coordinators = append(tk.Coordinators, us[c])
		}
		return tk
	}
	ts := []tasks.Task{
		task(1, 10, "1", "Ban hành kế hoạch\n- giao chỉ tiêu", "PNV", []string{"VP", "PTP"}, "Kế hoạch", "Trước 31/1", ""),
		task(2, 10, "1.1", "Kiểm tra", "PTP", []string{"PLDTBXH", "P-HOAAN"}, "", "Quý II", "Phối hợp: Các cơ quan, đơn vị liên quan"),
		task(3, 11, "2", "Rà soát", "P-HOAAN", nil, "Báo cáo", "Thường xuyên", "Ưu tiên hồ sơ đất đai\nPhối hợp: các phòng, ban"),
	}
	return p, as, ts
}

func TestWriteLayout(t *testing.T) {
	t.Parallel()
	p, as, ts := memPlan(t)
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, p, as, ts))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	require.Equal(t, []string{SheetName}, f.GetSheetList())
	get := func(c string) string {
		v, err := f.GetCellValue(SheetName, c)
		require.NoError(t, err)
		return v
	}
	require.Equal(t, "PHỤ LỤC", get("A1"))
	require.Equal(t, p.Title, get("A2"))
	require.Equal(t, "(Kèm theo Kế hoạch số 123/KH-UBND ngày 25/12/2024 của UBND thành phố Sơn Hà)", get("A3"))
	var header []string
	for _, c := range []string{"A5", "B5", "C5", "D5", "E5", "F5", "G5"} {
		header = append(header, get(c))
	}
	// A task has a remark beside its notes: the seventh column appears.
	require.Equal(t, []string{"TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm (Kết quả)", "Thời gian hoàn thành", "Ghi chú"}, header)
	require.Equal(t, "I", get("A6"))
	require.Equal(t, "Công tác chỉ đạo, điều hành", get("B6"))
	require.Equal(t, "Văn phòng HĐND và UBND thành phố\nPhòng Tư pháp", get("D7"))
	require.Equal(t, "Phòng Lao động - Thương binh và Xã hội\nUBND phường Hòa An\nCác cơ quan, đơn vị liên quan", get("D8"))
	require.Equal(t, "Ưu tiên hồ sơ đất đai", get("G10"))
	merges, err := f.GetMergeCells(SheetName)
	require.NoError(t, err)
	var ranges []string
	for _, m := range merges {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	require.Subset(t, ranges, []string{"A1:G1", "A2:G2", "A3:G3", "B6:G6", "B9:G9"})

	panes, err := f.GetPanes(SheetName)
	require.NoError(t, err)
	require.True(t, panes.Freeze)
	require.Equal(t, 5, panes.YSplit)
	layout, err := f.GetPageLayout(SheetName)
	require.NoError(t, err)
	require.Equal(t, 9, *layout.Size)
	require.Equal(t, "landscape", *layout.Orientation)
	st, err := f.GetCellStyle(SheetName, "B7")
	require.NoError(t, err)
	style, err := f.GetStyle(st)
	require.NoError(t, err)
	require.Equal(t, "Times New Roman", style.Font.Family)
	require.True(t, style.Alignment.WrapText)
	st, err = f.GetCellStyle(SheetName, "B6")
	require.NoError(t, err)
	style, err = f.GetStyle(st)
	require.NoError(t, err)
	require.True(t, style.Font.Bold)

	// And it reads back.
	buf.Reset()
	require.NoError(t, Write(&buf, p, as, ts))
	d, err := Read(&buf, int64(buf.Len()), memMatcher(t, "TP"), 2025)
	require.NoError(t, err)
	require.Equal(t, "2 nội dung, 3 nhiệm vụ", d.Summary())
	require.Equal(t, "Ưu tiên hồ sơ đất đai\nPhối hợp: các phòng, ban", d.Areas[1].Tasks[0].Description())
	require.Equal(t, ts[1].Description, d.Areas[0].Tasks[1].Description())
	require.Equal(t, p.Number, d.Number)
	require.Equal(t, p.IssuedOn, d.IssuedOn)
}

// loaded is a plan as the database holds it.
type loaded struct {
	plan  *plans.Plan
	areas []plans.Area
	tasks []tasks.Task
}

func load(t testing.TB, db bun.IDB, id int64) loaded {
	t.Helper()
	ctx := context.Background()
	p, err := plans.Get(ctx, db, id)
	require.NoError(t, err)
	as, err := plans.Areas(ctx, db, id)
	require.NoError(t, err)
	ts, err := tasks.ForPlan(ctx, db, id)
	require.NoError(t, err)
	return loaded{p, as, ts}
}

// roundTrip exports plan id, imports the file for the unit root and year,
// and checks that the new plan is the same plan.
func roundTrip(t *testing.T, db bun.IDB, id int64, root units.Unit, year int) loaded {
	t.Helper()
	ctx := context.Background()
	orig := load(t, db, id)
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, orig.plan, orig.areas, orig.tasks))
	d, err := Read(&buf, int64(buf.Len()), dbMatcher(t, db, root), year)
	require.NoError(t, err)
	newID, err := Apply(ctx, db, d, root.ID, year, "", "")
	require.NoError(t, err)
	got := load(t, db, newID)

	require.Equal(t, orig.plan.Title, got.plan.Title)
	require.Equal(t, orig.plan.Number, got.plan.Number)
	require.Equal(t, orig.plan.IssuedOn, got.plan.IssuedOn)
	require.Equal(t, year, got.plan.Year)
	require.Equal(t, plans.StateDraft, got.plan.State)
	require.Len(t, got.areas, len(orig.areas))
	areaPos := map[int64]int{}
	for i, a := range orig.areas {
		require.Equal(t, a.Label, got.areas[i].Label)
		require.Equal(t, a.Name, got.areas[i].Name)
		require.Equal(t, a.Position, got.areas[i].Position)
		areaPos[a.ID] = i
	}
	require.Len(t, got.tasks, len(orig.tasks))
	for i, o := range orig.tasks {
		g := got.tasks[i]
		msg := fmt.Sprintf("task %s", o.Number)
		require.Equal(t, got.areas[areaPos[o.AreaID]].ID, g.AreaID, msg)
		require.Equal(t, o.Position, g.Position, msg)
		require.Equal(t, o.Number, g.Number, msg)
		require.Equal(t, o.Title, g.Title, msg)
		require.Equal(t, o.Description, g.Description, msg)
		require.Equal(t, o.Output, g.Output, msg)
		require.Equal(t, o.LeadUnitID, g.LeadUnitID, msg)
		require.Equal(t, unitIDs(o.Coordinators), unitIDs(g.Coordinators), msg)
		require.Equal(t, o.DeadlineText, g.DeadlineText, msg)
		require.Equal(t, o.DeadlineKind, g.DeadlineKind, msg)
		require.Equal(t, o.RecurMonths, g.RecurMonths, msg)
		// A deadline that omits the year falls in the new plan's year.
		want, err := deadline.Parse(o.DeadlineText, year)
		require.NoError(t, err)
		require.Equal(t, want.Date, g.DeadlineDate, msg)
		if year == o.PlanYear || strings.Contains(o.DeadlineText, fmt.Sprint(o.PlanYear)) {
			require.Equal(t, o.DeadlineDate, g.DeadlineDate, msg)
		}
	}
	return got
}

func unitIDs(us []units.Unit) []int64 {
	out := make([]int64, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}

func TestRoundTripRealistic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	us := dbUnits(t, db)
	_, err := AddAlias(ctx, db, us["PTP"].ID, "Phòng Tư pháp - Hộ tịch")
	require.NoError(t, err)
	b, _ := realistic(t)
	d, err := b.read(dbMatcher(t, db, us["TP"]), 2025)
	require.NoError(t, err)
	id, err := Apply(ctx, db, d, us["TP"].ID, 2025, "", "")
	require.NoError(t, err)
	// Notes (kept in descriptions), groups expanded to units, sub-task
	// numbers, recurring and continuous deadlines all survive.
	got := roundTrip(t, db, id, us["TP"], 2026)
	require.Equal(t, "Phối hợp: Các sở, ban, ngành; các phòng, ban", got.tasks[13].Description)
	// A task edited to carry a remark besides its notes.
	_, err = db.NewUpdate().Table("tasks").Set("description = ?", "Ưu tiên hồ sơ đất đai\nPhối hợp: các phòng, ban").
		Where("plan_id = ? AND number = ?", id, "3.1").Exec(ctx)
	require.NoError(t, err)
	roundTrip(t, db, id, us["TP"], 2027)
}
