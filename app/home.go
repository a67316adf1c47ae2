package app

import (
	"context"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
	"cchc/units"
)

// DueSoonDays is how far ahead the dashboards and the work queue look for
// deadlines.
const DueSoonDays = 14

// TaskItem is a task of a list across plans, with its plan and state.
type TaskItem struct {
	Task  tasks.Task
	Plan  plans.Plan
	State tasks.State
	Area  string // the name of the task's area
	// DaysLeft is the days until the deadline (due soon); DaysOverdue is
	// in State.
	DaysLeft int
}

// PlanCounts are a plan's counts on a dashboard.
type PlanCounts struct {
	Plan plans.Plan
	tasks.Counts
}

// RankedUnit is a lead unit of a dashboard's ranking.
type RankedUnit struct {
	Rank int
	Unit units.Unit
	tasks.Counts
	// OnTimeRate is completed on time ÷ completed, in percent (one decimal).
	OnTimeRate float64
}

// NamedCounts are counts under a name (an area across plans).
type NamedCounts struct {
	Name string
	tasks.Counts
}

// TrendPoint is the completion of a dashboard's plans at a past cut-off.
type TrendPoint struct {
	Period plans.Period
	To     civil.Date
	tasks.Counts
}

// Dashboard is the leader's home: for a year and a unit subtree, across
// every plan issued (or closed) in it, the counts at a day, by plan, by
// lead unit (ranked) and by area, the trend at the year's cut-offs, and the
// tasks overdue and due soon.
type Dashboard struct {
	AsOf    civil.Date
	Year    int
	Unit    units.Unit
	Totals  tasks.Counts
	Plans   []PlanCounts
	Units   []RankedUnit
	Areas   []NamedCounts
	Trend   []TrendPoint
	Overdue []TaskItem
	DueSoon []TaskItem
}

// DashboardQuery says which dashboard: zero fields take the defaults (the
// current year, the principal's scope, today).
type DashboardQuery struct {
	Year int
	Unit string // code
	AsOf civil.Date
}

// Dashboard builds the dashboard of q for a principal who sees the whole
// unit subtree (leaders, the secretariat, admins; others are forbidden).
func (a *App) Dashboard(ctx context.Context, me *authz.Principal, q DashboardQuery) (*Dashboard, error) {
	sc, err := a.loadScope(ctx, me, q)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Year: sc.year, AsOf: sc.asOf, Unit: sc.root}
	byPlan := map[int64]*PlanCounts{}
	for _, p := range sc.plans {
		d.Plans = append(d.Plans, PlanCounts{Plan: p})
	}
	for i := range d.Plans {
		byPlan[d.Plans[i].Plan.ID] = &d.Plans[i]
	}
	byUnit := map[int64]*RankedUnit{}
	byArea := map[string]*NamedCounts{}
	var areaOrder []string
	for _, item := range sc.items {
		t, st := item.Task, item.State
		byPlan[t.PlanID].Add(st.Status)
		d.Totals.Add(st.Status)
		ru := byUnit[t.LeadUnitID]
		if ru == nil {
			ru = &RankedUnit{Unit: *t.LeadUnit}
			byUnit[t.LeadUnitID] = ru
		}
		ru.Add(st.Status)
		if byArea[item.Area] == nil {
			byArea[item.Area] = &NamedCounts{Name: item.Area}
			areaOrder = append(areaOrder, item.Area)
		}
		byArea[item.Area].Add(st.Status)
		switch {
		case st.Status == tasks.StatusOverdue:
			d.Overdue = append(d.Overdue, item)
		case !st.Status.Completed() && st.Status != tasks.StatusContinuous && !st.Due.IsZero() &&
			!st.Due.Before(d.AsOf) && st.Due.DaysSince(d.AsOf) <= DueSoonDays:
			item.DaysLeft = st.Due.DaysSince(d.AsOf)
			d.DueSoon = append(d.DueSoon, item)
		}
	}
	for _, p := range sc.plans {
		if err := a.addTrend(ctx, d, p); err != nil {
			return nil, err
		}
	}
	for _, name := range areaOrder {
		d.Areas = append(d.Areas, *byArea[name])
	}
	for _, ru := range byUnit {
		ru.OnTimeRate = vn.Rate(ru.CompletedOnTime, ru.Completed)
		d.Units = append(d.Units, *ru)
	}
	rankUnits(d.Units)
	slices.SortStableFunc(d.Overdue, func(x, y TaskItem) int { return y.State.DaysOverdue - x.State.DaysOverdue })
	slices.SortStableFunc(d.DueSoon, func(x, y TaskItem) int { return x.DaysLeft - y.DaysLeft })
	return d, nil
}

