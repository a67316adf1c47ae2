package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"cchc/annex"
	"cchc/audit"
	"cchc/internal/errs"
	"cchc/plans"
)

// importPlan: cchc import plan --unit CODE --year Y [--title T] [--number N] FILE.xlsx
//
// All or nothing: a faulty annex prints every faulty row (row, column,
// text, reason) on stderr and writes nothing; the exit status is then 1.
// On success it prints the new plan's id.
func (a *app) importPlan(ctx context.Context, args []string) error {
	return a.importPlanTo(ctx, args, os.Stderr)
}

// importPlanTo is importPlan writing the faulty rows to stderr.
func (a *app) importPlanTo(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("import plan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	unitCode := fs.String("unit", "", "code of the issuing unit")
	year := fs.Int("year", 0, "year of the plan")
	title := fs.String("title", "", "title of the plan (default: the annex's, else “Kế hoạch cải cách hành chính năm Y”)")
	number := fs.String("number", "", "number of the plan (default: the annex's)")
	// Flags may come before or after the file.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *unitCode == "" || *year == 0 || len(files) != 1 {
		return fmt.Errorf("%w: import plan needs --unit CODE, --year Y and one FILE.xlsx", errUsage)
	}
	if *year < 2000 || *year > 2100 {
		return fmt.Errorf("year %d is outside 2000–2100", *year)
	}
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}

	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	unit, err := unitByCode(ctx, db, *unitCode)
	if err != nil {
		return err
	}
	if p, err := plans.ByUnitYear(ctx, db, unit.ID, *year); err == nil {
		return fmt.Errorf("import refused: %s already has a plan for %d (plan %d), nothing written", unit.Name, *year, p.ID)
	} else if !errors.Is(err, errs.NotFound) {
		return err
	}
	m, err := annex.NewMatcher(ctx, db, unit)
	if err != nil {
		return err
	}
	d, err := annex.Read(f, st.Size(), m, *year)
	if err != nil {
		return refused(stderr, files[0], err)
	}
	id, err := annex.Apply(audit.WithActor(ctx, audit.Actor{Name: "cli"}), db, d, unit.ID, *year, *title, *number)
	if err != nil {
		return refused(stderr, files[0], err)
	}
	fmt.Fprintln(a.stdout, id)
	return nil
}

// refused prints every faulty row of a refused annex and returns the
// one-line reason main prints.
func refused(stderr io.Writer, file string, err error) error {
	var rows annex.Errors
	if errors.As(err, &rows) {
		for _, r := range rows {
			fmt.Fprintf(stderr, "%s: %s\n", file, r.Error())
		}
		if len(rows) == 1 {
			return errors.New("import refused: 1 faulty row, nothing written")
		}
		return fmt.Errorf("import refused: %d faulty rows, nothing written", len(rows))
	}
	var fe *annex.FileError
	if errors.As(err, &fe) {
		return fmt.Errorf("import refused: %s: %s, nothing written", file, fe.Error())
	}
	return err
}
