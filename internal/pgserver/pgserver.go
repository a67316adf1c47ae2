// Package pgserver runs the private PostgreSQL server that cchc uses when no
// database URL is configured.
//
// The cluster lives in <DataDir>/pgdata and is created once with the locally
// installed server binaries. It listens on 127.0.0.1 only, on a free port
// chosen at each start, with trust authentication and no unix socket, so it
// never collides with a system server. A second cchc process on the same
// DataDir reuses the running server instead of starting another; the server
// stops with the process that started it, even if that process is killed.
package pgserver

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

const (
	// Superuser is the role initdb creates; it owns every database.
	Superuser = "cchc"
	// Database is the database created after the first start.
	Database = "cchc"

	clusterDir = "pgdata"
	lockFile   = "pgserver.lock"
	logFile    = "postgres.log"

	readyTimeout = 30 * time.Second
	stopTimeout  = 60 * time.Second
)

// Options configure Start.
type Options struct {
	// DataDir holds the cluster (DataDir/pgdata), the server log
	// (DataDir/postgres.log) and the lock file serialising starts.
	DataDir string
	// Logger receives start, reuse and stop events; nil means slog.Default().
	Logger *slog.Logger
	// Fast trades durability for speed (initdb --no-sync; fsync,
	// synchronous_commit and full_page_writes off) and allows more
	// connections. Tests only: a crash can corrupt the cluster.
	Fast bool
}

// Server is a running private PostgreSQL server, either started by this
// process (owned) or found running on the same DataDir (reused).
//
// A Server watches its postmaster until Stop. When an owned one dies
// (killed, crashed), it is started again — after its orphaned backends have
// gone, on the same port if it is still free, with bounded retries and
// backoff, every step logged — and connections made afterwards reach it
// (Port). A reused one follows the postmaster to its new port; if the
// process that owned it is gone and nobody starts it again, the reusing
// process starts it and owns it from then on.
type Server struct {
	dataDir string
	logger  *slog.Logger
	run     runner // to start it again
	fast    bool

	mu     sync.Mutex
	port   int
	pid    int
	owned  bool
	proc   *os.Process   // set only when owned
	exited chan struct{} // closed when the owned postmaster has exited

	// presence is a session a reusing process holds for its lifetime, so
	// that the owner, stopping, sees it is still in use (see stop).
	presence *pgconn.PgConn

	stopping      chan struct{} // closed by Stop
	superviseDone chan struct{} // closed when the watcher has returned
	stopOnce      sync.Once
	stopErr       error
}

// Supervision of the server.
const (
	// maxRestarts bounds the attempts to start a dead postmaster again.
	maxRestarts = 6
	// firstBackoff is the wait after the first failed attempt, doubled
	// after each next one up to maxBackoff.
	firstBackoff = 500 * time.Millisecond
	maxBackoff   = 8 * time.Second
	// watchEvery is how often a reusing process looks at the postmaster.
	watchEvery = 500 * time.Millisecond
	// takeOverAfter is how long a reusing process leaves the owner to
	// start a dead postmaster again before starting it itself.
	takeOverAfter = 10 * time.Second
	// handOverWait is how long an owner that stops waits for the other
	// processes using the server to finish.
	handOverWait = 30 * time.Second
)

// errStopping ends a restart: Stop was called.
var errStopping = errors.New("pgserver: stopping")

