package reports

import (
	"fmt"
	"strings"

	"cchc/internal/vn"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// Draft writes the narrative sections (III–V) from the report's figures: a
// starting point the secretariat edits before signing, so it cites the
// numbers and names and stays short. Paragraphs are separated by "\n".
func Draft(r *Report) Narrative {
	return Narrative{
		Assessment:  assessment(r),
		Limitations: limitations(r),
		Directions:  directions(r),
		Proposals:   proposals(r),
	}
}

func assessment(r *Report) string {
	c := r.Counts
	first := fmt.Sprintf("Tính đến ngày %s, đã hoàn thành %s", dateText(r.AsOf), c.Headline())
	if b := completedBreakdown(c); b != "" {
		first += " (" + b + ")"
	}
	rest := remainder(c)
	if c.Overdue == 0 && c.Total > c.Completed {
		rest = append(rest, "không có nhiệm vụ quá hạn")
	}
	if len(rest) > 0 {
		first += "; " + strings.Join(rest, "; ")
	}
	ps := []string{first + "."}

	ps = append(ps, "Công tác cải cách hành chính tiếp tục được quan tâm chỉ đạo, điều hành; các cơ quan, đơn vị đã chủ động triển khai nhiệm vụ được giao theo Kế hoạch, cập nhật tiến độ và tài liệu kiểm chứng trên hệ thống theo dõi.")

	var done []string
	for _, a := range r.ByArea {
		if a.Total > 0 && a.Completed == a.Total {
			done = append(done, a.Name)
		}
	}
	switch {
	case len(done) == len(r.ByArea) && len(done) > 0:
		ps = append(ps, "Tất cả các nội dung của Kế hoạch đều hoàn thành 100% nhiệm vụ.")
	case len(done) > 0:
		ps = append(ps, fmt.Sprintf("Có %d/%d nội dung hoàn thành 100%% nhiệm vụ: %s.", len(done), len(r.ByArea), strings.Join(done, "; ")))
	}
	unitsDone := 0
	for _, u := range r.ByUnit {
		if u.Total > 0 && u.Completed == u.Total {
			unitsDone++
		}
	}
	if unitsDone > 0 {
		ps = append(ps, fmt.Sprintf("%d/%d cơ quan, đơn vị chủ trì đã hoàn thành toàn bộ nhiệm vụ được giao.", unitsDone, len(r.ByUnit)))
	}
	return strings.Join(ps, "\n")
}

func limitations(r *Report) string {
	c := r.Counts
	var ps []string
	if c.Overdue > 0 {
		ps = append(ps, fmt.Sprintf("Còn %s quá hạn chưa hoàn thành, thuộc trách nhiệm chủ trì của: %s.",
			nTasks(c.Overdue), overdueByUnit(r.Overdue)))
	}
	if c.CompletedLate > 0 {
		ps = append(ps, fmt.Sprintf("Có %s hoàn thành nhưng chậm so với thời hạn của Kế hoạch%s.",
			nTasks(c.CompletedLate), numbersOf(r.Rows, tasks.StatusCompletedLate)))
	}
	if c.Continuous > 0 {
		ps = append(ps, fmt.Sprintf("%s thực hiện thường xuyên cần tiếp tục duy trì đến cuối năm để hoàn thành.", capitalise(nTasks(c.Continuous))))
	}
	if len(r.Difficulties) > 0 {
		ps = append(ps, "Khó khăn, vướng mắc các cơ quan, đơn vị nêu trong kỳ:")
		for _, d := range r.Difficulties[:min(len(r.Difficulties), maxRemarks)] {
			ps = append(ps, remarkLine(d))
		}
	}
	if c.Overdue+c.CompletedLate > 0 {
		ps = append(ps, "Nguyên nhân: một số nhiệm vụ có nội dung phức tạp, phụ thuộc vào văn bản hướng dẫn của cấp trên và sự phối hợp của nhiều cơ quan; một số cơ quan, đơn vị chưa thật sự chủ động, việc cập nhật tiến độ và tài liệu kiểm chứng có lúc chưa kịp thời.")
	} else {
		ps = append(ps, "Nhìn chung không có hạn chế lớn; tuy nhiên, việc cập nhật tiến độ và tài liệu kiểm chứng ở một số cơ quan, đơn vị có lúc chưa kịp thời. Nguyên nhân chủ yếu do khối lượng công việc lớn, cán bộ làm công tác cải cách hành chính phần lớn kiêm nhiệm.")
	}
	return strings.Join(ps, "\n")
}

func directions(r *Report) string {
	c := r.Counts
	ps := []string{fmt.Sprintf("Trong %s, tập trung thực hiện tốt các nhiệm vụ sau:", r.Period.Next(r.Plan.Year))}
	if len(r.NextDue) > 0 {
		ps = append(ps, fmt.Sprintf("- Hoàn thành %s đến hạn trong kỳ tới:", nTasks(len(r.NextDue))))
		for i, t := range r.NextDue {
			if i == maxListed {
				ps = append(ps, fmt.Sprintf("+ Và %s khác (chi tiết tại Phụ lục).", nTasks(len(r.NextDue)-maxListed)))
				break
			}
			ps = append(ps, fmt.Sprintf("+ Nhiệm vụ %s: %s (%s chủ trì; hạn %s);", t.Number, strings.TrimSuffix(vn.OneLine(t.Title), "."), t.LeadUnit, dateText(t.Due)))
		}
	}
	if c.Overdue > 0 {
		ps = append(ps, fmt.Sprintf("- Khẩn trương hoàn thành %s quá hạn; các cơ quan chủ trì báo cáo rõ nguyên nhân, đề xuất giải pháp và thời gian hoàn thành.", nTasks(c.Overdue)))
	}
	if open := c.InProgress + c.NotStarted - len(r.NextDue); open > 0 {
		rest := ""
		if len(r.NextDue) > 0 {
			rest = " còn lại"
		}
		ps = append(ps, fmt.Sprintf("- Đẩy nhanh tiến độ %s%s chưa đến hạn, bảo đảm hoàn thành đúng thời hạn của Kế hoạch.", nTasks(open), rest))
	}
	if c.Continuous > 0 {
		ps = append(ps, fmt.Sprintf("- Tiếp tục triển khai %s thực hiện thường xuyên, cập nhật đầy đủ kết quả và tài liệu kiểm chứng.", nTasks(c.Continuous)))
	}
	if r.Period == plans.FullYear {
		ps = append(ps, fmt.Sprintf("- Xây dựng, ban hành Kế hoạch cải cách hành chính năm %d; tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm %d.", r.Plan.Year+1, r.Plan.Year))
	} else {
		ps = append(ps, fmt.Sprintf("- Chuẩn bị các điều kiện, tài liệu kiểm chứng phục vụ tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm %d; nâng cao Chỉ số hài lòng của người dân, tổ chức (SIPAS).", r.Plan.Year))
	}
	ps = append(ps, "- Tăng cường kiểm tra, đôn đốc việc thực hiện nhiệm vụ cải cách hành chính tại các cơ quan, đơn vị; đẩy mạnh thông tin, tuyên truyền về cải cách hành chính.")
	return strings.Join(ps, "\n")
}

// maxRemarks and maxListed cap the difficulties, proposals and tasks the
// draft quotes.
const (
	maxRemarks = 12
	maxListed  = 15
)

// remarkLine is "- Sở Tư pháp (nhiệm vụ 6): …".
func remarkLine(u UnitRemark) string {
	who := u.Unit
	if u.Number != "" {
		who += " (nhiệm vụ " + u.Number + ")"
	}
	return "- " + who + ": " + sentence(u.Text)
}

func proposals(r *Report) string {
	superior := "UBND tỉnh, Sở Nội vụ"
	if r.Plan.UnitKind == units.KindProvince {
		superior = "Bộ Nội vụ"
	}
	var ps []string
	if len(r.Proposals) > 0 {
		ps = append(ps, "Các cơ quan, đơn vị đề xuất, kiến nghị:")
		for _, x := range r.Proposals[:min(len(r.Proposals), maxRemarks)] {
			ps = append(ps, remarkLine(x))
		}
		ps = append(ps, "Đề nghị "+superior+" xem xét, hướng dẫn, hỗ trợ giải quyết các kiến nghị nêu trên.")
		return strings.Join(ps, "\n")
	}
	return strings.Join([]string{
		fmt.Sprintf("- Đề nghị %s tiếp tục quan tâm hướng dẫn, tổ chức tập huấn nghiệp vụ cho đội ngũ cán bộ, công chức làm công tác cải cách hành chính.", superior),
		"- Đề nghị các cơ quan có thẩm quyền kịp thời ban hành văn bản hướng dẫn các nội dung mới, tạo điều kiện để các nhiệm vụ được triển khai đúng tiến độ.",
	}, "\n")
}

// nTasks is "5 nhiệm vụ".
func nTasks(n int) string { return vn.Int(n) + " nhiệm vụ" }

// share is "50 nhiệm vụ (84,7%)": a count with its share of total.
func share(n, total int) string {
	return fmt.Sprintf("%s (%s)", nTasks(n), vn.Percent(vn.Rate(n, total)))
}

// completedBreakdown splits the completed tasks into on time and late:
// "50 nhiệm vụ hoàn thành đúng hạn, 4 nhiệm vụ hoàn thành quá hạn".
func completedBreakdown(c tasks.Counts) string {
	switch {
	case c.Completed == 0:
		return ""
	case c.CompletedLate == 0:
		return "đều hoàn thành đúng hạn"
	case c.CompletedOnTime == 0:
		return "đều hoàn thành quá hạn"
	}
	return fmt.Sprintf("%s hoàn thành đúng hạn, %s hoàn thành quá hạn", nTasks(c.CompletedOnTime), nTasks(c.CompletedLate))
}

// remainder describes the tasks not completed, one phrase per non-zero status.
func remainder(c tasks.Counts) []string {
	var out []string
	if c.Continuous > 0 {
		out = append(out, nTasks(c.Continuous)+" thường xuyên đang tiếp tục thực hiện")
	}
	if c.InProgress > 0 {
		out = append(out, nTasks(c.InProgress)+" đang thực hiện trong hạn")
	}
	if c.NotStarted > 0 {
		out = append(out, nTasks(c.NotStarted)+" chưa triển khai (chưa đến hạn)")
	}
	if c.Overdue > 0 {
		out = append(out, nTasks(c.Overdue)+" quá hạn chưa hoàn thành")
	}
	return out
}

// overdueByUnit is "Phòng Tư pháp (2 nhiệm vụ), Phòng Kinh tế (1 nhiệm vụ)".
func overdueByUnit(ts []OverdueTask) string {
	var order []string
	n := map[string]int{}
	for _, t := range ts {
		if n[t.LeadUnit] == 0 {
			order = append(order, t.LeadUnit)
		}
		n[t.LeadUnit]++
	}
	parts := make([]string, len(order))
	for i, u := range order {
		parts[i] = fmt.Sprintf("%s (%s)", u, nTasks(n[u]))
	}
	return strings.Join(parts, ", ")
}

// numbersOf cites the numbers of the tasks of a status, " (nhiệm vụ số 3,
// 11, 16)", unless there are too many to read.
func numbersOf(rows []Row, s tasks.Status) string {
	var out []string
	for _, r := range rows {
		if r.Status == s {
			out = append(out, r.Number)
		}
	}
	if len(out) == 0 || len(out) > 10 {
		return ""
	}
	return " (nhiệm vụ số " + strings.Join(out, ", ") + ")"
}

func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
