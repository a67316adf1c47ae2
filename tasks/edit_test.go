package tasks_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

type editFixture struct {
	db                  *bun.DB
	city, justice, home units.Unit
	other               units.Unit
	plan                *plans.Plan
	area1, area2        *plans.Area
}

func newEditFixture(t *testing.T) *editFixture {
	t.Helper()
	ctx := context.Background()
	f := &editFixture{db: dbtest.New(t)}
	mk := func(code, name string, kind units.Kind, parent int64) units.Unit {
		u := &units.Unit{Code: code, Name: name, Kind: kind, ParentID: parent}
		require.NoError(t, units.Create(ctx, f.db, u))
		return *u
	}
	f.city = mk("TP", "UBND thành phố Sơn Hà", units.KindCity, 0)
	f.justice = mk("PTP", "Phòng Tư pháp", units.KindDepartment, f.city.ID)
	f.home = mk("PNV", "Phòng Nội vụ", units.KindDepartment, f.city.ID)
	f.other = mk("DG", "UBND tỉnh Đông Giang", units.KindProvince, 0)
	var err error
	f.plan, err = plans.Create(ctx, f.db, plans.NewPlan{UnitID: f.city.ID, Year: 2025})
	require.NoError(t, err)
	f.area1, err = plans.CreateArea(ctx, f.db, f.plan.ID, "Công tác chỉ đạo")
	require.NoError(t, err)
	f.area2, err = plans.CreateArea(ctx, f.db, f.plan.ID, "Cải cách thể chế")
	require.NoError(t, err)
	return f
}

func (f *editFixture) add(t *testing.T, area *plans.Area, number string) *tasks.Task {
	t.Helper()
	tk, err := tasks.Create(context.Background(), f.db, tasks.NewTask{PlanID: f.plan.ID, AreaID: area.ID, Number: number, Title: "Nhiệm vụ " + number,
		LeadUnitID: f.justice.ID, Coordinators: []int64{f.home.ID}, Deadline: "Quý II"})
	require.NoError(t, err)
	return tk
}

func (f *editFixture) issue(t *testing.T) {
	t.Helper()
	p, err := plans.Get(context.Background(), f.db, f.plan.ID)
	require.NoError(t, err)
	f.plan, err = plans.Issue(context.Background(), f.db, p.ID, p.Version, civil.New(2025, 1, 2))
	require.NoError(t, err)
}

func lastTaskAudit(t *testing.T, db bun.IDB, id int64) audit.Entry {
	t.Helper()
	var e audit.Entry
	require.NoError(t, db.NewSelect().Model(&e).Where("entity = 'task' AND entity_id = ?", id).OrderExpr("id DESC").Limit(1).Scan(context.Background()))
	return e
}

func ptr[T any](v T) *T { return &v }

func TestAddTaskChecks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newEditFixture(t)
	var inv *errs.Error
	_, err := tasks.Create(ctx, f.db, tasks.NewTask{PlanID: f.plan.ID, AreaID: f.area1.ID, Title: "X", LeadUnitID: f.other.ID, Deadline: "Quý II"})
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "UBND tỉnh Đông Giang không thuộc")
	_, err = tasks.Create(ctx, f.db, tasks.NewTask{PlanID: f.plan.ID, AreaID: f.area1.ID, Title: "X", LeadUnitID: f.justice.ID, Deadline: "sớm nhất có thể"})
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "không đúng mẫu")
	other, err := plans.Create(ctx, f.db, plans.NewPlan{UnitID: f.city.ID, Year: 2026})
	require.NoError(t, err)
	_, err = tasks.Create(ctx, f.db, tasks.NewTask{PlanID: other.ID, AreaID: f.area1.ID, Title: "X", LeadUnitID: f.justice.ID, Deadline: "Quý II"})
	require.ErrorAs(t, err, &inv)
	require.Equal(t, "area", inv.Field)
	tk := f.add(t, f.area1, "1")
	require.Equal(t, civil.New(2025, 6, 30), tk.DeadlineDate, "read for the plan's year")
	require.Equal(t, plans.StateDraft, tk.PlanState)
}

