package tasks_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// seed replays TestStatusSQLMatchesGo: go test ./tasks -run StatusSQL -args -seed N.
var seed = flag.Uint64("seed", 0, "seed of TestStatusSQLMatchesGo (0: a new one, printed)")

var randomDeadlines = []string{
	"30/6/2025", "Trước 15/3", "Tháng 9/2025", "Quý II", "Quý IV/2025", "6 tháng đầu năm",
	"Năm 2025", "Thường xuyên", "Hằng quý", "Hằng tháng", "31/1/2025", "Tháng 12", "Thường xuyên",
}

// TestStatusSQLMatchesGo generates random plans and histories and checks that
// the rule in Go (Evaluate), the rule in SQL (status.sql) and the status
// timeline the pages and rollups read agree on every task and every count,
// on many days, including days that fall on deadlines and on the instants
// entries were recorded. Entries, reviews and extensions are written in a
// random order of their instants (as a loader or a late confirmation
// would), each followed by the refresh its write path makes, from its day
// on; at the end the timeline kept that way equals one rebuilt from
// scratch.
func TestStatusSQLMatchesGo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	seed := *seed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay: go test ./tasks -run TestStatusSQLMatchesGo -args -seed %d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 7))

	for round := range 4 {
		unit := &units.Unit{Code: fmt.Sprintf("U%d", round), Name: "UBND thành phố thử", Kind: units.KindCity}
		require.NoError(t, units.Create(ctx, db, unit))
		lead := &units.Unit{Code: fmt.Sprintf("L%d", round), Name: "Phòng Nội vụ", Kind: units.KindDepartment, ParentID: unit.ID}
		require.NoError(t, units.Create(ctx, db, lead))
		plan := &plans.Plan{UnitID: unit.ID, Year: 2025, Title: "Kế hoạch CCHC năm 2025"}
		require.NoError(t, plans.Insert(ctx, db, plan))
		// Half the rounds count only confirmed completions; the last two
		// count continuous tasks only from the year-end cut-off (14/12 by
		// the decree, 31/12 for calendar quarters in the last round).
		scheme := plans.SchemeDecree
		if round == 3 {
			scheme = plans.SchemeCalendar
		}
		require.NoError(t, plans.SetSettings(ctx, db, plan.ID, round%2 == 0, scheme))
		if round >= 2 {
			cur, err := plans.Get(ctx, db, plan.ID)
			require.NoError(t, err)
			_, err = plans.SetContinuousRule(ctx, db, plan.ID, cur.Version, true)
			require.NoError(t, err)
		}
		area, err := plans.InsertArea(ctx, db, plan.ID, "Cải cách thủ tục hành chính")
		require.NoError(t, err)
		area2, err := plans.InsertArea(ctx, db, plan.ID, "Cải cách thể chế")
		require.NoError(t, err)

		history := map[int64][]tasks.Event{}
		var ids []int64
		schedules := map[int64]tasks.Schedule{}
		for i := range 40 {
			a := area
			if i%3 == 0 {
				a = area2
			}
			tk, err := tasks.Insert(ctx, db, tasks.NewTask{
				PlanID: plan.ID, AreaID: a.ID, Number: fmt.Sprint(i + 1), Title: "Nhiệm vụ thử",
				LeadUnitID: []int64{unit.ID, lead.ID}[i%2], Deadline: randomDeadlines[rng.IntN(len(randomDeadlines))], PlanYear: 2025,
			})
			require.NoError(t, err)
			history[tk.ID] = randomHistory(ctx, t, db, rng, tk)
			randomExtensions(ctx, t, db, rng, tk)
			ids = append(ids, tk.ID)
			loaded, err := tasks.Get(ctx, db, tk.ID)
			require.NoError(t, err)
			schedules[tk.ID] = loaded.Schedule()
		}

		days := []civil.Date{civil.MustParse("2024-12-31"), civil.MustParse("2026-01-05")}
		for range 25 {
			days = append(days, civil.New(2025, 1, 1).AddDays(rng.IntN(365)))
		}
		days = append(days, civil.MustParse("2025-06-30"), civil.MustParse("2025-03-31"), civil.MustParse("2025-03-15"),
			civil.MustParse("2025-12-13"), civil.MustParse("2025-12-14"), civil.MustParse("2025-12-30"), civil.MustParse("2025-12-31"))
		for _, day := range days {
			sqlStates, err := tasks.StatesSQL(ctx, db, []int64{plan.ID}, day)
			require.NoError(t, err)
			timeline, err := tasks.StatesAt(ctx, db, plan.ID, day)
			require.NoError(t, err)
			require.Equal(t, sqlStates.Len(), timeline.Len(), "tasks in the timeline at %s", day)
			stats, err := tasks.StatsAt(ctx, db, plan.ID, day)
			require.NoError(t, err)
			var want tasks.Counts
			for id, s := range schedules {
				g := tasks.Evaluate(s, history[id], day)
				got := sqlStates.Of(id)
				require.Equal(t, g.Status, got.Status, "task %d (%+v) at %s; history %+v", id, s, day, history[id])
				require.Equal(t, g.Percent, got.Percent, "percent of task %d at %s", id, day)
				require.Equal(t, g.CompletedOn, got.CompletedOn, "completion of task %d at %s", id, day)
				require.Equal(t, g.DaysOverdue, got.DaysOverdue, "days overdue of task %d at %s", id, day)
				require.Equal(t, g.Pending, got.Pending, "pending claim of task %d at %s", id, day)
				require.Equal(t, g.Due, got.Due, "deadline of task %d at %s", id, day)
				require.Equal(t, g, timeline.Of(id), "timeline of task %d at %s; history %+v", id, day, history[id])
				spans := tasks.Timeline(s, history[id])
				require.Equal(t, g, tasks.SpanAt(spans, day).At(day), "span of task %d at %s", id, day)
				want.Add(g.Status)
			}
			require.Equal(t, want, stats.Counts, "plan counts at %s", day)
			sumArea := 0
			for _, a := range stats.ByArea {
				sumArea += a.Total
			}
			require.Equal(t, want.Total, sumArea)
			require.Len(t, stats.ByUnit, 2)
		}
		mismatches, err := tasks.CheckTimeline(ctx, db, []int64{plan.ID}, days)
		require.NoError(t, err)
		require.Empty(t, mismatches)

		// The timeline kept up write by write is the one a rebuild makes.
		kept := timelineRows(ctx, t, db, plan.ID)
		require.NoError(t, tasks.RefreshTimeline(ctx, db, ids, civil.Date{}))
		require.Equal(t, timelineRows(ctx, t, db, plan.ID), kept)
	}
}

