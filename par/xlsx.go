package par

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"cchc/annex"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/plans"
)

// The criteria workbook, in the form provinces publish their index:
//
//	TT | Lĩnh vực, tiêu chí, tiêu chí thành phần | Điểm tối đa | Cách tính điểm | Tài liệu kiểm chứng | Hướng dẫn chấm điểm
//
// under one or more title lines; areas numbered 1, 2, … (or I, II, …),
// criteria 1.1, 1.2 (or 1, 2 under Roman areas), components 1.1.1 (or 1.1);
// a last row "Tổng điểm" with the total. Only TT, the title and the points
// are required; "Cách tính điểm" is read by ParseRule, "Tài liệu kiểm
// chứng" is "Có"/"x" (required) or empty/"Không".

// Column titles as WriteCriteria writes them and row errors name them.
const (
	ColNumber   = "TT"
	ColTitle    = "Lĩnh vực, tiêu chí, tiêu chí thành phần"
	ColMax      = "Điểm tối đa"
	ColRule     = "Cách tính điểm"
	ColEvidence = "Tài liệu kiểm chứng"
	ColGuidance = "Hướng dẫn chấm điểm"
)

type critCol int

const (
	cNumber critCol = iota
	cTitle
	cMax
	cRule
	cEvidence
	cGuidance
	nCritCols
)

var critColNames = [nCritCols]string{ColNumber, ColTitle, ColMax, ColRule, ColEvidence, ColGuidance}

// critHeader recognises a header cell of the criteria table.
func critHeader(s string) (critCol, bool) {
	f := strings.Join(strings.FieldsFunc(vn.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), " ")
	switch {
	case f == "tt" || f == "stt" || f == "so tt" || f == "so thu tu" || f == "ma so":
		return cNumber, true
	case strings.Contains(f, "huong dan") || strings.Contains(f, "ghi chu"):
		return cGuidance, true
	case strings.Contains(f, "cach tinh") || strings.Contains(f, "phuong phap") || strings.Contains(f, "nguon diem") || strings.Contains(f, "cach cham"):
		return cRule, true
	case strings.Contains(f, "kiem chung"):
		return cEvidence, true
	case strings.Contains(f, "diem toi da") || f == "diem" || strings.Contains(f, "diem chuan") || f == "thang diem":
		return cMax, true
	case strings.Contains(f, "tieu chi") || strings.Contains(f, "linh vuc") || strings.HasPrefix(f, "noi dung"):
		return cTitle, true
	}
	return 0, false
}