func TestUpdateTask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newEditFixture(t)
	tk := f.add(t, f.area1, "1")

	// Stale: nothing changes.
	_, err := tasks.Update(ctx, f.db, tk.ID, tasks.Edit{Version: tk.Version + 1, Title: ptr("Khác")})
	require.ErrorIs(t, err, tasks.ErrStale)
	same, err := tasks.Get(ctx, f.db, tk.ID)
	require.NoError(t, err)
	require.Equal(t, tk.Title, same.Title)

	var inv *errs.Error
	_, err = tasks.Update(ctx, f.db, tk.ID, tasks.Edit{Version: tk.Version, Deadline: ptr("Quý V")})
	require.ErrorAs(t, err, &inv)
	require.Equal(t, "thời hạn “Quý V” có quý không tồn tại (chỉ có quý I đến IV)", inv.Error())
	_, err = tasks.Update(ctx, f.db, tk.ID, tasks.Edit{Version: tk.Version, Coordinators: &[]int64{f.other.ID}})
	require.ErrorAs(t, err, &inv)
	_, err = tasks.Update(ctx, f.db, tk.ID, tasks.Edit{Version: tk.Version, Title: ptr(" ")})
	require.ErrorAs(t, err, &inv)

	// In a draft, changing the lead is a plain update (no reassignment).
	up, err := tasks.Update(ctx, f.db, tk.ID, tasks.Edit{Version: tk.Version, Title: ptr("Rà soát thủ tục"), Deadline: ptr("Trước 15/3"),
		LeadUnitID: ptr(f.home.ID), Coordinators: &[]int64{f.home.ID, f.justice.ID, f.justice.ID}, Output: ptr("Báo cáo")})
	require.NoError(t, err)
	require.Equal(t, tk.Version+1, up.Version)
	require.Equal(t, civil.New(2025, 3, 15), up.DeadlineDate)
	require.Equal(t, f.home.ID, up.LeadUnitID)
	require.Len(t, up.Coordinators, 1)
	require.Equal(t, f.justice.ID, up.Coordinators[0].ID)
	e := lastTaskAudit(t, f.db, tk.ID)
	require.Equal(t, "update", e.Action)
	var before, after map[string]any
	require.NoError(t, json.Unmarshal(e.Before, &before))
	require.NoError(t, json.Unmarshal(e.After, &after))
	require.Equal(t, "Nhiệm vụ 1", before["title"])
	require.Equal(t, "Rà soát thủ tục", after["title"])
	require.Equal(t, "Quý II", before["deadline"])
	require.Equal(t, []any{float64(f.home.ID)}, before["coordinators"])
	require.Equal(t, []any{float64(f.justice.ID)}, after["coordinators"])

	// Once issued, a new lead is recorded as a reassignment (app.UpdateTask
	// then tells both units: reminders' TestReassignmentNotifiesBothUnits).
	f.issue(t)
	up2, err := tasks.Update(ctx, f.db, tk.ID, tasks.Edit{Version: up.Version, LeadUnitID: ptr(f.justice.ID), Coordinators: &[]int64{}})
	require.NoError(t, err)
	require.Equal(t, f.justice.ID, up2.LeadUnitID)
	require.Equal(t, "reassign", lastTaskAudit(t, f.db, tk.ID).Action)
}

func TestMoveTask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newEditFixture(t)
	t1, t2, t3 := f.add(t, f.area1, "1"), f.add(t, f.area1, "2"), f.add(t, f.area2, "3")
	order := func() []string {
		ts, err := tasks.ForPlan(ctx, f.db, f.plan.ID)
		require.NoError(t, err)
		var out []string
		for _, tk := range ts {
			a := "I"
			if tk.AreaID == f.area2.ID {
				a = "II"
			}
			out = append(out, a+":"+tk.Number)
		}
		return out
	}
	_, err := tasks.Move(ctx, f.db, t1.ID, t1.Version+1, f.area2.ID, 1)
	require.ErrorIs(t, err, tasks.ErrStale)
	m, err := tasks.Move(ctx, f.db, t1.ID, t1.Version, f.area2.ID, 1)
	require.NoError(t, err)
	require.Equal(t, t1.Version+1, m.Version)
	require.Equal(t, []string{"I:2", "II:1", "II:3"}, order())
	require.Equal(t, "move", lastTaskAudit(t, f.db, t1.ID).Action)
	_, err = tasks.Move(ctx, f.db, t3.ID, t3.Version, f.area1.ID, 1)
	require.NoError(t, err)
	require.Equal(t, []string{"I:3", "I:2", "II:1"}, order())
	_, err = tasks.Move(ctx, f.db, t2.ID, t2.Version, f.area2.ID, 0)
	require.NoError(t, err)
	require.Equal(t, []string{"I:3", "II:1", "II:2"}, order())

	other, err := plans.Create(ctx, f.db, plans.NewPlan{UnitID: f.city.ID, Year: 2026})
	require.NoError(t, err)
	oa, err := plans.CreateArea(ctx, f.db, other.ID, "Khác")
	require.NoError(t, err)
	var inv *errs.Error
	_, err = tasks.Move(ctx, f.db, t3.ID, t3.Version+1, oa.ID, 1)
	require.ErrorAs(t, err, &inv)
}

