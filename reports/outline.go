package reports

import (
	"fmt"
	"strings"

	"cchc/internal/civil"
	"cchc/internal/vn"
	"cchc/tasks"
)

// BlockKind says how a block of the report body is set.
type BlockKind int

const (
	Paragraph  BlockKind = iota
	Heading1             // "I. Công tác chỉ đạo, điều hành"
	Heading2             // "1. Cải cách thể chế"
	TableBlock           // a table: Block.Table
)

// Block is one heading, paragraph or table of the report body.
type Block struct {
	Kind  BlockKind
	Text  string
	Table *Table
}

// Outline is the body of the report, sections I–V, as Vietnamese CCHC
// reports lay it out (docs/DOMAIN.md §7). Sections I–II are written from the
// figures, III–V from the (possibly edited) narrative; any writer renders
// the same outline.
func (r *Report) Outline() []Block {
	var b []Block
	h1 := func(s string) { b = append(b, Block{Kind: Heading1, Text: s}) }
	h2 := func(s string) { b = append(b, Block{Kind: Heading2, Text: s}) }
	p := func(s string) { b = append(b, Block{Kind: Paragraph, Text: s}) }
	text := func(s string) {
		for _, line := range strings.Split(s, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				p(line)
			}
		}
	}
	c := r.Counts

	h1("I. Công tác chỉ đạo, điều hành")
	p(r.introduction())
	if r.AsOf == r.To {
		p(fmt.Sprintf("Tính đến ngày %s (thời điểm chốt số liệu báo cáo %s), đã hoàn thành %s. Cụ thể:",
			dateText(r.AsOf), r.Period.Title(r.Plan.Year), c.Headline()))
	} else {
		p(fmt.Sprintf("Tính đến ngày %s, đã hoàn thành %s. Cụ thể:", dateText(r.AsOf), c.Headline()))
	}
	p("- Hoàn thành đúng hạn: " + share(c.CompletedOnTime, c.Total) + ";")
	p("- Hoàn thành quá hạn: " + share(c.CompletedLate, c.Total) + ";")
	p("- Đang thực hiện trong hạn: " + share(c.InProgress, c.Total) + ";")
	if c.NotStarted > 0 {
		p("- Chưa triển khai (chưa đến hạn): " + share(c.NotStarted, c.Total) + ";")
	}
	if c.Continuous > 0 {
		p("- Nhiệm vụ thường xuyên đang thực hiện: " + share(c.Continuous, c.Total) + ";")
	}
	p("- Quá hạn chưa hoàn thành: " + share(c.Overdue, c.Total) + ".")
	if rule := r.continuousRule(); rule != "" {
		p(rule)
	}
	p("(Chi tiết tại Phụ lục kèm theo.)")
	if s := r.indicatorsSentence(); s != "" {
		p(s)
	}

	groups := r.sectionGroups()
	for _, g := range groups {
		if g.inSectionI {
			h2(g.title)
			r.groupBlocks(g, p)
		}
	}

	h1("II. Kết quả thực hiện từng nội dung")
	n := 0
	for _, g := range groups {
		if g.inSectionI {
			continue
		}
		n++
		h2(fmt.Sprintf("%d. %s", n, g.title))
		r.groupBlocks(g, p)
	}
	if r.Chain != nil && len(r.Chain.Units) > 0 {
		n++
		h2(fmt.Sprintf("%d. Kết quả thực hiện của các cơ quan, đơn vị", n))
		p(r.chainSentence())
		t := r.chainTable()
		b = append(b, Block{Kind: TableBlock, Table: &t})
	}

	h1("III. Đánh giá chung")
	h2("1. Ưu điểm")
	text(r.Narrative.Assessment)
	h2("2. Hạn chế, nguyên nhân")
	text(r.Narrative.Limitations)

	h1("IV. Phương hướng, nhiệm vụ kỳ tới")
	text(r.Narrative.Directions)

	h1("V. Kiến nghị, đề xuất")
	text(r.Narrative.Proposals)
	return b
}

// group is a subsection of section II (or, for the national layout, the
// areas of no reform area, in section I): one or more plan areas.
type group struct {
	title      string
	areas      []AreaResult
	counts     tasks.Counts
	inSectionI bool
}

