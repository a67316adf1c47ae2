package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/annex"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// ImportTarget checks that the principal may import a plan of year for the
// unit with that code, and that the unit has none that year yet.
func (a *App) ImportTarget(ctx context.Context, me *authz.Principal, unitCode string, year int) (*units.Unit, error) {
	u, err := a.UnitByCode(ctx, unitCode, "unit")
	if err != nil {
		return nil, err
	}
	if err := me.CanCreatePlanFor(u); err != nil {
		return nil, err
	}
	if year < 2000 || year > 2100 {
		return nil, errs.Bad("year", "plans.year_range")
	}
	if _, err := plans.ByUnitYear(ctx, a.db, u.ID, year); !errors.Is(err, errs.NotFound) {
		if err == nil {
			err = plans.ErrExists.With(fmt.Sprintf("app: unit %s has a plan for %d", u.Code, year))
		}
		return nil, err
	}
	return u, nil
}

// ReadAnnex reads an uploaded annex for a unit and year. A file that is not
// an annex at all is an error; a draft with faulty rows comes back with its
// Errors (and no error).
func (a *App) ReadAnnex(ctx context.Context, unit *units.Unit, year int, file []byte) (*annex.Draft, error) {
	return ReadAnnex(ctx, a.db, unit, year, file)
}

// ReadAnnex is App.ReadAnnex for the command line.
func ReadAnnex(ctx context.Context, db bun.IDB, unit *units.Unit, year int, file []byte) (*annex.Draft, error) {
	m, err := annex.NewMatcher(ctx, db, unit)
	if err != nil {
		return nil, err
	}
	d, err := annex.Read(bytes.NewReader(file), int64(len(file)), m, year)
	var rows annex.Errors
	if errors.As(err, &rows) {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	if d.TaskCount() == 0 {
		d.Errors = annex.Errors{{Reason: i18n.M("annex.no_task")}}
	}
	return d, nil
}

// ImportInput is what an import takes besides the annex: the plan's year,
// its title and number as typed (empty: the annex's), whether the annex's
// years move to the plan's, and the stored upload to forget (0: none).
type ImportInput struct {
	Year          int
	Title, Number string
	// ShiftYears moves an annex written for another year (Draft.FileYear)
	// to the plan's: its dated deadlines by the difference in years, the
	// year in its title and number (annex.Draft.ShiftYears).
	ShiftYears bool
	UploadID   int64
}

// ImportPlan creates the draft plan of an annex read for unit (and forgets
// the stored upload), in one transaction, for a principal who may create
// the unit's plan.
func (a *App) ImportPlan(ctx context.Context, me *authz.Principal, unit *units.Unit, d *annex.Draft, in ImportInput) (int64, error) {
	if err := me.CanCreatePlanFor(unit); err != nil {
		return 0, err
	}
	if len(d.Errors) > 0 {
		return 0, d.Errors
	}
	if in.ShiftYears {
		from := d.FileYear()
		if d.ShiftYears(from); len(d.Errors) > 0 {
			return 0, errs.Bad("shift_years", "app.import_shift_failed", d.Errors[0].Text, from, in.Year)
		}
	}
	var id int64
	err := a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if id, err = annex.Apply(ctx, tx, d, unit.ID, in.Year, in.Title, in.Number); err != nil {
			return err
		}
		if in.UploadID != 0 {
			return annex.DeleteUpload(ctx, tx, in.UploadID)
		}
		return nil
	})
	return id, err
}

// ExportAnnex writes a plan's annex as .xlsx, for a principal who sees the
// whole plan; it returns the file name and the workbook.
func (a *App) ExportAnnex(ctx context.Context, me *authz.Principal, id int64) (string, []byte, error) {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return "", nil, err
	}
	areas, err := plans.Areas(ctx, a.db, id)
	if err != nil {
		return "", nil, err
	}
	ts, err := tasks.ForPlan(ctx, a.db, id)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	if err := annex.Write(&buf, p, areas, ts); err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("phu-luc-ke-hoach-%d-%s.xlsx", p.Year, p.Unit.Code), buf.Bytes(), nil
}
