package par

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"cchc/internal/civil"
	"cchc/internal/vn"
	"cchc/reports"
	"cchc/units"
)

// Standing is one group's ranking: its set, tree and cards in rank order.
type Standing struct {
	Set   *Set
	Tree  *Tree
	Cards []*Card
}

// GroupName is the standing's group name.
func (s Standing) GroupName() string { return s.Set.Group.Name }

// WriteRanking writes the ranking of a year as a workbook: one sheet per
// group, units in rank order with their self-assessed and final scores,
// class, change against last year, and points per area.
func WriteRanking(w io.Writer, year int, body string, standings []Standing) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &sheetWriter{f: f}
	x.check(f.SetDefaultFont("Times New Roman"))
	st := newStyles(&sheetWriter{f: f})
	for i, sd := range standings {
		name := sheetName(sd.Set.Group.Code, i)
		if i == 0 {
			x.check(f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			x.check(err)
		}
		x.sheet = name
		heads := []string{"Xếp hạng", "Mã đơn vị", "Cơ quan, đơn vị", "Điểm tự đánh giá", "Điểm đạt được", "Điểm tối đa", "Tỷ lệ", "Xếp loại", "So với năm trước"}
		widths := []float64{10, 14, 44, 14, 14, 12, 10, 14, 14}
		for _, a := range sd.Tree.Areas {
			heads = append(heads, a.Number+". "+a.Title+" ("+a.Max.String()+")")
			widths = append(widths, 16)
		}
		for c, wd := range widths {
			x.check(f.SetColWidth(name, colName(c+1), colName(c+1), wd))
		}
		x.merged(1, 1, len(heads), strings.ToUpper(fmt.Sprintf("Kết quả Chỉ số cải cách hành chính năm %d", year)), st.title, 24)
		x.merged(2, 1, len(heads), sd.Set.Group.Name+" — "+body, st.subtitle, 20)
		status := "Kết quả đã công bố"
		if !sd.Set.Published() {
			status = "Kết quả tạm tính, chưa công bố"
		}
		x.merged(3, 1, len(heads), status, st.subtitle, 18)
		const header = 5
		for c, h := range heads {
			x.set(c+1, header, h, st.header)
		}
		x.check(f.SetRowHeight(name, header, 60))
		for r, c := range sd.Cards {
			row := header + 1 + r
			x.set(1, row, c.Rank, st.center)
			x.set(2, row, c.Unit.Code, st.center)
			x.set(3, row, c.Unit.Name, st.text)
			x.set(4, row, c.Self.Float(), st.points)
			x.set(5, row, c.Final.Float(), st.points)
			x.set(6, row, c.Max.Float(), st.points)
			x.set(7, row, 0, st.percent)
			x.check(f.SetCellFormula(name, cellName(7, row), fmt.Sprintf("IF(%s>0,%s/%s,0)", cellName(6, row), cellName(5, row), cellName(6, row))))
			x.set(8, row, c.Class, st.center)
			if c.Change != nil {
				x.set(9, row, c.Change.Float(), st.points)
			} else {
				x.set(9, row, "", st.center)
			}
			for i, a := range c.Areas {
				x.set(10+i, row, a.Final.Float(), st.points)
			}
		}
		x.check(f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: header, XSplit: 3, TopLeftCell: cellName(4, header+1), ActivePane: "bottomRight"}))
		last := header + len(sd.Cards)
		x.check(f.AutoFilter(name, cellName(1, header)+":"+cellName(len(heads), max(last, header+1)), nil))
		x.check(f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: intp(9), Orientation: strp("landscape"), FitToWidth: intp(1), FitToHeight: intp(0)}))
	}
	if len(standings) == 0 {
		x.sheet = "Sheet1"
		x.set(1, 1, "Chưa có kết quả", st.text)
	}
	x.check(f.SetDocProps(&excelize.DocProperties{Title: fmt.Sprintf("Chỉ số cải cách hành chính năm %d", year), Creator: body, Language: "vi-VN"}))
	if x.err != nil {
		return fmt.Errorf("par: ranking workbook: %w", x.err)
	}
	_, err := f.WriteTo(w)
	return err
}

// sheetName is a valid, unique sheet name for a group code.
func sheetName(code string, i int) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, code)
	if utf8.RuneCountInString(s) > 28 {
		s = string([]rune(s)[:28])
	}
	return fmt.Sprintf("%d. %s", i+1, s)
}

