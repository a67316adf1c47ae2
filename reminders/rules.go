package reminders

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/tasks"
)

// The rules (docs/DOMAIN.md §8), for a run at day D, a working day, over every
// issued plan:
//
//   - Before a deadline: warnings DaysBefore (7, 3, 1) days before and on
//     the day (OnDueDay), to the lead unit. A moment on a day off fires on
//     the next working day; a run sends the latest moment reached and not
//     yet sent, so after a missed day "due in 3 days" replaces the stale
//     "due in 7 days" instead of joining it.
//   - Overdue: on the first working day after the deadline, then every
//     OverdueEvery days until done, to the lead unit.
//   - Escalation: once the task is EscalateAfter days overdue, once per
//     deadline, to the unit head (its leaders, else the plan's secretariat)
//     and the plan's leaders — not to whoever already gets the overdue
//     notices as the unit's staff.
//   - A completion claim awaiting the secretariat's confirmation stops the
//     warnings, overdue notices and reporting reminders about it: the unit
//     has done its part.
//   - Continuous tasks ("Thường xuyên") never get deadline or overdue
//     notices; recurring ones get them per occurrence.
//   - Reporting: ReportDaysBefore (7, 2) working days before the cut-off of
//     the current period (14/3, 14/6, 14/9, 14/12 by Decree 09/2019; calendar
//     quarters for a plan whose cut-off scheme says so), to each unit leading
//     an open task — continuous ones included — with no progress recorded
//     since the period began; the notice lists those tasks.
//
// The lead unit is answerable for its task (docs/DOMAIN.md §1), so warnings and
// overdue notices go to it alone: coordinating units act through the lead,
// and telling them too would multiply every notice by the "UBND các xã"
// lists of a plan. A unit's recipients are its officers and secretariat
// users, else its leaders; a unit with no user is reached only through its
// webhooks.
//
// Keys: a warning is keyed by its step (days before) and the deadline, so
// extending a deadline starts a new series; an overdue notice by its day
// after the deadline; a reporting reminder by its step and the cut-off.
// Keys use the nominal moment, not the day it fired, so that editing the
// holiday list never repeats a notice.

// firing is one rule that fires for a task or a unit's reporting period,
// before recipients are known.
type firing struct {
	Kind      string
	Step      int
	Due       civil.Date
	Subject   string
	PlanID    int64
	TaskID    int64
	UnitID    int64 // the unit answerable: the task's lead unit, or the reporting unit
	escalate  bool  // to the unit head and the plan's leaders
	Title     string
	Body      string
	planUnit  int64
	taskOrder int // sorts notices of a plan in annex order
}

// taskFacts is what the rules know of a task at the run's day.
type taskFacts struct {
	ID, PlanID, LeadUnitID int64
	Number, Title          string
	DeadlineText           string
	Kind                   deadline.Kind
	Status                 tasks.Status
	Percent                int
	// Due is the current occurrence's deadline (extensions included when
	// the status rule reports them); zero for continuous tasks.
	Due civil.Date
	// DaysOverdue counts from the earliest missed deadline when overdue.
	DaysOverdue int
	// Pending: the unit claimed the current occurrence done and the claim
	// awaits the secretariat's confirmation: the unit is not chased about it.
	Pending bool
}

func (t taskFacts) label() string {
	if t.Number == "" {
		return t.Title
	}
	return t.Number + ". " + t.Title
}

