package main

import (
	"context"
	"flag"
	"fmt"
)

func (a *app) migrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	_, applied, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	if len(applied) == 0 {
		fmt.Fprintln(a.stdout, "no pending migrations")
	}
	for _, name := range applied {
		fmt.Fprintln(a.stdout, "applied", name)
	}
	return nil
}
