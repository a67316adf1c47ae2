package bench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/rollup"
	"cchc/units"
)

// RunOptions configure Run.
type RunOptions struct {
	Scale Scale
	DB    *bun.DB
	// URL is the database's, for the server, `cchc remind` and pgbench.
	URL string
	// Exe is the cchc binary the server and the reminder pass run from.
	Exe string
	// Warm and Duration are each load's warm-up and measured time.
	Warm, Duration time.Duration
	// Command is how the run was started, for the report.
	Command string
	Log     func(string)
	// Only, when not empty, names the parts to run (pgbench, task, plan,
	// page, stats, post, create, list, dashboard, rollup, remind): for
	// working on one.
	Only []string
}

func (o RunOptions) does(part string) bool {
	return len(o.Only) == 0 || slices.Contains(o.Only, part)
}

// Report is what a run measured.
type Report struct {
	Scale    string
	Command  string
	Started  time.Time
	Took     time.Duration
	Machine  string
	Go, PG   string
	Settings string // PostgreSQL settings that matter
	LoadAvg  [2]float64
	Dataset  string
	// Generated is what `cchc bench generate` said of the dataset.
	Generated string

	PgbenchSelect, PgbenchUpdate float64 // TPS
	PgbenchNote                  string

	TaskGet, PlanJSON, PlanPage, PlanStats, Progress, Create, PlansAPI, PlansPage, Dashboard Measure
	CreateUnique                                                                             bool
	CreateCheck                                                                              string
	RollupProvince, RollupNation                                                             Measure
	RemindFirst, RemindNext                                                                  remindRun
	ServerPeak                                                                               int64
}

type remindRun struct {
	Day     civil.Date
	Took    time.Duration
	MaxRSS  int64
	Output  string
	Err     string
	Created int
}

