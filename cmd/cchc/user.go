package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"cchc/accounts"
	"cchc/audit"
	"cchc/internal/errs"
)

// userAdd: cchc user add --email E --name N --role R --unit CODE (password on stdin).
func (a *app) userAdd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "e-mail (sign-in name)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "admin, leader, secretariat, officer or viewer")
	unitCode := fs.String("unit", "", "code of the user's unit")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *email == "" || *name == "" || *role == "" || *unitCode == "" {
		return fmt.Errorf("%w: user add needs --email, --name, --role and --unit", errUsage)
	}
	pw, err := readPassword(a.stdin)
	if err != nil {
		return err
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	unit, err := unitByCode(ctx, db, *unitCode)
	if err != nil {
		return err
	}
	ctx = audit.WithActor(ctx, audit.Actor{Name: "cli"})
	u, err := accounts.Create(ctx, db, accounts.NewUser{Email: *email, Name: *name, Role: accounts.Role(*role), UnitID: unit.ID, Password: pw})
	if err != nil {
		var inv *errs.Error
		if errors.As(err, &inv) {
			return errors.New(inv.Error())
		}
		return err
	}
	fmt.Fprintln(a.stdout, u.ID)
	return nil
}

// readPassword takes the first line of stdin, so `echo pw | cchc user add …` works.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("no password on standard input (e.g. printf '%s\\n' \"$PW\" | cchc user add …)")
	}
	return pw, nil
}

// tokenCreate: cchc token create --email E prints a new API token.
func (a *app) tokenCreate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "the user's e-mail")
	name := fs.String("name", "cli", "a name to recognise the token by")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *email == "" {
		return fmt.Errorf("%w: token create needs --email", errUsage)
	}
	db, _, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	u, err := accounts.ByEmail(ctx, db, *email)
	if errors.Is(err, errs.NotFound) {
		return fmt.Errorf("no user with e-mail %q", *email)
	}
	if err != nil {
		return err
	}
	secret, _, err := accounts.CreateToken(audit.WithActor(ctx, audit.Actor{Name: "cli"}), db, u.ID, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, secret)
	return nil
}
