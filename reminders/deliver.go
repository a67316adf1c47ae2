package reminders

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
)

// lockKey is the PostgreSQL advisory lock that serialises the recording
// phase of runs across processes and replicas ("cchcrem1").
const lockKey int64 = 0x6363686372656d31

// delivery is one outgoing message (deliveries table).
type delivery struct {
	bun.BaseModel `bun:"table:deliveries,alias:d"`

	ID            int64     `bun:"id,pk,autoincrement"`
	Channel       string    `bun:"channel"`
	UserID        int64     `bun:"user_id,nullzero"`
	WebhookID     int64     `bun:"webhook_id,nullzero"`
	RunID         int64     `bun:"run_id,nullzero"`
	Address       string    `bun:"address"`
	Subject       string    `bun:"subject"`
	BodyText      string    `bun:"body_text"`
	BodyHTML      string    `bun:"body_html"`
	Payload       string    `bun:"payload,nullzero"`
	Status        string    `bun:"status"`
	Attempts      int       `bun:"attempts"`
	NextAttemptAt time.Time `bun:"next_attempt_at"`
	LastError     string    `bun:"last_error"`
	SentAt        time.Time `bun:"sent_at,nullzero"`
	CreatedAt     time.Time `bun:"created_at,nullzero,default:now()"`
}

const (
	channelEmail   = "email"
	channelWebhook = "webhook"
)

type runRow struct {
	bun.BaseModel `bun:"table:reminder_runs"`

	ID         int64      `bun:"id,pk,autoincrement"`
	AsOf       time.Time  `bun:"as_of"`
	Day        civil.Date `bun:"day,type:date"`
	SinceDay   civil.Date `bun:"since_day,type:date"`
	RecordedAt time.Time  `bun:"recorded_at,nullzero"`
	FinishedAt time.Time  `bun:"finished_at,nullzero"`
	Notices    int        `bun:"notices"`
	Deliveries int        `bun:"deliveries"`
	Delivered  int        `bun:"delivered"`
	Failed     int        `bun:"failed"`
}

// RunLock is the PostgreSQL advisory lock a whole run holds, session-level
// on a connection of its own ("cchcrun1"): one run at a time across
// processes and replicas; a run that finds it taken does nothing and says
// so. The process dying releases it with its connection.
const RunLock int64 = 0x6363686372756e31