// taskMoments returns the rules a task calls for at day d (a working day):
// at most one warning, one overdue notice and one escalation.
func taskMoments(s Settings, t taskFacts, d civil.Date) []firing {
	if !s.Enabled || t.Kind == deadline.KindContinuous || t.Status.Completed() || t.Status == tasks.StatusContinuous {
		return nil
	}
	var out []firing
	subject := fmt.Sprintf("task:%d", t.ID)
	if t.Status == tasks.StatusOverdue && t.DaysOverdue > 0 && !(t.Pending && d.AddDays(-t.DaysOverdue) == t.Due) {
		missed := d.AddDays(-t.DaysOverdue)
		n := t.DaysOverdue
		// Moments at 1, 1+N, 1+2N… days after the deadline; the latest reached.
		step := 1 + (n-1)/s.OverdueEvery*s.OverdueEvery
		out = append(out, firing{Kind: KindOverdue, Step: step, Due: missed, Subject: subject})
		if n >= s.EscalateAfter {
			out = append(out, firing{Kind: KindEscalation, Step: s.EscalateAfter, Due: missed, Subject: subject, escalate: true})
		}
	}
	if due := t.Due; !due.IsZero() && !due.Before(d) && !t.Pending {
		left := due.DaysSince(d)
		best := -1
		for _, b := range s.DaysBefore {
			if b >= left && (best < 0 || b < best) {
				best = b
			}
		}
		if left == 0 && s.OnDueDay {
			best = 0
		}
		switch {
		case best == 0:
			out = append(out, firing{Kind: KindDueToday, Step: 0, Due: due, Subject: subject})
		case best > 0:
			out = append(out, firing{Kind: KindDueSoon, Step: best, Due: due, Subject: subject})
		}
	}
	for i := range out {
		out[i].PlanID, out[i].TaskID, out[i].UnitID = t.PlanID, t.ID, t.LeadUnitID
	}
	return out
}

// Reporting periods: quarters, cut off on the 14th of their last month by
// Decree 09/2019/NĐ-CP (docs/DOMAIN.md §6), or on its last day for plans that
// count calendar quarters.
const (
	schemeDecree   = "decree"
	schemeCalendar = "calendar"
)

// period is one quarter's reporting window of a plan year.
type period struct {
	Quarter  int
	From, To civil.Date // To is the cut-off
}

func (p period) name() string {
	return [...]string{"", "quý I", "quý II", "quý III", "quý IV"}[p.Quarter]
}

// periodAt is the reporting quarter of plan year y that contains d.
func periodAt(y int, scheme string, d civil.Date) (period, bool) {
	for q := 1; q <= 4; q++ {
		p := period{Quarter: q}
		if scheme == schemeCalendar {
			p.From, p.To = civil.New(y, time.Month(3*q-2), 1), civil.New(y, time.Month(3*q+1), 0)
		} else {
			p.From, p.To = civil.New(y, time.Month(3*q-3), 15), civil.New(y, time.Month(3*q), 14)
		}
		if !d.Before(p.From) && !d.After(p.To) {
			return p, true
		}
	}
	return period{}, false
}

// reportMoment is the latest reporting reminder reached at day d: its step
// (working days before the cut-off) and period.
func reportMoment(s Settings, cal Calendar, year int, scheme string, d civil.Date) (period, int, bool) {
	if !s.Enabled {
		return period{}, 0, false
	}
	p, ok := periodAt(year, scheme, d)
	if !ok {
		return period{}, 0, false
	}
	best := 0
	for _, w := range s.ReportDaysBefore {
		if !cal.WorkingDaysBefore(p.To, w).After(d) && (best == 0 || w < best) {
			best = w
		}
	}
	return p, best, best > 0
}

// planFacts is an issued plan as the rules see it.
type planFacts struct {
	ID, UnitID int64
	Year       int
	Number     string
	Title      string
	Scheme     string `bun:"scheme"`
}

func (p planFacts) label() string {
	if p.Number == "" {
		return p.Title
	}
	return p.Number + " — " + p.Title
}

func issuedPlans(ctx context.Context, db bun.IDB) ([]planFacts, error) {
	var ps []planFacts
	// cutoff_scheme belongs to the reports' migration; read through jsonb so
	// that its absence means the decree's table.
	err := db.NewRaw(`SELECT p.id, p.unit_id, p.year, p.number, p.title,
	        coalesce(to_jsonb(p) ->> 'cutoff_scheme', 'decree') AS scheme
	    FROM plans p WHERE p.state = 'issued' ORDER BY p.id`).Scan(ctx, &ps)
	if err != nil {
		return nil, fmt.Errorf("reminders: issued plans: %w", err)
	}
	return ps, nil
}

