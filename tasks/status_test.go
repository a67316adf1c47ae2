package tasks_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/tasks"
)

// at is an instant on day d, hh:mm in Asia/Ho_Chi_Minh.
func at(d string, hh, mm int) time.Time {
	day := civil.MustParse(d)
	return time.Date(day.Year, day.Month, day.Day, hh, mm, 0, 0, civil.Zone)
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	due := tasks.Schedule{Year: 2025, Kind: deadline.KindQuarter, Due: civil.MustParse("2025-06-30")}
	cont := tasks.Schedule{Year: 2025, Kind: deadline.KindContinuous}
	quarterly := tasks.Schedule{Year: 2025, Kind: deadline.KindRecurring, EveryMonths: 3}
	ev := func(id int64, rec time.Time, pct int, done bool, evidence string) tasks.Event {
		e := tasks.Event{ID: id, Recorded: rec, Occurrence: 1, Percent: pct, Completed: done}
		if evidence != "" {
			e.EvidenceDate = civil.MustParse(evidence)
		}
		return e
	}
	occ := func(e tasks.Event, k int) tasks.Event { e.Occurrence = k; return e }

	cases := []struct {
		name    string
		s       tasks.Schedule
		h       []tasks.Event
		at      string
		want    tasks.Status
		percent int
		doneOn  string
		overdue int
	}{
		{name: "nothing yet, deadline ahead", s: due, at: "2025-05-01", want: tasks.StatusNotStarted},
		{name: "nothing and deadline passed is overdue, not 'not started'", s: due, at: "2025-07-03", want: tasks.StatusOverdue, overdue: 3},
		{name: "on the deadline day it is still within time", s: due, at: "2025-06-30", want: tasks.StatusNotStarted},
		{name: "some progress", s: due, h: []tasks.Event{ev(1, at("2025-04-02", 9, 0), 40, false, "")}, at: "2025-05-01", want: tasks.StatusInProgress, percent: 40},
		{name: "progress recorded after the day is unknown at the day", s: due, h: []tasks.Event{ev(1, at("2025-05-02", 0, 0), 40, false, "")}, at: "2025-05-01", want: tasks.StatusNotStarted},
		{name: "recorded at 23:59 Vietnam time counts for that day", s: due, h: []tasks.Event{ev(1, at("2025-05-01", 23, 59), 40, false, "")}, at: "2025-05-01", want: tasks.StatusInProgress, percent: 40},
		{name: "completed on the deadline is on time", s: due, h: []tasks.Event{ev(1, at("2025-06-30", 16, 0), 100, true, "")}, at: "2025-07-10", want: tasks.StatusCompletedOnTime, percent: 100, doneOn: "2025-06-30"},
		{name: "completed one day late", s: due, h: []tasks.Event{ev(1, at("2025-07-01", 8, 0), 100, true, "")}, at: "2025-07-10", want: tasks.StatusCompletedLate, percent: 100, doneOn: "2025-07-01"},
		{name: "recorded late but evidence dated in time", s: due, h: []tasks.Event{ev(1, at("2025-07-05", 8, 0), 100, true, "2025-06-28")}, at: "2025-07-10", want: tasks.StatusCompletedOnTime, percent: 100, doneOn: "2025-06-28"},
		{name: "evidence dated after recording is capped at the recording day", s: due, h: []tasks.Event{ev(1, at("2025-06-20", 8, 0), 100, true, "2025-08-01")}, at: "2025-08-10", want: tasks.StatusCompletedOnTime, percent: 100, doneOn: "2025-06-20"},
		{name: "a completion taken back counts no more", s: due, h: []tasks.Event{ev(1, at("2025-06-20", 8, 0), 100, true, ""), ev(2, at("2025-06-25", 8, 0), 80, false, "")}, at: "2025-07-10", want: tasks.StatusOverdue, percent: 80, overdue: 10},
		{name: "completed again after being taken back dates from the new completion", s: due,
			h:  []tasks.Event{ev(1, at("2025-06-20", 8, 0), 100, true, ""), ev(2, at("2025-06-25", 8, 0), 80, false, ""), ev(3, at("2025-07-03", 8, 0), 100, true, "")},
			at: "2025-07-10", want: tasks.StatusCompletedLate, percent: 100, doneOn: "2025-07-03"},
		{name: "a later completed note does not move the completion date", s: due,
			h:  []tasks.Event{ev(1, at("2025-06-20", 8, 0), 100, true, "2025-06-19"), ev(2, at("2025-07-20", 8, 0), 100, true, "")},
			at: "2025-07-30", want: tasks.StatusCompletedOnTime, percent: 100, doneOn: "2025-06-19"},
		{name: "continuous is never overdue", s: cont, h: []tasks.Event{ev(1, at("2025-02-01", 8, 0), 30, false, "")}, at: "2025-12-31", want: tasks.StatusContinuous, percent: 30},
		{name: "continuous without progress is still continuous", s: cont, at: "2025-12-31", want: tasks.StatusContinuous},
		{name: "continuous marked done", s: cont, h: []tasks.Event{ev(1, at("2025-12-20", 8, 0), 100, true, "")}, at: "2025-12-31", want: tasks.StatusCompletedOnTime, percent: 100, doneOn: "2025-12-20"},
		{name: "quarterly: Q1 done, Q2 running", s: quarterly, h: []tasks.Event{ev(1, at("2025-03-25", 8, 0), 100, true, "")}, at: "2025-05-01", want: tasks.StatusInProgress},
		{name: "quarterly: Q1 missed is overdue in Q2", s: quarterly, h: []tasks.Event{ev(1, at("2025-02-10", 8, 0), 50, false, "")}, at: "2025-05-01", want: tasks.StatusOverdue, overdue: 31},
		{name: "quarterly: Q1 and Q2 done", s: quarterly, h: []tasks.Event{ev(1, at("2025-03-25", 8, 0), 100, true, ""), occ(ev(2, at("2025-06-25", 8, 0), 100, true, ""), 2)}, at: "2025-06-28", want: tasks.StatusCompletedOnTime, percent: 100, doneOn: "2025-06-25"},
		{name: "quarterly: Q1 done late makes the task late", s: quarterly, h: []tasks.Event{ev(1, at("2025-04-05", 8, 0), 100, true, ""), occ(ev(2, at("2025-06-25", 8, 0), 100, true, ""), 2)}, at: "2025-06-28", want: tasks.StatusCompletedLate, percent: 100, doneOn: "2025-06-25"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := tasks.Evaluate(c.s, c.h, civil.MustParse(c.at))
			require.Equal(t, c.want, got.Status)
			require.Equal(t, c.percent, got.Percent)
			require.Equal(t, c.overdue, got.DaysOverdue)
			if c.doneOn != "" {
				require.Equal(t, civil.MustParse(c.doneOn), got.CompletedOn)
			} else {
				require.True(t, got.CompletedOn.IsZero())
			}
		})
	}
}

