package reminders

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/tasks"
)

func TestCalendar(t *testing.T) {
	t.Parallel()
	// 2026-09-02 (Wednesday) is National Day.
	cal := NewCalendar(civil.MustParse("2026-09-02"))
	require.True(t, cal.Working(civil.MustParse("2026-09-01")))
	require.False(t, cal.Working(civil.MustParse("2026-09-02")))
	require.False(t, cal.Working(civil.MustParse("2026-09-05")), "Saturday")
	require.False(t, cal.Working(civil.MustParse("2026-09-06")), "Sunday")
	require.Equal(t, civil.MustParse("2026-09-03"), cal.OnOrAfter(civil.MustParse("2026-09-02")))
	require.Equal(t, civil.MustParse("2026-09-07"), cal.OnOrAfter(civil.MustParse("2026-09-05")))
	// 14/9/2026 is a Monday: 2 working days before is Thursday 10/9; 7
	// skips the weekend; 8 skips the holiday too.
	require.Equal(t, civil.MustParse("2026-09-10"), cal.WorkingDaysBefore(civil.MustParse("2026-09-14"), 2))
	require.Equal(t, civil.MustParse("2026-09-03"), cal.WorkingDaysBefore(civil.MustParse("2026-09-14"), 7))
	require.Equal(t, civil.MustParse("2026-09-01"), cal.WorkingDaysBefore(civil.MustParse("2026-09-14"), 8))
}

func facts(status tasks.Status, due civil.Date, daysOverdue int) taskFacts {
	return taskFacts{ID: 7, PlanID: 1, LeadUnitID: 3, Kind: deadline.KindDate, Status: status, Due: due, DaysOverdue: daysOverdue}
}

func kinds(fs []firing) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%02d", f.Kind, f.Step))
	}
	return out
}

func TestTaskMoments(t *testing.T) {
	t.Parallel()
	s := DefaultSettings(1)
	d := civil.MustParse("2026-11-23") // a Monday
	cases := []struct {
		name string
		f    taskFacts
		want []string
	}{
		{"far ahead", facts(tasks.StatusInProgress, d.AddDays(8), 0), nil},
		{"7 days", facts(tasks.StatusInProgress, d.AddDays(7), 0), []string{"due_soon:07"}},
		{"5 days: the 7-day warning is the latest reached", facts(tasks.StatusNotStarted, d.AddDays(5), 0), []string{"due_soon:07"}},
		{"3 days", facts(tasks.StatusInProgress, d.AddDays(3), 0), []string{"due_soon:03"}},
		{"2 days", facts(tasks.StatusInProgress, d.AddDays(2), 0), []string{"due_soon:03"}},
		{"tomorrow", facts(tasks.StatusInProgress, d.AddDays(1), 0), []string{"due_soon:01"}},
		{"today", facts(tasks.StatusInProgress, d, 0), []string{"due_today:00"}},
		{"overdue 1 day", facts(tasks.StatusOverdue, d.AddDays(-1), 1), []string{"overdue:01"}},
		{"overdue 7 days: still the first", facts(tasks.StatusOverdue, d.AddDays(-7), 7), []string{"overdue:01"}},
		{"overdue 8 days: the second", facts(tasks.StatusOverdue, d.AddDays(-8), 8), []string{"overdue:08"}},
		{"overdue 13 days", facts(tasks.StatusOverdue, d.AddDays(-13), 13), []string{"overdue:08"}},
		{"overdue 14 days: escalated", facts(tasks.StatusOverdue, d.AddDays(-14), 14), []string{"overdue:08", "escalation:14"}},
		{"overdue 30 days", facts(tasks.StatusOverdue, d.AddDays(-30), 30), []string{"overdue:29", "escalation:14"}},
		{"completed", facts(tasks.StatusCompletedOnTime, d.AddDays(3), 0), nil},
		{"completed late", facts(tasks.StatusCompletedLate, d.AddDays(-3), 0), nil},
		{"claimed, awaiting confirmation", taskFacts{ID: 7, Kind: deadline.KindDate, Status: tasks.StatusInProgress, Due: d.AddDays(3), Pending: true}, nil},
		{"claimed late, awaiting confirmation", taskFacts{ID: 7, Kind: deadline.KindDate, Status: tasks.StatusOverdue, Due: d.AddDays(-20), DaysOverdue: 20, Pending: true}, nil},
		{"recurring: a past quarter missed, this one claimed", taskFacts{ID: 7, Kind: deadline.KindRecurring, Status: tasks.StatusOverdue, Due: d.AddDays(38), DaysOverdue: 54, Pending: true}, []string{"overdue:50", "escalation:14"}},
		{"continuous", taskFacts{ID: 7, Kind: deadline.KindContinuous, Status: tasks.StatusContinuous}, nil},
		{"continuous never overdue", taskFacts{ID: 7, Kind: deadline.KindContinuous, Status: tasks.StatusOverdue, DaysOverdue: 40}, nil},
	}
	for _, c := range cases {
		fs := taskMoments(s, c.f, d)
		require.Equal(t, c.want, kinds(fs), c.name)
		for _, f := range fs {
			require.Equal(t, "task:7", f.Subject)
			require.Equal(t, c.f.ID, f.TaskID)
		}
	}
	// The overdue series is keyed by the missed deadline.
	fs := taskMoments(s, facts(tasks.StatusOverdue, d.AddDays(-9), 9), d)
	require.Equal(t, d.AddDays(-9), fs[0].Due)

	off := s
	off.Enabled = false
	require.Empty(t, taskMoments(off, facts(tasks.StatusOverdue, d.AddDays(-30), 30), d))
	noDay := s
	noDay.OnDueDay = false
	require.Equal(t, []string{"due_soon:01"}, kinds(taskMoments(noDay, facts(tasks.StatusInProgress, d, 0), d)))
}

