package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"cchc/bench"
	"cchc/internal/database"
)

// benchRun is `cchc bench run --scale S`: the benchmark on the generated
// dataset of that scale (generated first into an empty database), written
// into BENCHMARKS.md.
func (a *app) benchRun(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench run", flag.ContinueOnError)
	scale := fs.String("scale", "province", "small, province or nation")
	out := fs.String("out", "BENCHMARKS.md", "the report to write (its section for this scale)")
	dur := fs.Duration("duration", 15*time.Second, "measured time of each load")
	warm := fs.Duration("warmup", 3*time.Second, "warm-up before each load")
	only := fs.String("only", "", "run only these parts, comma-separated (pgbench, task, plan, page, stats, post, create, list, dashboard, rollup, remind); no report is written")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	sc, err := bench.ScaleNamed(*scale)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	t, err := connect(ctx, a.cfg, a.log)
	if err != nil {
		return err
	}
	defer t.close()
	db, url := t.db, a.cfg.DatabaseURL
	if url == "" {
		url = t.url()
	}
	if _, err := database.Migrate(ctx, db); err != nil {
		return err
	}
	say := func(s string) { fmt.Fprintln(a.stdout, s) }
	var units int
	if err := db.NewRaw("SELECT count(*) FROM units").Scan(ctx, &units); err != nil {
		return err
	}
	if units == 0 {
		say("empty database: generating the " + sc.Name + " dataset first")
		sum, err := bench.Generate(ctx, db, sc, time.Now(), say)
		if err != nil {
			return err
		}
		say(sum.String())
	}
	cmd := "cchc bench run --scale " + sc.Name
	if a.cfg.DatabaseURL == "" {
		cmd = "CCHC_DATA_DIR=" + a.cfg.DataDir + " " + cmd
	}
	if *dur != 15*time.Second {
		cmd += " --duration " + dur.String()
	}
	o := bench.RunOptions{Scale: sc, DB: db, URL: url, Exe: exe, Warm: *warm, Duration: *dur, Command: cmd, Log: say}
	if *only != "" {
		o.Only = strings.Split(*only, ",")
	}
	r, err := bench.Run(ctx, o)
	if err != nil {
		return err
	}
	if len(o.Only) > 0 {
		return nil
	}
	if err := bench.WriteReport(*out, r); err != nil {
		return err
	}
	say("wrote " + *out + " (" + strings.TrimSpace(r.Dataset) + ")")
	return nil
}