// TaskList is the list of tasks behind a dashboard's figures: the tasks of
// its plans that a filter keeps.
type TaskList struct {
	AsOf  civil.Date
	Year  int
	Unit  units.Unit
	Items []TaskItem
	// Total is the count before filtering; LeadUnits and Areas are the
	// choices the filter offers (every lead unit and area of the scope).
	Total     int
	LeadUnits []units.Unit
	Areas     []string
}

// Tasks lists the tasks of the dashboard of q that f keeps, in f's order
// (by plan, then the plan's order, when it has none). A filter value the
// scope has no task for is an errs.Invalid naming it.
func (a *App) Tasks(ctx context.Context, me *authz.Principal, q DashboardQuery, f tasks.Filter) (*TaskList, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	sc, err := a.loadScope(ctx, me, q)
	if err != nil {
		return nil, err
	}
	l := &TaskList{AsOf: sc.asOf, Year: sc.year, Unit: sc.root, Total: len(sc.items)}
	seenUnit, seenArea := map[int64]bool{}, map[string]bool{}
	var leadCodes []string
	for _, it := range sc.items {
		if u := it.Task.LeadUnit; !seenUnit[u.ID] {
			seenUnit[u.ID] = true
			l.LeadUnits = append(l.LeadUnits, *u)
			leadCodes = append(leadCodes, u.Code)
		}
		if !seenArea[it.Area] {
			seenArea[it.Area] = true
			l.Areas = append(l.Areas, it.Area)
		}
	}
	vn.SortFunc(l.LeadUnits, func(u units.Unit) string { return u.Name }, nil)
	if err := f.CheckIn(l.Areas, leadCodes); err != nil {
		return nil, err
	}
	for _, it := range sc.items {
		if f.Match(&it.Task, it.State, it.Area, sc.asOf) {
			if !it.State.Due.IsZero() && !it.State.Due.Before(sc.asOf) {
				it.DaysLeft = it.State.Due.DaysSince(sc.asOf)
			}
			l.Items = append(l.Items, it)
		}
	}
	tasks.SortRows(l.Items, f.Sort, func(it TaskItem) (*tasks.Task, tasks.State) { return &it.Task, it.State })
	return l, nil
}

// scope is what a dashboard and its task list read: the issued (or closed)
// plans of a year in a unit's subtree, and each of their tasks with its
// state at a day and its area's name.
type scope struct {
	root  units.Unit
	year  int
	asOf  civil.Date
	plans []plans.Plan
	items []TaskItem
}

func (a *App) loadScope(ctx context.Context, me *authz.Principal, q DashboardQuery) (*scope, error) {
	sc := &scope{year: q.Year, asOf: q.AsOf, root: me.Scope}
	if sc.asOf.IsZero() {
		sc.asOf = a.Today()
	}
	if sc.year == 0 {
		sc.year = sc.asOf.Year
	}
	if sc.year < 2000 || sc.year > 2100 {
		return nil, errs.Bad("year", "plans.year_range")
	}
	if q.Unit != "" {
		u, err := a.VisibleUnit(ctx, me, q.Unit)
		if err != nil {
			return nil, err
		}
		sc.root = *u
	}
	if err := me.CanWatch(&sc.root); err != nil {
		return nil, err
	}
	ps, err := plans.List(ctx, a.db, plans.Filter{UnitPaths: []string{sc.root.Path}, Year: sc.year})
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.State == plans.StateDraft {
			continue
		}
		ts, states, err := a.planStates(ctx, p.ID, sc.asOf)
		if err != nil {
			return nil, err
		}
		areas, err := plans.Areas(ctx, a.db, p.ID)
		if err != nil {
			return nil, err
		}
		areaName := map[int64]string{}
		for _, ar := range areas {
			areaName[ar.ID] = ar.Name
		}
		sc.plans = append(sc.plans, p)
		for _, t := range ts {
			sc.items = append(sc.items, TaskItem{Task: t, Plan: p, State: states.Of(t.ID), Area: areaName[t.AreaID]})
		}
	}
	return sc, nil
}

// planStates are a plan's tasks and their states at a day.
func (a *App) planStates(ctx context.Context, planID int64, at civil.Date) ([]tasks.Task, *tasks.States, error) {
	ts, err := tasks.ForPlan(ctx, a.db, planID)
	if err != nil {
		return nil, nil, err
	}
	states, err := tasks.StatesAt(ctx, a.db, planID, at)
	if err != nil {
		return nil, nil, err
	}
	return ts, states, nil
}

