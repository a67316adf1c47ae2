package annex

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/units"
)

// column is a column of the annex (docs/DOMAIN.md §3), plus the optional "Ghi chú".
type column int

const (
	colTT column = iota
	colTitle
	colLead
	colCoord
	colOutput
	colDeadline
	colRemark
	nCols
)

// ColumnNames are the annex's column headers as Write writes them and as
// RowError.Column names them.
var ColumnNames = [nCols]string{
	"TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm (Kết quả)", "Thời gian hoàn thành", "Ghi chú",
}

// headerColumn recognises a header cell, tolerant of case, diacritics, line
// breaks and wording: "TT"/"STT"; "Nội dung nhiệm vụ"/"Nhiệm vụ"/"Nội
// dung"; "Cơ quan chủ trì"/"Chủ trì"/"Đơn vị chủ trì"; "Cơ quan phối
// hợp"/"Phối hợp"; "Sản phẩm"/"Kết quả"/"Sản phẩm (Kết quả)"; "Thời gian
// hoàn thành"/"Thời hạn"/"Thời gian"; "Ghi chú".
func headerColumn(s string) (column, bool) {
	f := strings.Join(strings.FieldsFunc(vn.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), " ")
	switch {
	case f == "tt" || f == "stt" || f == "so tt" || f == "so thu tu" || f == "thu tu":
		return colTT, true
	case strings.Contains(f, "chu tri"):
		return colLead, true
	case strings.Contains(f, "phoi hop"):
		return colCoord, true
	case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han") || strings.Contains(f, "han hoan thanh"):
		return colDeadline, true
	case strings.Contains(f, "san pham") || strings.Contains(f, "ket qua"):
		return colOutput, true
	case strings.Contains(f, "ghi chu"):
		return colRemark, true
	case strings.Contains(f, "nhiem vu") || strings.HasPrefix(f, "noi dung") || f == "cong viec":
		return colTitle, true
	}
	return 0, false
}

// RowError is one faulty cell or row of an annex. Column is the annex's own
// (Vietnamese) column title.
type RowError struct {
	Row    int      // 1-based Excel row; 0 for the sheet as a whole
	Column string   // one of ColumnNames, or "" for the whole row
	Text   string   // the cell's text (or the offending part of it)
	Reason i18n.Msg // what is wrong with it
}

// Error is the whole line in Vietnamese, as the command-line import prints it.
func (e RowError) Error() string { return e.In(i18n.VI) }

// In writes the whole line in language l: "Dòng 6, cột Cơ quan chủ trì:
// “Phòng Tư phap” — không tìm thấy đơn vị …".
func (e RowError) In(l i18n.Lang) string {
	var b strings.Builder
	if e.Row > 0 {
		b.WriteString(i18n.T(l, "annex.row", e.Row))
	} else {
		b.WriteString(i18n.T(l, "annex.sheet"))
	}
	if e.Column != "" {
		b.WriteString(i18n.T(l, "annex.column", e.Column))
	}
	b.WriteString(": ")
	reason := e.Reason.In(l)
	if t := shorten(e.Text); t != "" && !strings.Contains(reason, "“"+e.Text+"”") {
		b.WriteString("“" + t + "” — ")
	}
	b.WriteString(reason)
	return b.String()
}

// ReasonIn is the reason alone in language l.
func (e RowError) ReasonIn(l i18n.Lang) string { return e.Reason.In(l) }

// shorten puts text on one line and cuts it to a length an error can quote.
func shorten(s string) string {
	s = vn.OneLine(s)
	if r := []rune(s); len(r) > 120 {
		return string(r[:117]) + "…"
	}
	return s
}

// Errors is every faulty row of an annex, in sheet order.
type Errors []RowError

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Draft is an annex as read: what Apply would create. It is also the
// preview the upload page shows before the user confirms: the areas with
// their task counts (len(Tasks)), each task with its resolved units and
// parsed deadline, and Errors beside the rows they concern.
type Draft struct {
	Year      int    // the plan year the deadlines were read for
	Sheet     string // the sheet read
	HeaderRow int

	// Read from the rows above the header, empty if absent: the plan title
	// (the first line that is not "PHỤ LỤC" nor "(Kèm theo …)"), and the
	// number and date of "(Kèm theo Kế hoạch số 215/KH-UBND ngày 26/12/2023
	// của …)".
	Title    string
	Number   string
	IssuedOn civil.Date

	Areas  []DraftArea
	Errors Errors // every faulty row; Apply refuses a draft with errors
}

