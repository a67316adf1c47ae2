package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cchc/internal/civil"
	"cchc/tasks"
)

// timelineRebuild is `cchc timeline rebuild`: every task's status timeline
// recomputed from its history, plan by plan.
func (a *app) timelineRebuild(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("timeline rebuild", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	start := time.Now()
	last := start
	n, err := tasks.RebuildTimeline(ctx, db, 5000, func(done, total int) {
		if time.Since(last) > 5*time.Second {
			last = time.Now()
			fmt.Fprintf(a.stdout, "%d/%d tasks\n", done, total)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "timeline of %d tasks rebuilt in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// timelineCheck is `cchc timeline check [--days N]`: the timeline against
// the status rule in SQL, plan by plan, at N days spread over the years
// the plans cover (and today).
func (a *app) timelineCheck(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("timeline check", flag.ContinueOnError)
	days := fs.Int("days", 12, "how many days to check")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *days < 1 {
		return errUsage
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	var span struct {
		First int `bun:"first"`
		Last  int `bun:"last"`
	}
	if err := db.NewRaw("SELECT coalesce(min(year), 0) AS first, coalesce(max(year), 0) AS last FROM plans").Scan(ctx, &span); err != nil {
		return err
	}
	if span.First == 0 {
		fmt.Fprintln(a.stdout, "no plan: nothing to check")
		return nil
	}
	from, to := civil.New(span.First, 1, 1), civil.New(span.Last+1, 1, 31)
	step := max(1, to.DaysSince(from) / *days)
	check := []civil.Date{civil.Today()}
	for d := from; d.Before(to) && len(check) < *days+1; d = d.AddDays(step) {
		check = append(check, d)
	}
	var plans []int64
	if err := db.NewRaw("SELECT id FROM plans ORDER BY id").Scan(ctx, &plans); err != nil {
		return err
	}
	bad := 0
	for i := 0; i < len(plans); i += 200 {
		ms, err := tasks.CheckTimeline(ctx, db, plans[i:min(i+200, len(plans))], check)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if bad < 20 {
				fmt.Fprintln(a.stdout, m)
			}
			bad++
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d task states differ from the rule in SQL: run cchc timeline rebuild", bad)
	}
	fmt.Fprintf(a.stdout, "timeline of %d plans agrees with the rule in SQL at %d days\n", len(plans), len(check))
	return nil
}
