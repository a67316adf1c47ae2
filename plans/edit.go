package plans

// Editing plans and their areas.
//
// State machine: a plan is created as a draft; Issue makes it issued (it
// needs at least one task; the issue date defaults to the day of issue);
// Close makes an issued plan closed once its annual report is done. A closed
// plan is frozen: its fields, areas and tasks can no longer be changed.
// Reopen takes a closed plan back to issued (the web and API allow it to
// administrators only, to correct a premature closing). An issued plan
// never returns to draft: units have been working on it, and drafts may be
// deleted outright.
//
// Every change checks the version the caller read (ErrStale otherwise,
// nothing written), bumps it and writes an audit row with the values before
// and after, in the same transaction.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
)

// ErrStale means the plan or area changed since the caller read it.
var ErrStale = errs.New(errs.Stale, "stale_version", "plans.stale")

// Limits on what a user types.
const (
	maxTitle  = 500
	maxNumber = 100
	maxArea   = 500
)

// DefaultTitle is the title of a plan created without one.
func DefaultTitle(year int) string {
	return fmt.Sprintf("Kế hoạch cải cách hành chính năm %d", year)
}

// Editable returns an error for a plan that may no longer be changed.
func (p *Plan) Editable() error {
	if p.State == StateClosed {
		return invalid("state", "plans.closed")
	}
	return nil
}

// NewPlan is what Create needs.
type NewPlan struct {
	UnitID   int64
	Year     int
	Number   string
	Title    string // empty: DefaultTitle
	IssuedOn civil.Date
	// RequireConfirmation nil means true, the default of every plan.
	RequireConfirmation *bool
	CutoffScheme        Scheme // empty: SchemeDecree
}

// Create validates and creates a draft plan; ErrExists if the unit already
// has a plan that year.
func Create(ctx context.Context, db bun.IDB, in NewPlan) (*Plan, error) {
	p := &Plan{UnitID: in.UnitID, Year: in.Year, Number: vn.OneLine(in.Number), Title: vn.OneLine(in.Title), IssuedOn: in.IssuedOn, State: StateDraft}
	if p.Title == "" {
		p.Title = DefaultTitle(in.Year)
	}
	scheme := in.CutoffScheme
	if scheme == "" {
		scheme = SchemeDecree
	}
	confirm := in.RequireConfirmation == nil || *in.RequireConfirmation
	if err := validate(p, scheme); err != nil {
		return nil, err
	}
	if p.UnitID == 0 {
		return nil, invalid("unit", "plans.unit_required")
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := Insert(ctx, tx, p); err != nil {
			return err
		}
		if confirm && scheme == SchemeDecree {
			return nil
		}
		_, err := update(ctx, tx, p.ID, Edit{Version: p.Version, RequireConfirmation: &confirm, CutoffScheme: &scheme}, "settings")
		return err
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, p.ID)
}

func validate(p *Plan, scheme Scheme) error {
	switch {
	case p.Year < 2000 || p.Year > 2100:
		return invalid("year", "plans.year_range")
	case p.Title == "":
		return invalid("title", "plans.title_required")
	case len([]rune(p.Title)) > maxTitle:
		return invalid("title", "plans.title_long", maxTitle)
	case len([]rune(p.Number)) > maxNumber:
		return invalid("number", "plans.number_long", maxNumber)
	case !p.IssuedOn.IsZero() && (p.IssuedOn.Year < p.Year-1 || p.IssuedOn.Year > p.Year):
		return invalid("issued_on", "plans.issued_on_range", p.Year, p.Year, p.Year-1)
	case scheme != SchemeDecree && scheme != SchemeCalendar:
		return invalid("cutoff_scheme", "plans.scheme_unknown", scheme)
	}
	return nil
}

// Edit is a change to a plan; nil fields are left as they are. Version is
// the version the caller read.
type Edit struct {
	Version             int
	Number              *string
	Title               *string
	IssuedOn            *civil.Date
	RequireConfirmation *bool
	CutoffScheme        *Scheme
}

// Update applies e to a plan that is not closed.
func Update(ctx context.Context, db bun.IDB, id int64, e Edit) (*Plan, error) {
	var out *Plan
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = update(ctx, tx, id, e, "update")
		return err
	})
	return out, err
}

