package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

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
	url := c.DatabaseURL
	stop := func() {}
	var opts []database.Option
	if url == "" {
		srv, err := pgserver.Start(ctx, pgserver.Options{DataDir: c.DataDir, Logger: log})
		if err != nil {
			return nil, nil, err
		}
		url = srv.URL(pgserver.Database)
		// After a restart the server may listen elsewhere: new connections
		// ask it where.
		opts = append(opts, database.WithPort(srv.Port))
		stop = func() {
			if err := srv.Stop(); err != nil {
				log.Error("stop private PostgreSQL", "err", err)
			}
		}
	}
	db, err = database.Open(ctx, url, opts...)
	if err != nil {
		stop()
		return nil, nil, err
	}
	return db, func() { db.Close(); stop() }, nil
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