func TestRemoveTask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newEditFixture(t)
	t1, t2, t3 := f.add(t, f.area1, "1"), f.add(t, f.area1, "2"), f.add(t, f.area1, "3")
	require.ErrorIs(t, tasks.Remove(ctx, f.db, t1.ID, t1.Version+1), tasks.ErrStale)
	require.NoError(t, tasks.Remove(ctx, f.db, t1.ID, t1.Version), "a draft's task goes")
	_, err := tasks.Get(ctx, f.db, t1.ID)
	require.ErrorIs(t, err, errs.NotFound)
	require.Equal(t, "delete", lastTaskAudit(t, f.db, t1.ID).Action)

	f.issue(t)
	_, err = tasks.Post(ctx, f.db, t2.ID, tasks.Progress{UnitID: f.justice.ID, Percent: 20, Version: t2.Version, At: time.Date(2025, 2, 1, 9, 0, 0, 0, civil.Zone)})
	require.NoError(t, err)
	var inv *errs.Error
	require.ErrorAs(t, tasks.Remove(ctx, f.db, t2.ID, t2.Version+1), &inv, "issued, with progress: kept")
	require.NoError(t, tasks.Remove(ctx, f.db, t3.ID, t3.Version), "issued, no history: may go")

	p, err := plans.Get(ctx, f.db, f.plan.ID)
	require.NoError(t, err)
	_, err = plans.Close(ctx, f.db, p.ID, p.Version)
	require.NoError(t, err)
	cur, err := tasks.Get(ctx, f.db, t2.ID)
	require.NoError(t, err)
	require.ErrorAs(t, tasks.Remove(ctx, f.db, t2.ID, cur.Version), &inv)
	_, err = tasks.Update(ctx, f.db, t2.ID, tasks.Edit{Version: cur.Version, Title: ptr("X")})
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "đã kết thúc")
}

// Tasks are created side by side in one plan: no creation waits for or
// fails because of another, positions stay unique, and each new task has
// its timeline. A move renumbers under the unique constraint.
func TestConcurrentCreate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newEditFixture(t)
	const workers, each = 8, 12
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				_, err := tasks.Create(ctx, f.db, tasks.NewTask{PlanID: f.plan.ID, AreaID: f.area1.ID, Number: fmt.Sprintf("%d.%d", w, i),
					Title: "Nhiệm vụ song song", LeadUnitID: f.justice.ID, Coordinators: []int64{f.home.ID}, Deadline: "Quý II"})
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	var got struct {
		N, Positions, Timelines, Coordinated int
	}
	require.NoError(t, f.db.NewRaw(`SELECT count(*) AS n, count(DISTINCT position) AS positions,
	    (SELECT count(DISTINCT task_id) FROM task_timeline WHERE plan_id = ?) AS timelines,
	    (SELECT count(*) FROM task_coordinators c JOIN tasks t ON t.id = c.task_id WHERE t.plan_id = ?) AS coordinated
	    FROM tasks WHERE plan_id = ?`, f.plan.ID, f.plan.ID, f.plan.ID).Scan(ctx, &got.N, &got.Positions, &got.Timelines, &got.Coordinated))
	require.Equal(t, workers*each, got.N)
	require.Equal(t, got.N, got.Positions)
	require.Equal(t, got.N, got.Timelines)
	require.Equal(t, got.N, got.Coordinated)

	ts, err := tasks.ForPlan(ctx, f.db, f.plan.ID)
	require.NoError(t, err)
	last := ts[len(ts)-1]
	moved, err := tasks.Move(ctx, f.db, last.ID, last.Version, f.area1.ID, 1)
	require.NoError(t, err)
	require.Equal(t, 1, moved.Position)
	_, err = f.db.NewRaw("UPDATE tasks SET position = ? WHERE id = ?", 1, ts[0].ID).Exec(ctx)
	require.Error(t, err, "two tasks on one position")
}
