package tasks

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"
)

// MinimalPDF is a one-page-less PDF with a correct structure: header,
// objects, cross-reference table, trailer, startxref and %%EOF.
func minimalPDF(note string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n% " + note + "\n")
	o1 := b.Len()
	b.WriteString("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer << /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", o1, o2, xref)
	return b.Bytes()
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range files {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// Evidence is checked by what it is, not by its name or first bytes, and
// stored with the type it was checked to be (issue 10: a PNG signature
// followed by SVG markup was accepted as image/png).
func TestEvidenceContentChecked(t *testing.T) {
	t.Parallel()
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var pngBuf, jpgBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, img))
	require.NoError(t, jpeg.Encode(&jpgBuf, img, nil))
	svg := `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>`
	pdf := minimalPDF("Quyết định 45/QĐ-UBND")

	for _, c := range []struct {
		name string
		data []byte
		want string // the stored type; "" refused
	}{
		{"anh.png", pngBuf.Bytes(), "image/png"},
		{"anh.jpg", jpgBuf.Bytes(), "image/jpeg"},
		{"anh.JPEG", jpgBuf.Bytes(), "image/jpeg"},
		{"qd.pdf", pdf, "application/pdf"},
		{"bao-cao.docx", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"so-lieu.xlsx", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"van-ban.odt", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), "application/vnd.oasis.opendocument.text"},
		{"cu.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), "application/msword"},

		// Liars.
		{"anh.png", append([]byte("\x89PNG\r\n\x1a\n"), svg...), ""},
		{"anh.png", jpgBuf.Bytes(), ""}, // a real JPEG is no PNG
		{"anh.jpg", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, svg...), ""},
		{"anh.png", pngBuf.Bytes()[:20], ""}, // the header cut short
		{"qd.pdf", []byte("%PDF-1.4\n<html><script>alert(1)</script></html>"), ""},
		{"qd.pdf", append(append([]byte{}, pdf[:len(pdf)-6]...), "<svg/>"...), ""},   // no %%EOF
		{"qd.pdf", []byte("%PDF-1.4\nstartxref\n999999\n%%EOF\n"), ""},               // xref outside the file
		{"bao-cao.docx", zipOf(t, map[string]string{"index.html": "<script/>"}), ""}, // any zip is no Word file
		{"bao-cao.docx", []byte("PK\x03\x04" + svg), ""},
		{"van-ban.odt", zipOf(t, map[string]string{"mimetype": "text/html"}), ""},
		{"anh.svg", []byte(svg), ""},
	} {
		name, ct, err := checkUpload(Upload{Name: c.name, Data: c.data})
		if c.want == "" {
			require.Error(t, err, "%s (%d bytes) must be refused", c.name, len(c.data))
			continue
		}
		require.NoError(t, err, c.name)
		require.Equal(t, c.name, name)
		require.Equal(t, c.want, ct, c.name)
	}
}
