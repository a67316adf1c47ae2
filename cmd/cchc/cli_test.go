package main

// The acceptance path: the real binary, a real private PostgreSQL, HTTP.
// Each test has its own data directory and its own port, and kills whatever
// it started (the cchc processes, and any postgres left on its directory).

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
)

// cchcBin is the binary built once for this test run.
var cchcBin string

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "cchc-cli-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	cchcBin = filepath.Join(dir, "cchc")
	build := exec.Command("go", "build", "-o", cchcBin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build cchc:", err)
		return 1
	}
	// dbtest: the tests that point cchc at CCHC_DATABASE_URL.
	return dbtest.Run(m)
}

// instance is one deployment: a data directory and a listen address.
type instance struct {
	t       *testing.T
	dataDir string
	addr    string
	client  *http.Client

	// extraEnv is added to the environment of every command (e.g.
	// CCHC_DATABASE_URL).
	extraEnv []string

	mu    sync.Mutex
	token string // set once the API asked for one
}

func newInstance(t *testing.T) *instance {
	t.Helper()
	// Not t.TempDir: as root the server runs as the postgres user, which
	// must be able to enter every directory on the way.
	dir, err := os.MkdirTemp("/tmp", "cchc-cli-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	in := &instance{
		t:       t,
		dataDir: dir,
		addr:    freeAddr(t),
		client: &http.Client{
			Jar:           jar,
			Timeout:       15 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	// Registered first, so it runs last: after every process this test
	// started has been killed.
	t.Cleanup(func() {
		for _, p := range postgresOn(dir) {
			_ = syscall.Kill(p.pid, syscall.SIGKILL)
		}
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(dir, "postgres.log")); err == nil {
				t.Logf("postgres.log (tail):\n%s", tail(string(b), 3000))
			}
		}
		in.client.CloseIdleConnections()
		_ = os.RemoveAll(dir)
	})
	return in
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// env is this process's environment without any CCHC_ setting, plus ours.
func (in *instance) env(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CCHC_") {
			env = append(env, kv)
		}
	}
	env = append(env, "CCHC_DATA_DIR="+in.dataDir, "CCHC_ADDR="+in.addr)
	env = append(env, in.extraEnv...)
	return append(env, extra...)
}

type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// run runs cchc to completion (at most two minutes).
func (in *instance) run(extraEnv []string, args ...string) result {
	in.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cchcBin, args...)
	cmd.Env = in.env(extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		require.NoError(in.t, err, "run cchc %v", args)
	}
	require.NoError(in.t, ctx.Err(), "cchc %v took too long; stderr:\n%s", args, r.stderr)
	return r
}

// lockedBuffer collects a running process's output.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// process is a cchc command running in the background.
type process struct {
	cmd            *exec.Cmd
	stdout, stderr *lockedBuffer
	done           chan struct{}
	err            error // once done is closed
}

func (in *instance) start(args ...string) *process {
	in.t.Helper()
	cmd := exec.Command(cchcBin, args...)
	cmd.Env = in.env()
	p := &process{cmd: cmd, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.stdout, p.stderr
	require.NoError(in.t, cmd.Start())
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	in.t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = cmd.Process.Kill()
			<-p.done
		}
		if in.t.Failed() {
			in.t.Logf("cchc %v (pid %d) stdout:\n%s\nstderr (tail):\n%s", args, cmd.Process.Pid, p.stdout, tail(p.stderr.String(), 4000))
		}
	})
	return p
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait waits for the process to end and returns its exit status.
func (p *process) wait(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(timeout):
		t.Fatalf("cchc (pid %d) still runs after %s", p.cmd.Process.Pid, timeout)
	}
	var exit *exec.ExitError
	if errors.As(p.err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return exit.ExitCode()
	}
	require.NoError(t, p.err)
	return 0
}