// Run is one reminder pass as if at instant now: Record, then Deliver. When
// another run is in progress (another `cchc remind`, a replica's scheduler)
// it does nothing and returns a Result with InProgress set: that run does
// the work.
func Run(ctx context.Context, db *bun.DB, now time.Time, cfg Config) (Result, error) {
	cfg = cfg.withDefaults()
	conn, err := db.Conn(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("reminders: run lock: %w", err)
	}
	defer conn.Close()
	var mine bool
	if err := conn.NewRaw("SELECT pg_try_advisory_lock(?)", RunLock).Scan(ctx, &mine); err != nil {
		return Result{}, fmt.Errorf("reminders: run lock: %w", err)
	}
	if !mine {
		cfg.Log.Info("reminders run skipped: another run is in progress")
		return Result{Day: civil.In(now), InProgress: true}, nil
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", RunLock); err != nil {
			// Closing the session releases it.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()

	res, runID, err := record(ctx, db, now, cfg)
	if err != nil {
		return res, err
	}
	d, err := Deliver(ctx, db, now, cfg)
	res.add(d)
	if runID != 0 {
		_, uerr := db.NewUpdate().Model((*runRow)(nil)).Set("finished_at = now()").
			Set("delivered = ?", res.Delivered).Set("failed = ?", res.Failed).Where("id = ?", runID).Exec(ctx)
		if err == nil && uerr != nil {
			err = fmt.Errorf("reminders: finish run %d: %w", runID, uerr)
		}
	}
	cfg.Log.Info("reminders run", "day", res.Day.String(), "since", res.Since.String(), "working_day", res.WorkingDay,
		"created", res.Created, "in_app", res.InApp, "email", res.Email, "webhook", res.Webhook, "failed", res.Failed)
	return res, err
}

// Record is the first half of a run: in one transaction, under the advisory
// lock, it writes the notices due at now's day that were not written yet,
// then queues every notice not sent out yet into one delivery per
// recipient. Nothing is sent: a crash after Record leaves pending
// deliveries, which the next Deliver sends.
func Record(ctx context.Context, db *bun.DB, now time.Time, cfg Config) (Result, error) {
	res, _, err := record(ctx, db, now, cfg.withDefaults())
	return res, err
}

func record(ctx context.Context, db *bun.DB, now time.Time, cfg Config) (Result, int64, error) {
	day := civil.In(now)
	res := Result{Day: day}
	var runID int64
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", lockKey); err != nil {
			return fmt.Errorf("reminders: lock: %w", err)
		}
		cal, err := loadCalendar(ctx, tx)
		if err != nil {
			return err
		}
		if res.WorkingDay = cal.Working(day); !res.WorkingDay {
			return nil
		}
		if err := tx.NewRaw("SELECT max(day) FROM reminder_runs WHERE recorded_at IS NOT NULL").Scan(ctx, &res.Since); err != nil {
			return fmt.Errorf("reminders: last run: %w", err)
		}
		run := &runRow{AsOf: now, Day: day, SinceDay: res.Since}
		if _, err := tx.NewInsert().Model(run).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("reminders: start run: %w", err)
		}
		runID = run.ID
		dir, err := loadDirectory(ctx, tx)
		if err != nil {
			return err
		}
		ns, err := compute(ctx, tx, day, cal, dir)
		if err != nil {
			return err
		}
		more, err := sourceNotices(ctx, tx, cfg.Sources, day, dir)
		if err != nil {
			return err
		}
		ns = append(ns, more...)
		if res.Created, res.InApp, err = insertNotices(ctx, tx, ns, now, runID); err != nil {
			return err
		}
		if res.Deliveries, err = queue(ctx, tx, now, cfg, dir, runID); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model(run).Set("recorded_at = now()").Set("notices = ?", res.Created).
			Set("deliveries = ?", res.Deliveries).WherePK().Exec(ctx)
		if err != nil {
			return fmt.Errorf("reminders: record run: %w", err)
		}
		return nil
	})
	if err != nil {
		return res, 0, err
	}
	res.Delivered = res.InApp
	return res, runID, nil
}

// insertNotices writes the notices whose key is new and counts them (all,
// and those for users).
func insertNotices(ctx context.Context, db bun.IDB, ns []Notice, now time.Time, runID int64) (created, inApp int, err error) {
	const chunk = 500
	var users, hooks []Notice
	for _, n := range ns {
		n.CreatedAt, n.RunID, n.Outbound = now, runID, "pending"
		if n.UserID != 0 {
			users = append(users, n)
		} else {
			hooks = append(hooks, n)
		}
	}
	insert := func(rows []Notice) (int, error) {
		total := 0
		for i := 0; i < len(rows); i += chunk {
			part := rows[i:min(i+chunk, len(rows))]
			// No RETURNING: with skipped conflicts bun could not match
			// returned rows to the slice.
			res, err := db.NewInsert().Model(&part).ExcludeColumn("id").On("CONFLICT DO NOTHING").Exec(ctx)
			if err != nil {
				return total, fmt.Errorf("reminders: write notices: %w", err)
			}
			n, _ := res.RowsAffected()
			total += int(n)
		}
		return total, nil
	}
	if inApp, err = insert(users); err != nil {
		return 0, 0, err
	}
	h, err := insert(hooks)
	return inApp + h, inApp, err
}