// Run measures cchc on the generated dataset of o.Scale: it starts the
// server on it, runs pgbench on the same PostgreSQL, drives the server
// over loopback HTTP with 16 clients per load (8 for task creation), times
// the rollups and a reminder pass, and returns the figures.
func Run(ctx context.Context, o RunOptions) (*Report, error) {
	log := o.Log
	if log == nil {
		log = func(string) {}
	}
	r := &Report{Scale: o.Scale.Name, Command: o.Command, Started: time.Now(), Machine: machine(), LoadAvg: [2]float64{loadAvg()}}
	db := o.DB
	ds, err := checkDataset(ctx, db, o.Scale)
	if err != nil {
		return nil, err
	}
	r.Dataset = ds
	_ = db.NewRaw("SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = current_database()").Scan(ctx, &r.Generated)
	r.Generated = strings.TrimPrefix(r.Generated, "cchc bench ")
	_ = db.NewRaw("SELECT version()").Scan(ctx, &r.PG)
	if i := strings.Index(r.PG, " on "); i > 0 {
		r.PG = r.PG[:i]
	}
	var settings []string
	for _, s := range []string{"fsync", "synchronous_commit", "shared_buffers", "max_connections"} {
		var v string
		_ = db.NewRaw("SELECT current_setting(?)", s).Scan(ctx, &v)
		settings = append(settings, s+"="+v)
	}
	r.Settings = strings.Join(settings, ", ")
	postmaster := postmasterPID(ctx, db)

	log("pgbench on the same server")
	if !o.does("pgbench") {
		log("  skipped")
	} else if err := r.pgbench(ctx, o); err != nil {
		r.PgbenchNote = err.Error()
		log("pgbench: " + err.Error())
	}

	w, err := newWorkload(ctx, db)
	if err != nil {
		return nil, err
	}
	srv, err := startServer(ctx, o)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	pr := procs{server: srv.cmd.Process.Pid, postmaster: postmaster}

	tokens := map[string]string{}
	for _, email := range []string{w.admin.Email, w.leader.Email} {
		tok, _, err := accounts.CreateToken(ctx, db, mustUserID(ctx, db, email), "bench")
		if err != nil {
			return nil, err
		}
		tokens[email] = tok
	}
	clients := func(n int, email string, pages bool) ([]*client, error) {
		cs := make([]*client, n)
		for i := range cs {
			if pages {
				cs[i] = newClient(srv.base, "")
				if err := cs[i].signIn(ctx, email, demo.Password); err != nil {
					return nil, fmt.Errorf("bench: sign in as %s: %w", email, err)
				}
			} else {
				cs[i] = newClient(srv.base, tokens[email])
			}
		}
		return cs, nil
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var rngMu sync.Mutex
	pick := func(xs []int64) int64 {
		rngMu.Lock()
		defer rngMu.Unlock()
		return xs[rng.IntN(len(xs))]
	}
	pastDay := func() civil.Date {
		rngMu.Lock()
		defer rngMu.Unlock()
		return w.yearStart.AddDays(rng.IntN(max(1, w.today.DaysSince(w.yearStart))))
	}
	load := func(part, name string, n int, email string, pages bool, fn func(ctx context.Context, c *client) error) (Measure, error) {
		if !o.does(part) {
			return Measure{}, nil
		}
		cs, err := clients(n, email, pages)
		if err != nil {
			return Measure{}, err
		}
		log(fmt.Sprintf("%s: %d clients, %s + %s", name, n, o.Warm, o.Duration))
		m := runLoad(ctx, cs, o.Warm, o.Duration, pr, fn)
		log(fmt.Sprintf("  %.0f/s, p95 %s, %d errors %s", m.Throughput(), m.P95.Round(time.Microsecond*100), m.Errors, m.FirstError))
		return m, ctx.Err()
	}
	leader, admin := w.leader.Email, w.admin.Email
	if r.TaskGet, err = load("task", "task GET", 16, leader, false, func(ctx context.Context, c *client) error {
		return c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%d", pick(w.tasks)), nil, http.StatusOK, nil)
	}); err != nil {
		return nil, err
	}
	if r.PlanJSON, err = load("plan", "60-task plan JSON", 16, leader, false, func(ctx context.Context, c *client) error {
		return c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d", pick(w.plans60)), nil, http.StatusOK, nil)
	}); err != nil {
		return nil, err
	}
	if r.PlanPage, err = load("page", "60-task plan page", 16, leader, true, func(ctx context.Context, c *client) error {
		return c.do(ctx, http.MethodGet, fmt.Sprintf("/plans/%d", pick(w.plans60)), nil, http.StatusOK, nil)
	}); err != nil {
		return nil, err
	}
	if r.PlanStats, err = load("stats", "plan stats at a past date", 16, leader, false, func(ctx context.Context, c *client) error {
		return c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/stats?as_of=%s", pick(w.plans60), pastDay()), nil, http.StatusOK, nil)
	}); err != nil {
		return nil, err
	}

	// Progress: each client posts on tasks of its own, carrying the version
	// each answer returns.
	if err := r.post(ctx, o, w, pr, clients, log); err != nil {
		return nil, err
	}

	if err := r.create(ctx, o, w, db, load); err != nil {
		return nil, err
	}
	if r.PlansAPI, err = load("list", "first page of /api/v1/plans, admin", 16, admin, false, func(ctx context.Context, c *client) error {
		return c.do(ctx, http.MethodGet, "/api/v1/plans", nil, http.StatusOK, nil)
	}); err != nil {
		return nil, err
	}
	if r.PlansPage, err = load("list", "first page of /plans, admin", 16, admin, true, func(ctx context.Context, c *client) error {
		return c.do(ctx, http.MethodGet, "/plans", nil, http.StatusOK, nil)
	}); err != nil {
		return nil, err
	}
	if r.Dashboard, err = load("dashboard", "dashboard of the province, leader", 16, leader, false, func(ctx context.Context, c *client) error {
		return c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/dashboard?year=%d", w.year), nil, http.StatusOK, nil)
	}); err != nil {
		return nil, err
	}
	_, r.ServerPeak = memOf(pr.server)
	srv.stop()

	// Rollups, in this process, one after another, at random days of the
	// year so far.
	if o.does("rollup") {
		log("province rollup")
		r.RollupProvince = timeCalls(ctx, o.Duration, 20, func(ctx context.Context, _ int) error {
			_, err := rollup.Count(ctx, db, rollup.Scope{Year: w.year, Root: w.province}, pastDay())
			return err
		})
		log(fmt.Sprintf("  p50 %s, p95 %s", r.RollupProvince.P50, r.RollupProvince.P95))
		log("national rollup")
		r.RollupNation = timeCalls(ctx, o.Duration, 10, func(ctx context.Context, _ int) error {
			_, err := rollup.Count(ctx, db, rollup.Scope{Year: w.year}, pastDay())
			return err
		})
		log(fmt.Sprintf("  p50 %s, p95 %s", r.RollupNation.P50, r.RollupNation.P95))
	}

	if o.does("remind") {
		log("reminder pass")
		if err := resetReminders(ctx, db); err != nil {
			return nil, err
		}
		first := lastWorkingDay(w.today)
		r.RemindFirst = remind(ctx, o, first)
		r.RemindNext = remind(ctx, o, nextWorkingDay(first))
		log(fmt.Sprintf("  %s (%s), then %s", r.RemindFirst.Took, r.RemindFirst.Output, r.RemindNext.Took))
	}

	r.LoadAvg[1] = loadAvg()
	r.Took = time.Since(r.Started)
	return r, nil
}

// checkDataset makes sure the database holds generated data of the scale
// and describes it.
func checkDataset(ctx context.Context, db *bun.DB, sc Scale) (string, error) {
	var c struct {
		Units   int    `bun:"units"`
		Plans   int    `bun:"plans"`
		Tasks   int    `bun:"tasks"`
		Entries int64  `bun:"entries"`
		Spans   int64  `bun:"spans"`
		Size    string `bun:"size"`
		Bench   int    `bun:"bench"`
	}
	err := db.NewRaw(`SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM plans) AS plans,
	    (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM progress_entries) AS entries,
	    (SELECT count(*) FROM task_timeline) AS spans, pg_size_pretty(pg_database_size(current_database())) AS size,
	    (SELECT count(*) FROM users WHERE email LIKE '%@bench.cchc.test') AS bench`).Scan(ctx, &c)
	if err != nil {
		return "", err
	}
	want := sc.Provinces * (1 + min(sc.Departments, len(departments)) + sc.Communes)
	if c.Units != want || c.Bench == 0 {
		return "", fmt.Errorf("bench: the database does not hold the generated %s dataset (%d units; run cchc bench generate --scale %s on an empty database)", sc.Name, c.Units, sc.Name)
	}
	return fmt.Sprintf("%d units, %d plans, %d tasks, %d progress entries, %d timeline spans; %s",
		c.Units, c.Plans, c.Tasks, c.Entries, c.Spans, c.Size), nil
}

func mustUserID(ctx context.Context, db bun.IDB, email string) int64 {
	u, err := accounts.ByEmail(ctx, db, email)
	if err != nil {
		return 0
	}
	return u.ID
}

// postmasterPID is the PostgreSQL server's process, if it runs on this
// machine (the parent of this connection's backend).
func postmasterPID(ctx context.Context, db *bun.DB) int {
	var backend int
	if err := db.NewRaw("SELECT pg_backend_pid()").Scan(ctx, &backend); err != nil {
		return 0
	}
	if p := parentOf(backend); p > 1 && strings.Contains(readComm(p), "postgres") {
		return p
	}
	return 0
}

func readComm(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	return strings.TrimSpace(string(b))
}

// workload is what the loads pick from.
type workload struct {
	today, yearStart     civil.Date
	year                 int
	admin, leader        *accounts.User
	province             *units.Unit
	tasks, plans60, open []int64
	versions             map[int64]int
}

func newWorkload(ctx context.Context, db *bun.DB) (*workload, error) {
	w := &workload{today: civil.Today(), versions: map[int64]int{}}
	var err error
	if w.admin, err = accounts.ByEmail(ctx, db, "admin@cchc.test"); err != nil {
		return nil, fmt.Errorf("bench: the demo admin: %w", err)
	}
	if w.leader, err = accounts.ByEmail(ctx, db, "lanhdao@cchc.test"); err != nil {
		return nil, fmt.Errorf("bench: the demo leader: %w", err)
	}
	if w.province, err = units.Get(ctx, db, w.leader.UnitID); err != nil {
		return nil, err
	}
	if err := db.NewRaw("SELECT max(year) FROM plans WHERE year <= ?", w.today.Year).Scan(ctx, &w.year); err != nil {
		return nil, err
	}
	w.yearStart = civil.New(w.year, 1, 1)
	if w.year < w.today.Year {
		w.today = civil.New(w.year, 12, 31)
	}
	under := w.province.Path + "%"
	if err := db.NewRaw(`SELECT t.id FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id
	    WHERE p.year = ? AND u.path LIKE ? ORDER BY t.id LIMIT 20000`, w.year, under).Scan(ctx, &w.tasks); err != nil {
		return nil, err
	}
	if err := db.NewRaw(`SELECT p.id FROM plans p JOIN units u ON u.id = p.unit_id JOIN tasks t ON t.plan_id = p.id
	    WHERE p.year = ? AND u.path LIKE ? GROUP BY p.id ORDER BY abs(count(*) - 60), p.id LIMIT 20`, w.year, under).Scan(ctx, &w.plans60); err != nil {
		return nil, err
	}
	var open []struct {
		ID      int64 `bun:"id"`
		Version int   `bun:"version"`
	}
	if err := db.NewRaw(`SELECT t.id, t.version FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id
	    JOIN task_timeline tl ON tl.task_id = t.id AND tl.valid_from <= ? AND tl.valid_to > ?
	    WHERE p.year = ? AND p.state = 'issued' AND u.path LIKE ? AND tl.status IN ('in_progress', 'overdue', 'not_started', 'continuous')
	      AND NOT tl.pending ORDER BY t.id LIMIT 2000`, w.today, w.today, w.year, under).Scan(ctx, &open); err != nil {
		return nil, err
	}
	for _, o := range open {
		w.open = append(w.open, o.ID)
		w.versions[o.ID] = o.Version
	}
	if len(w.tasks) == 0 || len(w.plans60) == 0 || len(w.open) == 0 {
		return nil, errors.New("bench: the dataset has no task to work on")
	}
	return w, nil
}

type draft struct {
	plan, area int64
	lead       string
}

// draftPlan makes an empty draft plan for the task-creation load, for the
// province's last unit and a year nobody uses.
func (w *workload) draftPlan(ctx context.Context, db *bun.DB) (*draft, error) {
	var unit units.Unit
	if err := db.NewSelect().Model(&unit).Where("parent_id = ?", w.province.ID).OrderExpr("id DESC").Limit(1).Scan(ctx); err != nil {
		return nil, err
	}
	var year int
	if err := db.NewRaw("SELECT coalesce(max(year), ?) + 1 FROM plans WHERE unit_id = ?", w.year, unit.ID).Scan(ctx, &year); err != nil {
		return nil, err
	}
	p := &plans.Plan{UnitID: unit.ID, Year: max(year, w.year+1), Title: "Kế hoạch thử tải"}
	if err := plans.Insert(ctx, db, p); err != nil {
		return nil, err
	}
	a, err := plans.InsertArea(ctx, db, p.ID, "Cải cách thủ tục hành chính")
	if err != nil {
		return nil, err
	}
	return &draft{plan: p.ID, area: a.ID, lead: unit.Code}, nil
}

// server is the cchc server under load: `cchc serve`, a process of its own.
type server struct {
	cmd  *exec.Cmd
	base string
	once sync.Once
}

func startServer(ctx context.Context, o RunOptions) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(o.Exe, "serve")
	cmd.Env = append(os.Environ(), "CCHC_DATABASE_URL="+o.URL, "CCHC_ADDR="+addr,
		"CCHC_REMINDER_SCHEDULE=0 7 31 2 *", // never: no reminder run under the load
		"CCHC_SMTP_URL=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start the server: %w", err)
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			s.stop()
			return nil, fmt.Errorf("bench: the server did not answer on %s", addr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *server) stop() {
	s.once.Do(func() {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
	})
}

// resetReminders forgets earlier reminder runs (and what they wrote), so
// that every bench run's pass is a first one over the same data.
func resetReminders(ctx context.Context, db *bun.DB) error {
	for _, q := range []string{
		"DELETE FROM notices WHERE run_id IS NOT NULL",
		"UPDATE notices SET delivery_id = NULL, outbound = 'none' WHERE delivery_id IS NOT NULL",
		"DELETE FROM deliveries",
		"DELETE FROM reminder_runs",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("bench: reset reminders: %w", err)
		}
	}
	return nil
}

