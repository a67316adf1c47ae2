package tasks

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/database"
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

// validate checks p for a task of schedule s, in Vietnamese for the user.
func (p *Progress) validate(s Schedule, today civil.Date) error {
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
	case !p.EvidenceDate.IsZero() && p.EvidenceDate.Year < s.Year-1:
		return invalid("evidence_date", "tasks.evidence_date_year", s.Year)
	case p.Completed && p.Note == "" && p.EvidenceNumber == "" && len(p.Files) == 0:
		return invalid("evidence_number", "tasks.completion_evidence")
	case !p.Completed && p.Percent == 100:
		return invalid("completed", "tasks.percent_100")
	}
	if p.Completed {
		p.Percent = 100
	}
	if p.Occurrence < 0 || p.Occurrence > s.Occurrences() {
		return invalid("occurrence", "tasks.occurrence_invalid")
	}
	return nil
}

// Posted is a progress entry just written, with the task as it now stands:
// its version and its status timeline (SpanAt gives its state on a day).
type Posted struct {
	Entry   *Entry
	PlanID  int64
	Version int
	Spans   []Span
}

// Post appends an entry to a task's history (Append) and returns it.
func Post(ctx context.Context, db bun.IDB, taskID int64, p Progress) (*Entry, error) {
	out, err := Append(ctx, db, taskID, p)
	if err != nil {
		return nil, err
	}
	return out.Entry, nil
}

// postLockSQL locks the task and reads what the rule needs of it.
const postLockSQL = `SELECT t.plan_id, t.lead_unit_id, t.area_id, t.version, p.year, t.deadline_kind,
       t.deadline_date, coalesce(t.recur_months, 0), p.require_confirmation, ` + continuousFromSQL + `
FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1 FOR UPDATE OF t`

// appendSQL writes, in one statement, the entry, its confirmation when the
// author is the verifier, the task's new version, the audit row (its after
// gets the entry's id) and the task's timeline from the day before the
// entry on (see RefreshTimeline).
const appendSQL = `WITH e AS (
    INSERT INTO progress_entries (task_id, unit_id, author_id, recorded_at, occurrence, percent, note, completed, evidence_number, evidence_date,
                                  reason, difficulties, proposals)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, nullif($10::text, '')::date, $31, $32, $33)
    RETURNING id
), r AS (
    INSERT INTO completion_reviews (entry_id, task_id, decision, decided_by, decided_at)
    SELECT id, $1, 'confirmed', $3, $4 FROM e WHERE $11
), v AS (
    UPDATE tasks SET version = version + 1, updated_at = now() WHERE id = $1
), a AS (
    INSERT INTO audit_log (actor_id, actor, action, entity, entity_id, plan_id, task_id, before, after)
    SELECT $12, $13, 'progress', 'task', $1, $14, $1, $15::jsonb, $16::jsonb || jsonb_build_object('entry_id', e.id) FROM e
), gone AS (
    DELETE FROM task_timeline WHERE task_id = $1 AND valid_to > $17::text::date
), tl AS (
    INSERT INTO task_timeline (task_id, plan_id, lead_unit_id, area_id, valid_from, valid_to, status, percent,
                               completed_on, occurrence, due, first_missed, pending)
    SELECT task_id, plan_id, lead_unit_id, area_id, valid_from::date, valid_to::date, status, percent,
           nullif(completed_on, '')::date, occurrence, nullif(due, '')::date, nullif(first_missed, '')::date, pending
    FROM unnest($18::bigint[], $19::bigint[], $20::bigint[], $21::bigint[], $22::text[], $23::text[], $24::text[],
                $25::smallint[], $26::text[], $27::smallint[], $28::text[], $29::text[], $30::bool[])
         AS x(task_id, plan_id, lead_unit_id, area_id, valid_from, valid_to, status, percent, completed_on,
              occurrence, due, first_missed, pending)
)
SELECT id FROM e`

