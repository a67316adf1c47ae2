package tasks

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/vn"
)

// statusSQL is Evaluate written in SQL, so that plans of any size are
// counted inside PostgreSQL. It yields one row per task of plan ?0 with its
// state at day ?1, knowing only entries recorded before instant ?2.
// TestStatusSQLMatchesGo proves both give the same answers.
const statusSQL = `
WITH t AS (
    SELECT t.id, t.area_id, t.lead_unit_id, t.deadline_kind,
           coalesce((SELECT x.new_date FROM deadline_extensions x
                     WHERE x.task_id = t.id AND x.state = 'approved' AND x.decided_at < ?2
                     ORDER BY x.decided_at DESC, x.id DESC LIMIT 1), t.deadline_date) AS deadline_date,
           p.require_confirmation,
           coalesce(t.recur_months, 0) AS every, p.year,
           CASE WHEN coalesce(t.recur_months, 0) = 0 THEN 1
                WHEN ?1::date < make_date(p.year, 1, 1) THEN 1
                WHEN ?1::date >= make_date(p.year + 1, 1, 1) THEN 12 / t.recur_months
                ELSE (extract(month FROM ?1::date)::int - 1) / t.recur_months + 1 END AS m
    FROM tasks t JOIN plans p ON p.id = t.plan_id
    WHERE t.plan_id = ?0
),
occ AS (
    SELECT t.id AS task_id, k,
           CASE WHEN t.every > 0
                THEN (make_date(t.year, 1, 1) + make_interval(months => k * t.every) - interval '1 day')::date
                ELSE t.deadline_date END AS due
    FROM t, generate_series(1, t.m) AS k
),
e AS (
    SELECT pe.task_id, pe.occurrence, pe.id, pe.recorded_at, pe.percent, pe.completed,
           least(coalesce(pe.evidence_date, (pe.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date),
                 (pe.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS completion_date,
           EXISTS (SELECT 1 FROM completion_reviews r
                   WHERE r.entry_id = pe.id AND r.decision = 'confirmed' AND r.decided_at < ?2) AS confirmed
    FROM progress_entries pe JOIN t ON t.id = pe.task_id
    WHERE pe.recorded_at < ?2
),
last_any AS (
    SELECT DISTINCT ON (task_id, occurrence) task_id, occurrence, completed, percent
    FROM e ORDER BY task_id, occurrence, recorded_at DESC, id DESC
),
last_open AS (
    SELECT DISTINCT ON (task_id, occurrence) task_id, occurrence, recorded_at, id
    FROM e WHERE NOT completed ORDER BY task_id, occurrence, recorded_at DESC, id DESC
),
claimed AS (
    SELECT e.task_id, e.occurrence, min(e.completion_date) AS completed_on, bool_or(e.confirmed) AS confirmed
    FROM e
    JOIN last_any la ON la.task_id = e.task_id AND la.occurrence = e.occurrence AND la.completed
    LEFT JOIN last_open lo ON lo.task_id = e.task_id AND lo.occurrence = e.occurrence
    WHERE e.completed AND (lo.id IS NULL OR (e.recorded_at, e.id) > (lo.recorded_at, lo.id))
    GROUP BY e.task_id, e.occurrence
),
done AS (
    SELECT c.task_id, c.occurrence, c.completed_on
    FROM claimed c JOIN t ON t.id = c.task_id
    WHERE c.confirmed OR NOT t.require_confirmation
),
per_task AS (
    SELECT occ.task_id,
           bool_and(d.completed_on IS NOT NULL) AS all_done,
           bool_and(d.completed_on IS NULL OR occ.due IS NULL OR d.completed_on <= occ.due) AS on_time,
           min(occ.due) FILTER (WHERE d.completed_on IS NULL AND occ.due < ?1::date) AS first_missed
    FROM occ LEFT JOIN done d ON d.task_id = occ.task_id AND d.occurrence = occ.k
    GROUP BY occ.task_id
)
SELECT t.id AS task_id, t.area_id, t.lead_unit_id,
       CASE WHEN pt.all_done AND pt.on_time THEN 'completed_on_time'
            WHEN pt.all_done THEN 'completed_late'
            WHEN pt.first_missed IS NOT NULL THEN 'overdue'
            WHEN t.deadline_kind = 'continuous' THEN 'continuous'
            WHEN NOT EXISTS (SELECT 1 FROM e WHERE e.task_id = t.id) THEN 'not_started'
            ELSE 'in_progress' END AS status,
       CASE WHEN pt.all_done THEN 100 ELSE coalesce(la.percent, 0) END AS percent,
       CASE WHEN pt.all_done THEN d.completed_on END AS completed_on,
       t.m AS occurrence,
       coalesce(?1::date - pt.first_missed, 0) AS days_overdue,
       coalesce(la.completed AND d.task_id IS NULL, false) AS pending
FROM t
JOIN per_task pt ON pt.task_id = t.id
LEFT JOIN last_any la ON la.task_id = t.id AND la.occurrence = t.m
LEFT JOIN done d ON d.task_id = t.id AND d.occurrence = t.m
`

