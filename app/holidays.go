package app

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/internal/civil"
	"cchc/reminders"
)

// Holidays lists the holidays of a year (every year when year is 0): the
// days off of the reminders' calendar, which every signed-in user may read.
func (a *App) Holidays(ctx context.Context, year int) ([]reminders.Holiday, error) {
	return reminders.Holidays(ctx, a.db, year)
}

// SetHoliday adds a holiday or renames one (admins only). It returns the
// day as stored and whether it is new (the API answers 201 or 200).
func (a *App) SetHoliday(ctx context.Context, me *authz.Principal, day civil.Date, name string) (*reminders.Holiday, bool, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, false, err
	}
	created := true
	stored := &reminders.Holiday{Day: day, Name: name}
	err := a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if !day.IsZero() {
			existing, err := reminders.Holidays(ctx, tx, day.Year)
			if err != nil {
				return err
			}
			created = !slices.ContainsFunc(existing, func(x reminders.Holiday) bool { return x.Day == day })
		}
		if err := reminders.SetHoliday(ctx, tx, day, name); err != nil {
			return err
		}
		hs, err := reminders.Holidays(ctx, tx, day.Year)
		if err != nil {
			return err
		}
		for i := range hs {
			if hs[i].Day == day {
				stored = &hs[i]
			}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return stored, created, nil
}

// DeleteHoliday removes a holiday (admins only); an unknown day is not found.
func (a *App) DeleteHoliday(ctx context.Context, me *authz.Principal, day civil.Date) error {
	if err := me.CanAdminister(); err != nil {
		return err
	}
	return reminders.DeleteHoliday(ctx, a.db, day)
}
