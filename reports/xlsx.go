package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"cchc/internal/civil"
	"cchc/tasks"
)

// Sheet names of the Excel appendix.
const (
	SheetSummary = "Tổng hợp"
	SheetTasks   = "Tất cả nhiệm vụ"
	SheetAreas   = "Theo nội dung"
	SheetUnits   = "Theo cơ quan"
	SheetOverdue = "Quá hạn"
	// SheetIndicators holds the indicators (the statistics appendix).
	SheetIndicators = "Chỉ tiêu"
	// SheetChain holds the units reporting to the issuer, when there are any.
	SheetChain = "Các cơ quan, đơn vị"
)

// headerRow is the row of column headings on every sheet; rows above it
// hold the title.
const headerRow = 5

// WriteXLSX writes the report as an Excel workbook: a summary sheet, then
// one sheet per view (every task, by content area, by lead unit, overdue
// tasks, the indicators, and the units reporting to the issuer when there
// are any), each with a frozen bold header row, filters, A4 print setup
// and totals as formulas whose computed values are stored as numbers. It
// uses r alone.
func WriteXLSX(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, r: r, widths: map[string][]float64{}, lines: map[string]map[int]int{}}
	x.init()
	x.tasksSheet()
	areaTotal := x.countsSheet(SheetAreas, "Nội dung", "TỔNG HỢP KẾT QUẢ THEO NỘI DUNG", areaCountRows(r))
	x.countsSheet(SheetUnits, "Cơ quan chủ trì", "TỔNG HỢP KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ", unitCountRows(r))
	x.overdueSheet()
	x.indicatorsSheet()
	if r.Chain != nil && len(r.Chain.Units) > 0 {
		x.chainSheet()
	}
	x.summarySheet(areaTotal)
	if x.err != nil {
		return fmt.Errorf("reports: xlsx: %w", x.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	out, err := numericFormulas(buf.Bytes())
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	return nil
}

// formulaCell is a formula cell whose cached value is a number but which
// excelize marks as text (t="str"): a reader that does not calculate, such
// as pandas, would read "0.915" as a string.
var formulaCell = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>[^<]*</f><v>-?[0-9][0-9.]*(?:[Ee][+-]?[0-9]+)?</v></c>)`)

// numericFormulas rewrites the worksheets of a workbook so that formula
// cells with a numeric cached value are numeric cells.
func numericFormulas(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/") && strings.HasSuffix(zf.Name, ".xml") {
			data = formulaCell.ReplaceAll(data, []byte("$1$2"))
		}
		hdr := zf.FileHeader
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// xlsxWriter keeps the first error, so that the sheet builders read as
// layout rather than error checks.
type xlsxWriter struct {
	f   *excelize.File
	r   *Report
	err error
	// Column widths and the lines each data row needs, per sheet: neither
	// Excel nor LibreOffice grows a row for wrapped text on opening.
	widths map[string][]float64
	lines  map[string]map[int]int
	st     struct {
		title, subtitle, header, text, center, int, date, percent, totalText, totalInt, totalPercent, label, note int
		progress, percent2, number, totalNumber, totalPercent2, warn                                              int
	}
}

func (x *xlsxWriter) check(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

func (x *xlsxWriter) style(s *excelize.Style) int {
	id, err := x.f.NewStyle(s)
	x.check(err)
	return id
}

func (x *xlsxWriter) init() {
	x.check(x.f.SetDefaultFont("Times New Roman"))
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	dateFmt, pctFmt := "dd/mm/yyyy", "0.0%"
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}

	x.st.title = x.style(&excelize.Style{Font: font(true, false, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	x.st.subtitle = x.style(&excelize.Style{Font: font(false, true, 12), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	x.st.header = x.style(&excelize.Style{Font: font(true, false, 12), Border: border, Fill: grey,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	x.st.text = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: top})
	x.st.center = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre})
	x.st.int = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre, NumFmt: 1})
	x.st.date = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre, CustomNumFmt: &dateFmt})
	x.st.percent = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre, CustomNumFmt: &pctFmt})
	x.st.totalText = x.style(&excelize.Style{Font: font(true, false, 12), Border: border, Fill: grey, Alignment: top})
	x.st.totalInt = x.style(&excelize.Style{Font: font(true, false, 12), Border: border, Fill: grey, Alignment: centre, NumFmt: 1})
	x.st.totalPercent = x.style(&excelize.Style{Font: font(true, false, 12), Border: border, Fill: grey, Alignment: centre, CustomNumFmt: &pctFmt})
	x.st.label = x.style(&excelize.Style{Font: font(true, false, 12), Border: border, Alignment: top})
	x.st.note = x.style(&excelize.Style{Font: font(false, true, 12), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	progressFmt, pct2Fmt, numFmt := "0%", "0.00%", "#,##0.##"
	x.st.progress = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre, CustomNumFmt: &progressFmt})
	x.st.percent2 = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre, CustomNumFmt: &pct2Fmt})
	x.st.number = x.style(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}, CustomNumFmt: &numFmt})
	x.st.totalNumber = x.style(&excelize.Style{Font: font(true, false, 12), Border: border, Fill: grey, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}, CustomNumFmt: &numFmt})
	x.st.totalPercent2 = x.style(&excelize.Style{Font: font(true, false, 12), Border: border, Fill: grey, Alignment: centre, CustomNumFmt: &pct2Fmt})
	x.st.warn = x.style(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Italic: true, Color: "9C5700"}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}, Alignment: top})

	// The new file's only sheet becomes the summary; the others follow.
	x.check(x.f.SetSheetName("Sheet1", SheetSummary))
	sheets := []string{SheetTasks, SheetAreas, SheetUnits, SheetOverdue, SheetIndicators}
	if x.r.Chain != nil && len(x.r.Chain.Units) > 0 {
		sheets = append(sheets, SheetChain)
	}
	for _, s := range sheets {
		_, err := x.f.NewSheet(s)
		x.check(err)
	}
	x.f.SetActiveSheet(0)
	// Cached values are written beside every formula, but let Excel
	// recompute them when the workbook opens.
	recalc := true
	x.check(x.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &recalc}))
	x.check(x.f.SetDocProps(&excelize.DocProperties{
		Title: "Báo cáo " + x.r.Subject(), Subject: x.r.Subject(), Creator: x.r.Plan.UnitName, Language: "vi-VN",
	}))
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

func (x *xlsxWriter) set(sheet string, col, row int, v any, style int) {
	c := cell(col, row)
	if d, ok := v.(civil.Date); ok {
		if d.IsZero() {
			v = nil
		} else {
			v = d.UTC()
		}
	}
	x.check(x.f.SetCellValue(sheet, c, v))
	x.check(x.f.SetCellStyle(sheet, c, c, style))
	if text, ok := v.(string); ok && row > headerRow && col <= len(x.widths[sheet]) {
		if n := wrappedLines(text, x.widths[sheet][col-1]); n > x.lines[sheet][row] {
			x.lines[sheet][row] = n
		}
	}
}

// wrappedLines estimates how many lines text takes in a column of width
// (in widths of "0") by wrapping it word by word; 12 pt Times New Roman
// fits about one character per unit of width.
func wrappedLines(text string, width float64) int {
	perLine := max(int(width*1.05)-1, 1)
	n := 0
	for _, para := range strings.Split(text, "\n") {
		lines, used := 1, 0
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case used == 0:
				used = l
			case used+1+l <= perLine:
				used += 1 + l
			default:
				lines++
				used = l
			}
			for used > perLine { // a word longer than the column breaks
				lines++
				used -= perLine
			}
		}
		n += lines
	}
	return n
}

// formula writes a formula with its value cached, for readers that do not
// calculate.
func (x *xlsxWriter) formula(sheet string, col, row int, f string, cached any, style int) {
	x.set(sheet, col, row, cached, style)
	x.check(x.f.SetCellFormula(sheet, cell(col, row), f))
}

// titles writes the title rows above the header, merged across the
// sheet's columns (so after table, which knows their widths).
func (x *xlsxWriter) titles(sheet string, title string) {
	x.titlesOver(sheet, title, len(x.widths[sheet]))
}

// titlesOver is titles merged over the first cols columns only (those
// printed on the first page across).
func (x *xlsxWriter) titlesOver(sheet string, title string, cols int) {
	width := 0.0
	for _, w := range x.widths[sheet][:cols] {
		width += w
	}
	lines := []struct {
		text       string
		style      int
		lineHeight float64
		wide       float64 // how much wider than body text the style runs
	}{
		{title, x.st.title, 20, 1.5}, // bold 14 pt capitals
		{x.r.Plan.Reference() + " của " + x.r.Plan.UnitName, x.st.subtitle, 16, 1},
		{fmt.Sprintf("Kỳ báo cáo: %s (từ %s đến %s); số liệu tính đến ngày %s",
			x.r.Period.Title(x.r.Plan.Year), x.r.From.VN(), x.r.To.VN(), x.r.AsOf.VN()), x.st.subtitle, 16, 1},
	}
	for i, l := range lines {
		x.set(sheet, 1, i+1, l.text, l.style)
		x.check(x.f.MergeCell(sheet, cell(1, i+1), cell(cols, i+1)))
		n := wrappedLines(l.text, width/l.wide)
		x.check(x.f.SetRowHeight(sheet, i+1, float64(n)*l.lineHeight+4))
	}
}

// table writes the header row with column widths, freezes it, and sets
// the print setup; rows below it are data.
func (x *xlsxWriter) table(sheet string, heads []string, widths []float64) {
	for i, h := range heads {
		x.set(sheet, i+1, headerRow, h, x.st.header)
		x.check(x.f.SetColWidth(sheet, colName(i+1), colName(i+1), widths[i]))
	}
	x.widths[sheet], x.lines[sheet] = widths, map[int]int{}
	lines := 1
	for i, h := range heads {
		lines = max(lines, wrappedLines(h, widths[i]/1.15)) // bold
	}
	x.check(x.f.SetRowHeight(sheet, headerRow, float64(lines)*15.5+8))
	x.check(x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cell(1, headerRow+1), ActivePane: "bottomLeft"}))
}

// finish sizes the data rows and sets the print setup: A4, fitted to the
// page width, the header row repeated on every page. It runs last, as
// excelize's AutoFilter replaces the sheet properties holding fit-to-page.
func (x *xlsxWriter) finish(sheet, orientation string) {
	x.finishPrint(sheet, orientation, 0, "")
}

// finishPrint is finish with the print setup given: scale > 0 prints at
// that percentage (no fitting: the sheet's own column breaks decide what
// goes on a page) with titleCols ("$A:$C") repeated on every page.
func (x *xlsxWriter) finishPrint(sheet, orientation string, scale uint, titleCols string) {
	for row, n := range x.lines[sheet] {
		if n > 1 {
			x.check(x.f.SetRowHeight(sheet, row, float64(n)*15.5+3))
		}
	}
	margin := func(mm float64) *float64 { return ptr(mm / 25.4) }
	if scale > 0 {
		x.check(x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: &orientation, AdjustTo: &scale,
			PageOrder: ptr("overThenDown")}))
		x.check(x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(false)}))
	} else {
		x.check(x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: &orientation, FitToWidth: ptr(1), FitToHeight: ptr(0)}))
		x.check(x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	}
	x.check(x.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Top: margin(20), Bottom: margin(20), Left: margin(20), Right: margin(15), Header: margin(8), Footer: margin(8), Horizontally: ptr(true),
	}))
	x.check(x.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&\"Times New Roman\"&11Trang &P/&N"}))
	titles := fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), headerRow, headerRow)
	if titleCols != "" {
		titles = quoteSheet(sheet) + "!" + titleCols + "," + titles
	}
	x.check(x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet}))
}

func (x *xlsxWriter) filter(sheet string, lastCol, lastRow int) {
	if lastRow <= headerRow {
		lastRow = headerRow + 1
	}
	x.check(x.f.AutoFilter(sheet, cell(1, headerRow)+":"+cell(lastCol, lastRow), nil))
}

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ref is an absolute reference to a cell of another sheet: 'Theo nội dung'!$C$14.
func ref(sheet string, col, row int) string {
	return fmt.Sprintf("%s!$%s$%d", quoteSheet(sheet), colName(col), row)
}

// rate is the completion rate formula: =IF(total=0,0,done/total).
func rate(done, total string) string { return fmt.Sprintf("IF(%s=0,0,%s/%s)", total, done, total) }

// number writes an annex number as a number when it is one ("12"), else as text ("1.2").
func number(s string) any {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return s
}

func (x *xlsxWriter) tasksSheet() {
	const sheet = SheetTasks
	// Printed two pages across at 80 %: first what a reader looks for (the
	// task, its lead unit, deadline, status, progress and result, A–G),
	// then the details (H–O) with TT and the task repeated — not fifteen
	// columns fitted to one page width at 6 pt.
	heads := []string{"TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Trạng thái", "Tiến độ", "Kết quả thực hiện",
		"Nội dung", "Cơ quan phối hợp", "Sản phẩm", "Hạn hoàn thành", "Ngày hoàn thành", "Số ngày quá hạn",
		"Văn bản kiểm chứng", "Ngày văn bản"}
	widths := []float64{5, 44, 20, 11, 14, 8, 50, 16, 28, 17, 11, 11, 8, 14, 11}
	x.table(sheet, heads, widths)
	x.titlesOver(sheet, strings.ToUpper("Kết quả thực hiện nhiệm vụ cải cách hành chính "+x.r.Period.Title(x.r.Plan.Year)), tasksFirstPage)
	row := headerRow
	for _, t := range x.r.Rows {
		row++
		area := t.AreaLabel + ". " + t.AreaName
		values := []struct {
			v     any
			style int
		}{
			{number(t.Number), x.st.center}, {t.Title, x.st.text}, {t.LeadUnit, x.st.text}, {t.Deadline, x.st.center},
			{t.StatusText, x.st.center}, {float64(t.Percent) / 100, x.st.progress}, {t.Note, x.st.text},
			{area, x.st.text}, {strings.Join(t.Coordinators, "; "), x.st.text}, {t.Output, x.st.text},
			{t.Due, x.st.date}, {t.CompletedOn, x.st.date}, {zeroBlank(t.DaysOverdue), x.st.int},
			{t.EvidenceNumber, x.st.text}, {t.EvidenceDate, x.st.date},
		}
		for i, v := range values {
			x.set(sheet, i+1, row, v.v, v.style)
		}
	}
	first, last := headerRow+1, max(row, headerRow+1)
	x.filter(sheet, len(heads), row)

	// Totals under the table, counted from it so they follow edits.
	status := func(s tasks.Status) string {
		return fmt.Sprintf(`COUNTIF(E%d:E%d,"%s")`, first, last, StatusText(s))
	}
	done := status(tasks.StatusCompletedOnTime) + "+" + status(tasks.StatusCompletedLate)
	row += 2
	totalRow := row
	x.set(sheet, 2, row, "Tổng số nhiệm vụ", x.st.totalText)
	x.formula(sheet, 3, row, fmt.Sprintf("COUNTA(B%d:B%d)", first, last), x.r.Counts.Total, x.st.totalInt)
	row++
	x.set(sheet, 2, row, "Đã hoàn thành", x.st.totalText)
	x.formula(sheet, 3, row, done, x.r.Counts.Completed, x.st.totalInt)
	row++
	x.set(sheet, 2, row, "Tỷ lệ hoàn thành", x.st.totalText)
	x.formula(sheet, 3, row, rate(fmt.Sprintf("C%d", totalRow+1), fmt.Sprintf("C%d", totalRow)), rateOf(x.r.Counts.Completed, x.r.Counts.Total), x.st.totalPercent)
	x.check(x.f.InsertPageBreak(sheet, cell(tasksFirstPage+1, 1)))
	x.finishPrint(sheet, "landscape", 80, "$A:$B")
	// The title block is for the screen: on paper every page carries the
	// title in its header, and the print area starts at the column headings
	// (a title merged over the first page's columns would show clipped in
	// the repeated columns of the second).
	x.check(x.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C&\"Times New Roman,Bold\"&11" + strings.ReplaceAll(strings.ToUpper("Kết quả thực hiện nhiệm vụ cải cách hành chính "+x.r.Period.Title(x.r.Plan.Year)), "&", "&&") +
			"\n&\"Times New Roman,Italic\"&10" + strings.ReplaceAll(x.r.Plan.Reference()+" của "+x.r.Plan.UnitName+"; số liệu tính đến ngày "+x.r.AsOf.VN(), "&", "&&"),
		OddFooter: "&C&\"Times New Roman\"&11Trang &P/&N",
	}))
	x.check(x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("%s!$A$%d:$%s$%d", quoteSheet(sheet), headerRow, colName(len(heads)), row), Scope: sheet}))
}

// tasksFirstPage is how many columns of every task's sheet print on the first page across.
const tasksFirstPage = 7

// countRow is one row of a by-area or by-unit sheet.
type countRow struct {
	label, name string
	c           tasks.Counts
}

func areaCountRows(r *Report) []countRow {
	out := make([]countRow, len(r.ByArea))
	for i, a := range r.ByArea {
		out[i] = countRow{a.Label, a.Name, a.Counts}
	}
	return out
}

func unitCountRows(r *Report) []countRow {
	out := make([]countRow, len(r.ByUnit))
	for i, u := range r.ByUnit {
		out[i] = countRow{strconv.Itoa(i + 1), u.Name, u.Counts}
	}
	return out
}

// Columns of the by-area and by-unit sheets.
const (
	colTotal      = 3 // C: =SUM(D:I)
	colOnTime     = 4
	colContinuous = 9
	colDone       = 10 // J: =D+E
	colRate       = 11 // K: =IF(C=0,0,J/C)
)

// countsSheet writes a table of counts per group with formulas for each
// row's total, completed and rate and a totals row of sums; it returns the
// totals row.
func (x *xlsxWriter) countsSheet(sheet, what, title string, rows []countRow) int {
	heads := []string{"TT", what, "Tổng số nhiệm vụ", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện (trong hạn)",
		"Quá hạn", "Chưa triển khai", "Thường xuyên", "Đã hoàn thành", "Tỷ lệ hoàn thành"}
	widths := []float64{6, 48, 11, 12, 12, 12, 10, 11, 12, 12, 12}
	x.table(sheet, heads, widths)
	x.titles(sheet, title)
	row := headerRow
	for _, g := range rows {
		row++
		x.set(sheet, 1, row, number(g.label), x.st.center)
		x.set(sheet, 2, row, g.name, x.st.text)
		x.countCells(sheet, row, g.c, x.st.int, x.st.percent, nil)
	}
	first, last := headerRow+1, row
	x.filter(sheet, len(heads), row)
	row++
	x.set(sheet, 1, row, "", x.st.totalText)
	x.set(sheet, 2, row, "Tổng cộng", x.st.totalText)
	sum := func(col int) string {
		if last < first {
			return "0"
		}
		return fmt.Sprintf("SUM(%s%d:%s%d)", colName(col), first, colName(col), last)
	}
	x.countCells(sheet, row, x.r.Counts, x.st.totalInt, x.st.totalPercent, sum)
	x.finish(sheet, "landscape")
	return row
}

// countCells writes the counts of one row: the six statuses (values, or
// the formulas sum(col) gives for a totals row), then the total, completed
// and rate as formulas across the row.
func (x *xlsxWriter) countCells(sheet string, row int, c tasks.Counts, intStyle, pctStyle int, sum func(col int) string) {
	at := func(col int) string { return fmt.Sprintf("%s%d", colName(col), row) }
	for i, s := range tasks.Statuses {
		col := colOnTime + i
		if sum != nil {
			x.formula(sheet, col, row, sum(col), c.Of(s), intStyle)
		} else {
			x.set(sheet, col, row, c.Of(s), intStyle)
		}
	}
	x.formula(sheet, colTotal, row, fmt.Sprintf("SUM(%s:%s)", at(colOnTime), at(colContinuous)), c.Total, intStyle)
	x.formula(sheet, colDone, row, fmt.Sprintf("%s+%s", at(colOnTime), at(colOnTime+1)), c.Completed, intStyle)
	x.formula(sheet, colRate, row, rate(at(colDone), at(colTotal)), rateOf(c.Completed, c.Total), pctStyle)
}

func (x *xlsxWriter) overdueSheet() {
	const sheet = SheetOverdue
	heads := []string{"STT", "TT nhiệm vụ", "Nội dung nhiệm vụ", "Nội dung", "Cơ quan chủ trì", "Thời hạn",
		"Hạn hoàn thành", "Số ngày quá hạn", "Tiến độ", "Tình hình thực hiện", "Lý do", "Ghi chú"}
	widths := []float64{6, 9, 44, 10, 22, 13, 13, 10, 9, 38, 30, 24}
	x.table(sheet, heads, widths)
	x.titles(sheet, strings.ToUpper("Nhiệm vụ quá hạn chưa hoàn thành "+x.r.Period.Title(x.r.Plan.Year)))
	row := headerRow
	for i, t := range x.r.Overdue {
		row++
		values := []struct {
			v     any
			style int
		}{
			{i + 1, x.st.center}, {number(t.Number), x.st.center}, {t.Title, x.st.text}, {t.AreaLabel, x.st.center},
			{t.LeadUnit, x.st.text}, {t.Deadline, x.st.center}, {t.Due, x.st.date}, {t.DaysOverdue, x.st.int},
			{float64(t.Percent) / 100, x.st.progress}, {t.Note, x.st.text}, {t.Reason, x.st.text}, {"", x.st.text},
		}
		if t.Pending {
			values[len(values)-1] = struct {
				v     any
				style int
			}{"Đơn vị đã báo hoàn thành, chờ xác nhận", x.st.warn}
		}
		for j, v := range values {
			x.set(sheet, j+1, row, v.v, v.style)
		}
	}
	x.filter(sheet, len(heads), row)
	if len(x.r.Overdue) == 0 {
		x.set(sheet, 1, headerRow+1, "Không có nhiệm vụ quá hạn tại thời điểm báo cáo.", x.st.note)
		x.check(x.f.MergeCell(sheet, cell(1, headerRow+1), cell(len(heads), headerRow+1)))
		x.finish(sheet, "landscape")
		return
	}
	row += 2
	x.set(sheet, 3, row, "Tổng số nhiệm vụ quá hạn", x.st.totalText)
	x.formula(sheet, 8, row, fmt.Sprintf("COUNTA(C%d:C%d)", headerRow+1, row-2), len(x.r.Overdue), x.st.totalInt)
	x.finish(sheet, "landscape")
}

// summarySheet is the first sheet: the headline figures, each a formula on
// the totals row (areaTotal) of the by-area sheet.
func (x *xlsxWriter) summarySheet(areaTotal int) {
	const sheet = SheetSummary
	c := x.r.Counts
	x.table(sheet, []string{"Chỉ tiêu", "Số nhiệm vụ", "Tỷ lệ"}, []float64{48, 16, 14})
	x.titles(sheet, strings.ToUpper("Báo cáo "+x.r.Subject()))
	lines := []struct {
		label  string
		col    int // of the by-area totals row; 0 for a formula below
		value  int
		indent bool
	}{
		{"Tổng số nhiệm vụ", colTotal, c.Total, false},
		{"Đã hoàn thành", colDone, c.Completed, false},
		{"Hoàn thành đúng hạn", colOnTime, c.CompletedOnTime, true},
		{"Hoàn thành quá hạn", colOnTime + 1, c.CompletedLate, true},
		{"Chưa hoàn thành", 0, c.Total - c.Completed, false},
		{"Đang thực hiện (trong hạn)", colOnTime + 2, c.InProgress, true},
		{"Quá hạn", colOnTime + 3, c.Overdue, true},
		{"Chưa triển khai", colOnTime + 4, c.NotStarted, true},
		{"Thường xuyên", colOnTime + 5, c.Continuous, true},
	}
	totalRow := headerRow + 1
	for i, l := range lines {
		row := headerRow + 1 + i
		label := l.label
		if l.indent {
			label = "- " + label
		}
		style := x.st.label
		if l.indent {
			style = x.st.text
		}
		x.set(sheet, 1, row, label, style)
		f := ref(SheetAreas, l.col, areaTotal)
		if l.col == 0 {
			f = fmt.Sprintf("B%d-B%d", totalRow, totalRow+1)
		}
		x.formula(sheet, 2, row, f, l.value, x.st.int)
		x.formula(sheet, 3, row, rate(fmt.Sprintf("B%d", row), fmt.Sprintf("B$%d", totalRow)), rateOf(l.value, c.Total), x.st.percent)
	}
	row := headerRow + len(lines) + 2
	x.set(sheet, 1, row, "Kết quả: đã hoàn thành "+c.Headline(), x.st.label)
	x.check(x.f.MergeCell(sheet, cell(1, row), cell(3, row)))
	x.finish(sheet, "portrait")
}

func rateOf(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

func zeroBlank(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func ptr[T any](v T) *T { return &v }
