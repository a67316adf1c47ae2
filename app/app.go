// Package app is the use-case layer: each thing a user does — post
// progress, confirm or return a claim, decide an extension, edit a plan or
// a task, issue a plan, import, clone or cascade one — is one function
// here. It checks the caller's right (authz), runs in one transaction with
// its audit entries and its notifications, and returns what the pages and
// the JSON API show. Handlers only decode the request, call it and render.
//
// The queries the pages and the API share (a plan as it stood on a day, a
// task with its history) live here too, so that both see the same thing.
package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/units"
)

// App holds what the use cases need.
type App struct {
	db  *bun.DB
	now func() time.Time
}

// New builds the use cases over db; now is the clock (nil: time.Now).
func New(db *bun.DB, now func() time.Time) *App {
	if now == nil {
		now = time.Now
	}
	return &App{db: db, now: now}
}

// Now is the current instant of the application's clock.
func (a *App) Now() time.Time { return a.now() }

// Today is the current calendar day in Asia/Ho_Chi_Minh.
func (a *App) Today() civil.Date { return civil.In(a.now()) }

// inTx runs f in one transaction.
func (a *App) inTx(ctx context.Context, f func(ctx context.Context, tx bun.Tx) error) error {
	return a.db.RunInTx(ctx, nil, f)
}

// UnitByCode resolves a unit code a user typed in field; an empty or
// unknown code is bad input, not a missing page.
func (a *App) UnitByCode(ctx context.Context, code, field string) (*units.Unit, error) {
	return unitByCode(ctx, a.db, code, field)
}

func unitByCode(ctx context.Context, db bun.IDB, code, field string) (*units.Unit, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, errs.Bad(field, "app.unit_required")
	}
	u, err := units.ByCode(ctx, db, code)
	if errors.Is(err, errs.NotFound) {
		return nil, errs.Bad(field, "app.unit_unknown", code)
	}
	return u, err
}

// unitIDs resolves unit codes, in order, skipping empty ones.
func unitIDs(ctx context.Context, db bun.IDB, codes []string, field string) ([]int64, error) {
	ids := []int64{}
	for _, c := range codes {
		if strings.TrimSpace(c) == "" {
			continue
		}
		u, err := unitByCode(ctx, db, c, field)
		if err != nil {
			return nil, err
		}
		ids = append(ids, u.ID)
	}
	return ids, nil
}

// VisibleUnits is the unit tree the principal sees, in tree order.
func (a *App) VisibleUnits(ctx context.Context, me *authz.Principal) ([]units.Unit, error) {
	if root := me.UnitsRoot(); root != nil {
		return units.Subtree(ctx, a.db, root)
	}
	return units.All(ctx, a.db)
}

// CreatableUnits are the units the principal may create plans for.
func (a *App) CreatableUnits(ctx context.Context, me *authz.Principal) ([]units.Unit, error) {
	all, err := a.VisibleUnits(ctx, me)
	if err != nil {
		return nil, err
	}
	out := make([]units.Unit, 0, len(all))
	for i := range all {
		if me.CanCreatePlanFor(&all[i]) == nil {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// VisibleUnit is the unit with that code if the principal sees it.
func (a *App) VisibleUnit(ctx context.Context, me *authz.Principal, code string) (*units.Unit, error) {
	u, err := units.ByCode(ctx, a.db, code)
	if err != nil {
		return nil, err
	}
	if root := me.UnitsRoot(); root != nil && !root.Contains(*u) {
		return nil, errs.Missing("app: unit %s outside the scope", code)
	}
	return u, nil
}

// Ancestors are the units above u, from the root down.
func (a *App) Ancestors(ctx context.Context, u *units.Unit) ([]units.Unit, error) {
	ids := u.AncestorIDs()
	if len(ids) > 0 {
		ids = ids[:len(ids)-1]
	}
	byID, err := units.ByIDs(ctx, a.db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]units.Unit, 0, len(ids))
	for _, id := range ids {
		if x, ok := byID[id]; ok {
			out = append(out, x)
		}
	}
	return out, nil
}