// Start returns the server running on opts.DataDir, starting it (after
// creating the cluster on first use) if none runs. An exclusive lock on
// DataDir/pgserver.lock makes concurrent Starts agree on a single server.
// Either way the cchc database exists once Start returns.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.DataDir == "" {
		return nil, errors.New("pgserver: no data directory")
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("pgserver: %w", err)
	}
	bindir, err := findBindir(clusterVersion(filepath.Join(dataDir, clusterDir)))
	if err != nil {
		return nil, err
	}
	owner, err := clusterOwner()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("pgserver: %w", err)
	}
	if owner != nil {
		if err := checkTraversable(dataDir, owner); err != nil {
			return nil, err
		}
	}

	unlock, err := lock(ctx, filepath.Join(dataDir, lockFile))
	if err != nil {
		return nil, err
	}
	defer unlock()

	s := &Server{
		dataDir: dataDir, logger: logger, fast: opts.Fast,
		run:      runner{bindir: bindir, owner: owner, dataDir: dataDir, logger: logger},
		stopping: make(chan struct{}), superviseDone: make(chan struct{}),
	}
	pid, port, err := s.running(ctx)
	if err != nil {
		return nil, err
	}
	if pid != 0 {
		s.pid, s.port = pid, port
		logger.Info("pgserver: reusing running server", "data_dir", dataDir, "pid", pid, "port", port)
		// Whoever started it may not have made the database (another
		// program, or a start interrupted before the creation).
		if err := s.ensureDatabase(ctx); err != nil {
			return nil, err
		}
		// Connected before the lock is released: an owner stopping now
		// sees this process.
		if s.presence, err = pgconn.Connect(ctx, s.URL("postgres")+"&application_name=cchc-reuser"); err != nil {
			return nil, fmt.Errorf("pgserver: connect: %w", err)
		}
		go s.supervise()
		return s, nil
	}

	if err := s.run.initdb(ctx, opts.Fast); err != nil {
		return nil, err
	}
	if err := s.run.start(ctx, s, opts.Fast, 0); err != nil {
		return nil, err
	}
	if err := s.ensureDatabase(ctx); err != nil {
		s.kill()
		return nil, err
	}
	go s.supervise()
	return s, nil
}

// URL is a connection URL for dbname on this server, on its current port
// (connections made after a restart need Port).
func (s *Server) URL(dbname string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", Superuser, s.Port(), url.PathEscape(dbname))
}

// Port is the port the server listens on now: after a restart it may be
// another one, which a reusing process reads from postmaster.pid.
func (s *Server) Port() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.owned {
		if pid, port, err := readPidFile(filepath.Join(s.dataDir, clusterDir, "postmaster.pid")); err == nil && pid > 0 && port > 0 {
			s.pid, s.port = pid, port
		}
	}
	return s.port
}

// Owned tells whether this process started the server (and so stops it).
func (s *Server) Owned() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.owned
}

// Stop stops watching the server, then shuts it down (fast shutdown: open
// sessions are cut) and waits for it, if this process started it. A reused
// server is left running: it belongs to the process that started it.
// Processes reusing a server this one owns lose their connections.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		close(s.stopping)
		<-s.superviseDone
		if s.presence != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = s.presence.Close(ctx)
			cancel()
		}
		if s.Owned() {
			s.stopErr = s.stop()
		}
	})
	return s.stopErr
}

// current is the owned postmaster as it is now.
func (s *Server) current() (proc *os.Process, exited chan struct{}, pid int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.proc, s.exited, s.pid
}

func (s *Server) stop() error {
	// Holding the lock while shutting down keeps a concurrent Start from
	// mistaking the stopping server for a running one (or starting a second
	// postmaster on the same cluster before this one has let go).
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	if unlock, err := lock(ctx, filepath.Join(s.dataDir, lockFile)); err != nil {
		s.logger.Warn("pgserver: stopping without the lock", "error", err)
	} else {
		defer unlock()
	}

	proc, exited, pid := s.current()
	select {
	case <-exited:
		return fmt.Errorf("pgserver: postgres (pid %d) had already exited; see %s", pid, filepath.Join(s.dataDir, logFile))
	default:
	}
	s.waitForOthers(ctx)
	start := time.Now()
	if err := proc.Signal(syscall.SIGINT); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("pgserver: stop: %w", err)
	}
	select {
	case <-exited:
		s.logger.Info("pgserver: stopped", "pid", pid, "took", time.Since(start).Round(time.Millisecond))
		return nil
	case <-time.After(stopTimeout):
		s.kill()
		return fmt.Errorf("pgserver: postgres (pid %d) ignored fast shutdown for %s; killed it", pid, stopTimeout)
	}
}