// remind runs `cchc remind` as of 07:00 on day d.
func remind(ctx context.Context, o RunOptions, d civil.Date) remindRun {
	at := d.Start().Add(7 * time.Hour)
	cmd := exec.CommandContext(ctx, o.Exe, "remind", "--now", at.Format(time.RFC3339))
	cmd.Env = append(os.Environ(), "CCHC_DATABASE_URL="+o.URL, "CCHC_SMTP_URL=")
	start := time.Now()
	out, err := cmd.Output()
	rr := remindRun{Day: d, Took: time.Since(start), Output: strings.TrimSpace(string(out))}
	if err != nil {
		rr.Err = err.Error()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			rr.Err += ": " + strings.TrimSpace(string(ee.Stderr))
		}
	}
	if st := cmd.ProcessState; st != nil {
		if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
			rr.MaxRSS = ru.Maxrss << 10
		}
	}
	if m := regexp.MustCompile(`notices created: (\d+)`).FindStringSubmatch(rr.Output); m != nil {
		rr.Created, _ = strconv.Atoi(m[1])
	}
	return rr
}

func lastWorkingDay(d civil.Date) civil.Date {
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDays(-1)
	}
	return d
}

func nextWorkingDay(d civil.Date) civil.Date {
	d = d.AddDays(1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDays(1)
	}
	return d
}

