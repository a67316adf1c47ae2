package reports_test

import (
	"fmt"
	"time"

	"cchc/internal/civil"
	"cchc/plans"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

var fixtureAreas = []string{
	"Công tác chỉ đạo, điều hành cải cách hành chính",
	"Cải cách thể chế",
	"Cải cách thủ tục hành chính",
	"Cải cách tổ chức bộ máy hành chính nhà nước",
	"Cải cách chế độ công vụ",
	"Cải cách tài chính công",
	"Xây dựng và phát triển chính quyền điện tử, chính quyền số",
	"Công tác thông tin, tuyên truyền cải cách hành chính",
}

var fixtureUnits = []string{"Phòng Nội vụ", "Phòng Tư pháp", "Văn phòng HĐND và UBND thành phố", "Phòng Tài chính - Kế hoạch", "Trung tâm Phục vụ hành chính công thành phố"}

// fixtureReport builds without a database a report shaped like the demo
// 2024 plan's 9-month report: 59 tasks in 8 areas, the statuses cycling as
// given (default 50 on time, 4 late, 5 continuous), with a title that needs
// XML escaping.
func fixtureReport(statuses ...tasks.Status) *reports.Report {
	if len(statuses) == 0 {
		for i := range 59 {
			s := tasks.StatusCompletedOnTime
			switch {
			case i >= 54:
				s = tasks.StatusContinuous
			case i%13 == 3:
				s = tasks.StatusCompletedLate
			}
			statuses = append(statuses, s)
		}
	}
	from, to := plans.NineMonths.Range(2024, plans.SchemeDecree)
	r := &reports.Report{
		Plan: reports.PlanInfo{ID: 1, Number: "215/KH-UBND", Title: "Kế hoạch cải cách hành chính năm 2024", Year: 2024,
			IssuedOn: civil.MustParse("2023-12-26"), UnitID: 1, UnitCode: "TP", UnitName: "UBND thành phố Sơn Hà", UnitKind: units.KindCity},
		Period: plans.NineMonths, Scheme: plans.SchemeDecree, From: from, To: to, AsOf: to,
		GeneratedAt: time.Date(2024, 9, 20, 3, 0, 0, 0, time.UTC),
		Letterhead: reports.Letterhead{Authority: "ỦY BAN NHÂN DÂN", Issuer: "THÀNH PHỐ SƠN HÀ", NumberSuffix: "/BC-UBND", Place: "Sơn Hà",
			Signature:  []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"},
			Recipients: []string{"- UBND tỉnh (b/c);", "- Sở Nội vụ (b/c);", "- Lưu: VT, NV."}},
		ByArea: []reports.AreaResult{}, ByUnit: []reports.UnitResult{}, Overdue: []reports.OverdueTask{}, Rows: []reports.Row{},
	}
	for i, name := range fixtureAreas {
		r.ByArea = append(r.ByArea, reports.AreaResult{AreaID: int64(i + 1), Label: roman[i], Name: name, Results: []string{}})
	}
	for i, name := range fixtureUnits {
		r.ByUnit = append(r.ByUnit, reports.UnitResult{UnitID: int64(i + 1), Code: fmt.Sprintf("U%d", i), Name: name})
	}
	for i, s := range statuses {
		area := &r.ByArea[i*len(fixtureAreas)/len(statuses)]
		unit := &r.ByUnit[i%len(fixtureUnits)]
		row := reports.Row{
			TaskID: int64(i + 1), AreaID: area.AreaID, AreaLabel: area.Label, AreaName: area.Name,
			Number: fmt.Sprint(i + 1), Title: fmt.Sprintf("Nhiệm vụ cải cách thủ tục hành chính số %d", i+1),
			LeadUnit: unit.Name, Coordinators: []string{"Phòng Tư pháp", "UBND phường Hòa An"}, Output: "Kế hoạch",
			Deadline: "Quý II", Due: civil.MustParse("2024-06-30"), Status: s, StatusText: reports.StatusText(s),
		}
		switch {
		case s.Completed():
			row.Percent, row.CompletedOn = 100, civil.MustParse("2024-06-20")
			row.Note = fmt.Sprintf("Đã ban hành Quyết định số %d/QĐ-UBND ngày 20/6/2024.", 100+i)
			row.EvidenceNumber, row.EvidenceDate = fmt.Sprintf("%d/QĐ-UBND", 100+i), civil.MustParse("2024-06-20")
			if s == tasks.StatusCompletedLate {
				row.CompletedOn = civil.MustParse("2024-07-10")
			}
		case s == tasks.StatusContinuous:
			row.Deadline, row.Due, row.Percent, row.Note = "Thường xuyên", civil.Date{}, 70, "Đang triển khai thường xuyên."
		case s == tasks.StatusOverdue:
			row.DaysOverdue, row.Percent, row.Note = 76, 40, "Đang dự thảo."
			r.Overdue = append(r.Overdue, reports.OverdueTask{TaskID: row.TaskID, AreaID: area.AreaID, AreaLabel: area.Label,
				Number: row.Number, Title: row.Title, LeadUnit: row.LeadUnit, Deadline: row.Deadline, Due: row.Due,
				DaysOverdue: 76, Percent: 40, Note: row.Note})
		}
		if i == 7 {
			row.Title = `Rà soát <văn bản> & "quy định" của 'UBND' về thủ tục` + "\x0b" + ` hành chính`
		}
		r.Rows = append(r.Rows, row)
		r.Counts.Add(s)
		area.Counts.Add(s)
		unit.Counts.Add(s)
		if s.Completed() && len(area.Results) < 2 {
			area.Results = append(area.Results, row.Note)
		}
	}
	r.Narrative = reports.Draft(r)
	return r
}

var roman = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}