// addTrend adds a plan's counts at each cumulative cut-off of the year
// (quý I, 6 tháng, 9 tháng, năm) that has passed by the dashboard's day.
func (a *App) addTrend(ctx context.Context, d *Dashboard, p plans.Plan) error {
	i := 0
	for _, period := range []plans.Period{plans.Q1, plans.H1, plans.NineMonths, plans.FullYear} {
		_, to := period.Range(p.Year, p.CutoffScheme)
		if to.After(d.AsOf) {
			break
		}
		st, err := tasks.StatsAt(ctx, a.db, p.ID, to)
		if err != nil {
			return err
		}
		if i == len(d.Trend) {
			d.Trend = append(d.Trend, TrendPoint{Period: period, To: to})
		}
		d.Trend[i].Merge(st.Counts)
		i++
	}
	return nil
}

// rankUnits orders a ranking: by completion, then on-time rate, then fewer
// overdue, then name; units equal on the first three share a rank (1, 1, 3).
func rankUnits(us []RankedUnit) {
	key := func(u RankedUnit) [3]float64 { return [3]float64{-u.Percent, -u.OnTimeRate, float64(u.Overdue)} }
	vn.SortFunc(us, func(u RankedUnit) string { return u.Unit.Name }, func(x, y RankedUnit) int {
		kx, ky := key(x), key(y)
		for i := range kx {
			if kx[i] != ky[i] {
				if kx[i] < ky[i] {
					return -1
				}
				return 1
			}
		}
		return 0
	})
	for i := range us {
		if i > 0 && key(us[i]) == key(us[i-1]) {
			us[i].Rank = us[i-1].Rank
		} else {
			us[i].Rank = i + 1
		}
	}
}

// QueueItem is a task of a unit's work queue.
type QueueItem struct {
	TaskItem
	Role   string // "lead" or "coordinate"
	Reason string // why it is where it is: see Queue
	// LastUpdate is when the task was last updated (zero: never).
	LastUpdate time.Time
}

// The reasons of the work queue, most urgent first.
const (
	ReasonOverdue  = "overdue"
	ReasonReturned = "returned"
	ReasonDueSoon  = "due_soon"
	ReasonNoUpdate = "no_update"
	ReasonOngoing  = "continuous"
	ReasonUpcoming = "upcoming"
	ReasonPending  = "awaiting_confirmation"
)

// QueueReasons are the reasons in queue order.
var QueueReasons = []string{ReasonOverdue, ReasonReturned, ReasonDueSoon, ReasonNoUpdate, ReasonOngoing, ReasonUpcoming, ReasonPending}

// Queue is the work of the principal's unit: its open tasks, as lead and as
// coordinator, across the issued plans it sees, most urgent first —
// overdue (most days first), claims the secretariat returned, due within
// DueSoonDays (nearest first), not updated in the current reporting
// period, continuous, the rest by deadline — and last its claims awaiting
// confirmation.
func (a *App) Queue(ctx context.Context, me *authz.Principal) ([]QueueItem, error) {
	today := a.Today()
	planIDs, err := tasks.PlansInvolving(ctx, a.db, me.Unit.ID, today.Year-1)
	if err != nil {
		return nil, err
	}
	var out []QueueItem
	for _, id := range planIDs {
		p, err := plans.Get(ctx, a.db, id)
		if err != nil {
			return nil, err
		}
		if me.CanSeePlan(p) != nil {
			continue
		}
		ts, states, err := a.planStates(ctx, id, today)
		if err != nil {
			return nil, err
		}
		var mine []tasks.Task
		var ids []int64
		for _, t := range ts {
			if t.LeadUnitID == me.Unit.ID || t.CoordinatesWith(me.Unit.ID) {
				mine = append(mine, t)
				ids = append(ids, t.ID)
			}
		}
		acts, err := tasks.Activities(ctx, a.db, ids)
		if err != nil {
			return nil, err
		}
		for _, t := range mine {
			st := states.Of(t.ID)
			if st.Status.Completed() {
				continue
			}
			out = append(out, queueItem(me, today, p, t, st, acts[t.ID]))
		}
	}
	slices.SortStableFunc(out, func(x, y QueueItem) int {
		if c := slices.Index(QueueReasons, x.Reason) - slices.Index(QueueReasons, y.Reason); c != 0 {
			return c
		}
		switch x.Reason {
		case ReasonOverdue:
			return y.State.DaysOverdue - x.State.DaysOverdue
		case ReasonDueSoon, ReasonUpcoming:
			return x.DaysLeft - y.DaysLeft
		}
		return 0
	})
	return out, nil
}