// waitServing waits until p has printed its URL and /healthz answers 200.
func (in *instance) waitServing(p *process, timeout time.Duration) time.Duration {
	in.t.Helper()
	start := time.Now()
	deadline := start.Add(timeout)
	base := "http://" + in.addr
	for {
		if p.exited() {
			in.t.Fatalf("cchc serve exited (%v) before serving; stderr:\n%s", p.err, tail(p.stderr.String(), 4000))
		}
		if strings.Contains(p.stdout.String(), base) {
			if code, _ := in.get("/healthz", false); code == http.StatusOK {
				return time.Since(start)
			}
		}
		if time.Now().After(deadline) {
			in.t.Fatalf("cchc serve not serving %s/healthz after %s; stdout:\n%s\nstderr:\n%s", base, timeout, p.stdout, tail(p.stderr.String(), 4000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (in *instance) get(path string, auth bool) (int, string) {
	in.t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+in.addr+path, nil)
	require.NoError(in.t, err)
	if auth {
		req.Header.Set("Authorization", "Bearer "+in.apiToken())
	}
	resp, err := in.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(in.t, err)
	return resp.StatusCode, string(b)
}

// apiToken returns the admin's API token, created on first use with
// `cchc token create` (for when the API requires authentication).
func (in *instance) apiToken() string {
	in.t.Helper()
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.token == "" {
		r := in.run(nil, "token", "create", "--email", "admin@cchc.test")
		require.Zero(in.t, r.code, "the API asks for a token but `cchc token create` failed: %s", r.stderr)
		tok := strings.TrimSpace(r.stdout)
		require.NotEmpty(in.t, tok)
		require.NotContains(in.t, tok, "\n", "the token alone, on one line")
		in.token = tok
	}
	return in.token
}

func (in *instance) authenticated() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.token != ""
}

// fetchAPI gets an API path, anonymously first, then with the admin's
// token if the API asks for one; it requires a 200.
func (in *instance) fetchAPI(path string) string {
	in.t.Helper()
	code, body := in.get(path, in.authenticated())
	if code == http.StatusUnauthorized && !in.authenticated() {
		code, body = in.get(path, true)
	}
	require.Equal(in.t, http.StatusOK, code, "GET %s: %s", path, tail(body, 2000))
	return body
}

func (in *instance) fetchJSON(path string, v any) {
	in.t.Helper()
	body := in.fetchAPI(path)
	require.NoError(in.t, json.Unmarshal([]byte(body), v), "GET %s: %s", path, tail(body, 2000))
}

// fetchPage gets an HTML page; when sent to sign in, it signs in as the demo
// admin (a session cookie, kept in the client's jar) and tries again.
func (in *instance) fetchPage(path string) string {
	in.t.Helper()
	code, body := in.get(path, false)
	if code == http.StatusSeeOther || code == http.StatusFound || code == http.StatusUnauthorized {
		form := url.Values{"email": {"admin@cchc.test"}, "password": {"cchc-demo"}, "next": {path}}
		resp, err := in.client.PostForm("http://"+in.addr+"/signin", form)
		require.NoError(in.t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(in.t, http.StatusSeeOther, resp.StatusCode, "sign in as the demo admin: %s", tail(string(b), 2000))
		code, body = in.get(path, false)
	}
	require.Equal(in.t, http.StatusOK, code, "GET %s: %s", path, tail(body, 2000))
	return body
}

type planJSON struct {
	ID     int64  `json:"id"`
	Year   int    `json:"year"`
	Title  string `json:"title"`
	Number string `json:"number"`
	State  string `json:"state"`
	Unit   struct {
		Code string `json:"code"`
		Name string `json:"name"`
	} `json:"unit"`
}

type statsJSON struct {
	AsOf       string  `json:"as_of"`
	Total      int     `json:"total"`
	Completed  int     `json:"completed"`
	Continuous int     `json:"continuous"`
	Overdue    int     `json:"overdue"`
	Percent    float64 `json:"percent_completed"`
}

// checkDemo checks the demo data through the API and the plan page, and
// returns the plans.
func (in *instance) checkDemo() []planJSON {
	in.t.Helper()
	var plans []planJSON
	in.fetchJSON("/api/v1/plans", &plans)
	require.Len(in.t, plans, 2+len(demo.UnitProfiles), "the city's plan of 2024, the province's of the current year and its units': %+v", plans)
	var p2024 *planJSON
	for i := range plans {
		if plans[i].Year == 2024 {
			p2024 = &plans[i]
		}
	}
	require.NotNil(in.t, p2024, "a 2024 plan: %+v", plans)
	require.NotEmpty(in.t, p2024.Title)
	require.NotEmpty(in.t, p2024.Unit.Code)

	var st statsJSON
	in.fetchJSON(fmt.Sprintf("/api/v1/plans/%d/stats?as_of=2024-09-20", p2024.ID), &st)
	require.Equal(in.t, "2024-09-20", st.AsOf)
	require.Equal(in.t, 59, st.Total)
	require.Equal(in.t, 54, st.Completed)
	require.Equal(in.t, 91.5, st.Percent)
	require.Equal(in.t, 5, st.Continuous)
	require.Zero(in.t, st.Overdue)

	page := in.fetchPage(fmt.Sprintf("/plans/%d?as_of=2024-09-20", p2024.ID))
	require.Contains(in.t, page, "54/59 nhiệm vụ, đạt 91,5%")
	return plans
}

// pgProc is a postgres process serving some data directory.
type pgProc struct {
	pid, ppid int
	master    bool
	cmdline   string
}

// postgresOn lists the live postgres processes of dir: each postmaster whose
// command line names dir, and its children (whose titles do not).
func postgresOn(dir string) []pgProc {
	entries, _ := os.ReadDir("/proc")
	type info struct {
		ppid    int
		cmdline string
	}
	procs := map[int]info{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || len(cmdline) == 0 { // gone, or a zombie
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// "pid (comm) state ppid …"; comm may hold spaces and parentheses.
		s := string(stat)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(fields) < 2 || fields[0] == "Z" || fields[0] == "X" {
			continue
		}
		ppid, _ := strconv.Atoi(fields[1])
		procs[pid] = info{ppid, strings.TrimSpace(strings.ReplaceAll(string(cmdline), "\x00", " "))}
	}
	var out []pgProc
	masters := map[int]bool{}
	for pid, p := range procs {
		if strings.Contains(p.cmdline, "postgres") && strings.Contains(p.cmdline, dir) {
			masters[pid] = true
			out = append(out, pgProc{pid, p.ppid, true, p.cmdline})
		}
	}
	for pid, p := range procs {
		if masters[p.ppid] && !masters[pid] {
			out = append(out, pgProc{pid, p.ppid, false, p.cmdline})
		}
	}
	return out
}

func postmasters(dir string) []int {
	var pids []int
	for _, p := range postgresOn(dir) {
		if p.master {
			pids = append(pids, p.pid)
		}
	}
	return pids
}

// alive tells whether pid runs (a zombie does not).
func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// requireGone requires every process of family to have ended within 10 s.
// A dying process loses its command line before /proc shows it gone, so a
// single look just after waitNoPostgres can catch it mid-exit.
func requireGone(t *testing.T, family []pgProc) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for _, p := range family {
		for alive(p.pid) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		require.False(t, alive(p.pid), "postgres process %d (%s) still runs", p.pid, p.cmdline)
	}
}

// waitNoPostgres requires that no postgres process serves dir within timeout.
func waitNoPostgres(t *testing.T, dir string, timeout time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		left := postgresOn(dir)
		if len(left) == 0 {
			return time.Since(start)
		}
		if time.Since(start) > timeout {
			t.Fatalf("postgres processes still serve %s after %s: %+v", dir, timeout, left)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// contractVariables are the settings docs/CONTRACT.md lists.
var contractVariables = []string{
	"CCHC_ADDR", "CCHC_DATABASE_URL", "CCHC_DATA_DIR", "CCHC_BASE_URL", "CCHC_SMTP_URL", "CCHC_REMINDER_SCHEDULE", "CCHC_TRUSTED_PROXIES",
}

func TestCLIHelp(t *testing.T) {
	t.Parallel()
	in := &instance{t: t, dataDir: "/nonexistent/cchc-help", addr: "127.0.0.1:1"}
	for _, flag := range []string{"--help", "-h", "help"} {
		// Help needs no valid configuration.
		r := in.run([]string{"CCHC_REMINDER_SCHEDULE=never"}, flag)
		require.Zero(t, r.code, "cchc %s: %s", flag, r.stderr)
		for _, v := range contractVariables {
			require.Contains(t, r.stdout, v, "cchc %s lists %s", flag, v)
		}
		for _, v := range variables {
			require.Contains(t, r.stdout, v.name)
		}
		for _, cmd := range []string{"serve", "migrate", "demo", "backup -o FILE", "restore FILE"} {
			require.Contains(t, r.stdout, "cchc "+cmd)
		}
		require.Contains(t, r.stdout, "0 7 * * 1-5", "defaults are shown")
	}
}

func TestCLIErrors(t *testing.T) {
	t.Parallel()
	in := newInstance(t)

	r := in.run(nil, "frobnicate")
	require.NotZero(t, r.code)
	require.Empty(t, r.stdout)
	lines := nonEmptyLines(r.stderr)
	require.Len(t, lines, 1, "a one-line reason: %q", r.stderr)
	require.True(t, strings.HasPrefix(lines[0], "cchc: "), lines[0])
	require.Contains(t, lines[0], "frobnicate")

	r = in.run(nil)
	require.NotZero(t, r.code, "no command at all")
	require.NotEmpty(t, nonEmptyLines(r.stderr))

	r = in.run(nil, "serve", "--no-such-flag")
	require.NotZero(t, r.code)
	require.Contains(t, r.stderr, "no-such-flag")

	// A bad setting is refused before anything starts, in one line naming it.
	for _, bad := range []string{"CCHC_ADDR=nowhere", "CCHC_BASE_URL=example.vn", "CCHC_SMTP_URL=mail:25", "CCHC_REMINDER_SCHEDULE=daily"} {
		r = in.run([]string{bad}, "migrate")
		require.Equal(t, 1, r.code, bad)
		name, _, _ := strings.Cut(bad, "=")
		lines := nonEmptyLines(r.stderr)
		require.Len(t, lines, 1, "%s: one line: %q", bad, r.stderr)
		require.True(t, strings.HasPrefix(lines[0], "cchc: "), lines[0])
		require.Contains(t, lines[0], name)
	}
	_, err := os.Stat(filepath.Join(in.dataDir, "pgdata"))
	require.ErrorIs(t, err, os.ErrNotExist, "no cluster was created for a refused configuration")
}

// TestCLIMigrateAndDemoAlone runs the one-shot commands with nobody serving:
// each starts the private server, and stops it when done.
func TestCLIMigrateAndDemoAlone(t *testing.T) {
	t.Parallel()
	in := newInstance(t)

	r := in.run(nil, "migrate")
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, "applied ")
	require.NotContains(t, r.stdout, "no pending migrations")
	require.Empty(t, postgresOn(in.dataDir), "the server this command started is gone")
	t.Logf("first migrate (initdb + migrations): %s", r.took.Round(time.Millisecond))

	r = in.run(nil, "migrate")
	require.Zero(t, r.code, r.stderr)
	require.Equal(t, "no pending migrations\n", r.stdout)

	r = in.run(nil, "demo")
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, "demo data loaded")
	require.Contains(t, r.stdout, fmt.Sprintf("%d plans", 2+len(demo.UnitProfiles)))
	require.Empty(t, postgresOn(in.dataDir))
	t.Logf("demo load: %s", r.took.Round(time.Millisecond))

	r = in.run(nil, "demo")
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, "nothing")
	require.NotContains(t, r.stdout, "demo data loaded")
}

func TestCLIServeDemo(t *testing.T) {
	t.Parallel()
	in := newInstance(t)

	// First start: creates the cluster, migrates, loads the demo, serves.
	srv := in.start("serve", "--demo")
	took := in.waitServing(srv, 60*time.Second)
	t.Logf("first serve --demo ready in %s", took.Round(time.Millisecond))
	require.Contains(t, srv.stdout.String(), "http://"+in.addr)

	plans := in.checkDemo()
	t.Logf("API authenticated with a token from `cchc token create`: %v", in.authenticated())
	if in.authenticated() {
		// With accounts in place the demo logins are printed (docs/CONTRACT.md).
		for _, email := range []string{"admin@cchc.test", "lanhdao@cchc.test", "noivu@cchc.test", "tuphap@cchc.test", "xem@cchc.test"} {
			require.Contains(t, srv.stdout.String(), email)
		}
	}
	masters := postmasters(in.dataDir)
	require.Len(t, masters, 1, "one private server: %+v", postgresOn(in.dataDir))

	// Other commands on the same directory reuse the running server.
	r := in.run(nil, "migrate")
	require.Zero(t, r.code, r.stderr)
	require.Equal(t, "no pending migrations\n", r.stdout)
	t.Logf("migrate beside serve: %s", r.took.Round(time.Millisecond))

	r = in.run(nil, "demo")
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, "nothing", "the demo is already there: %q", r.stdout)
	t.Logf("demo beside serve: %s", r.took.Round(time.Millisecond))

	require.Equal(t, masters, postmasters(in.dataDir), "the same postmaster, neither restarted nor stopped")
	code, _ := in.get("/healthz", false)
	require.Equal(t, http.StatusOK, code, "serve still reaches its database after the others ended")
	var again []planJSON
	in.fetchJSON("/api/v1/plans", &again)
	require.Equal(t, plans, again)

	// SIGKILL: the private server must not outlive it.
	family := postgresOn(in.dataDir)
	require.Greater(t, len(family), 1, "the postmaster and its workers: %+v", family)
	require.NoError(t, srv.cmd.Process.Signal(syscall.SIGKILL))
	srv.wait(t, 10*time.Second)
	gone := waitNoPostgres(t, in.dataDir, 10*time.Second)
	requireGone(t, family) // backends and workers too, whose titles do not name the directory
	t.Logf("postgres gone %s after SIGKILL of serve", gone.Round(time.Millisecond))
	code, _ = in.get("/healthz", false)
	require.Zero(t, code, "nothing listens any more")

	// Second start on the same directory: the same data, the demo not loaded twice.
	srv = in.start("serve", "--demo")
	took = in.waitServing(srv, 60*time.Second)
	t.Logf("second serve --demo ready in %s", took.Round(time.Millisecond))
	require.Equal(t, plans, in.checkDemo(), "exactly the same 2 plans")
	require.Len(t, postmasters(in.dataDir), 1)

	// SIGINT: a clean exit that takes the server down with it.
	family = postgresOn(in.dataDir)
	require.NoError(t, srv.cmd.Process.Signal(os.Interrupt))
	start := time.Now()
	require.Zero(t, srv.wait(t, 30*time.Second), "exit status after SIGINT; stderr:\n%s", tail(srv.stderr.String(), 2000))
	t.Logf("serve exited %s after SIGINT", time.Since(start).Round(time.Millisecond))
	require.Empty(t, postgresOn(in.dataDir), "no postgres left once serve has exited")
	requireGone(t, family)
}

// runIn is run with standard input.
func (in *instance) runIn(stdin string, args ...string) result {
	in.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cchcBin, args...)
	cmd.Env = in.env()
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.code = exit.ExitCode()
	} else {
		require.NoError(in.t, err)
	}
	return r
}

