// Package dbtest gives each test a fresh PostgreSQL database holding the
// current schema.
//
// A test binary migrates one template database once, then every New or URL
// clones it (CREATE DATABASE ... TEMPLATE, a file copy far cheaper than
// migrating) and drops the clone when the test ends. The server is a private
// one started in a temporary directory for the test binary, or the one named
// by TEST_DATABASE_URL (a URL whose role may create databases); database names
// carry the process id so package test binaries running in parallel against
// one server never collide.
//
// Use Main in the package's TestMain so the private server and its directory
// are removed when the tests end:
//
//	func TestMain(m *testing.M) { dbtest.Main(m) }
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/database"
	"cchc/internal/pgserver"
)

// URLEnv names the environment variable pointing the tests at an existing
// server instead of a private one.
const URLEnv = "TEST_DATABASE_URL"

// env is the server shared by one test binary.
type env struct {
	srv      *pgserver.Server // nil with TEST_DATABASE_URL
	dir      string           // the private server's data directory
	base     *url.URL         // admin URL; test URLs differ in the path only
	admin    *bun.DB          // connected to the maintenance database
	prefix   string           // of every database name this binary creates
	template string

	seedMu sync.Mutex
	seeds  map[string]*seeded // templates holding seed data, by key
}

// seeded is a template made once from the migrated one plus a seed function.
type seeded struct {
	once sync.Once
	name string
	err  error
}

var (
	setupOnce sync.Once
	shared    *env
	setupErr  error

	// PostgreSQL refuses to clone a template while another session is
	// connected to it, and a clone in progress is such a session.
	createMu sync.Mutex
	seq      atomic.Int64
)

// Main runs the tests, then stops the private server and removes its
// directory (or drops the template from TEST_DATABASE_URL's server).
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run is Main returning the exit code instead of exiting, for a TestMain
// with more to clean up.
func Run(m *testing.M) int {
	code := m.Run()
	if err := teardown(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// New returns a pool on a fresh database for this test, closed and dropped
// when the test ends.
func New(t testing.TB) *bun.DB {
	t.Helper()
	u := URL(t)
	db, err := database.Open(t.Context(), u)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	// Registered after URL's cleanup, so it runs before the DROP.
	t.Cleanup(func() { db.Close() })
	return db
}

// URL creates a fresh database for this test, dropped when the test ends,
// and returns its URL: for tests that run the cchc binary or want a pool of
// their own.
func URL(t testing.TB) string {
	t.Helper()
	e, err := get()
	if err != nil {
		t.Fatal(err)
	}
	return e.fresh(t, e.template)
}

// EmptyURL creates an empty database (no schema at all) for this test,
// dropped when the test ends, and returns its URL: for what must start from
// nothing, such as restoring a backup.
func EmptyURL(t testing.TB) string {
	t.Helper()
	e, err := get()
	if err != nil {
		t.Fatal(err)
	}
	return e.fresh(t, "template0")
}

// Seeded is New for a database that starts with what seed wrote. seed runs
// once per test binary and key, into a template of its own, so that tests
// sharing expensive data (the demo plans) each get a copy in a tenth of a
// second instead of loading it again.
func Seeded(t testing.TB, key string, seed func(ctx context.Context, db *bun.DB) error) *bun.DB {
	t.Helper()
	e, err := get()
	if err != nil {
		t.Fatal(err)
	}
	e.seedMu.Lock()
	if e.seeds == nil {
		e.seeds = map[string]*seeded{}
	}
	s, ok := e.seeds[key]
	if !ok {
		s = &seeded{name: fmt.Sprintf("%s_seed%d", e.prefix, len(e.seeds)+1)}
		e.seeds[key] = s
	}
	e.seedMu.Unlock()
	s.once.Do(func() { s.err = e.makeSeed(s.name, seed) })
	if s.err != nil {
		t.Fatal(s.err)
	}
	db, err := database.Open(t.Context(), e.fresh(t, s.name))
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func (e *env) makeSeed(name string, seed func(ctx context.Context, db *bun.DB) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := e.cloneFrom(ctx, name, e.template); err != nil {
		return err
	}
	db, err := database.Open(ctx, e.url(name))
	if err != nil {
		return fmt.Errorf("dbtest: %w", err)
	}
	err = seed(ctx, db)
	db.Close()
	if err != nil {
		return fmt.Errorf("dbtest: seed %s: %w", name, err)
	}
	if _, err := e.admin.ExecContext(ctx, "ALTER DATABASE ? ALLOW_CONNECTIONS false", bun.Ident(name)); err != nil {
		return fmt.Errorf("dbtest: seal %s: %w", name, err)
	}
	return nil
}

// fresh clones template into a new database dropped when the test ends.
func (e *env) fresh(t testing.TB, template string) string {
	t.Helper()
	name := fmt.Sprintf("%s_%d", e.prefix, seq.Add(1))
	if err := e.cloneFrom(t.Context(), name, template); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// t.Context is already cancelled when cleanups run.
		ctx := context.WithoutCancel(t.Context())
		if _, err := e.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS ? WITH (FORCE)", bun.Ident(name)); err != nil {
			t.Errorf("dbtest: drop database %s: %v", name, err)
		}
	})
	return e.url(name)
}

