package reminders

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/tasks"
	"cchc/units"
)

// Each user may have one secret iCalendar feed URL (/feeds/SECRET.ics) of
// the deadlines of the tasks their scope leads or coordinates, so that they
// appear in any calendar application. Only the SHA-256 of the secret is
// stored: the URL is shown once, and making a new one ends the old one.

const feedPrefix = "cal_"

func feedHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// RotateFeed gives the user a new feed secret, ending the previous one.
func RotateFeed(ctx context.Context, db bun.IDB, userID int64) (string, error) {
	b := make([]byte, 24)
	rand.Read(b)
	secret := feedPrefix + hex.EncodeToString(b)
	_, err := db.NewRaw(`INSERT INTO calendar_feeds (user_id, secret_hash) VALUES (?, ?)
	    ON CONFLICT (user_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = now(), last_used_at = NULL`,
		userID, feedHash(secret)).Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("reminders: new calendar feed for user %d: %w", userID, err)
	}
	return secret, nil
}

// DeleteFeed ends the user's feed.
func DeleteFeed(ctx context.Context, db bun.IDB, userID int64) error {
	if _, err := db.NewRaw("DELETE FROM calendar_feeds WHERE user_id = ?", userID).Exec(ctx); err != nil {
		return fmt.Errorf("reminders: delete calendar feed of user %d: %w", userID, err)
	}
	return nil
}

// FeedInfo says whether the user has a feed, since when, and when a calendar
// last read it.
type FeedInfo struct {
	CreatedAt  time.Time `bun:"created_at"`
	LastUsedAt time.Time `bun:"last_used_at,nullzero"`
}

// FeedOf returns the user's feed, nil if none.
func FeedOf(ctx context.Context, db bun.IDB, userID int64) (*FeedInfo, error) {
	var fs []FeedInfo
	if err := db.NewRaw("SELECT created_at, last_used_at FROM calendar_feeds WHERE user_id = ?", userID).Scan(ctx, &fs); err != nil {
		return nil, fmt.Errorf("reminders: calendar feed of user %d: %w", userID, err)
	}
	if len(fs) == 0 {
		return nil, nil
	}
	return &fs[0], nil
}

// FeedUser returns the active user owning a feed secret. An unknown secret
// is an authentication failure, like a bad API token.
func FeedUser(ctx context.Context, db bun.IDB, secret string) (*accounts.User, error) {
	if !strings.HasPrefix(secret, feedPrefix) || len(secret) > 100 {
		return nil, fmt.Errorf("%w: unknown calendar feed", accounts.ErrUnauthenticated)
	}
	var ids []int64
	err := db.NewRaw(`UPDATE calendar_feeds SET last_used_at = now() WHERE secret_hash = ? RETURNING user_id`, feedHash(secret)).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("reminders: calendar feed: %w", err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: unknown calendar feed", accounts.ErrUnauthenticated)
	}
	u, err := accounts.Get(ctx, db, ids[0])
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, fmt.Errorf("%w: account disabled", accounts.ErrUnauthenticated)
	}
	return u, nil
}

// feedTask is a dated task of an issued plan, as the feed shows it.
type feedTask struct {
	ID           int64         `bun:"id"`
	PlanID       int64         `bun:"plan_id"`
	Year         int           `bun:"year"`
	PlanNumber   string        `bun:"plan_number"`
	PlanTitle    string        `bun:"plan_title"`
	Number       string        `bun:"number"`
	Title        string        `bun:"title"`
	Output       string        `bun:"output"`
	DeadlineText string        `bun:"deadline_text"`
	DeadlineKind deadline.Kind `bun:"deadline_kind"`
	DeadlineDate civil.Date    `bun:"deadline_date"`
	RecurMonths  int           `bun:"recur_months"`
	UpdatedAt    time.Time     `bun:"updated_at"`
	LeadName     string        `bun:"lead_name"`
	Leads        bool          `bun:"leads"`
}

// maxFeedTasks keeps a national administrator's feed to a size calendar
// applications accept.
const maxFeedTasks = 5000