func update(ctx context.Context, tx bun.IDB, id int64, e Edit, action string) (*Plan, error) {
	p, err := Lock(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if e.Version != p.Version {
		return nil, ErrStale
	}
	if err := p.Editable(); err != nil {
		return nil, err
	}
	before := p.auditView()
	if e.Number != nil {
		p.Number = vn.OneLine(*e.Number)
	}
	if e.Title != nil {
		p.Title = vn.OneLine(*e.Title)
	}
	if e.IssuedOn != nil {
		p.IssuedOn = *e.IssuedOn
	}
	if e.RequireConfirmation != nil {
		p.RequireConfirmation = *e.RequireConfirmation
	}
	if e.CutoffScheme != nil {
		p.CutoffScheme = *e.CutoffScheme
	}
	if err := validate(p, p.CutoffScheme); err != nil {
		return nil, err
	}
	p.Version++
	if _, err := tx.NewUpdate().Table("plans").
		Set("number = ?", p.Number).Set("title = ?", p.Title).Set("issued_on = ?", p.IssuedOn).
		Set("require_confirmation = ?", p.RequireConfirmation).Set("cutoff_scheme = ?", p.CutoffScheme).
		Set("version = ?", p.Version).Set("updated_at = now()").
		Where("id = ?", id).Exec(ctx); err != nil {
		return nil, fmt.Errorf("plans: update %d: %w", id, err)
	}
	if err := audit.Record(ctx, tx, audit.Change{Action: action, Entity: "plan", EntityID: id, PlanID: id, Before: before, After: p.auditView()}); err != nil {
		return nil, err
	}
	return p, nil
}

// Issue makes a draft plan issued. A plan needs at least one task; without
// an issue date it gets on.
func Issue(ctx context.Context, db bun.IDB, id int64, version int, on civil.Date) (*Plan, error) {
	return transition(ctx, db, id, version, StateDraft, StateIssued, "issue", func(ctx context.Context, tx bun.IDB, p *Plan) error {
		n, err := tx.NewSelect().Table("tasks").Where("plan_id = ?", id).Count(ctx)
		if err != nil {
			return fmt.Errorf("plans: count tasks: %w", err)
		}
		if n == 0 {
			return invalid("state", "plans.no_tasks")
		}
		if p.IssuedOn.IsZero() {
			p.IssuedOn = on
		}
		return nil
	})
}

// Close ends an issued plan (after its annual report).
func Close(ctx context.Context, db bun.IDB, id int64, version int) (*Plan, error) {
	return transition(ctx, db, id, version, StateIssued, StateClosed, "close", nil)
}

// Reopen takes a closed plan back to issued.
func Reopen(ctx context.Context, db bun.IDB, id int64, version int) (*Plan, error) {
	return transition(ctx, db, id, version, StateClosed, StateIssued, "reopen", nil)
}

func transition(ctx context.Context, db bun.IDB, id int64, version int, from, to State, action string, check func(context.Context, bun.IDB, *Plan) error) (*Plan, error) {
	var out *Plan
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		p, err := Lock(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != p.Version {
			return ErrStale
		}
		if p.State != from {
			return invalid("state", "plans.bad_transition", i18n.M(p.State.Label()), i18n.M(to.Label()))
		}
		before := p.auditView()
		if check != nil {
			if err := check(ctx, tx, p); err != nil {
				return err
			}
		}
		p.State = to
		p.Version++
		if _, err := tx.NewUpdate().Table("plans").Set("state = ?", p.State).Set("issued_on = ?", p.IssuedOn).
			Set("version = ?", p.Version).Set("updated_at = now()").Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("plans: %s %d: %w", action, id, err)
		}
		out = p
		return audit.Record(ctx, tx, audit.Change{Action: action, Entity: "plan", EntityID: id, PlanID: id, Before: before, After: p.auditView()})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Remove deletes a draft plan with its areas and tasks. Issued and closed
// plans are records and are never deleted.
func Remove(ctx context.Context, db bun.IDB, id int64, version int) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		p, err := Lock(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != p.Version {
			return ErrStale
		}
		if p.State != StateDraft {
			return invalid("state", "plans.delete_draft_only")
		}
		n, err := tx.NewSelect().Table("tasks").Where("plan_id = ?", id).Count(ctx)
		if err != nil {
			return fmt.Errorf("plans: count tasks: %w", err)
		}
		before := p.auditView()
		before["tasks"] = n
		if _, err := tx.NewDelete().Table("plans").Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("plans: delete %d: %w", id, err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "delete", Entity: "plan", EntityID: id, PlanID: id, Before: before})
	})
}

// GetArea loads one area.
func GetArea(ctx context.Context, db bun.IDB, id int64) (*Area, error) {
	a := new(Area)
	err := db.NewSelect().Model(a).Where("id = ?", id).Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("plans: area %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("plans: area %d: %w", id, err)
	}
	return a, nil
}

