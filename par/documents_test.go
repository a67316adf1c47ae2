package par_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/par"
	"cchc/reports"
	"cchc/units"
)

// standings2024 are the city's published 2024 rankings.
func standings2024(t *testing.T, db bun.IDB) []par.Standing {
	t.Helper()
	var out []par.Standing
	for _, g := range []string{"TP.PHONG", "TP.XA"} {
		s := setOf(t, db, g, 2024)
		tree, cards, err := par.Cards(context.Background(), db, s, par.DefaultFeeds(), civil.In(now))
		require.NoError(t, err)
		out = append(out, par.Standing{Set: s, Tree: tree, Cards: par.Ranked(cards)})
	}
	return out
}

func decisionDOCX(t *testing.T, db bun.IDB) []byte {
	t.Helper()
	ctx := context.Background()
	city, err := units.ByCode(ctx, db, demo.CityCode)
	require.NoError(t, err)
	province, err := units.ByCode(ctx, db, demo.RootCode)
	require.NoError(t, err)
	pnv, err := units.ByCode(ctx, db, "PNV")
	require.NoError(t, err)
	d := par.Decision(*city, province, pnv, 2024, standings2024(t, db), time.Date(2025, 2, 14, 9, 0, 0, 0, civil.Zone))
	require.Equal(t, "/QĐ-UBND", d.Letterhead.NumberSuffix)
	var buf bytes.Buffer
	require.NoError(t, reports.WriteDecisionDOCX(&buf, d))
	return buf.Bytes()
}

// documentText is the text of word/document.xml, a paragraph per line.
func documentText(t *testing.T, docx []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	require.NoError(t, err)
	var doc []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				_, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				require.NoError(t, err, "%s is well-formed", f.Name)
			}
		}
		if f.Name == "word/document.xml" {
			doc = data
		}
	}
	require.NotNil(t, doc)
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch x := tok.(type) {
		case xml.CharData:
			b.Write(x)
		case xml.EndElement:
			if x.Name.Local == "p" {
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// The decision announcing the 2024 index: Nghị định 30/2020's layout, the
// results table as its annex.
func TestDecisionDocument(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	text := documentText(t, decisionDOCX(t, db))
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN", "THÀNH PHỐ SƠN HÀ", "Số:        /QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Sơn Hà, ngày      tháng      năm 2025", "QUYẾT ĐỊNH\n",
		"Về việc công bố Chỉ số cải cách hành chính năm 2024 của các cơ quan chuyên môn, đơn vị thuộc UBND thành phố và UBND các xã, phường",
		"ỦY BAN NHÂN DÂN THÀNH PHỐ SƠN HÀ\n", "Theo đề nghị của Trưởng phòng Nội vụ.", "QUYẾT ĐỊNH:\n", "Điều 1.", "Điều 2.", "Điều 3.",
		"Nơi nhận:", "- Như Điều 3;", "TM. ỦY BAN NHÂN DÂN", "PHỤ LỤC", "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
		"A. Các cơ quan chuyên môn, đơn vị thuộc UBND thành phố (14 đơn vị", "B. UBND các xã, phường (9 đơn vị",
		"Phòng Tư pháp", "UBND xã Tân Lập", "Xuất sắc", "Ghi chú: I. Công tác chỉ đạo",
	} {
		require.Contains(t, text, want)
	}
}

// requireTool finds a program for the rendering check: a missing tool
// skips the test, except in CI, which installs it and so must fail.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found on PATH; CI must install %s", name, pkg)
		}
		t.Skipf("%s not found on PATH (install %s)", name, pkg)
	}
	return p
}

// The done-when: the decision .docx renders through LibreOffice,
// diacritics, letterhead, articles and the annex table included.
func TestDecisionRendersInLibreOffice(t *testing.T) {
	t.Parallel()
	soffice := requireTool(t, "soffice", "libreoffice-writer-nogui")
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	db := demoDB(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "quyet-dinh.docx")
	require.NoError(t, os.WriteFile(src, decisionDOCX(t, db), 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	out, err := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir, src).CombinedOutput()
	require.NoError(t, err, "soffice: %s", out)
	pdf := filepath.Join(dir, "quyet-dinh.pdf")
	require.FileExists(t, pdf, "soffice: %s", out)
	txt, err := exec.CommandContext(ctx, pdftotext, "-enc", "UTF-8", pdf, "-").Output()
	require.NoError(t, err)
	text := norm.NFC.String(string(txt))
	for _, want := range []string{"QUYẾT ĐỊNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Chỉ số cải cách hành chính năm 2024", "Điều 1.", "PHỤ LỤC", "Phòng Tư pháp", "UBND xã Tân Lập", "Xuất sắc", "TM. ỦY BAN NHÂN DÂN"} {
		require.Contains(t, text, want)
	}
	info, err := exec.CommandContext(ctx, "pdfinfo", pdf).Output()
	if err == nil {
		require.Contains(t, string(info), "Pages:")
	}
}

// The ranking workbook: a sheet per group, units in rank order.
func TestRankingWorkbook(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	st := standings2024(t, db)
	var buf bytes.Buffer
	require.NoError(t, par.WriteRanking(&buf, 2024, "UBND thành phố Sơn Hà", st))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.Len(t, sheets, 2)
	for i, sd := range st {
		rows, err := f.GetRows(sheets[i])
		require.NoError(t, err)
		require.Equal(t, "Xếp hạng", rows[4][0])
		require.Len(t, rows, 5+len(sd.Cards))
		for j, c := range sd.Cards {
			row := rows[5+j]
			require.Equal(t, c.Unit.Code, row[1])
			require.Equal(t, c.Unit.Name, row[2])
			require.Equal(t, c.Class, row[7])
		}
	}
}
