package annex

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/i18n"
)

// taskRow is a task row of a test annex and what Read must make of it.
type taskRow struct {
	tt, title, lead, coord, output, deadline any

	wantNumber string
	wantLead   string
	wantCoord  []string
	wantNotes  []string
	wantText   string // deadline text; the written one if empty
	wantKind   deadline.Kind
	wantDate   string
}

// realistic is an annex as offices write it, for a plan of 2025.
func realistic(t testing.TB) (*book, [][]taskRow) {
	b := newBook(t)
	b.row(1, "UỶ BAN NHÂN DÂN", nil, nil, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	b.row(2, "THÀNH PHỐ SƠN HÀ", nil, nil, "Độc lập - Tự do - Hạnh phúc")
	b.row(4, "PHỤ LỤC")
	b.merge(4, 1, 4, 6)
	b.row(5, "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025")
	b.merge(5, 1, 5, 6)
	b.row(6, "(Kèm theo Kế hoạch số 123/KH-UBND ngày 25/12/2024 của UBND thành phố Sơn Hà)")
	b.merge(6, 1, 6, 6)
	b.row(8, "STT", "Nội dung\nnhiệm vụ", "Cơ quan\nchủ trì", "Cơ quan\nphối hợp", "Sản phẩm\n(Kết quả)", "Thời gian\nhoàn thành")
	b.row(9, "(1)", "(2)", "(3)", "(4)", "(5)", "(6)")

	all := cityCommunes
	areas := [][]taskRow{
		{
			{tt: 1, title: "Ban hành Kế hoạch cải cách hành chính năm 2025;\n- giao chỉ tiêu cho từng đơn vị", lead: "Phòng Nội vụ",
				coord: "Văn phòng HĐND và UBND thành phố; Phòng Tư pháp", output: "Kế hoạch", deadline: "Trước 31/1",
				wantNumber: "1", wantLead: "PNV", wantCoord: []string{"VP", "PTP"}, wantKind: deadline.KindDate, wantDate: "2025-01-31"},
			{tt: "2.", title: "Kiểm tra công tác cải cách hành chính", lead: norm.NFD.String("Phòng Tư pháp"),
				coord: "UBND các xã, phường", output: "Báo cáo kết quả kiểm tra", deadline: "30/6/2025",
				wantNumber: "2", wantLead: "PTP", wantCoord: all, wantKind: deadline.KindDate, wantDate: "2025-06-30"},
		},
		{
			{tt: "3", title: "Rà soát văn bản quy phạm pháp luật", lead: "Uỷ ban nhân dân phường Hoà An",
				coord: "Phòng Nội vụ, Phòng Tư pháp và Phòng Y tế", output: "Báo cáo", deadline: "30/06/2025",
				wantNumber: "3", wantLead: "P-HOAAN", wantCoord: []string{"PNV", "PTP", "PYT"}, wantKind: deadline.KindDate, wantDate: "2025-06-30"},
			{tt: "3.1", title: "Rà soát thủ tục hành chính", lead: "Ủy ban nhân dân xã Tân Lập",
				coord: "Các cơ quan, đơn vị liên quan", deadline: "Trước ngày 30/6/2025",
				wantNumber: "3.1", wantLead: "X-TANLAP", wantNotes: []string{"Các cơ quan, đơn vị liên quan"}, wantKind: deadline.KindDate, wantDate: "2025-06-30"},
			{tt: "a)", title: "Công bố danh mục thủ tục", lead: "Phòng Tư pháp - Hộ tịch",
				coord: "- Phòng Nội vụ\n- Phòng Y tế\n- Phòng Tư pháp", output: "Quyết định", deadline: "Tháng 6/2025",
				wantNumber: "a)", wantLead: "PTP", wantCoord: []string{"PNV", "PYT"}, wantKind: deadline.KindMonth, wantDate: "2025-06-30"},
			{tt: "b)", title: "Niêm yết thủ tục", lead: "UBND xã Sơn Thuỷ",
				coord: "Phòng Y tế; UBND các phường, xã", deadline: "Tháng 6",
				wantNumber: "b)", wantLead: "X-SONTHUY", wantCoord: append([]string{"PYT"}, "P-HOAAN", "P-TANTIEN", "X-TANLAP"), wantKind: deadline.KindMonth, wantDate: "2025-06-30"},
		},
		{
			{tt: 4, title: "Số hóa hồ sơ", lead: "Trung tâm Phục vụ hành chính công thành phố", coord: "Phòng Văn hóa và Thông tin", deadline: "6/2025",
				wantNumber: "4", wantLead: "TTPVHCC", wantCoord: []string{"PVHTT"}, wantKind: deadline.KindMonth, wantDate: "2025-06-30"},
			{tt: 5, title: "Đánh giá chỉ số SIPAS", lead: "Phòng Văn hóa và Thông tin", coord: "Phòng Nội vụ\nCông an thành phố", deadline: "Quý II",
				wantNumber: "5", wantLead: "PVHTT", wantCoord: []string{"PNV", "CA"}, wantKind: deadline.KindQuarter, wantDate: "2025-06-30"},
			// The lead cell of 5 is merged down over 6 (see below).
			{tt: 6, title: "Khảo sát mức độ hài lòng", lead: nil, deadline: "Quý II/2025",
				wantNumber: "6", wantLead: "PVHTT", wantKind: deadline.KindQuarter, wantDate: "2025-06-30"},
			{tt: 7, title: "Cập nhật cơ sở dữ liệu", lead: "Phòng TC-KH", coord: "Phòng LĐ-TB&XH, Phòng GD&ĐT", deadline: "Quý 2",
				wantNumber: "7", wantLead: "PTCKH", wantCoord: []string{"PLDTBXH", "PGDDT"}, wantKind: deadline.KindQuarter, wantDate: "2025-06-30"},
			{tt: 8, title: "Sơ kết 6 tháng", lead: "Phòng Nội vụ", deadline: "6 tháng đầu năm",
				wantNumber: "8", wantLead: "PNV", wantKind: deadline.KindMonth, wantDate: "2025-06-30"},
			{tt: 9, title: "Tổng kết năm", lead: "Phòng Nội vụ", deadline: "6 tháng cuối năm",
				wantNumber: "9", wantLead: "PNV", wantKind: deadline.KindMonth, wantDate: "2025-12-31"},
			{tt: 10, title: "Báo cáo năm", lead: "Phòng Nội vụ", deadline: "Năm 2025",
				wantNumber: "10", wantLead: "PNV", wantKind: deadline.KindYear, wantDate: "2025-12-31"},
			{tt: 11, title: "Tuyên truyền", lead: "Phòng Văn hóa và Thông tin", coord: "Các sở, ban, ngành; các phòng, ban", deadline: "Trong năm",
				wantNumber: "11", wantLead: "PVHTT", wantNotes: []string{"Các sở, ban, ngành", "các phòng, ban"}, wantKind: deadline.KindYear, wantDate: "2025-12-31"},
			{tt: 12, title: "Theo dõi thi hành pháp luật", lead: "Phòng Tư pháp", deadline: "Cả năm",
				wantNumber: "12", wantLead: "PTP", wantKind: deadline.KindYear, wantDate: "2025-12-31"},
			{tt: 13, title: "Tiếp nhận hồ sơ trực tuyến", lead: "UBND thành phố", coord: "UBND cấp xã", deadline: "Thường xuyên",
				wantNumber: "13", wantLead: "TP", wantCoord: all, wantKind: deadline.KindContinuous},
			{tt: 14, title: "Báo cáo quý", lead: "Văn phòng HĐND và UBND thành phố", deadline: "Hằng quý",
				wantNumber: "14", wantLead: "VP", wantKind: deadline.KindRecurring},
			{tt: 15, title: "Báo cáo tháng", lead: "Thanh tra thành phố", coord: "Công an thành phố và các đơn vị liên quan", deadline: "Hằng tháng",
				wantNumber: "15", wantLead: "TTR", wantCoord: []string{"CA"}, wantNotes: []string{"các đơn vị liên quan"}, wantKind: deadline.KindRecurring},
			// A deadline typed into Excel as a date is a date serial in the file.
			{tt: 16, title: "Thanh tra công vụ", lead: "Thanh tra TP", deadline: time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC),
				wantNumber: "16", wantLead: "TTR", wantText: "30/9/2025", wantKind: deadline.KindDate, wantDate: "2025-09-30"},
		},
	}
	r := 10
	b.row(r, "I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
	b.merge(r, 2, r, 6)
	for _, tr := range areas[0] {
		r++
		b.row(r, tr.tt, tr.title, tr.lead, tr.coord, tr.output, tr.deadline)
	}
	r++
	b.row(r, "Cải cách thể chế") // no numeral: a merged row
	b.merge(r, 1, r, 6)
	for _, tr := range areas[1] {
		r++
		b.row(r, tr.tt, tr.title, tr.lead, tr.coord, tr.output, tr.deadline)
	}
	r++
	b.row(r, "III", "Cải cách thủ tục hành chính") // not merged, numeral in TT
	for i, tr := range areas[2] {
		r++
		b.row(r, tr.tt, tr.title, tr.lead, tr.coord, tr.output, tr.deadline)
		if i == 1 {
			b.merge(r, 3, r+1, 3)
		}
	}
	for i := range areas {
		for j := range areas[i] {
			if areas[i][j].wantText == "" {
				areas[i][j].wantText = areas[i][j].deadline.(string)
			}
		}
	}
	return b, areas
}

func TestReadRealistic(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "TP", Alias{Alias: "Phòng Tư pháp - Hộ tịch", UnitID: memUnits()["PTP"].ID})
	b, want := realistic(t)
	d, err := b.read(m, 2025)
	require.NoError(t, err)
	require.Equal(t, "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025", d.Title)
	require.Equal(t, "123/KH-UBND", d.Number)
	require.Equal(t, civil.New(2024, 12, 25), d.IssuedOn)
	require.Equal(t, 8, d.HeaderRow)
	require.Equal(t, "3 nội dung, 19 nhiệm vụ", d.Summary())
	require.Len(t, d.Areas, 3)
	require.Equal(t, []string{"I", "II", "III"}, []string{d.Areas[0].Label, d.Areas[1].Label, d.Areas[2].Label})
	require.Equal(t, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", d.Areas[0].Name)
	require.Equal(t, "Cải cách thể chế", d.Areas[1].Name)
	require.Equal(t, "Cải cách thủ tục hành chính", d.Areas[2].Name)
	for i, a := range d.Areas {
		require.Len(t, a.Tasks, len(want[i]))
		for j, got := range a.Tasks {
			w := want[i][j]
			msg := fmt.Sprintf("task %s (row %d)", w.wantNumber, got.Row)
			require.Equal(t, w.wantNumber, got.Number, msg)
			require.Equal(t, norm.NFC.String(strings.TrimSpace(w.title.(string))), got.Title, msg)
			require.Equal(t, w.wantLead, got.Lead.Code, msg)
			require.Equal(t, w.wantCoord, nilIfEmpty(codesOf(got.Coordinators)), msg)
			require.Equal(t, w.wantNotes, got.Notes, msg)
			if o, ok := w.output.(string); ok {
				require.Equal(t, o, got.Output, msg)
			}
			require.Equal(t, w.wantText, got.Deadline.Text, msg)
			require.Equal(t, w.wantKind, got.Deadline.Kind, msg)
			if w.wantDate != "" {
				require.Equal(t, civil.MustParse(w.wantDate), got.Deadline.Date, msg)
			}
		}
	}
	// Multi-line cells keep their lines; notes go to the description.
	require.Equal(t, "Ban hành Kế hoạch cải cách hành chính năm 2025;\n- giao chỉ tiêu cho từng đơn vị", d.Areas[0].Tasks[0].Title)
	require.Equal(t, "Phối hợp: Các sở, ban, ngành; các phòng, ban", d.Areas[2].Tasks[7].Description())
	require.Equal(t, "", d.Areas[0].Tasks[0].Description())
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// faulty is a small annex whose rows are given.
func faulty(t testing.TB, rows ...[]any) *book {
	b := newBook(t)
	b.row(1, "PHỤ LỤC")
	b.header(3)
	b.row(4, "I", "Cải cách thể chế")
	for i, r := range rows {
		b.row(5+i, r...)
	}
	return b
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "TP")
	b := faulty(t,
		[]any{1, "Nhiệm vụ tốt", "Phòng Tư pháp", "Phòng Nội vụ", "Báo cáo", "Quý II"},
		[]any{2, "Đơn vị sai", "Phòng Tư phap", "Phòng Nội vụ, Sở Xây dựng", "", "Quý II"},
		[]any{3, "Thời hạn sai", "Phòng Nội vụ", "", "", "Quý V"},
		[]any{4, "Thiếu chủ trì", nil, "Phòng Y tế", "", "30/6/2025"},
		[]any{5, nil, "Phòng Y tế", "", "", "31/2/2025"},
		[]any{6, "Hai đơn vị chủ trì", "Phòng Nội vụ, Phòng Tư pháp", "", "", "Tháng 13"},
		[]any{7, "Chủ trì là nhóm", "UBND các xã, phường", "", "", ""},
		[]any{8, "Thời hạn mơ hồ", "Phòng Nội vụ", "", "", "Trước tháng 6"},
	)
	d, err := b.read(m, 2025)
	var es Errors
	require.ErrorAs(t, err, &es)
	require.Equal(t, d.Errors, es)
	require.Equal(t, strings.Join([]string{
		"Dòng 6, cột Cơ quan chủ trì: “Phòng Tư phap” — không tìm thấy đơn vị (có phải “Phòng Tư pháp”?)",
		"Dòng 6, cột Cơ quan phối hợp: “Sở Xây dựng” — không tìm thấy đơn vị",
		"Dòng 7, cột Thời gian hoàn thành: thời hạn “Quý V” có quý không tồn tại (chỉ có quý I đến IV)",
		"Dòng 8, cột Cơ quan chủ trì: thiếu cơ quan chủ trì",
		"Dòng 9, cột Nội dung nhiệm vụ: nhiệm vụ cần có nội dung",
		"Dòng 9, cột Thời gian hoàn thành: thời hạn “31/2/2025” có ngày không tồn tại",
		"Dòng 10, cột Cơ quan chủ trì: “Phòng Nội vụ, Phòng Tư pháp” — có nhiều hơn một cơ quan chủ trì (Phòng Nội vụ; Phòng Tư pháp) — mỗi nhiệm vụ chỉ có một cơ quan chủ trì; ghi các đơn vị còn lại vào cột Cơ quan phối hợp",
		"Dòng 10, cột Thời gian hoàn thành: thời hạn “Tháng 13” có tháng không tồn tại (chỉ có tháng 1 đến 12)",
		"Dòng 11, cột Cơ quan chủ trì: “UBND các xã, phường” — là một nhóm 4 đơn vị — mỗi nhiệm vụ chỉ có một cơ quan chủ trì; ghi các đơn vị còn lại vào cột Cơ quan phối hợp",
		"Dòng 11, cột Thời gian hoàn thành: thiếu thời gian hoàn thành",
		"Dòng 12, cột Thời gian hoàn thành: thời hạn “Trước tháng 6” không rõ là hết kỳ trước hay hết kỳ đó; hãy ghi ngày cụ thể (ví dụ: Trước 30/6/2025)",
	}, "\n"), err.Error())
	require.Equal(t, []any{6, "Cơ quan chủ trì", "Phòng Tư phap", "không tìm thấy đơn vị (có phải “Phòng Tư pháp”?)"},
		[]any{es[0].Row, es[0].Column, es[0].Text, es[0].Reason.In(i18n.VI)})
	// The preview still shows every row.
	require.Equal(t, 8, d.TaskCount())
}

func TestReadStructureErrors(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "TP")

	// A task before any area, and a stray row.
	b := newBook(t)
	b.header(1)
	b.row(2, 1, "Nhiệm vụ", "Phòng Nội vụ", "", "", "Quý I")
	b.row(3, nil, "Dòng lạc không có gì khác")
	b.row(4, "I", "Cải cách thể chế")
	b.row(5, 2, "Nhiệm vụ", "Phòng Nội vụ", "", "", "Quý I")
	_, err := b.read(m, 2025)
	require.EqualError(t, err, "Dòng 2, cột TT: “1” — nhiệm vụ nằm trước nội dung (lĩnh vực) đầu tiên — hãy thêm phía trên một dòng nội dung có số La Mã (I, II, …)\n"+
		"Dòng 3: “Dòng lạc không có gì khác” — dòng chỉ có nội dung, không có số thứ tự, cơ quan chủ trì hay thời hạn — nếu là tên nội dung (lĩnh vực), hãy ghi số La Mã (I, II, …) ở cột TT hoặc gộp ô cả dòng")

	// No task at all.
	b = newBook(t)
	b.header(2)
	b.row(3, "I", "Cải cách thể chế")
	_, err = b.read(m, 2025)
	require.EqualError(t, err, "Bảng tính: không có nhiệm vụ nào dưới dòng tiêu đề (dòng 2)")

	// No header in the first rows: a file-level error.
	b = newBook(t)
	b.row(1, "Danh sách")
	b.header(16)
	_, err = b.read(m, 2025)
	var fe *FileError
	require.ErrorAs(t, err, &fe)
	require.Contains(t, err.Error(), "Không tìm thấy dòng tiêu đề")

	// The header on the second sheet is found.
	b = newBook(t)
	b.row(1, "Ghi chú: xem trang sau")
	_, err = b.f.NewSheet("Phụ lục")
	require.NoError(t, err)
	b.sheet = "Phụ lục"
	b.row(1, "Số TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Kết quả", "Thời hạn")
	b.row(2, "I", "Cải cách thể chế")
	b.row(3, "1", "Nhiệm vụ", "Phòng Nội vụ", "", "", "Quý I")
	d, err := b.read(m, 2025)
	require.NoError(t, err)
	require.Equal(t, "Phụ lục", d.Sheet)
	require.Equal(t, 1, d.TaskCount())
}