// CreateArea appends an area to a plan that is not closed (InsertArea with
// the checks of an edit).
func CreateArea(ctx context.Context, db bun.IDB, planID int64, name string) (*Area, error) {
	name = vn.OneLine(name)
	if err := validArea(name); err != nil {
		return nil, err
	}
	var a *Area
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		p, err := Lock(ctx, tx, planID)
		if err != nil {
			return err
		}
		if err := p.Editable(); err != nil {
			return err
		}
		a, err = InsertArea(ctx, tx, planID, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

func validArea(name string) error {
	switch {
	case name == "":
		return invalid("name", "plans.area_name_required")
	case len([]rune(name)) > maxArea:
		return invalid("name", "plans.area_name_long", maxArea)
	}
	return nil
}

// lockArea loads an area and locks its plan, which must not be closed.
func lockArea(ctx context.Context, tx bun.IDB, id int64, version int) (*Area, *Plan, error) {
	a, err := GetArea(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := Lock(ctx, tx, a.PlanID)
	if err != nil {
		return nil, nil, err
	}
	if a, err = GetArea(ctx, tx, id); err != nil { // as it stands under the lock
		return nil, nil, err
	}
	if version != a.Version {
		return nil, nil, ErrStale
	}
	if err := p.Editable(); err != nil {
		return nil, nil, err
	}
	return a, p, nil
}

// RenameArea changes an area's name.
func RenameArea(ctx context.Context, db bun.IDB, id int64, version int, name string) (*Area, error) {
	name = vn.OneLine(name)
	if err := validArea(name); err != nil {
		return nil, err
	}
	var out *Area
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, _, err := lockArea(ctx, tx, id, version)
		if err != nil {
			return err
		}
		before := *a
		a.Name = name
		a.Version++
		if _, err := tx.NewUpdate().Table("areas").Set("name = ?", a.Name).Set("version = ?", a.Version).Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("plans: rename area %d: %w", id, err)
		}
		out = a
		return audit.Record(ctx, tx, audit.Change{Action: "update", Entity: "area", EntityID: id, PlanID: a.PlanID, Before: before, After: a})
	})
	return out, err
}

// MoveArea puts an area at position (1-based; beyond the end means last)
// and renumbers the plan's areas I, II, … in their new order.
func MoveArea(ctx context.Context, db bun.IDB, id int64, version int, position int) (*Area, error) {
	var out *Area
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, _, err := lockArea(ctx, tx, id, version)
		if err != nil {
			return err
		}
		areas, err := Areas(ctx, tx, a.PlanID)
		if err != nil {
			return err
		}
		order := make([]int64, 0, len(areas))
		for _, x := range areas {
			if x.ID != id {
				order = append(order, x.ID)
			}
		}
		position = min(max(position, 1), len(order)+1)
		order = append(order[:position-1], append([]int64{id}, order[position-1:]...)...)
		before := *a
		if err := renumber(ctx, tx, areas, order); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Table("areas").Set("version = version + 1").Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("plans: move area %d: %w", id, err)
		}
		if out, err = GetArea(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{Action: "move", Entity: "area", EntityID: id, PlanID: a.PlanID, Before: before, After: out})
	})
	return out, err
}

// renumber gives the areas of order positions 1, 2, … and the matching
// Roman labels, writing only those that change.
func renumber(ctx context.Context, tx bun.IDB, areas []Area, order []int64) error {
	cur := map[int64]Area{}
	for _, a := range areas {
		cur[a.ID] = a
	}
	for i, id := range order {
		if a := cur[id]; a.Position == i+1 && a.Label == Roman(i+1) {
			continue
		}
		if _, err := tx.NewUpdate().Table("areas").Set("position = ?", i+1).Set("label = ?", Roman(i+1)).Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("plans: renumber areas: %w", err)
		}
	}
	return nil
}

// RemoveArea deletes an area that holds no task, and renumbers the others.
func RemoveArea(ctx context.Context, db bun.IDB, id int64, version int) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, _, err := lockArea(ctx, tx, id, version)
		if err != nil {
			return err
		}
		n, err := tx.NewSelect().Table("tasks").Where("area_id = ?", id).Count(ctx)
		if err != nil {
			return fmt.Errorf("plans: count tasks of area %d: %w", id, err)
		}
		if n > 0 {
			return invalid("area", "plans.area_not_empty", a.Name, n)
		}
		if _, err := tx.NewDelete().Table("areas").Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("plans: delete area %d: %w", id, err)
		}
		areas, err := Areas(ctx, tx, a.PlanID)
		if err != nil {
			return err
		}
		order := make([]int64, len(areas))
		for i, x := range areas {
			order[i] = x.ID
		}
		if err := renumber(ctx, tx, areas, order); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{Action: "delete", Entity: "area", EntityID: id, PlanID: a.PlanID, Before: a})
	})
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// invalid is input a user can correct, in a field, with a message key.
func invalid(field, key string, args ...any) error { return errs.Bad(field, key, args...) }
