package pgserver

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
)

// childDirEnv switches the test binary into a child that starts a server on
// the named directory, prints the postmaster pid and waits to be killed.
const childDirEnv = "PGSERVER_TEST_CHILD_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childDirEnv); dir != "" {
		runChild(dir)
		return
	}
	os.Exit(m.Run())
}

func runChild(dir string) {
	srv, err := Start(context.Background(), Options{DataDir: dir, Fast: true, Logger: quiet()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Printf("pid %d\n", srv.pid)
	time.Sleep(time.Hour)
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// dataDir is a fresh directory the postgres user can reach when we are root
// (t.TempDir's parent is private to root).
func dataDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pgserver-test-*")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func start(t *testing.T, dir string) *Server {
	t.Helper()
	srv, err := Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: quiet()})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Stop()) })
	return srv
}

func connect(t *testing.T, url string) *pgconn.PgConn {
	t.Helper()
	conn, err := pgconn.Connect(t.Context(), url)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func query(t *testing.T, conn *pgconn.PgConn, sql string) []string {
	t.Helper()
	res, err := conn.Exec(t.Context(), sql).ReadAll()
	require.NoError(t, err, sql)
	var out []string
	for _, r := range res {
		for _, row := range r.Rows {
			var cols []string
			for _, c := range row {
				cols = append(cols, string(c))
			}
			out = append(out, strings.Join(cols, "|"))
		}
	}
	return out
}

func TestStartConnectStop(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	srv, err := Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: quiet()})
	require.NoError(t, err)
	require.True(t, srv.Owned())
	require.Contains(t, srv.URL("cchc"), "@127.0.0.1:")

	conn := connect(t, srv.URL(Database))
	require.Equal(t, []string{"cchc|cchc|UTF8"}, query(t, conn,
		"SELECT current_user, current_database(), pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"))
	require.Equal(t, []string{"127.0.0.1||off"}, query(t, conn,
		"SELECT current_setting('listen_addresses'), current_setting('unix_socket_directories'), current_setting('fsync')"))
	require.Equal(t, []string{"C.UTF-8|Đ"}, query(t, conn, "SELECT current_setting('lc_ctype'), upper('đ')"))
	conn.Close(t.Context())

	require.FileExists(t, filepath.Join(dir, logFile))
	require.NoError(t, srv.Stop())
	require.NoError(t, srv.Stop(), "Stop is idempotent")
	require.False(t, alive(srv.pid))
	require.NoFileExists(t, filepath.Join(dir, clusterDir, "postmaster.pid"))
}

func TestSecondStartReuses(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	first := start(t, dir)

	second, err := Start(t.Context(), Options{DataDir: dir, Logger: quiet()})
	require.NoError(t, err)
	require.False(t, second.Owned())
	require.Equal(t, first.URL("x"), second.URL("x"))
	require.NoError(t, second.Stop(), "stopping a reused server is a no-op")

	conn := connect(t, second.URL(Database))
	require.Equal(t, []string{"1"}, query(t, conn, "SELECT 1"))
}

func TestConcurrentStartsAgree(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	const n = 4
	servers := make([]*Server, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			servers[i], errs[i] = Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: quiet()})
		})
	}
	wg.Wait()
	owned := 0
	for i := range n {
		require.NoError(t, errs[i])
		require.Equal(t, servers[0].URL("x"), servers[i].URL("x"))
		if servers[i].Owned() {
			owned++
			t.Cleanup(func() { require.NoError(t, servers[i].Stop()) })
		}
	}
	require.Equal(t, 1, owned)
	// The others let go first (cleanups run last-registered first): the
	// owner does not wait for them.
	for i := range n {
		if !servers[i].Owned() {
			t.Cleanup(func() { require.NoError(t, servers[i].Stop()) })
		}
	}
}

func TestRestartKeepsData(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	srv, err := Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: quiet()})
	require.NoError(t, err)
	conn := connect(t, srv.URL(Database))
	query(t, conn, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
	conn.Close(t.Context())
	require.NoError(t, srv.Stop())

	srv = start(t, dir)
	require.True(t, srv.Owned())
	conn = connect(t, srv.URL(Database))
	require.Equal(t, []string{"still here"}, query(t, conn, "SELECT v FROM kept"))
}

