// Package plans owns annual CCHC plans, their ordered content areas and
// their reporting periods (docs/DOMAIN.md §3, §6).
//
// Naming, as in every domain package: Create… is the checked operation a
// user asks for (validated, state checked, audited); Insert… writes what a
// trusted caller (the demo loader, an import, a clone) already checked, and
// audits it too.
package plans

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/units"
)

// ErrExists means the unit already has a plan for that year.
var ErrExists = errs.New(errs.Conflict, "exists", "plans.exists")

type State string

const (
	StateDraft  State = "draft"
	StateIssued State = "issued"
	StateClosed State = "closed"
)

// Label is the message ID of the state's name.
func (s State) Label() string { return "plans.state_" + string(s) }

type Plan struct {
	bun.BaseModel `bun:"table:plans"`

	ID       int64      `bun:"id,pk,autoincrement"`
	UnitID   int64      `bun:"unit_id"`
	Year     int        `bun:"year"`
	Number   string     `bun:"number"`
	Title    string     `bun:"title"`
	IssuedOn civil.Date `bun:"issued_on,type:date"`
	State    State      `bun:"state"`
	// RequireConfirmation: only completions confirmed by the secretariat
	// count. Every new plan starts with true; SetSettings changes it.
	RequireConfirmation bool `bun:"require_confirmation"`
	// CutoffScheme names the reporting cut-offs: SchemeDecree (Nghị định
	// 09/2019, the default) or SchemeCalendar (calendar quarters).
	CutoffScheme Scheme      `bun:"cutoff_scheme"`
	Version      int         `bun:"version"`
	CreatedAt    time.Time   `bun:"created_at,nullzero,default:now()"`
	UpdatedAt    time.Time   `bun:"updated_at,nullzero,default:now()"`
	Unit         *units.Unit `bun:"rel:belongs-to,join:unit_id=id"`
	// SearchKey is number and title folded for search (a generated column).
	SearchKey string `bun:"search_key,scanonly" json:"-"`

	// ContinuousYearEnd: a continuous task ("Thường xuyên") counts as
	// completed only from the cut-off of the year report on; false: any
	// (confirmed) closing counts. SetContinuousRule changes it.
	ContinuousYearEnd bool `bun:"continuous_year_end"`
}

// SetSettings changes whether completions need confirmation and which
// cut-offs the plan's reports use. Confirmation is an input of the status
// rule: on a plan that has tasks, the caller refreshes their status
// timeline in the same transaction (tasks.RefreshPlans), as app.UpdatePlan
// does.
func SetSettings(ctx context.Context, db bun.IDB, planID int64, requireConfirmation bool, scheme Scheme) error {
	if scheme != SchemeDecree && scheme != SchemeCalendar {
		return errs.Bad("cutoff_scheme", "plans.scheme_unknown", scheme)
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := Get(ctx, tx, planID)
		if err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Table("plans").Set("require_confirmation = ?", requireConfirmation).
			Set("cutoff_scheme = ?", scheme).Set("version = version + 1").Set("updated_at = now()").
			Where("id = ?", planID).Exec(ctx); err != nil {
			return fmt.Errorf("plans: settings: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "settings", Entity: "plan", EntityID: planID, PlanID: planID,
			Before: map[string]any{"require_confirmation": before.RequireConfirmation, "cutoff_scheme": before.CutoffScheme},
			After:  map[string]any{"require_confirmation": requireConfirmation, "cutoff_scheme": scheme}})
	})
}

type Area struct {
	bun.BaseModel `bun:"table:areas"`

	ID       int64  `bun:"id,pk,autoincrement"`
	PlanID   int64  `bun:"plan_id"`
	Position int    `bun:"position"`
	Label    string `bun:"label"`
	Name     string `bun:"name"`
	// Version is checked by the area edits (RenameArea, MoveArea, RemoveArea).
	Version int `bun:"version,nullzero"`
}