func TestCountsHeadline(t *testing.T) {
	t.Parallel()
	var c tasks.Counts
	for range 50 {
		c.Add(tasks.StatusCompletedOnTime)
	}
	for range 4 {
		c.Add(tasks.StatusCompletedLate)
	}
	for range 5 {
		c.Add(tasks.StatusContinuous)
	}
	require.Equal(t, 59, c.Total)
	require.Equal(t, 54, c.Completed)
	require.Equal(t, 91.5, c.Percent)
	require.Equal(t, "54/59 nhiệm vụ, đạt 91,5%", c.Headline())
}

func TestEvaluateConfirmationAndExtensions(t *testing.T) {
	t.Parallel()
	s := tasks.Schedule{Year: 2025, Kind: deadline.KindDate, Due: civil.MustParse("2025-06-30"), RequireConfirmation: true}
	claim := tasks.Event{ID: 1, Recorded: at("2025-06-25", 9, 0), Occurrence: 1, Percent: 100, Completed: true}

	// An unconfirmed claim is not a completion: in progress and pending, then overdue.
	st := tasks.Evaluate(s, []tasks.Event{claim}, civil.MustParse("2025-06-28"))
	require.Equal(t, tasks.StatusInProgress, st.Status)
	require.True(t, st.Pending)
	require.Equal(t, tasks.StatusOverdue, tasks.Evaluate(s, []tasks.Event{claim}, civil.MustParse("2025-07-02")).Status)

	// Confirmed on 3/7: from that day it counts, on time (judged by the completion date, not the confirmation).
	claim.ConfirmedAt = at("2025-07-03", 14, 0)
	require.Equal(t, tasks.StatusOverdue, tasks.Evaluate(s, []tasks.Event{claim}, civil.MustParse("2025-07-02")).Status, "a report at 2/7 does not know the confirmation")
	st = tasks.Evaluate(s, []tasks.Event{claim}, civil.MustParse("2025-07-03"))
	require.Equal(t, tasks.StatusCompletedOnTime, st.Status)
	require.False(t, st.Pending)

	// An extension approved on 25/6 moves the deadline to 31/7 from that day on.
	ext := s
	ext.RequireConfirmation = false
	ext.Extensions = []tasks.Extended{{NewDue: civil.MustParse("2025-07-31"), DecidedAt: at("2025-06-25", 10, 0)}}
	late := tasks.Event{ID: 2, Recorded: at("2025-07-20", 9, 0), Occurrence: 1, Percent: 100, Completed: true}
	st = tasks.Evaluate(ext, []tasks.Event{late}, civil.MustParse("2025-08-01"))
	require.Equal(t, tasks.StatusCompletedOnTime, st.Status, "on time against the approved deadline")
	require.Equal(t, civil.MustParse("2025-07-31"), st.Due)
	require.Equal(t, tasks.StatusNotStarted, tasks.Evaluate(ext, nil, civil.MustParse("2025-07-10")).Status, "not overdue under the extension")
	require.Equal(t, civil.MustParse("2025-06-30"), tasks.Evaluate(ext, nil, civil.MustParse("2025-06-24")).Due, "before the decision the old deadline holds")

	// A second extension supersedes the first.
	ext.Extensions = append(ext.Extensions, tasks.Extended{NewDue: civil.MustParse("2025-08-31"), DecidedAt: at("2025-07-30", 10, 0)})
	require.Equal(t, civil.MustParse("2025-08-31"), tasks.Evaluate(ext, nil, civil.MustParse("2025-08-10")).Due)
}

