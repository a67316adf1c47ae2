// Package database opens the PostgreSQL connection through bun and applies
// the embedded migrations.
package database

import (
	"context"
	"database/sql"
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

// Open connects to url and checks that the server answers.
func Open(ctx context.Context, url string) (*bun.DB, error) {
	cfg, err := pgxConfig(url)
	if err != nil {
		return nil, err
	}
	sqldb := stdlib.OpenDB(*cfg)
	sqldb.SetMaxOpenConns(20)
	// As many kept idle as may be open: a connection closed after a burst
	// is a backend forked again and its prepared statements planned again.
	sqldb.SetMaxIdleConns(20)
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
	// bun writes every argument into the query text, so no two of its
	// queries look alike: preparing and caching each (pgx's default) costs
	// a round trip and evicts the statements worth keeping. Its queries go
	// by the simple protocol; the hot queries ask for the statement cache
	// (prepared.go).
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	return cfg, nil
}

func newMigrator(db *bun.DB) (*migrate.Migrator, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(migrations.FS); err != nil {
		return nil, fmt.Errorf("database: discover migrations: %w", err)
	}
	return migrate.NewMigrator(db, ms, migrate.WithMarkAppliedOnSuccess(true)), nil
}

// Migrate applies pending migrations under the migrator's lock and returns
// the names it applied.
func Migrate(ctx context.Context, db *bun.DB) ([]string, error) {
	m, err := newMigrator(db)
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("database: init migrations: %w", err)
	}
	if err := m.Lock(ctx); err != nil {
		return nil, fmt.Errorf("database: lock migrations: %w", err)
	}
	defer m.Unlock(context.WithoutCancel(ctx)) //nolint:errcheck
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