// auditView is what the audit trail keeps of a plan.
func (p *Plan) auditView() map[string]any {
	return map[string]any{"unit_id": p.UnitID, "year": p.Year, "number": p.Number, "title": p.Title,
		"issued_on": p.IssuedOn, "state": p.State, "version": p.Version,
		"require_confirmation": p.RequireConfirmation, "cutoff_scheme": p.CutoffScheme, "continuous_year_end": p.ContinuousYearEnd}
}

// Insert writes p as given (state defaults to draft), unchecked.
func Insert(ctx context.Context, db bun.IDB, p *Plan) error {
	p.Title = vn.OneLine(p.Title)
	p.Number = vn.OneLine(p.Number)
	if p.State == "" {
		p.State = StateDraft
	}
	if p.Version == 0 {
		p.Version = 1
	}
	p.RequireConfirmation = true
	if p.CutoffScheme == "" {
		p.CutoffScheme = SchemeDecree
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, db bun.Tx) error { return insert(ctx, db, p) })
}

func insert(ctx context.Context, db bun.Tx, p *Plan) error {
	if _, err := db.NewInsert().Model(p).Returning("*").Exec(ctx); err != nil {
		if database.IsUniqueViolation(err) {
			return ErrExists.With(fmt.Sprintf("plans: unit %d already has a plan for %d", p.UnitID, p.Year))
		}
		return fmt.Errorf("plans: insert: %w", err)
	}
	return audit.Record(ctx, db, audit.Change{Action: "create", Entity: "plan", EntityID: p.ID, PlanID: p.ID, After: p.auditView()})
}

// Get loads a plan with its issuing unit.
func Get(ctx context.Context, db bun.IDB, id int64) (*Plan, error) {
	// Every page and call about a plan starts here: a prepared query.
	rows, err := database.Query(ctx, db, getSQL, id)
	if err != nil {
		return nil, fmt.Errorf("plans: get %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("plans: get %d: %w", id, err)
		}
		return nil, errs.Missing("plans: plan %d", id)
	}
	p := &Plan{Unit: &units.Unit{}}
	u := p.Unit
	if err := rows.Scan(&p.ID, &p.UnitID, &p.Year, &p.Number, &p.Title, &p.IssuedOn, &p.State, &p.RequireConfirmation,
		&p.CutoffScheme, &p.Version, &p.CreatedAt, &p.UpdatedAt, &p.ContinuousYearEnd,
		&u.ID, &u.Code, &u.Name, &u.Kind, &u.ParentID, &u.Path, &u.Position, &u.IsSecretariat, &u.CreatedAt); err != nil {
		return nil, fmt.Errorf("plans: get %d: %w", id, err)
	}
	return p, nil
}

const getSQL = `SELECT p.id, p.unit_id, p.year, p.number, p.title, p.issued_on, p.state, p.require_confirmation,
       p.cutoff_scheme, p.version, p.created_at, p.updated_at, p.continuous_year_end,
       u.id, u.code, u.name, u.kind, coalesce(u.parent_id, 0), u.path, u.position, u.is_secretariat, u.created_at
FROM plans p JOIN units u ON u.id = p.unit_id WHERE p.id = $1`

// Lock loads a plan with its issuing unit for update, inside a transaction:
// what changes the plan or its tasks locks it first.
func Lock(ctx context.Context, db bun.IDB, id int64) (*Plan, error) {
	p := new(Plan)
	err := db.NewSelect().Model(p).Relation("Unit").Where("plan.id = ?", id).For("UPDATE OF plan").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Missing("plans: plan %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("plans: lock %d: %w", id, err)
	}
	return p, nil
}

// Share loads a plan with its issuing unit and locks it for share, inside a
// transaction: it cannot be edited, issued or closed until the transaction
// ends, while other transactions may share it too (tasks are created in one
// plan side by side).
func Share(ctx context.Context, db bun.IDB, id int64) (*Plan, error) {
	p := new(Plan)
	err := db.NewSelect().Model(p).Relation("Unit").Where("plan.id = ?", id).For("SHARE OF plan").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Missing("plans: plan %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("plans: lock %d: %w", id, err)
	}
	return p, nil
}

