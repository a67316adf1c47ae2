package request

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"cchc/annex"
	"cchc/internal/errs"
	"cchc/par"
	"cchc/tasks"
)

// PathYear reads a {year} route parameter; anything else is not found.
func PathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(chi.URLParam(r, "year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, ErrNoRoute
	}
	return y, nil
}

// Points reads points as typed ("1,5", "1.5"); empty is nil (no score).
// field names the input in the error, component the component.
func Points(s, field, component string) (*par.Points, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if strings.HasPrefix(s, "-") {
		return nil, errs.Bad(field, "par.points_negative", component)
	}
	p, ok := par.ParsePoints(s)
	if !ok {
		return nil, errs.Bad(field, "par.points_invalid")
	}
	return &p, nil
}

// JSONPoints reads points given as a JSON number (nil: no score).
func JSONPoints(f *float64, field, component string) (*par.Points, error) {
	if f == nil {
		return nil, nil
	}
	if *f < 0 {
		return nil, errs.Bad(field, "par.points_negative", component)
	}
	return Points(strconv.FormatFloat(*f, 'f', -1, 64), field, component)
}

// Workbook reads the "file" of a multipart upload of at most
// annex.MaxFileSize bytes (a criteria workbook), with the form's other
// fields parsed.
func Workbook(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, annex.MaxFileSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errUploadTooLarge
		}
		return nil, errs.Bad("body", "import.not_multipart")
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, errs.Bad("file", "import.file_required")
	}
	defer f.Close()
	if hdr.Size > annex.MaxFileSize {
		return nil, errUploadTooLarge
	}
	return io.ReadAll(io.LimitReader(f, annex.MaxFileSize+1))
}

// EvidenceUpload reads the "file" of a multipart evidence upload, refusing
// one over tasks.MaxEvidenceSize before reading it; no file is a zero
// Upload.
func EvidenceUpload(r *http.Request) (tasks.Upload, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return tasks.Upload{}, errs.Bad("evidence_file", "tasks.file_large", "")
		}
		return tasks.Upload{}, errs.Bad("body", "error.bad_form")
	}
	f, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return tasks.Upload{}, nil
	}
	if err != nil {
		return tasks.Upload{}, errs.Bad("body", "error.bad_form")
	}
	defer f.Close()
	if hdr.Size > tasks.MaxEvidenceSize {
		return tasks.Upload{}, errs.Bad("evidence_file", "tasks.file_large", hdr.Filename)
	}
	data, err := io.ReadAll(io.LimitReader(f, tasks.MaxEvidenceSize+1))
	if err != nil {
		return tasks.Upload{}, err
	}
	return tasks.Upload{Name: hdr.Filename, Data: data}, nil
}
