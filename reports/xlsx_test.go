package reports_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"cchc/reports"
	"cchc/tasks"
)

func openXLSX(t *testing.T, r *reports.Report) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, reports.WriteXLSX(&buf, r))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	require.Equal(t, []string{reports.SheetSummary, reports.SheetTasks, reports.SheetAreas, reports.SheetUnits, reports.SheetOverdue}, f.GetSheetList())
	return f
}

// value reads a cell as written (for formulas, the cached value).
func value(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	return v
}

// calc computes a formula cell, checking it is one.
func calc(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	formula, err := f.GetCellFormula(sheet, cell)
	require.NoError(t, err)
	require.NotEmpty(t, formula, "%s!%s is a formula", sheet, cell)
	v, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	require.NoError(t, err, "%s!%s = %s", sheet, cell, formula)
	x, err := strconv.ParseFloat(v, 64)
	require.NoError(t, err, "%s!%s = %s gives %q", sheet, cell, formula, v)
	cached, err := strconv.ParseFloat(value(t, f, sheet, cell), 64)
	require.NoError(t, err)
	require.InDelta(t, cached, x, 1e-9, "%s!%s: cached value and formula agree", sheet, cell)
	return x
}

func testDemoXLSX(t *testing.T, r *reports.Report) {
	f := openXLSX(t, r)

	// The summary: figures as formulas on the by-area totals.
	require.Equal(t, "Tổng số nhiệm vụ", value(t, f, reports.SheetSummary, "A6"))
	require.Equal(t, 59.0, calc(t, f, reports.SheetSummary, "B6"))
	require.Equal(t, "Đã hoàn thành", value(t, f, reports.SheetSummary, "A7"))
	require.Equal(t, 54.0, calc(t, f, reports.SheetSummary, "B7"))
	require.InDelta(t, 0.915, calc(t, f, reports.SheetSummary, "C7"), 0.0005)
	require.Equal(t, 5.0, calc(t, f, reports.SheetSummary, "B10"), "not completed")
	require.Equal(t, 5.0, calc(t, f, reports.SheetSummary, "B14"), "continuous")
	require.Equal(t, "Kết quả: đã hoàn thành 54/59 nhiệm vụ, đạt 91,5%", value(t, f, reports.SheetSummary, "A16"))
	styleID, err := f.GetCellStyle(reports.SheetSummary, "C7")
	require.NoError(t, err)
	style, err := f.GetStyle(styleID)
	require.NoError(t, err)
	require.NotNil(t, style.CustomNumFmt)
	require.Equal(t, "0.0%", *style.CustomNumFmt)

	// Every task, in annex order, then totals counted from the rows.
	for i, row := range r.Rows {
		n := strconv.Itoa(6 + i)
		require.Equal(t, row.Number, value(t, f, reports.SheetTasks, "A"+n))
		require.Equal(t, row.Title, value(t, f, reports.SheetTasks, "C"+n))
		require.Equal(t, row.LeadUnit, value(t, f, reports.SheetTasks, "D"+n))
		require.Equal(t, row.StatusText, value(t, f, reports.SheetTasks, "I"+n))
	}
	require.Empty(t, value(t, f, reports.SheetTasks, "C65"))
	require.Equal(t, "Tổng số nhiệm vụ", value(t, f, reports.SheetTasks, "B66"))
	require.Equal(t, 59.0, calc(t, f, reports.SheetTasks, "C66"))
	require.Equal(t, 54.0, calc(t, f, reports.SheetTasks, "C67"))
	require.InDelta(t, 54.0/59, calc(t, f, reports.SheetTasks, "C68"), 1e-9)

	// By area: rows I–VIII, then sums.
	for i, a := range r.ByArea {
		n := strconv.Itoa(6 + i)
		require.Equal(t, a.Label, value(t, f, reports.SheetAreas, "A"+n))
		require.Equal(t, a.Name, value(t, f, reports.SheetAreas, "B"+n))
		require.Equal(t, float64(a.Total), calc(t, f, reports.SheetAreas, "C"+n))
		require.Equal(t, float64(a.Completed), calc(t, f, reports.SheetAreas, "J"+n))
	}
	require.Equal(t, "Tổng cộng", value(t, f, reports.SheetAreas, "B14"))
	require.Equal(t, 59.0, calc(t, f, reports.SheetAreas, "C14"))
	require.Equal(t, 50.0, calc(t, f, reports.SheetAreas, "D14"))
	require.Equal(t, 4.0, calc(t, f, reports.SheetAreas, "E14"))
	require.Equal(t, 5.0, calc(t, f, reports.SheetAreas, "I14"))
	require.Equal(t, 54.0, calc(t, f, reports.SheetAreas, "J14"))
	require.InDelta(t, 54.0/59, calc(t, f, reports.SheetAreas, "K14"), 1e-9)

	// By unit: the same total.
	last := strconv.Itoa(6 + len(r.ByUnit))
	require.Equal(t, "Tổng cộng", value(t, f, reports.SheetUnits, "B"+last))
	require.Equal(t, 59.0, calc(t, f, reports.SheetUnits, "C"+last))
	require.Equal(t, 54.0, calc(t, f, reports.SheetUnits, "J"+last))

	// No overdue task at the 9-month cut-off.
	require.Equal(t, "Không có nhiệm vụ quá hạn tại thời điểm báo cáo.", value(t, f, reports.SheetOverdue, "A6"))

	// Layout: frozen header, filters, print titles.
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		require.True(t, panes.Freeze, sheet)
		require.Equal(t, 5, panes.YSplit, sheet)
		layout, err := f.GetPageLayout(sheet)
		require.NoError(t, err)
		require.Equal(t, 9, *layout.Size, "A4")
		require.Equal(t, 1, *layout.FitToWidth)
		props, err := f.GetSheetProps(sheet)
		require.NoError(t, err)
		require.True(t, *props.FitToPage, sheet)
	}
	names := map[string]bool{}
	for _, n := range f.GetDefinedName() {
		names[n.Scope+" "+n.Name] = true
	}
	require.True(t, names[reports.SheetTasks+" _xlnm.Print_Titles"])
	require.True(t, names[reports.SheetTasks+" _xlnm._FilterDatabase"])
}

func TestWriteXLSXOverdue(t *testing.T) {
	t.Parallel()
	statuses := []tasks.Status{tasks.StatusOverdue, tasks.StatusCompletedOnTime, tasks.StatusOverdue, tasks.StatusInProgress,
		tasks.StatusNotStarted, tasks.StatusCompletedLate, tasks.StatusContinuous, tasks.StatusOverdue}
	r := fixtureReport(statuses...)
	f := openXLSX(t, r)
	require.Len(t, r.Overdue, 3)
	require.Equal(t, r.Overdue[0].Title, value(t, f, reports.SheetOverdue, "C6"))
	require.Equal(t, "76", value(t, f, reports.SheetOverdue, "H6"))
	require.Equal(t, 3.0, calc(t, f, reports.SheetOverdue, "H10"))
	require.Equal(t, 8.0, calc(t, f, reports.SheetSummary, "B6"))
	require.Equal(t, 2.0, calc(t, f, reports.SheetSummary, "B7"))
	require.Equal(t, 3.0, calc(t, f, reports.SheetSummary, "B12"), "overdue")
	require.Equal(t, 6.0, calc(t, f, reports.SheetSummary, "B10"), "not completed")
	require.InDelta(t, 0.25, calc(t, f, reports.SheetSummary, "C7"), 1e-9)
}
