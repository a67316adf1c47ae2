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
	"cchc/internal/database"
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
	err := database.Select(ctx, db, &ps, `SELECT p.id, p.unit_id, p.year, p.number, p.title, p.cutoff_scheme AS scheme
	    FROM plans p WHERE p.state = 'issued' ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("reminders: issued plans: %w", err)
	}
	return ps, nil
}

// The pass reads only the tasks that can produce a notice at the day, from
// the status timeline (their state at the day): those due within the
// longest warning window, and those overdue whose latest overdue or
// escalation moment falls on or after the previous run's day (all of them
// on a first run: sinceDay NULL). A moment before that was reached by an
// earlier run, which wrote its notices; the keys make a repeat harmless.
const candidatesSQL = `SELECT t.id, tl.plan_id, t.lead_unit_id, t.number, t.title, t.deadline_text, t.deadline_kind AS kind,
       tl.status, tl.percent, tl.due, coalesce($1::date - tl.first_missed, 0) AS days_overdue, tl.pending
FROM task_timeline tl
JOIN plans p ON p.id = tl.plan_id
JOIN tasks t ON t.id = tl.task_id
JOIN areas a ON a.id = t.area_id
LEFT JOIN reminder_settings rs ON rs.plan_id = p.id
WHERE p.state = 'issued' AND tl.valid_from <= $1 AND tl.valid_to > $1
  AND tl.status IN ('overdue', 'in_progress', 'not_started')
  AND coalesce(rs.enabled, true)
  AND (tl.due BETWEEN $1 AND $1 + $3::int
       OR (tl.status = 'overdue' AND ($2::date IS NULL
           OR tl.first_missed + 1 + ($1 - tl.first_missed - 1) / coalesce(rs.overdue_every, 7) * coalesce(rs.overdue_every, 7) >= $2
           OR ($1 - tl.first_missed >= coalesce(rs.escalate_after, 14) AND tl.first_missed + coalesce(rs.escalate_after, 14) >= $2))))
ORDER BY tl.plan_id, a.position, t.position`

// staleSQL lists the open tasks of plans $1 at day $2 (claims awaiting
// confirmation aside) with no progress recorded from $3 to $4: what a
// reporting reminder names.
const staleSQL = `SELECT t.id, tl.plan_id, t.lead_unit_id, t.number, t.title, t.deadline_text, t.deadline_kind AS kind,
       tl.status, tl.percent, tl.due, 0 AS days_overdue, tl.pending
FROM task_timeline tl
JOIN tasks t ON t.id = tl.task_id
JOIN areas a ON a.id = t.area_id
WHERE tl.plan_id = ANY($1) AND tl.valid_from <= $2 AND tl.valid_to > $2
  AND tl.status NOT IN ('completed_on_time', 'completed_late') AND NOT tl.pending
  AND NOT EXISTS (SELECT 1 FROM progress_entries e WHERE e.task_id = tl.task_id AND e.recorded_at >= $3 AND e.recorded_at < $4)
ORDER BY tl.plan_id, a.position, t.position`

type candidate struct {
	ID          int64         `bun:"id"`
	PlanID      int64         `bun:"plan_id"`
	LeadUnitID  int64         `bun:"lead_unit_id"`
	Number      string        `bun:"number"`
	Title       string        `bun:"title"`
	Deadline    string        `bun:"deadline_text"`
	Kind        deadline.Kind `bun:"kind"`
	Status      tasks.Status  `bun:"status"`
	Percent     int           `bun:"percent"`
	Due         civil.Date    `bun:"due"`
	DaysOverdue int           `bun:"days_overdue"`
	Pending     bool          `bun:"pending"`
}

func (c candidate) facts() taskFacts {
	return taskFacts{ID: c.ID, PlanID: c.PlanID, LeadUnitID: c.LeadUnitID, Number: c.Number, Title: c.Title,
		DeadlineText: c.Deadline, Kind: c.Kind, Status: c.Status, Percent: c.Percent, Due: c.Due,
		DaysOverdue: c.DaysOverdue, Pending: c.Pending}
}

// reportFirings are the reporting reminders of the plans whose reporting
// moment is reached at day d (and not before the previous run's day since,
// when there was one): one per unit leading open tasks of the plan without
// progress in the period, listing them.
func reportFirings(ctx context.Context, db bun.IDB, ps []planFacts, settings map[int64]Settings, cal Calendar, d, since civil.Date, dir *directory) (map[int64][]firing, error) {
	type window struct {
		per   period
		plans []int64
	}
	byFrom := map[civil.Date]*window{}
	var froms []civil.Date
	for _, p := range ps {
		per, step, ok := reportMoment(settings[p.ID], cal, p.Year, p.Scheme, d)
		if !ok || (!since.IsZero() && cal.WorkingDaysBefore(per.To, step).Before(since)) {
			continue
		}
		key := per.From
		w := byFrom[key]
		if w == nil {
			w = &window{per: per}
			byFrom[key] = w
			froms = append(froms, key)
		}
		w.plans = append(w.plans, p.ID)
	}
	planOf := map[int64]planFacts{}
	for _, p := range ps {
		planOf[p.ID] = p
	}
	out := map[int64][]firing{}
	for _, from := range froms {
		w := byFrom[from]
		var rows []candidate
		if err := database.Select(ctx, db, &rows, staleSQL, w.plans, d, w.per.From.Start(), d.End()); err != nil {
			return nil, fmt.Errorf("reminders: tasks without progress: %w", err)
		}
		stale := map[int64]map[int64][]taskFacts{} // plan → lead unit → tasks
		units := map[int64][]int64{}               // plan → lead units in annex order
		for _, r := range rows {
			if stale[r.PlanID] == nil {
				stale[r.PlanID] = map[int64][]taskFacts{}
			}
			if _, seen := stale[r.PlanID][r.LeadUnitID]; !seen {
				units[r.PlanID] = append(units[r.PlanID], r.LeadUnitID)
			}
			stale[r.PlanID][r.LeadUnitID] = append(stale[r.PlanID][r.LeadUnitID], r.facts())
		}
		for _, planID := range w.plans {
			p := planOf[planID]
			per, step, _ := reportMoment(settings[planID], cal, p.Year, p.Scheme, d)
			for _, u := range units[planID] {
				f := firing{Kind: KindReport, Step: step, Due: per.To, Subject: fmt.Sprintf("report:%d:%d", p.ID, u),
					PlanID: p.ID, UnitID: u, planUnit: p.UnitID}
				if !dir.reachable(f) {
					continue
				}
				f.Title, f.Body = reportText(per, stale[planID][u], p, dir.unitName(u))
				out[planID] = append(out[planID], f)
			}
		}
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
	return compute(ctx, db, d, civil.Date{}, cal, dir)
}

// compute is the notices due at day d: every rule's latest moment reached
// by d, and on or after day since (the previous run's; zero: any).
func compute(ctx context.Context, db bun.IDB, d, since civil.Date, cal Calendar, dir *directory) ([]Notice, error) {
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
	window := 0
	for _, s := range settings {
		if s.Enabled {
			window = max(window, slices.Max(append([]int{0}, s.DaysBefore...)))
		}
	}
	var sinceArg any
	if !since.IsZero() {
		sinceArg = since
	}
	var cands []candidate
	if err := database.Select(ctx, db, &cands, candidatesSQL, d, sinceArg, window); err != nil {
		return nil, fmt.Errorf("reminders: tasks to remind: %w", err)
	}
	planOf := make(map[int64]planFacts, len(ps))
	for _, p := range ps {
		planOf[p.ID] = p
	}
	taskFirings := map[int64][]firing{}
	for i, c := range cands {
		p := planOf[c.PlanID]
		t := c.facts()
		for _, f := range taskMoments(settings[p.ID], t, d) {
			f.planUnit, f.taskOrder = p.UnitID, i
			if !dir.reachable(f) {
				continue
			}
			f.Title, f.Body = taskText(f, t, p, d, dir)
			taskFirings[p.ID] = append(taskFirings[p.ID], f)
		}
	}
	reports, err := reportFirings(ctx, db, ps, settings, cal, d, since, dir)
	if err != nil {
		return nil, err
	}
	var out []Notice
	for _, p := range ps { // plan by plan: tasks in annex order, then reporting
		for _, f := range append(taskFirings[p.ID], reports[p.ID]...) {
			out = append(out, dir.address(f)...)
		}
	}
	return out, nil
}

// reachable reports whether a firing has anyone to tell.
func (dir *directory) reachable(f firing) bool {
	if f.escalate {
		return len(dir.heads(f.UnitID, f.planUnit)) > 0 || len(dir.leaders(f.planUnit)) > 0
	}
	return len(dir.staff(f.UnitID)) > 0 || len(dir.hooks(f.UnitID, f.PlanID)) > 0
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
