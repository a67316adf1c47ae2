package database

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
)

// The hot queries (a task, a plan's states, the rollups, the sign-in by
// token) are written with $n placeholders and run through the functions
// below: pgx prepares each once per connection and keeps it in its
// statement cache, so PostgreSQL plans it once instead of at every call.
// Everything else goes through bun, which writes the arguments into the
// query text; those queries use the simple protocol (see Open), one round
// trip and no statement left behind.

// querier is what *sql.DB, *sql.Tx and *sql.Conn have in common.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// raw is the database/sql handle under a bun handle: the pool, the
// transaction (a savepoint shares its transaction) or the connection.
func raw(db bun.IDB) (querier, error) {
	switch d := db.(type) {
	case *bun.DB:
		return d.DB, nil
	case bun.Tx:
		return d.Tx, nil
	case *bun.Tx:
		return d.Tx, nil
	case bun.Conn:
		return d.Conn, nil
	case *bun.Conn:
		return d.Conn, nil
	}
	return nil, fmt.Errorf("database: cannot prepare on a %T", db)
}

func prepared(args []any) []any {
	return append([]any{pgx.QueryExecModeCacheStatement}, args...)
}

// Query runs a prepared query ($n placeholders) on db.
func Query(ctx context.Context, db bun.IDB, query string, args ...any) (*sql.Rows, error) {
	q, err := raw(db)
	if err != nil {
		return nil, err
	}
	return q.QueryContext(ctx, query, prepared(args)...)
}

// Exec runs a prepared statement ($n placeholders) on db.
func Exec(ctx context.Context, db bun.IDB, query string, args ...any) (sql.Result, error) {
	q, err := raw(db)
	if err != nil {
		return nil, err
	}
	return q.ExecContext(ctx, query, prepared(args)...)
}

// Select runs a prepared query and scans its rows into dest as bun scans
// a model (a pointer to a struct, a slice of structs, or scalars).
func Select(ctx context.Context, db bun.IDB, dest any, query string, args ...any) error {
	rows, err := Query(ctx, db, query, args...)
	if err != nil {
		return err
	}
	return db.NewSelect().DB().ScanRows(ctx, rows, dest)
}
