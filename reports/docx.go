package reports

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"cchc/internal/vn"
	"cchc/tasks"
)

// The parts of the .docx package are WordprocessingML written by hand
// (docs/ARCHITECTURE.md, "Reports"): templates under docx/, every value passed through x,
// which escapes it for XML.
//
//go:embed docx/*.xml docx/*.rels
var docxFS embed.FS

var docxTemplates = template.Must(template.New("docx").Funcs(template.FuncMap{"x": xmlText}).ParseFS(docxFS, "docx/*"))

// docxParts maps each part of the package to its template, in the order
// they are written ([Content_Types].xml first, as Office writes it).
var docxParts = []struct{ name, tmpl string }{
	{"[Content_Types].xml", "content_types.xml"},
	{"_rels/.rels", "rels.xml"},
	{"word/document.xml", "document.xml"},
	{"word/_rels/document.xml.rels", "document.xml.rels"},
	{"word/styles.xml", "styles.xml"},
	{"word/settings.xml", "settings.xml"},
	{"word/header1.xml", "header1.xml"},
	{"word/header2.xml", "header2.xml"},
	{"docProps/core.xml", "core.xml"},
	{"docProps/app.xml", "app.xml"},
}

// Page geometry in twips (1 mm ≈ 56.7): A4, margins 20 mm top and bottom,
// 30 mm left, 15 mm right (Nghị định 30/2020/NĐ-CP).
const (
	portraitText  = 11906 - 1701 - 850 // 9355
	landscapeText = 16838 - 1701 - 850 // 14287
	cellMargins   = 2 * 108
)

// WriteDOCX writes the report as a Word document laid out per docs/DOMAIN.md §7:
// letterhead, title, sections I–V, recipients and signature on A4 portrait,
// then the appendix of every task on landscape pages. It uses r alone.
func WriteDOCX(w io.Writer, r *Report) error {
	v := docxViewOf(r)
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	var part bytes.Buffer
	for _, p := range docxParts {
		part.Reset()
		if err := docxTemplates.ExecuteTemplate(&part, p.tmpl, v); err != nil {
			return fmt.Errorf("reports: docx %s: %w", p.name, err)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: v.modified})
		if err != nil {
			return fmt.Errorf("reports: docx: %w", err)
		}
		if _, err := f.Write(part.Bytes()); err != nil {
			return fmt.Errorf("reports: docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("reports: docx: %w", err)
	}
	if _, err := w.Write(zbuf.Bytes()); err != nil {
		return fmt.Errorf("reports: docx: %w", err)
	}
	return nil
}

// xmlText escapes s for XML text and attribute values; characters XML
// cannot carry become U+FFFD.
func xmlText(s string) (string, error) {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return "", err
	}
	return b.String(), nil
}

type docxView struct {
	L             Letterhead
	Title         string // of the package properties
	Subject       string
	Creator       string
	Created       string
	DateLine      string
	Head          docxTwoColumns
	SubjectLine   int
	Body          []docxPara
	Sign          docxTwoColumns
	AppendixTitle string
	AppendixNote  string
	AppendixAsOf  string
	Apx           docxTable
	// The statistics appendix ("Phụ lục số liệu"): the indicators, then
	// the figures of the units reporting to the issuer; absent from reports
	// finalised before indicators existed.
	Stats      bool
	StatsTitle string
	StatsTable docxTable
	UnitsTitle string
	UnitsTable *docxTable

	modified time.Time
}

type docxTwoColumns struct {
	Width, Left, Right    int
	IssuerLine, MottoLine int // left and right indents of the rules under them
}

// docxPara is a paragraph of the body, or a table (Table set).
type docxPara struct {
	Style, Text string
	KeepNext    bool
	Table       *docxTable
}

type docxTable struct {
	Width int
	Cols  []int
	Head  []docxCell
	Rows  []docxRow
}

type docxRow struct {
	Keep  bool // cantSplit
	Cells []docxCell
}

type docxCell struct {
	W, Span  int
	Style    string
	Align    string
	Bold     bool
	KeepNext bool
	Top      bool
	Fill     string
	Paras    []string // at least one
}

