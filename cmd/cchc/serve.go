package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"cchc/demo"
	"cchc/reminders"
	"cchc/web"
)

func (a *app) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "load the demo data when the database holds no plan")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	db, applied, closeDB, err := a.openMigrated(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	for _, name := range applied {
		a.log.Info("migration applied", "name", name)
	}
	if *withDemo {
		loaded, err := demo.LoadIfEmpty(ctx, db, time.Now())
		if err != nil {
			return err
		}
		if loaded != nil {
			a.log.Info("demo data loaded", "summary", loaded.String())
		}
	}

	handler, err := web.New(web.Deps{DB: db, Log: a.log, BaseURL: a.cfg.BaseURL, SessionCleanup: 30 * time.Minute, TrustedProxies: a.cfg.TrustedProxies})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	sched, err := reminders.Schedule(a.cfg.ReminderSchedule, db, a.remindersConfig())
	if err != nil {
		return err
	}
	sched.Start()
	a.log.Info("reminders scheduled", "spec", a.cfg.ReminderSchedule, "next", sched.Next())
	// Deferred, so it runs after the HTTP shutdown below: a reminder run in
	// progress is let finish.
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if err := sched.Stop(stopCtx); err != nil {
			a.log.Error("stop reminders", "err", err)
		}
	}()
	fmt.Fprintf(a.stdout, "cchc đang chạy tại / listening on http://%s\n", ln.Addr())
	if *withDemo {
		fmt.Fprintln(a.stdout, demo.LoginsText())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