// waitForOthers waits, at most handOverWait, until no other session is
// connected: other cchc commands reusing the server (each holds a presence
// session from its Start) finish their work before it stops under them.
// This process has closed its own connections by now.
func (s *Server) waitForOthers(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), handOverWait)
	defer cancel()
	conn, err := pgconn.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return
	}
	defer conn.Close(context.Background())
	logged := false
	for {
		res := conn.ExecParams(ctx, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()", nil, nil, nil, nil).Read()
		if res.Err != nil || len(res.Rows) == 0 || string(res.Rows[0][0]) == "0" {
			return
		}
		if !logged {
			s.logger.Info("pgserver: waiting for the other processes using postgres to finish", "sessions", string(res.Rows[0][0]), "at_most", handOverWait)
			logged = true
		}
		if sleep(ctx, 100*time.Millisecond) != nil {
			s.logger.Warn("pgserver: stopping postgres under other processes still connected", "waited", handOverWait)
			return
		}
	}
}

// kill ends an owned server at once: SIGQUIT makes the postmaster kill its
// backends before exiting, so nothing keeps the shared memory attached.
func (s *Server) kill() {
	proc, exited, _ := s.current()
	_ = proc.Signal(syscall.SIGQUIT)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = proc.Kill()
		<-exited
	}
}

// supervise watches the postmaster until Stop, and starts it again when it
// dies.
func (s *Server) supervise() {
	defer close(s.superviseDone)
	var goneSince time.Time // reused: when the postmaster was first seen gone
	for {
		s.mu.Lock()
		owned, exited, pid, port := s.owned, s.exited, s.pid, s.port
		s.mu.Unlock()
		if owned {
			select {
			case <-exited:
			case <-s.stopping:
				return
			}
			select {
			case <-s.stopping:
				return // Stop's own shutdown, or a death at the same moment
			default:
			}
			s.logger.Error("pgserver: postgres exited unexpectedly; starting it again",
				"pid", pid, "port", port, "log", s.run.logTail(0))
			if err := s.restart(pid, port); err != nil {
				if !errors.Is(err, errStopping) {
					s.logger.Error("pgserver: could not start postgres again; giving up", "attempts", maxRestarts, "err", err)
				}
				return
			}
			continue
		}

		select {
		case <-time.After(watchEvery):
		case <-s.stopping:
			return
		}
		if p, _, err := readPidFile(filepath.Join(s.dataDir, clusterDir, "postmaster.pid")); err == nil && p > 0 && alive(p) {
			goneSince = time.Time{}
			continue
		}
		if goneSince.IsZero() {
			goneSince = time.Now()
			s.logger.Warn("pgserver: the postgres this process reuses is gone; waiting for its owner to start it again", "pid", pid)
			continue
		}
		if time.Since(goneSince) < takeOverAfter {
			continue
		}
		s.logger.Warn("pgserver: nobody started postgres again; starting it here", "gone_for", time.Since(goneSince).Round(time.Second))
		if err := s.restart(pid, port); err != nil {
			if !errors.Is(err, errStopping) {
				s.logger.Error("pgserver: could not start postgres again; giving up", "attempts", maxRestarts, "err", err)
			}
			return
		}
		goneSince = time.Time{}
	}
}