// queue gathers every notice not sent out yet into one delivery per
// recipient: an e-mail digest per user who gets e-mail, a post per active
// webhook. The others stay in-app only.
func queue(ctx context.Context, db bun.IDB, now time.Time, cfg Config, dir *directory, runID int64) (int, error) {
	var ns []Notice
	if err := db.NewSelect().Model(&ns).Where("outbound = 'pending'").Order("id").For("UPDATE").Scan(ctx); err != nil {
		return 0, fmt.Errorf("reminders: pending notices: %w", err)
	}
	if len(ns) == 0 {
		return 0, nil
	}
	type key struct{ user, hook int64 }
	groups := map[key][]Notice{}
	var order []key
	for _, n := range ns {
		k := key{n.UserID, n.WebhookID}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], n)
	}
	emailOn := cfg.SMTPURL != ""
	queued := 0
	for _, k := range order {
		group := groups[k]
		ids := make([]int64, len(group))
		for i, n := range group {
			ids[i] = n.ID
		}
		d := &delivery{RunID: runID, Status: "pending", NextAttemptAt: now}
		switch {
		case k.user != 0:
			p := dir.users[k.user]
			if p == nil || !p.EmailOn || p.Email == "" || !emailOn {
				if err := markOutbound(ctx, db, ids, "none", 0); err != nil {
					return queued, err
				}
				continue
			}
			dg, err := renderDigest(cfg.BaseURL, p.Name, dir.unitName(p.UnitID), group)
			if err != nil {
				return queued, err
			}
			d.Channel, d.UserID, d.Address = channelEmail, p.ID, p.Email
			d.Subject, d.BodyText, d.BodyHTML = dg.Subject, dg.Text, dg.HTML
		default:
			w, ok := dir.hooksByID[k.hook]
			if !ok {
				if err := markOutbound(ctx, db, ids, "none", 0); err != nil {
					return queued, err
				}
				continue
			}
			scope := WebhookScope{Type: "unit", ID: w.UnitID}
			if w.UnitID != 0 {
				u := dir.units[w.UnitID]
				scope.Code, scope.Name = u.Code, u.Name
			} else {
				scope.Type, scope.ID = "plan", w.PlanID
				scope.Name, _ = planName(ctx, db, w.PlanID)
			}
			body, err := renderWebhook(cfg.BaseURL, scope, group, now)
			if err != nil {
				return queued, err
			}
			d.Channel, d.WebhookID, d.Address, d.Payload = channelWebhook, w.ID, w.URL, string(body)
			d.Subject = subjectLine(group, scope.Name)
		}
		if _, err := db.NewInsert().Model(d).Returning("id").Exec(ctx); err != nil {
			return queued, fmt.Errorf("reminders: queue delivery: %w", err)
		}
		if err := markOutbound(ctx, db, ids, "queued", d.ID); err != nil {
			return queued, err
		}
		queued++
	}
	return queued, nil
}

func markOutbound(ctx context.Context, db bun.IDB, ids []int64, state string, deliveryID int64) error {
	q := db.NewUpdate().Model((*Notice)(nil)).Set("outbound = ?", state).Where("id IN (?)", bun.List(ids))
	if deliveryID != 0 {
		q = q.Set("delivery_id = ?", deliveryID)
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("reminders: mark notices %s: %w", state, err)
	}
	return nil
}

func planName(ctx context.Context, db bun.IDB, planID int64) (string, error) {
	var p struct {
		Number string `bun:"number"`
		Title  string `bun:"title"`
	}
	if err := db.NewRaw("SELECT number, title FROM plans WHERE id = ?", planID).Scan(ctx, &p); err != nil {
		return "", fmt.Errorf("reminders: plan %d: %w", planID, err)
	}
	return planFacts{Number: p.Number, Title: p.Title}.label(), nil
}

// Deliver sends every pending delivery whose time has come. Each is claimed
// with SELECT … FOR UPDATE SKIP LOCKED — so parallel runs share the work and
// never send the same one — sent, and marked sent (or rescheduled with
// backoff, or failed after MaxAttempts) in the same transaction. E-mail
// deliveries wait while e-mail is off.
//
// Endpoints are served in parallel (at most Config.Parallel at once), each
// endpoint's messages in order, each attempt within Config.AttemptTimeout:
// the SMTP server is one endpoint, each webhook host another. An endpoint
// that times out or cannot be reached is left alone for the rest of the
// pass, its other messages kept for the next one: a dead endpoint delays
// only its own messages.
//
// A process killed after the SMTP server or webhook accepted a message but
// before the commit sends it again at the next pass: delivery is at least
// once in that instant, exactly once otherwise. Messages carry a stable
// Message-ID (e-mail) or X-CCHC-Delivery header (webhooks) so a receiver
// can drop such a repeat.
func Deliver(ctx context.Context, db *bun.DB, now time.Time, cfg Config) (Result, error) {
	cfg = cfg.withDefaults()
	var res Result
	s, err := newSenders(cfg)
	if err != nil {
		return res, err
	}
	var due []delivery
	q := db.NewSelect().Model(&due).Column("id", "channel", "address").
		Where("status = 'pending' AND next_attempt_at <= ?", now).OrderExpr("next_attempt_at, id")
	if s.mail == nil {
		q = q.Where("channel <> ?", channelEmail)
	}
	if err := q.Scan(ctx); err != nil {
		return res, fmt.Errorf("reminders: due deliveries: %w", err)
	}
	groups := map[string][]int64{}
	var order []string
	for _, d := range due {
		k := endpoint(d)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], d.ID)
	}

	var mu sync.Mutex // guards res and firstErr
	var firstErr error
	jobs := make(chan []int64)
	var wg sync.WaitGroup
	for range min(cfg.Parallel, len(order)) {
		wg.Go(func() {
			for ids := range jobs {
				for _, id := range ids {
					var r Result
					unreachable, err := deliverOne(ctx, db, id, now, cfg, s, &r)
					mu.Lock()
					res.add(r)
					if err != nil && firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					if err != nil || unreachable {
						break
					}
				}
			}
		})
	}
	for _, k := range order {
		jobs <- groups[k]
	}
	close(jobs)
	wg.Wait()
	return res, firstErr
}

