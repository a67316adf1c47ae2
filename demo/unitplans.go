package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/derive"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
)

// Each unit of the province (its departments, agencies and communes) has its
// own plan for the current year: the province plan cascaded to it (the tasks
// it leads, linked to the province's, with the same progress) when it leads
// any, plus its own tasks below. How far a unit has got with its own tasks
// is its profile, so that a ranking of units has leaders, laggards and ties.

// Profile is how a unit is doing with its own tasks.
type Profile int

const (
	Leader  Profile = iota // everything done on time
	Average                // one task done late, one claim returned by the secretariat
	Laggard                // its tasks overdue
)

// UnitProfiles gives each unit of the province its profile. Xã Lâm Sơn and
// Xã Nam Hưng lead one province task each, with the same history, and have
// the same profile: they tie in the ranking.
var UnitProfiles = map[string]Profile{
	"VPUB": Average, "SNV": Leader, "STP": Average, "STC": Average, "SXD": Leader, "SNNMT": Laggard, "SCT": Average,
	"SKHCN": Average, "SGDDT": Laggard, "SYT": Average, "SVHTTDL": Leader, "SDTTG": Laggard, "TTRT": Leader,
	"TTPVHCC-SH": Leader, "CAT": Average,
	"PH-SONHA": Leader, "PH-BACHDANG": Laggard, "PH-TRUNGVUONG": Average, "XA-TIENPHONG": Average, "XA-DONGSON": Laggard,
	"XA-HOPTHANH": Average, "XA-LAMSON": Leader, "XA-NAMHUNG": Leader, "XA-THUONGLAM": Laggard, "DK-HONNGOC": Average,
}

// ownTask is a task every unit writes into its own plan; "{UNIT}" is the
// unit's name, "{YEAR}" the plan's year.
type ownTask struct {
	Title, Output string
	DueInDays     int    // relative deadline; 0 with Deadline
	Deadline      string // as written, when not a date
}

var ownTasks = []ownTask{
	{Title: "Xây dựng, ban hành Kế hoạch cải cách hành chính năm {YEAR} của {UNIT}", Output: "Kế hoạch cải cách hành chính", DueInDays: -80},
	{Title: "Tự kiểm tra công tác cải cách hành chính tại {UNIT}", Output: "Báo cáo kết quả tự kiểm tra", DueInDays: -15},
	{Title: "Rà soát, cập nhật, niêm yết công khai thủ tục hành chính và quy trình nội bộ tại {UNIT}", Output: "Danh mục TTHC được công khai", Deadline: ContinuousText},
}