// restart starts the server again after the postmaster pid (on port) died:
// once its orphaned backends are gone (they hold its shared memory), up to
// maxRestarts attempts with exponential backoff.
func (s *Server) restart(pid, port int) error {
	waitChildrenGone(pid, 10*time.Second)
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		err := s.startAgain(port)
		if err == nil {
			return nil
		}
		if errors.Is(err, errStopping) || attempt == maxRestarts {
			return err
		}
		s.logger.Warn("pgserver: start failed; retrying", "attempt", attempt, "retry_in", backoff, "err", err)
		select {
		case <-time.After(backoff):
		case <-s.stopping:
			return errStopping
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// startAgain starts the server under the lock, preferring its old port —
// unless another process already has (then it is reused).
func (s *Server) startAgain(port int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*readyTimeout)
	defer cancel()
	go func() {
		select {
		case <-s.stopping:
			cancel()
		case <-ctx.Done():
		}
	}()
	unlock, err := lock(ctx, filepath.Join(s.dataDir, lockFile))
	if err != nil {
		if s.isStopping() {
			return errStopping
		}
		return err
	}
	defer unlock()
	if s.isStopping() {
		return errStopping
	}
	pid, newPort, err := s.running(ctx)
	if err != nil {
		return err
	}
	if pid != 0 {
		s.mu.Lock()
		s.owned, s.proc, s.exited, s.pid, s.port = false, nil, nil, pid, newPort
		s.mu.Unlock()
		s.logger.Info("pgserver: another process started postgres again; reusing it", "pid", pid, "port", newPort)
		return nil
	}
	if err := s.run.start(ctx, s, s.fast, port); err != nil {
		if s.isStopping() {
			return errStopping
		}
		return err
	}
	_, _, newPid := s.current()
	s.logger.Info("pgserver: postgres started again", "pid", newPid, "port", s.Port())
	return nil
}

func (s *Server) isStopping() bool {
	select {
	case <-s.stopping:
		return true
	default:
		return false
	}
}

// waitChildrenGone waits, at most max, until no process is a child of pid.
func waitChildrenGone(pid int, max time.Duration) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) && hasChildren(pid) {
		time.Sleep(20 * time.Millisecond)
	}
}

func hasChildren(pid int) bool {
	entries, _ := os.ReadDir("/proc")
	want := strconv.Itoa(pid)
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		st := string(b)
		i := strings.LastIndexByte(st, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(st[i+1:])
		if len(f) > 1 && f[1] == want && f[0] != "Z" {
			return true
		}
	}
	return false
}

// running returns the pid and port of the postmaster serving the cluster, or
// a zero pid if none does. It waits, within readyTimeout, for a postmaster
// that is alive but not yet (or no longer) accepting connections.
func (s *Server) running(ctx context.Context) (pid, port int, err error) {
	pidFile := filepath.Join(s.dataDir, clusterDir, "postmaster.pid")
	deadline := time.Now().Add(readyTimeout)
	for {
		pid, port, err = readPidFile(pidFile)
		if errors.Is(err, os.ErrNotExist) {
			return 0, 0, nil
		}
		if err != nil {
			return 0, 0, fmt.Errorf("pgserver: %w", err)
		}
		switch {
		case !alive(pid):
			// A postmaster killed outright leaves its pid file; postgres
			// itself ignores it when the pid is gone.
			return 0, 0, nil
		case !isPostgres(pid):
			// After a reboot the pid may belong to an unrelated process,
			// which postgres would take for a live postmaster.
			s.logger.Warn("pgserver: removing stale postmaster.pid", "pid", pid)
			if err := os.Remove(pidFile); err != nil {
				return 0, 0, fmt.Errorf("pgserver: remove stale pid file: %w", err)
			}
			return 0, 0, nil
		}
		if port > 0 {
			if err := ping(ctx, port); err == nil {
				return pid, port, nil
			}
		}
		if time.Now().After(deadline) {
			return 0, 0, fmt.Errorf("pgserver: postgres (pid %d) runs on %s but does not accept connections on port %d", pid, s.dataDir, port)
		}
		if err := sleep(ctx, 100*time.Millisecond); err != nil {
			return 0, 0, err
		}
	}
}

// ping opens and closes one session on the server at port.
func ping(ctx context.Context, port int) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgconn.Connect(ctx, urlAt(port, "postgres"))
	if err != nil {
		return err
	}
	return conn.Close(ctx)
}

func urlAt(port int, dbname string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", Superuser, port, url.PathEscape(dbname))
}

