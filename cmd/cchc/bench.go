package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cchc/bench"
)

// benchGenerate is `cchc bench generate --scale S [--now RFC3339]`.
func (a *app) benchGenerate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench generate", flag.ContinueOnError)
	scale := fs.String("scale", "small", "small, province or nation")
	nowFlag := fs.String("now", "", "the day histories run up to (RFC 3339; default now)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	sc, err := bench.ScaleNamed(*scale)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	now, err := parseNow(*nowFlag)
	if err != nil {
		return err
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	sum, err := bench.Generate(ctx, db, sc, now, func(s string) { fmt.Fprintln(a.stdout, s) })
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, sum)
	return nil
}

// parseNow reads an RFC 3339 instant, or now when empty.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not an RFC 3339 instant such as 2026-11-23T07:00:00+07:00", errUsage, s)
	}
	return t, nil
}