// DraftArea is a content area and its tasks.
type DraftArea struct {
	Row   int
	Label string // the Roman numeral as written, else the next in order
	Name  string
	Tasks []DraftTask

	unnumbered bool // a merged row without a Roman numeral
}

// DraftTask is one task row. A faulty row is kept with what could be read
// (Lead zero if unresolved, Deadline zero if unparsed) and its errors are in
// Draft.Errors.
type DraftTask struct {
	Row          int
	Number       string
	Title        string
	Lead         units.Unit
	Coordinators []units.Unit // in the order written, groups expanded, without duplicates nor the lead
	// Notes are the coordinating phrases that name no particular unit ("Các
	// cơ quan, đơn vị liên quan"): the schema links tasks to units only, so
	// they are kept in the task's description (see Description).
	Notes    []string
	Output   string
	Deadline deadline.Deadline
	Remark   string // the optional "Ghi chú" column
}

// NotesPrefix starts the description line holding a task's Notes.
const NotesPrefix = "Phối hợp: "

// Description is the task description Apply stores: the remark, then on its
// own line "Phối hợp: " and the notes joined by "; ".
func (t DraftTask) Description() string {
	var parts []string
	if t.Remark != "" {
		parts = append(parts, t.Remark)
	}
	if len(t.Notes) > 0 {
		parts = append(parts, NotesPrefix+strings.Join(t.Notes, "; "))
	}
	return strings.Join(parts, "\n")
}

// splitDescription is the inverse of Description: the remark and the notes.
func splitDescription(desc string) (remark string, notes []string) {
	var rest []string
	for _, line := range strings.Split(desc, "\n") {
		if n, ok := strings.CutPrefix(line, NotesPrefix); ok {
			for _, p := range strings.Split(n, ";") {
				if p = strings.TrimSpace(p); p != "" {
					notes = append(notes, p)
				}
			}
			continue
		}
		rest = append(rest, line)
	}
	return strings.Join(rest, "\n"), notes
}

// TaskCount is the number of tasks in d.
func (d *Draft) TaskCount() int {
	n := 0
	for _, a := range d.Areas {
		n += len(a.Tasks)
	}
	return n
}

// Summary says what d holds: "8 nội dung, 59 nhiệm vụ".
func (d *Draft) Summary() string {
	return fmt.Sprintf("%d nội dung, %d nhiệm vụ", len(d.Areas), d.TaskCount())
}

// Read reads a plan annex (.xlsx) for a plan of year, resolving unit names
// with m. size is the file's size if known (≤ 0 otherwise), used to refuse
// an oversized file before reading it.
//
// It reads the first sheet having a header row (TT | Nội dung nhiệm vụ | Cơ
// quan chủ trì | Cơ quan phối hợp | Sản phẩm (Kết quả) | Thời gian hoàn
// thành, in any order and wording, within the first HeaderRows rows).
// Below it, a row is an area if its TT is a Roman numeral ("I", "II.") or
// if it holds one text only, in a cell merged across columns; a row with
// anything else is a task. A cell merged down several task rows (one lead
// unit for several tasks) counts for each of them. A row of column numbers
// ("(1) (2) (3)…") right under the header is skipped.
//
// A file that cannot be read at all gives a *FileError. Otherwise every
// faulty row is reported: Read returns the draft (for the preview) and,
// if there are any, its Errors as the error.
func Read(r io.Reader, size int64, m *Matcher, year int) (*Draft, error) {
	if size > MaxFileSize {
		return nil, tooLarge(msgTooLarge, mb(MaxFileSize))
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("annex: read: %w", err)
	}
	if len(b) > MaxFileSize {
		return nil, tooLarge(msgTooLarge, mb(MaxFileSize))
	}
	p, err := openPackage(b)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxPartSize})
	if err != nil {
		return nil, &FileError{Reason: i18n.M("annex.not_xlsx_because", i18n.M("annex.file_damaged")), Err: err}
	}
	defer f.Close()

	var g *grid
	for _, s := range p.sheets {
		if g, err = readGrid(f, s.Name, p.date1904); err != nil {
			return nil, err
		}
		if g != nil {
			g.sheet = s
			break
		}
	}
	if g == nil {
		return nil, &FileError{Reason: i18n.M("annex.no_header", HeaderRows)}
	}
	if g.cols[colDeadline] < 0 {
		return nil, &FileError{Reason: i18n.M("annex.no_deadline_column", g.header)}
	}
	spans, err := p.merges(g.sheet.Path)
	if err != nil {
		return nil, err
	}
	d := &Draft{Year: year, Sheet: g.sheet.Name, HeaderRow: g.header}
	d.readTitle(g.above)
	g.fillMerged(spans)
	d.readRows(g, spans, m)
	if len(d.Errors) > 0 {
		return d, d.Errors
	}
	return d, nil
}

