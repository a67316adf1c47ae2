package par

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/reminders"
)

// Kinds of the PAR index's notices.
const (
	NoticeOpened    = "par_opened"    // a set opened: self-assess by the due day
	NoticeDue       = "par_self_due"  // step: days left (7, 3, 1, 0)
	NoticeLate      = "par_self_late" // the due day passed without a submission
	NoticeAppraised = "par_appraised" // the group finished: answer by answer_due
	NoticePublished = "par_published" // the results are public
	noticeSubject   = "par:assessment:%d"
)

// ReminderDays are the days before a self-assessment's due day on which a
// unit that has not submitted is reminded (and on the day itself).
var ReminderDays = []int{7, 3, 1, 0}

// Reminders is the reminders.Source of the PAR index: at each reminder run,
// every unit whose self-assessment is open and not submitted is reminded
// 7, 3 and 1 day(s) before the due day and on it (the latest moment
// reached, once each), then told once that it is late.
type Reminders struct{}

var _ reminders.Source = Reminders{}

// Notices implements reminders.Source.
func (Reminders) Notices(ctx context.Context, db bun.IDB, day civil.Date) ([]reminders.UnitNotice, error) {
	var rows []struct {
		ID     int64      `bun:"id"`
		UnitID int64      `bun:"unit_id"`
		Year   int        `bun:"year"`
		Title  string     `bun:"title"`
		SelfTo civil.Date `bun:"self_to"`
		Scored int        `bun:"scored"`
		ToDo   int        `bun:"todo"`
	}
	err := db.NewRaw(`SELECT a.id, a.unit_id, s.year, s.title, s.self_to,
		    (SELECT count(*) FROM par_scores sc JOIN par_items i ON i.id = sc.item_id
		      WHERE sc.assessment_id = a.id AND i.method = 'self' AND sc.self_points IS NOT NULL) AS scored,
		    (SELECT count(*) FROM par_items i WHERE i.set_id = s.id AND i.method = 'self'
		      AND NOT EXISTS (SELECT 1 FROM par_items c WHERE c.parent_id = i.id) AND i.level <> 'area') AS todo
		FROM par_assessments a JOIN par_sets s ON s.id = a.set_id
		WHERE s.state = 'assessing' AND a.state = 'draft' AND s.self_to IS NOT NULL AND s.self_from <= ?
		ORDER BY a.id`, day).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("par: reminders: %w", err)
	}
	var out []reminders.UnitNotice
	for _, r := range rows {
		n := reminders.UnitNotice{Subject: fmt.Sprintf(noticeSubject, r.ID), Due: r.SelfTo, UnitID: r.UnitID,
			Body: fmt.Sprintf("Đã chấm %d/%d tiêu chí thành phần. %s.", r.Scored, r.ToDo, r.Title)}
		if day.After(r.SelfTo) {
			n.Kind, n.Step = NoticeLate, 1
			n.Title = fmt.Sprintf("Quá hạn gửi tự đánh giá Chỉ số CCHC năm %d (hạn %s)", r.Year, r.SelfTo.VN())
			out = append(out, n)
			continue
		}
		left := r.SelfTo.DaysSince(day)
		best := -1
		for _, d := range ReminderDays {
			if d >= left && (best < 0 || d < best) {
				best = d
			}
		}
		if best < 0 {
			continue
		}
		n.Kind, n.Step = NoticeDue, best
		if left == 0 {
			n.Title = fmt.Sprintf("Hôm nay là hạn gửi tự đánh giá Chỉ số CCHC năm %d", r.Year)
		} else {
			n.Title = fmt.Sprintf("Còn %d ngày đến hạn gửi tự đánh giá Chỉ số CCHC năm %d (hạn %s)", left, r.Year, r.SelfTo.VN())
		}
		out = append(out, n)
	}
	return out, nil
}