// timelineRows reads a plan's timeline as text, in order.
func timelineRows(ctx context.Context, t *testing.T, db bun.IDB, planID int64) []string {
	t.Helper()
	var rows []string
	require.NoError(t, db.NewRaw(`SELECT concat_ws(' ', task_id, lead_unit_id, area_id, valid_from, valid_to, status, percent,
	    completed_on, occurrence, due, first_missed, pending) FROM task_timeline WHERE plan_id = ? ORDER BY task_id, valid_from`, planID).Scan(ctx, &rows))
	return rows
}

// randomHistory writes 0–6 entries between 2024-12-20 and 2026-01-10, some
// completing, some taking completion back, some sharing a recording instant.
func randomHistory(ctx context.Context, t *testing.T, db bun.IDB, rng *rand.Rand, tk *tasks.Task) []tasks.Event {
	t.Helper()
	var out []tasks.Event
	start := civil.MustParse("2024-12-20").Start()
	var last time.Time
	n := rng.IntN(7)
	for range n {
		rec := start.Add(time.Duration(rng.IntN(387*24*60)) * time.Minute)
		if !last.IsZero() && rng.IntN(5) == 0 {
			rec = last // same instant: order falls back to the id
		}
		last = rec
		e := &tasks.Entry{
			TaskID: tk.ID, UnitID: tk.LeadUnitID, RecordedAt: rec, Occurrence: 1 + rng.IntN(tk.Schedule().Occurrences()),
			Percent: rng.IntN(101), Completed: rng.IntN(2) == 0,
		}
		if rng.IntN(2) == 0 {
			e.EvidenceDate = civil.In(rec).AddDays(rng.IntN(40) - 30)
		}
		_, err := db.NewInsert().Model(e).Returning("id").Exec(ctx)
		require.NoError(t, err)
		require.NoError(t, tasks.RefreshTimeline(ctx, db, []int64{tk.ID}, civil.In(rec)))
		ev := e.Event()
		// Some claims are confirmed, some soon, some much later, some never.
		if e.Completed && rng.IntN(3) > 0 {
			ev.ConfirmedAt = rec.Add(time.Duration(rng.IntN(30*24*60)) * time.Minute)
			_, err := db.NewRaw("INSERT INTO completion_reviews (entry_id, task_id, decision, decided_at) VALUES (?, ?, 'confirmed', ?)", e.ID, tk.ID, ev.ConfirmedAt).Exec(ctx)
			require.NoError(t, err)
			require.NoError(t, tasks.RefreshTimeline(ctx, db, []int64{tk.ID}, civil.In(ev.ConfirmedAt)))
		}
		out = append(out, ev)
	}
	return out
}

// randomExtensions approves up to two extensions of a dated task at random
// instants, and leaves some refused or pending.
func randomExtensions(ctx context.Context, t *testing.T, db bun.IDB, rng *rand.Rand, tk *tasks.Task) {
	t.Helper()
	if tk.DeadlineDate.IsZero() || rng.IntN(3) == 0 {
		return
	}
	due := tk.DeadlineDate
	for i := range 1 + rng.IntN(3) {
		state := []string{"approved", "approved", "refused", "pending"}[rng.IntN(4)]
		if i == 2 {
			state = "refused"
		}
		newDue := due.AddDays(1 + rng.IntN(60))
		var decided any
		if state != "pending" {
			decided = due.Start().Add(time.Duration(rng.IntN(40*24*60)-20*24*60) * time.Minute)
		}
		_, err := db.NewRaw(`INSERT INTO deadline_extensions (task_id, unit_id, reason, old_date, new_date, state, decided_at) VALUES (?, ?, 'lý do', ?, ?, ?, ?)`,
			tk.ID, tk.LeadUnitID, due, newDue, state, decided).Exec(ctx)
		require.NoError(t, err)
		if d, ok := decided.(time.Time); ok {
			require.NoError(t, tasks.RefreshTimeline(ctx, db, []int64{tk.ID}, civil.In(d)))
		}
		if state == "pending" {
			return
		}
		due = newDue
	}
}
