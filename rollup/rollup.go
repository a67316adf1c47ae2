// Package rollup counts tasks across plans — a province's plans of a year,
// the whole country's, a unit's work across every plan — at any day, for
// the dashboards and rankings. It reads the status timeline that package
// tasks keeps (one row per task valid on the day), so a national count is
// one pass over a year's rows and never a replay of histories; the counts
// are the same as tasks.StatsAt gives plan by plan (TestRollupMatchesPlans).
//
// It sits above tasks and below app: it takes a scope and answers for it;
// whether a user may ask for that scope is app's (and authz's) business.
package rollup

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// Scope is the plans counted: those of Year, issued or closed, issued by a
// unit inside the subtree of Root (nil: the whole country) — and, when
// Scheme is set, counting their reporting periods by that scheme (a trend
// at cut-offs is per scheme).
type Scope struct {
	Year   int
	Root   *units.Unit
	Scheme plans.Scheme
}

// UnitRef names a unit.
type UnitRef struct {
	ID   int64  `json:"-"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// PlanCounts are the counts of one plan of the scope.
type PlanCounts struct {
	PlanID int64   `json:"id"`
	Number string  `json:"number"`
	Title  string  `json:"title"`
	Unit   UnitRef `json:"unit"`
	tasks.Counts
}

// UnitCounts are the counts of the tasks one unit leads across the plans of
// the scope: what a ranking of units needs.
type UnitCounts struct {
	Rank int `json:"rank"` // set by Rank
	UnitRef
	tasks.Counts
	// OnTimeRate is completed on time ÷ completed, in percent to one
	// decimal (0 when nothing is completed).
	OnTimeRate float64 `json:"on_time_rate"`
}

// AreaCounts are the counts of the areas of one name across the plans of
// the scope ("Cải cách thủ tục hành chính" of every plan together).
type AreaCounts struct {
	Name string `json:"name"`
	tasks.Counts
}

// Summary is a scope at a day: totals (the sum over the plans), by plan, by
// lead unit and by area name.
type Summary struct {
	Year   int          `json:"year"`
	AsOf   civil.Date   `json:"as_of"`
	Totals tasks.Counts `json:"totals"`
	// Plans in the order of their issuing units in the tree (units.SortTree).
	Plans []PlanCounts `json:"plans"`
	// Units by Vietnamese name; Rank orders them for a ranking.
	Units []UnitCounts `json:"units"`
	// Areas by the first position the name holds in a plan, then name.
	Areas []AreaCounts `json:"areas"`
}

// scopePlan is a plan of a scope.
type scopePlan struct {
	ID       int64  `bun:"id"`
	Number   string `bun:"number"`
	Title    string `bun:"title"`
	UnitID   int64  `bun:"unit_id"`
	UnitCode string `bun:"unit_code"`
	UnitName string `bun:"unit_name"`
	UnitPath string `bun:"unit_path"`
}

// scopePlansSQL: $1 the year, $2 a LIKE pattern of unit paths, $3 a
// reporting scheme (” for any).
const scopePlansSQL = `SELECT p.id, p.number, p.title, p.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path
FROM plans p JOIN units u ON u.id = p.unit_id
WHERE p.year = $1 AND p.state IN ('issued', 'closed') AND u.path LIKE $2 AND ($3 = '' OR p.cutoff_scheme = $3)`

// likePrefix is a LIKE pattern for the subtree of a unit path.
func likePrefix(path string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(path) + "%"
}

// Plans lists the plans of a scope, issuing units in tree order.
func scopePlans(ctx context.Context, db bun.IDB, sc Scope) ([]scopePlan, error) {
	var ps []scopePlan
	under := "%"
	if sc.Root != nil {
		under = likePrefix(sc.Root.Path)
	}
	if err := database.Select(ctx, db, &ps, scopePlansSQL, sc.Year, under, string(sc.Scheme)); err != nil {
		return nil, fmt.Errorf("rollup: plans of %d: %w", sc.Year, err)
	}
	slices.SortFunc(ps, func(a, b scopePlan) int { return cmp.Or(treeOrder(a.UnitPath, b.UnitPath), cmp.Compare(a.ID, b.ID)) })
	return ps, nil
}

// treeOrder compares unit paths ("/1/4/17/") so that a unit comes before
// its children and siblings by id.
func treeOrder(a, b string) int {
	as, bs := strings.Split(strings.Trim(a, "/"), "/"), strings.Split(strings.Trim(b, "/"), "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if c := cmp.Compare(len(as[i]), len(bs[i])); c != 0 {
			return c
		}
		if c := strings.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

func planIDs(ps []scopePlan) []int64 {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// countSQL counts the tasks of plans $1 at day $2 by plan, by lead unit and
// by area name, from the timeline, in one pass.
const countSQL = `SELECT coalesce(tl.plan_id, 0) AS plan_id, coalesce(tl.lead_unit_id, 0) AS lead_unit_id,
       coalesce(a.name, '') AS area, min(a.position) AS area_position, tl.status, count(*)::int AS n,
       GROUPING(tl.plan_id, tl.lead_unit_id, a.name) AS g
FROM task_timeline tl JOIN areas a ON a.id = tl.area_id AND a.plan_id = ANY($1)
WHERE tl.plan_id = ANY($1) AND tl.valid_from <= $2 AND tl.valid_to > $2
GROUP BY GROUPING SETS ((tl.plan_id, tl.status), (tl.lead_unit_id, tl.status), (a.name, tl.status))`

type countRow struct {
	PlanID       int64        `bun:"plan_id"`
	LeadUnitID   int64        `bun:"lead_unit_id"`
	Area         string       `bun:"area"`
	AreaPosition int          `bun:"area_position"`
	Status       tasks.Status `bun:"status"`
	N            int          `bun:"n"`
	G            int          `bun:"g"`
}

// Grouping bits of countSQL's GROUPING(plan_id, lead_unit_id, area).
const (
	byPlan = 0b011
	byUnit = 0b101
	byArea = 0b110
)

// Count is the scope's summary at day asOf.
func Count(ctx context.Context, db bun.IDB, sc Scope, asOf civil.Date) (*Summary, error) {
	ps, err := scopePlans(ctx, db, sc)
	if err != nil {
		return nil, err
	}
	out := &Summary{Year: sc.Year, AsOf: asOf, Plans: make([]PlanCounts, len(ps)), Units: []UnitCounts{}, Areas: []AreaCounts{}}
	index := make(map[int64]int, len(ps))
	for i, p := range ps {
		index[p.ID] = i
		out.Plans[i] = PlanCounts{PlanID: p.ID, Number: p.Number, Title: p.Title, Unit: UnitRef{ID: p.UnitID, Code: p.UnitCode, Name: p.UnitName}}
	}
	if len(ps) == 0 {
		return out, nil
	}
	var rows []countRow
	// The three groupings hash well in memory: a national count has tens
	// of thousands of groups, more than the default work_mem holds.
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "SET LOCAL work_mem = '64MB'"); err != nil {
			return err
		}
		return database.Select(ctx, tx, &rows, countSQL, planIDs(ps), asOf)
	})
	if err != nil {
		return nil, fmt.Errorf("rollup: count: %w", err)
	}
	units := map[int64]*tasks.Counts{}
	areas := map[string]*AreaCounts{}
	areaPos := map[string]int{}
	for _, r := range rows {
		switch r.G {
		case byPlan:
			out.Plans[index[r.PlanID]].AddN(r.Status, r.N)
			out.Totals.AddN(r.Status, r.N)
		case byUnit:
			if units[r.LeadUnitID] == nil {
				units[r.LeadUnitID] = &tasks.Counts{}
			}
			units[r.LeadUnitID].AddN(r.Status, r.N)
		case byArea:
			if areas[r.Area] == nil {
				areas[r.Area] = &AreaCounts{Name: r.Area}
				areaPos[r.Area] = r.AreaPosition
			}
			areas[r.Area].AddN(r.Status, r.N)
			areaPos[r.Area] = min(areaPos[r.Area], r.AreaPosition)
		}
	}
	if out.Units, err = unitCounts(ctx, db, units); err != nil {
		return nil, err
	}
	for _, a := range areas {
		out.Areas = append(out.Areas, *a)
	}
	slices.SortFunc(out.Areas, func(a, b AreaCounts) int {
		return cmp.Or(cmp.Compare(areaPos[a.Name], areaPos[b.Name]), vn.Compare(a.Name, b.Name))
	})
	return out, nil
}

// unitCounts names the units of counts, by Vietnamese name.
func unitCounts(ctx context.Context, db bun.IDB, counts map[int64]*tasks.Counts) ([]UnitCounts, error) {
	ids := make([]int64, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	us, err := units.ByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]UnitCounts, 0, len(counts))
	for id, c := range counts {
		u := us[id]
		out = append(out, UnitCounts{UnitRef: UnitRef{ID: id, Code: u.Code, Name: u.Name}, Counts: *c,
			OnTimeRate: vn.Rate(c.CompletedOnTime, c.Completed)})
	}
	vn.SortFunc(out, func(u UnitCounts) string { return u.Name }, func(a, b UnitCounts) int { return cmp.Compare(a.Code, b.Code) })
	return out, nil
}

// Rank orders units for a ranking — completion rate, then on-time rate,
// then fewer overdue tasks, each best first, then name — and numbers them:
// units equal on the three figures share a rank (1, 2, 2, 4).
func Rank(us []UnitCounts) {
	key := func(a, b UnitCounts) int {
		return cmp.Or(cmp.Compare(b.Percent, a.Percent), cmp.Compare(b.OnTimeRate, a.OnTimeRate), cmp.Compare(a.Overdue, b.Overdue))
	}
	vn.SortFunc(us, func(u UnitCounts) string { return u.Name }, key)
	for i := range us {
		if i > 0 && key(us[i-1], us[i]) == 0 {
			us[i].Rank = us[i-1].Rank
		} else {
			us[i].Rank = i + 1
		}
	}
}

// Point is a scope's totals at a day.
type Point struct {
	Day civil.Date `json:"day"`
	tasks.Counts
}

// trendSQL counts the tasks of plans $1 at each day of $2.
const trendSQL = `SELECT d.day, tl.status, count(*)::int AS n
FROM unnest($2::text[]::date[]) AS d(day)
JOIN task_timeline tl ON tl.plan_id = ANY($1) AND tl.valid_from <= d.day AND tl.valid_to > d.day
GROUP BY d.day, tl.status`

// Trend is the scope's totals at each of days (e.g. Cutoffs), in order.
func Trend(ctx context.Context, db bun.IDB, sc Scope, days []civil.Date) ([]Point, error) {
	ps, err := scopePlans(ctx, db, sc)
	if err != nil {
		return nil, err
	}
	days = slices.Clone(days)
	slices.SortFunc(days, civil.Date.Compare)
	days = slices.Compact(days)
	out := make([]Point, len(days))
	index := map[civil.Date]int{}
	texts := make([]string, len(days))
	for i, d := range days {
		out[i].Day, index[d], texts[i] = d, i, d.String()
	}
	if len(ps) == 0 || len(days) == 0 {
		return out, nil
	}
	var rows []struct {
		Day    time.Time    `bun:"day"`
		Status tasks.Status `bun:"status"`
		N      int          `bun:"n"`
	}
	if err := database.Select(ctx, db, &rows, trendSQL, planIDs(ps), texts); err != nil {
		return nil, fmt.Errorf("rollup: trend: %w", err)
	}
	for _, r := range rows {
		out[index[civil.Of(r.Day)]].AddN(r.Status, r.N)
	}
	return out, nil
}

// Cutoffs are the cut-off days of the reporting periods of year (quý I, 6
// tháng, 9 tháng, năm, by scheme) that have passed on day asOf, then asOf
// itself if the year is under way: the points of a trend.
func Cutoffs(year int, scheme plans.Scheme, asOf civil.Date) []civil.Date {
	var out []civil.Date
	for _, p := range plans.Periods {
		if _, to := p.Range(year, scheme); !to.After(asOf) && !slices.Contains(out, to) {
			out = append(out, to)
		}
	}
	if last := civil.New(year, 12, 31); !asOf.After(last) && asOf.Year >= year && !slices.Contains(out, asOf) {
		out = append(out, asOf)
	}
	slices.SortFunc(out, civil.Date.Compare)
	return out
}
