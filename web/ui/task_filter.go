package ui

import (
	"net/http"
	"strings"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/tasks"
	"cchc/units"
	"cchc/web/request"
)

// filterForm is the filter bar above a task list (the annex, the task list
// across plans): the filter as read, the choices, the count kept and the
// message when a value was unknown (the list is then unfiltered).
type filterForm struct {
	Action string
	// Hidden are the list's own parameters the form carries (as_of, year, unit).
	Hidden       map[string]string
	Filter       tasks.Filter
	Statuses     []string
	Deadlines    []string
	Leads        []units.Unit
	Areas        []string
	Shown, Total int
	Error        string
}

// readFilter reads a list's filters. A value no list knows gives the
// zero filter and the message to show beside the unfiltered list.
func readFilter(r *http.Request) (tasks.Filter, string) {
	f, err := request.TaskFilter(r)
	if err != nil {
		return tasks.Filter{}, filterMessage(r, err)
	}
	return f, ""
}

// ClearURL is the list without filters, keeping its own parameters.
func (f *filterForm) ClearURL() string {
	var kv []any
	for k, v := range f.Hidden {
		kv = append(kv, k, v)
	}
	return querySet(f.Action, nil, kv...)
}

func filterMessage(r *http.Request, err error) string {
	msg := errs.Message(i18n.FromRequest(r), err)
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg + " " + i18n.T(i18n.FromRequest(r), "filter.list_unfiltered")
}

// newFilterForm lists the lead units and areas of a list's rows, each once,
// in Vietnamese order.
func newFilterForm(action string, f tasks.Filter, rows []*tasks.Task, areaOf func(*tasks.Task) string) *filterForm {
	ff := &filterForm{Action: action, Filter: f, Statuses: tasks.FilterStatuses, Deadlines: tasks.FilterDeadlines, Hidden: map[string]string{}}
	seenUnit, seenArea := map[int64]bool{}, map[string]bool{}
	for _, t := range rows {
		if t.LeadUnit != nil && !seenUnit[t.LeadUnitID] {
			seenUnit[t.LeadUnitID] = true
			ff.Leads = append(ff.Leads, *t.LeadUnit)
		}
		if a := areaOf(t); !seenArea[a] {
			seenArea[a] = true
			ff.Areas = append(ff.Areas, a)
		}
	}
	vn.SortFunc(ff.Leads, func(u units.Unit) string { return u.Name }, nil)
	return ff
}