// sectionGroups are the subsections: one per plan area, or one per
// national reform area gathering the areas mapped to it, the others
// ("Công tác chỉ đạo, điều hành", "thông tin, tuyên truyền") going to
// section I.
func (r *Report) sectionGroups() []group {
	if r.Sections != SectionsNational {
		out := make([]group, len(r.ByArea))
		for i, a := range r.ByArea {
			out[i] = group{title: a.Name, areas: []AreaResult{a}, counts: a.Counts}
		}
		return out
	}
	national := make([]group, len(ReformAreas))
	for i, name := range ReformAreas {
		national[i].title = name
	}
	var first []group
	for _, a := range r.ByArea {
		if a.ReformArea < 1 || a.ReformArea >= len(ReformAreas) {
			first = append(first, group{title: a.Name, areas: []AreaResult{a}, counts: a.Counts, inSectionI: true})
			continue
		}
		g := &national[a.ReformArea]
		g.areas = append(g.areas, a)
		g.counts.Merge(a.Counts)
	}
	return append(first, national[1:]...)
}

// groupBlocks writes a subsection: its figures, notable results, the tasks
// overdue and those completed late, with their lead unit, days and reason.
func (r *Report) groupBlocks(g group, p func(string)) {
	ids := map[int64]bool{}
	var results []string
	for _, a := range g.areas {
		ids[a.AreaID] = true
		results = append(results, a.Results...)
	}
	p(areaSummary(g.counts))
	if len(results) > 0 {
		p("Một số kết quả nổi bật:")
		for _, res := range results[:min(len(results), 3*max(1, len(g.areas)))] {
			p("- " + vn.OneLine(res))
		}
	}
	var overdue []OverdueTask
	for _, t := range r.Overdue {
		if ids[t.AreaID] {
			overdue = append(overdue, t)
		}
	}
	if len(overdue) > 0 {
		p("Nhiệm vụ quá hạn chưa hoàn thành:")
		for _, t := range overdue {
			s := fmt.Sprintf("- Nhiệm vụ %s: %s (%s chủ trì; thời hạn: %s; quá hạn %s ngày",
				t.Number, strings.TrimSuffix(vn.OneLine(t.Title), "."), t.LeadUnit, t.Deadline, vn.Int(t.DaysOverdue))
			if t.Pending {
				s += "; đơn vị đã báo hoàn thành, chờ xác nhận"
			}
			s += "). " + reasonText(t.Reason)
			if t.Difficulties != "" {
				s += " Khó khăn, vướng mắc: " + sentence(t.Difficulties)
			}
			p(s)
		}
	}
	var late []LateTask
	for _, t := range r.Late {
		if ids[t.AreaID] {
			late = append(late, t)
		}
	}
	if len(late) > 0 {
		p("Nhiệm vụ hoàn thành chậm so với thời hạn:")
		for _, t := range late {
			p(fmt.Sprintf("- Nhiệm vụ %s: %s (%s chủ trì; thời hạn: %s; hoàn thành ngày %s, chậm %s ngày). %s",
				t.Number, strings.TrimSuffix(vn.OneLine(t.Title), "."), t.LeadUnit, t.Deadline, dateText(t.CompletedOn), vn.Int(t.DaysLate),
				reasonText(t.Reason)))
		}
	}
}

// reasonText is "Lý do: …." or that none was given.
func reasonText(reason string) string {
	if reason == "" {
		return "Đơn vị chưa nêu lý do."
	}
	return "Lý do: " + sentence(reason)
}

// sentence is s on one line ending with a full stop.
func sentence(s string) string {
	s = strings.TrimRight(vn.OneLine(s), " .;")
	return s + "."
}

// continuousRule says how continuous tasks were counted, when the plan has any.
func (r *Report) continuousRule() string {
	if r.ContinuousTasks == 0 {
		return ""
	}
	if r.ContinuousFrom.IsZero() {
		return "Nhiệm vụ thường xuyên được tính là hoàn thành khi cơ quan chủ trì báo cáo hoàn thành và được xác nhận, không phải chờ đến thời điểm chốt số liệu cuối năm."
	}
	return fmt.Sprintf("Nhiệm vụ thường xuyên chỉ được tính là hoàn thành từ thời điểm chốt số liệu báo cáo năm (ngày %s); trước thời điểm đó được tính là đang thực hiện.",
		dateText(r.ContinuousFrom))
}