func TestReadNotXLSX(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "TP")
	// A .docx renamed .xlsx: a zip, but a Word document.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
	} {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	for name, data := range map[string][]byte{
		"docx":  buf.Bytes(),
		"text":  []byte("TT;Nội dung nhiệm vụ;Cơ quan chủ trì\n1;a;b\n"),
		"empty": nil,
		"xls":   append(append([]byte{}, oleMagic...), make([]byte, 512)...),
	} {
		d, err := Read(bytes.NewReader(data), int64(len(data)), m, 2025)
		require.Nil(t, d, name)
		var fe *FileError
		require.ErrorAs(t, err, &fe, name)
		require.ErrorIs(t, err, ErrNotXLSX, name)
		require.True(t, strings.HasPrefix(err.Error(), "Tệp không phải bảng tính Excel (.xlsx)"), err.Error())
	}
	_, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), m, 2025)
	require.EqualError(t, err, "Tệp không phải bảng tính Excel (.xlsx) — đây là văn bản Word (.docx)")
}

// TestReadOversized feeds files built to exhaust memory: each must be
// refused quickly with a clear message.
func TestReadOversized(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "TP")

	// 100,000 rows, each a plausible task: 30 MB of sheet once unpacked.
	data := patched(t, "xl/worksheets/sheet1.xml", func(w io.Writer) {
		sheetXML(w, 100_000, func(r int) string {
			return fmt.Sprintf(`<c r="A%[1]d"><v>%[1]d</v></c><c r="B%[1]d" t="inlineStr"><is><t>Nhiệm vụ số %[1]d</t></is></c>`+
				`<c r="C%[1]d" t="inlineStr"><is><t>Phòng Nội vụ</t></is></c><c r="F%[1]d" t="inlineStr"><is><t>Quý I</t></is></c>`, r)
		})
	})
	start := time.Now()
	_, err := Read(bytes.NewReader(data), int64(len(data)), m, 2025)
	require.ErrorIs(t, err, ErrTooLarge)
	require.Contains(t, err.Error(), "Trang tính quá lớn")
	t.Logf("100,000 rows (%d KB): %v in %v", len(data)>>10, err, time.Since(start))

	// 100,000 rows of one short cell: small enough once unpacked, so the
	// rows are streamed and counted.
	data = patched(t, "xl/worksheets/sheet1.xml", func(w io.Writer) {
		sheetXML(w, 100_000, func(r int) string { return fmt.Sprintf(`<c r="A%[1]d"><v>%[1]d</v></c>`, r) })
	})
	start = time.Now()
	_, err = Read(bytes.NewReader(data), int64(len(data)), m, 2025)
	require.ErrorIs(t, err, ErrTooLarge)
	require.EqualError(t, err, "Bảng tính có quá nhiều dòng (hơn 5.000 dòng có dữ liệu; một phụ lục kế hoạch thường dưới 200 dòng)")
	t.Logf("100,000 short rows (%d KB): refused in %v", len(data)>>10, time.Since(start))

	// A small file whose shared strings unpack to 64 MB (a zip bomb).
	bomb := zipBomb(t)
	require.Less(t, len(bomb), 1<<20)
	start = time.Now()
	_, err = Read(bytes.NewReader(bomb), int64(len(bomb)), m, 2025)
	require.ErrorIs(t, err, ErrTooLarge)
	require.Contains(t, err.Error(), "Tệp quá lớn khi giải nén")
	t.Logf("zip bomb (%d KB): %v in %v", len(bomb)>>10, err, time.Since(start))

	// A file over MaxFileSize is refused by its size alone.
	_, err = Read(strings.NewReader(""), MaxFileSize+1, m, 2025)
	require.ErrorIs(t, err, ErrTooLarge)
	require.EqualError(t, err, "Tệp quá lớn (hơn 10 MB) — một phụ lục kế hoạch thường chỉ vài chục KB")

	// A cell too long is reported on its row.
	long := strings.Repeat("Nhiệm vụ rất dài. ", 300)
	b := faulty(t, []any{1, long, "Phòng Nội vụ", "", "", "Quý I"})
	_, err = b.read(m, 2025)
	require.EqualError(t, err, "Dòng 5, cột Nội dung nhiệm vụ: ô dài quá 4.000 ký tự")
}