// pgbench initialises a pgbench database beside cchc's on the same server
// (once) and runs select-only and simple-update, 16 clients.
func (r *Report) pgbench(ctx context.Context, o RunOptions) error {
	bin, err := findPgbench()
	if err != nil {
		return err
	}
	u, err := url.Parse(o.URL)
	if err != nil {
		return err
	}
	const dbname = "cchc_pgbench"
	var exists bool
	if err := o.DB.NewRaw("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", dbname).Scan(ctx, &exists); err != nil {
		return err
	}
	pu := *u
	pu.Path = "/" + dbname
	target := pu.String()
	if !exists {
		if _, err := o.DB.ExecContext(ctx, "CREATE DATABASE "+dbname); err != nil {
			return fmt.Errorf("create the pgbench database: %w", err)
		}
		if out, err := exec.CommandContext(ctx, bin, "-i", "-q", "-s", "10", target).CombinedOutput(); err != nil {
			return fmt.Errorf("pgbench -i: %v: %s", err, out)
		}
	}
	run := func(mode string) (float64, error) {
		secs := strconv.Itoa(int(max(10*time.Second, o.Duration).Seconds()))
		out, err := exec.CommandContext(ctx, bin, mode, "-c", "16", "-j", "2", "-T", secs, target).CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("pgbench %s: %v: %s", mode, err, out)
		}
		m := regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`).FindSubmatch(out)
		if m == nil {
			return 0, fmt.Errorf("pgbench %s: no tps in %q", mode, out)
		}
		return strconv.ParseFloat(string(m[1]), 64)
	}
	if r.PgbenchSelect, err = run("-S"); err != nil {
		return err
	}
	r.PgbenchUpdate, err = run("-N")
	r.PgbenchNote = fmt.Sprintf("pgbench scale 10, 16 clients, 2 threads, %s each, simple protocol", max(10*time.Second, o.Duration))
	return err
}

// post is the progress load: each client posts on open tasks of its own,
// carrying the version each answer returns.
func (r *Report) post(ctx context.Context, o RunOptions, w *workload, pr procs, clients func(int, string, bool) ([]*client, error), log func(string)) error {
	if !o.does("post") {
		return nil
	}
	cs, err := clients(16, w.admin.Email, false)
	if err != nil {
		return err
	}
	for i, id := range w.open {
		c := cs[i%len(cs)]
		c.mine = append(c.mine, id)
		c.versions[id] = w.versions[id]
	}
	log(fmt.Sprintf("progress post: 16 clients, %d open tasks, %s + %s", len(w.open), o.Warm, o.Duration))
	r.Progress = runLoad(ctx, cs, o.Warm, o.Duration, pr, func(ctx context.Context, c *client) error {
		if len(c.mine) == 0 {
			return errors.New("no task to post on")
		}
		c.n++
		id := c.mine[c.n%len(c.mine)]
		var got struct {
			Version int `json:"version"`
		}
		err := c.do(ctx, http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", id),
			map[string]any{"percent": 1 + c.n%99, "note": "Cập nhật tiến độ (thử tải).", "version": c.versions[id]}, http.StatusCreated, &got)
		if err == nil {
			c.versions[id] = got.Version
		}
		return err
	})
	log(fmt.Sprintf("  %.0f/s, p99 %s, %d errors %s", r.Progress.Throughput(), r.Progress.P99.Round(time.Microsecond*100), r.Progress.Errors, r.Progress.FirstError))
	return ctx.Err()
}

// create is the task-creation load: 8 clients adding tasks to one fresh
// draft plan, then a check that no two got the same position.
func (r *Report) create(ctx context.Context, o RunOptions, w *workload, db *bun.DB,
	load func(part, name string, n int, email string, pages bool, fn func(ctx context.Context, c *client) error) (Measure, error)) error {
	if !o.does("create") {
		return nil
	}
	draft, err := w.draftPlan(ctx, db)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = db.NewDelete().Table("plans").Where("id = ?", draft.plan).Exec(context.WithoutCancel(ctx))
	}()
	if r.Create, err = load("create", "task creation, one plan", 8, w.admin.Email, false, func(ctx context.Context, c *client) error {
		c.n++
		return c.do(ctx, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/tasks", draft.plan), map[string]any{
			"area_id": draft.area, "title": fmt.Sprintf("Nhiệm vụ thử tải %d", c.n), "lead_unit": draft.lead,
			"deadline": "Quý IV", "output": "Báo cáo"}, http.StatusCreated, nil)
	}); err != nil {
		return err
	}
	var created struct {
		N        int `bun:"n"`
		Distinct int `bun:"d"`
	}
	if err := db.NewRaw("SELECT count(*) AS n, count(DISTINCT position) AS d FROM tasks WHERE plan_id = ?", draft.plan).Scan(ctx, &created); err != nil {
		return err
	}
	r.CreateUnique = created.N == created.Distinct
	r.CreateCheck = fmt.Sprintf("%d tasks created, %d distinct positions", created.N, created.Distinct)
	return nil
}
