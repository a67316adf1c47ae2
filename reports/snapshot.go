package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
)

// ErrNoSnapshot means the period has not been finalised.
var ErrNoSnapshot = errs.New(errs.NotFound, "not_found", "reports.not_finalised")

// Prepare builds a plan's report for a period with the plan's cut-off
// scheme and the narrative the secretariat saved, if any (else the draft
// generated from the figures).
func Prepare(ctx context.Context, db bun.IDB, planID int64, p plans.Period, today civil.Date) (*Report, error) {
	plan, err := plans.Get(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	r, err := BuildAt(ctx, db, planID, p, plans.Scheme(plan.CutoffScheme), today)
	if err != nil {
		return nil, err
	}
	n, ok, err := SavedNarrative(ctx, db, planID, p)
	if err != nil {
		return nil, err
	}
	if ok {
		r.Narrative = n
	}
	return r, nil
}

// SavedNarrative returns the narrative saved for the period, if any.
func SavedNarrative(ctx context.Context, db bun.IDB, planID int64, p plans.Period) (Narrative, bool, error) {
	var raw string
	err := db.NewSelect().Table("report_drafts").ColumnExpr("narrative::text").Where("plan_id = ? AND period = ?", planID, p).Scan(ctx, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return Narrative{}, false, nil
	}
	if err != nil {
		return Narrative{}, false, fmt.Errorf("reports: narrative: %w", err)
	}
	var n Narrative
	if err := json.Unmarshal([]byte(raw), &n); err != nil {
		return Narrative{}, false, fmt.Errorf("reports: narrative: %w", err)
	}
	return n, true, nil
}

// SaveNarrative stores the secretariat's text for sections III–V.
func SaveNarrative(ctx context.Context, db bun.IDB, planID int64, p plans.Period, n Narrative) error {
	n = Narrative{Assessment: vn.Clean(n.Assessment), Limitations: vn.Clean(n.Limitations), Directions: vn.Clean(n.Directions), Proposals: vn.Clean(n.Proposals)}
	for _, s := range []string{n.Assessment, n.Limitations, n.Directions, n.Proposals} {
		if len([]rune(s)) > 20000 {
			return errs.Bad("narrative", "reports.narrative_long")
		}
	}
	raw, err := json.Marshal(n)
	if err != nil {
		return err
	}
	a := audit.ActorFrom(ctx)
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw(`INSERT INTO report_drafts (plan_id, period, narrative, updated_by, updated_at) VALUES (?, ?, ?, ?, now())
			ON CONFLICT (plan_id, period) DO UPDATE SET narrative = EXCLUDED.narrative, updated_by = EXCLUDED.updated_by, updated_at = now()`,
			planID, p, string(raw), nullID(a.UserID)).Exec(ctx); err != nil {
			return fmt.Errorf("reports: save narrative: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "narrative", Entity: "report", EntityID: planID, PlanID: planID, After: map[string]any{"period": p, "narrative": n}})
	})
}

// DropNarrative forgets the narrative saved for the period: the report
// drafts it from the figures again.
func DropNarrative(ctx context.Context, db bun.IDB, planID int64, p plans.Period) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		n, ok, err := SavedNarrative(ctx, tx, planID, p)
		if err != nil || !ok {
			return err
		}
		if _, err := tx.NewDelete().Table("report_drafts").Where("plan_id = ? AND period = ?", planID, p).Exec(ctx); err != nil {
			return fmt.Errorf("reports: drop narrative: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "narrative_reset", Entity: "report", EntityID: planID, PlanID: planID,
			Before: map[string]any{"period": p, "narrative": n}})
	})
}

// Snapshot is a finalised report: the figures and narrative frozen when the
// secretariat finalised it. It is never changed; a new version supersedes it.
type Snapshot struct {
	bun.BaseModel `bun:"table:report_snapshots"`

	ID          int64           `bun:"id,pk,autoincrement"`
	PlanID      int64           `bun:"plan_id"`
	Period      plans.Period    `bun:"period"`
	Version     int             `bun:"version"`
	Raw         json.RawMessage `bun:"report,type:jsonb"`
	FinalizedBy int64           `bun:"finalized_by,nullzero"`
	Finalizer   string          `bun:"finalizer"`
	FinalizedAt time.Time       `bun:"finalized_at,nullzero,default:now()"`
}

