package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"cchc/internal/civil"
	"cchc/plans"
	"cchc/reports"
)

// report: cchc report --plan ID --period P --format F -o FILE
func (a *app) report(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	planID := fs.Int64("plan", 0, "plan id")
	periodName := fs.String("period", "", "q1, q2, q3, q4, h1, 9m or year")
	formatName := fs.String("format", "docx", "docx or xlsx")
	out := fs.String("o", "", "output file")
	version := fs.Int("version", 0, "a finalised version (default: the latest finalised, else the figures as they stand)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *planID <= 0 || *periodName == "" || *out == "" {
		return fmt.Errorf("%w: report needs --plan, --period and -o", errUsage)
	}
	period, err := plans.ParsePeriod(*periodName)
	if err != nil {
		return fmt.Errorf("period %q: use q1, q2, q3, q4, h1, 9m or year", *periodName)
	}
	format, err := reports.ParseFormat(*formatName)
	if err != nil {
		return fmt.Errorf("format %q: use docx or xlsx", *formatName)
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	doc, err := reports.Render(ctx, db, *planID, period, format, *version, civil.Today())
	if err != nil {
		return fmt.Errorf("plan %d: %s", *planID, strings.TrimPrefix(err.Error(), "plans: "))
	}
	// Written beside the target, then renamed: no half-written report.
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, doc.Body, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, *out)
}