// ICS is the RFC 5545 calendar of a user whose scope (authz.Principal) is
// scope: one all-day event per deadline of each task of an issued plan
// (this year's and last year's) that a unit of the scope leads or
// coordinates; one per occurrence for
// recurring tasks; none for continuous ones. Event UIDs are stable, so a
// calendar updates events instead of duplicating them.
func ICS(ctx context.Context, db bun.IDB, scope *units.Unit, now time.Time, baseURL string) ([]byte, error) {
	today := civil.In(now)
	var ts []feedTask
	err := db.NewRaw(`SELECT t.id, t.plan_id, p.year, p.number AS plan_number, p.title AS plan_title, t.number, t.title, t.output,
	        t.deadline_text, t.deadline_kind, t.deadline_date, coalesce(t.recur_months, 0) AS recur_months, t.updated_at,
	        lu.name AS lead_name, lu.path LIKE ? AS leads
	    FROM tasks t
	    JOIN plans p ON p.id = t.plan_id
	    JOIN units lu ON lu.id = t.lead_unit_id
	    JOIN areas a ON a.id = t.area_id
	    WHERE p.state = 'issued' AND p.year >= ? AND t.deadline_kind <> 'continuous'
	      AND (lu.path LIKE ? OR EXISTS (SELECT 1 FROM task_coordinators tc JOIN units cu ON cu.id = tc.unit_id
	                                     WHERE tc.task_id = t.id AND cu.path LIKE ?))
	    ORDER BY p.year, p.id, a.position, t.position
	    LIMIT ?`, scope.Path+"%", today.Year-1, scope.Path+"%", scope.Path+"%", maxFeedTasks).Scan(ctx, &ts)
	if err != nil {
		return nil, fmt.Errorf("reminders: feed tasks: %w", err)
	}
	ids := make([]int64, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	extended := map[int64][]tasks.Extended{}
	if len(ids) > 0 {
		var xs []tasks.Extension
		if err := db.NewSelect().Model(&xs).Where("task_id IN (?) AND state = ?", bun.List(ids), tasks.ExtensionApproved).Scan(ctx); err != nil {
			return nil, fmt.Errorf("reminders: feed extensions: %w", err)
		}
		for _, x := range xs {
			extended[x.TaskID] = append(extended[x.TaskID], tasks.Extended{NewDue: x.NewDate, DecidedAt: x.DecidedAt})
		}
	}
	states := map[int64]*tasks.States{}
	for _, t := range ts {
		if _, ok := states[t.PlanID]; !ok {
			if states[t.PlanID], err = tasks.StatesAt(ctx, db, t.PlanID, today); err != nil {
				return nil, err
			}
		}
	}

	domain := "cchc"
	if b, err := url.Parse(baseURL); err == nil && b.Hostname() != "" {
		domain = b.Hostname()
	}
	w := &icsWriter{}
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", "-//cchc//Theo doi ke hoach CCHC//VI")
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	w.prop("X-WR-CALNAME", text("Hạn nhiệm vụ CCHC — "+scope.Name))
	w.prop("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh")
	w.prop("REFRESH-INTERVAL;VALUE=DURATION", "PT6H")
	for _, t := range ts {
		st := states[t.PlanID].Of(t.ID)
		sched := tasks.Schedule{Year: t.Year, Kind: t.DeadlineKind, Due: t.DeadlineDate, EveryMonths: t.RecurMonths, Extensions: extended[t.ID]}
		n := sched.Occurrences()
		for k := 1; k <= n; k++ {
			due := sched.DueAt(k, today) // approved extensions move the deadline
			uid := fmt.Sprintf("task-%d@%s", t.ID, domain)
			if t.DeadlineKind == deadline.KindRecurring {
				uid = fmt.Sprintf("task-%d-%d@%s", t.ID, k, domain)
			}
			summary := t.Title
			if t.Number != "" {
				summary = t.Number + ". " + t.Title
			}
			if n > 1 {
				summary += fmt.Sprintf(" (kỳ %d/%d)", k, n)
			}
			if !t.Leads {
				summary = "Phối hợp: " + summary
			}
			// Occurrences before the current one are all done unless the
			// task is overdue (which one was missed is not known here).
			done := (k == st.Occurrence && st.Status.Completed()) || (k < st.Occurrence && st.Status != tasks.StatusOverdue)
			if done {
				summary = "✓ " + summary
			}
			link := taskURL(baseURL, t.ID)
			desc := fmt.Sprintf("Cơ quan chủ trì: %s\nThời gian hoàn thành: %s\nTrạng thái hôm nay: %s\nSản phẩm: %s\nKế hoạch: %s\n%s",
				t.LeadName, t.DeadlineText, i18n.T(i18n.VI, st.Status.Label()), t.Output, planFacts{Number: t.PlanNumber, Title: t.PlanTitle}.label(), link)
			w.prop("BEGIN", "VEVENT")
			w.prop("UID", uid)
			w.prop("DTSTAMP", t.UpdatedAt.UTC().Format("20060102T150405Z"))
			w.prop("DTSTART;VALUE=DATE", icsDate(due))
			w.prop("DTEND;VALUE=DATE", icsDate(due.AddDays(1)))
			w.prop("SUMMARY", text(summary))
			w.prop("DESCRIPTION", text(desc))
			w.prop("URL;VALUE=URI", link)
			w.prop("TRANSP", "TRANSPARENT")
			w.prop("END", "VEVENT")
		}
	}
	w.prop("END", "VCALENDAR")
	return w.b.Bytes(), nil
}

func icsDate(d civil.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day) }

// text escapes a TEXT value (RFC 5545 §3.3.11).
func text(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// icsWriter writes content lines ending in CRLF, folded at 75 octets
// without splitting a UTF-8 sequence (RFC 5545 §3.1).
type icsWriter struct{ b bytes.Buffer }

func (w *icsWriter) prop(name, value string) {
	line := name + ":" + value
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.b.WriteString(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	w.b.WriteString(line)
	w.b.WriteString("\r\n")
}
