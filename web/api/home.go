package api

import (
	"net/http"
	"time"

	"cchc/internal/civil"
	"cchc/tasks"
	"cchc/web/request"
	"cchc/web/response"
)

type countsJSON = tasks.Counts

type dashPlanJSON struct {
	ID              int64   `json:"id"`
	Title           string  `json:"title"`
	Unit            unitRef `json:"unit"`
	Total           int     `json:"total"`
	Completed       int     `json:"completed"`
	PercentComplete float64 `json:"percent_completed"`
	Overdue         int     `json:"overdue"`
}

type rankedUnitJSON struct {
	Rank int    `json:"rank"`
	Code string `json:"code"`
	Name string `json:"name"`
	tasks.Counts
	OnTimeRate float64 `json:"on_time_rate"`
}

type namedCountsJSON struct {
	Name string `json:"name"`
	tasks.Counts
}

type trendJSON struct {
	Period string     `json:"period"`
	To     civil.Date `json:"to"`
	tasks.Counts
}

type overdueJSON struct {
	taskJSON
	PlanID      int64 `json:"plan_id"`
	DaysOverdue int   `json:"days_overdue"`
}

type dueSoonJSON struct {
	taskJSON
	PlanID   int64 `json:"plan_id"`
	DaysLeft int   `json:"days_left"`
}

type dashboardJSON struct {
	AsOf    civil.Date        `json:"as_of"`
	Year    int               `json:"year"`
	Unit    unitRef           `json:"unit"`
	Totals  countsJSON        `json:"totals"`
	Plans   []dashPlanJSON    `json:"plans"`
	Units   []rankedUnitJSON  `json:"units"`
	Areas   []namedCountsJSON `json:"areas"`
	Trend   []trendJSON       `json:"trend"`
	Overdue []overdueJSON     `json:"overdue"`
	DueSoon []dueSoonJSON     `json:"due_soon"`
}

// Dashboard is GET /dashboard?year=Y[&unit=CODE][&as_of=D].
func (h *Handler) Dashboard(w http.ResponseWriter, r *http.Request) {
	q, err := request.Dashboard(r, h.app.Today())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.app.Dashboard(r.Context(), request.Principal(r), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := dashboardJSON{AsOf: d.AsOf, Year: d.Year, Unit: unitJSON(&d.Unit), Totals: d.Totals,
		Plans: []dashPlanJSON{}, Units: []rankedUnitJSON{}, Areas: []namedCountsJSON{}, Trend: []trendJSON{}, Overdue: []overdueJSON{}, DueSoon: []dueSoonJSON{}}
	for _, p := range d.Plans {
		out.Plans = append(out.Plans, dashPlanJSON{ID: p.Plan.ID, Title: p.Plan.Title, Unit: unitJSON(p.Plan.Unit), Total: p.Total,
			Completed: p.Completed, PercentComplete: p.Percent, Overdue: p.Overdue})
	}
	for _, u := range d.Units {
		out.Units = append(out.Units, rankedUnitJSON{Rank: u.Rank, Code: u.Unit.Code, Name: u.Unit.Name, Counts: u.Counts, OnTimeRate: u.OnTimeRate})
	}
	for _, a := range d.Areas {
		out.Areas = append(out.Areas, namedCountsJSON{Name: a.Name, Counts: a.Counts})
	}
	for _, t := range d.Trend {
		out.Trend = append(out.Trend, trendJSON{Period: string(t.Period), To: t.To, Counts: t.Counts})
	}
	for _, t := range d.Overdue {
		out.Overdue = append(out.Overdue, overdueJSON{taskJSON: taskToJSON(&t.Task, t.State), PlanID: t.Plan.ID, DaysOverdue: t.State.DaysOverdue})
	}
	for _, t := range d.DueSoon {
		out.DueSoon = append(out.DueSoon, dueSoonJSON{taskJSON: taskToJSON(&t.Task, t.State), PlanID: t.Plan.ID, DaysLeft: t.DaysLeft})
	}
	response.JSON(w, http.StatusOK, out)
}

type listItemJSON struct {
	taskJSON
	PlanID      int64  `json:"plan_id"`
	Area        string `json:"area"`
	DaysOverdue int    `json:"days_overdue,omitempty"`
	DaysLeft    *int   `json:"days_left,omitempty"`
}

// Tasks is GET /tasks?year=Y[&unit][&as_of] with the filters of a task
// list (status, lead, area, deadline, q, sort): the tasks behind a
// dashboard's figures.
func (h *Handler) Tasks(w http.ResponseWriter, r *http.Request) {
	q, err := request.Dashboard(r, h.app.Today())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f, err := request.TaskFilter(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.app.Tasks(r.Context(), request.Principal(r), q, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]listItemJSON, 0, len(l.Items))
	for _, it := range l.Items {
		j := listItemJSON{taskJSON: taskToJSON(&it.Task, it.State), PlanID: it.Plan.ID, Area: it.Area, DaysOverdue: it.State.DaysOverdue}
		if !it.State.Due.IsZero() && !it.State.Due.Before(l.AsOf) {
			j.DaysLeft = &it.DaysLeft
		}
		out = append(out, j)
	}
	response.JSON(w, http.StatusOK, out)
}

type queueJSON struct {
	taskJSON
	PlanID int64  `json:"plan_id"`
	Role   string `json:"role"`
	Reason string `json:"reason"`
}

// Queue is GET /queue: the caller's unit's open tasks, most urgent first.
func (h *Handler) Queue(w http.ResponseWriter, r *http.Request) {
	items, err := h.app.Queue(r.Context(), request.Principal(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]queueJSON, 0, len(items))
	for _, it := range items {
		out = append(out, queueJSON{taskJSON: taskToJSON(&it.Task, it.State), PlanID: it.Plan.ID, Role: it.Role, Reason: it.Reason})
	}
	response.JSON(w, http.StatusOK, out)
}

type reviewJSON struct {
	Task      taskJSON  `json:"task"`
	PlanID    int64     `json:"plan_id"`
	ClaimedAt time.Time `json:"claimed_at"`
	ClaimedBy struct {
		Name string `json:"name"`
		Unit string `json:"unit"`
	} `json:"claimed_by"`
}

// Reviews is GET /reviews: claims awaiting confirmation in the caller's scope.
func (h *Handler) Reviews(w http.ResponseWriter, r *http.Request) {
	items, err := h.app.Reviews(r.Context(), request.Principal(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]reviewJSON, 0, len(items))
	for _, it := range items {
		j := reviewJSON{Task: taskToJSON(&it.Task, it.State), PlanID: it.Plan.ID, ClaimedAt: it.Claim.RecordedAt}
		j.ClaimedBy.Name, j.ClaimedBy.Unit = it.Claim.AuthorName, it.Claim.UnitName
		out = append(out, j)
	}
	response.JSON(w, http.StatusOK, out)
}
