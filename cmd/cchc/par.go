package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"cchc/annex"
	cchcapp "cchc/app"
	"cchc/audit"
	"cchc/internal/errs"
	"cchc/par"
)

// parImport: cchc par import --year Y --group G [--unit CODE --name N
// --kinds K,K] FILE.xlsx
//
// Imports a PAR-index criteria set for a group's year, all or nothing: a
// new set, or the criteria of the group's draft set of that year
// replaced. A faulty workbook prints every faulty row (row, column, text,
// reason) on stderr and writes nothing; the exit status is then 1. On
// success it prints the set's id. An unknown group is created when --unit
// names its body (with --name, and --kinds, default department,agency).
func (a *app) parImport(ctx context.Context, args []string) error {
	return a.parImportTo(ctx, args, os.Stderr)
}

func (a *app) parImportTo(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("par import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	year := fs.Int("year", 0, "year of the index")
	group := fs.String("group", "", "code of the group of units (e.g. SH.SO)")
	unit := fs.String("unit", "", "body of a group to create (when --group is unknown)")
	name := fs.String("name", "", "name of a group to create")
	kinds := fs.String("kinds", "department,agency", "unit kinds of a group to create")
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
	if *year == 0 || *group == "" || len(files) != 1 {
		return fmt.Errorf("%w: par import needs --year Y, --group G and one FILE.xlsx", errUsage)
	}
	if *year < 2000 || *year > 2100 {
		return fmt.Errorf("year %d is outside 2000–2100", *year)
	}
	file, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	if len(file) > annex.MaxFileSize {
		return fmt.Errorf("import refused: %s is larger than %d MB, nothing written", files[0], annex.MaxFileSize>>20)
	}

	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	ctx = audit.WithActor(ctx, audit.Actor{Name: "cli"})
	g, err := par.GroupByCode(ctx, db, *group)
	if errors.Is(err, errs.NotFound) {
		if *unit == "" {
			return fmt.Errorf("no group %q: define it on the PAR index page, or pass --unit CODE (and --name N) to create it", *group)
		}
		body, uerr := unitByCode(ctx, db, *unit)
		if uerr != nil {
			return uerr
		}
		ng := &par.Group{BodyID: body.ID, Code: *group, Name: *name, Kinds: strings.Split(*kinds, ",")}
		if ng.Name == "" {
			ng.Name = *group
		}
		if uerr := par.InsertGroup(ctx, db, ng); uerr != nil {
			return uerr
		}
		g, err = par.GroupByCode(ctx, db, *group)
	}
	if err != nil {
		return err
	}
	res, err := cchcapp.ImportPARCriteria(ctx, db, g, *year, file)
	if err != nil {
		return refused(stderr, files[0], err)
	}
	criteria, leaves := res.Criteria.Counts()
	a.log.Info("criteria set imported", "set", res.Set.ID, "criteria", criteria, "components", leaves, "total", res.Set.Total.String())
	fmt.Fprintln(a.stdout, res.Set.ID)
	return nil
}
