package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"cchc/reports"
	"cchc/tasks"
)

// openDOCX reads a .docx and checks that it is a valid package: every part
// has a content type, every relationship points at a part, and every XML
// part is well-formed. It returns the parts by name.
func openDOCX(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		parts[f.Name] = data
	}

	for name, data := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			wellFormed(t, name, data)
		}
	}

	var types struct {
		Defaults []struct {
			Extension   string `xml:"Extension,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	require.Contains(t, parts, "[Content_Types].xml")
	require.NoError(t, xml.Unmarshal(parts["[Content_Types].xml"], &types))
	typed := map[string]string{}
	for _, o := range types.Overrides {
		typed[o.PartName] = o.ContentType
		require.Contains(t, parts, strings.TrimPrefix(o.PartName, "/"), "override for a missing part")
	}
	byExt := map[string]string{}
	for _, d := range types.Defaults {
		byExt[d.Extension] = d.ContentType
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		ct, ok := typed["/"+name]
		if !ok {
			ct, ok = byExt[strings.TrimPrefix(path.Ext(name), ".")]
		}
		require.True(t, ok && ct != "", "part %s has no content type", name)
	}
	require.Equal(t, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", typed["/word/document.xml"])

	for name, data := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var rels struct {
			Rels []struct {
				ID         string `xml:"Id,attr"`
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		require.NoError(t, xml.Unmarshal(data, &rels))
		// "word/_rels/document.xml.rels" describes "word/document.xml".
		base := path.Dir(path.Dir(name))
		for _, r := range rels.Rels {
			if r.TargetMode == "External" {
				continue
			}
			target := path.Clean(path.Join(base, r.Target))
			if strings.HasPrefix(r.Target, "/") {
				target = strings.TrimPrefix(r.Target, "/")
			}
			require.Contains(t, parts, target, "relationship %s of %s", r.ID, name)
		}
	}
	require.Contains(t, parts, "_rels/.rels")
	require.Contains(t, parts, "word/_rels/document.xml.rels")

	// Every r:id the document uses is declared.
	rels := string(parts["word/_rels/document.xml.rels"])
	for _, id := range attrValues(t, parts["word/document.xml"], "id") {
		require.Contains(t, rels, `Id="`+id+`"`)
	}
	return parts
}

func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		require.NoError(t, err, "%s is not well-formed XML", name)
	}
}

// attrValues returns the values of the attributes of that local name in
// the relationships namespace.
func attrValues(t *testing.T, data []byte, local string) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == local && strings.HasSuffix(a.Name.Space, "/relationships") {
					out = append(out, a.Value)
				}
			}
		}
	}
}

// wordText is the text of a WordprocessingML part, one line per paragraph.
func wordText(t *testing.T, data []byte) string {
	t.Helper()
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(data))
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			if tok.Name.Local == "p" {
				b.WriteByte('\n')
			}
			inText = false
		case xml.CharData:
			if inText {
				b.Write(tok)
			}
		}
	}
}

type wordTable struct {
	Rows []struct {
		Pr *struct {
			Header *struct{} `xml:"tblHeader"`
		} `xml:"trPr"`
		Cells []struct {
			Pr struct {
				Span *struct {
					Val string `xml:"val,attr"`
				} `xml:"gridSpan"`
			} `xml:"tcPr"`
			Paras []struct {
				Runs []struct {
					Text []string `xml:"t"`
				} `xml:"r"`
			} `xml:"p"`
		} `xml:"tc"`
	} `xml:"tr"`
}

// appendix returns the appendix table of document.xml: the one whose
// header row repeats on every page and names "Nội dung nhiệm vụ". It
// returns the header texts and, for each task row (rows without spanning
// cells), its cell texts.
func appendix(t *testing.T, document []byte) (header []string, rows [][]string) {
	t.Helper()
	for _, tbl := range wordTables(t, document) {
		if len(tbl.header) > 1 && tbl.header[1] == "Nội dung nhiệm vụ" {
			require.Empty(t, header, "one task appendix")
			header, rows = tbl.header, tbl.rows
		}
	}
	require.NotEmpty(t, header, "a task appendix")
	return header, rows
}

// table is a table of document.xml whose header row repeats on every page.
type table struct {
	header []string
	rows   [][]string // rows without spanning cells
}

// wordTables returns the tables of document.xml with a repeated header row.
func wordTables(t *testing.T, document []byte) []table {
	t.Helper()
	var doc struct {
		Body struct {
			Tables []wordTable `xml:"tbl"`
		} `xml:"body"`
	}
	require.NoError(t, xml.Unmarshal(document, &doc))
	var out []table
	for _, tbl := range doc.Body.Tables {
		if len(tbl.Rows) == 0 || tbl.Rows[0].Pr == nil || tbl.Rows[0].Pr.Header == nil {
			continue
		}
		var header []string
		var rows [][]string
		for i, row := range tbl.Rows {
			var cells []string
			spans := false
			for _, c := range row.Cells {
				spans = spans || c.Pr.Span != nil
				var paras []string
				for _, p := range c.Paras {
					var s strings.Builder
					for _, r := range p.Runs {
						s.WriteString(strings.Join(r.Text, ""))
					}
					paras = append(paras, s.String())
				}
				cells = append(cells, strings.Join(paras, "\n"))
			}
			switch {
			case i == 0:
				header = cells
			case row.Pr != nil && row.Pr.Header != nil:
				t.Fatalf("header row %d is not the first", i)
			case !spans:
				rows = append(rows, cells)
			}
		}
		out = append(out, table{header: header, rows: rows})
	}
	return out
}

func testDemoDOCX(t *testing.T, r *reports.Report) {
	var buf bytes.Buffer
	require.NoError(t, reports.WriteDOCX(&buf, r))
	parts := openDOCX(t, buf.Bytes())
	doc := parts["word/document.xml"]
	text := wordText(t, doc)
	for _, want := range []string{
		"54/59", "91,5%", "54/59 nhiệm vụ, đạt 91,5%",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
		"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ SƠN HÀ\n", "Số:        /BC-UBND", "Sơn Hà, ngày      tháng      năm 2024",
		"Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2024",
		"I. Công tác chỉ đạo, điều hành", "II. Kết quả thực hiện từng nội dung", "III. Đánh giá chung",
		"IV. Phương hướng, nhiệm vụ kỳ tới", "V. Kiến nghị, đề xuất",
		"3. Cải cách thủ tục hành chính",
		"Nơi nhận:", "- UBND tỉnh Sơn Hà (b/c);", "- Sở Nội vụ (b/c);", "- Lưu: VT, NV.",
		"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "PHỤ LỤC",
	} {
		require.Contains(t, text, want)
	}
	require.Equal(t, norm.NFC.String(text), text, "text is NFC")
	require.Contains(t, string(doc), `<w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">ỦY BAN NHÂN DÂN</w:t>`, "both lines of the issuer bold")
	require.Contains(t, text, "PHÓ CHỦ TỊCH\n\n\n\n\n…………………………\n", "a line for the signer's name")

	// Sections II and V from the units' remarks.
	require.Contains(t, text, "Nhiệm vụ hoàn thành chậm so với thời hạn:")
	require.Contains(t, text, "(Phòng Tư pháp chủ trì; thời hạn: 6 tháng đầu năm; hoàn thành ngày 5/7/2024, chậm 5 ngày). Lý do: Một số xã gửi văn bản để kiểm tra muộn.")
	require.Contains(t, text, "Các cơ quan, đơn vị đề xuất, kiến nghị:")

	// The statistics appendix: the indicators, against their targets.
	_, stats, ok := strings.Cut(text, "PHỤ LỤC SỐ LIỆU\n")
	require.True(t, ok, "a statistics appendix")
	for _, want := range []string{"Số hồ sơ thủ tục hành chính tiếp nhận\nhồ sơ\n\n50.176\n", "≥ 80%\n83,45%\n",
		"Số hồ sơ tiếp nhận trực tuyến: 41.872\nSố hồ sơ tiếp nhận: 50.176\nĐạt", "≥ 98%\n98%\n", "≥ 90%\n90,2%\n", "≥ 50%\n46,3%",
		"Chưa đạt", "Số chỉ tiêu đạt\n\n\n\n\n4/5"} {
		require.Contains(t, stats, want)
	}

	header, rows := appendix(t, doc)
	require.Equal(t, []string{"TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Trạng thái", "Kết quả/Văn bản kiểm chứng"}, header)
	require.Len(t, rows, 59, "one appendix row per task")
	for i, row := range rows {
		require.Len(t, row, 6)
		want := r.Rows[i]
		require.Equal(t, want.Number, row[0])
		require.Equal(t, want.Title, row[1])
		require.Equal(t, want.LeadUnit, row[2])
		require.Equal(t, want.Deadline, row[3])
		require.True(t, strings.HasPrefix(row[4], want.StatusText), row[4])
	}

	// Page numbers from page 2: a PAGE field in the default header, an
	// empty first-page header, titlePg on the first section.
	require.Contains(t, string(parts["word/header1.xml"]), " PAGE ")
	require.Equal(t, "\n", wordText(t, parts["word/header2.xml"]))
	require.Contains(t, string(doc), "<w:titlePg/>")
	require.Contains(t, string(doc), `<w:pgSz w:w="11906" w:h="16838"/>`)
	require.Contains(t, string(doc), `<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`)
	require.Contains(t, string(parts["word/styles.xml"]), `w:ascii="Times New Roman"`)
}

// TestWriteDOCXEscapes writes values that XML must escape, and an
// overdue task, without a database.
func TestWriteDOCXEscapes(t *testing.T) {
	t.Parallel()
	statuses := make([]tasks.Status, 30)
	for i := range statuses {
		statuses[i] = []tasks.Status{tasks.StatusCompletedOnTime, tasks.StatusOverdue, tasks.StatusInProgress, tasks.StatusNotStarted}[i%4]
	}
	r := fixtureReport(statuses...)
	r.Narrative.Proposals = "Đề nghị <cấp trên> & \"Sở Nội vụ\" hỗ trợ.\nDòng thứ hai."
	r.Letterhead.Recipients = append(r.Letterhead.Recipients, "- Phòng <A> & B;")

	var buf bytes.Buffer
	require.NoError(t, reports.WriteDOCX(&buf, r))
	parts := openDOCX(t, buf.Bytes())
	text := wordText(t, parts["word/document.xml"])
	require.Contains(t, text, "Đề nghị <cấp trên> & \"Sở Nội vụ\" hỗ trợ.\nDòng thứ hai.\n")
	require.Contains(t, text, "- Phòng <A> & B;")
	require.Contains(t, text, "Nhiệm vụ quá hạn chưa hoàn thành:")
	require.Contains(t, text, "quá hạn 76 ngày")

	_, rows := appendix(t, parts["word/document.xml"])
	require.Len(t, rows, 30)
	require.Equal(t, `Rà soát <văn bản> & "quy định" của 'UBND' về thủ tục`+"\uFFFD"+` hành chính`, rows[7][1],
		"escaped, and a character XML cannot carry replaced")
	require.Equal(t, "Quá hạn\n(76 ngày)", rows[1][4])
}

// requireTool finds a program for the rendering checks: a missing tool
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

// renderPages writes each report as .docx, converts them all with one
// LibreOffice run and reads the PDFs back: each report's pages, as text.
func renderPages(t *testing.T, rs map[string]*reports.Report) map[string][]string {
	t.Helper()
	soffice := requireTool(t, "soffice", "libreoffice-writer-nogui")
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")), "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir}
	for name, r := range rs {
		var buf bytes.Buffer
		require.NoError(t, reports.WriteDOCX(&buf, r))
		src := filepath.Join(dir, name+".docx")
		require.NoError(t, os.WriteFile(src, buf.Bytes(), 0o644))
		args = append(args, src)
	}
	// A bound for a stuck converter, not a timing assertion.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// A private profile, so that parallel runs and a desktop session do not collide.
	out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput()
	require.NoError(t, err, "soffice: %s", out)
	pages := map[string][]string{}
	for name := range rs {
		pdf := filepath.Join(dir, name+".pdf")
		require.FileExists(t, pdf, "soffice: %s", out)
		txt, err := exec.CommandContext(ctx, pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		require.NoError(t, err)
		pages[name] = strings.Split(strings.TrimSuffix(norm.NFC.String(string(txt)), "\f"), "\f")
	}
	return pages
}

// signatureNotAlone checks a rendered report: "Nơi nhận" and the
// signature block share their page with some of the body.
func signatureNotAlone(t *testing.T, name string, pages []string, r *reports.Report) {
	t.Helper()
	found := false
	for i, page := range pages {
		before, _, ok := strings.Cut(page, "Nơi nhận:")
		if !ok {
			continue
		}
		found = true
		require.Contains(t, page, r.Letterhead.Signature[0], "%s: the signature is on the page of Nơi nhận (page %d)", name, i+1)
		body := 0
		for _, line := range strings.Split(before, "\n") {
			line = strings.TrimSpace(line)
			if _, err := strconv.Atoi(line); line != "" && err != nil {
				body++
			}
		}
		require.Positive(t, body, "%s: the signature stands alone on page %d", name, i+1)
	}
	require.True(t, found, "%s: Nơi nhận", name)
}

// testDemoPDF converts the .docx with LibreOffice and reads the PDF back:
// the figures and the Vietnamese diacritics survive a real renderer, the
// TT column holds "VIII" on one line, and the signature is not alone.
func testDemoPDF(t *testing.T, r *reports.Report) {
	pages := renderPages(t, map[string]*reports.Report{"bao-cao": r})["bao-cao"]
	text := strings.Join(pages, "\n")
	for _, want := range []string{"54/59", "91,5%", "Cải cách thủ tục hành chính", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc", "PHỤ LỤC", "PHỤ LỤC SỐ LIỆU", "50.176", "83,45%"} {
		require.Contains(t, text, want)
	}
	require.Regexp(t, `(?m)^VIII$`, text, "the TT column fits VIII")
	signatureNotAlone(t, "demo 9m", pages, r)
}
