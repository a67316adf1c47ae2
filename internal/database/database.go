// Package database opens the PostgreSQL connection through bun and applies
// the embedded migrations.
package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/migrate"

	"cchc/migrations"
)

// Option adjusts Open.
type Option func(*[]stdlib.OptionOpenDB)

// WithPort makes each new connection go to the port port() answers (0: the
// URL's): the private server may come back on another port after a
// restart, and connections made afterwards must find it.
func WithPort(port func() int) Option {
	return func(opts *[]stdlib.OptionOpenDB) {
		*opts = append(*opts, stdlib.OptionBeforeConnect(func(_ context.Context, c *pgx.ConnConfig) error {
			if p := port(); p > 0 && p < 1<<16 {
				c.Port = uint16(p)
			}
			return nil
		}))
	}
}

// Open connects to url and checks that the server answers. The pool
// replaces connections that broke (a restarted server) as it meets them.
func Open(ctx context.Context, url string, options ...Option) (*bun.DB, error) {
	cfg, err := pgxConfig(url)
	if err != nil {
		return nil, err
	}
	var opts []stdlib.OptionOpenDB
	for _, o := range options {
		o(&opts)
	}
	sqldb := stdlib.OpenDB(*cfg, opts...)
	sqldb.SetMaxOpenConns(20)
	sqldb.SetMaxIdleConns(5)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	db := bun.NewDB(sqldb, pgdialect.New())
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database: connect: %w", err)
	}
	return db, nil
}

func pgxConfig(url string) (*pgxConnConfig, error) {
	cfg, err := parseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database: bad URL: %w", err)
	}
	// Every session reasons in Vietnam's calendar (docs/DOMAIN.md: dates are days in Asia/Ho_Chi_Minh).
	cfg.RuntimeParams["timezone"] = "Asia/Ho_Chi_Minh"
	return cfg, nil
}

func newMigrator(db *bun.DB) (*migrate.Migrator, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(migrations.FS); err != nil {
		return nil, fmt.Errorf("database: discover migrations: %w", err)
	}
	return migrate.NewMigrator(db, ms, migrate.WithMarkAppliedOnSuccess(true)), nil
}

// MigrationLock is the PostgreSQL advisory lock that serialises migrations
// across processes ("cchmig11").
const MigrationLock int64 = 0x6363686d69673131

// Migrate applies pending migrations and returns the names it applied.
//
// Migrations run under a session-level advisory lock held on a connection of
// their own: a second process waits for the first to finish (then finds
// nothing to do) instead of failing, and a process killed while holding the
// lock loses its connection, which releases the lock — nothing is left for
// someone to clear by hand (bun/migrate's lock table kept a row after a
// kill and bricked every later command). Each migration runs in its own
// transaction, so a killed one leaves nothing half applied.
func Migrate(ctx context.Context, db *bun.DB) ([]string, error) {
	m, err := newMigrator(db)
	if err != nil {
		return nil, err
	}
	unlock, err := lockMigrations(ctx, db)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("database: init migrations: %w", err)
	}
	if err := checkKnown(ctx, m); err != nil {
		return nil, err
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("database: migrate: %w", err)
	}
	var names []string
	for _, mg := range group.Migrations {
		names = append(names, mg.Name+"_"+mg.Comment)
	}
	return names, nil
}

// lockMigrations takes MigrationLock on a connection kept for the purpose,
// waiting (as long as ctx allows) for another process holding it.
func lockMigrations(ctx context.Context, db *bun.DB) (unlock func(), err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("database: lock migrations: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", MigrationLock); err != nil {
		// The connection may be mid-wait: drop it rather than reuse it.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		conn.Close()
		return nil, fmt.Errorf("database: lock migrations: %w", err)
	}
	return func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", MigrationLock); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // closing the session releases it
		}
		conn.Close()
	}, nil
}

// ErrNewerSchema means the database was migrated by a newer cchc.
var ErrNewerSchema = errors.New("database: the schema is newer than this program")

// checkKnown refuses a database holding migrations this binary does not know:
// serving it could corrupt data written by a newer version.
func checkKnown(ctx context.Context, m *migrate.Migrator) error {
	ms, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return fmt.Errorf("database: migration status: %w", err)
	}
	applied, err := m.AppliedMigrations(ctx)
	if err != nil {
		return fmt.Errorf("database: applied migrations: %w", err)
	}
	var known []string
	for _, mg := range ms {
		known = append(known, mg.Name)
	}
	var unknown []string
	for _, a := range applied {
		if !slices.Contains(known, a.Name) {
			unknown = append(unknown, a.Name+"_"+a.Comment)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%w (unknown migrations: %s)", ErrNewerSchema, strings.Join(unknown, ", "))
	}
	return nil
}

// IsUniqueViolation tells whether err is PostgreSQL's unique_violation.
func IsUniqueViolation(err error) bool { return pgCode(err) == "23505" }

// IsForeignKeyViolation tells whether err is PostgreSQL's foreign_key_violation.
func IsForeignKeyViolation(err error) bool { return pgCode(err) == "23503" }

func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// Ping answers whether the database is reachable, for /healthz.
func Ping(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}