// loadUnitPlans gives every unit of the province its own plan, issued 80
// days before the load day.
func loadUnitPlans(ctx context.Context, tx bun.Tx, ids map[string]int64, province *plans.Plan, who *authors, now time.Time, sum *Summary) error {
	today := civil.In(now)
	parentTasks, err := tasks.ForPlan(ctx, tx, province.ID)
	if err != nil {
		return err
	}
	leads := map[int64]bool{}
	for _, t := range parentTasks {
		leads[t.LeadUnitID] = true
	}
	for _, u := range Units {
		profile, ok := UnitProfiles[u.Code]
		if !ok {
			continue
		}
		id := ids[u.Code]
		if _, err := plans.ByUnitYear(ctx, tx, id, today.Year); err == nil {
			continue // loaded before
		}
		var p *plans.Plan
		if leads[id] {
			if p, err = derive.Cascade(ctx, tx, province.ID, id); err != nil {
				return fmt.Errorf("demo: cascade to %s: %w", u.Code, err)
			}
		} else {
			if p, err = plans.Create(ctx, tx, plans.NewPlan{UnitID: id, Year: today.Year,
				Title: fmt.Sprintf("Kế hoạch cải cách hành chính năm %d của %s", today.Year, u.Name)}); err != nil {
				return err
			}
			if _, err := plans.InsertArea(ctx, tx, p.ID, area1); err != nil {
				return err
			}
		}
		sum.Plans++
		if err := unitPlanTasks(ctx, tx, p, u, profile, parentTasks, who, now, sum); err != nil {
			return fmt.Errorf("demo: plan of %s: %w", u.Code, err)
		}
		p, err = plans.Get(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		number := fmt.Sprintf("%d/KH-%s", 10+len(u.Code)*3, strings.SplitN(u.Code, "-", 2)[0])
		if _, err := plans.Update(ctx, tx, p.ID, plans.Edit{Version: p.Version, Number: &number}); err != nil {
			return err
		}
		if _, err := plans.Issue(ctx, tx, p.ID, p.Version+1, today.AddDays(-80)); err != nil {
			return err
		}
	}
	return nil
}

// unitPlanTasks mirrors, on each cascaded task, the progress of the province
// task it carries out, and adds the unit's own tasks with its profile's
// progress.
func unitPlanTasks(ctx context.Context, tx bun.Tx, p *plans.Plan, u Unit, profile Profile, parent []tasks.Task, who *authors, now time.Time, sum *Summary) error {
	today := civil.In(now)
	linked, err := tasks.ForPlan(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	for _, t := range linked {
		if who.pending[t.ParentTaskID] {
			who.pending[t.ID] = true // the unit's claim awaits confirmation too
		}
		hist, err := tasks.History(ctx, tx, t.ParentTaskID)
		if err != nil {
			return err
		}
		for i := len(hist) - 1; i >= 0; i-- { // oldest first
			e := hist[i]
			if e.Note == "" || strings.HasPrefix(e.Note, "Trả lại: ") {
				continue
			}
			if err := post(ctx, tx, t.ID, who, tasks.Progress{UnitID: t.LeadUnitID, Occurrence: e.Occurrence, Percent: e.Percent, Note: e.Note,
				Completed: e.Completed, EvidenceNumber: e.EvidenceNumber, EvidenceDate: e.EvidenceDate, At: e.RecordedAt.Add(time.Minute),
				Reason: e.Reason, Difficulties: e.Difficulties, Proposals: e.Proposals}); err != nil {
				return err
			}
			sum.Entries++
		}
	}
	areas, err := plans.Areas(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	area := areas[0]
	for _, a := range areas {
		if a.Name == area1 {
			area = a
		}
	}
	unitID := linkedUnit(p)
	for k, ot := range ownTasks {
		dl := ot.Deadline
		if dl == "" {
			dl = today.AddDays(ot.DueInDays).VN()
		}
		title := strings.NewReplacer("{UNIT}", u.Name, "{YEAR}", fmt.Sprint(today.Year)).Replace(ot.Title)
		tk, err := tasks.Insert(ctx, tx, tasks.NewTask{PlanID: p.ID, AreaID: area.ID, Number: fmt.Sprintf("%d", len(linked)+k+1),
			Title: title, LeadUnitID: unitID, Output: ot.Output, Deadline: dl, PlanYear: today.Year})
		if err != nil {
			return err
		}
		sum.Tasks++
		returned := profile == Average && k == 1
		if returned {
			who.pending[tk.ID] = true // left for the secretariat, who returns it below
		}
		for _, e := range profileHistory(profile, k, ot, u.Code) {
			at := now.Add(-time.Duration(e.DaysAgo)*24*time.Hour - time.Hour)
			var ev civil.Date
			if e.EvidenceNumber != "" {
				ev = civil.In(at).AddDays(e.DaysAgo - e.EvidenceDaysAgo) // never after the day it is recorded
			}
			var rm Remark
			if profile == Laggard && k == 0 {
				rm = laggardRemark
			}
			if err := post(ctx, tx, tk.ID, who, tasks.Progress{UnitID: unitID, Percent: e.Percent, Note: e.Note, Completed: e.Completed,
				EvidenceNumber: e.EvidenceNumber, EvidenceDate: ev, At: at, Reason: rm.Reason, Difficulties: rm.Difficulties}); err != nil {
				return err
			}
			sum.Entries++
		}
		if returned {
			// The secretariat returned this claim: the unit must add evidence.
			rv := tasks.Review{Confirm: false, Reason: "Chưa có báo cáo tự kiểm tra kèm theo; đề nghị bổ sung.", AuthorID: who.secretariat.ID,
				At: now.Add(-2 * 24 * time.Hour)}
			if err := tasks.Decide(audit.WithActor(ctx, audit.Actor{UserID: who.secretariat.ID, Name: who.secretariat.Email}), tx, tk.ID, rv); err != nil {
				return err
			}
		}
	}
	return nil
}

// linkedUnit is the unit a plan's own tasks are led by: its issuer.
func linkedUnit(p *plans.Plan) int64 { return p.UnitID }

// profileHistory is the progress of own task k for a profile.
func profileHistory(profile Profile, k int, ot ownTask, code string) []RelEntry {
	switch {
	case ot.Deadline != "": // continuous: under way
		return []RelEntry{{DaysAgo: 30, Percent: 40, Note: "Đã rà soát, niêm yết bổ sung thủ tục hành chính mới công bố."}}
	case profile == Leader:
		due := -ot.DueInDays
		return []RelEntry{
			{DaysAgo: due + 12, Percent: 50, Note: "Đã xây dựng dự thảo, lấy ý kiến các phòng chuyên môn."},
			{DaysAgo: due + 4, Percent: 100, Completed: true, Note: "Đã ban hành văn bản số " + doc(code, k) + ".", EvidenceNumber: doc(code, k), EvidenceDaysAgo: due + 5},
		}
	case profile == Average && k == 0: // done, late
		due := -ot.DueInDays
		return []RelEntry{
			{DaysAgo: due + 5, Percent: 60, Note: "Đang hoàn thiện dự thảo."},
			{DaysAgo: due - 10, Percent: 100, Completed: true, Note: "Đã ban hành văn bản số " + doc(code, k) + ".", EvidenceNumber: doc(code, k), EvidenceDaysAgo: due - 10},
		}
	case profile == Average: // a claim the secretariat returns
		return []RelEntry{
			{DaysAgo: 20, Percent: 70, Note: "Đã tự kiểm tra tại các phòng chuyên môn."},
			{DaysAgo: 6, Percent: 100, Completed: true, Note: "Đã hoàn thành tự kiểm tra theo văn bản số " + doc(code, k) + ".", EvidenceNumber: doc(code, k), EvidenceDaysAgo: 6},
		}
	case k == 0: // laggard: overdue, some progress
		return []RelEntry{{DaysAgo: 70, Percent: 30, Note: "Đang xây dựng dự thảo kế hoạch."}}
	}
	return nil // laggard: overdue, not started
}

// doc is the number of a unit's evidence document.
func doc(code string, k int) string {
	return fmt.Sprintf("%d/KH-%s", 20+k*7+len(code), strings.SplitN(code, "-", 2)[0])
}
