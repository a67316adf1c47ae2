package reminders

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/vn"
)

// UnitNotice is a notice to a unit about something other than one of its
// tasks — a PAR self-assessment due, an appraisal to answer. It reaches
// the unit's staff (its officers and secretariat users, else its leaders;
// Leaders: its leaders only) in-app and by the run's digests, and the
// unit's webhooks. Kind, Step, Subject and Due are its key: the same key
// is written once.
type UnitNotice struct {
	Kind    string // lower-case snake_case, not a rule kind of this package
	Step    int
	Subject string // what it is about, e.g. "par:assessment:12"
	Due     civil.Date
	UnitID  int64
	Leaders bool
	Title   string
	Body    string
}

// Source adds the notices of another feature to every reminder run (the
// PAR index's self-assessment reminders): Notices is asked for what is due
// at the run's day, in the run's transaction, and what it returns is
// recorded and delivered like the task reminders, each key once. Sources
// are passed in Config by the wiring (cmd/cchc), never registered globally.
type Source interface {
	Notices(ctx context.Context, db bun.IDB, day civil.Date) ([]UnitNotice, error)
}

// unitFiring turns a unit notice into a firing the directory addresses.
func unitFiring(n UnitNotice) (firing, error) {
	if !eventKind.MatchString(n.Kind) || section(n.Kind) != 3 {
		return firing{}, fmt.Errorf("reminders: %q is not a notice kind", n.Kind)
	}
	title := vn.OneLine(n.Title)
	if title == "" || n.Subject == "" || n.UnitID == 0 || n.Due.IsZero() {
		return firing{}, fmt.Errorf("reminders: notice %s for unit %d lacks a title, subject or day", n.Kind, n.UnitID)
	}
	return firing{Kind: n.Kind, Step: n.Step, Due: n.Due, Subject: n.Subject, UnitID: n.UnitID, escalate: false,
		Title: title, Body: strings.TrimSpace(vn.Clean(n.Body))}, nil
}

// addressUnit writes one notice per recipient of a unit notice.
func (dir *directory) addressUnit(n UnitNotice, f firing) []Notice {
	if !n.Leaders {
		return dir.address(f)
	}
	base := Notice{Kind: f.Kind, Step: f.Step, Subject: f.Subject, Due: f.Due, UnitID: f.UnitID, Title: f.Title, Body: f.Body}
	var out []Notice
	for _, p := range dir.leaders(f.UnitID) {
		x := base
		x.UserID = p.ID
		out = append(out, x)
	}
	for _, w := range dir.hooks(f.UnitID, 0) {
		x := base
		x.WebhookID = w.ID
		out = append(out, x)
	}
	return out
}

// NotifyUnit writes the notices of n at once, with db — the caller's
// transaction (a PAR assessment opened, appraised): users see them in-app
// at once, the next run sends them by e-mail and webhook.
func NotifyUnit(ctx context.Context, db bun.IDB, n UnitNotice, at time.Time) error {
	f, err := unitFiring(n)
	if err != nil {
		return err
	}
	dir, err := unitDirectory(ctx, db, n.UnitID, 0)
	if err != nil {
		return err
	}
	ns := dir.addressUnit(n, f)
	if len(ns) == 0 {
		return nil
	}
	for i := range ns {
		ns[i].CreatedAt, ns[i].Outbound = at, "pending"
	}
	if _, err := db.NewInsert().Model(&ns).ExcludeColumn("id").On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("reminders: write unit notices: %w", err)
	}
	return nil
}

// sourceNotices asks every source for the notices due at day.
func sourceNotices(ctx context.Context, db bun.IDB, sources []Source, day civil.Date, dir *directory) ([]Notice, error) {
	var out []Notice
	for _, s := range sources {
		ns, err := s.Notices(ctx, db, day)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			f, err := unitFiring(n)
			if err != nil {
				return nil, err
			}
			out = append(out, dir.addressUnit(n, f)...)
		}
	}
	return out, nil
}
