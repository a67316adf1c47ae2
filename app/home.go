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
	d := &Dashboard{Year: q.Year, AsOf: q.AsOf}
	if d.AsOf.IsZero() {
		d.AsOf = a.Today()
	}
	if d.Year == 0 {
		d.Year = d.AsOf.Year
	}
	if d.Year < 2000 || d.Year > 2100 {
		return nil, errs.Bad("year", "plans.year_range")
	}
	root := me.Scope
	if q.Unit != "" {
		u, err := a.VisibleUnit(ctx, me, q.Unit)
		if err != nil {
			return nil, err
		}
		root = *u
	}
	if err := me.CanWatch(&root); err != nil {
		return nil, err
	}
	d.Unit = root
	ps, err := plans.List(ctx, a.db, plans.Filter{UnitPaths: []string{root.Path}, Year: d.Year})
	if err != nil {
		return nil, err
	}
	byUnit := map[int64]*RankedUnit{}
	byArea := map[string]*NamedCounts{}
	var areaOrder []string
	for _, p := range ps {
		if p.State == plans.StateDraft {
			continue
		}
		ts, states, err := a.planStates(ctx, p.ID, d.AsOf)
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
		pc := PlanCounts{Plan: p}
		for _, t := range ts {
			st := states.Of(t.ID)
			pc.Add(st.Status)
			ru := byUnit[t.LeadUnitID]
			if ru == nil {
				ru = &RankedUnit{Unit: *t.LeadUnit}
				byUnit[t.LeadUnitID] = ru
			}
			ru.Add(st.Status)
			name := areaName[t.AreaID]
			if byArea[name] == nil {
				byArea[name] = &NamedCounts{Name: name}
				areaOrder = append(areaOrder, name)
			}
			byArea[name].Add(st.Status)
			item := TaskItem{Task: t, Plan: p, State: st}
			switch {
			case st.Status == tasks.StatusOverdue:
				d.Overdue = append(d.Overdue, item)
			case !st.Status.Completed() && st.Status != tasks.StatusContinuous && !st.Due.IsZero() &&
				!st.Due.Before(d.AsOf) && st.Due.DaysSince(d.AsOf) <= DueSoonDays:
				item.DaysLeft = st.Due.DaysSince(d.AsOf)
				d.DueSoon = append(d.DueSoon, item)
			}
		}
		d.Totals.Merge(pc.Counts)
		d.Plans = append(d.Plans, pc)
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

var reasonOrder = []string{ReasonOverdue, ReasonReturned, ReasonDueSoon, ReasonNoUpdate, ReasonOngoing, ReasonUpcoming, ReasonPending}

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
		q, year := plans.CurrentQuarter(today, p.CutoffScheme)
		periodStart, _ := q.Range(year, p.CutoffScheme)
		for _, t := range mine {
			st := states.Of(t.ID)
			if st.Status.Completed() {
				continue
			}
			it := QueueItem{TaskItem: TaskItem{Task: t, Plan: *p, State: st}, Role: "lead", LastUpdate: acts[t.ID].LastUpdate}
			if t.LeadUnitID != me.Unit.ID {
				it.Role = "coordinate"
			}
			if !st.Due.IsZero() && !st.Due.Before(today) {
				it.DaysLeft = st.Due.DaysSince(today)
			}
			switch {
			case st.Pending:
				it.Reason = ReasonPending
			case st.Status == tasks.StatusOverdue:
				it.Reason = ReasonOverdue
			case acts[t.ID].Returned:
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
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(x, y QueueItem) int {
		if c := slices.Index(reasonOrder, x.Reason) - slices.Index(reasonOrder, y.Reason); c != 0 {
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