func TestStalePidFileDoesNotBlock(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	srv, err := Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: quiet()})
	require.NoError(t, err)
	require.NoError(t, srv.Stop())
	pidFile := filepath.Join(dir, clusterDir, "postmaster.pid")

	// A dead pid: postgres itself discards the file.
	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	// A live pid of something else, as after a reboot.
	other := exec.Command("sleep", "60")
	require.NoError(t, other.Start())
	t.Cleanup(func() { other.Process.Kill(); other.Wait() })

	for _, pid := range []int{dead.Process.Pid, other.Process.Pid} {
		stale := fmt.Sprintf("%d\n%s\n1700000000\n5432\n\n127.0.0.1\n  1234567     12345\nready   \n", pid, filepath.Join(dir, clusterDir))
		require.NoError(t, os.WriteFile(pidFile, []byte(stale), 0o600))
		owner, err := os.Stat(filepath.Dir(pidFile))
		require.NoError(t, err)
		st := owner.Sys().(*syscall.Stat_t)
		require.NoError(t, os.Chown(pidFile, int(st.Uid), int(st.Gid)))
		srv, err := Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: quiet()})
		require.NoError(t, err, "stale pid %d", pid)
		require.True(t, srv.Owned())
		require.NoError(t, srv.Stop())
	}
}

func TestKilledOwnerLeavesNoServer(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	child := exec.Command(os.Args[0])
	child.Env = append(os.Environ(), childDirEnv+"="+dir)
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })

	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(line), "pid "))
	require.NoError(t, err, line)
	require.True(t, alive(pid))
	backends := childrenOf(pid)
	require.NotEmpty(t, backends, "the postmaster's auxiliary processes")

	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()

	require.Eventually(t, func() bool {
		for _, p := range append(backends, pid) {
			if alive(p) {
				return false
			}
		}
		return true
	}, 10*time.Second, 50*time.Millisecond, "postmaster %d or its children %v outlived their owner", pid, backends)

	srv := start(t, dir)
	require.True(t, srv.Owned())
	conn := connect(t, srv.URL(Database))
	require.Equal(t, []string{"1"}, query(t, conn, "SELECT 1"))
}

// childrenOf lists the pids whose parent is pid.
func childrenOf(pid int) []int {
	var kids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			kids = append(kids, p)
		}
	}
	return kids
}

func TestUnreachableDataDirAsRoot(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("only root hands the server to the postgres user")
	}
	// t.TempDir's parent is private to root.
	_, err := Start(t.Context(), Options{DataDir: filepath.Join(t.TempDir(), "var"), Logger: quiet()})
	require.ErrorContains(t, err, "the postgres user cannot enter")
}

// Not parallel: it sets PG_BINDIR for the whole process.
func TestMissingBinaries(t *testing.T) {
	t.Setenv("PG_BINDIR", t.TempDir())
	_, err := Start(t.Context(), Options{DataDir: t.TempDir(), Logger: quiet()})
	require.ErrorIs(t, err, ErrNoBinaries)
	require.Contains(t, err.Error(), "apt-get install postgresql")
	require.Contains(t, err.Error(), "PG_BINDIR=")
	require.NotContains(t, err.Error(), "\n")
}