// indicatorsSentence quotes the indicators with a figure and the targets met.
func (r *Report) indicatorsSentence() string {
	var parts []string
	for _, ind := range r.Indicators {
		if ind.Actual == nil {
			continue
		}
		s := vn.OneLine(ind.Name) + ": " + ind.ActualText()
		if !ind.Percent() && ind.UnitOfMeasure != "" {
			s += " " + ind.UnitOfMeasure
		}
		if rt := ind.RatioText(); rt != "" {
			s += " (" + rt + ")"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return ""
	}
	out := "Kết quả thực hiện các chỉ tiêu: " + strings.Join(parts, "; ") + "."
	if sum := r.IndicatorSummary(); sum.Assessed > 0 {
		out += fmt.Sprintf(" Đạt %d/%d chỉ tiêu có chỉ tiêu kế hoạch (chi tiết tại Phụ lục số liệu).", sum.Met, sum.Assessed)
	} else {
		out += " (Chi tiết tại Phụ lục số liệu.)"
	}
	return out
}

// chainSentence says how many units have reported.
func (r *Report) chainSentence() string {
	by, late := r.Chain.Count()
	s := fmt.Sprintf("Có %d/%d cơ quan, đơn vị đã gửi báo cáo %s (hạn gửi ngày %s)",
		by[SubmissionFinalised], len(r.Chain.Units), r.Period.Title(r.Plan.Year), dateText(r.Chain.Due))
	if late > 0 {
		var names []string
		for _, u := range r.Chain.Units {
			if u.Late {
				names = append(names, u.UnitName)
			}
		}
		s += fmt.Sprintf("; %d cơ quan, đơn vị gửi chậm hoặc chưa gửi: %s", late, strings.Join(names, ", "))
	}
	return s + ". Kết quả thực hiện nhiệm vụ của từng cơ quan, đơn vị như sau:"
}

// chainTable is the table "Kết quả thực hiện của các cơ quan, đơn vị".
func (r *Report) chainTable() Table {
	t := Table{Columns: []TableColumn{{Title: "TT", Weight: 7, Center: true}, {Title: "Cơ quan, đơn vị", Weight: 40},
		{Title: "Hoàn thành/ Tổng số nhiệm vụ", Weight: 18, Center: true}, {Title: "Tỷ lệ", Weight: 13, Center: true},
		{Title: "Quá hạn", Weight: 11, Center: true}, {Title: "Báo cáo của đơn vị", Weight: 22}}}
	var total tasks.Counts
	for i, u := range r.Chain.Units {
		t.Rows = append(t.Rows, TableRow{Cells: []string{fmt.Sprint(i + 1), u.UnitName, vn.Int(u.Counts.Completed) + "/" + vn.Int(u.Counts.Total),
			vn.Percent(u.Counts.Percent), vn.Int(u.Counts.Overdue), submissionText(u)}})
		total.Merge(u.Counts)
	}
	t.Rows = append(t.Rows, TableRow{Bold: true, Cells: []string{"", "Tổng cộng", vn.Int(total.Completed) + "/" + vn.Int(total.Total),
		vn.Percent(total.Percent), vn.Int(total.Overdue), ""}})
	return t
}

// submissionText is a unit's report in a cell: "Đã gửi ngày 16/9/2025",
// "Chưa báo cáo (chậm)".
func submissionText(u Submission) string {
	s := u.State.Text()
	if u.State == SubmissionFinalised {
		s = "Đã gửi ngày " + dateText(civil.In(u.FinalisedAt))
	}
	if u.Late {
		s += " (chậm)"
	}
	return s
}

// introduction is the opening sentence of section I.
func (r *Report) introduction() string {
	pl := r.Plan
	issuer := pl.UnitName
	if issuer == "" {
		issuer = "cơ quan"
	}
	about := pl.Title
	if rest, ok := cutPrefixFold(pl.Title, "Kế hoạch "); ok {
		about = "về " + rest
	} else if about != "" {
		about = "(" + about + ")"
	}
	return strings.Join(strings.Fields(fmt.Sprintf(
		"Thực hiện %s của %s %s, các cơ quan, đơn vị đã triển khai %s thuộc %d nội dung của Kế hoạch; công tác chỉ đạo, điều hành, kiểm tra, đôn đốc được thực hiện thường xuyên, tiến độ từng nhiệm vụ được cập nhật, theo dõi trên hệ thống.",
		pl.Reference(), issuer, about, nTasks(r.Counts.Total), len(r.ByArea))), " ")
}

// areaSummary is a content area's figures in one sentence:
// "Có 7 nhiệm vụ; đã hoàn thành 6/7 nhiệm vụ, đạt 85,7% (…); 1 nhiệm vụ thường xuyên …".
func areaSummary(c tasks.Counts) string {
	if c.Total == 0 {
		return "Nội dung này không có nhiệm vụ."
	}
	s := fmt.Sprintf("Có %s; đã hoàn thành %s", nTasks(c.Total), c.Headline())
	if b := completedBreakdown(c); b != "" {
		s += " (" + b + ")"
	}
	for _, r := range remainder(c) {
		s += "; " + r
	}
	return s + "."
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
