package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/uptrace/bun"
)

// backup is `cchc backup -o FILE`: pg_dump's custom-format archive of the
// whole database (schema and data, evidence files included: they live in
// PostgreSQL), from one snapshot, so consistent while the application
// keeps writing. The dump tool is the one of the server's own binaries.
// The archive is written beside FILE and renamed into place when complete.
func (a *app) backup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "the archive to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *out == "" || fs.NArg() > 0 {
		return fmt.Errorf("%w: backup needs -o FILE", errUsage)
	}
	t, err := connect(ctx, a.cfg, a.log)
	if err != nil {
		return err
	}
	defer t.close()
	pgDump, err := t.tool(ctx, "pg_dump")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // a no-op once renamed
	// Archives hold password hashes and every document: owner only.
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := runTool(ctx, t, pgDump, "--format=custom", "--file="+tmp.Name(), "--dbname="+t.url()); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	st, err := os.Stat(*out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(a.stdout, "wrote %s (%s): %s\n", *out, size(st.Size()), contents(ctx, t.db))
	return nil
}

// restore is `cchc restore FILE`: loads an archive of `cchc backup` into
// the database, which must be empty (a fresh CCHC_DATA_DIR, or a new
// database for CCHC_DATABASE_URL): all or nothing, in one transaction. It
// does not migrate, so that what is loaded is exactly what was saved; the
// next command migrates an archive of an older cchc.
func (a *app) restore(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: restore needs the archive: cchc restore FILE", errUsage)
	}
	file := fs.Arg(0)
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	t, err := connect(ctx, a.cfg, a.log)
	if err != nil {
		return err
	}
	defer t.close()
	pgRestore, err := t.tool(ctx, "pg_restore")
	if err != nil {
		return err
	}
	if err := runTool(ctx, t, pgRestore, "--list", file); err != nil {
		return fmt.Errorf("restore: %s is not an archive of cchc backup (%v)", file, err)
	}
	n, err := relations(ctx, t.db)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("restore: the database is not empty (%d tables, sequences or views): restore into a new CCHC_DATA_DIR, or a new database for CCHC_DATABASE_URL; nothing was changed", n)
	}
	if err := runTool(ctx, t, pgRestore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
		"--dbname="+t.url(), file); err != nil {
		return fmt.Errorf("restore: %w; nothing was changed", err)
	}
	fmt.Fprintf(a.stdout, "restored %s: %s\n", file, contents(ctx, t.db))
	return nil
}

// runTool runs a PostgreSQL program against t; its error carries the
// program's own last words.
func runTool(ctx context.Context, t *target, path string, args ...string) error {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = t.env()
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if lines := strings.Split(msg, "\n"); len(lines) > 3 {
			msg = strings.Join(lines[len(lines)-3:], " ")
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && msg != "" {
			name := filepath.Base(path)
			return fmt.Errorf("%s: %s", name, strings.TrimPrefix(oneLine(msg), name+": "))
		}
		return fmt.Errorf("%s: %w %s", filepath.Base(path), err, oneLine(msg))
	}
	return nil
}

// relations counts what a database holds outside PostgreSQL's own schemas.
func relations(ctx context.Context, db bun.IDB) (int, error) {
	var n int
	err := db.NewRaw(`SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
		  AND s.nspname NOT IN ('pg_catalog', 'information_schema')
		  AND s.nspname NOT LIKE 'pg\_toast%' AND s.nspname NOT LIKE 'pg\_temp%'`).Scan(ctx, &n)
	return n, err
}

// contents says what a database holds, for the operator.
func contents(ctx context.Context, db bun.IDB) string {
	n, err := relations(ctx, db)
	if err != nil {
		return "(could not count what it holds: " + err.Error() + ")"
	}
	var c struct {
		Plans    int `bun:"plans"`
		Tasks    int `bun:"tasks"`
		Entries  int `bun:"entries"`
		Evidence int `bun:"evidence"`
		Users    int `bun:"users"`
	}
	err = db.NewRaw(`SELECT (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM tasks) AS tasks,
		(SELECT count(*) FROM progress_entries) AS entries, (SELECT count(*) FROM evidence_files) AS evidence,
		(SELECT count(*) FROM users) AS users`).Scan(ctx, &c)
	if err != nil {
		return fmt.Sprintf("%d tables, sequences and views", n)
	}
	return fmt.Sprintf("%d tables, sequences and views; %d plans, %d tasks, %d progress entries, %d evidence files, %d users",
		n, c.Plans, c.Tasks, c.Entries, c.Evidence, c.Users)
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
