package tasks

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	_ "image/jpeg" // the decoders isImage checks with
	_ "image/png"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"

	"cchc/internal/errs"
	"cchc/internal/vn"
)

// MaxEvidenceSize is the largest evidence file accepted.
const MaxEvidenceSize = 10 << 20

// Upload is an evidence file as received.
type Upload struct {
	Name string
	Data []byte
}

// EvidenceFile is a stored evidence document. Data is loaded only by EvidenceData.
type EvidenceFile struct {
	bun.BaseModel `bun:"table:evidence_files"`

	ID          int64     `bun:"id,pk,autoincrement"`
	EntryID     int64     `bun:"entry_id"`
	TaskID      int64     `bun:"task_id"`
	Filename    string    `bun:"filename"`
	ContentType string    `bun:"content_type"`
	Size        int       `bun:"size"`
	SHA256      []byte    `bun:"sha256"`
	Data        []byte    `bun:"data"`
	CreatedAt   time.Time `bun:"created_at,nullzero,default:now()"`
}

// evidenceTypes are the kinds of document accepted, by extension, with the
// check the content must pass: the name alone proves nothing, and neither
// do the first bytes (a PNG signature followed by SVG markup is no PNG).
var evidenceTypes = map[string]struct {
	contentType string
	check       func([]byte) bool
}{
	".pdf":  {"application/pdf", isPDF},
	".jpg":  {"image/jpeg", isImage("jpeg")},
	".jpeg": {"image/jpeg", isImage("jpeg")},
	".png":  {"image/png", isImage("png")},
	".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", isOOXML("word/")},
	".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", isOOXML("xl/")},
	".odt":  {"application/vnd.oasis.opendocument.text", isODF("application/vnd.oasis.opendocument.text")},
	".doc":  {"application/msword", isOLE},
	".xls":  {"application/vnd.ms-excel", isOLE},
}

// CheckUpload validates an evidence file as every upload of cchc is checked
// (not empty, at most MaxEvidenceSize, an accepted type whose content
// matches its name) and returns its safe name and content type. Other
// features that take evidence (the PAR index) use it too.
func CheckUpload(u Upload) (name, contentType string, err error) { return checkUpload(u) }

// checkUpload validates an upload and returns its safe name and the content
// type its content was checked to be.
func checkUpload(u Upload) (name, contentType string, err error) {
	name = cleanFilename(u.Name)
	switch {
	case len(u.Data) == 0:
		return "", "", invalid("evidence_file", "tasks.file_empty", name)
	case len(u.Data) > MaxEvidenceSize:
		return "", "", invalid("evidence_file", "tasks.file_large", name)
	}
	kind, ok := evidenceTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		return "", "", invalid("evidence_file", "tasks.file_type", name)
	}
	if !kind.check(u.Data) {
		return "", "", invalid("evidence_file", "tasks.file_content", name, strings.TrimPrefix(path.Ext(name), "."))
	}
	return name, kind.contentType, nil
}

// isImage decodes the image's header (signature, dimensions, the chunks or
// markers before the pixels) with the decoder of that format alone.
func isImage(format string) func([]byte) bool {
	return func(b []byte) bool {
		cfg, got, err := image.DecodeConfig(bytes.NewReader(b))
		return err == nil && got == format && cfg.Width > 0 && cfg.Height > 0
	}
}

// pdfTail finds the end of a PDF: "startxref", the offset of the
// cross-reference section, and "%%EOF".
var pdfTail = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF[\s\x00]*$`)

// isPDF checks a PDF's structure: the header first, and at the end the
// offset of its cross-reference section (inside the file) and %%EOF.
func isPDF(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) && !bytes.HasPrefix(b, []byte("%PDF-2.")) {
		return false
	}
	tail := b[max(0, len(b)-2048):]
	m := pdfTail.FindSubmatch(tail)
	if m == nil {
		return false
	}
	off, err := strconv.Atoi(string(m[1]))
	return err == nil && off > 0 && off < len(b)
}

// isOOXML checks a Word or Excel file: a readable zip holding the content
// types part and the parts of that application (under dir).
func isOOXML(dir string) func([]byte) bool {
	return func(b []byte) bool {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return false
		}
		types, parts := false, false
		for _, f := range zr.File {
			types = types || f.Name == "[Content_Types].xml"
			parts = parts || strings.HasPrefix(f.Name, dir)
		}
		return types && parts
	}
}

// isODF checks an OpenDocument file: a zip whose "mimetype" entry names it.
func isODF(mimetype string) func([]byte) bool {
	return func(b []byte) bool {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return false
		}
		for _, f := range zr.File {
			if f.Name != "mimetype" || f.UncompressedSize64 > 100 {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return false
			}
			got, err := io.ReadAll(io.LimitReader(rc, 100))
			rc.Close()
			return err == nil && strings.TrimSpace(string(got)) == mimetype
		}
		return false
	}
}

// isOLE checks the signature of an OLE2 compound file (.doc, .xls).
func isOLE(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// cleanFilename keeps the base name, NFC, without control characters or
// quotes (it goes into a Content-Disposition header).
func cleanFilename(s string) string {
	s = path.Base(strings.ReplaceAll(vn.OneLine(s), "\\", "/"))
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' {
			return -1
		}
		return r
	}, s)
	if s == "" || s == "." {
		s = "tep-kiem-chung"
	}
	if len([]rune(s)) > 150 {
		s = string([]rune(s)[:150])
	}
	return s
}

func insertEvidence(ctx context.Context, db bun.IDB, entry *Entry, files []Upload) error {
	for _, u := range files {
		name, ct, err := checkUpload(u)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(u.Data)
		f := &EvidenceFile{EntryID: entry.ID, TaskID: entry.TaskID, Filename: name, ContentType: ct, Size: len(u.Data), SHA256: sum[:], Data: u.Data}
		if _, err := db.NewInsert().Model(f).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: store evidence: %w", err)
		}
	}
	return nil
}

// EvidenceFiles lists a task's files (without their bytes), oldest first.
func EvidenceFiles(ctx context.Context, db bun.IDB, taskID int64) ([]EvidenceFile, error) {
	var fs []EvidenceFile
	if err := db.NewSelect().Model(&fs).ExcludeColumn("data").Where("task_id = ?", taskID).Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("tasks: evidence files: %w", err)
	}
	return fs, nil
}

// EvidenceData loads one file with its bytes.
func EvidenceData(ctx context.Context, db bun.IDB, id int64) (*EvidenceFile, error) {
	f := new(EvidenceFile)
	if err := db.NewSelect().Model(f).Where("id = ?", id).Scan(ctx); err != nil {
		if isNoRows(err) {
			return nil, errs.Missing("tasks: evidence file %d", id)
		}
		return nil, fmt.Errorf("tasks: evidence file %d: %w", id, err)
	}
	return f, nil
}