func TestCLIUserAddAndToken(t *testing.T) {
	t.Parallel()
	in := newInstance(t)
	require.Zero(t, in.run(nil, "demo").code)

	add := []string{"user", "add", "--email", "Chuyenvien@SoTuPhap.gov.vn", "--name", "Nguyễn Thị Hoa", "--role", "officer", "--unit", "PTP"}
	r := in.runIn("mat-khau-rat-manh\n", add...)
	require.Zero(t, r.code, r.stderr)
	require.Regexp(t, `^[0-9]+\n$`, r.stdout, "the user id alone")

	for _, c := range []struct {
		stdin string
		args  []string
		says  string
	}{
		{"mat-khau-rat-manh\n", add, "already in use"},
		{"", []string{"user", "add", "--email", "b@cchc.test", "--name", "B", "--role", "officer", "--unit", "PTP"}, "no password"},
		{"ngan\n", []string{"user", "add", "--email", "c@cchc.test", "--name", "C", "--role", "officer", "--unit", "PTP"}, "ít nhất 8"},
		{"mat-khau-rat-manh\n", []string{"user", "add", "--email", "d@cchc.test", "--name", "D", "--role", "boss", "--unit", "PTP"}, "boss"},
		{"mat-khau-rat-manh\n", []string{"user", "add", "--email", "e@cchc.test", "--name", "E", "--role", "viewer", "--unit", "NOPE"}, "NOPE"},
		{"mat-khau-rat-manh\n", []string{"user", "add", "--email", "f@cchc.test"}, "--name"},
		{"", []string{"token", "create", "--email", "nobody@cchc.test"}, "nobody@cchc.test"},
	} {
		r := in.runIn(c.stdin, c.args...)
		require.NotZero(t, r.code, "%v", c.args)
		require.Len(t, nonEmptyLines(r.stderr), 1, "one line: %q", r.stderr)
		require.Contains(t, r.stderr, c.says)
	}

	r = in.runIn("", "token", "create", "--email", "chuyenvien@sotuphap.gov.vn")
	require.Zero(t, r.code, r.stderr)
	require.Regexp(t, `^cchc_[a-z2-7]{52}\n$`, r.stdout, "the token alone, on one line")
	tok := strings.TrimSpace(r.stdout)

	p := in.start("serve")
	in.waitServing(p, 60*time.Second)
	req, err := http.NewRequest(http.MethodGet, "http://"+in.addr+"/api/v1/me", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := in.client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var me struct{ Email, Role string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&me))
	require.Equal(t, "chuyenvien@sotuphap.gov.vn", me.Email)
	require.Equal(t, "officer", me.Role)
}

