package reminders_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/reminders"
)

func demoDB(t testing.TB) *bun.DB {
	return dbtest.Seeded(t, "demo", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, monday)
		return err
	})
}

// demoTask is the title of a task of the demo's current-year plan.
func demoTask(number string) string {
	for _, a := range demo.PlanCurrent.Areas {
		for _, t := range a.Tasks {
			if t.Number == number {
				return t.Title
			}
		}
	}
	panic("no demo task " + number)
}

// The done-when: on the demo data, a run on a working-day morning
// sends one digest per affected user, and a second run sends nothing new.
func TestDemoRunOnce(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	mb := startSMTP(t)
	res, err := reminders.Run(context.Background(), db, monday, cfg(mb))
	require.NoError(t, err)
	require.Positive(t, res.Created)
	require.Zero(t, res.Failed)

	msgs := mb.all()
	require.Equal(t, res.Email, len(msgs))
	seen := map[string]int{}
	for _, m := range msgs {
		require.Len(t, m.To, 1)
		seen[m.To[0]]++
	}
	for addr, n := range seen {
		require.Equal(t, 1, n, "one digest for %s", addr)
	}
	// Sở Tư pháp leads task 6 (overdue) and task 7 (due in 5 days) of the
	// province plan, the same two in its own plan, cascaded, and one task of
	// its own whose claim the secretariat returned, now overdue; the
	// secretariat leads overdue and due-soon tasks and stands in for unit
	// heads that have no leader in the system; the province's leader hears
	// of tasks overdue for more than 14 days.
	require.Equal(t, map[string]int{"tuphap@cchc.test": 1, "noivu@cchc.test": 1, "lanhdao@cchc.test": 1}, seen)
	justice := mb.to("tuphap@cchc.test")[0]
	require.Equal(t, "[CCHC] 3 nhiệm vụ quá hạn, 2 nhiệm vụ sắp đến hạn — Sở Tư pháp", justice.Subject)
	require.Contains(t, justice.Text, demoTask("6"))
	require.Contains(t, justice.Text, demoTask("7"))
	require.Contains(t, justice.Text, baseURL+"/tasks/")
	require.NotContains(t, justice.Text, demoTask("5"), "completed")
	require.NotContains(t, justice.Text, demoTask("9"), "only coordinated")
	require.Contains(t, mb.to("lanhdao@cchc.test")[0].Subject, "— UBND tỉnh Sơn Hà")

	again, err := reminders.Run(context.Background(), db, monday.Add(10*time.Minute), cfg(mb))
	require.NoError(t, err)
	require.Zero(t, again.Created)
	require.Zero(t, again.Delivered)
	require.Len(t, mb.all(), len(msgs))

	// Compute still finds the same notices due: the keys make them old news.
	due, err := reminders.Compute(context.Background(), db, monday)
	require.NoError(t, err)
	require.Len(t, due, res.Created)
}

// The scheduler ticks in Asia/Ho_Chi_Minh, recovers, and stops cleanly.
func TestSchedule(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	var mu sync.Mutex
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&lockedWriter{mu: &mu, w: &logs}, nil))
	_, err := reminders.Schedule("not a spec", db, reminders.Config{Log: log})
	require.Error(t, err)
	_, err = reminders.Schedule("0 7 * * 1-5", db, reminders.Config{SMTPURL: "smtp://host:25?from=not-an-address", Log: log})
	require.ErrorContains(t, err, "sender address")

	s, err := reminders.Schedule("0 7 * * 1-5", db, reminders.Config{BaseURL: baseURL, Log: log})
	require.NoError(t, err)
	s.Start()
	next := s.Next().In(civil.Zone)
	require.Equal(t, 7, next.Hour(), "07:00 in Hà Nội, whatever the machine's zone")
	require.True(t, next.Weekday() >= time.Monday && next.Weekday() <= time.Friday, "a working day: %s", next)
	s.Tick() // the job as the cron runs it, without waiting for 07:00
	mu.Lock()
	require.Contains(t, logs.String(), "reminders run")
	mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, s.Stop(ctx))
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// BenchmarkRun runs reminders on the demo data (two plans, 85 tasks): "first"
// writes and e-mails everything due (the tables are emptied between
// iterations, outside the timer), "again" is a run with nothing new.
func BenchmarkRun(b *testing.B) {
	db := demoDB(b)
	mb := startSMTP(b)
	ctx := context.Background()
	reset := func() {
		_, err := db.ExecContext(ctx, "TRUNCATE notices, deliveries, reminder_runs")
		require.NoError(b, err)
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			reset()
			b.StartTimer()
			res, err := reminders.Run(ctx, db, monday, cfg(mb))
			if err != nil || res.Created == 0 {
				b.Fatal(res, err)
			}
		}
	})
	b.Run("again", func(b *testing.B) {
		reset()
		_, err := reminders.Run(ctx, db, monday, cfg(mb))
		require.NoError(b, err)
		for b.Loop() {
			res, err := reminders.Run(ctx, db, monday, cfg(mb))
			if err != nil || res.Created != 0 {
				b.Fatal(res, err)
			}
		}
	})
}

// The next run is the schedule's next time on a working day: a holiday or a
// week-end, on which a run records nothing, is skipped.
func TestNextRun(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, civil.Zone)
		require.NoError(t, err)
		return v
	}
	next := func(spec string, after time.Time) string {
		t.Helper()
		n, err := reminders.NextRun(ctx, db, spec, after)
		require.NoError(t, err)
		return n.In(civil.Zone).Format("2006-01-02 15:04")
	}
	// Monday 23/11/2026 at 06:59, 07:00 and 09:30; Friday evening.
	require.Equal(t, "2026-11-23 07:00", next(reminders.DefaultSpec, at("2026-11-23 06:59")))
	require.Equal(t, "2026-11-24 07:00", next(reminders.DefaultSpec, at("2026-11-23 07:00")))
	require.Equal(t, "2026-11-24 07:00", next(reminders.DefaultSpec, at("2026-11-23 09:30")))
	require.Equal(t, "2026-11-30 07:00", next(reminders.DefaultSpec, at("2026-11-27 18:00")), "not on the week-end")
	// In Hà Nội time whatever the zone of the instant given.
	require.Equal(t, "2026-11-24 07:00", next(reminders.DefaultSpec, at("2026-11-23 09:30").UTC()))
	// A holiday on Tuesday moves it to Wednesday.
	require.NoError(t, reminders.SetHoliday(ctx, db, civil.MustParse("2026-11-24"), "Nghỉ bù"))
	require.Equal(t, "2026-11-25 07:00", next(reminders.DefaultSpec, at("2026-11-23 09:30")))
	require.Equal(t, "2026-11-23 16:30", next("30 16 * * *", at("2026-11-23 09:30")))
	_, err := reminders.NextRun(ctx, db, "not a spec", at("2026-11-23 09:30"))
	require.Error(t, err)
}
