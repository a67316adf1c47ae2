package main

// Issue 10 on real processes: crashed migrations, parallel reminder runs,
// a dying private PostgreSQL, replicas, backup and restore.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/dbtest"
	"cchc/internal/pgserver"
	"cchc/reminders"
	"cchc/units"
)

// openPrivate connects the test itself to the private server of dir
// (reusing the one a cchc process runs, or starting it); close lets go.
func openPrivate(t *testing.T, dir string) (db *bun.DB, closeDB func()) {
	t.Helper()
	srv, err := pgserver.Start(t.Context(), pgserver.Options{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	db, err = database.Open(t.Context(), srv.URL(pgserver.Database), database.WithPort(srv.Port))
	require.NoError(t, err)
	var once sync.Once
	closeDB = func() {
		once.Do(func() {
			db.Close()
			require.NoError(t, srv.Stop())
		})
	}
	t.Cleanup(closeDB)
	return db, closeDB
}

// nextWorkingMorning is 07:00 of the next Monday-to-Friday day after today.
func nextWorkingMorning() string {
	day := time.Now().In(civil.Zone).AddDate(0, 0, 1)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 7, 0, 0, 0, civil.Zone).Format(time.RFC3339)
}

// webhookReceiver counts the posts it receives by X-CCHC-Delivery.
type webhookReceiver struct {
	mu    sync.Mutex
	posts map[string]int
	url   string
}

func newWebhookReceiver(t *testing.T) *webhookReceiver {
	t.Helper()
	w := &webhookReceiver{posts: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.mu.Lock()
		w.posts[r.Header.Get("X-CCHC-Delivery")]++
		w.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	w.url = srv.URL + "/hook"
	return w
}

func (w *webhookReceiver) counts() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := map[string]int{}
	for k, v := range w.posts {
		out[k] = v
	}
	return out
}

// addWebhook gives the justice office a webhook to url.
func addWebhook(t *testing.T, db *bun.DB, url string) {
	t.Helper()
	u, err := units.ByCode(t.Context(), db, demo.JusticeCode)
	require.NoError(t, err)
	require.NoError(t, reminders.CreateWebhook(t.Context(), db, &reminders.Webhook{UnitID: u.ID, Name: "Nhóm Zalo Tư pháp", URL: url}))
}

// waitLocks waits until pg_locks shows n waits matching cond (a boolean SQL
// expression over pg_locks) in the current database.
func waitLocks(t *testing.T, db *bun.DB, cond string, n int, what string) {
	t.Helper()
	q := "SELECT count(*) FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND NOT granted AND " + cond
	require.Eventually(t, func() bool {
		var got int
		return db.NewRaw(q).Scan(context.Background(), &got) == nil && got == n
	}, 2*time.Minute, 20*time.Millisecond, what)
}

// A `cchc migrate` killed while it holds the migration lock leaves every
// later command working; a second one meanwhile waits for the lock instead
// of failing (issue 10: the lock row of bun/migrate stayed and serve,
// migrate, remind and token create all failed until deleted by hand).
func TestCLIMigrateKilledHoldingTheLock(t *testing.T) {
	t.Parallel()
	url := dbtest.URL(t)
	in := newInstance(t)
	in.extraEnv = []string{"CCHC_DATABASE_URL=" + url}
	ctx := t.Context()
	db, err := database.Open(ctx, url)
	require.NoError(t, err)
	defer db.Close()

	// Hold the migrations table, so that a migrator blocks once it holds
	// its lock and reads which migrations were applied.
	tx, err := db.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback() //nolint:errcheck
	_, err = tx.ExecContext(ctx, "LOCK TABLE bun_migrations IN ACCESS EXCLUSIVE MODE")
	require.NoError(t, err)

	first := in.start("migrate")
	waitLocks(t, db, "relation = 'bun_migrations'::regclass", 1, "the first migrate blocks inside its lock")
	second := in.start("migrate")
	waitLocks(t, db, "locktype = 'advisory'", 1, "the second migrate waits for the lock")
	require.False(t, second.exited(), "the second migrate waits instead of failing")

	require.NoError(t, first.cmd.Process.Signal(syscall.SIGKILL))
	first.wait(t, 30*time.Second)
	require.NoError(t, tx.Rollback())
	require.Zero(t, second.wait(t, 2*time.Minute), "the waiting migrate goes on; stderr: %s", second.stderr)
	require.Equal(t, "no pending migrations\n", second.stdout.String())

	for _, args := range [][]string{{"migrate"}, {"demo"}, {"remind", "--now", nextWorkingMorning()}, {"token", "create", "--email", "admin@cchc.test"}} {
		r := in.run(nil, args...)
		require.Zero(t, r.code, "cchc %v after the kill: %s", args, r.stderr)
	}
	in.waitServing(in.start("serve"), 60*time.Second)
}

var createdRe = regexp.MustCompile(`notices created: (\d+), delivered: (\d+)`)

// Six `cchc remind` at once on the private server: every one exits 0, one
// does the work (or they share it), the others say a run is in progress,
// and no notice is delivered twice.
func TestCLIParallelRemind(t *testing.T) {
	t.Parallel()
	in := newInstance(t)
	require.Zero(t, in.run(nil, "demo").code)
	hook := newWebhookReceiver(t)
	db, closeDB := openPrivate(t, in.dataDir)
	addWebhook(t, db, hook.url)
	closeDB() // nobody runs the server now: one of the six starts it

	at := nextWorkingMorning()
	const n = 6
	results := make([]result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			// No require in here: run's checks belong to the test goroutine.
			results[i] = in.runQuiet("remind", "--now", at)
		})
	}
	wg.Wait()
	created, inProgress := 0, 0
	for i, r := range results {
		require.Zero(t, r.code, "run %d: %s", i, r.stderr)
		if strings.Contains(r.stdout, "in progress") {
			inProgress++
			continue
		}
		m := createdRe.FindStringSubmatch(r.stdout)
		require.NotNil(t, m, "run %d: %q", i, r.stdout)
		c, _ := strconv.Atoi(m[1])
		created += c
	}
	t.Logf("%d of %d runs found another in progress", inProgress, n)

	db, _ = openPrivate(t, in.dataDir)
	var notices, webhookDeliveries int
	require.NoError(t, db.NewRaw("SELECT count(*) FROM notices").Scan(t.Context(), &notices))
	require.NotZero(t, notices, "the demo has overdue and due-soon tasks")
	require.Equal(t, notices, created, "each notice written by exactly one run")
	require.NoError(t, db.NewRaw("SELECT count(*) FROM deliveries WHERE channel = 'webhook' AND status = 'sent'").Scan(t.Context(), &webhookDeliveries))
	require.NotZero(t, webhookDeliveries)
	got := hook.counts()
	require.Len(t, got, webhookDeliveries)
	for id, k := range got {
		require.Equal(t, 1, k, "delivery %s posted %d times", id, k)
	}

	// A run while another holds the run lock says so and exits 0.
	conn, err := db.Conn(t.Context())
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(t.Context(), "SELECT pg_advisory_lock(?)", reminders.RunLock)
	require.NoError(t, err)
	r := in.run(nil, "remind", "--now", at)
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, "another reminder run is in progress")
}