// Appendix columns: TT (wide enough for "VIII" in bold), Nội dung nhiệm
// vụ, Cơ quan chủ trì, Thời hạn, Trạng thái, Kết quả/Văn bản kiểm chứng.
var apxCols = []int{900, 3700, 1950, 1550, 2400, landscapeText - 900 - 3700 - 1950 - 1550 - 2400}

func docxViewOf(r *Report) *docxView {
	l := r.Letterhead
	year := r.To.Year
	if year == 0 {
		year = r.Plan.Year
	}
	v := &docxView{
		L:        l,
		Title:    "Báo cáo " + r.Subject(),
		Subject:  r.Subject(),
		Creator:  r.Plan.UnitName,
		Created:  r.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"),
		DateLine: l.DateLine(year),
		modified: r.GeneratedAt,
	}
	if v.Creator == "" {
		v.Creator = "cchc"
	}
	if v.modified.IsZero() {
		v.modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}

	// The letterhead table reaches a little into the margins, as the
	// decree's model does, so the motto fits on one line.
	v.Head = docxTwoColumns{Width: 9923, Left: 4111, Right: 5812}
	// Under the issuer a rule 1/3 to 1/2 as long as its line (bold 13 pt
	// capitals are about 170 twips wide); under the motto one as long as it.
	issuerW := utf8.RuneCountInString(l.Issuer) * 170
	rule := max(min(issuerW*2/5, v.Head.Left-cellMargins), 800)
	v.Head.IssuerLine = (v.Head.Left - cellMargins - rule) / 2
	v.Head.MottoLine = (v.Head.Right - cellMargins - 3500) / 2
	v.SubjectLine = (portraitText - 2400) / 2

	for _, b := range r.Outline() {
		style := "BodyText"
		switch b.Kind {
		case Heading1:
			style = "Heading1"
		case Heading2:
			style = "Heading2"
		case TableBlock:
			t := docxTableOf(*b.Table, portraitText)
			v.Body = append(v.Body, docxPara{Table: &t})
			continue
		}
		v.Body = append(v.Body, docxPara{Style: style, Text: b.Text})
	}
	// The signature and "Nơi nhận" never stand alone on the last page:
	// the body's last two paragraphs go with them.
	for i, kept := len(v.Body)-1, 0; i >= 0 && kept < 2; i-- {
		if v.Body[i].Table == nil {
			v.Body[i].KeepNext = true
			kept++
		}
	}
	v.Sign = docxTwoColumns{Width: portraitText, Left: 4253, Right: portraitText - 4253}

	v.AppendixTitle = strings.ToUpper("Kết quả thực hiện nhiệm vụ cải cách hành chính " + r.Period.Title(r.Plan.Year))
	v.AppendixNote = fmt.Sprintf("(Kèm theo Báo cáo số      %s ngày      tháng      năm %d của %s)",
		l.NumberSuffix, year, r.Plan.UnitName)
	v.AppendixAsOf = "Số liệu tính đến ngày " + dateText(r.AsOf)
	v.Apx = appendixTable(r)
	if len(r.Indicators) > 0 {
		v.Stats = true
		v.StatsTitle = strings.ToUpper("Kết quả thực hiện các chỉ tiêu cải cách hành chính " + r.Period.Title(r.Plan.Year))
		v.StatsTable = docxTableOf(r.IndicatorTable(), landscapeText)
		if t, ok := r.ChainIndicatorTable(); ok {
			v.UnitsTitle = "Số liệu chỉ tiêu của các cơ quan, đơn vị"
			dt := docxTableOf(t, landscapeText)
			v.UnitsTable = &dt
		}
	}
	return v
}

