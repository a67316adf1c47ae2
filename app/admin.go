package app

import (
	"context"
	"errors"

	"cchc/accounts"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/units"
)

// The administration of users and units: admins only (authz CanAdminister).

// NewUserInput is a new user as the admin form gives it.
type NewUserInput struct {
	Email, Name string
	Role        accounts.Role
	Unit        string // unit code
	Password    string
}

// UserEdit is what an admin changes of a user.
type UserEdit struct {
	Name   string
	Role   accounts.Role
	Unit   string // unit code
	Active bool
}

// NewUnitInput is a new unit as the admin form gives it.
type NewUnitInput struct {
	Code, Name  string
	Kind        units.Kind
	Parent      string // the parent's code, empty for a root
	Secretariat bool
}

// Users lists every user, for the admins.
func (a *App) Users(ctx context.Context, me *authz.Principal) ([]accounts.User, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	return accounts.List(ctx, a.db, "")
}

// AdminUnits is the whole unit tree, for the admins' forms.
func (a *App) AdminUnits(ctx context.Context, me *authz.Principal) ([]units.Unit, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	return units.All(ctx, a.db)
}

// User loads a user with its unit, for an admin.
func (a *App) User(ctx context.Context, me *authz.Principal, id int64) (*accounts.User, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	return accounts.Get(ctx, a.db, id)
}

// CreateUser adds a user (admins only).
func (a *App) CreateUser(ctx context.Context, me *authz.Principal, in NewUserInput) (*accounts.User, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	u, err := a.userUnit(ctx, in.Unit)
	if err != nil {
		return nil, err
	}
	return accounts.Create(ctx, a.db, accounts.NewUser{Email: in.Email, Name: in.Name, Role: in.Role, UnitID: u.ID, Password: in.Password})
}

// UpdateUser changes a user's name, role, unit and whether it is active
// (admins only).
func (a *App) UpdateUser(ctx context.Context, me *authz.Principal, id int64, e UserEdit) error {
	if err := me.CanAdminister(); err != nil {
		return err
	}
	u, err := a.userUnit(ctx, e.Unit)
	if err != nil {
		return err
	}
	return accounts.Update(ctx, a.db, id, e.Name, e.Role, u.ID, e.Active)
}

// ResetPassword is the admin's reset of a user's password (which signs
// the user out everywhere).
func (a *App) ResetPassword(ctx context.Context, me *authz.Principal, id int64, password string) error {
	if err := me.CanAdminister(); err != nil {
		return err
	}
	return accounts.SetPassword(ctx, a.db, id, password)
}

// userUnit is the unit of a user form; an unknown code is bad input.
func (a *App) userUnit(ctx context.Context, code string) (*units.Unit, error) {
	u, err := units.ByCode(ctx, a.db, code)
	if errors.Is(err, errs.NotFound) {
		return nil, errs.Bad("unit", "user.no_such_unit")
	}
	return u, err
}

// CreateUnit adds a unit under the unit of code in.Parent, or a root
// (admins only); an unknown parent is bad input.
func (a *App) CreateUnit(ctx context.Context, me *authz.Principal, in NewUnitInput) (*units.Unit, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	u := &units.Unit{Code: in.Code, Name: in.Name, Kind: in.Kind, IsSecretariat: in.Secretariat}
	if in.Parent != "" {
		parent, err := units.ByCode(ctx, a.db, in.Parent)
		if errors.Is(err, errs.NotFound) {
			return nil, errs.Bad("parent", "unit.no_such_parent")
		}
		if err != nil {
			return nil, err
		}
		u.ParentID = parent.ID
	}
	if err := units.Create(ctx, a.db, u); err != nil {
		return nil, err
	}
	return u, nil
}