// runQuiet is run without require, for goroutines.
func (in *instance) runQuiet(args ...string) result {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := execCommand(ctx, args, in.env())
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	if err != nil {
		r.code = -1
		if ee, ok := err.(interface{ ExitCode() int }); ok {
			r.code = ee.ExitCode()
		}
		if r.stderr == "" {
			r.stderr = err.Error()
		}
	}
	return r
}

// postmasterPort reads the private server's port from its pid file.
func postmasterPort(t *testing.T, dir string) int {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "pgdata", "postmaster.pid"))
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	require.GreaterOrEqual(t, len(lines), 4)
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	require.NoError(t, err)
	return port
}

// SIGKILL of the private postmaster: the `cchc serve` that owns it starts
// it again and reconnects, /healthz answers 200 again within 30 seconds,
// and a second `cchc serve` sharing the data directory follows it to its
// new port.
func TestCLIPostmasterKilled(t *testing.T) {
	t.Parallel()
	in := newInstance(t)
	owner := in.start("serve", "--demo")
	in.waitServing(owner, 60*time.Second)
	other := &instance{t: t, dataDir: in.dataDir, addr: freeAddr(t), client: &http.Client{Timeout: 5 * time.Second}}
	reuser := other.start("serve")
	other.waitServing(reuser, 60*time.Second)
	masters := postmasters(in.dataDir)
	require.Len(t, masters, 1)
	oldPort := postmasterPort(t, in.dataDir)

	require.NoError(t, syscall.Kill(masters[0], syscall.SIGKILL))
	killed := time.Now()
	// Take the old port as soon as it is free: the server must come back
	// on another one, which the second process has to find.
	var squatter net.Listener
	for deadline := time.Now().Add(5 * time.Second); squatter == nil && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		squatter, _ = net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", oldPort))
	}
	if squatter != nil {
		defer squatter.Close()
	}

	back := func(in *instance) time.Duration {
		for {
			if code, _ := in.get("/healthz", false); code == http.StatusOK {
				return time.Since(killed)
			}
			if time.Since(killed) > 30*time.Second {
				t.Fatalf("/healthz of %s not 200 within 30 s of the kill; owner stderr:\n%s", in.addr, tail(owner.stderr.String(), 3000))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Logf("/healthz 200 again %s after SIGKILL of the postmaster (owner)", back(in).Round(time.Millisecond))
	t.Logf("/healthz 200 again %s after SIGKILL of the postmaster (second serve)", back(other).Round(time.Millisecond))
	require.Contains(t, owner.stderr.String(), "postgres exited unexpectedly", "the restart is logged")
	// The owner starts it again, or finds that the second process already
	// did; /healthz may answer a moment before that line is written.
	require.Eventually(t, func() bool {
		log := owner.stderr.String()
		return strings.Contains(log, "postgres started again") || strings.Contains(log, "another process started postgres again")
	}, 5*time.Second, 50*time.Millisecond, "the restart is logged; owner stderr:\n%s", tail(owner.stderr.String(), 3000))
	// One postmaster in the end: a start that lost the race for the data
	// directory may still be exiting for a moment.
	for deadline := time.Now().Add(10 * time.Second); len(postmasters(in.dataDir)) > 1 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	require.Len(t, postmasters(in.dataDir), 1)
	if squatter != nil {
		require.NotEqual(t, oldPort, postmasterPort(t, in.dataDir))
		t.Logf("postgres moved from port %d to %d", oldPort, postmasterPort(t, in.dataDir))
	} else {
		t.Logf("postgres came back on its port %d before the test could take it", oldPort)
	}
	// Both serve the data, and other commands find the server.
	in.checkDemo()
	var plans []planJSON
	other.fetchJSON("/api/v1/plans", &plans)
	require.NotEmpty(t, plans)
	r := in.run(nil, "migrate")
	require.Zero(t, r.code, r.stderr)
}

// Three `cchc serve` on one PostgreSQL, each with its scheduler: a session
// made on one works on the others, and together they deliver each notice
// exactly once.
func TestCLIReplicas(t *testing.T) {
	t.Parallel()
	url := dbtest.URL(t)
	first := newInstance(t)
	first.extraEnv = []string{"CCHC_DATABASE_URL=" + url, "CCHC_REMINDER_SCHEDULE=@every 1s"}
	require.Zero(t, first.run(nil, "demo").code)
	db, err := database.Open(t.Context(), url)
	require.NoError(t, err)
	defer db.Close()
	hook := newWebhookReceiver(t)
	addWebhook(t, db, hook.url)

	replicas := []*instance{first}
	for range 2 {
		r := newInstance(t)
		r.extraEnv = first.extraEnv
		replicas = append(replicas, r)
	}
	procs := make([]*process, len(replicas))
	for i, r := range replicas {
		procs[i] = r.start("serve")
	}
	for i, r := range replicas {
		r.waitServing(procs[i], 60*time.Second)
	}

	// A session made on the first replica works on the others.
	form := strings.NewReader("email=lanhdao%40cchc.test&password=" + demo.Password)
	resp, err := first.client.Post("http://"+first.addr+"/signin", "application/x-www-form-urlencoded", form)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	var session string
	for _, c := range resp.Cookies() {
		if c.Name == "cchc_session" {
			session = c.Value
		}
	}
	require.NotEmpty(t, session)
	for _, r := range replicas {
		req, err := http.NewRequest(http.MethodGet, "http://"+r.addr+"/plans", nil)
		require.NoError(t, err)
		req.Header.Set("Cookie", "cchc_session="+session)
		res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode, "replica %s: the session of another replica", r.addr)
		require.Contains(t, string(body), "Kế hoạch")
	}

	today := civil.In(time.Now())
	var holiday bool
	require.NoError(t, db.NewRaw("SELECT EXISTS (SELECT 1 FROM holidays WHERE day = ?)", today).Scan(t.Context(), &holiday))
	if today.Weekday() == time.Saturday || today.Weekday() == time.Sunday || holiday {
		t.Logf("%s is not a working day: the schedulers record nothing today; only the sessions were checked", today)
		return
	}
	// Every scheduler ticks each second; wait for several recorded runs
	// and every delivery sent (this bound only breaks a hang).
	require.Eventually(t, func() bool {
		var runs, pending int
		_ = db.NewRaw("SELECT count(*) FROM reminder_runs WHERE finished_at IS NOT NULL").Scan(t.Context(), &runs)
		_ = db.NewRaw("SELECT count(*) FROM deliveries WHERE status <> 'sent'").Scan(t.Context(), &pending)
		return runs >= 5 && pending == 0
	}, 2*time.Minute, 200*time.Millisecond, "the schedulers run and deliver")
	var notices, sent int
	require.NoError(t, db.NewRaw("SELECT count(*) FROM notices").Scan(t.Context(), &notices))
	require.NotZero(t, notices)
	require.NoError(t, db.NewRaw("SELECT count(*) FROM deliveries WHERE channel = 'webhook' AND status = 'sent'").Scan(t.Context(), &sent))
	require.NotZero(t, sent)
	got := hook.counts()
	require.Len(t, got, sent, "every webhook delivery posted")
	for id, k := range got {
		require.Equal(t, 1, k, "delivery %s posted %d times", id, k)
	}
	ran := 0
	for _, p := range procs {
		if strings.Contains(p.stderr.String(), "msg=\"reminders run\"") {
			ran++
		}
	}
	t.Logf("%d notices, %d webhook posts; %d of 3 replicas recorded runs", notices, sent, ran)
}

// tableHashes is, for every table of the database, a hash of its rows in a
// stable order: two databases with the same hashes hold the same data.
func tableHashes(t *testing.T, db *bun.DB) map[string]string {
	t.Helper()
	var tables []string
	require.NoError(t, db.NewRaw("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").Scan(t.Context(), &tables))
	out := map[string]string{}
	for _, tbl := range tables {
		var h string
		require.NoError(t, db.NewRaw("SELECT coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') FROM ? AS x", bun.Ident(tbl)).Scan(t.Context(), &h))
		out[tbl] = h
	}
	return out
}

// evidenceSums are the checksums of the stored evidence files, computed
// from their bytes, by id.
func evidenceSums(t *testing.T, db *bun.DB) map[int64]string {
	t.Helper()
	var rows []struct {
		ID     int64  `bun:"id"`
		Sum    string `bun:"sum"`
		Stored string `bun:"stored"`
	}
	require.NoError(t, db.NewRaw("SELECT id, encode(sha256(data), 'hex') AS sum, encode(sha256, 'hex') AS stored FROM evidence_files ORDER BY id").Scan(t.Context(), &rows))
	out := map[int64]string{}
	for _, r := range rows {
		require.Equal(t, r.Stored, r.Sum, "file %d matches its recorded checksum", r.ID)
		out[r.ID] = r.Sum
	}
	return out
}

// planStats are the statistics of every plan at the given days, as the API
// gives them.
func (in *instance) planStats(days ...string) map[string]string {
	in.t.Helper()
	var plans []planJSON
	in.fetchJSON("/api/v1/plans?limit=500", &plans)
	require.NotEmpty(in.t, plans)
	out := map[string]string{}
	for _, p := range plans {
		for _, d := range days {
			key := fmt.Sprintf("%d@%s", p.ID, d)
			out[key] = in.fetchAPI(fmt.Sprintf("/api/v1/plans/%d/stats?as_of=%s", p.ID, d))
		}
	}
	return out
}

// The demo with evidence files, backed up from the running embedded server
// and restored into a fresh data directory: every plan's statistics and
// every file's checksum are the same; a second restore is refused.
func TestCLIBackupRestore(t *testing.T) {
	t.Parallel()
	a := newInstance(t)
	srv := a.start("serve", "--demo")
	a.waitServing(srv, 60*time.Second)
	a.checkDemo()

	// Evidence files, posted through the page as the demo admin.
	var plans []planJSON
	a.fetchJSON("/api/v1/plans", &plans)
	var plan struct {
		Areas []struct {
			Tasks []struct {
				ID      int64 `json:"id"`
				Version int   `json:"version"`
			} `json:"tasks"`
		} `json:"areas"`
	}
	a.fetchJSON(fmt.Sprintf("/api/v1/plans/%d", plans[len(plans)-1].ID), &plan)
	tk := plan.Areas[0].Tasks[0]
	png := tinyPNG()
	pdf := structuredPDF("Quyết định số 45/QĐ-UBND")
	body, ct := multipartEvidence(t, map[string]string{"percent": "60", "note": "Kèm văn bản", "version": strconv.Itoa(tk.Version)},
		map[string][]byte{"quyet-dinh.pdf": pdf, "anh-chup.png": png})
	a.fetchPage("/plans") // signs the client in
	resp, err := a.client.Post(fmt.Sprintf("http://%s/tasks/%d/progress", a.addr, tk.ID), ct, body)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)

	days := []string{"2024-09-20", civil.In(time.Now()).String()}
	stats := a.planStats(days...)
	db, _ := openPrivate(t, a.dataDir)
	sums := evidenceSums(t, db)
	require.Len(t, sums, 2)
	require.Contains(t, slices.Collect(mapValues(sums)), hex.EncodeToString(sha256Of(pdf)))

	archive := filepath.Join(t.TempDir(), "cchc.backup")
	r := a.run(nil, "backup", "-o", archive)
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, archive)
	require.Contains(t, r.stdout, "2 evidence files")
	st, err := os.Stat(archive)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the archive holds password hashes: owner only")

	before := tableHashes(t, db)

	b := newInstance(t)
	r = b.run(nil, "restore", archive)
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, "2 evidence files")
	bdb, closeB := openPrivate(t, b.dataDir)
	require.Equal(t, before, tableHashes(t, bdb), "every row of every table")
	require.Equal(t, sums, evidenceSums(t, bdb), "every evidence file")
	closeB()
	r = b.run(nil, "restore", archive)
	require.NotZero(t, r.code, "a non-empty database is refused")
	require.Len(t, nonEmptyLines(r.stderr), 1, "one line: %q", r.stderr)
	require.Contains(t, r.stderr, "not empty")

	bsrv := b.start("serve")
	b.waitServing(bsrv, 60*time.Second)
	require.Equal(t, stats, b.planStats(days...), "every plan's statistics")
}