type stateRow struct {
	TaskID      int64      `bun:"task_id"`
	AreaID      int64      `bun:"area_id"`
	LeadUnitID  int64      `bun:"lead_unit_id"`
	Status      Status     `bun:"status"`
	Percent     int        `bun:"percent"`
	CompletedOn civil.Date `bun:"completed_on"`
	Occurrence  int        `bun:"occurrence"`
	DaysOverdue int        `bun:"days_overdue"`
	Pending     bool       `bun:"pending"`
}

// StatesAt computes in SQL the state of every task of a plan at day at.
// The Due field is not filled (callers know the schedule: Task.Schedule().DueAt).
func StatesAt(ctx context.Context, db bun.IDB, planID int64, at civil.Date) (map[int64]State, error) {
	var rows []stateRow
	if err := db.NewRaw(statusSQL, planID, at, at.End()).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("tasks: states of plan %d at %s: %w", planID, at, err)
	}
	out := make(map[int64]State, len(rows))
	for _, r := range rows {
		out[r.TaskID] = State{Status: r.Status, Percent: r.Percent, CompletedOn: r.CompletedOn, Occurrence: r.Occurrence, DaysOverdue: r.DaysOverdue, Pending: r.Pending}
	}
	return out, nil
}

// Counts tallies tasks by status. Total is the sum of the six statuses.
type Counts struct {
	Total           int     `json:"total" bun:"total"`
	Completed       int     `json:"completed" bun:"completed"`
	CompletedOnTime int     `json:"completed_on_time" bun:"completed_on_time"`
	CompletedLate   int     `json:"completed_late" bun:"completed_late"`
	InProgress      int     `json:"in_progress" bun:"in_progress"`
	Overdue         int     `json:"overdue" bun:"overdue"`
	NotStarted      int     `json:"not_started" bun:"not_started"`
	Continuous      int     `json:"continuous" bun:"continuous"`
	Percent         float64 `json:"percent_completed" bun:"-"`
}

// Add counts one more task of status s.
func (c *Counts) Add(s Status) {
	c.Total++
	switch s {
	case StatusCompletedOnTime:
		c.CompletedOnTime++
	case StatusCompletedLate:
		c.CompletedLate++
	case StatusInProgress:
		c.InProgress++
	case StatusOverdue:
		c.Overdue++
	case StatusNotStarted:
		c.NotStarted++
	case StatusContinuous:
		c.Continuous++
	}
	c.finish()
}

func (c *Counts) finish() {
	c.Completed = c.CompletedOnTime + c.CompletedLate
	c.Percent = vn.Rate(c.Completed, c.Total)
}

// Headline is the figure reports lead with: "54/59 nhiệm vụ, đạt 91,5%".
func (c Counts) Headline() string {
	return fmt.Sprintf("%s/%s nhiệm vụ, đạt %s", vn.Int(c.Completed), vn.Int(c.Total), vn.Percent(c.Percent))
}

// Of returns the count for one status.
func (c Counts) Of(s Status) int {
	switch s {
	case StatusCompletedOnTime:
		return c.CompletedOnTime
	case StatusCompletedLate:
		return c.CompletedLate
	case StatusInProgress:
		return c.InProgress
	case StatusOverdue:
		return c.Overdue
	case StatusNotStarted:
		return c.NotStarted
	case StatusContinuous:
		return c.Continuous
	}
	return 0
}

