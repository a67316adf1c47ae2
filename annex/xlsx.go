package annex

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
)

// Limits of Read. A plan annex is a few dozen kilobytes; these bounds keep
// a malicious or broken file (a zip bomb, a sheet of a million rows) from
// exhausting memory or time, and are checked before anything is unpacked.
const (
	MaxFileSize   = 10 << 20 // bytes of the .xlsx file
	MaxUnzipped   = 20 << 20 // bytes of all its parts once unpacked
	MaxPartSize   = 10 << 20 // bytes of any one part (a sheet, the shared strings) once unpacked
	MaxParts      = 2000     // files inside the package
	MaxRows       = 5000     // non-empty rows in the sheet read
	MaxCellLength = 4000     // characters in one cell
	MaxMerges     = 20000    // merged ranges in the sheet read
	HeaderRows    = 15       // the header row is looked for in the first HeaderRows rows
)

// ErrNotXLSX is wrapped by the *FileError of a file that is not an .xlsx
// workbook.
var ErrNotXLSX = errors.New("annex: not an xlsx workbook")

// ErrTooLarge is wrapped by the *FileError of a file over one of the limits.
var ErrTooLarge = errors.New("annex: file over the import limits")

// FileError is a problem with the file as a whole (not a spreadsheet, too
// large, no header row).
type FileError struct {
	Reason i18n.Msg
	Err    error // ErrNotXLSX, ErrTooLarge or the underlying error, if any
}

// Error is the reason in Vietnamese.
func (e *FileError) Error() string { return e.Reason.In(i18n.VI) }
func (e *FileError) Unwrap() error { return e.Err }

// As lets errors.As find the *errs.Error it is: invalid input in "file",
// or the kind of the failure it wraps (plans.ErrExists: a conflict).
func (e *FileError) As(target any) bool {
	t, ok := target.(**errs.Error)
	if !ok {
		return false
	}
	kind, code := errs.Invalid, "invalid_input"
	if inner, ok := errs.As(e.Err); ok {
		kind, code = inner.Kind, inner.Code
	}
	*t = &errs.Error{Kind: kind, Code: code, Field: "file", Key: e.Reason.Key, Args: e.Reason.Args}
	return true
}

// notXLSX is a file that is not an .xlsx workbook; why (a message key, or
// "") says what it is instead.
func notXLSX(why string, args ...any) error {
	if why == "" {
		return &FileError{Reason: i18n.M("annex.not_xlsx"), Err: ErrNotXLSX}
	}
	return &FileError{Reason: i18n.M("annex.not_xlsx_because", i18n.M(why, args...)), Err: ErrNotXLSX}
}

func tooLarge(key string, args ...any) error {
	return &FileError{Reason: i18n.M(key, args...), Err: ErrTooLarge}
}

func mb(n uint64) string { return vn.Decimal(float64(n)/(1<<20)) + " MB" }

// oleMagic starts the Compound File of an .xls workbook or of an encrypted
// (password-protected) .xlsx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

type sheetRef struct {
	Name string
	Path string // of its part inside the package
}

// pkg is an .xlsx package checked against the limits.
type pkg struct {
	zr       *zip.Reader
	sheets   []sheetRef
	date1904 bool
}

// openPackage checks that b is an .xlsx workbook within the limits, from
// the zip directory alone: the sizes it declares are enforced by
// archive/zip when reading, so nothing larger can be unpacked later.
func openPackage(b []byte) (*pkg, error) {
	if bytes.HasPrefix(b, oleMagic) {
		return nil, notXLSX("annex.is_xls")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, notXLSX("")
	}
	if len(zr.File) > MaxParts {
		return nil, tooLarge("annex.too_many_parts", vn.Int(len(zr.File)), vn.Int(MaxParts))
	}
	p := &pkg{zr: zr}
	var total uint64
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxPartSize && strings.HasPrefix(strings.ToLower(f.Name), "xl/worksheets/") {
			return nil, tooLarge("annex.sheet_too_large", mb(f.UncompressedSize64), mb(MaxPartSize))
		}
		if f.UncompressedSize64 > MaxPartSize {
			return nil, tooLarge("annex.part_too_large", f.Name, mb(f.UncompressedSize64), mb(MaxPartSize))
		}
		if total > MaxUnzipped {
			return nil, tooLarge("annex.unzipped_too_large", mb(MaxUnzipped))
		}
		files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	wb := files["xl/workbook.xml"]
	if wb == nil {
		switch {
		case files["word/document.xml"] != nil:
			return nil, notXLSX("annex.is_docx")
		case files["ppt/presentation.xml"] != nil:
			return nil, notXLSX("annex.is_pptx")
		case files["content.xml"] != nil:
			return nil, notXLSX("annex.is_odf")
		}
		return nil, notXLSX("")
	}
	var workbook struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(wb, &workbook); err != nil {
		return nil, notXLSX("annex.no_sheet_list")
	}
	p.date1904 = workbook.Pr.Date1904 == "1" || workbook.Pr.Date1904 == "true"
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if f := files["xl/_rels/workbook.xml.rels"]; f != nil {
		if err := decodePart(f, &rels); err != nil {
			return nil, notXLSX("annex.no_sheet_list")
		}
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range workbook.Sheets {
		p.sheets = append(p.sheets, sheetRef{Name: s.Name, Path: targets[s.RID]})
	}
	if len(p.sheets) == 0 {
		return nil, notXLSX("annex.no_sheet")
	}
	return p, nil
}

func decodePart(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

func (p *pkg) file(name string) *zip.File {
	for _, f := range p.zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return f
		}
	}
	return nil
}

// span is a merged range, 1-based and inclusive.
type span struct{ row1, col1, row2, col2 int }

// merges streams the sheet part for its merged ranges, so that reading them
// never builds the whole worksheet in memory.
func (p *pkg) merges(sheetPath string) ([]span, error) {
	f := p.file(sheetPath)
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, notXLSX("")
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var out []span
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, &FileError{Reason: i18n.M("annex.not_xlsx_because", i18n.M("annex.sheet_damaged")), Err: err}
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "mergeCell" {
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Local != "ref" {
				continue
			}
			from, to, ok := strings.Cut(a.Value, ":")
			if !ok {
				continue
			}
			c1, r1, err1 := excelize.CellNameToCoordinates(from)
			c2, r2, err2 := excelize.CellNameToCoordinates(to)
			if err1 != nil || err2 != nil {
				continue
			}
			out = append(out, span{row1: min(r1, r2), col1: min(c1, c2), row2: max(r1, r2), col2: max(c1, c2)})
			if len(out) > MaxMerges {
				return nil, tooLarge("annex.too_many_merges", vn.Int(MaxMerges))
			}
		}
	}
}