// The same with CCHC_DATABASE_URL, into a new empty database; a database
// holding the schema already is refused, and a file that is no archive.
func TestCLIBackupRestoreURL(t *testing.T) {
	t.Parallel()
	src := newInstance(t)
	srcURL := dbtest.URL(t)
	src.extraEnv = []string{"CCHC_DATABASE_URL=" + srcURL}
	require.Zero(t, src.run(nil, "demo").code)
	archive := filepath.Join(t.TempDir(), "cchc.backup")
	r := src.run(nil, "backup", "-o", archive)
	require.Zero(t, r.code, r.stderr)

	dst := newInstance(t)
	dstURL := dbtest.EmptyURL(t)
	dst.extraEnv = []string{"CCHC_DATABASE_URL=" + dstURL}
	r = dst.run(nil, "restore", archive)
	require.Zero(t, r.code, r.stderr)
	srcDB, err := database.Open(t.Context(), srcURL)
	require.NoError(t, err)
	defer srcDB.Close()
	dstDB, err := database.Open(t.Context(), dstURL)
	require.NoError(t, err)
	defer dstDB.Close()
	require.Equal(t, tableHashes(t, srcDB), tableHashes(t, dstDB))
	r = dst.run(nil, "migrate")
	require.Zero(t, r.code, r.stderr)
	require.Equal(t, "no pending migrations\n", r.stdout, "the archive carries the migration history")

	migrated := newInstance(t)
	migrated.extraEnv = []string{"CCHC_DATABASE_URL=" + dbtest.URL(t)}
	r = migrated.run(nil, "restore", archive)
	require.NotZero(t, r.code)
	require.Len(t, nonEmptyLines(r.stderr), 1, "%q", r.stderr)
	require.Contains(t, r.stderr, "not empty")

	bogus := filepath.Join(t.TempDir(), "bogus")
	require.NoError(t, os.WriteFile(bogus, []byte("not an archive"), 0o600))
	empty := newInstance(t)
	empty.extraEnv = []string{"CCHC_DATABASE_URL=" + dbtest.EmptyURL(t)}
	r = empty.run(nil, "restore", bogus)
	require.NotZero(t, r.code)
	require.Len(t, nonEmptyLines(r.stderr), 1, "%q", r.stderr)
	require.Contains(t, r.stderr, "not an archive")
	for _, args := range [][]string{{"backup"}, {"restore"}, {"restore", "a", "b"}} {
		r := empty.run(nil, args...)
		require.NotZero(t, r.code, "%v", args)
		require.Len(t, nonEmptyLines(r.stderr), 1)
	}
}

func mapValues(m map[int64]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

func sha256Of(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:]
}

func execCommand(ctx context.Context, args, env []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, cchcBin, args...)
	cmd.Env = env
	return cmd
}

// tinyPNG is a valid 2×2 PNG.
func tinyPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// structuredPDF is a PDF with header, objects, cross-reference table,
// trailer, startxref and %%EOF.
func structuredPDF(note string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n% " + note + "\n")
	o1 := b.Len()
	b.WriteString("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer << /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", o1, o2, xref)
	return b.Bytes()
}

// multipartEvidence is a progress form with evidence files.
func multipartEvidence(t *testing.T, fields map[string]string, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	for name, data := range files {
		fw, err := mw.CreateFormFile("evidence_file", name)
		require.NoError(t, err)
		_, err = fw.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return &buf, mw.FormDataContentType()
}
