package pgserver

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
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
