package tasks

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

// Filter narrows and orders a list of tasks: the annex of a plan, the task
// list across plans and their API. The zero Filter keeps every task in the
// plan's order.
type Filter struct {
	// Status is a Status, FilterCompleted (either kind), FilterPending
	// (awaiting the secretariat's confirmation) or FilterOpen (not completed).
	Status string
	// Lead is the lead unit's code.
	Lead string
	// Area is an area's name, matched without case or diacritics.
	Area string
	// Deadline is one of FilterDeadlines, relative to the list's day.
	Deadline string
	// Q are words to find, without diacritics ("tu phap" finds "Tư pháp"),
	// in the number, title, output and unit names.
	Q string
	// Sort is one of SortColumns, with a "-" before it for descending.
	Sort string
}

// The statuses a filter takes beyond the six of Statuses.
const (
	FilterCompleted = "completed"
	FilterPending   = "pending"
	FilterOpen      = "open"
)

// FilterStatuses are the values of Filter.Status, in the order a form lists them.
var FilterStatuses = func() []string {
	out := []string{FilterOpen, FilterPending, FilterCompleted}
	for _, s := range Statuses {
		out = append(out, string(s))
	}
	return out
}()

// FilterDeadlines are the values of Filter.Deadline: passed, within the
// next 7, 14 or 30 days, in a quarter of the plan's year, continuous.
var FilterDeadlines = []string{"past", "next7", "next14", "next30", "q1", "q2", "q3", "q4", "continuous"}

// SortColumns are the values of Filter.Sort (without the "-").
var SortColumns = []string{"number", "title", "lead", "deadline", "percent", "status"}

// Active says whether the filter narrows the list at all.
func (f Filter) Active() bool {
	return f.Status != "" || f.Lead != "" || f.Area != "" || f.Deadline != "" || strings.TrimSpace(f.Q) != ""
}

// Check refuses a value the filter does not know, naming the field. Units
// and areas are checked by whoever knows them (CheckIn).
func (f Filter) Check() error {
	if f.Status != "" && !slices.Contains(FilterStatuses, f.Status) {
		return errs.Bad("status", "tasks.filter_status_unknown", f.Status)
	}
	if f.Deadline != "" && !slices.Contains(FilterDeadlines, f.Deadline) {
		return errs.Bad("deadline", "tasks.filter_deadline_unknown", f.Deadline)
	}
	if col := strings.TrimPrefix(f.Sort, "-"); f.Sort != "" && !slices.Contains(SortColumns, col) {
		return errs.Bad("sort", "tasks.filter_sort_unknown", f.Sort)
	}
	return nil
}

// CheckIn refuses an area or a lead unit the list has none of: areaNames
// are the list's areas, leadCodes the codes of its lead units.
func (f Filter) CheckIn(areaNames, leadCodes []string) error {
	if f.Area != "" && !slices.ContainsFunc(areaNames, func(n string) bool { return vn.Fold(n) == vn.Fold(f.Area) }) {
		return errs.Bad("area", "tasks.filter_area_unknown", f.Area)
	}
	if f.Lead != "" && !slices.ContainsFunc(leadCodes, func(c string) bool { return strings.EqualFold(c, f.Lead) }) {
		return errs.Bad("lead", "tasks.filter_lead_unknown", f.Lead)
	}
	return nil
}