func TestReportMoment(t *testing.T) {
	t.Parallel()
	s := DefaultSettings(1)
	cal := NewCalendar()
	// Quarter IV of 2026 is cut off on Monday 14/12/2026: 7 working days
	// before is Thursday 3/12, 2 working days before is Thursday 10/12.
	for _, c := range []struct {
		day  string
		step int
	}{{"2026-12-02", 0}, {"2026-12-03", 7}, {"2026-12-09", 7}, {"2026-12-10", 2}, {"2026-12-14", 2}, {"2026-12-15", 0}} {
		p, step, ok := reportMoment(s, cal, 2026, schemeDecree, civil.MustParse(c.day))
		require.Equal(t, c.step, step, c.day)
		require.Equal(t, c.step > 0, ok, c.day)
		if ok {
			require.Equal(t, 4, p.Quarter)
			require.Equal(t, civil.MustParse("2026-09-15"), p.From)
			require.Equal(t, civil.MustParse("2026-12-14"), p.To)
		}
	}
	// 15/12/2026 belongs to quarter I of the 2027 plan.
	p, ok := periodAt(2027, schemeDecree, civil.MustParse("2026-12-15"))
	require.True(t, ok)
	require.Equal(t, 1, p.Quarter)
	require.Equal(t, civil.MustParse("2027-03-14"), p.To)
	// Calendar quarters end on the quarter's last day.
	p, ok = periodAt(2026, schemeCalendar, civil.MustParse("2026-05-20"))
	require.True(t, ok)
	require.Equal(t, civil.MustParse("2026-06-30"), p.To)
}

func TestSubjectLine(t *testing.T) {
	t.Parallel()
	ns := []Notice{
		{Kind: KindOverdue, TaskID: 1}, {Kind: KindEscalation, TaskID: 1}, {Kind: KindOverdue, TaskID: 2}, {Kind: KindOverdue, TaskID: 3},
		{Kind: KindDueSoon, TaskID: 4}, {Kind: KindDueToday, TaskID: 5},
	}
	require.Equal(t, "[CCHC] 3 nhiệm vụ quá hạn, 2 nhiệm vụ sắp đến hạn — Phòng Tư pháp", subjectLine(ns, "Phòng Tư pháp"))
	require.Equal(t, "[CCHC] 1 nhắc cập nhật tiến độ, 1 thông báo", subjectLine([]Notice{{Kind: KindReport}, {Kind: EventClaimReturned, TaskID: 9}}, ""))
}

func TestICSLines(t *testing.T) {
	t.Parallel()
	require.Equal(t, `a\, b\; c\\d\ne`, text("a, b; c\\d\ne"))
	w := &icsWriter{}
	long := strings.Repeat("Kiểm tra văn bản quy phạm pháp luật, ", 10)
	w.prop("SUMMARY", text(long))
	out := w.b.String()
	require.True(t, strings.HasSuffix(out, "\r\n"))
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	require.Greater(t, len(lines), 3)
	var unfolded strings.Builder
	for i, l := range lines {
		require.LessOrEqual(t, len(l), 75, "line %d is %d octets", i, len(l))
		require.True(t, utf8.ValidString(l), "a fold split a character")
		if i > 0 {
			require.True(t, strings.HasPrefix(l, " "))
			l = l[1:]
		}
		unfolded.WriteString(l)
	}
	require.Equal(t, "SUMMARY:"+text(long), unfolded.String())
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	c := Config{}.withDefaults()
	require.Equal(t, 2*60, int(c.backoff(1).Seconds()))
	require.Equal(t, 4*60, int(c.backoff(2).Seconds()))
	require.Equal(t, 6*3600, int(c.backoff(20).Seconds()))
}

func TestSignature(t *testing.T) {
	t.Parallel()
	sig := Sign("a-very-long-secret", []byte(`{"x":1}`))
	require.True(t, strings.HasPrefix(sig, "sha256="))
	require.Len(t, sig, len("sha256=")+64)
	require.True(t, Verify("a-very-long-secret", []byte(`{"x":1}`), sig))
	require.False(t, Verify("a-very-long-secret", []byte(`{"x":2}`), sig))
}