func get() (*env, error) {
	setupOnce.Do(func() { shared, setupErr = setup() })
	return shared, setupErr
}

func setup() (_ *env, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	suffix := make([]byte, 3)
	rand.Read(suffix)
	prefix := fmt.Sprintf("cchc_test_%d_%s", os.Getpid(), hex.EncodeToString(suffix))
	e := &env{prefix: prefix, template: prefix + "_tpl"}
	defer func() {
		if err != nil {
			_ = e.close()
		}
	}()

	adminURL := os.Getenv(URLEnv)
	if adminURL == "" {
		removeStaleDirs()
		if e.dir, err = os.MkdirTemp("", fmt.Sprintf("%s%d-", dirPrefix, os.Getpid())); err != nil {
			return nil, fmt.Errorf("dbtest: %w", err)
		}
		// When we are root the server runs as the postgres user, which must
		// be able to enter the directory.
		if err := os.Chmod(e.dir, 0o755); err != nil {
			return nil, fmt.Errorf("dbtest: %w", err)
		}
		e.srv, err = pgserver.Start(ctx, pgserver.Options{
			DataDir: e.dir,
			Logger:  slog.New(slog.DiscardHandler),
			Fast:    true,
		})
		if err != nil {
			return nil, fmt.Errorf("dbtest: %w", err)
		}
		adminURL = e.srv.URL("postgres")
	}
	if e.base, err = url.Parse(adminURL); err != nil || (e.base.Scheme != "postgres" && e.base.Scheme != "postgresql") {
		return nil, fmt.Errorf("dbtest: %s must be a postgres:// URL", URLEnv)
	}
	if e.admin, err = database.Open(ctx, adminURL); err != nil {
		return nil, fmt.Errorf("dbtest: %w", err)
	}

	if _, err := e.admin.ExecContext(ctx, "CREATE DATABASE ?", bun.Ident(e.template)); err != nil {
		return nil, fmt.Errorf("dbtest: create template: %w", err)
	}
	tpl, err := database.Open(ctx, e.url(e.template))
	if err != nil {
		return nil, fmt.Errorf("dbtest: %w", err)
	}
	_, err = database.Migrate(ctx, tpl)
	tpl.Close()
	if err != nil {
		return nil, fmt.Errorf("dbtest: migrate template: %w", err)
	}
	// No session may stay on the template, or cloning it fails: forbid
	// them. (Sessions closed above may take a moment to go; CREATE DATABASE
	// waits a few seconds for them.)
	if _, err := e.admin.ExecContext(ctx, "ALTER DATABASE ? ALLOW_CONNECTIONS false", bun.Ident(e.template)); err != nil {
		return nil, fmt.Errorf("dbtest: seal template: %w", err)
	}
	return e, nil
}

// dirPrefix starts the name of each private server's directory, followed by
// the pid of the test binary that owns it.
const dirPrefix = "cchc-dbtest-"

// removeStaleDirs removes the directories of test binaries that ended without
// Main's cleanup (a TestMain not calling Main, a crash, a kill): their server
// died with them, but the files stay.
func removeStaleDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPrefix+"*"))
	for _, dir := range dirs {
		pid, _, ok := strings.Cut(strings.TrimPrefix(filepath.Base(dir), dirPrefix), "-")
		n, err := strconv.Atoi(pid)
		if !ok || err != nil || n <= 0 {
			continue
		}
		if err := syscall.Kill(n, 0); errors.Is(err, syscall.ESRCH) {
			os.RemoveAll(dir)
		}
	}
}

func (e *env) cloneFrom(ctx context.Context, name, template string) error {
	createMu.Lock()
	defer createMu.Unlock()
	if _, err := e.admin.ExecContext(ctx, "CREATE DATABASE ? TEMPLATE ?", bun.Ident(name), bun.Ident(template)); err != nil {
		return fmt.Errorf("dbtest: create database %s: %w", name, err)
	}
	return nil
}

func (e *env) url(dbname string) string {
	u := *e.base
	u.Path = "/" + dbname
	u.RawPath = ""
	return u.String()
}

func teardown() error {
	if shared == nil {
		return nil
	}
	return shared.close()
}

// close drops what this binary created and stops what it started.
func (e *env) close() error {
	var errs []error
	if e.admin != nil {
		if e.srv == nil && e.template != "" {
			// Only on a shared server: a private one goes away whole.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			for _, s := range e.seeds {
				_, err := e.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS ? WITH (FORCE)", bun.Ident(s.name))
				errs = append(errs, err)
			}
			_, err := e.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS ? WITH (FORCE)", bun.Ident(e.template))
			cancel()
			errs = append(errs, err)
		}
		errs = append(errs, e.admin.Close())
	}
	if e.srv != nil {
		errs = append(errs, e.srv.Stop())
	}
	if e.dir != "" {
		errs = append(errs, os.RemoveAll(e.dir))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("dbtest: teardown: %w", err)
	}
	return nil
}
