package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cchc/demo"
)

func (a *app) demo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	sum, err := demo.Load(ctx, db, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, sum)
	return nil
}