// patched is a small valid annex whose part name is replaced by what
// body writes.
func patched(t testing.TB, name string, body func(io.Writer)) []byte {
	src := newBook(t)
	src.header(1)
	src.row(2, "I", "Cải cách thể chế")
	good := src.bytes()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, f := range zr.File {
		if f.Name != name {
			require.NoError(t, zw.Copy(f))
		}
	}
	w, err := zw.Create(name)
	require.NoError(t, err)
	bw := bufio.NewWriter(w)
	body(bw)
	require.NoError(t, bw.Flush())
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// sheetXML writes a worksheet of n rows from 2 on (row 1 is the header,
// as shared strings 0–5 of patched's workbook).
func sheetXML(w io.Writer, n int, cells func(row int) string) {
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	io.WriteString(w, `<row r="1">`)
	for i, c := range "ABCDEF" {
		fmt.Fprintf(w, `<c r="%c1" t="s"><v>%d</v></c>`, c, i)
	}
	io.WriteString(w, `</row>`)
	for r := 2; r <= n; r++ {
		fmt.Fprintf(w, `<row r="%d">%s</row>`, r, cells(r))
	}
	io.WriteString(w, `</sheetData></worksheet>`)
}

// zipBomb is an .xlsx of a few hundred kilobytes whose shared strings
// part unpacks to 64 MB.
var zipBomb = func() func(testing.TB) []byte {
	var once sync.Once
	var data []byte
	return func(t testing.TB) []byte {
		once.Do(func() {
			data = patched(t, "xl/sharedStrings.xml", func(w io.Writer) {
				io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`)
				chunk := bytes.Repeat([]byte("A"), 1<<20)
				for range 64 {
					w.Write(chunk)
				}
				io.WriteString(w, `</t></si></sst>`)
			})
		})
		return data
	}
}()

// sixty is an annex of 8 areas and 60 tasks.
func sixty(t testing.TB) *book {
	b := newBook(t)
	b.row(1, "PHỤ LỤC")
	b.row(2, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025")
	b.header(4)
	leads := []string{"Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch", "UBND phường Hòa An", "Văn phòng HĐND và UBND thành phố", "Phòng Y tế"}
	coords := []string{"Phòng Tư pháp, Phòng Y tế", "UBND các xã, phường", "Các cơ quan, đơn vị liên quan", "", "Phòng Nội vụ;\nCông an thành phố"}
	dls := []string{"Quý I", "30/6/2025", "Tháng 9", "Thường xuyên", "6 tháng đầu năm", "Trước 31/3", "Hằng quý"}
	r, n := 4, 0
	for a := 1; a <= 8; a++ {
		r++
		b.row(r, fmt.Sprintf("%s.", romanNumeral(a)), fmt.Sprintf("Nội dung %d", a))
		b.merge(r, 2, r, 6)
		for k := 0; k < 7+a%2*1+boolInt(a == 8)*3; k++ {
			if n == 60 {
				break
			}
			n++
			r++
			b.row(r, n, fmt.Sprintf("Nhiệm vụ số %d của nội dung %d:\n- xây dựng kế hoạch;\n- tổ chức thực hiện", n, a),
				leads[n%len(leads)], coords[n%len(coords)], "Báo cáo", dls[n%len(dls)])
		}
	}
	require.Equal(t, 60, n)
	return b
}

func romanNumeral(n int) string {
	return []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"}[n]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestReadSixty(t *testing.T) {
	t.Parallel()
	d, err := sixty(t).read(memMatcher(t, "TP"), 2025)
	require.NoError(t, err)
	require.Equal(t, "8 nội dung, 60 nhiệm vụ", d.Summary())
}

func BenchmarkRead60(b *testing.B) {
	data := sixty(b).bytes()
	m := memMatcher(b, "TP")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		// A fresh Matcher each time, as each import builds one.
		m = newMatcher(m.root, m.units, nil, nil)
		d, err := Read(bytes.NewReader(data), int64(len(data)), m, 2025)
		if err != nil || d.TaskCount() != 60 {
			b.Fatal(err)
		}
	}
}

// TestReadTolerates what annexes carry around the table.
func TestReadTolerates(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	b.row(1, "Phụ lục II")
	b.row(2, "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")
	b.row(3, "(Kèm theo Kế hoạch số: 05/KH-UBND ngày 9.1.2025 của Ủy ban nhân dân thành phố)")
	b.row(4, "Số TT", "NHIỆM VỤ", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "KẾT QUẢ", "THỜI HẠN", "GHI CHÚ")
	b.row(5, 1, 2, 3, 4, 5, 6, 7)
	b.row(6, "I", "CẢI CÁCH THỂ CHẾ")
	b.row(7, "1.", "Nhiệm vụ một", "Phòng Nội vụ", "", "", "Quý I", "Ưu tiên")
	b.row(8, "2")                               // a numbered row left blank
	b.row(9, "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH") // merged, numeral in the text
	b.merge(9, 1, 9, 7)
	b.row(10, "3", "Nhiệm vụ ba", "Phòng Tư pháp", "Các cơ quan, đơn vị liên quan", "", "Quý II")
	b.row(12, "Ghi chú: các đơn vị báo cáo trước ngày 15 hằng tháng") // a footnote
	b.merge(12, 1, 12, 7)
	b.row(14, nil, nil, nil, nil, "TM. ỦY BAN NHÂN DÂN") // the signature block
	b.row(15, nil, nil, nil, nil, "CHỦ TỊCH")
	d, err := b.read(memMatcher(t, "TP"), 2025)
	require.NoError(t, err)
	require.Equal(t, "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", d.Title)
	require.Equal(t, "05/KH-UBND", d.Number)
	require.Equal(t, civil.New(2025, 1, 9), d.IssuedOn)
	require.Equal(t, "2 nội dung, 2 nhiệm vụ", d.Summary())
	for line, want := range map[string][2]string{
		"(Kèm theo Kế hoạch số 215/KH-UBND ngày 26/12/2023 của UBND thành phố Sơn Hà)": {"215/KH-UBND", "2023-12-26"},
		"Kèm theo Kế hoạch số 12a/KH-UBND, ngày 25 tháng 12 năm 2024":                  {"12a/KH-UBND", "2024-12-25"},
		"(Kèm theo Kế hoạch số 7 /KH-UBND)":                                            {"7 /KH-UBND", ""},
		"(Kèm theo Kế hoạch của UBND thành phố)":                                       {"", ""},
	} {
		var got Draft
		got.readTitle([]string{line})
		require.Equal(t, want[0], got.Number, line)
		if want[1] == "" {
			require.True(t, got.IssuedOn.IsZero(), line)
		} else {
			require.Equal(t, civil.MustParse(want[1]), got.IssuedOn, line)
		}
	}
	require.Equal(t, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", d.Areas[1].Name)
	require.Equal(t, "II", d.Areas[1].Label)
	require.Equal(t, "1", d.Areas[0].Tasks[0].Number)
	require.Equal(t, "Ưu tiên", d.Areas[0].Tasks[0].Description())
	require.Equal(t, "Phối hợp: Các cơ quan, đơn vị liên quan", d.Areas[1].Tasks[0].Description())
}
