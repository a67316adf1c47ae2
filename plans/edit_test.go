package plans_test

import (
	"context"
	"encoding/json"
	"testing"

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

func TestMain(m *testing.M) { dbtest.Main(m) }

// tree is a city with two departments, a commune, and a unit of another province.
type tree struct{ city, justice, home, commune, other units.Unit }

func newTree(t *testing.T, db bun.IDB) tree {
	t.Helper()
	ctx := context.Background()
	mk := func(code, name string, kind units.Kind, parent int64) units.Unit {
		u := &units.Unit{Code: code, Name: name, Kind: kind, ParentID: parent}
		require.NoError(t, units.Create(ctx, db, u))
		return *u
	}
	var tr tree
	tr.city = mk("TP", "UBND thành phố Sơn Hà", units.KindCity, 0)
	tr.justice = mk("PTP", "Phòng Tư pháp", units.KindDepartment, tr.city.ID)
	tr.home = mk("PNV", "Phòng Nội vụ", units.KindDepartment, tr.city.ID)
	tr.commune = mk("X-TL", "UBND xã Tân Lập", units.KindCommune, tr.city.ID)
	tr.other = mk("DG", "UBND tỉnh Đông Giang", units.KindProvince, 0)
	return tr
}

func ptr[T any](v T) *T { return &v }

// lastAudit is the newest audit row about an entity.
func lastAudit(t *testing.T, db bun.IDB, entity string, id int64) audit.Entry {
	t.Helper()
	var e audit.Entry
	require.NoError(t, db.NewSelect().Model(&e).Where("entity = ? AND entity_id = ?", entity, id).OrderExpr("id DESC").Limit(1).Scan(context.Background()))
	return e
}

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
	tr := newTree(t, db)

	var inv *errs.Error
	_, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 1999})
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "năm kế hoạch")
	_, err = plans.Create(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025, IssuedOn: civil.New(2023, 12, 1)})
	require.ErrorAs(t, err, &inv)

	p, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025, Number: " 12/KH-UBND ", RequireConfirmation: ptr(false), CutoffScheme: plans.SchemeCalendar})
	require.NoError(t, err)
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2025", p.Title)
	require.Equal(t, "12/KH-UBND", p.Number)
	require.Equal(t, plans.StateDraft, p.State)
	require.False(t, p.RequireConfirmation)
	require.Equal(t, plans.SchemeCalendar, p.CutoffScheme)
	_, err = plans.Create(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025})
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
	e := lastAudit(t, db, "plan", p.ID)
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
	_, err = tasks.Create(ctx, db, tasks.NewTask{PlanID: p.ID, AreaID: a.ID, Number: "1", Title: "Rà soát văn bản", LeadUnitID: tr.justice.ID, Deadline: "Quý II"})
	require.NoError(t, err)
	issued, err := plans.Issue(ctx, db, p.ID, up.Version, civil.New(2025, 1, 2))
	require.NoError(t, err)
	require.Equal(t, plans.StateIssued, issued.State)
	require.Equal(t, civil.New(2024, 12, 20), issued.IssuedOn, "the date already set is kept")
	require.Equal(t, "issue", lastAudit(t, db, "plan", p.ID).Action)

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
	d, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2026})
	require.NoError(t, err)
	a2, err := plans.CreateArea(ctx, db, d.ID, "Cải cách thể chế")
	require.NoError(t, err)
	_, err = tasks.Create(ctx, db, tasks.NewTask{PlanID: d.ID, AreaID: a2.ID, Number: "1", Title: "Việc", LeadUnitID: tr.justice.ID, Deadline: "Quý II"})
	require.NoError(t, err)
	require.ErrorIs(t, plans.Remove(ctx, db, d.ID, d.Version+5), plans.ErrStale)
	require.NoError(t, plans.Remove(ctx, db, d.ID, d.Version))
	_, err = plans.Get(ctx, db, d.ID)
	require.ErrorIs(t, err, errs.NotFound)
	require.Equal(t, "delete", lastAudit(t, db, "plan", d.ID).Action)
}

func TestAreas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := newTree(t, db)
	p, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025})
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
	e := lastAudit(t, db, "area", as[1].ID)
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
	require.Equal(t, "move", lastAudit(t, db, "area", as[2].ID).Action)

	// An area with a task is not removed; an empty one is, and the rest are renumbered.
	_, err = tasks.Create(ctx, db, tasks.NewTask{PlanID: p.ID, AreaID: as[0].ID, Number: "1", Title: "Việc", LeadUnitID: tr.home.ID, Deadline: "Thường xuyên"})
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
	require.Equal(t, "delete", lastAudit(t, db, "area", m.ID).Action)
}
