package tasks

import (
	"time"

	"cchc/deadline"
	"cchc/internal/civil"
)

// Status is a task's state at a date (docs/DOMAIN.md §5). Every task has exactly
// one, so the counts of a plan add up to its total.
type Status string

const (
	StatusCompletedOnTime Status = "completed_on_time"
	StatusCompletedLate   Status = "completed_late"
	StatusInProgress      Status = "in_progress"
	StatusOverdue         Status = "overdue"
	StatusNotStarted      Status = "not_started"
	StatusContinuous      Status = "continuous"
)

// Statuses in the order reports list them.
var Statuses = []Status{StatusCompletedOnTime, StatusCompletedLate, StatusInProgress, StatusOverdue, StatusNotStarted, StatusContinuous}

func (s Status) Completed() bool { return s == StatusCompletedOnTime || s == StatusCompletedLate }

// Label is the message ID of the status's name ("Hoàn thành đúng hạn").
func (s Status) Label() string { return "tasks.status_" + string(s) }

// Schedule is what the status rule needs to know of a task's deadline.
type Schedule struct {
	Year        int // the plan's year
	Kind        deadline.Kind
	Due         civil.Date // date/month/quarter/year kinds: the deadline as planned
	EveryMonths int        // recurring kind
	// Extensions are the approved deadline extensions, in any order.
	Extensions []Extended
	// RequireConfirmation: a completion counts only once the secretariat
	// confirmed it (the plan's setting).
	RequireConfirmation bool
	// ContinuousFrom: a continuous task counts as completed only on and
	// after this day (the year-end cut-off, plans.ContinuousFrom); zero:
	// any closing counts.
	ContinuousFrom civil.Date
}

// Extended is an approved extension as the status rule sees it: from the
// moment it was decided, the task is due on NewDue.
type Extended struct {
	NewDue    civil.Date
	DecidedAt time.Time
}

// Occurrences is how many periods a task has in its year: 12 or 4 for
// recurring tasks, 1 for every other.
func (s Schedule) Occurrences() int {
	if s.Kind == deadline.KindRecurring && s.EveryMonths > 0 {
		return 12 / s.EveryMonths
	}
	return 1
}

// OccurrenceAt is the occurrence whose period contains d, clamped to the
// plan year: before the year it is the first, after it the last.
func (s Schedule) OccurrenceAt(d civil.Date) int {
	if s.Kind != deadline.KindRecurring || s.EveryMonths <= 0 {
		return 1
	}
	switch {
	case d.Year < s.Year:
		return 1
	case d.Year > s.Year:
		return s.Occurrences()
	}
	return (int(d.Month)-1)/s.EveryMonths + 1
}

// DueOf is the planned deadline of occurrence k (zero for continuous tasks).
func (s Schedule) DueOf(k int) civil.Date {
	if s.Kind == deadline.KindRecurring {
		return civil.New(s.Year, time.Month(1+k*s.EveryMonths), 0)
	}
	return s.Due
}

// DueAt is the deadline of occurrence k as known at the end of day at: the
// latest extension approved by then, else the planned one. Only dated tasks
// are extended.
func (s Schedule) DueAt(k int, at civil.Date) civil.Date {
	due := s.DueOf(k)
	if s.Kind == deadline.KindRecurring || due.IsZero() {
		return due
	}
	var latest *Extended
	for i := range s.Extensions {
		x := &s.Extensions[i]
		if x.DecidedAt.Before(at.End()) && (latest == nil || x.DecidedAt.After(latest.DecidedAt)) {
			latest = x
		}
	}
	if latest != nil {
		return latest.NewDue
	}
	return due
}

// Event is one progress entry as the status rule sees it.
type Event struct {
	ID           int64
	Recorded     time.Time
	Occurrence   int
	Percent      int
	Completed    bool
	EvidenceDate civil.Date
	// ConfirmedAt is when the secretariat confirmed this completion claim
	// (zero: not confirmed).
	ConfirmedAt time.Time
}

// CompletionDate is the day an entry says the work was done: the evidence
// document's date when given, but never later than the day it was recorded.
func (e Event) CompletionDate() civil.Date {
	rec := civil.In(e.Recorded)
	if !e.EvidenceDate.IsZero() && e.EvidenceDate.Before(rec) {
		return e.EvidenceDate
	}
	return rec
}