// Append appends an entry to a task's history, bumps its version and
// rewrites its timeline, in one transaction of three statements (lock and
// read the task; read its history; write everything); a stale p.Version
// gets ErrStale and writes nothing.
func Append(ctx context.Context, db bun.IDB, taskID int64, p Progress) (*Posted, error) {
	var out *Posted
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t := &timelineTask{ID: taskID}
		var version int
		rows, err := database.Query(ctx, tx, postLockSQL, taskID)
		if err != nil {
			return fmt.Errorf("tasks: lock %d: %w", taskID, err)
		}
		found := rows.Next()
		if found {
			err = rows.Scan(&t.PlanID, &t.LeadUnitID, &t.AreaID, &version, &t.Schedule.Year, &t.Schedule.Kind,
				&t.Schedule.Due, &t.Schedule.EveryMonths, &t.Schedule.RequireConfirmation, &t.Schedule.ContinuousFrom)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return fmt.Errorf("tasks: lock %d: %w", taskID, err)
		}
		if !found {
			return errs.Missing("tasks: task %d", taskID)
		}
		at := p.At
		if at.IsZero() {
			at = time.Now()
		}
		at = at.Round(time.Microsecond) // as PostgreSQL stores it
		if err := p.validate(t.Schedule, civil.In(at)); err != nil {
			return err
		}
		if p.Version != version {
			return ErrStale
		}
		rows, err = database.Query(ctx, tx, timelineEventsSQL, []int64{taskID})
		if err != nil {
			return fmt.Errorf("tasks: history of %d: %w", taskID, err)
		}
		if err := scanEvents(rows, func(_ int64, e *Event, x *Extended) {
			if e != nil {
				t.Events = append(t.Events, *e)
			} else {
				t.Schedule.Extensions = append(t.Schedule.Extensions, *x)
			}
		}); err != nil {
			return fmt.Errorf("tasks: history of %d: %w", taskID, err)
		}
		if p.Occurrence == 0 {
			p.Occurrence = openOccurrence(t.Schedule, t.Events, civil.In(at))
		}
		entry := &Entry{
			TaskID: taskID, UnitID: p.UnitID, AuthorID: p.AuthorID, RecordedAt: at,
			Occurrence: p.Occurrence, Percent: p.Percent, Note: p.Note, Completed: p.Completed,
			EvidenceNumber: p.EvidenceNumber, EvidenceDate: p.EvidenceDate,
			Reason: p.Reason, Difficulties: p.Difficulties, Proposals: p.Proposals,
		}
		confirm := p.Completed && p.Confirm
		// The new entry's id is not known yet; it is greater than every
		// other, which is all the rule asks of it (ties of recording instant).
		ev := entry.Event()
		ev.ID = math.MaxInt64
		if confirm {
			ev.ConfirmedAt = at
		}
		t.Events = append(t.Events, ev)
		spans := Timeline(t.Schedule, t.Events)
		cut := cutBefore(civil.In(at))
		var tl timelineRows
		tl.add(t, spans, cut)

		change, err := audit.Prepare(ctx, audit.Change{Action: "progress", Entity: "task", EntityID: taskID, PlanID: t.PlanID, TaskID: taskID,
			Before: map[string]any{"version": version},
			After: map[string]any{"version": version + 1, "unit_id": entry.UnitID, "percent": entry.Percent,
				"completed": entry.Completed, "confirmed": confirm, "note": entry.Note, "evidence_number": entry.EvidenceNumber, "evidence_date": entry.EvidenceDate,
				"reason": entry.Reason, "difficulties": entry.Difficulties, "proposals": entry.Proposals}})
		if err != nil {
			return err
		}
		rows, err = database.Query(ctx, tx, appendSQL,
			taskID, entry.UnitID, nullID(entry.AuthorID), at, entry.Occurrence, entry.Percent, entry.Note, entry.Completed,
			entry.EvidenceNumber, dateText(entry.EvidenceDate, ""), confirm,
			nullID(change.ActorID), change.Actor, t.PlanID, string(change.Before), string(change.After), dateText(cut, "-infinity"),
			tl.task, tl.plan, tl.lead, tl.area, tl.from, tl.to, tl.status, tl.percent, tl.completedOn, tl.occurrence, tl.due, tl.firstMissed, tl.pending,
			entry.Reason, entry.Difficulties, entry.Proposals)
		if err != nil {
			return fmt.Errorf("tasks: insert progress: %w", err)
		}
		found = rows.Next()
		if found {
			err = rows.Scan(&entry.ID)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil || !found {
			return fmt.Errorf("tasks: insert progress: %w", cmp.Or(err, sql.ErrNoRows))
		}
		if err := insertEvidence(ctx, tx, entry, p.Files); err != nil {
			return err
		}
		out = &Posted{Entry: entry, PlanID: t.PlanID, Version: version + 1, Spans: spans}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// openOccurrence picks the occurrence an update without one is about: for a
// recurring task the earliest period so far whose latest entry is not a
// completion, else the current period; 1 for every other task.
func openOccurrence(s Schedule, h []Event, today civil.Date) int {
	if s.Kind != deadline.KindRecurring {
		return 1
	}
	m := s.OccurrenceAt(today)
	for k := 1; k <= m; k++ {
		var last *Event
		for i := range h {
			if h[i].Occurrence == k && (last == nil || last.before(h[i])) {
				last = &h[i]
			}
		}
		if last == nil || !last.Completed {
			return k
		}
	}
	return m
}