type AreaCounts struct {
	AreaID int64  `json:"area_id"`
	Label  string `json:"label"`
	Name   string `json:"name"`
	Counts
}

type UnitCounts struct {
	UnitID int64  `json:"-"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	Counts
}

// Stats is a plan's situation at a day: overall, by area, by lead unit.
type Stats struct {
	AsOf civil.Date `json:"as_of"`
	Counts
	ByArea []AreaCounts `json:"by_area"`
	ByUnit []UnitCounts `json:"by_unit"`
}

type countsRow struct {
	Grouping   int   `bun:"grouping"`
	AreaID     int64 `bun:"area_id"`
	LeadUnitID int64 `bun:"lead_unit_id"`
	Counts
}

// StatsAt counts a plan's tasks at day at, in SQL, overall, by area (in plan
// order) and by lead unit (most tasks first, then Vietnamese name order).
func StatsAt(ctx context.Context, db bun.IDB, planID int64, at civil.Date) (*Stats, error) {
	var rows []countsRow
	q := `SELECT GROUPING(s.area_id, s.lead_unit_id) AS grouping, s.area_id, s.lead_unit_id,
	        count(*) AS total,
	        count(*) FILTER (WHERE status = 'completed_on_time') AS completed_on_time,
	        count(*) FILTER (WHERE status = 'completed_late') AS completed_late,
	        count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
	        count(*) FILTER (WHERE status = 'overdue') AS overdue,
	        count(*) FILTER (WHERE status = 'not_started') AS not_started,
	        count(*) FILTER (WHERE status = 'continuous') AS continuous
	      FROM (` + statusSQL + `) s
	      GROUP BY GROUPING SETS ((), (s.area_id), (s.lead_unit_id))`
	if err := db.NewRaw(q, planID, at, at.End()).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("tasks: stats of plan %d at %s: %w", planID, at, err)
	}
	st := &Stats{AsOf: at, ByArea: []AreaCounts{}, ByUnit: []UnitCounts{}}
	var areaIDs, unitIDs []int64
	byArea := map[int64]Counts{}
	byUnit := map[int64]Counts{}
	for _, r := range rows {
		r.Counts.finish()
		switch r.Grouping {
		case 3: // grouped by neither: the plan total
			st.Counts = r.Counts
		case 1: // grouped by area (lead unit aggregated away)
			byArea[r.AreaID] = r.Counts
			areaIDs = append(areaIDs, r.AreaID)
		case 2:
			byUnit[r.LeadUnitID] = r.Counts
			unitIDs = append(unitIDs, r.LeadUnitID)
		}
	}
	st.Counts.finish()

	var areas []struct {
		ID       int64  `bun:"id"`
		Label    string `bun:"label"`
		Name     string `bun:"name"`
		Position int    `bun:"position"`
	}
	if err := db.NewSelect().Table("areas").Column("id", "label", "name", "position").
		Where("plan_id = ?", planID).Order("position").Scan(ctx, &areas); err != nil {
		return nil, fmt.Errorf("tasks: stats areas: %w", err)
	}
	for _, a := range areas {
		c := byArea[a.ID]
		c.finish()
		st.ByArea = append(st.ByArea, AreaCounts{AreaID: a.ID, Label: a.Label, Name: a.Name, Counts: c})
	}
	if len(unitIDs) > 0 {
		var us []struct {
			ID   int64  `bun:"id"`
			Code string `bun:"code"`
			Name string `bun:"name"`
		}
		if err := db.NewSelect().Table("units").Column("id", "code", "name").
			Where("id IN (?)", bun.In(unitIDs)).Scan(ctx, &us); err != nil {
			return nil, fmt.Errorf("tasks: stats units: %w", err)
		}
		for _, u := range us {
			st.ByUnit = append(st.ByUnit, UnitCounts{UnitID: u.ID, Code: u.Code, Name: u.Name, Counts: byUnit[u.ID]})
		}
		vn.SortFunc(st.ByUnit, func(u UnitCounts) string { return u.Name },
			func(a, b UnitCounts) int { return b.Total - a.Total })
	}
	return st, nil
}