// ensureDatabase creates the cchc database if it is missing; checking at each
// start also repairs a first start interrupted before the creation.
func (s *Server) ensureDatabase(ctx context.Context) error {
	conn, err := pgconn.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return fmt.Errorf("pgserver: connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	res := conn.ExecParams(ctx, "SELECT 1 FROM pg_database WHERE datname = $1", [][]byte{[]byte(Database)}, nil, nil, nil).Read()
	if res.Err != nil {
		return fmt.Errorf("pgserver: look up database %s: %w", Database, res.Err)
	}
	if len(res.Rows) > 0 {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+Database).ReadAll(); err != nil {
		return fmt.Errorf("pgserver: create database %s: %w", Database, err)
	}
	s.logger.Info("pgserver: created database", "database", Database)
	return nil
}

// runner runs the server binaries, as the postgres system user when we are
// root (initdb and postgres refuse to run as root).
type runner struct {
	bindir  string
	owner   *syscall.Credential // nil: run as ourselves
	dataDir string
	logger  *slog.Logger
}

func (r runner) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(r.bindir, name), args...)
	cmd.Env = childEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: r.owner,
		// Its own process group: a Ctrl-C on our terminal must not stop the
		// server under our feet; we stop it ourselves, after our own shutdown.
		Setpgid: true,
		// SIGQUIT is postgres' immediate shutdown: the postmaster takes its
		// backends down with it. (initdb just dies.)
		Pdeathsig: syscall.SIGQUIT,
	}
	return cmd
}

