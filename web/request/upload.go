package request

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"cchc/annex"
	"cchc/internal/errs"
	"cchc/units"
)

// AnnexForm is the fields of a plan-annex upload, as typed.
type AnnexForm struct {
	Unit, Title, Number string
	Year                int
}

// AnnexUpload is a parsed upload: the form, the unit and the file.
type AnnexUpload struct {
	Form     AnnexForm
	Unit     *units.Unit
	File     []byte
	FileName string
}

var errUploadTooLarge = errs.Bad("file", "import.file_too_large")

// ReadAnnexUpload reads a multipart upload (fields unit, year, title,
// number, file) for the import page and the API; target checks the unit
// and year (the caller's right, no plan yet) before the file is read. The
// form is returned even on error.
func ReadAnnexUpload(w http.ResponseWriter, r *http.Request, target func(code string, year int) (*units.Unit, error)) (*AnnexUpload, error) {
	req := &AnnexUpload{}
	// Parsed by Inputs under the route's body limit, which removes the
	// temporary files when the request ends.
	if _, err := Multipart(r); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, errUploadTooLarge
		}
		return req, errs.Bad("body", "import.not_multipart")
	}
	req.Form = AnnexForm{Unit: r.FormValue("unit"), Title: r.FormValue("title"), Number: r.FormValue("number")}
	year, err := FormInt(r, "year", 0)
	if err != nil {
		return req, err
	}
	req.Form.Year = year
	if req.Unit, err = target(req.Form.Unit, year); err != nil {
		return req, err
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return req, errs.Bad("file", "import.file_required")
	}
	defer f.Close()
	if hdr.Size > annex.MaxFileSize {
		return req, errUploadTooLarge
	}
	req.FileName = hdr.Filename
	if req.File, err = io.ReadAll(io.LimitReader(f, annex.MaxFileSize+1)); err != nil {
		return req, fmt.Errorf("request: read upload: %w", err)
	}
	return req, nil
}
