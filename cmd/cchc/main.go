// Command cchc runs the administrative reform plan tracker: the web server,
// migrations, demo data and the command-line tools of docs/CONTRACT.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

const usage = `cchc — theo dõi kế hoạch cải cách hành chính (administrative reform plan tracker)

Usage:
  cchc serve [--demo]      migrate, load demo data if --demo and there is no plan, serve HTTP
  cchc migrate             apply pending database migrations
  cchc demo                load the demo data (idempotent)
  cchc user add --email E --name N --role R --unit CODE
                           create a user; the password is read from stdin; prints the user id
                           (R: admin, leader, secretariat, officer, viewer)
  cchc remind [--now RFC3339]
                           one reminder run as if at that instant (default now); prints the counts
  cchc token create --email E [--name N]
                           print a new API token for that user
  cchc import plan --unit CODE --year Y [--title T] [--number N] FILE.xlsx
                           import a plan annex as a draft, all or nothing: prints the plan id,
                           or every faulty row on stderr (exit status 1, nothing written)
  cchc par import --year Y --group G [--unit CODE --name N --kinds K,K] FILE.xlsx
                           import a PAR-index criteria set for a group's year, all or nothing:
                           prints the set id, or every faulty row on stderr (exit status 1,
                           nothing written); --unit creates an unknown group under that body
  cchc report --plan ID --period P --format F -o FILE [--version N]
                           write a plan's periodic report (P: q1 q2 q3 q4 h1 9m year; F: docx xlsx);
                           the latest finalised version if any, else the figures as they stand
  cchc backup -o FILE      write a consistent archive of the whole database (evidence included)
  cchc restore FILE        load an archive into an empty database (refuses a non-empty one)

Environment:
`

// errUsage marks a mistake in the command line: the usage is printed.
var errUsage = errors.New("usage")

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	cancel()
	if err != nil {
		msg := oneLine(err.Error())
		if errors.Is(err, errUsage) {
			msg += " (see cchc --help)"
		}
		fmt.Fprintln(os.Stderr, "cchc: "+msg)
		os.Exit(1)
	}
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, usage)
	for _, v := range variables {
		def := v.def
		if def == "" {
			def = "(empty)"
		}
		fmt.Fprintf(w, "  %-24s %-18s %s\n", v.name, def, v.meaning)
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command given", errUsage)
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stdout)
		return nil
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	// Only the server narrates; the one-shot commands keep stderr for the
	// one-line reason of a failure.
	level := slog.LevelWarn
	if args[0] == "serve" {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	env := &app{cfg: cfg, log: log, stdin: stdin, stdout: stdout}
	switch args[0] {
	case "serve":
		return env.serve(ctx, args[1:])
	case "migrate":
		return env.migrate(ctx, args[1:])
	case "demo":
		return env.demo(ctx, args[1:])
	case "user":
		if len(args) > 1 && args[1] == "add" {
			return env.userAdd(ctx, args[2:])
		}
	case "import":
		if len(args) > 1 && args[1] == "plan" {
			return env.importPlan(ctx, args[2:])
		}
	case "par":
		if len(args) > 1 && args[1] == "import" {
			return env.parImport(ctx, args[2:])
		}
	case "report":
		return env.report(ctx, args[1:])
	case "remind":
		return env.remind(ctx, args[1:])
	case "backup":
		return env.backup(ctx, args[1:])
	case "restore":
		return env.restore(ctx, args[1:])
	case "token":
		if len(args) > 1 && args[1] == "create" {
			return env.tokenCreate(ctx, args[2:])
		}
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, strings.Join(args, " "))
}

// app is what every subcommand needs.
type app struct {
	cfg    config
	log    *slog.Logger
	stdin  io.Reader
	stdout io.Writer
}
