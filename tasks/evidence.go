package tasks

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"path"
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
// content the file must actually have: the name alone proves nothing.
var evidenceTypes = map[string]struct{ contentType, magic string }{
	".pdf":  {"application/pdf", "application/pdf"},
	".jpg":  {"image/jpeg", "image/jpeg"},
	".jpeg": {"image/jpeg", "image/jpeg"},
	".png":  {"image/png", "image/png"},
	".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "zip"},
	".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "zip"},
	".odt":  {"application/vnd.oasis.opendocument.text", "zip"},
	".doc":  {"application/msword", "ole"},
	".xls":  {"application/vnd.ms-excel", "ole"},
}

// CheckUpload validates an evidence file as every upload of cchc is checked
// (not empty, at most MaxEvidenceSize, an accepted type whose content
// matches its name) and returns its safe name and content type. Other
// features that take evidence (the PAR index) use it too.
func CheckUpload(u Upload) (name, contentType string, err error) { return checkUpload(u) }

// checkUpload validates an upload and returns its safe name and content type.
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
	sniffed := http.DetectContentType(u.Data)
	match := false
	switch kind.magic {
	case "zip":
		match = sniffed == "application/zip" || bytes.HasPrefix(u.Data, []byte("PK\x03\x04"))
	case "ole":
		match = bytes.HasPrefix(u.Data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	default:
		match = strings.HasPrefix(sniffed, kind.magic)
	}
	if !match {
		return "", "", invalid("evidence_file", "tasks.file_content", name, strings.TrimPrefix(path.Ext(name), "."))
	}
	return name, kind.contentType, nil
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