// A plan that counts continuous tasks only at the year-end cut-off keeps a
// closed continuous task "continuous" until then, and completed from then
// on; a claim awaiting confirmation stays pending either way.
func TestContinuousYearEnd(t *testing.T) {
	t.Parallel()
	from := civil.MustParse("2025-12-14")
	s := tasks.Schedule{Year: 2025, Kind: deadline.KindContinuous, ContinuousFrom: from}
	rec := civil.MustParse("2025-06-10").Start().Add(9 * time.Hour)
	h := []tasks.Event{{ID: 1, Recorded: rec, Occurrence: 1, Percent: 100, Completed: true}}

	st := tasks.Evaluate(s, h, civil.MustParse("2025-12-13"))
	require.Equal(t, tasks.StatusContinuous, st.Status)
	require.False(t, st.Pending, "nothing awaits the secretariat")
	require.True(t, st.CompletedOn.IsZero())

	st = tasks.Evaluate(s, h, from)
	require.Equal(t, tasks.StatusCompletedOnTime, st.Status)
	require.Equal(t, civil.MustParse("2025-06-10"), st.CompletedOn)

	s.ContinuousFrom = civil.Date{}
	require.Equal(t, tasks.StatusCompletedOnTime, tasks.Evaluate(s, h, civil.MustParse("2025-07-01")).Status, "without the rule any closing counts")

	s.ContinuousFrom, s.RequireConfirmation = from, true
	st = tasks.Evaluate(s, h, civil.MustParse("2025-07-01"))
	require.Equal(t, tasks.StatusContinuous, st.Status)
	require.True(t, st.Pending, "the claim still awaits confirmation")
}
