package app

import (
	"context"

	"cchc/annex"
	"cchc/authz"
	"cchc/units"
)

// The other names of units that the annex import recognises: admins only.

// Aliases lists every alias, by unit then name.
func (a *App) Aliases(ctx context.Context, me *authz.Principal) ([]annex.Alias, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	return annex.Aliases(ctx, a.db)
}

// AddAlias records alias as another name of the unit with that code, and
// returns it with the unit.
func (a *App) AddAlias(ctx context.Context, me *authz.Principal, unitCode, alias string) (*annex.Alias, *units.Unit, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, nil, err
	}
	u, err := a.UnitByCode(ctx, unitCode, "unit")
	if err != nil {
		return nil, nil, err
	}
	al, err := annex.AddAlias(ctx, a.db, u.ID, alias)
	if err != nil {
		return nil, nil, err
	}
	return al, u, nil
}

// RemoveAlias deletes an alias.
func (a *App) RemoveAlias(ctx context.Context, me *authz.Principal, id int64) error {
	if err := me.CanAdminister(); err != nil {
		return err
	}
	return annex.RemoveAlias(ctx, a.db, id)
}