// Decision builds the decision announcing a body's index of a year
// (Quyết định công bố Chỉ số CCHC năm …) with the results table as its
// annex, issued by body (under parent, if any) on the proposal of its
// secretariat (nil if none).
func Decision(body units.Unit, parent, secretariat *units.Unit, year int, standings []Standing, now time.Time) *reports.Decision {
	l := reports.LetterheadOf(body, parent).AsDecision()
	var rs []string
	rs = append(rs, "- Như Điều 3;")
	for _, r := range l.Recipients {
		low := strings.ToLower(r)
		if strings.Contains(low, "các cơ quan") || strings.Contains(low, "các xã") || strings.Contains(low, "các sở") {
			continue // named in Điều 3
		}
		rs = append(rs, r)
	}
	l.Recipients = rs

	var groups []string
	for _, sd := range standings {
		groups = append(groups, lowerFirst(sd.Set.Group.Name))
	}
	of := strings.Join(groups, " và ")
	subject := fmt.Sprintf("Về việc công bố Chỉ số cải cách hành chính năm %d", year)
	if of != "" {
		subject += " của " + of
	}
	full := l.Issuer
	if l.Authority == "ỦY BAN NHÂN DÂN" {
		full = l.Authority + " " + l.Issuer
	}
	level := ""
	if area, ok := strings.CutPrefix(body.Name, "UBND "); ok {
		level = strings.ToLower(area)
		for _, lv := range []string{"thành phố", "tỉnh", "xã", "phường", "huyện", "quận", "thị xã", "đặc khu"} {
			if strings.HasPrefix(level, lv+" ") {
				level = lv
				break
			}
		}
	}
	head := "Thủ trưởng cơ quan tham mưu về cải cách hành chính"
	secName := "cơ quan tham mưu về cải cách hành chính"
	if secretariat != nil {
		secName = secretariat.Name
		switch low := strings.ToLower(secretariat.Name); {
		case strings.HasPrefix(low, "sở "):
			head = "Giám đốc " + secretariat.Name
		case strings.HasPrefix(low, "phòng "):
			head = "Trưởng phòng " + strings.TrimSpace(secretariat.Name[len("Phòng "):])
		default:
			head = "Thủ trưởng " + lowerFirst(secretariat.Name)
		}
	}
	grounds := []string{
		"Căn cứ Luật Tổ chức chính quyền địa phương;",
		"Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
	}
	for _, sd := range standings {
		g := "Căn cứ " + sd.Set.Title
		if !strings.Contains(strings.ToLower(sd.Set.Title), strings.ToLower(sd.Set.Group.Name)) {
			g += " (" + sd.Set.Group.Name + ")"
		}
		grounds = append(grounds, g+";")
	}
	grounds = append(grounds, "Theo đề nghị của "+head+".")
	office := "Chánh Văn phòng"
	if level != "" {
		office += " UBND " + level
	}
	articles := []reports.Article{
		{Head: "Điều 1.", Text: fmt.Sprintf("Công bố Chỉ số cải cách hành chính năm %d của %s (chi tiết tại Phụ lục kèm theo Quyết định này).", year, of)},
		{Head: "Điều 2.", Text: fmt.Sprintf("Căn cứ kết quả Chỉ số cải cách hành chính năm %d, thủ trưởng các cơ quan, đơn vị có tên tại Điều 1 "+
			"tổ chức quán triệt, phân tích, đánh giá những mặt được, những tồn tại, hạn chế và đề ra giải pháp khắc phục, "+
			"nâng cao hiệu quả công tác cải cách hành chính trong năm %d.\nGiao %s theo dõi, đôn đốc, tổng hợp, báo cáo kết quả thực hiện.",
			year, year+1, secName)},
		{Head: "Điều 3.", Text: fmt.Sprintf("Quyết định này có hiệu lực kể từ ngày ký. %s, %s, thủ trưởng các cơ quan, đơn vị có tên tại Phụ lục "+
			"kèm theo Quyết định này chịu trách nhiệm thi hành Quyết định này./.", office, head)},
	}

	// The annex: one table, a banner per group; area columns when every
	// set has the same areas.
	areas := 0
	same := true
	for i, sd := range standings {
		if i == 0 {
			areas = len(sd.Tree.Areas)
		} else if len(sd.Tree.Areas) != areas {
			same = false
		}
	}
	if !same {
		areas = 0
	}
	// Widths: a score "12,75" fits an area column on one line.
	cols := []reports.TableColumn{{Title: "TT", Weight: 6, Center: true}, {Title: "Cơ quan, đơn vị", Weight: 26}}
	for i := range areas {
		cols = append(cols, reports.TableColumn{Title: romanLabel(i + 1), Weight: 8, Center: true})
	}
	cols = append(cols, reports.TableColumn{Title: "Điểm tự đánh giá", Weight: 10, Center: true},
		reports.TableColumn{Title: "Điểm đạt được", Weight: 10, Center: true},
		reports.TableColumn{Title: "Xếp loại", Weight: 11, Center: true},
		reports.TableColumn{Title: "Xếp hạng", Weight: 8, Center: true})
	table := reports.Table{Columns: cols}
	for gi, sd := range standings {
		table.Rows = append(table.Rows, reports.TableRow{Banner: true, Bold: true, Cells: []string{fmt.Sprintf("%s. %s (%d đơn vị; tổng điểm tối đa %s)",
			string(rune('A'+gi)), sd.Set.Group.Name, len(sd.Cards), sd.Set.Total.String())}})
		for i, c := range sd.Cards {
			cells := []string{vn.Int(i + 1), c.Unit.Name}
			for a := range areas {
				cells = append(cells, c.Areas[a].Final.String())
			}
			cells = append(cells, c.Self.String(), c.Final.String(), c.Class, vn.Int(c.Rank))
			table.Rows = append(table.Rows, reports.TableRow{Cells: cells})
		}
	}
	if areas > 0 && len(standings) > 0 {
		var legend []string
		for i, a := range standings[0].Tree.Areas {
			legend = append(legend, fmt.Sprintf("%s. %s (tối đa %s điểm)", romanLabel(i+1), a.Title, a.Max.String()))
		}
		table.Rows = append(table.Rows, reports.TableRow{Banner: true, Cells: []string{"Ghi chú: " + strings.Join(legend, "; ") + "."}})
	}
	dated := civil.In(now).Year
	return &reports.Decision{
		Letterhead: l, Year: dated, Subject: subject, Body: full, Grounds: grounds, Articles: articles,
		AnnexTitle: strings.ToUpper(fmt.Sprintf("Kết quả Chỉ số cải cách hành chính năm %d", year)),
		AnnexNote: fmt.Sprintf("(Kèm theo Quyết định số      %s ngày      tháng      năm %d của %s)",
			l.NumberSuffix, dated, body.Name),
		Annex: table, Creator: body.Name, Created: now,
	}
}

// lowerFirst lowers the first letter of a name used inside a sentence
// ("Các sở, ban, ngành" → "các sở, ban, ngành"), but keeps "UBND …".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if next, _ := utf8.DecodeRuneInString(s[n:]); n == 0 || unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