func (e Event) before(f Event) bool {
	if !e.Recorded.Equal(f.Recorded) {
		return e.Recorded.Before(f.Recorded)
	}
	return e.ID < f.ID
}

// State is a task's situation at a date.
type State struct {
	Status      Status
	Percent     int        // of the current occurrence's latest entry
	CompletedOn civil.Date // when Status is completed: the current occurrence's completion day
	Occurrence  int        // the current occurrence (1 unless recurring)
	Due         civil.Date // the current occurrence's deadline, extensions included (zero if continuous)
	DaysOverdue int        // when overdue: days since the earliest missed deadline
	// Pending: the unit claims the current occurrence done, and the claim
	// awaits the secretariat's confirmation.
	Pending bool
}

// Evaluate is the status rule: the state at day at of a task with schedule s
// and progress history h (any order), counting only what was recorded by the
// end of at in Asia/Ho_Chi_Minh. StatesAt computes the same in SQL.
//
// Each occurrence up to the current one is completed when its latest entry
// is a completion — confirmed, if the plan requires it, by an entry of that
// run of completions — ; it was completed on the earliest completion date
// among the entries since the last non-completed one. Deadlines are the
// ones known at the day, approved extensions included. A continuous task
// is not completed before s.ContinuousFrom. A task is completed when every
// occurrence so far is, on time when each was done by its deadline; overdue
// when one whose deadline has passed is not; otherwise continuous, not
// started (nothing recorded) or in progress.
func Evaluate(s Schedule, h []Event, at civil.Date) State {
	end := at.End()
	m := s.OccurrenceAt(at)
	type occ struct {
		last, lastOpen *Event
		completedOn    civil.Date
		confirmed      bool
	}
	occs := make([]occ, m+1)
	anything := false
	for i := range h {
		e := &h[i]
		if !e.Recorded.Before(end) {
			continue
		}
		anything = true
		if e.Occurrence < 1 || e.Occurrence > m {
			continue
		}
		o := &occs[e.Occurrence]
		if o.last == nil || o.last.before(*e) {
			o.last = e
		}
		if !e.Completed && (o.lastOpen == nil || o.lastOpen.before(*e)) {
			o.lastOpen = e
		}
	}
	for i := range h {
		e := h[i]
		if !e.Recorded.Before(end) || !e.Completed || e.Occurrence < 1 || e.Occurrence > m {
			continue
		}
		o := &occs[e.Occurrence]
		if o.lastOpen != nil && e.before(*o.lastOpen) {
			continue
		}
		if d := e.CompletionDate(); o.completedOn.IsZero() || d.Before(o.completedOn) {
			o.completedOn = d
		}
		if !e.ConfirmedAt.IsZero() && e.ConfirmedAt.Before(end) {
			o.confirmed = true
		}
	}
	claimed := func(o occ) bool {
		return o.last != nil && o.last.Completed && (!s.RequireConfirmation || o.confirmed)
	}
	// A continuous task of a plan that counts them at the year-end cut-off
	// is not completed before it, whatever its history says.
	held := s.Kind == deadline.KindContinuous && at.Before(s.ContinuousFrom)
	done := func(o occ) bool { return claimed(o) && !held }

	st := State{Occurrence: m, Due: s.DueAt(m, at)}
	if last := occs[m].last; last != nil {
		st.Percent = last.Percent
	}
	allDone, onTime := true, true
	var firstMissed civil.Date
	for k := 1; k <= m; k++ {
		o := occs[k]
		due := s.DueAt(k, at)
		if !done(o) {
			allDone = false
			if !due.IsZero() && due.Before(at) && firstMissed.IsZero() {
				firstMissed = due
			}
			continue
		}
		if !due.IsZero() && o.completedOn.After(due) {
			onTime = false
		}
	}
	switch {
	case allDone && onTime:
		st.Status = StatusCompletedOnTime
	case allDone:
		st.Status = StatusCompletedLate
	case !firstMissed.IsZero():
		st.Status = StatusOverdue
		st.DaysOverdue = at.DaysSince(firstMissed)
	case s.Kind == deadline.KindContinuous:
		st.Status = StatusContinuous
	case !anything:
		st.Status = StatusNotStarted
	default:
		st.Status = StatusInProgress
	}
	if allDone {
		st.CompletedOn = occs[m].completedOn
		st.Percent = 100
	} else if last := occs[m].last; last != nil && last.Completed && !claimed(occs[m]) {
		st.Pending = true
	}
	return st
}
