package plans_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/internal/fixture"
	"cchc/plans"
	"cchc/tasks"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func ptr[T any](v T) *T { return &v }

func field(t *testing.T, raw json.RawMessage, key string) any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m[key]
}

func TestPlanLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := fixture.CityTree(t, db)

	var inv *errs.Error
	_, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 1999})
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "năm kế hoạch")
	_, err = plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 2025, IssuedOn: civil.New(2023, 12, 1)})
	require.ErrorAs(t, err, &inv)

	p, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 2025, Number: " 12/KH-UBND ", RequireConfirmation: ptr(false), CutoffScheme: plans.SchemeCalendar})
	require.NoError(t, err)
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2025", p.Title)
	require.Equal(t, "12/KH-UBND", p.Number)
	require.Equal(t, plans.StateDraft, p.State)
	require.False(t, p.RequireConfirmation)
	require.Equal(t, plans.SchemeCalendar, p.CutoffScheme)
	_, err = plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 2025})
	require.ErrorIs(t, err, plans.ErrExists)

	// A stale version changes nothing.
	_, err = plans.Update(ctx, db, p.ID, plans.Edit{Version: p.Version - 1, Title: ptr("Khác")})
	require.ErrorIs(t, err, plans.ErrStale)
	require.ErrorIs(t, err, errs.Stale, "the web layer answers 409 for both")
	same, err := plans.Get(ctx, db, p.ID)
	require.NoError(t, err)
	require.Equal(t, p.Title, same.Title)
	require.Equal(t, p.Version, same.Version)

	up, err := plans.Update(ctx, db, p.ID, plans.Edit{Version: p.Version, Title: ptr("Kế hoạch CCHC năm 2025"), IssuedOn: ptr(civil.New(2024, 12, 20))})
	require.NoError(t, err)
	require.Equal(t, p.Version+1, up.Version)
	e := fixture.LastAudit(t, db, "plan", p.ID)
	require.Equal(t, "update", e.Action)
	require.Equal(t, p.Title, field(t, e.Before, "title"))
	require.Equal(t, "Kế hoạch CCHC năm 2025", field(t, e.After, "title"))
	_, err = plans.Update(ctx, db, p.ID, plans.Edit{Version: up.Version, Title: ptr("  ")})
	require.ErrorAs(t, err, &inv)

	// Issuing needs a task.
	_, err = plans.Issue(ctx, db, p.ID, up.Version, civil.New(2025, 1, 2))
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "chưa có nhiệm vụ")
	a, err := plans.CreateArea(ctx, db, p.ID, "Cải cách thể chế")
	require.NoError(t, err)
	_, err = tasks.Create(ctx, db, tasks.NewTask{PlanID: p.ID, AreaID: a.ID, Number: "1", Title: "Rà soát văn bản", LeadUnitID: tr.Justice.ID, Deadline: "Quý II"})
	require.NoError(t, err)
	issued, err := plans.Issue(ctx, db, p.ID, up.Version, civil.New(2025, 1, 2))
	require.NoError(t, err)
	require.Equal(t, plans.StateIssued, issued.State)
	require.Equal(t, civil.New(2024, 12, 20), issued.IssuedOn, "the date already set is kept")
	require.Equal(t, "issue", fixture.LastAudit(t, db, "plan", p.ID).Action)

	// No way back to draft, and an issued plan is not deleted.
	require.ErrorAs(t, plans.Remove(ctx, db, p.ID, issued.Version), &inv)
	_, err = plans.Issue(ctx, db, p.ID, issued.Version, civil.Date{})
	require.ErrorAs(t, err, &inv)

	closed, err := plans.Close(ctx, db, p.ID, issued.Version)
	require.NoError(t, err)
	require.Equal(t, plans.StateClosed, closed.State)
	_, err = plans.Update(ctx, db, p.ID, plans.Edit{Version: closed.Version, Number: ptr("1")})
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "đã kết thúc")
	_, err = plans.CreateArea(ctx, db, p.ID, "Mới")
	require.ErrorAs(t, err, &inv)
	reopened, err := plans.Reopen(ctx, db, p.ID, closed.Version)
	require.NoError(t, err)
	require.Equal(t, plans.StateIssued, reopened.State)

	// A draft is deleted with its areas and tasks.
	d, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 2026})
	require.NoError(t, err)
	a2, err := plans.CreateArea(ctx, db, d.ID, "Cải cách thể chế")
	require.NoError(t, err)
	_, err = tasks.Create(ctx, db, tasks.NewTask{PlanID: d.ID, AreaID: a2.ID, Number: "1", Title: "Việc", LeadUnitID: tr.Justice.ID, Deadline: "Quý II"})
	require.NoError(t, err)
	require.ErrorIs(t, plans.Remove(ctx, db, d.ID, d.Version+5), plans.ErrStale)
	require.NoError(t, plans.Remove(ctx, db, d.ID, d.Version))
	_, err = plans.Get(ctx, db, d.ID)
	require.ErrorIs(t, err, errs.NotFound)
	require.Equal(t, "delete", fixture.LastAudit(t, db, "plan", d.ID).Action)
}