// Match says whether a task, in an area of that name and with that state
// at day asOf, passes the filter.
func (f Filter) Match(t *Task, st State, area string, asOf civil.Date) bool {
	switch f.Status {
	case "":
	case FilterCompleted:
		if !st.Status.Completed() {
			return false
		}
	case FilterOpen:
		if st.Status.Completed() {
			return false
		}
	case FilterPending:
		if !st.Pending {
			return false
		}
	default:
		if string(st.Status) != f.Status {
			return false
		}
	}
	if f.Lead != "" && (t.LeadUnit == nil || !strings.EqualFold(t.LeadUnit.Code, f.Lead)) {
		return false
	}
	if f.Area != "" && vn.Fold(area) != vn.Fold(f.Area) {
		return false
	}
	if f.Deadline != "" && !matchDeadline(f.Deadline, t, st, asOf) {
		return false
	}
	if q := vn.Fold(f.Q); q != "" {
		hay := []string{t.Number, t.Title, t.Output, t.DeadlineText}
		if t.LeadUnit != nil {
			hay = append(hay, t.LeadUnit.Name, t.LeadUnit.Code)
		}
		for _, u := range t.Coordinators {
			hay = append(hay, u.Name)
		}
		text := vn.Fold(strings.Join(hay, " | "))
		for _, w := range strings.Fields(q) {
			if !strings.Contains(text, w) {
				return false
			}
		}
	}
	return true
}

func matchDeadline(want string, t *Task, st State, asOf civil.Date) bool {
	due := st.Due
	switch want {
	case "continuous":
		return t.DeadlineKind == deadline.KindContinuous
	case "past":
		return !due.IsZero() && due.Before(asOf)
	case "next7", "next14", "next30":
		days, _ := strconv.Atoi(strings.TrimPrefix(want, "next"))
		return !due.IsZero() && !due.Before(asOf) && due.DaysSince(asOf) <= days
	default: // q1..q4
		q, _ := strconv.Atoi(strings.TrimPrefix(want, "q"))
		return !due.IsZero() && due.Quarter() == q && due.Year == t.PlanYear
	}
}

// SortRows orders rows by the filter's column, keeping the given order
// among equals; get returns a row's task and state. An empty Sort keeps
// the order.
func SortRows[R any](rows []R, sort string, get func(R) (*Task, State)) {
	desc := strings.HasPrefix(sort, "-")
	col := strings.TrimPrefix(sort, "-")
	var by func(a, b R) int
	switch col {
	case "number":
		by = func(a, b R) int { ta, _ := get(a); tb, _ := get(b); return naturalCompare(ta.Number, tb.Number) }
	case "title":
		by = func(a, b R) int { ta, _ := get(a); tb, _ := get(b); return vn.Compare(ta.Title, tb.Title) }
	case "lead":
		by = func(a, b R) int { ta, _ := get(a); tb, _ := get(b); return vn.Compare(leadName(ta), leadName(tb)) }
	case "deadline":
		by = func(a, b R) int {
			_, sa := get(a)
			_, sb := get(b)
			return compareDue(sa.Due, sb.Due)
		}
	case "percent":
		by = func(a, b R) int { _, sa := get(a); _, sb := get(b); return cmp.Compare(sa.Percent, sb.Percent) }
	case "status":
		by = func(a, b R) int { _, sa := get(a); _, sb := get(b); return cmp.Compare(urgency(sa), urgency(sb)) }
	default:
		return
	}
	slices.SortStableFunc(rows, func(a, b R) int {
		if desc {
			return by(b, a)
		}
		return by(a, b)
	})
}

// compareDue puts continuous tasks (no due day) after every dated one.
func compareDue(a, b civil.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// urgency orders states for sorting by status: awaiting confirmation first
// (someone must act), then overdue (most days first), in progress, not
// started, continuous, completed late, completed on time.
func urgency(st State) int {
	if st.Pending {
		return -1 << 20
	}
	switch st.Status {
	case StatusOverdue:
		return -st.DaysOverdue
	case StatusInProgress:
		return 1
	case StatusNotStarted:
		return 2
	case StatusContinuous:
		return 3
	case StatusCompletedLate:
		return 4
	}
	return 5
}

func leadName(t *Task) string {
	if t.LeadUnit == nil {
		return ""
	}
	return t.LeadUnit.Name
}

// naturalCompare compares task numbers as people read them: "2" before
// "10", "1.2" before "1.10".
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := unicode.IsDigit(rune(a[0])), unicode.IsDigit(rune(b[0]))
		if da && db {
			na, ra := leadingDigits(a)
			nb, rb := leadingDigits(b)
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func leadingDigits(s string) (int, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(s[:i])
	return n, s[i:]
}