// initdb creates the cluster unless it exists. It builds it beside the final
// place and renames it, so an interrupted initdb never leaves a half cluster
// where the next start would look.
func (r runner) initdb(ctx context.Context, fast bool) error {
	dir := filepath.Join(r.dataDir, clusterDir)
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); err == nil {
		return nil
	}
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("pgserver: %s exists but holds no PostgreSQL cluster (no PG_VERSION); move it away", dir)
	}
	tmp := dir + ".init"
	start := time.Now()
	var err error
	// C.UTF-8 gives upper(), lower() and ILIKE on Vietnamese letters; plain C
	// (ASCII-only case mapping) is the fallback where that locale is missing.
	for _, locale := range []string{"C.UTF-8", "C"} {
		if err = r.initdbAt(ctx, tmp, locale, fast); err == nil {
			break
		}
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("pgserver: %w", err)
	}
	r.logger.Info("pgserver: created cluster", "data_dir", dir, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

func (r runner) initdbAt(ctx context.Context, dir, locale string, fast bool) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("pgserver: %w", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return fmt.Errorf("pgserver: %w", err)
	}
	if r.owner != nil {
		if err := os.Chown(dir, int(r.owner.Uid), int(r.owner.Gid)); err != nil {
			return fmt.Errorf("pgserver: %w", err)
		}
	}
	log, offset, err := r.openLog()
	if err != nil {
		return err
	}
	defer log.Close()
	args := []string{
		"--pgdata", dir,
		"--username", Superuser,
		"--encoding", "UTF8",
		"--locale", locale,
		// Only loopback lines are in initdb's pg_hba.conf, and the server
		// listens on 127.0.0.1 alone.
		"--auth", "trust",
	}
	if fast {
		// Syncing the new cluster to disk costs seconds on slow disks.
		args = append(args, "--no-sync")
	}
	cmd := r.command(ctx, "initdb", args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = log, log
	// Pdeathsig is tied to the forking thread: keep it alive while initdb runs.
	runtime.LockOSThread()
	err = cmd.Run()
	runtime.UnlockOSThread()
	if err != nil {
		return fmt.Errorf("pgserver: initdb: %w: %s", err, r.logTail(offset))
	}
	return nil
}

// start runs postgres as a direct child and waits until it accepts
// connections. The port is the preferred one (after a restart: the old one,
// which connection URLs already name) if any, else picked free just before;
// if another program holds it or takes it in between, the start is retried
// on another port.
func (r runner) start(ctx context.Context, s *Server, fast bool, preferred int) error {
	var err error
	for range 3 {
		port := preferred
		if port == 0 {
			if port, err = freePort(); err != nil {
				return err
			}
		}
		preferred = 0
		var retry bool
		retry, err = r.startOnce(ctx, s, fast, port)
		if err == nil || !retry {
			return err
		}
	}
	return err
}

func (r runner) startOnce(ctx context.Context, s *Server, fast bool, port int) (retry bool, err error) {
	args := []string{
		"-D", filepath.Join(r.dataDir, clusterDir),
		"-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=",
	}
	if fast {
		args = append(args,
			"-c", "fsync=off",
			"-c", "synchronous_commit=off",
			"-c", "full_page_writes=off",
			// Parallel tests each hold a pool of their own.
			"-c", "max_connections=300",
		)
	}
	log, offset, err := r.openLog()
	if err != nil {
		return false, err
	}
	defer log.Close() // the child holds its own copy

	// Not CommandContext: the server outlives the ctx of Start.
	cmd := r.command(context.Background(), "postgres", args...)
	cmd.Dir = filepath.Join(r.dataDir, clusterDir)
	cmd.Stdout, cmd.Stderr = log, log

	started := make(chan error, 1)
	exited := make(chan struct{})
	go func() {
		// Pdeathsig fires when the thread that forked the child exits, not
		// the process: this goroutine keeps its thread for as long as the
		// server runs and never unlocks it (the runtime then discards the
		// thread once the server has exited).
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		_ = cmd.Wait()
		close(exited)
	}()
	if err := <-started; err != nil {
		return false, fmt.Errorf("pgserver: start postgres: %w", err)
	}
	s.mu.Lock()
	s.proc, s.exited, s.pid, s.port, s.owned = cmd.Process, exited, cmd.Process.Pid, port, true
	s.mu.Unlock()

	begin := time.Now()
	deadline := begin.Add(readyTimeout)
	for {
		select {
		case <-exited:
			tail := r.logTail(offset)
			retry := strings.Contains(tail, "could not bind") || strings.Contains(tail, "already in use")
			return retry, fmt.Errorf("pgserver: postgres exited at start: %s", tail)
		default:
		}
		if err := ping(ctx, port); err == nil {
			r.logger.Info("pgserver: started", "data_dir", r.dataDir, "pid", cmd.Process.Pid, "port", port,
				"took", time.Since(begin).Round(time.Millisecond))
			return false, nil
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			s.kill()
			if ctx.Err() != nil {
				return false, fmt.Errorf("pgserver: start: %w", ctx.Err())
			}
			return false, fmt.Errorf("pgserver: postgres not ready after %s: %s", readyTimeout, r.logTail(offset))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openLog opens the server log for appending and returns its current size,
// so that errors can quote only what this run wrote.
func (r runner) openLog() (*os.File, int64, error) {
	f, err := os.OpenFile(filepath.Join(r.dataDir, logFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, 0, fmt.Errorf("pgserver: open log: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("pgserver: open log: %w", err)
	}
	return f, st.Size(), nil
}

// logTail returns the last lines the log received since offset, on one line.
func (r runner) logTail(offset int64) string {
	path := filepath.Join(r.dataDir, logFile)
	f, err := os.Open(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	defer f.Close()
	const max = 2048
	st, err := f.Stat()
	if err == nil && st.Size()-offset > max {
		offset = st.Size() - max
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return "(unreadable log)"
	}
	b, _ := io.ReadAll(f)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return strings.Join(lines, " | ") + " (log: " + path + ")"
}

// ErrNoBinaries is returned when no PostgreSQL server binaries are found.
var ErrNoBinaries = errors.New("pgserver: PostgreSQL server binaries not found (install them: apt-get install postgresql, or set CCHC_DATABASE_URL)")

// findBindir locates initdb and postgres: $PG_BINDIR, else `pg_config
// --bindir`, else the highest /usr/lib/postgresql/*/bin. An explicit
// PG_BINDIR is never second-guessed.
// clusterVersion is the major version of an existing cluster (0 if none).
func clusterVersion(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, "PG_VERSION"))
	if err != nil {
		return 0
	}
	v, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return v
}

// findBindir finds the server binaries: $PG_BINDIR, else the installed
// version that made the existing cluster (want; after an upgrade of the
// system packages an older cluster still needs its own server), else
// pg_config's, else the highest installed.
func findBindir(want int) (string, error) {
	if dir := os.Getenv("PG_BINDIR"); dir != "" {
		if !hasServer(dir) {
			return "", fmt.Errorf("%w: PG_BINDIR=%s has no initdb and postgres", ErrNoBinaries, dir)
		}
		return dir, nil
	}
	if want > 0 {
		if dir := fmt.Sprintf("/usr/lib/postgresql/%d/bin", want); hasServer(dir) {
			return dir, nil
		}
	}
	// Debian's pg_config may come from libpq-dev alone and name a directory
	// without the server, hence the check.
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); hasServer(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return versionOf(b) - versionOf(a) })
	for _, dir := range dirs {
		if hasServer(dir) {
			return dir, nil
		}
	}
	return "", ErrNoBinaries
}

func versionOf(bindir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(bindir)))
	return v
}

func hasServer(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// clusterOwner returns the postgres system user's credentials when we run as
// root, nil otherwise.
func clusterOwner() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgserver: running as root needs a postgres system user to run the server: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("pgserver: postgres user: %w", err)
	}
	// Groups set (even empty) drops root's supplementary groups.
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// checkTraversable tells early, and clearly, when the postgres user cannot
// reach the data directory (a parent is private to root, as t.TempDir's are).
func checkTraversable(dir string, owner *syscall.Credential) error {
	for p := dir; ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("pgserver: %w", err)
		}
		sys, ok := st.Sys().(*syscall.Stat_t)
		if ok {
			var bit os.FileMode = 0o001
			switch {
			case sys.Uid == owner.Uid:
				bit = 0o100
			case sys.Gid == owner.Gid:
				bit = 0o010
			}
			if st.Mode().Perm()&bit == 0 {
				return fmt.Errorf("pgserver: the postgres user cannot enter %s, so cannot reach %s (chmod o+x it, or choose another data directory)", p, dir)
			}
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// childEnv is our environment without PG* variables, which would otherwise
// override what we pass on the command line in surprising ways.
func childEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "PG") })
}

