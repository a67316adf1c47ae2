package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/uptrace/bun"

	"cchc/internal/civil"
)

// RetrySpec is how often the scheduler retries failed deliveries between runs.
const RetrySpec = "@every 5m"

// DefaultSpec is when reminders run unless configured otherwise
// (CCHC_REMINDER_SCHEDULE): 07:00 Monday to Friday.
const DefaultSpec = "0 7 * * 1-5"

// NextRun is the first time after after at which spec fires on a working
// day: a run on a week-end or a holiday records nothing (Run), so it is not
// the next reminder. Zero if none falls within a year.
func NextRun(ctx context.Context, db bun.IDB, spec string, after time.Time) (time.Time, error) {
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return time.Time{}, fmt.Errorf("reminders: schedule %q: %w", spec, err)
	}
	cal, err := loadCalendar(ctx, db)
	if err != nil {
		return time.Time{}, err
	}
	limit := after.AddDate(1, 0, 0)
	for t := sched.Next(after.In(civil.Zone)); !t.IsZero() && t.Before(limit); t = sched.Next(t) {
		if cal.Working(civil.In(t)) {
			return t, nil
		}
	}
	return time.Time{}, nil
}

// Scheduler ticks: at each time of its cron spec it runs Run(time.Now()),
// and every five minutes it sends deliveries whose retry time has come.
// What is due and what was sent is decided by the database, so stopping,
// restarting or running several replicas neither loses nor repeats a
// notice.
type Scheduler struct {
	cron   *cron.Cron
	run    cron.EntryID
	ctx    context.Context
	cancel context.CancelFunc
}

// Schedule builds a scheduler for spec (standard five-field cron, in
// Asia/Ho_Chi_Minh, e.g. CCHC_REMINDER_SCHEDULE "0 7 * * 1-5"). Panics in a
// job are recovered and logged; a job still running when its next time
// comes is skipped. Call Start, then Stop on shutdown.
func Schedule(spec string, db *bun.DB, cfg Config) (*Scheduler, error) {
	cfg = cfg.withDefaults()
	if _, err := newSenders(cfg); err != nil {
		return nil, err // a bad CCHC_SMTP_URL fails at boot, not at 07:00
	}
	l := cronLogger{cfg.Log}
	c := cron.New(
		cron.WithLocation(civil.Zone),
		cron.WithLogger(l),
		cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)),
	)
	ctx, cancel := context.WithCancel(context.Background())
	s := &Scheduler{cron: c, ctx: ctx, cancel: cancel}
	var err error
	s.run, err = c.AddFunc(spec, func() {
		if _, err := Run(s.ctx, db, time.Now(), cfg); err != nil {
			cfg.Log.Error("reminders run failed", "err", err)
		}
	})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("reminders: schedule %q: %w", spec, err)
	}
	_, err = c.AddFunc(RetrySpec, func() {
		res, err := Deliver(s.ctx, db, time.Now(), cfg)
		if err != nil {
			cfg.Log.Error("reminders retry failed", "err", err)
		} else if res.Email+res.Webhook+res.Failed > 0 {
			cfg.Log.Info("reminders retry", "email", res.Email, "webhook", res.Webhook, "failed", res.Failed)
		}
	})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("reminders: schedule retries: %w", err)
	}
	return s, nil
}

// Start begins ticking in the background.
func (s *Scheduler) Start() { s.cron.Start() }

// Tick runs the reminder job now, through the same recovery and
// skip-if-running chain as the cron ticks (tests, and "send now").
func (s *Scheduler) Tick() { s.cron.Entry(s.run).WrappedJob.Run() }

// Next is when the reminder run fires next (zero before Start).
func (s *Scheduler) Next() time.Time {
	return s.cron.Entry(s.run).Next
}

// Stop stops ticking and waits for a running job to finish; if ctx ends
// first, the job's context is cancelled (its transaction rolls back, to be
// redone by the next run) and Stop still waits for it to return.
func (s *Scheduler) Stop(ctx context.Context) error {
	done := s.cron.Stop().Done()
	select {
	case <-done:
		s.cancel()
		return nil
	case <-ctx.Done():
		s.cancel()
		<-done
		return ctx.Err()
	}
}

// cronLogger routes cron's logging to slog: its chatter at debug level,
// recovered panics as errors.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
