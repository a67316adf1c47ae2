package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

// Entry is one progress update. Entries are never changed once written.
type Entry struct {
	bun.BaseModel `bun:"table:progress_entries"`

	ID             int64      `bun:"id,pk,autoincrement"`
	TaskID         int64      `bun:"task_id"`
	UnitID         int64      `bun:"unit_id"`
	AuthorID       int64      `bun:"author_id,nullzero"`
	RecordedAt     time.Time  `bun:"recorded_at,nullzero,default:now()"`
	Occurrence     int        `bun:"occurrence"`
	Percent        int        `bun:"percent"`
	Note           string     `bun:"note"`
	Completed      bool       `bun:"completed"`
	EvidenceNumber string     `bun:"evidence_number"`
	EvidenceDate   civil.Date `bun:"evidence_date,type:date"`
	// Remarks: why an overdue task is late, the difficulties met, what the
	// unit proposes (the report gathers them).
	Reason       string `bun:"reason"`
	Difficulties string `bun:"difficulties"`
	Proposals    string `bun:"proposals"`

	// Filled by History.
	AuthorName string `bun:"author_name,scanonly"`
	UnitName   string `bun:"unit_name,scanonly"`
	// The secretariat's decision on a completion claim, if any.
	Review       string    `bun:"review,scanonly"` // "", "confirmed" or "returned"
	ReviewReason string    `bun:"review_reason,scanonly"`
	ReviewedAt   time.Time `bun:"reviewed_at,scanonly"`
}

// ConfirmedAt is when the claim was confirmed (zero if it was not).
func (e Entry) ConfirmedAt() time.Time {
	if e.Review == ReviewConfirmed {
		return e.ReviewedAt
	}
	return time.Time{}
}

// Event is the entry as the status rule sees it.
func (e Entry) Event() Event {
	return Event{ID: e.ID, Recorded: e.RecordedAt, Occurrence: e.Occurrence, Percent: e.Percent, Completed: e.Completed, EvidenceDate: e.EvidenceDate, ConfirmedAt: e.ConfirmedAt()}
}

// History returns a task's entries, newest first.
func History(ctx context.Context, db bun.IDB, taskID int64) ([]Entry, error) {
	var es []Entry
	err := db.NewSelect().Model(&es).
		ColumnExpr("entry.*").
		ColumnExpr("coalesce(u.name, '') AS author_name").
		ColumnExpr("un.name AS unit_name").
		ColumnExpr("coalesce(r.decision, '') AS review, coalesce(r.reason, '') AS review_reason, r.decided_at AS reviewed_at").
		Join("LEFT JOIN users AS u ON u.id = entry.author_id").
		Join("LEFT JOIN completion_reviews AS r ON r.entry_id = entry.id").
		Join("JOIN units AS un ON un.id = entry.unit_id").
		Where("entry.task_id = ?", taskID).
		OrderExpr("entry.recorded_at DESC, entry.id DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("tasks: history of %d: %w", taskID, err)
	}
	return es, nil
}

// Events converts entries for Evaluate.
func Events(es []Entry) []Event {
	out := make([]Event, len(es))
	for i, e := range es {
		out[i] = e.Event()
	}
	return out
}

// Progress is a unit's update of a task.
type Progress struct {
	UnitID         int64
	AuthorID       int64
	Percent        int
	Note           string
	Completed      bool
	EvidenceNumber string
	EvidenceDate   civil.Date
	// Occurrence of a recurring task; 0 picks the earliest unfinished one so far.
	Occurrence int
	// Version is the task version the author saw; a different current version is ErrStale.
	Version int
	// At is when it is recorded; zero means now.
	At time.Time
	// Confirm: the author is the verifier (the secretariat or an admin), so a
	// completion they post is confirmed at once.
	Confirm bool
	// Files are evidence documents, stored with the entry or not at all.
	Files []Upload
	// Remarks, all optional: why the task is late (asked when it is
	// overdue), difficulties ("khó khăn, vướng mắc"), proposals ("đề xuất,
	// kiến nghị").
	Reason, Difficulties, Proposals string
}