// lock takes an exclusive flock on path, waiting for ctx. flock locks belong
// to the open file, so two Starts in one process exclude each other too; the
// kernel drops the lock if the process dies.
func lock(ctx context.Context, path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("pgserver: lock: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil // closing releases the lock
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("pgserver: lock %s: %w", path, err)
		}
		if err := sleep(ctx, 50*time.Millisecond); err != nil {
			f.Close()
			return nil, fmt.Errorf("pgserver: waiting for %s: %w", path, err)
		}
	}
}

// readPidFile reads the postmaster's pid (line 1) and port (line 4).
func readPidFile(path string) (pid, port int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(lines) < 4 {
		lines = append(lines, strings.TrimSpace(sc.Text()))
	}
	if len(lines) < 4 {
		// Being written by a starting postmaster: not usable yet, and the
		// pid (if any) tells whether it lives.
		if len(lines) > 0 {
			pid, _ = strconv.Atoi(lines[0])
		}
		return pid, 0, nil
	}
	pid, err1 := strconv.Atoi(lines[0])
	port, err2 := strconv.Atoi(lines[3])
	if err := errors.Join(err1, err2); err != nil {
		return 0, 0, fmt.Errorf("malformed %s: %w", path, err)
	}
	return pid, port, nil
}

func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	// A zombie (a killed postmaster not yet reaped) is gone for our purposes.
	return procState(pid) != 'Z'
}

// procState is the state letter of /proc/PID/stat, or 0 if unreadable.
func procState(pid int) byte {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// "pid (comm) S ..." where comm may contain spaces or parentheses.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 || i+2 >= len(b) {
		return 0
	}
	return b[i+2]
}

func isPostgres(pid int) bool {
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return true // cannot tell: let postgres decide
	}
	name := strings.TrimSpace(string(comm))
	return name == "postgres" || name == "postmaster"
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgserver: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