const msgTooLarge = "annex.file_too_large"

// row is a non-empty row under the header.
type row struct {
	num      int
	vals     [nCols]string // the annex columns, NFC and trimmed
	count    int           // non-empty cells, in any column
	firstCol int           // 1-based column of the first non-empty cell
	first    string        // its text
	long     []column      // columns over MaxCellLength
}

// grid is the part of a sheet Read looks at.
type grid struct {
	sheet  sheetRef
	header int
	cols   [nCols]int // 0-based index of each column, -1 if absent
	above  []string   // one-cell rows above the header: title lines
	rows   []row
}

// readGrid streams sheet for a header row in its first HeaderRows rows and,
// if it finds one, the non-empty rows below it. It returns nil if the sheet
// has no header or is no worksheet.
func readGrid(f *excelize.File, sheet string, date1904 bool) (_ *grid, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil // not a worksheet (a chart sheet): look further
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = &FileError{Reason: i18n.M("annex.not_xlsx_because", i18n.M("annex.sheet_damaged")), Err: cerr}
		}
	}()
	var g *grid
	var above []string
	num, nonEmpty := 0, 0
	for rows.Next() {
		num++
		if g == nil && num > HeaderRows {
			return nil, nil
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &FileError{Reason: i18n.M("annex.not_xlsx_because", i18n.M("annex.sheet_damaged")), Err: err}
		}
		count, firstCol := 0, 0
		for i, c := range cells {
			if strings.TrimSpace(c) != "" {
				if count == 0 {
					firstCol = i + 1
				}
				count++
			}
		}
		if count == 0 {
			continue
		}
		if nonEmpty++; nonEmpty > MaxRows {
			return nil, tooLarge("annex.too_many_rows", vn.Int(MaxRows))
		}
		if g == nil {
			if cols, ok := findHeader(cells); ok {
				g = &grid{header: num, cols: cols, above: above}
			} else if count == 1 {
				above = append(above, vn.Clean(cells[firstCol-1]))
			}
			continue
		}
		r := row{num: num, count: count, firstCol: firstCol, first: vn.Clean(cells[firstCol-1])}
		for c, i := range g.cols {
			if i < 0 || i >= len(cells) {
				continue
			}
			v := vn.Clean(cells[i])
			if utf8.RuneCountInString(v) > MaxCellLength {
				r.long = append(r.long, column(c))
			}
			if column(c) == colDeadline {
				v = excelDate(v, date1904)
			}
			r.vals[c] = v
		}
		g.rows = append(g.rows, r)
	}
	if g == nil {
		return nil, nil
	}
	return g, nil
}

// findHeader recognises the header row: at least three annex columns,
// "Nội dung nhiệm vụ" and "Cơ quan chủ trì" among them.
func findHeader(cells []string) (cols [nCols]int, ok bool) {
	for i := range cols {
		cols[i] = -1
	}
	n := 0
	for i, c := range cells {
		if utf8.RuneCountInString(c) > 60 {
			continue // a title line, not a header cell
		}
		if col, found := headerColumn(c); found && cols[col] < 0 {
			cols[col] = i
			n++
		}
	}
	return cols, n >= 3 && cols[colTitle] >= 0 && cols[colLead] >= 0
}

// excelDate turns a date Excel stored as a serial number (a deadline typed
// as a date) back into "d/m/yyyy"; any other text is returned as is.
func excelDate(v string, date1904 bool) string {
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || n != float64(int(n)) {
		return v
	}
	if date1904 {
		n += 1462
	}
	// Only serials of the years 2000–2100: 36526 is 1/1/2000.
	if n < 36526 || n > 73415 {
		return v
	}
	t, err := excelize.ExcelDateToTime(n, false)
	if err != nil {
		return v
	}
	return fmt.Sprintf("%d/%d/%d", t.Day(), int(t.Month()), t.Year())
}

var (
	// "số 215/KH-UBND" up to " ngày", " của", ")" or the end.
	numberRe = regexp.MustCompile(`(?i)(?:^|\s)số\s*:?\s*(.+?)\s*(?:\sngày\s|\scủa\s|\)|$)`)
	dateRes  = []*regexp.Regexp{
		regexp.MustCompile(`(?i)(?:^|\s)ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`),
		regexp.MustCompile(`(?i)(?:^|\s)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`),
	}
)