// Validate checks p for a task, in Vietnamese for the user.
func (p *Progress) validate(t *Task, today civil.Date) error {
	p.Note = vn.Clean(p.Note)
	p.EvidenceNumber = vn.OneLine(p.EvidenceNumber)
	p.Reason, p.Difficulties, p.Proposals = vn.Clean(p.Reason), vn.Clean(p.Difficulties), vn.Clean(p.Proposals)
	for field, text := range map[string]string{"reason": p.Reason, "difficulties": p.Difficulties, "proposals": p.Proposals} {
		if len([]rune(text)) > 4000 {
			return invalid(field, "tasks.remark_long")
		}
	}
	switch {
	case p.Percent < 0 || p.Percent > 100:
		return invalid("percent", "tasks.percent_range")
	case len([]rune(p.Note)) > 4000:
		return invalid("note", "tasks.note_long")
	case len([]rune(p.EvidenceNumber)) > 100:
		return invalid("evidence_number", "tasks.evidence_number_long")
	case !p.EvidenceDate.IsZero() && p.EvidenceDate.After(today):
		return invalid("evidence_date", "tasks.evidence_date_future")
	case !p.EvidenceDate.IsZero() && p.EvidenceDate.Year < t.PlanYear-1:
		return invalid("evidence_date", "tasks.evidence_date_year", t.PlanYear)
	case p.Completed && p.Note == "" && p.EvidenceNumber == "" && len(p.Files) == 0:
		return invalid("evidence_number", "tasks.completion_evidence")
	case !p.Completed && p.Percent == 100:
		return invalid("completed", "tasks.percent_100")
	}
	if p.Completed {
		p.Percent = 100
	}
	if p.Occurrence < 0 || p.Occurrence > t.Schedule().Occurrences() {
		return invalid("occurrence", "tasks.occurrence_invalid")
	}
	return nil
}

// Post appends an entry to a task's history and bumps its version, in one
// transaction; a stale p.Version gets ErrStale and writes nothing. It returns
// the entry and the task as it now stands.
func Post(ctx context.Context, db bun.IDB, taskID int64, p Progress) (*Entry, error) {
	var entry *Entry
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var ts []Task
		if err := selectTasks(tx, &ts).Where("task.id = ?", taskID).For("UPDATE OF task").Scan(ctx); err != nil {
			return fmt.Errorf("tasks: lock %d: %w", taskID, err)
		}
		if len(ts) == 0 {
			return errs.Missing("tasks: task %d", taskID)
		}
		t := &ts[0]
		at := p.At
		if at.IsZero() {
			at = time.Now()
		}
		if err := p.validate(t, civil.In(at)); err != nil {
			return err
		}
		if p.Version != t.Version {
			return ErrStale
		}
		if p.Occurrence == 0 {
			occ, err := openOccurrence(ctx, tx, t, civil.In(at))
			if err != nil {
				return err
			}
			p.Occurrence = occ
		}
		entry = &Entry{
			TaskID: taskID, UnitID: p.UnitID, AuthorID: p.AuthorID, RecordedAt: at,
			Occurrence: p.Occurrence, Percent: p.Percent, Note: p.Note, Completed: p.Completed,
			EvidenceNumber: p.EvidenceNumber, EvidenceDate: p.EvidenceDate,
			Reason: p.Reason, Difficulties: p.Difficulties, Proposals: p.Proposals,
		}
		if _, err := tx.NewInsert().Model(entry).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("tasks: insert progress: %w", err)
		}
		if err := insertEvidence(ctx, tx, entry, p.Files); err != nil {
			return err
		}
		if p.Completed && p.Confirm {
			if _, err := tx.NewRaw(`INSERT INTO completion_reviews (entry_id, task_id, decision, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)`,
				entry.ID, taskID, ReviewConfirmed, nullID(p.AuthorID), at).Exec(ctx); err != nil {
				return fmt.Errorf("tasks: confirm: %w", err)
			}
		}
		if _, err := tx.NewUpdate().Table("tasks").Set("version = version + 1").Set("updated_at = now()").
			Where("id = ?", taskID).Exec(ctx); err != nil {
			return fmt.Errorf("tasks: bump version: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "progress", Entity: "task", EntityID: taskID, PlanID: t.PlanID, TaskID: taskID,
			Before: map[string]any{"version": t.Version},
			After: map[string]any{"version": t.Version + 1, "entry_id": entry.ID, "unit_id": entry.UnitID, "percent": entry.Percent,
				"completed": entry.Completed, "confirmed": p.Completed && p.Confirm, "note": entry.Note, "evidence_number": entry.EvidenceNumber, "evidence_date": entry.EvidenceDate,
				"reason": entry.Reason, "difficulties": entry.Difficulties, "proposals": entry.Proposals}})
	})
	if err != nil {
		return nil, err
	}
	return entry, nil
}

// openOccurrence picks the occurrence an update without one is about: for a
// recurring task the earliest period so far not yet completed, else the
// current period; 1 for every other task.
func openOccurrence(ctx context.Context, db bun.IDB, t *Task, today civil.Date) (int, error) {
	s := t.Schedule()
	if s.Kind != deadline.KindRecurring {
		return 1, nil
	}
	h, err := History(ctx, db, t.ID)
	if err != nil {
		return 0, err
	}
	m := s.OccurrenceAt(today)
	for k := 1; k <= m; k++ {
		var last *Entry
		for i := range h { // newest first
			if h[i].Occurrence == k {
				last = &h[i]
				break
			}
		}
		if last == nil || !last.Completed {
			return k, nil
		}
	}
	return m, nil
}
