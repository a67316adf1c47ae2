package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/deadline"
	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// Report is a plan's periodic report: everything the preview page and the
// Word and Excel writers show, computed once by Build. It holds values only
// (no database handles) and survives a JSON round trip unchanged, so that a
// finalised report can be frozen as a snapshot and written again later.
type Report struct {
	Plan   PlanInfo     `json:"plan"`
	Period plans.Period `json:"period"`
	Scheme plans.Scheme `json:"scheme"`
	// From and To are the period's data window (docs/DOMAIN.md §6); To is the cut-off.
	From civil.Date `json:"from"`
	To   civil.Date `json:"to"`
	// AsOf is the day the figures describe: To, or today while the cut-off
	// is still ahead (a preview must not call a task overdue before its time).
	AsOf        civil.Date `json:"as_of"`
	GeneratedAt time.Time  `json:"generated_at"`

	Letterhead Letterhead `json:"letterhead"`

	Counts  tasks.Counts  `json:"counts"`
	ByArea  []AreaResult  `json:"by_area"`
	ByUnit  []UnitResult  `json:"by_unit"`
	Overdue []OverdueTask `json:"overdue"`
	// Rows is the appendix: every task in annex order.
	Rows []Row `json:"rows"`

	Narrative Narrative `json:"narrative"`

	// Sections says how section II is organised: SectionsPlan (also for
	// reports finalised before it existed) or SectionsNational.
	Sections string `json:"sections,omitempty"`
	// ContinuousFrom is the rule the figures used for continuous tasks:
	// zero, any confirmed closing counts; else they count as completed only
	// from that day, the year-end cut-off (plans.ContinuousFrom).
	ContinuousFrom civil.Date `json:"continuous_from"`
	// ContinuousTasks is how many tasks are continuous ("Thường xuyên").
	ContinuousTasks int `json:"continuous_tasks"`
	// Late are the tasks completed late within the period.
	Late []LateTask `json:"late"`
	// NextDue are the tasks not completed whose deadline falls in the
	// next period ("phương hướng kỳ tới").
	NextDue []DueTask `json:"next_due"`
	// Difficulties and Proposals are what the units wrote with their
	// updates within the period.
	Difficulties []UnitRemark `json:"difficulties"`
	Proposals    []UnitRemark `json:"proposals"`
	// Indicators are the plan's indicators for the period (the statistics
	// appendix, "Phụ lục số liệu").
	Indicators []indicators.Result `json:"indicators"`
	// Chain is the reports of the units below the issuer; nil or empty
	// when none has a plan that year.
	Chain *Chain `json:"chain,omitempty"`
}

// LateTask is a task completed after its deadline.
type LateTask struct {
	TaskID      int64      `json:"task_id"`
	AreaID      int64      `json:"area_id"`
	Number      string     `json:"number"`
	Title       string     `json:"title"`
	LeadUnit    string     `json:"lead_unit"`
	Deadline    string     `json:"deadline"`
	Due         civil.Date `json:"due"`
	CompletedOn civil.Date `json:"completed_on"`
	DaysLate    int        `json:"days_late"`
	Reason      string     `json:"reason"`
}

// DueTask is a task due in the next period.
type DueTask struct {
	TaskID   int64      `json:"task_id"`
	Number   string     `json:"number"`
	Title    string     `json:"title"`
	LeadUnit string     `json:"lead_unit"`
	Due      civil.Date `json:"due"`
}

// UnitRemark is a difficulty or a proposal a unit wrote about a task.
type UnitRemark struct {
	Unit   string `json:"unit"`
	Number string `json:"number"` // of the task
	Text   string `json:"text"`
}

// IndicatorSummary counts the indicators' targets met.
func (r *Report) IndicatorSummary() indicators.Summary { return indicators.Summarise(r.Indicators) }

// PlanInfo is what the report says about its plan.
type PlanInfo struct {
	ID       int64      `json:"id"`
	Number   string     `json:"number"` // "215/KH-UBND"
	Title    string     `json:"title"`
	Year     int        `json:"year"`
	IssuedOn civil.Date `json:"issued_on"`
	UnitID   int64      `json:"unit_id"`
	UnitCode string     `json:"unit_code"`
	UnitName string     `json:"unit_name"` // "UBND thành phố Sơn Hà"
	UnitKind units.Kind `json:"unit_kind"`
}

// Reference cites the plan as documents do: "Kế hoạch số 215/KH-UBND ngày 26/12/2023".
func (p PlanInfo) Reference() string {
	s := "Kế hoạch"
	if p.Number != "" {
		s += " số " + p.Number
	}
	if !p.IssuedOn.IsZero() {
		s += " ngày " + dateText(p.IssuedOn)
	}
	return s
}

