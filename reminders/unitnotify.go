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

// EventReportLate: a unit's period report is late (the reporting chain,
// docs/DOMAIN.md §6); the parent's secretariat chases it.
const EventReportLate = "report_late"

// UnitEvent is something a unit must hear of about its part in a plan
// rather than about one task: that its period report is late.
type UnitEvent struct {
	// Kind: EventReportLate, or another lower-case snake_case name.
	Kind string
	// PlanID is the plan the unit reports to; UnitID the unit told (its
	// officers and secretariat users, else its leaders, and its webhooks).
	PlanID, UnitID int64
	// Ref names what the event is about ("q3"), so that telling the unit
	// twice on one day notifies once.
	Ref string
	// Title and Text are the notice's title and body, in Vietnamese.
	Title, Text string
	// At is when it happened; zero means now.
	At time.Time
}

// NotifyUnit writes the notices of a unit event with db (the caller's
// transaction) and returns how many it wrote; a unit with nobody to tell
// gets none.
func NotifyUnit(ctx context.Context, db bun.IDB, e UnitEvent) (int, error) {
	if !eventKind.MatchString(e.Kind) || section(e.Kind) != 3 {
		return 0, fmt.Errorf("reminders: %q is not an event kind", e.Kind)
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	day := civil.In(e.At)
	dir, err := unitDirectory(ctx, db, e.UnitID, e.PlanID)
	if err != nil {
		return 0, err
	}
	f := firing{Kind: e.Kind, Subject: fmt.Sprintf("plan:%d/unit:%d/%s", e.PlanID, e.UnitID, e.Ref), Due: day, PlanID: e.PlanID,
		UnitID: e.UnitID, Title: vn.OneLine(e.Title), Body: strings.TrimSpace(vn.Clean(e.Text))}
	ns := dir.address(f)
	for i := range ns {
		ns[i].CreatedAt, ns[i].Outbound = e.At, "pending"
	}
	if len(ns) == 0 {
		return 0, nil
	}
	res, err := db.NewInsert().Model(&ns).ExcludeColumn("id").On("CONFLICT DO NOTHING").Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("reminders: write unit notices: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
