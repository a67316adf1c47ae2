package request

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"cchc/indicators"
	"cchc/internal/errs"
	"cchc/plans"
)

// PlanPeriod reads {planID} and ?period (a period code, required).
func PlanPeriod(r *http.Request) (int64, plans.Period, error) {
	id, err := ID(r, "planID")
	if err != nil {
		return 0, "", err
	}
	p, err := plans.ParsePeriod(r.URL.Query().Get("period"))
	return id, p, err
}

// TemplateUpload reads the filled indicator template of a multipart form
// (field "file"), parsed by Inputs under the body limit, which removes
// the temporary files when the request ends.
func TemplateUpload(r *http.Request) ([]byte, error) {
	if _, err := Multipart(r); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errs.Bad("file", "indicators.file_large", indicators.MaxTemplateSize>>20)
		}
		return nil, errs.Bad("body", "import.not_multipart")
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, errs.Bad("file", "import.file_required")
	}
	defer f.Close()
	if hdr.Size > indicators.MaxTemplateSize {
		return nil, errs.Bad("file", "indicators.file_large", indicators.MaxTemplateSize>>20)
	}
	b, err := io.ReadAll(io.LimitReader(f, indicators.MaxTemplateSize+1))
	if err != nil {
		return nil, fmt.Errorf("request: read upload: %w", err)
	}
	return b, nil
}