// readTitle takes the plan title, number and date from the lines above the
// header.
func (d *Draft) readTitle(lines []string) {
	for _, l := range lines {
		one := vn.OneLine(l)
		f := vn.Fold(one)
		switch {
		case strings.Contains(f, "kem theo"):
			if m := numberRe.FindStringSubmatch(one); m != nil && d.Number == "" {
				d.Number = strings.TrimRight(m[1], ",;. ")
			}
			for _, re := range dateRes {
				if m := re.FindStringSubmatch(one); m != nil && d.IssuedOn.IsZero() {
					day, _ := strconv.Atoi(m[1])
					mon, _ := strconv.Atoi(m[2])
					y, _ := strconv.Atoi(m[3])
					if c := civil.New(y, time.Month(mon), day); c.Day == day && int(c.Month) == mon {
						d.IssuedOn = c
					}
				}
			}
		case strings.HasPrefix(f, "phu luc") && !strings.Contains(one, ":"):
		case strings.HasPrefix(one, "("):
		default:
			if d.Title == "" {
				d.Title = one
			}
		}
	}
}

// fillMerged copies the value of a cell merged down several rows into the
// rows below it, in the columns a merge may share between tasks (lead,
// coordinating units, output, deadline).
func (g *grid) fillMerged(spans []span) {
	byNum := make(map[int]*row, len(g.rows))
	for i := range g.rows {
		byNum[g.rows[i].num] = &g.rows[i]
	}
	for _, s := range spans {
		if s.row2 == s.row1 {
			continue
		}
		top := byNum[s.row1]
		if top == nil {
			continue
		}
		for _, c := range []column{colLead, colCoord, colOutput, colDeadline} {
			i := g.cols[c]
			if i < 0 || i+1 < s.col1 || i+1 > s.col2 {
				continue
			}
			for rn := s.row1 + 1; rn <= s.row2; rn++ {
				if r := byNum[rn]; r != nil && r.vals[c] == "" {
					r.vals[c] = top.vals[c]
				}
			}
		}
	}
}

var (
	romanRe       = regexp.MustCompile(`(?s)^([IVXLC]+)\s*(?:[.):]\s*|\s+|$)(.*)$`)
	columnNumRe   = regexp.MustCompile(`^\(?\d{1,2}\)?$`)
	trailingDotRe = regexp.MustCompile(`^(\d+(?:\.\d+)*)\.$`)
	taskNumberRe  = regexp.MustCompile(`^(?:\d+(?:\.\d+)*\.?|[a-zđ][.)])$`)
)

// roman reads an area label at the start of s: "I", "II.", "III. Cải cách
// thể chế". rest is what follows it.
func roman(s string) (label, rest string, ok bool) {
	m := romanRe.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	n := romanValue(m[1])
	if n < 1 || n > 100 || plans.Roman(n) != m[1] {
		return "", "", false
	}
	return m[1], strings.TrimSpace(m[2]), true
}

