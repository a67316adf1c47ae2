package reports_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
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
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	sheets := []string{reports.SheetSummary, reports.SheetTasks, reports.SheetAreas, reports.SheetUnits, reports.SheetOverdue, reports.SheetIndicators}
	if r.Chain != nil && len(r.Chain.Units) > 0 {
		sheets = append(sheets, reports.SheetChain)
	}
	require.Equal(t, sheets, f.GetSheetList())
	checkXLSXCells(t, buf.Bytes())
	return f
}

// checkXLSXCells reads the worksheets' XML: no formula cell with a numeric
// result is marked as text (a reader that does not calculate, such as
// pandas, would get the string "0.915"), and every column used has a width.
func checkXLSXCells(t *testing.T, b []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	textFormula := regexp.MustCompile(`<c [^>]*t="str"[^>]*><f>[^<]*</f><v>-?[0-9][0-9.]*(?:[Ee][+-]?[0-9]+)?</v>`)
	formulas, widths := 0, 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		require.Empty(t, textFormula.FindAllString(string(data), 3), "%s: numeric formula results stored as text", zf.Name)
		formulas += strings.Count(string(data), "<f>")
		widths += strings.Count(string(data), "<col ")
	}
	require.Positive(t, formulas)
	require.Positive(t, widths)
}

// everyColumnHasWidth checks that each column holding data has its own width.
func everyColumnHasWidth(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		cols, err := f.GetCols(sheet)
		require.NoError(t, err)
		def, err := f.GetColWidth(sheet, "XX")
		require.NoError(t, err)
		for i, col := range cols {
			if strings.Join(col, "") == "" {
				continue
			}
			name, _ := excelize.ColumnNumberToName(i + 1)
			w, err := f.GetColWidth(sheet, name)
			require.NoError(t, err)
			require.NotEqual(t, def, w, "%s!%s has no width of its own", sheet, name)
		}
	}
}