// Report decodes the frozen report.
func (s *Snapshot) Report() (*Report, error) {
	var r Report
	if err := json.Unmarshal(s.Raw, &r); err != nil {
		return nil, fmt.Errorf("reports: snapshot %d: %w", s.ID, err)
	}
	return &r, nil
}

// Finalize freezes the period's report as it stands (figures at the
// cut-off, the saved narrative) as the next version.
func Finalize(ctx context.Context, db bun.IDB, planID int64, p plans.Period, today civil.Date) (*Snapshot, error) {
	return FinalizeAt(ctx, db, planID, p, today, time.Time{})
}

// FinalizeAt is Finalize recorded as done at instant at (zero: now), for
// loaders that write a history; today is then the day of at.
func FinalizeAt(ctx context.Context, db bun.IDB, planID int64, p plans.Period, today civil.Date, at time.Time) (*Snapshot, error) {
	var snap *Snapshot
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// One finaliser at a time per plan: versions stay dense.
		if _, err := tx.NewRaw("SELECT 1 FROM plans WHERE id = ? FOR UPDATE", planID).Exec(ctx); err != nil {
			return fmt.Errorf("reports: lock plan: %w", err)
		}
		r, err := Prepare(ctx, tx, planID, p, today)
		if err != nil {
			return err
		}
		raw, err := json.Marshal(r)
		if err != nil {
			return err
		}
		var version int
		if err := tx.NewSelect().Table("report_snapshots").ColumnExpr("coalesce(max(version), 0) + 1").
			Where("plan_id = ? AND period = ?", planID, p).Scan(ctx, &version); err != nil {
			return fmt.Errorf("reports: next version: %w", err)
		}
		a := audit.ActorFrom(ctx)
		snap = &Snapshot{PlanID: planID, Period: p, Version: version, Raw: raw, FinalizedBy: a.UserID, Finalizer: a.Name, FinalizedAt: at}
		if _, err := tx.NewInsert().Model(snap).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("reports: finalise: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "finalize", Entity: "report", EntityID: snap.ID, PlanID: planID,
			After: map[string]any{"period": p, "version": version, "headline": r.Counts.Headline()}})
	})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// Snapshots lists a period's finalised versions, newest first.
func Snapshots(ctx context.Context, db bun.IDB, planID int64, p plans.Period) ([]Snapshot, error) {
	var ss []Snapshot
	if err := db.NewSelect().Model(&ss).Where("plan_id = ? AND period = ?", planID, p).Order("version DESC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("reports: snapshots: %w", err)
	}
	return ss, nil
}

// Latest returns the newest finalised version of the period (ErrNoSnapshot if none).
func Latest(ctx context.Context, db bun.IDB, planID int64, p plans.Period) (*Snapshot, error) {
	return snapshotWhere(ctx, db, planID, p, 0)
}

// Version returns version v of the period's finalised report.
func Version(ctx context.Context, db bun.IDB, planID int64, p plans.Period, v int) (*Snapshot, error) {
	if v <= 0 {
		return nil, ErrNoSnapshot
	}
	return snapshotWhere(ctx, db, planID, p, v)
}

func snapshotWhere(ctx context.Context, db bun.IDB, planID int64, p plans.Period, v int) (*Snapshot, error) {
	s := new(Snapshot)
	q := db.NewSelect().Model(s).Where("plan_id = ? AND period = ?", planID, p).Order("version DESC").Limit(1)
	if v > 0 {
		q = q.Where("version = ?", v)
	}
	err := q.Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoSnapshot
	}
	if err != nil {
		return nil, fmt.Errorf("reports: snapshot: %w", err)
	}
	return s, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
