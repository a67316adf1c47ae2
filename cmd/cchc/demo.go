package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cchc/demo"
	"cchc/internal/database"
)

func (a *app) demo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	db, closeDB, err := openDB(ctx, a.cfg, a.log)
	if err != nil {
		return err
	}
	defer closeDB()
	if _, err := database.Migrate(ctx, db); err != nil {
		return err
	}
	sum, err := demo.Load(ctx, db, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, sum)
	return nil
}