// docxTableOf lays out a table over width twips: the columns share it by
// weight, the header row is grey and repeats on every page, Bold rows
// (headings, totals) are bold, a Banner row is one cell across.
func docxTableOf(t Table, width int) docxTable {
	total := 0
	for _, c := range t.Columns {
		total += max(c.Weight, 1)
	}
	out := docxTable{Width: width}
	used := 0
	for i, c := range t.Columns {
		w := width * max(c.Weight, 1) / total
		if i == len(t.Columns)-1 {
			w = width - used
		}
		used += w
		out.Cols = append(out.Cols, w)
		out.Head = append(out.Head, docxCell{W: w, Span: 1, Style: "TableHeading", Fill: "F2F2F2", Paras: lines(c.Title)})
	}
	for _, r := range t.Rows {
		if r.Banner {
			text := ""
			if len(r.Cells) > 0 {
				text = r.Cells[0]
			}
			out.Rows = append(out.Rows, docxRow{Keep: true, Cells: []docxCell{{W: width, Span: len(out.Cols), Style: "TableText",
				Bold: r.Bold, KeepNext: r.Bold, Paras: lines(text)}}})
			continue
		}
		row := docxRow{Keep: true}
		for i, w := range out.Cols {
			text := ""
			if i < len(r.Cells) {
				text = r.Cells[i]
			}
			cell := docxCell{W: w, Span: 1, Style: "TableText", Bold: r.Bold, Top: true, Paras: lines(text)}
			if t.Columns[i].Center {
				cell.Align = "center"
			}
			row.Cells = append(row.Cells, cell)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func appendixTable(r *Report) docxTable {
	t := docxTable{Width: landscapeText, Cols: apxCols}
	heads := []string{"TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Trạng thái", "Kết quả/Văn bản kiểm chứng"}
	for i, h := range heads {
		t.Head = append(t.Head, docxCell{W: apxCols[i], Span: 1, Style: "TableHeading", Fill: "F2F2F2", Paras: []string{h}})
	}
	area := int64(-1)
	for _, row := range r.Rows {
		if row.AreaID != area {
			area = row.AreaID
			t.Rows = append(t.Rows, docxRow{Keep: true, Cells: []docxCell{
				{W: apxCols[0], Span: 1, Style: "TableHeading", KeepNext: true, Paras: []string{row.AreaLabel}},
				{W: landscapeText - apxCols[0], Span: len(apxCols) - 1, Style: "TableText", Bold: true, KeepNext: true, Paras: []string{row.AreaName}},
			}})
		}
		cell := func(i int, text string) docxCell {
			return docxCell{W: apxCols[i], Span: 1, Style: "TableText", Top: true, Paras: lines(text)}
		}
		num := cell(0, row.Number)
		num.Align = "center"
		dl := cell(3, row.Deadline)
		dl.Align = "center"
		t.Rows = append(t.Rows, docxRow{Keep: true, Cells: []docxCell{
			num, cell(1, row.Title), cell(2, row.LeadUnit), dl,
			cell(4, statusCell(row)), cell(5, resultCell(row)),
		}})
	}
	t.Rows = append(t.Rows, docxRow{Keep: true, Cells: []docxCell{
		{W: apxCols[0], Span: 1, Style: "TableText", Paras: []string{""}},
		{W: landscapeText - apxCols[0], Span: len(apxCols) - 1, Style: "TableText", Bold: true,
			Paras: []string{"Tổng cộng: đã hoàn thành " + r.Counts.Headline()}},
	}})
	return t
}

// statusCell is the status with what qualifies it: the completion day,
// the days overdue, or the progress.
func statusCell(r Row) string {
	s := r.StatusText
	switch {
	case r.Status.Completed() && !r.CompletedOn.IsZero():
		s += "\n(" + r.CompletedOn.VN() + ")"
	case r.Status == tasks.StatusOverdue:
		s += "\n(" + vn.Int(r.DaysOverdue) + " ngày)"
	case r.Percent > 0:
		s += fmt.Sprintf("\n(%d%%)", r.Percent)
	}
	return s
}

func resultCell(r Row) string {
	s := r.Note
	// Notes usually cite their document already ("Đã ban hành Quyết định số …").
	if r.EvidenceNumber != "" && !strings.Contains(s, r.EvidenceNumber) {
		if s != "" {
			s += "\n"
		}
		s += "Văn bản: " + r.Evidence()
	}
	return s
}

// lines splits text into the paragraphs of a cell (at least one).
func lines(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return []string{""}
	}
	out := strings.Split(s, "\n")
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}
