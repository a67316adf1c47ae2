package reminders

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

// Settings are a plan's reminder rules (docs/DOMAIN.md §8), edited by the
// secretariat. A plan without saved settings uses DefaultSettings.
type Settings struct {
	bun.BaseModel `bun:"table:reminder_settings"`

	PlanID  int64 `bun:"plan_id,pk" json:"plan_id"`
	Enabled bool  `bun:"enabled" json:"enabled"`
	// DaysBefore: warnings this many days before a deadline.
	DaysBefore []int `bun:"days_before,array" json:"days_before"`
	// OnDueDay: a notice on the deadline itself.
	OnDueDay bool `bun:"on_due_day" json:"on_due_day"`
	// OverdueEvery: overdue notices on the first working day after the
	// deadline, then every this many days until done.
	OverdueEvery int `bun:"overdue_every" json:"overdue_every"`
	// EscalateAfter: days overdue after which the unit head and the plan's
	// leaders are told, once per deadline.
	EscalateAfter int `bun:"escalate_after" json:"escalate_after"`
	// ReportDaysBefore: reporting reminders this many working days before
	// each cut-off (14/3, 14/6, 14/9, 14/12).
	ReportDaysBefore []int     `bun:"report_days_before,array" json:"report_days_before"`
	UpdatedBy        int64     `bun:"updated_by,nullzero" json:"-"`
	UpdatedAt        time.Time `bun:"updated_at,nullzero,default:now()" json:"updated_at"`
}

// DefaultSettings are docs/DOMAIN.md §8's: 7, 3 and 1 days before and on the
// day; overdue weekly; escalation after 14 days; reporting reminders 7 and 2
// working days before the cut-off.
func DefaultSettings(planID int64) Settings {
	return Settings{PlanID: planID, Enabled: true, DaysBefore: []int{7, 3, 1}, OnDueDay: true,
		OverdueEvery: 7, EscalateAfter: 14, ReportDaysBefore: []int{7, 2}}
}

func (s *Settings) normalize() error {
	clean := func(field string, xs []int, lo, hi int) ([]int, error) {
		out := []int{}
		for _, x := range xs {
			if x < lo || x > hi {
				return nil, invalid(field, "reminders.days_range", lo, hi, x)
			}
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
		slices.Sort(out)
		slices.Reverse(out)
		return out, nil
	}
	var err error
	if s.DaysBefore, err = clean("days_before", s.DaysBefore, 1, 60); err != nil {
		return err
	}
	if s.ReportDaysBefore, err = clean("report_days_before", s.ReportDaysBefore, 1, 30); err != nil {
		return err
	}
	if s.OverdueEvery < 1 || s.OverdueEvery > 90 {
		return invalid("overdue_every", "reminders.overdue_every_range")
	}
	if s.EscalateAfter < 1 || s.EscalateAfter > 365 {
		return invalid("escalate_after", "reminders.escalate_after_range")
	}
	return nil
}

// SettingsFor returns a plan's settings, or the defaults.
func SettingsFor(ctx context.Context, db bun.IDB, planID int64) (Settings, error) {
	all, err := settingsOf(ctx, db, []int64{planID})
	if err != nil {
		return Settings{}, err
	}
	return all[planID], nil
}

// settingsOf returns the settings of each plan, defaults filled in.
func settingsOf(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64]Settings, error) {
	out := make(map[int64]Settings, len(planIDs))
	for _, id := range planIDs {
		out[id] = DefaultSettings(id)
	}
	if len(planIDs) == 0 {
		return out, nil
	}
	var ss []Settings
	if err := db.NewSelect().Model(&ss).Where("plan_id IN (?)", bun.List(planIDs)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("reminders: settings: %w", err)
	}
	for _, s := range ss {
		out[s.PlanID] = s
	}
	return out, nil
}

// SetSettings saves a plan's settings. The caller checks the right to
// (accounts.Principal.CanVerify: the secretariat of the plan's scope).
func SetSettings(ctx context.Context, db bun.IDB, s Settings) error {
	if err := s.normalize(); err != nil {
		return err
	}
	s.UpdatedBy = audit.ActorFrom(ctx).UserID
	s.UpdatedAt = time.Now()
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := SettingsFor(ctx, tx, s.PlanID)
		if err != nil {
			return err
		}
		_, err = tx.NewInsert().Model(&s).On("CONFLICT (plan_id) DO UPDATE").
			Set("enabled = EXCLUDED.enabled, days_before = EXCLUDED.days_before, on_due_day = EXCLUDED.on_due_day").
			Set("overdue_every = EXCLUDED.overdue_every, escalate_after = EXCLUDED.escalate_after").
			Set("report_days_before = EXCLUDED.report_days_before, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at").
			Exec(ctx)
		if database.IsForeignKeyViolation(err) {
			return errs.Missing("reminders: plan %d", s.PlanID)
		}
		if err != nil {
			return fmt.Errorf("reminders: save settings of plan %d: %w", s.PlanID, err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "update", Entity: "reminder_settings", EntityID: s.PlanID, PlanID: s.PlanID, Before: before, After: s})
	})
}