// queueItem classifies a task of the principal's unit for the work queue.
// A completed task gets no reason (it has left the queue).
func queueItem(me *authz.Principal, today civil.Date, p *plans.Plan, t tasks.Task, st tasks.State, act tasks.Activity) QueueItem {
	q, year := plans.CurrentQuarter(today, p.CutoffScheme)
	periodStart, _ := q.Range(year, p.CutoffScheme)
	it := QueueItem{TaskItem: TaskItem{Task: t, Plan: *p, State: st}, Role: "lead", LastUpdate: act.LastUpdate}
	if t.LeadUnitID != me.Unit.ID {
		it.Role = "coordinate"
	}
	if !st.Due.IsZero() && !st.Due.Before(today) {
		it.DaysLeft = st.Due.DaysSince(today)
	}
	switch {
	case st.Status.Completed():
	case st.Pending:
		it.Reason = ReasonPending
	case st.Status == tasks.StatusOverdue:
		it.Reason = ReasonOverdue
	case act.Returned:
		it.Reason = ReasonReturned
	case !st.Due.IsZero() && st.Status != tasks.StatusContinuous && it.DaysLeft <= DueSoonDays:
		it.Reason = ReasonDueSoon
	case it.LastUpdate.IsZero() || civil.In(it.LastUpdate).Before(periodStart):
		it.Reason = ReasonNoUpdate
	case st.Status == tasks.StatusContinuous:
		it.Reason = ReasonOngoing
	default:
		it.Reason = ReasonUpcoming
	}
	return it
}

// QueueItemOf is one task as the work queue shows it, for a principal who
// sees the task: after a post from the queue, where it now stands.
func (a *App) QueueItemOf(ctx context.Context, me *authz.Principal, taskID int64) (*QueueItem, error) {
	t, p, st, err := a.TaskState(ctx, me, taskID)
	if err != nil {
		return nil, err
	}
	acts, err := tasks.Activities(ctx, a.db, []int64{taskID})
	if err != nil {
		return nil, err
	}
	it := queueItem(me, a.Today(), p, *t, st, acts[taskID])
	return &it, nil
}

// ReviewItem is a completion claim of the review inbox, with what the
// secretariat needs to decide: the task, its state, the claim and its
// evidence files.
type ReviewItem struct {
	TaskItem
	Claim tasks.Claim
	Entry tasks.Entry
	Files []tasks.EvidenceFile
}

// Reviews are the claims awaiting confirmation on the plans the principal
// verifies, oldest first.
func (a *App) Reviews(ctx context.Context, me *authz.Principal) ([]ReviewItem, error) {
	ps, err := plans.List(ctx, a.db, me.PlanFilter())
	if err != nil {
		return nil, err
	}
	byID := map[int64]plans.Plan{}
	var ids []int64
	for _, p := range ps {
		if p.State == plans.StateIssued && me.CanVerify(&p) == nil {
			byID[p.ID] = p
			ids = append(ids, p.ID)
		}
	}
	claims, err := tasks.PendingClaims(ctx, a.db, ids)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	out := make([]ReviewItem, 0, len(claims))
	for _, c := range claims {
		t, err := tasks.Get(ctx, a.db, c.TaskID)
		if err != nil {
			return nil, err
		}
		hist, err := tasks.History(ctx, a.db, c.TaskID)
		if err != nil {
			return nil, err
		}
		files, err := tasks.EvidenceFiles(ctx, a.db, c.TaskID)
		if err != nil {
			return nil, err
		}
		it := ReviewItem{TaskItem: TaskItem{Task: *t, Plan: byID[c.PlanID], State: tasks.Evaluate(t.Schedule(), tasks.Events(hist), today)}, Claim: c}
		for _, e := range hist {
			if e.ID == c.EntryID {
				it.Entry = e
			}
		}
		for _, f := range files {
			if f.EntryID == c.EntryID {
				it.Files = append(it.Files, f)
			}
		}
		out = append(out, it)
	}
	return out, nil
}

// ReviewClaims confirms or returns (with a reason) the pending claims of
// several tasks at once: all of them, or none if one is refused.
func (a *App) ReviewClaims(ctx context.Context, me *authz.Principal, taskIDs []int64, confirm bool, reason string) error {
	if len(taskIDs) == 0 {
		return errs.Bad("tasks", "app.nothing_selected")
	}
	return a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, id := range taskIDs {
			if err := a.reviewClaim(ctx, tx, me, id, confirm, reason, 0); err != nil {
				return err
			}
		}
		return nil
	})
}

// reviewClaim decides one claim inside tx (ReviewClaim and ReviewClaims).
func (a *App) reviewClaim(ctx context.Context, tx bun.IDB, me *authz.Principal, taskID int64, confirm bool, reason string, version int) error {
	t, _, err := a.taskFor(ctx, me, taskID, onPlan(me.CanVerify))
	if err != nil {
		return err
	}
	rv := tasks.Review{Confirm: confirm, Reason: reason, AuthorID: me.User.ID, At: a.now(), Version: version}
	if err := tasks.Decide(ctx, tx, t.ID, rv); err != nil || confirm {
		return err
	}
	return reminders.Notify(ctx, tx, reminders.Event{Kind: reminders.EventClaimReturned, TaskID: t.ID,
		Text: "Lý do: " + reason, At: rv.At})
}