func romanValue(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// isColumnNumbers tells a row numbering the columns: "(1) (2) (3) …".
func isColumnNumbers(r row) bool {
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
	return n >= 3 && n == r.count
}

func (d *Draft) addError(rowNum int, c column, text string, reason i18n.Msg) {
	name := ""
	if c >= 0 {
		name = ColumnNames[c]
	}
	d.Errors = append(d.Errors, RowError{Row: rowNum, Column: name, Text: text, Reason: reason})
}

const noColumn column = -1

func (d *Draft) readRows(g *grid, spans []span, m *Matcher) {
	merged := map[[2]int]bool{} // top-left cells of ranges spanning columns
	for _, s := range spans {
		if s.col2 > s.col1 {
			merged[[2]int{s.row1, s.col1}] = true
		}
	}
	for i, r := range g.rows {
		if i == 0 && isColumnNumbers(r) {
			continue
		}
		for _, c := range r.long {
			d.addError(r.num, c, "", i18n.M("annex.cell_long", vn.Int(MaxCellLength)))
		}
		tt := r.vals[colTT]
		if label, rest, ok := roman(tt); ok {
			name := rest
			if name == "" {
				for _, c := range []column{colTitle, colLead, colCoord, colOutput, colDeadline, colRemark} {
					if r.vals[c] != "" {
						name = r.vals[c]
						break
					}
				}
			}
			d.addArea(r.num, label, name)
			continue
		}
		if r.count == 1 {
			inTT, inTitle := r.firstCol-1 == g.cols[colTT], r.firstCol-1 == g.cols[colTitle]
			switch {
			case !inTT && !inTitle:
				continue // a cell beside the table (a signature, a note): not a row of it
			case inTT && taskNumberRe.MatchString(tt):
				continue // a numbered row left blank
			}
			if label, rest, ok := roman(r.first); ok && rest != "" {
				d.addArea(r.num, label, rest)
				continue
			}
			if merged[[2]int{r.num, r.firstCol}] {
				d.addArea(r.num, "", r.first)
				d.Areas[len(d.Areas)-1].unnumbered = true
				continue
			}
			d.addError(r.num, noColumn, r.first, i18n.M("annex.text_only_row"))
			continue
		}
		d.readTask(r, m)
	}
	// A row merged across the table after the last task is a footnote
	// ("Ghi chú: …"), not an empty area.
	for n := len(d.Areas); n > 0 && d.Areas[n-1].unnumbered && len(d.Areas[n-1].Tasks) == 0; n-- {
		d.Areas = d.Areas[:n-1]
	}
	if d.TaskCount() == 0 && !slices.ContainsFunc(d.Errors, func(e RowError) bool { return e.Row > 0 }) {
		d.addError(0, noColumn, "", i18n.M("annex.no_task_below", g.header))
	}
}

func (d *Draft) addArea(rowNum int, label, name string) {
	name = vn.OneLine(name)
	if label == "" {
		label = plans.Roman(len(d.Areas) + 1)
	}
	if name == "" {
		d.addError(rowNum, colTitle, "", i18n.M("annex.area_unnamed", label))
	}
	d.Areas = append(d.Areas, DraftArea{Row: rowNum, Label: label, Name: name})
}

func (d *Draft) readTask(r row, m *Matcher) {
	t := DraftTask{
		Row:    r.num,
		Number: vn.OneLine(r.vals[colTT]),
		Title:  r.vals[colTitle],
		Output: r.vals[colOutput],
		Remark: r.vals[colRemark],
	}
	if s := trailingDotRe.FindStringSubmatch(t.Number); s != nil {
		t.Number = s[1] // "1." is task 1
	}
	if len(d.Areas) == 0 {
		d.addError(r.num, colTT, t.Number, i18n.M("annex.task_before_area"))
	}
	if t.Title == "" {
		d.addError(r.num, colTitle, "", i18n.M("tasks.title_required"))
	}
	t.Lead = d.readLead(r, m)
	t.Coordinators, t.Notes = d.readCoordinators(r, m, t.Lead.ID)
	dl, err := deadline.Parse(r.vals[colDeadline], d.Year)
	if err != nil {
		var de *deadline.Error
		if errors.As(err, &de) && de.Text == "" {
			d.addError(r.num, colDeadline, "", i18n.M("annex.deadline_missing"))
		} else {
			d.addError(r.num, colDeadline, r.vals[colDeadline], de.Msg())
		}
	}
	t.Deadline = dl
	if len(d.Areas) > 0 {
		a := &d.Areas[len(d.Areas)-1]
		a.Tasks = append(a.Tasks, t)
	}
}

func (d *Draft) readLead(r row, m *Matcher) units.Unit {
	cell := r.vals[colLead]
	if cell == "" {
		d.addError(r.num, colLead, "", i18n.M("annex.lead_missing"))
		return units.Unit{}
	}
	items, errs := m.List(cell)
	for _, e := range errs {
		d.addError(r.num, colLead, e.Text, e.Reason)
	}
	if len(errs) > 0 {
		return units.Unit{}
	}
	if len(items) == 1 && items[0].Kind == ItemUnit {
		return items[0].Units[0]
	}
	for _, it := range items {
		switch it.Kind {
		case ItemGroup:
			d.addError(r.num, colLead, it.Text, i18n.M("annex.lead_group", len(it.Units)))
			return units.Unit{}
		case ItemNote:
			d.addError(r.num, colLead, it.Text, i18n.M("annex.lead_note"))
			return units.Unit{}
		}
	}
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = it.Units[0].Name
	}
	d.addError(r.num, colLead, cell, i18n.M("annex.lead_many", strings.Join(names, "; ")))
	return units.Unit{}
}

func (d *Draft) readCoordinators(r row, m *Matcher, leadID int64) ([]units.Unit, []string) {
	cell := r.vals[colCoord]
	if cell == "" {
		return nil, nil
	}
	items, errs := m.List(cell)
	for _, e := range errs {
		d.addError(r.num, colCoord, e.Text, e.Reason)
	}
	var us []units.Unit
	var notes []string
	seen := map[int64]bool{}
	if leadID != 0 {
		seen[leadID] = true
	}
	for _, it := range items {
		if it.Kind == ItemNote {
			notes = append(notes, it.Text)
			continue
		}
		for _, u := range it.Units {
			if !seen[u.ID] {
				seen[u.ID] = true
				us = append(us, u)
			}
		}
	}
	return us, notes
}