// endpoint names where a delivery goes: the SMTP server for every e-mail, the
// host of a webhook's URL.
func endpoint(d delivery) string {
	if d.Channel == channelEmail {
		return "smtp"
	}
	if u, err := url.Parse(d.Address); err == nil && u.Host != "" {
		return "webhook " + u.Scheme + "://" + u.Host
	}
	return "webhook " + d.Address
}

// unreachable tells a failure of the endpoint itself (a timeout, a refused
// or broken connection) from one of a message.
func unreachable(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr)
}

func timedOut(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout())
}

// deliverOne claims delivery id if it is still pending and due, sends it
// within the attempt timeout and records the outcome, in one transaction.
// It reports whether the endpoint looked unreachable.
func deliverOne(ctx context.Context, db *bun.DB, id int64, now time.Time, cfg Config, s *senders, res *Result) (bool, error) {
	down := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var ds []delivery
		err := tx.NewSelect().Model(&ds).Where("id = ? AND status = 'pending' AND next_attempt_at <= ?", id, now).
			For("UPDATE SKIP LOCKED").Scan(ctx)
		if err != nil {
			return fmt.Errorf("reminders: claim delivery: %w", err)
		}
		if len(ds) == 0 {
			return nil // sent, or being sent, by another run
		}
		d := &ds[0]
		attemptCtx, cancel := context.WithTimeout(ctx, cfg.AttemptTimeout)
		sendErr := s.send(attemptCtx, tx, d)
		cancel()
		if ctx.Err() != nil {
			return ctx.Err() // roll back: the claim is released untouched
		}
		d.Attempts++
		q := tx.NewUpdate().Model(d).Set("attempts = ?", d.Attempts).WherePK()
		if sendErr == nil {
			q = q.Set("status = 'sent'").Set("sent_at = ?", now).Set("last_error = ''")
			switch d.Channel {
			case channelEmail:
				res.Email++
			case channelWebhook:
				res.Webhook++
			}
		} else {
			if timedOut(sendErr) {
				sendErr = fmt.Errorf("no answer within %s: %w", cfg.AttemptTimeout, sendErr)
			}
			down = unreachable(sendErr)
			res.Failed++
			msg := sendErr.Error()
			if len(msg) > 1000 {
				msg = msg[:1000]
			}
			q = q.Set("last_error = ?", msg)
			var perm permanentError
			if d.Attempts >= cfg.MaxAttempts || errors.As(sendErr, &perm) {
				q = q.Set("status = 'failed'")
				cfg.Log.Error("reminders: delivery failed for good", "delivery_id", d.ID, "channel", d.Channel, "attempts", d.Attempts, "err", sendErr)
			} else {
				q = q.Set("next_attempt_at = ?", now.Add(cfg.backoff(d.Attempts)))
				cfg.Log.Warn("reminders: delivery failed, will retry", "delivery_id", d.ID, "channel", d.Channel, "attempts", d.Attempts, "err", sendErr)
			}
		}
		if _, err := q.Exec(ctx); err != nil {
			return fmt.Errorf("reminders: mark delivery %d: %w", d.ID, err)
		}
		return nil
	})
	res.Delivered = res.InApp + res.Email + res.Webhook
	return down, err
}