// Prefs are a user's channels. In-app notices cannot be turned off.
type Prefs struct {
	bun.BaseModel `bun:"table:notification_prefs"`

	UserID    int64     `bun:"user_id,pk" json:"-"`
	Email     bool      `bun:"email" json:"email"`
	UpdatedAt time.Time `bun:"updated_at,nullzero,default:now()" json:"-"`
}

// PrefsOf returns a user's channels (e-mail on by default).
func PrefsOf(ctx context.Context, db bun.IDB, userID int64) (Prefs, error) {
	p := Prefs{UserID: userID, Email: true}
	err := db.NewSelect().Model(&p).Where("user_id = ?", userID).Scan(ctx)
	if err != nil && !isNoRows(err) {
		return p, fmt.Errorf("reminders: preferences of user %d: %w", userID, err)
	}
	return p, nil
}

// SetPrefs saves a user's channels.
func SetPrefs(ctx context.Context, db bun.IDB, p Prefs) error {
	p.UpdatedAt = time.Now()
	_, err := db.NewInsert().Model(&p).On("CONFLICT (user_id) DO UPDATE").
		Set("email = EXCLUDED.email, updated_at = EXCLUDED.updated_at").Exec(ctx)
	if err != nil {
		return fmt.Errorf("reminders: save preferences of user %d: %w", p.UserID, err)
	}
	return nil
}

// Webhook feeds a chat group with the notices of one unit's tasks (UnitID)
// or of a whole plan (PlanID): a JSON POST whose body is signed with
// HMAC-SHA256 under Secret, in the header
// X-CCHC-Signature: sha256=<hex>.
type Webhook struct {
	bun.BaseModel `bun:"table:webhooks"`

	ID        int64     `bun:"id,pk,autoincrement" json:"id"`
	UnitID    int64     `bun:"unit_id,nullzero" json:"unit_id,omitempty"`
	PlanID    int64     `bun:"plan_id,nullzero" json:"plan_id,omitempty"`
	Name      string    `bun:"name" json:"name"`
	URL       string    `bun:"url" json:"url"`
	Secret    string    `bun:"secret" json:"-"`
	Active    bool      `bun:"active" json:"active"`
	CreatedBy int64     `bun:"created_by,nullzero" json:"-"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()" json:"created_at"`
}

func (w *Webhook) auditView() map[string]any {
	return map[string]any{"unit_id": w.UnitID, "plan_id": w.PlanID, "name": w.Name, "url": w.URL, "active": w.Active}
}

// CreateWebhook adds a webhook. An empty Secret gets a random one, which the
// caller shows to the user once. The caller checks the right to.
func CreateWebhook(ctx context.Context, db bun.IDB, w *Webhook) error {
	w.Name = vn.OneLine(w.Name)
	w.URL = strings.TrimSpace(w.URL)
	if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalid("url", "reminders.webhook_url", w.URL)
	}
	if (w.UnitID == 0) == (w.PlanID == 0) {
		return invalid("scope", "reminders.webhook_scope")
	}
	if w.Secret == "" {
		b := make([]byte, 32)
		rand.Read(b)
		w.Secret = hex.EncodeToString(b)
	}
	if len(w.Secret) < 16 {
		return invalid("secret", "reminders.webhook_secret")
	}
	w.Active = true
	w.CreatedBy = audit.ActorFrom(ctx).UserID
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(w).Returning("*").Exec(ctx); err != nil {
			if database.IsForeignKeyViolation(err) {
				return invalid("scope", "reminders.webhook_owner_missing")
			}
			return fmt.Errorf("reminders: create webhook: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "create", Entity: "webhook", EntityID: w.ID, PlanID: w.PlanID, After: w.auditView()})
	})
}

// SetWebhookActive turns a webhook on or off.
func SetWebhookActive(ctx context.Context, db bun.IDB, id int64, active bool) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().Model((*Webhook)(nil)).Set("active = ?", active).Where("id = ?", id).Exec(ctx)
		if err != nil {
			return fmt.Errorf("reminders: update webhook %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Missing("reminders: webhook %d", id)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "update", Entity: "webhook", EntityID: id, After: map[string]any{"active": active}})
	})
}

// Webhooks lists the webhooks of a unit or of a plan (zero: not filtered).
func Webhooks(ctx context.Context, db bun.IDB, unitID, planID int64) ([]Webhook, error) {
	var ws []Webhook
	q := db.NewSelect().Model(&ws).Order("id")
	if unitID != 0 {
		q = q.Where("unit_id = ?", unitID)
	}
	if planID != 0 {
		q = q.Where("plan_id = ?", planID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("reminders: webhooks: %w", err)
	}
	return ws, nil
}