// planTasks loads a plan's tasks with their state at day d; the deadline of
// the current occurrence is the one known at d, approved extensions included.
func planTasks(ctx context.Context, db bun.IDB, p planFacts, d civil.Date) ([]taskFacts, error) {
	ts, err := tasks.ForPlan(ctx, db, p.ID)
	if err != nil {
		return nil, err
	}
	states, err := tasks.StatesAt(ctx, db, p.ID, d)
	if err != nil {
		return nil, err
	}
	out := make([]taskFacts, 0, len(ts))
	for i := range ts {
		t := &ts[i]
		st := states.Of(t.ID)
		out = append(out, taskFacts{ID: t.ID, PlanID: p.ID, LeadUnitID: t.LeadUnitID, Number: t.Number, Title: t.Title,
			DeadlineText: t.DeadlineText, Kind: t.DeadlineKind, Status: st.Status, Percent: st.Percent, Due: st.Due,
			DaysOverdue: st.DaysOverdue, Pending: st.Pending})
	}
	return out, nil
}

// updatedSince returns the tasks of a plan with progress recorded in [from, to).
func updatedSince(ctx context.Context, db bun.IDB, planID int64, from, to time.Time) (map[int64]bool, error) {
	var ids []int64
	err := db.NewRaw(`SELECT DISTINCT pe.task_id FROM progress_entries pe JOIN tasks t ON t.id = pe.task_id
	    WHERE t.plan_id = ? AND pe.recorded_at >= ? AND pe.recorded_at < ?`, planID, from, to).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("reminders: progress of plan %d in period: %w", planID, err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// planFirings is every rule a plan calls for at day d.
func planFirings(ctx context.Context, db bun.IDB, p planFacts, s Settings, cal Calendar, d civil.Date, dir *directory) ([]firing, error) {
	if !s.Enabled {
		return nil, nil
	}
	ts, err := planTasks(ctx, db, p, d)
	if err != nil {
		return nil, err
	}
	var out []firing
	for i, t := range ts {
		for _, f := range taskMoments(s, t, d) {
			f.Title, f.Body = taskText(f, t, p, d, dir)
			f.planUnit, f.taskOrder = p.UnitID, i
			out = append(out, f)
		}
	}

	per, step, ok := reportMoment(s, cal, p.Year, p.Scheme, d)
	if !ok {
		return out, nil
	}
	updated, err := updatedSince(ctx, db, p.ID, per.From.Start(), d.End())
	if err != nil {
		return nil, err
	}
	stale := map[int64][]taskFacts{} // lead unit → open tasks without progress this period
	var unitOrder []int64
	for _, t := range ts {
		if t.Status.Completed() || t.Pending || updated[t.ID] {
			continue
		}
		if _, seen := stale[t.LeadUnitID]; !seen {
			unitOrder = append(unitOrder, t.LeadUnitID)
		}
		stale[t.LeadUnitID] = append(stale[t.LeadUnitID], t)
	}
	for _, u := range unitOrder {
		f := firing{Kind: KindReport, Step: step, Due: per.To, Subject: fmt.Sprintf("report:%d:%d", p.ID, u),
			PlanID: p.ID, UnitID: u, planUnit: p.UnitID, taskOrder: len(ts)}
		f.Title, f.Body = reportText(per, stale[u], p, dir.unitName(u))
		out = append(out, f)
	}
	return out, nil
}

// taskText is a notice's title and body, in Vietnamese.
func taskText(f firing, t taskFacts, p planFacts, d civil.Date, dir *directory) (title, body string) {
	switch f.Kind {
	case KindDueSoon:
		title = fmt.Sprintf("Sắp đến hạn (còn %d ngày): %s", f.Due.DaysSince(d), t.label())
	case KindDueToday:
		title = "Đến hạn hôm nay: " + t.label()
	case KindOverdue:
		title = fmt.Sprintf("Quá hạn %d ngày: %s", t.DaysOverdue, t.label())
	case KindEscalation:
		title = fmt.Sprintf("Quá hạn %d ngày, báo cáo lãnh đạo: %s", t.DaysOverdue, t.label())
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Hạn hoàn thành: %s", f.Due.VN())
	if t.Kind == deadline.KindRecurring {
		fmt.Fprintf(&b, " (%s)", t.DeadlineText)
	}
	switch f.Kind {
	case KindOverdue, KindEscalation:
		fmt.Fprintf(&b, " — quá hạn %d ngày", d.DaysSince(f.Due))
	case KindDueSoon:
		fmt.Fprintf(&b, " — còn %d ngày", f.Due.DaysSince(d))
	}
	b.WriteString("\nCơ quan chủ trì: " + dir.unitName(t.LeadUnitID))
	if t.Status == tasks.StatusNotStarted {
		b.WriteString("\nTiến độ: chưa triển khai")
	} else {
		fmt.Fprintf(&b, "\nTiến độ: %d%%", t.Percent)
	}
	b.WriteString("\nKế hoạch: " + p.label())
	return title, b.String()
}

// maxListed caps the tasks a reporting reminder names.
const maxListed = 15

func reportText(per period, ts []taskFacts, p planFacts, unit string) (title, body string) {
	title = fmt.Sprintf("Nhắc cập nhật tiến độ trước khi chốt số liệu báo cáo %s năm %d (%s)", per.name(), p.Year, per.To.VN())
	var b strings.Builder
	fmt.Fprintf(&b, "Kỳ báo cáo %s: từ %s đến %s.\n", per.name(), per.From.VN(), per.To.VN())
	fmt.Fprintf(&b, "%s chưa cập nhật tiến độ trong kỳ đối với %d nhiệm vụ:", unit, len(ts))
	for i, t := range ts {
		if i == maxListed {
			fmt.Fprintf(&b, "\n- … và %d nhiệm vụ khác", len(ts)-maxListed)
			break
		}
		b.WriteString("\n- " + t.label())
	}
	b.WriteString("\nKế hoạch: " + p.label())
	return title, b.String()
}

// Compute returns the notices a run at instant now would write — one per
// firing rule and recipient — before checking which were written already.
// On a day off it returns none.
func Compute(ctx context.Context, db bun.IDB, now time.Time) ([]Notice, error) {
	cal, err := loadCalendar(ctx, db)
	if err != nil {
		return nil, err
	}
	d := civil.In(now)
	if !cal.Working(d) {
		return nil, nil
	}
	dir, err := loadDirectory(ctx, db)
	if err != nil {
		return nil, err
	}
	return compute(ctx, db, d, cal, dir)
}

func compute(ctx context.Context, db bun.IDB, d civil.Date, cal Calendar, dir *directory) ([]Notice, error) {
	ps, err := issuedPlans(ctx, db)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	settings, err := settingsOf(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	var out []Notice
	for _, p := range ps {
		fs, err := planFirings(ctx, db, p, settings[p.ID], cal, d, dir)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			out = append(out, dir.address(f)...)
		}
	}
	return out, nil
}

// address turns a firing into one notice per recipient: users first, then
// webhooks (which do not receive escalations: those are for people).
func (dir *directory) address(f firing) []Notice {
	var users []*person
	if f.escalate {
		// The unit head and the plan's leaders, except whoever already gets
		// the overdue notices as the unit's staff (a secretariat standing
		// in for the head of its own unit).
		staff := dir.staff(f.UnitID)
		for _, p := range append(dir.heads(f.UnitID, f.planUnit), dir.leaders(f.planUnit)...) {
			if !slices.Contains(staff, p) && !slices.Contains(users, p) {
				users = append(users, p)
			}
		}
	} else {
		users = dir.staff(f.UnitID)
	}
	base := Notice{Kind: f.Kind, Step: f.Step, Subject: f.Subject, Due: f.Due, PlanID: f.PlanID, TaskID: f.TaskID,
		UnitID: f.UnitID, Title: f.Title, Body: f.Body}
	out := make([]Notice, 0, len(users)+1)
	for _, u := range users {
		n := base
		n.UserID = u.ID
		out = append(out, n)
	}
	if !f.escalate {
		for _, w := range dir.hooks(f.UnitID, f.PlanID) {
			n := base
			n.WebhookID = w.ID
			out = append(out, n)
		}
	}
	return out
}