// dateText writes a date as prose does, without leading zeros: "14/9/2024".
func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d/%d/%d", d.Day, d.Month, d.Year)
}

// AreaResult is one content area's figures.
type AreaResult struct {
	AreaID int64  `json:"area_id"`
	Label  string `json:"label"` // "I"
	Name   string `json:"name"`
	tasks.Counts
	// Results are up to three notes of tasks completed within the period,
	// the "notable results" a report quotes.
	Results []string `json:"results"`
	// ReformArea is the national reform area (1–6) the area belongs to,
	// 0 for none (Settings.ReformOf).
	ReformArea int `json:"reform_area"`
}

// UnitResult is one lead unit's figures.
type UnitResult struct {
	UnitID int64  `json:"unit_id"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	tasks.Counts
}

// OverdueTask is an uncompleted task whose deadline has passed at AsOf.
type OverdueTask struct {
	TaskID      int64      `json:"task_id"`
	AreaID      int64      `json:"area_id"`
	AreaLabel   string     `json:"area_label"`
	Number      string     `json:"number"`
	Title       string     `json:"title"`
	LeadUnit    string     `json:"lead_unit"`
	Deadline    string     `json:"deadline"` // as written: "Quý II"
	Due         civil.Date `json:"due"`
	DaysOverdue int        `json:"days_overdue"`
	Percent     int        `json:"percent"`
	Note        string     `json:"note"`
	// Reason and Difficulties are the latest the lead unit gave.
	Reason       string `json:"reason"`
	Difficulties string `json:"difficulties"`
	// Pending: the unit reported it done; the claim awaits confirmation.
	Pending bool `json:"pending"`
}

// Row is one task of the appendix, as known at AsOf.
type Row struct {
	TaskID       int64        `json:"task_id"`
	AreaID       int64        `json:"area_id"`
	AreaLabel    string       `json:"area_label"`
	AreaName     string       `json:"area_name"`
	Number       string       `json:"number"`
	Title        string       `json:"title"`
	LeadUnit     string       `json:"lead_unit"`
	Coordinators []string     `json:"coordinators"`
	Output       string       `json:"output"`
	Deadline     string       `json:"deadline"`
	Due          civil.Date   `json:"due"` // of the current occurrence; zero if continuous
	Status       tasks.Status `json:"status"`
	StatusText   string       `json:"status_text"` // "Hoàn thành đúng hạn"
	Percent      int          `json:"percent"`
	CompletedOn  civil.Date   `json:"completed_on"`
	DaysOverdue  int          `json:"days_overdue"`
	// The latest progress entry recorded by the end of AsOf.
	Note           string     `json:"note"`
	EvidenceNumber string     `json:"evidence_number"`
	EvidenceDate   civil.Date `json:"evidence_date"`
	UpdatedOn      civil.Date `json:"updated_on"`
}

// Evidence cites the evidence document: "352/QĐ-UBND ngày 19/02/2024".
func (r Row) Evidence() string {
	s := r.EvidenceNumber
	if !r.EvidenceDate.IsZero() {
		if s != "" {
			s += " "
		}
		s += "ngày " + r.EvidenceDate.VN()
	}
	return s
}

// Narrative is the editable prose of sections III–V, drafted from the figures.
type Narrative struct {
	Assessment  string `json:"assessment"`  // đánh giá chung, ưu điểm
	Limitations string `json:"limitations"` // hạn chế, nguyên nhân
	Directions  string `json:"directions"`  // phương hướng, nhiệm vụ kỳ tới
	Proposals   string `json:"proposals"`   // kiến nghị, đề xuất
}

// Subject is the report's subject line:
// "Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2024".
func (r *Report) Subject() string {
	return "Kết quả thực hiện công tác cải cách hành chính " + r.Period.Title(r.Plan.Year)
}

// StatusText is a status in the words reports use (docs/DOMAIN.md §5).
func StatusText(s tasks.Status) string {
	switch s {
	case tasks.StatusCompletedOnTime:
		return "Hoàn thành đúng hạn"
	case tasks.StatusCompletedLate:
		return "Hoàn thành quá hạn"
	case tasks.StatusInProgress:
		return "Đang thực hiện"
	case tasks.StatusOverdue:
		return "Quá hạn"
	case tasks.StatusNotStarted:
		return "Chưa triển khai"
	case tasks.StatusContinuous:
		return "Thường xuyên"
	}
	return string(s)
}

// DefaultLetterhead is the letterhead of a document issued by unit u, as
// Nghị định 30/2020 lays it out for the body and its level: before a
// plan's settings replace the recipients and name the signer.
func DefaultLetterhead(ctx context.Context, db bun.IDB, u *units.Unit) (Letterhead, error) {
	var parent *units.Unit
	if u.ParentID != 0 {
		var err error
		if parent, err = units.Get(ctx, db, u.ParentID); err != nil {
			return Letterhead{}, err
		}
	}
	return letterheadOf(*u, parent), nil
}

// Build computes the report of plan planID for period p under scheme s
// ("" is the decree's) at the period's cut-off, in one read-only snapshot
// of the database. It knows only what was recorded by the end of the
// cut-off day (Asia/Ho_Chi_Minh), so it gives the same figures whenever it
// runs after that day.
func Build(ctx context.Context, db bun.IDB, planID int64, p plans.Period, s plans.Scheme) (*Report, error) {
	return BuildAt(ctx, db, planID, p, s, civil.Today())
}

// BuildAt is Build with today given (the web layer's clock).
func BuildAt(ctx context.Context, db bun.IDB, planID int64, p plans.Period, s plans.Scheme, today civil.Date) (*Report, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("reports: unknown period %q", p)
	}
	s, err := plans.ParseScheme(string(s))
	if err != nil {
		return nil, err
	}
	var r *Report
	err = db.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
		var err error
		r, err = build(ctx, tx, planID, p, s, today)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func build(ctx context.Context, db bun.IDB, planID int64, p plans.Period, s plans.Scheme, today civil.Date) (*Report, error) {
	plan, err := plans.Get(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	from, to := p.Range(plan.Year, s)
	asOf := to
	if today.Before(to) {
		asOf = today
	}
	r := &Report{
		Plan: PlanInfo{ID: plan.ID, Number: plan.Number, Title: plan.Title, Year: plan.Year, IssuedOn: plan.IssuedOn,
			UnitID: plan.UnitID},
		Period: p, Scheme: s, From: from, To: to, AsOf: asOf,
		GeneratedAt: time.Now().UTC().Truncate(time.Second),
		ByArea:      []AreaResult{}, ByUnit: []UnitResult{}, Overdue: []OverdueTask{}, Rows: []Row{},
		Sections: SectionsPlan, ContinuousFrom: plan.ContinuousFrom(), Late: []LateTask{}, NextDue: []DueTask{},
		Difficulties: []UnitRemark{}, Proposals: []UnitRemark{},
	}
	set, err := SettingsOf(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	r.Sections = set.Sections
	if plan.Unit != nil {
		r.Plan.UnitCode, r.Plan.UnitName, r.Plan.UnitKind = plan.Unit.Code, plan.Unit.Name, plan.Unit.Kind
		if r.Letterhead, err = DefaultLetterhead(ctx, db, plan.Unit); err != nil {
			return nil, err
		}
	}
	if set.Recipients != nil {
		r.Letterhead.Recipients = append([]string(nil), set.Recipients...)
	}
	r.Letterhead.Signer = set.Signer

	ts, err := tasks.ForPlan(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	states, err := tasks.StatesAt(ctx, db, planID, asOf)
	if err != nil {
		return nil, err
	}
	stats, err := tasks.Count(ctx, db, states)
	if err != nil {
		return nil, err
	}
	latest, err := tasks.LatestEntries(ctx, db, planID, asOf.End())
	if err != nil {
		return nil, err
	}

	remarks, err := tasks.Remarks(ctx, db, planID, time.Time{}, asOf.End())
	if err != nil {
		return nil, err
	}
	reasons := map[int64]tasks.Remark{} // the latest reason and difficulties of each task
	for _, rm := range remarks {
		cur := reasons[rm.TaskID]
		if rm.Reason != "" {
			cur.Reason = rm.Reason
		}
		if rm.Difficulties != "" {
			cur.Difficulties = rm.Difficulties
		}
		reasons[rm.TaskID] = cur
	}

	r.Counts = stats.Counts
	areas := make(map[int64]*AreaResult, len(stats.ByArea))
	for _, a := range stats.ByArea {
		r.ByArea = append(r.ByArea, AreaResult{AreaID: a.AreaID, Label: a.Label, Name: a.Name, Counts: a.Counts, Results: []string{},
			ReformArea: set.ReformOf(plans.Area{ID: a.AreaID, Name: a.Name})})
	}
	for i := range r.ByArea {
		areas[r.ByArea[i].AreaID] = &r.ByArea[i]
	}
	for _, u := range stats.ByUnit {
		r.ByUnit = append(r.ByUnit, UnitResult{UnitID: u.UnitID, Code: u.Code, Name: u.Name, Counts: u.Counts})
	}

	nextFrom, nextTo := p.NextRange(plan.Year, s)
	numbers := map[int64]string{}
	for _, t := range ts {
		numbers[t.ID] = t.Number
		st := states.Of(t.ID)
		area := areas[t.AreaID]
		if t.DeadlineKind == deadline.KindContinuous {
			r.ContinuousTasks++
		}
		row := Row{
			TaskID: t.ID, AreaID: t.AreaID, Number: t.Number, Title: t.Title, Output: t.Output,
			Coordinators: make([]string, 0, len(t.Coordinators)),
			Deadline:     t.DeadlineText, Due: st.Due,
			Status: st.Status, StatusText: StatusText(st.Status), Percent: st.Percent,
			CompletedOn: st.CompletedOn, DaysOverdue: st.DaysOverdue,
		}
		// On time is judged against the approved extension: say so.
		if planned := t.Schedule().DueOf(st.Occurrence); !planned.IsZero() && row.Due != planned {
			row.Deadline += " (gia hạn đến " + row.Due.VN() + ")"
		}
		if st.Pending {
			row.StatusText += " (đơn vị báo hoàn thành, chờ xác nhận)"
		}
		if area != nil {
			row.AreaLabel, row.AreaName = area.Label, area.Name
		}
		if t.LeadUnit != nil {
			row.LeadUnit = t.LeadUnit.Name
		}
		for _, c := range t.Coordinators {
			row.Coordinators = append(row.Coordinators, c.Name)
		}
		if e, ok := latest[t.ID]; ok {
			row.Note, row.EvidenceNumber, row.EvidenceDate = e.Note, e.EvidenceNumber, e.EvidenceDate
			row.UpdatedOn = civil.In(e.RecordedAt)
		}
		r.Rows = append(r.Rows, row)

		why := reasons[t.ID]
		switch {
		case st.Status == tasks.StatusOverdue:
			r.Overdue = append(r.Overdue, OverdueTask{
				TaskID: t.ID, AreaID: t.AreaID, AreaLabel: row.AreaLabel, Number: t.Number, Title: t.Title,
				LeadUnit: row.LeadUnit, Deadline: t.DeadlineText, Due: row.Due, DaysOverdue: st.DaysOverdue,
				Percent: st.Percent, Note: row.Note, Reason: why.Reason, Difficulties: why.Difficulties, Pending: st.Pending,
			})
		case st.Status == tasks.StatusCompletedLate && !st.CompletedOn.Before(from):
			lt := LateTask{TaskID: t.ID, AreaID: t.AreaID, Number: t.Number, Title: t.Title, LeadUnit: row.LeadUnit,
				Deadline: t.DeadlineText, Due: row.Due, CompletedOn: st.CompletedOn, Reason: why.Reason}
			if !lt.Due.IsZero() {
				lt.DaysLate = st.CompletedOn.DaysSince(lt.Due)
			}
			r.Late = append(r.Late, lt)
		case !st.Status.Completed() && !nextFrom.IsZero() && !row.Due.IsZero() && !row.Due.Before(nextFrom) && !row.Due.After(nextTo):
			r.NextDue = append(r.NextDue, DueTask{TaskID: t.ID, Number: t.Number, Title: t.Title, LeadUnit: row.LeadUnit, Due: row.Due})
		}
		if area != nil && st.Status.Completed() && row.Note != "" && len(area.Results) < 3 &&
			!st.CompletedOn.Before(from) && !st.CompletedOn.After(asOf) {
			area.Results = append(area.Results, row.Note)
		}
	}
	// What the units wrote within the period, each text once per unit.
	seen := map[string]bool{}
	for _, rm := range remarks {
		if rm.RecordedAt.Before(from.Start()) {
			continue
		}
		for _, x := range []struct {
			text string
			into *[]UnitRemark
		}{{rm.Difficulties, &r.Difficulties}, {rm.Proposals, &r.Proposals}} {
			key := fmt.Sprintf("%p|%d|%s", x.into, rm.UnitID, x.text)
			if x.text == "" || seen[key] {
				continue
			}
			seen[key] = true
			*x.into = append(*x.into, UnitRemark{Unit: rm.UnitName, Number: numbers[rm.TaskID], Text: x.text})
		}
	}

	if plan.Unit != nil {
		if r.Indicators, err = indicators.Results(ctx, db, plan, p); err != nil {
			return nil, err
		}
	}
	chain, err := BuildChain(ctx, db, plan, p, asOf, today)
	if err != nil {
		return nil, err
	}
	if len(chain.Units) > 0 {
		r.Chain = chain
	}
	r.Narrative = Draft(r)
	return r, nil
}
