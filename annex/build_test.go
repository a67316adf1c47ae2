package annex

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// book builds a workbook the way an office would type an annex.
type book struct {
	t     testing.TB
	f     *excelize.File
	sheet string
}

func newBook(t testing.TB) *book {
	f := excelize.NewFile()
	t.Cleanup(func() { f.Close() })
	return &book{t: t, f: f, sheet: "Sheet1"}
}

// row writes values from column A on; nil leaves a cell empty.
func (b *book) row(r int, vals ...any) {
	b.t.Helper()
	for i, v := range vals {
		if v == nil {
			continue
		}
		c, err := excelize.CoordinatesToCellName(i+1, r)
		require.NoError(b.t, err)
		require.NoError(b.t, b.f.SetCellValue(b.sheet, c, v))
	}
}

// merge merges the range from (r1, c1) to (r2, c2), 1-based.
func (b *book) merge(r1, c1, r2, c2 int) {
	b.t.Helper()
	from, _ := excelize.CoordinatesToCellName(c1, r1)
	to, _ := excelize.CoordinatesToCellName(c2, r2)
	require.NoError(b.t, b.f.MergeCell(b.sheet, from, to))
}

func (b *book) bytes() []byte {
	b.t.Helper()
	buf, err := b.f.WriteToBuffer()
	require.NoError(b.t, err)
	return buf.Bytes()
}

func (b *book) read(m *Matcher, year int) (*Draft, error) {
	data := b.bytes()
	return Read(bytes.NewReader(data), int64(len(data)), m, year)
}

// header writes the standard header row at r.
func (b *book) header(r int) {
	b.row(r, "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm (Kết quả)", "Thời gian hoàn thành")
}

type zipWriter struct{ *zip.Writer }

func newZip(w io.Writer) zipWriter { return zipWriter{zip.NewWriter(w)} }

func (z zipWriter) add(t testing.TB, name, body string) {
	t.Helper()
	w, err := z.Create(name)
	require.NoError(t, err)
	_, err = io.WriteString(w, body)
	require.NoError(t, err)
}
