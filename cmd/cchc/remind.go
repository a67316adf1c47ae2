package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cchc/par"
	"cchc/reminders"
)

// remind is `cchc remind [--now RFC3339]`: one reminder run as if at that
// instant (default: now), printing what it created and delivered.
func (a *app) remind(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("remind", flag.ContinueOnError)
	nowFlag := fs.String("now", "", "run as if at this instant (RFC 3339, e.g. 2026-11-23T07:00:00+07:00)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	now := time.Now()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return fmt.Errorf("%w: --now %q is not an RFC 3339 instant such as 2026-11-23T07:00:00+07:00", errUsage, *nowFlag)
		}
		now = t
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	res, err := reminders.Run(ctx, db, now, a.remindersConfig())
	if err != nil {
		return err
	}
	if res.InProgress {
		fmt.Fprintln(a.stdout, "another reminder run is in progress: it does the work; this one did nothing")
		return nil
	}
	if !res.WorkingDay {
		fmt.Fprintf(a.stdout, "%s is not a working day: nothing recorded; ", res.Day)
	}
	fmt.Fprintf(a.stdout, "notices created: %d, delivered: %d (in-app %d, e-mail %d, webhook %d), failed: %d\n",
		res.Created, res.Delivered, res.InApp, res.Email, res.Webhook, res.Failed)
	return nil
}

// remindersConfig is the reminders' configuration, shared by `cchc remind`
// and the scheduler of `cchc serve`: the PAR index's self-assessment
// reminders ride on the same runs and channels.
func (a *app) remindersConfig() reminders.Config {
	return reminders.Config{BaseURL: a.cfg.BaseURL, SMTPURL: a.cfg.SMTPURL, Log: a.log, Sources: []reminders.Source{par.Reminders{}}}
}