var (
	dottedRe = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,2}){0,2}$`)
	romanRe  = regexp.MustCompile(`^[IVXLC]+$`)
	// columnNumRe is a cell of a row numbering the columns: "(1)", "2".
	columnNumRe = regexp.MustCompile(`^\(?\d{1,2}\)?$`)
)

// ReadCriteria reads a criteria workbook. A file it cannot read at all is a
// *annex.FileError; otherwise every faulty row is reported at once: the
// criteria come back for the preview with, as the error, their
// annex.Errors (row, column, text, reason). Nothing is written.
func ReadCriteria(r io.Reader, size int64) (*Criteria, error) {
	f, sheets, err := annex.OpenWorkbook(r, size)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for _, sheet := range sheets {
		c, es, found, err := readSheet(f, sheet)
		if err != nil {
			return nil, err
		}
		if !found {
			continue
		}
		if len(es) > 0 {
			return c, es
		}
		return c, nil
	}
	return nil, &annex.FileError{Reason: i18n.M("par.no_header", annex.HeaderRows)}
}

type critRow struct {
	num  int
	vals [nCritCols]string
}

func readSheet(f *excelize.File, sheet string) (c *Criteria, es annex.Errors, found bool, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, false, nil // not a worksheet
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = annex.SheetDamaged(cerr)
		}
	}()
	cols := [nCritCols]int{-1, -1, -1, -1, -1, -1}
	header := 0
	var above []string
	var body []critRow
	num, nonEmpty := 0, 0
	for rows.Next() {
		num++
		if header == 0 && num > annex.HeaderRows {
			return nil, nil, false, nil
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, false, annex.SheetDamaged(err)
		}
		count := 0
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				count++
			}
		}
		if count == 0 {
			continue
		}
		if nonEmpty++; nonEmpty > annex.MaxRows {
			return nil, nil, false, annex.TooManyRows()
		}
		if header == 0 {
			var cand [nCritCols]int
			for i := range cand {
				cand[i] = -1
			}
			n := 0
			for i, c := range cells {
				if utf8.RuneCountInString(c) > 60 {
					continue
				}
				if col, ok := critHeader(c); ok && cand[col] < 0 {
					cand[col] = i
					n++
				}
			}
			if n >= 3 && cand[cNumber] >= 0 && cand[cTitle] >= 0 && cand[cMax] >= 0 {
				cols, header = cand, num
			} else if count == 1 {
				for _, c := range cells {
					if t := vn.OneLine(c); t != "" {
						above = append(above, t)
					}
				}
			}
			continue
		}
		r := critRow{num: num}
		for c, i := range cols {
			if i >= 0 && i < len(cells) {
				r.vals[c] = vn.Clean(cells[i])
			}
		}
		body = append(body, r)
	}
	if header == 0 {
		return nil, nil, false, nil
	}
	rd := &critReader{c: &Criteria{}}
	rd.c.Title = criteriaTitle(above)
	rd.rows(body)
	if len(rd.es) == 0 {
		rd.es = rd.c.Check()
	}
	return rd.c, rd.es, true, nil
}

// criteriaTitle is the first title line that is not "PHỤ LỤC" nor "(Kèm
// theo …)".
func criteriaTitle(lines []string) string {
	for _, l := range lines {
		f := vn.Fold(l)
		if strings.HasPrefix(l, "(") || (strings.HasPrefix(f, "phu luc") && len(f) < 15) {
			continue
		}
		return l
	}
	return ""
}

type critReader struct {
	c     *Criteria
	es    annex.Errors
	roman bool // areas numbered I, II, …
	mode  bool // roman decided
	seen  map[string]int
}

func (rd *critReader) add(row int, c critCol, text, key string, args ...any) {
	rd.es = append(rd.es, annex.RowError{Row: row, Column: critColNames[c], Text: text, Reason: i18n.M(key, args...)})
}

func (rd *critReader) rows(body []critRow) {
	rd.seen = map[string]int{}
	var area, crit *Node
	for i, r := range body {
		num := strings.TrimSuffix(strings.TrimSpace(r.vals[cNumber]), ".")
		title := r.vals[cTitle]
		if i == 0 && isColumnNumbers(r) {
			continue
		}
		for c, v := range r.vals {
			if utf8.RuneCountInString(v) > annex.MaxCellLength {
				rd.add(r.num, critCol(c), "", "annex.cell_long", vn.Int(annex.MaxCellLength))
			}
		}
		if num == "" {
			if f := vn.Fold(title); strings.HasPrefix(f, "tong") || strings.HasPrefix(f, "cong") {
				rd.total(r)
				continue
			}
			if title == "" && r.vals[cMax] == "" {
				continue // a note beside the table
			}
			rd.add(r.num, cNumber, title, "par.number_missing")
			continue
		}
		level, parent, ok := rd.level(num)
		if !ok {
			rd.add(r.num, cNumber, num, "par.number_invalid")
			continue
		}
		key := num
		if rd.roman && level > 0 && area != nil {
			key = area.Number + "/" + num // criteria may be numbered again in each area
		}
		if prev, dup := rd.seen[key]; dup {
			rd.add(r.num, cNumber, num, "par.number_duplicate", prev)
			continue
		}
		rd.seen[key] = r.num
		n := rd.node(r, num)
		switch level {
		case 0:
			area, crit = n, nil
			rd.c.Areas = append(rd.c.Areas, n)
		case 1:
			if area == nil || (!rd.roman && parent != area.Number) {
				rd.add(r.num, cNumber, num, "par.number_parent", parentName(area))
				continue
			}
			crit = n
			area.Children = append(area.Children, n)
		case 2:
			if crit == nil || parent != crit.Number {
				rd.add(r.num, cNumber, num, "par.number_parent", parentName(crit))
				continue
			}
			crit.Children = append(crit.Children, n)
		}
	}
	if len(rd.c.Areas) == 0 && len(rd.es) == 0 {
		rd.add(0, cNumber, "", "par.no_area")
	}
}

func parentName(n *Node) string {
	if n == nil {
		return "—"
	}
	return n.Number
}

// level reads a number: 0 area, 1 criterion, 2 component, with the number
// its parent must have (for criteria under Roman areas, none).
func (rd *critReader) level(num string) (level int, parent string, ok bool) {
	if romanRe.MatchString(num) {
		if rd.mode && !rd.roman {
			return 0, "", false
		}
		rd.mode, rd.roman = true, true
		return 0, "", true
	}
	if !dottedRe.MatchString(num) {
		return 0, "", false
	}
	parts := strings.Split(num, ".")
	if !rd.mode {
		rd.mode = true
	}
	depth := len(parts) - 1
	if rd.roman {
		depth++
	}
	if depth > 2 {
		return 0, "", false
	}
	return depth, strings.Join(parts[:len(parts)-1], "."), true
}

func (rd *critReader) node(r critRow, num string) *Node {
	n := &Node{Row: r.num, Number: num, Title: vn.Clean(r.vals[cTitle]), Guidance: vn.Clean(r.vals[cGuidance])}
	if s := r.vals[cMax]; s != "" {
		p, ok := ParsePoints(s)
		if !ok {
			rd.add(r.num, cMax, s, "par.points_invalid")
		} else {
			n.Max, n.HasMax = p, true
		}
	}
	switch f := vn.Fold(r.vals[cEvidence]); f {
	case "", "khong", "-", "0":
	case "co", "x", "bat buoc", "1", "yes":
		n.Evidence = true
	default:
		rd.add(r.num, cEvidence, r.vals[cEvidence], "par.evidence_invalid")
	}
	rule, msg := ParseRule(r.vals[cRule], n.Max)
	if msg != nil {
		rd.es = append(rd.es, annex.RowError{Row: r.num, Column: ColRule, Text: r.vals[cRule], Reason: *msg})
	}
	n.Rule = rule
	return n
}

func (rd *critReader) total(r critRow) {
	s := r.vals[cMax]
	if s == "" {
		return
	}
	p, ok := ParsePoints(s)
	if !ok {
		rd.add(r.num, cMax, s, "par.points_invalid")
		return
	}
	rd.c.Total, rd.c.TotalRow = p, r.num
}

// isColumnNumbers tells a row numbering the columns: "(1) (2) (3) …".
func isColumnNumbers(r critRow) bool {
	n := 0
	for _, v := range r.vals {
		if v == "" {
			continue
		}
		if !columnNumRe.MatchString(v) {
			return false
		}
		n++
	}
	return n >= 3
}

// WriteCriteria writes a set's criteria in the workbook form ReadCriteria
// reads (ReadCriteria(WriteCriteria(c)) gives c back).
func WriteCriteria(w io.Writer, c *Criteria, group string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Bộ chỉ số"
	x := &sheetWriter{f: f, sheet: sheet}
	x.check(f.SetSheetName("Sheet1", sheet))
	x.check(f.SetDefaultFont("Times New Roman"))
	widths := []float64{9, 60, 10, 32, 14, 60}
	for i, wd := range widths {
		x.check(f.SetColWidth(sheet, colName(i+1), colName(i+1), wd))
	}
	st := newStyles(x)
	x.merged(1, 1, len(widths), strings.ToUpper(c.Title), st.title, 36)
	row := 2
	if group != "" {
		x.merged(row, 1, len(widths), "(Nhóm: "+group+")", st.subtitle, 20)
		row++
	}
	row++
	header := row
	for i, h := range critColNames {
		x.set(i+1, header, h, st.header)
	}
	x.check(f.SetRowHeight(sheet, header, 32))
	var walk func(nodes []*Node, depth int)
	walk = func(nodes []*Node, depth int) {
		for _, n := range nodes {
			row++
			style, num := st.text, st.center
			if depth == 0 {
				style, num = st.bold, st.boldCenter
			} else if depth == 1 && len(n.Children) > 0 {
				style = st.semi
			}
			x.set(1, row, n.Number, num)
			x.set(2, row, n.Title, style)
			x.set(3, row, n.Sum().Float(), st.points)
			rule, evidence := "", ""
			if len(n.Children) == 0 {
				rule = n.Rule.Text()
				if n.Evidence {
					evidence = "Có"
				}
			}
			x.set(4, row, rule, st.text)
			x.set(5, row, evidence, st.center)
			x.set(6, row, n.Guidance, st.text)
			walk(n.Children, depth+1)
		}
	}
	walk(c.Areas, 0)
	row++
	x.set(1, row, "", st.bold)
	x.set(2, row, "Tổng điểm", st.bold)
	x.set(3, row, c.Sum().Float(), st.boldPoints)
	for col := 4; col <= 6; col++ {
		x.set(col, row, "", st.bold)
	}
	x.check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: cellName(1, header+1), ActivePane: "bottomLeft"}))
	x.check(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: intp(9), Orientation: strp("landscape"), FitToWidth: intp(1), FitToHeight: intp(0)}))
	x.check(f.SetDocProps(&excelize.DocProperties{Title: c.Title, Creator: "cchc", Language: "vi-VN"}))
	if x.err != nil {
		return fmt.Errorf("par: criteria workbook: %w", x.err)
	}
	_, err := f.WriteTo(w)
	return err
}

// sheetWriter keeps the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (x *sheetWriter) check(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

func (x *sheetWriter) set(col, row int, v any, style int) {
	c := cellName(col, row)
	x.check(x.f.SetCellValue(x.sheet, c, v))
	x.check(x.f.SetCellStyle(x.sheet, c, c, style))
}

func (x *sheetWriter) merged(row, from, to int, text string, style int, height float64) {
	x.set(from, row, text, style)
	x.check(x.f.MergeCell(x.sheet, cellName(from, row), cellName(to, row)))
	x.check(x.f.SetCellStyle(x.sheet, cellName(from, row), cellName(to, row), style))
	x.check(x.f.SetRowHeight(x.sheet, row, height))
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

func intp(n int) *int       { return &n }
func strp(s string) *string { return &s }

type styles struct {
	title, subtitle, header, text, bold, semi, center, boldCenter, points, boldPoints, percent int
}

func newStyles(x *sheetWriter) styles {
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	pctFmt := "0.0%"
	mk := func(s *excelize.Style) int {
		id, err := x.f.NewStyle(s)
		x.check(err)
		return id
	}
	return styles{
		title:      mk(&excelize.Style{Font: font(true, false, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}),
		subtitle:   mk(&excelize.Style{Font: font(false, true, 12), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}),
		header:     mk(&excelize.Style{Font: font(true, false, 12), Border: border, Fill: grey, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}),
		text:       mk(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: top}),
		bold:       mk(&excelize.Style{Font: font(true, false, 12), Border: border, Alignment: top}),
		semi:       mk(&excelize.Style{Font: font(true, true, 12), Border: border, Alignment: top}),
		center:     mk(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre}),
		boldCenter: mk(&excelize.Style{Font: font(true, false, 12), Border: border, Alignment: centre}),
		points:     mk(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre}),
		boldPoints: mk(&excelize.Style{Font: font(true, false, 12), Border: border, Alignment: centre}),
		percent:    mk(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: centre, CustomNumFmt: &pctFmt}),
	}
}

// romanLabel is the Roman numeral of area n (1-based), for documents.
func romanLabel(n int) string { return plans.Roman(n) }
