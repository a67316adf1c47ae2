package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	neturl "net/url"

	"github.com/uptrace/bun"

	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/pgserver"
	"cchc/units"
)

// openDB connects to CCHC_DATABASE_URL, or to the private server under
// CCHC_DATA_DIR, starting it if no other cchc process runs it. close stops
// the private server if this process started it.
func openDB(ctx context.Context, c config, log *slog.Logger) (db *bun.DB, closeDB func(), err error) {
	t, err := connect(ctx, c, log)
	if err != nil {
		return nil, nil, err
	}
	return t.db, t.close, nil
}

// target is the database a command works on, and how PostgreSQL's own
// programs (pg_dump, pg_restore) reach it.
type target struct {
	db *bun.DB
	// url is the database's URL for those programs, without its password
	// (given in the environment instead), read at each use: the private
	// server may have moved to another port.
	url      func() string
	password string
	// tool finds a PostgreSQL program matching the server: for the private
	// server, from the binaries it runs from.
	tool  func(ctx context.Context, name string) (string, error)
	close func()
}

// env is the environment of a PostgreSQL program run against t.
func (t *target) env() []string {
	extra := []string{"PGCONNECT_TIMEOUT=10"}
	if t.password != "" {
		extra = append(extra, "PGPASSWORD="+t.password)
	}
	return pgserver.ToolEnv(extra...)
}

func connect(ctx context.Context, c config, log *slog.Logger) (*target, error) {
	t := &target{close: func() {}}
	url := c.DatabaseURL
	stop := func() {}
	var opts []database.Option
	if url == "" {
		srv, err := pgserver.Start(ctx, pgserver.Options{DataDir: c.DataDir, Logger: log})
		if err != nil {
			return nil, err
		}
		url = srv.URL(pgserver.Database)
		t.url = func() string { return srv.URL(pgserver.Database) }
		t.tool = func(_ context.Context, name string) (string, error) { return pgserver.ToolFor(name, c.DataDir) }
		// After a restart the server may listen elsewhere: new connections
		// ask it where.
		opts = append(opts, database.WithPort(srv.Port))
		stop = func() {
			if err := srv.Stop(); err != nil {
				log.Error("stop private PostgreSQL", "err", err)
			}
		}
	} else {
		plain, password := splitPassword(url)
		t.url, t.password = func() string { return plain }, password
		t.tool = func(ctx context.Context, name string) (string, error) {
			var v int
			if err := t.db.NewRaw("SELECT current_setting('server_version_num')::int / 10000").Scan(ctx, &v); err != nil {
				return "", fmt.Errorf("server version: %w", err)
			}
			return pgserver.Tool(name, v)
		}
	}
	db, err := database.Open(ctx, url, opts...)
	if err != nil {
		stop()
		return nil, err
	}
	t.db = db
	t.close = func() { db.Close(); stop() }
	return t, nil
}

// splitPassword takes the password out of a postgres:// URL, so that it is
// not on a command line for every local user to read.
func splitPassword(raw string) (plain, password string) {
	u, err := neturl.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.User == nil {
		return raw, ""
	}
	password, ok := u.User.Password()
	if !ok {
		return raw, ""
	}
	u.User = neturl.User(u.User.Username())
	return u.String(), password
}

// openMigrated is openDB followed by the pending migrations: every command
// works on an up-to-date schema. It returns what was applied.
func (a *app) openMigrated(ctx context.Context) (db *bun.DB, applied []string, closeDB func(), err error) {
	db, closeDB, err = openDB(ctx, a.cfg, a.log)
	if err != nil {
		return nil, nil, nil, err
	}
	if applied, err = database.Migrate(ctx, db); err != nil {
		closeDB()
		return nil, nil, nil, err
	}
	return db, applied, closeDB, nil
}

// unitByCode finds the unit a command names, with a message that says so
// when there is none.
func unitByCode(ctx context.Context, db bun.IDB, code string) (*units.Unit, error) {
	u, err := units.ByCode(ctx, db, code)
	if errors.Is(err, errs.NotFound) {
		return nil, fmt.Errorf("unit %q does not exist", code)
	}
	return u, err
}
