package main

import (
	"context"
	"flag"
	"fmt"

	"cchc/internal/database"
)

func (a *app) migrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	db, closeDB, err := openDB(ctx, a.cfg, a.log)
	if err != nil {
		return err
	}
	defer closeDB()
	applied, err := database.Migrate(ctx, db)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(a.stdout, "no pending migrations")
	}
	for _, name := range applied {
		fmt.Fprintln(a.stdout, "applied", name)
	}
	return nil
}