// numFmt is the custom number format of a cell.
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	require.NotNil(t, st.CustomNumFmt, "%s!%s has a number format", sheet, cell)
	return *st.CustomNumFmt
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
		require.Equal(t, row.Title, value(t, f, reports.SheetTasks, "B"+n))
		require.Equal(t, row.LeadUnit, value(t, f, reports.SheetTasks, "C"+n))
		require.Equal(t, row.StatusText, value(t, f, reports.SheetTasks, "E"+n))
	}
	require.Empty(t, value(t, f, reports.SheetTasks, "B65"))
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

	// Progress is a percentage with a number format.
	require.Equal(t, "0%", numFmt(t, f, reports.SheetTasks, "F6"))
	require.Equal(t, "1", value(t, f, reports.SheetTasks, "F6"), "100% as the number 1")

	// The indicators as numbers: 50176, not "50.176"; 0.8345, not "83,45%".
	ind := func(code string) int {
		for i, x := range r.Indicators {
			if x.Code == code {
				return 6 + i
			}
		}
		t.Fatalf("no indicator %s", code)
		return 0
	}
	received, online, onTime, sipas, paid := ind("TTHC_RECEIVED"), ind("TTHC_ONLINE"), ind("TTHC_ON_TIME"), ind("SIPAS"), ind("TTHC_PAID_ONLINE")
	require.Equal(t, "TTHC_RECEIVED", value(t, f, reports.SheetIndicators, fmt.Sprintf("B%d", received)))
	require.Equal(t, "50176", value(t, f, reports.SheetIndicators, fmt.Sprintf("G%d", received)))
	require.InDelta(t, 0.8345, calc(t, f, reports.SheetIndicators, fmt.Sprintf("G%d", online)), 0.00005)
	require.Equal(t, "0.00%", numFmt(t, f, reports.SheetIndicators, fmt.Sprintf("G%d", online)))
	require.Equal(t, "41872", value(t, f, reports.SheetIndicators, fmt.Sprintf("H%d", online)))
	require.Equal(t, "50176", value(t, f, reports.SheetIndicators, fmt.Sprintf("I%d", online)))
	require.InDelta(t, 0.98, calc(t, f, reports.SheetIndicators, fmt.Sprintf("G%d", onTime)), 0.00005)
	require.Equal(t, "0.98", value(t, f, reports.SheetIndicators, fmt.Sprintf("F%d", onTime)), "the target, as a number")
	require.Equal(t, "0.902", value(t, f, reports.SheetIndicators, fmt.Sprintf("G%d", sipas)))
	require.Equal(t, "Đạt", value(t, f, reports.SheetIndicators, fmt.Sprintf("J%d", online)))
	require.Equal(t, "Chưa đạt", value(t, f, reports.SheetIndicators, fmt.Sprintf("J%d", paid)))
	last = strconv.Itoa(6 + len(r.Indicators) + 1)
	require.Equal(t, 4.0, calc(t, f, reports.SheetIndicators, "J"+last), "targets met")

	// Layout: frozen header, filters, print titles; the sheets fit the
	// page width, except every task's, which prints two pages across at a
	// legible scale with TT, area and task repeated.
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		require.True(t, panes.Freeze, sheet)
		require.Equal(t, 5, panes.YSplit, sheet)
		layout, err := f.GetPageLayout(sheet)
		require.NoError(t, err)
		require.Equal(t, 9, *layout.Size, "A4")
		props, err := f.GetSheetProps(sheet)
		require.NoError(t, err)
		if sheet == reports.SheetTasks {
			require.False(t, *props.FitToPage, sheet)
			require.Equal(t, uint(80), *layout.AdjustTo)
			require.Equal(t, "landscape", *layout.Orientation)
			continue
		}
		require.Equal(t, 1, *layout.FitToWidth)
		require.True(t, *props.FitToPage, sheet)
	}
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		names[n.Scope+" "+n.Name] = n.RefersTo
	}
	require.Equal(t, "'Tất cả nhiệm vụ'!$A:$B,'Tất cả nhiệm vụ'!$5:$5", names[reports.SheetTasks+" _xlnm.Print_Titles"])
	require.Contains(t, names, reports.SheetTasks+" _xlnm._FilterDatabase")
	everyColumnHasWidth(t, f)
}

func TestWriteXLSXOverdue(t *testing.T) {
	t.Parallel()
	statuses := []tasks.Status{tasks.StatusOverdue, tasks.StatusCompletedOnTime, tasks.StatusOverdue, tasks.StatusInProgress,
		tasks.StatusNotStarted, tasks.StatusCompletedLate, tasks.StatusContinuous, tasks.StatusOverdue}
	r := fixtureReport(statuses...)
	r.Overdue[1].Pending = true
	f := openXLSX(t, r)
	everyColumnHasWidth(t, f)
	require.Len(t, r.Overdue, 3)
	require.Equal(t, r.Overdue[0].Title, value(t, f, reports.SheetOverdue, "C6"))
	require.Equal(t, "76", value(t, f, reports.SheetOverdue, "H6"))
	require.Equal(t, "0.4", value(t, f, reports.SheetOverdue, "I6"))
	require.Equal(t, "0%", numFmt(t, f, reports.SheetOverdue, "I6"))
	require.Empty(t, value(t, f, reports.SheetOverdue, "L6"))
	require.Equal(t, "Đơn vị đã báo hoàn thành, chờ xác nhận", value(t, f, reports.SheetOverdue, "L7"), "the claim awaiting confirmation is marked")
	require.Equal(t, 3.0, calc(t, f, reports.SheetOverdue, "H10"))
	require.Equal(t, 8.0, calc(t, f, reports.SheetSummary, "B6"))
	require.Equal(t, 2.0, calc(t, f, reports.SheetSummary, "B7"))
	require.Equal(t, 3.0, calc(t, f, reports.SheetSummary, "B12"), "overdue")
	require.Equal(t, 6.0, calc(t, f, reports.SheetSummary, "B10"), "not completed")
	require.InDelta(t, 0.25, calc(t, f, reports.SheetSummary, "C7"), 1e-9)
}
