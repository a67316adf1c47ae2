package reports

import (
	"fmt"
	"strings"

	"cchc/internal/vn"
	"cchc/tasks"
)

// BlockKind says how a block of the report body is set.
type BlockKind int

const (
	Paragraph BlockKind = iota
	Heading1            // "I. Công tác chỉ đạo, điều hành"
	Heading2            // "1. Cải cách thể chế"
)

// Block is one heading or paragraph of the report body.
type Block struct {
	Kind BlockKind
	Text string
}

// Outline is the body of the report, sections I–V, as Vietnamese CCHC
// reports lay it out (docs/DOMAIN.md §7). Sections I–II are written from the
// figures, III–V from the (possibly edited) narrative; any writer renders
// the same outline.
func (r *Report) Outline() []Block {
	var b []Block
	h1 := func(s string) { b = append(b, Block{Heading1, s}) }
	h2 := func(s string) { b = append(b, Block{Heading2, s}) }
	p := func(s string) { b = append(b, Block{Paragraph, s}) }
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
	p(fmt.Sprintf("Tính đến ngày %s (thời điểm chốt số liệu báo cáo %s), đã hoàn thành %s. Cụ thể:",
		dateText(r.AsOf), r.Period.Title(r.Plan.Year), c.Headline()))
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
	p("(Chi tiết tại Phụ lục kèm theo.)")

	h1("II. Kết quả thực hiện từng nội dung")
	for i, a := range r.ByArea {
		h2(fmt.Sprintf("%d. %s", i+1, a.Name))
		p(areaSummary(a.Counts))
		if len(a.Results) > 0 {
			p("Một số kết quả nổi bật:")
			for _, res := range a.Results {
				p("- " + vn.OneLine(res))
			}
		}
		var overdue []OverdueTask
		for _, t := range r.Overdue {
			if t.AreaID == a.AreaID {
				overdue = append(overdue, t)
			}
		}
		if len(overdue) > 0 {
			p("Nhiệm vụ quá hạn chưa hoàn thành:")
			for _, t := range overdue {
				p(fmt.Sprintf("- Nhiệm vụ %s: %s (%s chủ trì; thời hạn: %s; quá hạn %s ngày).",
					t.Number, strings.TrimSuffix(vn.OneLine(t.Title), "."), t.LeadUnit, t.Deadline, vn.Int(t.DaysOverdue)))
			}
		}
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