func TestCLIReport(t *testing.T) {
	t.Parallel()
	in := newInstance(t)
	require.Zero(t, in.run(nil, "demo").code)
	out := filepath.Join(in.dataDir, "bao-cao.docx")
	r := in.run(nil, "report", "--plan", "1", "--period", "9m", "--format", "docx", "-o", out)
	require.Zero(t, r.code, r.stderr)
	require.Empty(t, r.stdout, "nothing on success")
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var doc string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			require.NoError(t, err)
			x, err := io.ReadAll(rc)
			require.NoError(t, err)
			doc = string(x)
		}
	}
	require.Contains(t, doc, "54/59")
	require.Contains(t, doc, "91,5%")

	xl := filepath.Join(in.dataDir, "phu-luc.xlsx")
	require.Zero(t, in.run(nil, "report", "--plan", "1", "--period", "9m", "--format", "xlsx", "-o", xl).code)
	st, err := os.Stat(xl)
	require.NoError(t, err)
	require.Greater(t, st.Size(), int64(1000))

	for _, args := range [][]string{
		{"report", "--plan", "1", "--period", "q5", "--format", "docx", "-o", out},
		{"report", "--plan", "1", "--period", "9m", "--format", "pdf", "-o", out},
		{"report", "--plan", "999", "--period", "9m", "--format", "docx", "-o", out},
		{"report", "--plan", "1", "--period", "9m"},
	} {
		r := in.run(nil, args...)
		require.NotZero(t, r.code, "%v", args)
		require.Len(t, nonEmptyLines(r.stderr), 1, "%q", r.stderr)
	}
}

func TestCLIRemind(t *testing.T) {
	t.Parallel()
	in := newInstance(t)
	require.Zero(t, in.run(nil, "demo").code)
	// The next working-day morning after the demo was loaded.
	day := time.Now().In(civil.Zone).AddDate(0, 0, 1)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), 7, 0, 0, 0, civil.Zone).Format(time.RFC3339)

	r := in.run(nil, "remind", "--now", at)
	require.Zero(t, r.code, r.stderr)
	m := regexp.MustCompile(`notices created: (\d+), delivered: (\d+)`).FindStringSubmatch(r.stdout)
	require.NotNil(t, m, r.stdout)
	require.NotEqual(t, "0", m[1], "the demo has overdue and due-soon tasks: %s", r.stdout)

	r = in.run(nil, "remind", "--now", at)
	require.Zero(t, r.code, r.stderr)
	require.Contains(t, r.stdout, "notices created: 0, delivered: 0", "run again, nothing new")

	r = in.run(nil, "remind", "--now", "tomorrow")
	require.NotZero(t, r.code)
	require.Len(t, nonEmptyLines(r.stderr), 1)
}