func TestAreas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := fixture.CityTree(t, db)
	p, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 2025})
	require.NoError(t, err)
	var as []*plans.Area
	for _, n := range []string{"Công tác chỉ đạo", "Cải cách thể chế", "Cải cách thủ tục hành chính"} {
		a, err := plans.CreateArea(ctx, db, p.ID, n)
		require.NoError(t, err)
		as = append(as, a)
	}
	require.Equal(t, "III", as[2].Label)
	require.Equal(t, 1, as[2].Version)

	_, err = plans.RenameArea(ctx, db, as[1].ID, as[1].Version+1, "X")
	require.ErrorIs(t, err, plans.ErrStale)
	r, err := plans.RenameArea(ctx, db, as[1].ID, as[1].Version, "  Cải cách   thể chế ")
	require.NoError(t, err)
	require.Equal(t, "Cải cách thể chế", r.Name)
	require.Equal(t, 2, r.Version)
	e := fixture.LastAudit(t, db, "area", as[1].ID)
	require.Equal(t, "update", e.Action)
	require.NotEmpty(t, e.Before)

	// Moving the last area first relabels every area.
	m, err := plans.MoveArea(ctx, db, as[2].ID, as[2].Version, 1)
	require.NoError(t, err)
	require.Equal(t, "I", m.Label)
	got, err := plans.Areas(ctx, db, p.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"I. Cải cách thủ tục hành chính", "II. Công tác chỉ đạo", "III. Cải cách thể chế"},
		[]string{got[0].Label + ". " + got[0].Name, got[1].Label + ". " + got[1].Name, got[2].Label + ". " + got[2].Name})
	require.Equal(t, "move", fixture.LastAudit(t, db, "area", as[2].ID).Action)

	// An area with a task is not removed; an empty one is, and the rest are renumbered.
	_, err = tasks.Create(ctx, db, tasks.NewTask{PlanID: p.ID, AreaID: as[0].ID, Number: "1", Title: "Việc", LeadUnitID: tr.Home.ID, Deadline: "Thường xuyên"})
	require.NoError(t, err)
	var inv *errs.Error
	require.ErrorAs(t, plans.RemoveArea(ctx, db, as[0].ID, as[0].Version), &inv)
	require.Contains(t, inv.Error(), "còn 1 nhiệm vụ")
	require.NoError(t, plans.RemoveArea(ctx, db, m.ID, m.Version))
	got, err = plans.Areas(ctx, db, p.ID)
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, "I", got[0].Label)
	require.Equal(t, "Công tác chỉ đạo", got[0].Name)
	require.Equal(t, "delete", fixture.LastAudit(t, db, "area", m.ID).Action)
}