// An existing cluster keeps the server version that made it, whichever is
// the highest installed; an unknown version falls back to the usual search.
func TestBindirFollowsClusterVersion(t *testing.T) {
	t.Parallel()
	if os.Getenv("PG_BINDIR") != "" {
		t.Skip("PG_BINDIR overrides the search")
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	if len(dirs) == 0 {
		t.Skip("no Debian-style PostgreSQL installation")
	}
	dir := t.TempDir()
	require.Equal(t, 0, clusterVersion(dir))
	installed := versionOf(dirs[0])
	require.NoError(t, os.WriteFile(filepath.Join(dir, "PG_VERSION"), []byte(fmt.Sprintf("%d\n", installed)), 0o644))
	require.Equal(t, installed, clusterVersion(dir))
	got, err := findBindir(installed)
	require.NoError(t, err)
	require.Equal(t, dirs[0], got)
	fallback, err := findBindir(99)
	require.NoError(t, err)
	require.True(t, hasServer(fallback))
}

// A postmaster killed outright is started again by the process that owns
// it, with its data, and a process reusing it follows it to its new port
// (the old one is taken meanwhile, so the port must change).
func TestKilledPostmasterIsRestarted(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	owner := start(t, dir)
	reuser, err := Start(t.Context(), Options{DataDir: dir, Logger: quiet()})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, reuser.Stop()) })
	require.False(t, reuser.Owned())
	conn := connect(t, owner.URL(Database))
	// Fast turns synchronous_commit off: this commit must reach the WAL
	// before the kill, as every commit does outside tests.
	query(t, conn, "SET synchronous_commit = on; CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
	conn.Close(t.Context())

	_, _, oldPid := owner.current()
	oldPort := owner.Port()
	require.NoError(t, syscall.Kill(oldPid, syscall.SIGKILL))
	// Take the old port as soon as the dead postmaster lets go of it.
	var squatter net.Listener
	for deadline := time.Now().Add(5 * time.Second); squatter == nil && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		squatter, _ = net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", oldPort))
	}
	if squatter != nil {
		defer squatter.Close()
	}

	// Restarting takes about a second; wait for it (this bound only breaks
	// a hang).
	require.Eventually(t, func() bool {
		_, _, pid := owner.current()
		return pid != oldPid && ping(t.Context(), owner.Port()) == nil
	}, 60*time.Second, 50*time.Millisecond, "the owner starts postgres again")
	require.True(t, owner.Owned())
	if squatter != nil {
		require.NotEqual(t, oldPort, owner.Port(), "the old port was taken")
	} else {
		t.Logf("postgres came back on its old port %d before the test could take it", oldPort)
	}
	require.Equal(t, owner.Port(), reuser.Port(), "the reusing process finds the new port")
	conn = connect(t, reuser.URL(Database))
	require.Equal(t, []string{"still here"}, query(t, conn, "SELECT v FROM kept"))
}

// Reusing a running server that another program started (without the cchc
// database) creates the database.
func TestReuseCreatesTheDatabase(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	first := start(t, dir)
	conn := connect(t, first.URL("postgres"))
	query(t, conn, "DROP DATABASE "+Database)
	second, err := Start(t.Context(), Options{DataDir: dir, Logger: quiet()})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, second.Stop()) })
	require.False(t, second.Owned())
	require.Equal(t, []string{"1"}, query(t, connect(t, second.URL(Database)), "SELECT 1"))
}

// When the process that owned the server dies (and the server with it), a
// process that reused it starts it again and owns it.
func TestReuserTakesOverFromDeadOwner(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	child := exec.Command(os.Args[0])
	child.Env = append(os.Environ(), childDirEnv+"="+dir)
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	oldPid, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(line), "pid "))
	require.NoError(t, err, line)

	reuser, err := Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: quiet()})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, reuser.Stop()) })
	require.False(t, reuser.Owned())

	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()
	require.Eventually(t, func() bool { return reuser.Owned() && ping(t.Context(), reuser.Port()) == nil },
		90*time.Second, 100*time.Millisecond, "the reusing process starts postgres once its owner is gone")
	_, _, pid := reuser.current()
	require.NotEqual(t, oldPid, pid)
	require.Equal(t, []string{"1"}, query(t, connect(t, reuser.URL(Database)), "SELECT 1"))
}

// An owner that stops waits for the processes still using its server (six
// parallel `cchc remind` runs: the first to finish owned the server and
// stopped it under the others).
func TestOwnerWaitsForReusers(t *testing.T) {
	t.Parallel()
	dir := dataDir(t)
	var logs lockedLog
	owner, err := Start(t.Context(), Options{DataDir: dir, Fast: true, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	require.NoError(t, err)
	reuser, err := Start(t.Context(), Options{DataDir: dir, Logger: quiet()})
	require.NoError(t, err)
	require.False(t, reuser.Owned())

	stopped := make(chan error, 1)
	go func() { stopped <- owner.Stop() }()
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "waiting for the other processes") },
		time.Minute, 10*time.Millisecond)
	// The reusing process still works with the server…
	conn := connect(t, reuser.URL(Database))
	require.Equal(t, []string{"1"}, query(t, conn, "SELECT 1"))
	conn.Close(t.Context())
	select {
	case err := <-stopped:
		t.Fatalf("the owner stopped under a reusing process: %v", err)
	default:
	}
	// …and once it is done, the owner stops.
	require.NoError(t, reuser.Stop())
	require.NoError(t, <-stopped)
	require.False(t, alive(owner.pid))
}

type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
