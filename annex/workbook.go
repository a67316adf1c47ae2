package annex

import (
	"bytes"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"cchc/internal/i18n"
	"cchc/internal/vn"
)

// OpenWorkbook opens an .xlsx workbook for a reader other than the plan
// annex (the PAR criteria of package par) under the limits of Read: the
// file's size, then the zip directory checked before anything is unpacked
// (number and sizes of the parts: zip bombs), then excelize's own unpacking
// limits. It returns the workbook (to Close) and its sheets in order; a file
// it cannot read is a *FileError. The caller streams the rows and stops at
// MaxRows non-empty rows.
func OpenWorkbook(r io.Reader, size int64) (*excelize.File, []string, error) {
	if size > MaxFileSize {
		return nil, nil, tooLarge(msgTooLarge, mb(MaxFileSize))
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("annex: read: %w", err)
	}
	if len(b) > MaxFileSize {
		return nil, nil, tooLarge(msgTooLarge, mb(MaxFileSize))
	}
	p, err := openPackage(b)
	if err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxPartSize})
	if err != nil {
		return nil, nil, &FileError{Reason: i18n.M("annex.not_xlsx_because", i18n.M("annex.file_damaged")), Err: err}
	}
	names := make([]string, len(p.sheets))
	for i, s := range p.sheets {
		names[i] = s.Name
	}
	return f, names, nil
}

// TooManyRows is the *FileError of a sheet with more than MaxRows
// non-empty rows.
func TooManyRows() error { return tooLarge("annex.too_many_rows", vn.Int(MaxRows)) }

// SheetDamaged is the *FileError of a sheet whose rows cannot be read.
func SheetDamaged(err error) error {
	return &FileError{Reason: i18n.M("annex.not_xlsx_because", i18n.M("annex.sheet_damaged")), Err: err}
}
