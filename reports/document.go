package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
)

// Format is a document format: "docx" or "xlsx".
type Format string

const (
	DOCX Format = "docx"
	XLSX Format = "xlsx"
)

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch Format(strings.ToLower(strings.TrimSpace(s))) {
	case DOCX:
		return DOCX, nil
	case XLSX:
		return XLSX, nil
	}
	return "", errs.Bad("format", "reports.format_unknown", s)
}

// ContentType is the MIME type of the format.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
}

// Document is a rendered report.
type Document struct {
	Body        []byte
	Filename    string // ASCII, e.g. "bao-cao-cchc-9m-2024-v1.docx"
	ContentType string
	// Version is the finalised version rendered, 0 for live figures.
	Version int
}

// Render renders the period's report: the latest finalised version when
// there is one (so a finalised report never changes), else the figures as
// they stand. version > 0 asks for that finalised version.
func Render(ctx context.Context, db bun.IDB, planID int64, p plans.Period, f Format, version int, today civil.Date) (*Document, error) {
	var r *Report
	snap, err := Latest(ctx, db, planID, p)
	if version > 0 {
		snap, err = Version(ctx, db, planID, p, version)
	}
	switch {
	case err == nil:
		if r, err = snap.Report(); err != nil {
			return nil, err
		}
		version = snap.Version
	case errors.Is(err, ErrNoSnapshot) && version == 0:
		if r, err = Prepare(ctx, db, planID, p, today); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	var buf bytes.Buffer
	if f == XLSX {
		err = WriteXLSX(&buf, r)
	} else {
		err = WriteDOCX(&buf, r)
	}
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("bao-cao-cchc-%s-%d-%s", p, r.Plan.Year, strings.ToLower(vn.Fold(strings.ReplaceAll(r.Plan.UnitCode, " ", "-"))))
	if version > 0 {
		name += fmt.Sprintf("-v%d", version)
	}
	return &Document{Body: buf.Bytes(), Filename: name + "." + string(f), ContentType: f.ContentType(), Version: version}, nil
}
