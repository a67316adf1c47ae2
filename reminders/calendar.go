package reminders

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

// Calendar tells working days: Monday to Friday, except holidays.
type Calendar struct {
	holidays map[civil.Date]bool
}

// NewCalendar is a calendar with the given holidays.
func NewCalendar(holidays ...civil.Date) Calendar {
	c := Calendar{holidays: map[civil.Date]bool{}}
	for _, d := range holidays {
		c.holidays[d] = true
	}
	return c
}

// Working reports whether d is a working day.
func (c Calendar) Working(d civil.Date) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !c.holidays[d]
}

// OnOrAfter is the first working day from d on: when a moment that falls on
// a day off fires.
func (c Calendar) OnOrAfter(d civil.Date) civil.Date {
	for i := 0; i < 366 && !c.Working(d); i++ {
		d = d.AddDays(1)
	}
	return d
}

// WorkingDaysBefore is the working day n working days before d (n ≥ 1).
func (c Calendar) WorkingDaysBefore(d civil.Date, n int) civil.Date {
	for i, guard := 0, 0; i < n && guard < 3660; guard++ {
		d = d.AddDays(-1)
		if c.Working(d) {
			i++
		}
	}
	return d
}

// Holiday is a day off besides weekends.
type Holiday struct {
	bun.BaseModel `bun:"table:holidays"`

	Day  civil.Date `bun:"day,pk,type:date" json:"day"`
	Name string     `bun:"name" json:"name"`
}

// Holidays lists the holidays of a year (every year when year is 0).
func Holidays(ctx context.Context, db bun.IDB, year int) ([]Holiday, error) {
	var hs []Holiday
	q := db.NewSelect().Model(&hs).Order("day")
	if year != 0 {
		q = q.Where("day >= ? AND day < ?", civil.New(year, 1, 1), civil.New(year+1, 1, 1))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("reminders: holidays: %w", err)
	}
	return hs, nil
}

// SetHoliday adds a holiday or renames it.
func SetHoliday(ctx context.Context, db bun.IDB, day civil.Date, name string) error {
	if day.IsZero() {
		return invalid("day", "reminders.holiday_day_required")
	}
	h := &Holiday{Day: day, Name: vn.OneLine(name)}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(h).On("CONFLICT (day) DO UPDATE").Set("name = EXCLUDED.name").Exec(ctx); err != nil {
			return fmt.Errorf("reminders: set holiday: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "update", Entity: "holiday", EntityID: int64(day.Year*10000 + int(day.Month)*100 + day.Day), After: h})
	})
}

// DeleteHoliday makes day a working day again (if it is a weekday).
func DeleteHoliday(ctx context.Context, db bun.IDB, day civil.Date) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*Holiday)(nil)).Where("day = ?", day).Exec(ctx)
		if err != nil {
			return fmt.Errorf("reminders: delete holiday: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Missing("reminders: holiday %s", day)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "delete", Entity: "holiday", EntityID: int64(day.Year*10000 + int(day.Month)*100 + day.Day), Before: map[string]any{"day": day}})
	})
}

func loadCalendar(ctx context.Context, db bun.IDB) (Calendar, error) {
	hs, err := Holidays(ctx, db, 0)
	if err != nil {
		return Calendar{}, err
	}
	c := NewCalendar()
	for _, h := range hs {
		c.holidays[h.Day] = true
	}
	return c, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
