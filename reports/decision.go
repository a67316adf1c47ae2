package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"cchc/units"
)

// Decision is an official decision (Quyết định) in the Nghị định
// 30/2020/NĐ-CP layout the reports use (docs/DOMAIN.md §7): the letterhead,
// "QUYẾT ĐỊNH" and its subject, the issuing body's name, the legal grounds,
// "QUYẾT ĐỊNH:" and the articles, then recipients and signature on A4
// portrait; then its annex, a table, on landscape pages. WriteDecisionDOCX
// writes it with the same styles, page geometry and header as a report.
// The PAR index's decision announcing the ranking is one (package par).
type Decision struct {
	Letterhead Letterhead
	Year       int    // of the date line
	Subject    string // "Về việc công bố Chỉ số cải cách hành chính năm 2024 …"
	// Body is the issuing body in full, upper case, above the grounds:
	// "ỦY BAN NHÂN DÂN THÀNH PHỐ SƠN HÀ".
	Body     string
	Grounds  []string // "Căn cứ …;" and "Theo đề nghị của …."
	Articles []Article
	// AnnexTitle and AnnexNote head the annex: "KẾT QUẢ …", "(Kèm theo
	// Quyết định số …)".
	AnnexTitle string
	AnnexNote  string
	Annex      Table
	Creator    string
	Created    time.Time
}

// Article is "Điều 1." and its text (paragraphs separated by line breaks).
type Article struct {
	Head string
	Text string
}

// Table is a document table: its columns and rows.
type Table struct {
	Columns []TableColumn
	Rows    []TableRow
}

// TableColumn is a column: its heading, its share of the width, whether
// its cells are centred.
type TableColumn struct {
	Title  string
	Weight int
	Center bool
}

// TableRow is a row of cells; a Banner row is one text across the table
// (a group's heading, bold, kept with the next row; a note); Bold rows are
// headings and totals.
type TableRow struct {
	Cells  []string
	Bold   bool
	Banner bool
}

// LetterheadOf is the letterhead of a document issued by u (whose parent,
// if any, is parent), as a report's: a decision changes only its number's
// kind (Decision's caller writes "/QĐ-…" for "/BC-…").
func LetterheadOf(u units.Unit, parent *units.Unit) Letterhead { return letterheadOf(u, parent) }

// AsDecision is l with the number of a decision: "/QĐ-UBND" for "/BC-UBND".
func (l Letterhead) AsDecision() Letterhead {
	l.NumberSuffix = strings.Replace(l.NumberSuffix, "/BC-", "/QĐ-", 1)
	return l
}

type decisionView struct {
	L Letterhead
	// AuthorityBold: a People's Committee's name is one name on two lines,
	// both bold (docs/DOMAIN.md §7); a parent body above another is not.
	AuthorityBold bool
	Title         string // of the package properties
	Subject       string
	Creator       string
	Created       string
	DateLine      string
	Head          docxTwoColumns
	SubjectLine   int
	Body          string
	Grounds       []string
	Articles      []Article // one per paragraph: Head only on an article's first
	Sign          docxTwoColumns
	AnnexTitle    string
	AnnexNote     string
	Apx           docxTable
}

// WriteDecisionDOCX writes d as a Word document (see Decision).
func WriteDecisionDOCX(w io.Writer, d *Decision) error {
	v := &decisionView{L: d.Letterhead, AuthorityBold: d.Letterhead.Authority == "ỦY BAN NHÂN DÂN", Title: "Quyết định " + d.Subject, Subject: d.Subject, Creator: d.Creator,
		Created: d.Created.UTC().Format("2006-01-02T15:04:05Z"), DateLine: d.Letterhead.DateLine(d.Year),
		Body: d.Body, Grounds: d.Grounds, AnnexTitle: d.AnnexTitle, AnnexNote: d.AnnexNote}
	for _, a := range d.Articles {
		for i, para := range lines(a.Text) {
			head := ""
			if i == 0 {
				head = a.Head
			}
			v.Articles = append(v.Articles, Article{Head: head, Text: para})
		}
	}
	if v.Creator == "" {
		v.Creator = "cchc"
	}
	modified := d.Created
	if modified.IsZero() {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	// As a report's: the letterhead table reaches into the margins so the
	// motto fits on one line; rules under the issuer and the motto.
	v.Head = docxTwoColumns{Width: 9923, Left: 4111, Right: 5812}
	issuerW := utf8.RuneCountInString(d.Letterhead.Issuer) * 170
	rule := max(min(issuerW*2/5, v.Head.Left-cellMargins), 800)
	v.Head.IssuerLine = (v.Head.Left - cellMargins - rule) / 2
	v.Head.MottoLine = (v.Head.Right - cellMargins - 3500) / 2
	v.SubjectLine = (portraitText - 2400) / 2
	v.Sign = docxTwoColumns{Width: portraitText, Left: 4253, Right: portraitText - 4253}
	v.Apx = decisionTable(d.Annex)

	parts := make([]struct{ name, tmpl string }, len(docxParts))
	copy(parts, docxParts)
	for i := range parts {
		if parts[i].name == "word/document.xml" {
			parts[i].tmpl = "decision.xml"
		}
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	var part bytes.Buffer
	for _, p := range parts {
		part.Reset()
		if err := docxTemplates.ExecuteTemplate(&part, p.tmpl, v); err != nil {
			return fmt.Errorf("reports: decision %s: %w", p.name, err)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("reports: decision: %w", err)
		}
		if _, err := f.Write(part.Bytes()); err != nil {
			return fmt.Errorf("reports: decision: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("reports: decision: %w", err)
	}
	_, err := w.Write(zbuf.Bytes())
	return err
}

// decisionTable lays t out on the landscape annex pages.
func decisionTable(t Table) docxTable { return docxTableOf(t, landscapeText) }
