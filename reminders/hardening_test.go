package reminders_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/reminders"
)

// A run while another holds the run lock does nothing and says so; once
// the other is done, a run does the work.
func TestRunInProgressDoesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.task("1", "Nhiệm vụ quá hạn", f.justice, dueIn(-3))
	other, err := f.db.Conn(f.ctx)
	require.NoError(t, err)
	defer other.Close()
	_, err = other.ExecContext(f.ctx, "SELECT pg_advisory_lock(?)", reminders.RunLock)
	require.NoError(t, err)

	res, err := reminders.Run(f.ctx, f.db, monday, cfg(nil))
	require.NoError(t, err)
	require.True(t, res.InProgress)
	require.Zero(t, res.Created)
	require.Empty(t, f.notices())

	_, err = other.ExecContext(f.ctx, "SELECT pg_advisory_unlock(?)", reminders.RunLock)
	require.NoError(t, err)
	res, err = reminders.Run(f.ctx, f.db, monday, cfg(nil))
	require.NoError(t, err)
	require.False(t, res.InProgress)
	require.NotZero(t, res.Created)
}

// barrier lets requests through only once n of them are in flight at the
// same time; after a minute it gives up and they fail (so a test on code
// that sends one message after the other fails instead of hanging).
type barrier struct {
	mu      sync.Mutex
	waiting int
	n       int
	open    chan struct{}
}

func newBarrier(n int) *barrier { return &barrier{n: n, open: make(chan struct{})} }

func (b *barrier) arrive() bool {
	b.mu.Lock()
	b.waiting++
	if b.waiting == b.n {
		close(b.open)
	}
	b.mu.Unlock()
	select {
	case <-b.open:
		return true
	case <-time.After(time.Minute):
		return false
	}
}

// Two webhook endpoints, each holding its request until the other's has
// arrived: only deliveries made in parallel get through. (Sent one after
// the other, the first waits for a request that never comes.)
func TestEndpointsServedInParallel(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.task("1", "Cấp phép xây dựng đúng hạn", f.empty, dueIn(2))
	f.task("2", "Nhiệm vụ quá hạn của Tư pháp", f.justice, dueIn(-20))
	b := newBarrier(2)
	var mu sync.Mutex
	got := map[string]int{}
	hook := func(name string) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			if !b.arrive() {
				http.Error(w, "alone", http.StatusServiceUnavailable)
				return
			}
			mu.Lock()
			got[name]++
			mu.Unlock()
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	unitHook, planHook := hook("unit"), hook("plan")
	require.NoError(t, reminders.CreateWebhook(f.ctx, f.db, &reminders.Webhook{UnitID: f.empty, URL: unitHook.URL + "/zalo"}))
	require.NoError(t, reminders.CreateWebhook(f.ctx, f.db, &reminders.Webhook{PlanID: f.plan.ID, URL: planHook.URL + "/telegram"}))

	c := cfg(nil)
	c.HTTPClient = &http.Client{} // no client timeout: the attempt timeout alone bounds a post
	res, err := reminders.Run(f.ctx, f.db, monday, c)
	require.NoError(t, err)
	require.Equal(t, 2, res.Webhook, "both posts delivered: %+v", res)
	require.Zero(t, res.Failed)
	require.Equal(t, map[string]int{"unit": 1, "plan": 1}, got)
}

// A dead SMTP server (it accepts the connection and never answers) costs
// its own messages one attempt timeout; the webhook is posted meanwhile,
// and the e-mail is kept for a later attempt.
func TestHangingSMTPDelaysOnlyEmail(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.task("1", "Cấp phép xây dựng đúng hạn", f.empty, dueIn(2))
	f.task("2", "Nhiệm vụ quá hạn của Tư pháp", f.justice, dueIn(-20))

	// The dead SMTP server, counting the sessions it holds open.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	var open atomic.Int32 // sessions being held right now
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			open.Add(1)
			go func() { _, _ = io.Copy(io.Discard, conn); conn.Close(); open.Add(-1) }()
		}
	}()
	// The webhook answers only while an SMTP session hangs, i.e. when it
	// is posted in parallel with the e-mail.
	posted := 0
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		for deadline := time.Now().Add(time.Minute); open.Load() == 0; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				http.Error(w, "no e-mail in flight: sent one after the other", http.StatusServiceUnavailable)
				return
			}
		}
		posted++
	}))
	t.Cleanup(hook.Close)
	require.NoError(t, reminders.CreateWebhook(f.ctx, f.db, &reminders.Webhook{UnitID: f.empty, URL: hook.URL}))

	c := cfg(nil)
	c.SMTPURL = "smtp://" + l.Addr().String() + "?tls=none"
	c.AttemptTimeout = 5 * time.Second
	c.HTTPClient = &http.Client{}
	res, err := reminders.Run(f.ctx, f.db, monday, c)
	require.NoError(t, err)
	require.Equal(t, 1, res.Webhook, "%+v", res)
	require.Equal(t, 1, posted)
	require.Zero(t, res.Email)
	require.GreaterOrEqual(t, res.Failed, 1)
	var pending []struct {
		Status    string `bun:"status"`
		LastError string `bun:"last_error"`
	}
	require.NoError(t, f.db.NewRaw("SELECT status, last_error FROM deliveries WHERE channel = 'email' ORDER BY id").Scan(f.ctx, &pending))
	require.NotEmpty(t, pending)
	tried := 0
	for _, d := range pending {
		require.Equal(t, "pending", d.Status, "kept for a later attempt")
		if d.LastError != "" {
			tried++
			require.Contains(t, d.LastError, "no answer within 5s")
		}
	}
	require.Equal(t, 1, tried, "one attempt on the dead server, the other e-mails left for the next pass")
}
