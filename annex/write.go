package annex

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"cchc/plans"
	"cchc/tasks"
)

// SheetName is the name of the sheet Write produces.
const SheetName = "Phụ lục"

// Layout of the sheet Write produces.
const (
	rowHeader = 5 // the header row; rows 1–3 are the title block
	fontName  = "Times New Roman"
	fontSize  = 12 // the table; the title block is 13
)

var columnWidths = [nCols]float64{6, 58, 22, 28, 24, 16, 20}

// lineHeight is the height in points of a line of 12 pt text, spacing included.
const lineHeight = 14.5

// wrappedLines estimates the lines text takes in a column width characters
// wide, wrapping at spaces: a little generous, as a clipped cell is worse
// than some white space.
func wrappedLines(text string, width float64) int {
	capacity := max(1, int(width*1.1)-1)
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n++
		used := 0
		for _, w := range strings.Fields(line) {
			l := utf8.RuneCountInString(w)
			switch {
			case used == 0:
				used = l
			case used+1+l <= capacity:
				used += 1 + l
				continue
			default:
				n++
				used = l
			}
			for used > capacity { // a word longer than the column
				n++
				used -= capacity
			}
		}
	}
	return max(n, 1)
}

// Write writes the plan's task annex as an .xlsx workbook in the layout Read
// reads, so that Read(Write(plan)) gives back the same plan: the title
// block ("PHỤ LỤC", the plan title, "(Kèm theo Kế hoạch số … ngày … của …)"),
// the header row TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp
// | Sản phẩm (Kết quả) | Thời gian hoàn thành, each area as a bold row (its
// Roman numeral, then its name merged across the row), each task with its
// coordinating units one per line. Notes kept in a task's description
// ("Phối hợp: Các cơ quan, đơn vị liên quan") go back to the coordinating
// cell after the units; the rest of a description, if any task has one,
// goes to a seventh column "Ghi chú". Times New Roman, wrapped text, the
// header frozen and repeated on every printed page, A4 landscape fitted to
// the page width, pages numbered.
//
// ts must be in annex order with their units loaded (tasks.ForPlan);
// p.Unit, if loaded, names the issuing unit in the title block.
func Write(w io.Writer, p *plans.Plan, areas []plans.Area, ts []tasks.Task) error {
	byArea := map[int64][]*tasks.Task{}
	known := map[int64]bool{}
	for _, a := range areas {
		known[a.ID] = true
	}
	remarks := false
	for i := range ts {
		t := &ts[i]
		if !known[t.AreaID] {
			return fmt.Errorf("annex: write: task %s (%d) is in area %d, not among the plan's areas", t.Number, t.ID, t.AreaID)
		}
		if t.LeadUnit == nil {
			return fmt.Errorf("annex: write: task %s (%d) has no lead unit loaded", t.Number, t.ID)
		}
		byArea[t.AreaID] = append(byArea[t.AreaID], t)
		if r, _ := splitDescription(t.Description); r != "" {
			remarks = true
		}
	}
	cols := int(colDeadline) + 1
	if remarks {
		cols++
	}
	last, _ := excelize.ColumnNumberToName(cols)

	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return fmt.Errorf("annex: write: %w", err)
	}
	sw := sheetWriter{f: f}
	if err := f.SetDefaultFont(fontName); err != nil {
		return fmt.Errorf("annex: write: %w", err)
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold, Italic: italic}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	topCenter := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	var (
		stTitle  = sw.style(&excelize.Style{Font: font(true, false, 13), Alignment: center})
		stSub    = sw.style(&excelize.Style{Font: font(false, true, 13), Alignment: center})
		stHeader = sw.style(&excelize.Style{Font: font(true, false, fontSize), Alignment: center, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}}})
		stArea   = sw.style(&excelize.Style{Font: font(true, false, fontSize), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: border})
		stAreaTT = sw.style(&excelize.Style{Font: font(true, false, fontSize), Alignment: center, Border: border})
		stCell   = sw.style(&excelize.Style{Font: font(false, false, fontSize), Alignment: top, Border: border})
		stCenter = sw.style(&excelize.Style{Font: font(false, false, fontSize), Alignment: topCenter, Border: border})
	)

	for c := 0; c < cols; c++ {
		name, _ := excelize.ColumnNumberToName(c + 1)
		sw.do(f.SetColWidth(SheetName, name, name, columnWidths[c]))
	}
	// Title block.
	sw.text(1, 1, "PHỤ LỤC", stTitle)
	sw.merge(1, 1, cols)
	sw.text(2, 1, p.Title, stTitle)
	sw.merge(2, 1, cols)
	sw.do(f.SetRowHeight(SheetName, 2, 36))
	if line := attachedTo(p); line != "" {
		sw.text(3, 1, line, stSub)
		sw.merge(3, 1, cols)
	}
	// Header.
	for c := 0; c < cols; c++ {
		sw.text(rowHeader, c+1, ColumnNames[c], stHeader)
	}
	sw.do(f.SetRowHeight(SheetName, rowHeader, 33))

	r := rowHeader
	for _, a := range areas {
		r++
		sw.text(r, 1, a.Label, stAreaTT)
		sw.text(r, 2, a.Name, stArea)
		for c := 3; c <= cols; c++ {
			sw.text(r, c, "", stArea)
		}
		sw.merge(r, 2, cols)
		var width float64
		for c := 1; c < cols; c++ {
			width += columnWidths[c]
		}
		sw.do(f.SetRowHeight(SheetName, r, float64(wrappedLines(a.Name, width))*lineHeight+4))
		for _, t := range byArea[a.ID] {
			r++
			remark, notes := splitDescription(t.Description)
			coord := make([]string, 0, len(t.Coordinators)+len(notes))
			for _, u := range t.Coordinators {
				coord = append(coord, u.Name)
			}
			coord = append(coord, notes...)
			sw.number(r, 1, t.Number, stCenter)
			sw.text(r, 2, t.Title, stCell)
			sw.text(r, 3, t.LeadUnit.Name, stCell)
			sw.text(r, 4, strings.Join(coord, "\n"), stCell)
			sw.text(r, 5, t.Output, stCell)
			sw.text(r, 6, t.DeadlineText, stCenter)
			if remarks {
				sw.text(r, 7, remark, stCell)
			}
			// Spreadsheets do not size rows to wrapped text on opening, so
			// give each row the height of its tallest cell.
			lines := 1
			for c, v := range []string{t.Number, t.Title, t.LeadUnit.Name, strings.Join(coord, "\n"), t.Output, t.DeadlineText, remark} {
				if c < cols {
					lines = max(lines, wrappedLines(v, columnWidths[c]))
				}
			}
			sw.do(f.SetRowHeight(SheetName, r, min(409, float64(lines)*lineHeight+4)))
		}
	}

	sw.do(f.SetPanes(SheetName, &excelize.Panes{Freeze: true, YSplit: rowHeader, TopLeftCell: fmt.Sprintf("A%d", rowHeader+1), ActivePane: "bottomLeft"}))
	a4, landscape, one, zero := 9, "landscape", 1, 0
	sw.do(f.SetPageLayout(SheetName, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}))
	fit := true
	sw.do(f.SetSheetProps(SheetName, &excelize.SheetPropsOptions{FitToPage: &fit}))
	// Margins in inches: 20 mm top and bottom, 25 mm left, 15 mm right.
	mTop, mBottom, mLeft, mRight, mHeader := 0.79, 0.79, 0.98, 0.59, 0.3
	sw.do(f.SetPageMargins(SheetName, &excelize.PageLayoutMarginsOptions{Top: &mTop, Bottom: &mBottom, Left: &mLeft, Right: &mRight, Header: &mHeader, Footer: &mHeader}))
	sw.do(f.SetHeaderFooter(SheetName, &excelize.HeaderFooterOptions{OddFooter: "&C&\"Times New Roman\"&11Trang &P/&N"}))
	sw.do(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", SheetName, rowHeader, rowHeader), Scope: SheetName}))
	sw.do(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", SheetName, last, r), Scope: SheetName}))
	sw.do(f.SetDocProps(&excelize.DocProperties{Title: p.Title, Creator: "cchc", Language: "vi-VN"}))
	if sw.err != nil {
		return fmt.Errorf("annex: write: %w", sw.err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("annex: write: %w", err)
	}
	return nil
}

// attachedTo is the line under the title: "(Kèm theo Kế hoạch số 215/KH-UBND
// ngày 26/12/2023 của UBND thành phố Sơn Hà)", as much of it as is known.
func attachedTo(p *plans.Plan) string {
	if p.Number == "" {
		return ""
	}
	s := "(Kèm theo Kế hoạch số " + p.Number
	if !p.IssuedOn.IsZero() {
		s += fmt.Sprintf(" ngày %d/%d/%d", p.IssuedOn.Day, int(p.IssuedOn.Month), p.IssuedOn.Year)
	}
	if p.Unit != nil && p.Unit.Name != "" {
		s += " của " + p.Unit.Name
	}
	return s + ")"
}

// sheetWriter writes cells of the one sheet, keeping the first error.
type sheetWriter struct {
	f   *excelize.File
	err error
}

func (s *sheetWriter) do(err error) {
	if s.err == nil {
		s.err = err
	}
}

func (s *sheetWriter) style(st *excelize.Style) int {
	id, err := s.f.NewStyle(st)
	s.do(err)
	return id
}

func cell(row, col int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func (s *sheetWriter) text(row, col int, v string, style int) {
	c := cell(row, col)
	if v != "" {
		s.do(s.f.SetCellStr(SheetName, c, v))
	}
	s.do(s.f.SetCellStyle(SheetName, c, c, style))
}

var plainInt = regexp.MustCompile(`^[1-9][0-9]{0,5}$`)

// number writes a task number, as a number when it is a plain integer (so
// Excel does not flag "a number stored as text") and as text otherwise
// ("1.1", "a)").
func (s *sheetWriter) number(row, col int, v string, style int) {
	if plainInt.MatchString(v) {
		n, _ := strconv.Atoi(v)
		c := cell(row, col)
		s.do(s.f.SetCellInt(SheetName, c, int64(n)))
		s.do(s.f.SetCellStyle(SheetName, c, c, style))
		return
	}
	s.text(row, col, v, style)
}

func (s *sheetWriter) merge(row, from, to int) {
	if to > from {
		s.do(s.f.MergeCell(SheetName, cell(row, from), cell(row, to)))
	}
}
