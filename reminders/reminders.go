// Package reminders chases units about their tasks (đôn đốc, docs/DOMAIN.md §8):
// warnings before a deadline, overdue notices, escalation to the unit head
// and the plan's leaders, reporting reminders before a cut-off, and notices
// of events (a returned completion claim, a decided extension).
//
// The database decides and remembers; the scheduler only ticks. A run:
//
//  1. Record, in one transaction under a PostgreSQL advisory lock: works out
//     what is due at the run's day (rules.go), writes one notice per intended
//     message with a unique key — kind and step, subject (task or a unit's
//     reporting period), recipient (user or webhook), due occurrence —
//     ignoring keys already written (ON CONFLICT DO NOTHING), then gathers
//     every notice not yet sent out into one delivery per recipient: an
//     e-mail digest per user (digest.go), a JSON POST per webhook.
//  2. Deliver (deliver.go): claims pending deliveries one by one with
//     SELECT … FOR UPDATE SKIP LOCKED, sends, marks them sent in the same
//     transaction; failures are retried with exponential backoff.
//
// So a crash after recording leaves pending deliveries for the next run, a
// missed day is caught up by the next run (each rule fires at its latest
// moment on or before the run's day), and parallel runs or replicas deliver
// each notice once. In-app notices are the notice rows themselves.
package reminders

import (
	"log/slog"
	"net/http"
	"time"

	"cchc/internal/civil"
	"cchc/internal/errs"
)

// invalid is input a user can correct, in a field, with a message key.
func invalid(field, key string, args ...any) error { return errs.Bad(field, key, args...) }

// Kinds of notice. The rule kinds are produced by runs; event kinds by Notify.
const (
	KindDueSoon    = "due_soon"   // step: the days-before setting that fired (7, 3, 1)
	KindDueToday   = "due_today"  // step 0
	KindOverdue    = "overdue"    // step: days after the deadline of this repeat (1, 8, 15…)
	KindEscalation = "escalation" // step: the escalation setting (14)
	KindReport     = "report"     // step: working days before the cut-off (7, 2)

	EventClaimReturned     = "claim_returned"     // the secretariat returned a completion claim
	EventExtensionApproved = "extension_approved" // a leader approved a deadline extension
	EventExtensionRefused  = "extension_refused"  // a leader refused it
)

// section orders a digest: overdue first, then due soon, then reporting,
// then everything else.
func section(kind string) int {
	switch kind {
	case KindOverdue, KindEscalation:
		return 0
	case KindDueToday, KindDueSoon:
		return 1
	case KindReport:
		return 2
	}
	return 3
}

// Config is what a run needs besides the database.
type Config struct {
	// BaseURL starts the absolute links of e-mails and webhooks (CCHC_BASE_URL).
	BaseURL string
	// SMTPURL is smtp://user:pass@host:port (STARTTLS when offered) or
	// smtps://… (TLS from the start); empty turns e-mail off. Query
	// parameters: from=address, tls=none|required, auth=PLAIN|LOGIN|….
	SMTPURL string
	Log     *slog.Logger
	// HTTPClient posts webhooks; nil means a client with a 15 s timeout.
	HTTPClient *http.Client
	// AttemptTimeout bounds one send (an SMTP session, a webhook post);
	// default 20 s.
	AttemptTimeout time.Duration
	// Parallel is how many endpoints are served at once (default 4).
	Parallel int
	// MaxAttempts per delivery before it is marked failed (default 8).
	MaxAttempts int
	// Backoff is the wait after the first failure, doubled after each next
	// one up to 6 h (default 2 min).
	Backoff time.Duration
	// Sources add other features' notices to each run (UnitNotice).
	Sources []Source
}

func (c Config) withDefaults() Config {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if c.AttemptTimeout <= 0 {
		c.AttemptTimeout = 20 * time.Second
	}
	if c.Parallel <= 0 {
		c.Parallel = 4
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
	if c.Backoff <= 0 {
		c.Backoff = 2 * time.Minute
	}
	return c
}

// backoff is how long to wait after the n-th failed attempt (n ≥ 1).
func (c Config) backoff(n int) time.Duration {
	d := c.Backoff
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// Result says what a run did.
type Result struct {
	Day civil.Date // the run's day in Asia/Ho_Chi_Minh
	// Since is the day of the previous recorded run (zero for the first):
	// the run caught up every moment after it.
	Since civil.Date
	// WorkingDay is false on weekends and holidays: nothing is recorded.
	WorkingDay bool
	// InProgress: another run held the run lock, so this one did nothing.
	InProgress bool

	Created    int // notices written by this run (users and webhooks)
	Deliveries int // e-mails and webhook posts queued by this run

	InApp     int // notices shown in-app (the users' share of Created)
	Email     int // e-mail digests sent
	Webhook   int // webhook posts sent
	Delivered int // InApp + Email + Webhook
	Failed    int // send attempts that failed (retried later, or given up)
}

func (r *Result) add(o Result) {
	r.Email += o.Email
	r.Webhook += o.Webhook
	r.Failed += o.Failed
	r.Delivered = r.InApp + r.Email + r.Webhook
}