// ByUnitYear finds the plan a unit issued for a year.
func ByUnitYear(ctx context.Context, db bun.IDB, unitID int64, year int) (*Plan, error) {
	p := new(Plan)
	err := db.NewSelect().Model(p).Relation("Unit").Where("plan.unit_id = ? AND plan.year = ?", unitID, year).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Missing("plans: unit %d year %d", unitID, year)
	}
	if err != nil {
		return nil, fmt.Errorf("plans: by unit and year: %w", err)
	}
	return p, nil
}

// Filter narrows List; a zero field does not filter.
type Filter struct {
	// UnitPaths keeps plans issued by a unit inside any of these subtrees
	// (units.Unit.Path prefixes); nil means every plan.
	UnitPaths []string
	// AroundPath keeps plans issued inside that subtree or by one of its
	// ancestors (the plans a unit's users see).
	AroundPath string
	Year       int
}

// List returns plans newest year first, then by issuing unit.
func List(ctx context.Context, db bun.IDB, f Filter) ([]Plan, error) {
	var ps []Plan
	q := db.NewSelect().Model(&ps).Relation("Unit").OrderExpr("plan.year DESC, unit.path, plan.id")
	if f.UnitPaths != nil {
		if len(f.UnitPaths) == 0 {
			return nil, nil
		}
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			for _, p := range f.UnitPaths {
				q = q.WhereOr("unit.path LIKE ?", p+"%")
			}
			return q
		})
	}
	if f.AroundPath != "" {
		q = q.Where("(unit.path LIKE ? OR ? LIKE unit.path || '%')", f.AroundPath+"%", f.AroundPath)
	}
	if f.Year != 0 {
		q = q.Where("plan.year = ?", f.Year)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("plans: list: %w", err)
	}
	return ps, nil
}

// InsertArea appends an area at the end of the plan, labelled with the next
// Roman numeral, unchecked.
func InsertArea(ctx context.Context, db bun.IDB, planID int64, name string) (*Area, error) {
	var n int
	if err := db.NewSelect().Table("areas").ColumnExpr("count(*)").Where("plan_id = ?", planID).Scan(ctx, &n); err != nil {
		return nil, fmt.Errorf("plans: count areas: %w", err)
	}
	a := &Area{PlanID: planID, Position: n + 1, Label: Roman(n + 1), Name: vn.OneLine(name)}
	if a.Name == "" {
		return nil, errs.Bad("name", "plans.area_name_required")
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, db bun.Tx) error {
		if _, err := db.NewInsert().Model(a).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("plans: add area: %w", err)
		}
		return audit.Record(ctx, db, audit.Change{Action: "create", Entity: "area", EntityID: a.ID, PlanID: planID, After: a})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Areas lists a plan's areas in order.
func Areas(ctx context.Context, db bun.IDB, planID int64) ([]Area, error) {
	var as []Area
	if err := database.Select(ctx, db, &as, `SELECT id, plan_id, position, label, name, version FROM areas WHERE plan_id = $1 ORDER BY position`, planID); err != nil {
		return nil, fmt.Errorf("plans: areas: %w", err)
	}
	return as, nil
}

// Roman writes n (1..3999) in Roman numerals, as area rows are labelled.
func Roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	out := ""
	for i, v := range vals {
		for n >= v {
			out += syms[i]
			n -= v
		}
	}
	return out
}

// Titles are the titles of the plans with these ids that still exist.
func Titles(ctx context.Context, db bun.IDB, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID    int64  `bun:"id"`
		Title string `bun:"title"`
	}
	if err := db.NewSelect().Table("plans").Column("id", "title").Where("id IN (?)", bun.List(ids)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("plans: titles: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Title
	}
	return out, nil
}

// AreaNames are "II. Cải cách thể chế" for the areas with these ids that
// still exist.
func AreaNames(ctx context.Context, db bun.IDB, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var as []Area
	if err := db.NewSelect().Model(&as).Where("id IN (?)", bun.List(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("plans: area names: %w", err)
	}
	for _, a := range as {
		out[a.ID] = a.Label + ". " + a.Name
	}
	return out, nil
}
