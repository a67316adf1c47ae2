package reminders

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/vn"
)

// Event is something a unit must hear of at once, outside the rules: the
// secretariat returned its completion claim, a leader decided its
// extension request.
type Event struct {
	// Kind: EventClaimReturned, EventExtensionApproved,
	// EventExtensionRefused, or another lower-case snake_case name.
	Kind   string
	TaskID int64
	// UnitID is the unit told (its officers and secretariat users, else its
	// leaders, and its webhooks); 0 means the task's lead unit.
	UnitID int64
	// Text is the reason or the decision, shown as the notice's body.
	Text string
	// Ref names what the event is about (the review's or the extension's
	// id), so that recording the same event twice notifies once; empty
	// means every call is a new event.
	Ref string
	// At is when it happened; zero means now.
	At time.Time
	// Users, when set, are told instead of the unit's staff and webhooks
	// (the secretariat that verifies a plan, for a claim).
	Users []int64
}

var eventKind = regexp.MustCompile(`^[a-z][a-z_]{0,39}$`)

var eventTitles = map[string]string{
	EventClaimReturned:     "Báo cáo hoàn thành bị trả lại, cần bổ sung",
	EventExtensionApproved: "Đề nghị gia hạn đã được chấp thuận",
	EventExtensionRefused:  "Đề nghị gia hạn không được chấp thuận",
	EventClaimSubmitted:    "Đơn vị báo hoàn thành, chờ xác nhận",
	EventNudge:             "Nhắc thực hiện nhiệm vụ",
}

// Notify writes the notices of an event with db — the caller's
// transaction, so that they exist exactly when the decision does. Users
// see them in-app at once; the next run sends them by e-mail and webhook
// in its digests.
func Notify(ctx context.Context, db bun.IDB, e Event) error {
	if !eventKind.MatchString(e.Kind) || section(e.Kind) != 3 {
		return fmt.Errorf("reminders: %q is not an event kind", e.Kind)
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	var t struct {
		PlanID     int64  `bun:"plan_id"`
		LeadUnitID int64  `bun:"lead_unit_id"`
		Number     string `bun:"number"`
		Title      string `bun:"title"`
	}
	if err := db.NewRaw("SELECT plan_id, lead_unit_id, number, title FROM tasks WHERE id = ?", e.TaskID).Scan(ctx, &t); err != nil {
		return fmt.Errorf("reminders: notify about task %d: %w", e.TaskID, err)
	}
	if e.UnitID == 0 {
		e.UnitID = t.LeadUnitID
	}
	ref := e.Ref
	if ref == "" {
		ref = strconv.FormatInt(e.At.UnixNano(), 10)
	}
	label := eventTitles[e.Kind]
	if label == "" {
		label = "Thông báo"
	}
	task := taskFacts{Number: t.Number, Title: t.Title}.label()

	dir, err := unitDirectory(ctx, db, e.UnitID, t.PlanID)
	if err != nil {
		return err
	}
	f := firing{Kind: e.Kind, Subject: fmt.Sprintf("task:%d/%s", e.TaskID, ref), Due: civil.In(e.At), PlanID: t.PlanID,
		TaskID: e.TaskID, UnitID: e.UnitID, Title: label + ": " + task, Body: strings.TrimSpace(vn.Clean(e.Text))}
	ns := dir.address(f)
	if e.Users != nil {
		ns = ns[:0]
		for _, id := range e.Users {
			ns = append(ns, Notice{Kind: f.Kind, Subject: f.Subject, Due: f.Due, PlanID: f.PlanID, TaskID: f.TaskID,
				UnitID: f.UnitID, Title: f.Title, Body: f.Body, UserID: id})
		}
	}
	for i := range ns {
		ns[i].CreatedAt, ns[i].Outbound = e.At, "pending"
	}
	if len(ns) == 0 {
		return nil
	}
	if _, err := db.NewInsert().Model(&ns).ExcludeColumn("id").On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("reminders: write event notices: %w", err)
	}
	return nil
}

// unitDirectory is a directory holding only what an event needs: the
// unit's active users and the unit's and plan's active webhooks.
func unitDirectory(ctx context.Context, db bun.IDB, unitID, planID int64) (*directory, error) {
	d := &directory{users: map[int64]*person{}, byUnit: map[int64][]*person{}, units: map[int64]unitInfo{},
		unitHooks: map[int64][]Webhook{}, planHooks: map[int64][]Webhook{}, hooksByID: map[int64]Webhook{}}
	var ps []*person
	err := db.NewRaw(`SELECT u.id, u.name, u.email, u.role, u.unit_id, true AS email_on
	    FROM users u WHERE u.active AND u.unit_id = ? ORDER BY u.id`, unitID).Scan(ctx, &ps)
	if err != nil {
		return nil, fmt.Errorf("reminders: users of unit %d: %w", unitID, err)
	}
	for _, p := range ps {
		d.users[p.ID] = p
		d.byUnit[p.UnitID] = append(d.byUnit[p.UnitID], p)
	}
	var ws []Webhook
	if err := db.NewSelect().Model(&ws).Where("active AND (unit_id = ? OR plan_id = ?)", unitID, planID).Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("reminders: webhooks: %w", err)
	}
	for _, w := range ws {
		if w.UnitID != 0 {
			d.unitHooks[w.UnitID] = append(d.unitHooks[w.UnitID], w)
		} else {
			d.planHooks[w.PlanID] = append(d.planHooks[w.PlanID], w)
		}
	}
	return d, nil
}
