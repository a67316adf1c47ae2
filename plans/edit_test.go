package plans_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
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

	var inv *tasks.InvalidError
	_, err := plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 1999})
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Message, "năm kế hoạch")
	_, err = plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025, IssuedOn: civil.New(2023, 12, 1)})
	require.ErrorAs(t, err, &inv)

	p, err := plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025, Number: " 12/KH-UBND ", RequireConfirmation: ptr(false), CutoffScheme: plans.CutoffCalendar})
	require.NoError(t, err)
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2025", p.Title)
	require.Equal(t, "12/KH-UBND", p.Number)
	require.Equal(t, plans.StateDraft, p.State)
	require.False(t, p.RequireConfirmation)
	require.Equal(t, plans.CutoffCalendar, p.CutoffScheme)
	_, err = plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025})
	require.ErrorIs(t, err, plans.ErrExists)

	// A stale version changes nothing.
	_, err = plans.Update(ctx, db, p.ID, plans.Edit{Version: p.Version - 1, Title: ptr("Khác")})
	require.ErrorIs(t, err, plans.ErrStale)
	require.ErrorIs(t, err, tasks.ErrStale, "the web layer answers 409 for both")
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
	require.Contains(t, inv.Message, "chưa có nhiệm vụ")
	a, err := plans.CreateArea(ctx, db, p.ID, "Cải cách thể chế")
	require.NoError(t, err)
	_, err = tasks.Add(ctx, db, tasks.NewTask{PlanID: p.ID, AreaID: a.ID, Number: "1", Title: "Rà soát văn bản", LeadUnitID: tr.justice.ID, Deadline: "Quý II"})
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
	require.Contains(t, inv.Message, "đã kết thúc")
	_, err = plans.CreateArea(ctx, db, p.ID, "Mới")
	require.ErrorAs(t, err, &inv)
	reopened, err := plans.Reopen(ctx, db, p.ID, closed.Version)
	require.NoError(t, err)
	require.Equal(t, plans.StateIssued, reopened.State)

	// A draft is deleted with its areas and tasks.
	d, err := plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2026})
	require.NoError(t, err)
	a2, err := plans.CreateArea(ctx, db, d.ID, "Cải cách thể chế")
	require.NoError(t, err)
	_, err = tasks.Add(ctx, db, tasks.NewTask{PlanID: d.ID, AreaID: a2.ID, Number: "1", Title: "Việc", LeadUnitID: tr.justice.ID, Deadline: "Quý II"})
	require.NoError(t, err)
	require.ErrorIs(t, plans.Remove(ctx, db, d.ID, d.Version+5), plans.ErrStale)
	require.NoError(t, plans.Remove(ctx, db, d.ID, d.Version))
	_, err = plans.Get(ctx, db, d.ID)
	require.ErrorIs(t, err, plans.ErrNotFound)
	require.Equal(t, "delete", lastAudit(t, db, "plan", d.ID).Action)
}

func TestAreas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := newTree(t, db)
	p, err := plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025})
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
	_, err = tasks.Add(ctx, db, tasks.NewTask{PlanID: p.ID, AreaID: as[0].ID, Number: "1", Title: "Việc", LeadUnitID: tr.home.ID, Deadline: "Thường xuyên"})
	require.NoError(t, err)
	var inv *tasks.InvalidError
	require.ErrorAs(t, plans.RemoveArea(ctx, db, as[0].ID, as[0].Version), &inv)
	require.Contains(t, inv.Message, "còn 1 nhiệm vụ")
	require.NoError(t, plans.RemoveArea(ctx, db, m.ID, m.Version))
	got, err = plans.Areas(ctx, db, p.ID)
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, "I", got[0].Label)
	require.Equal(t, "Công tác chỉ đạo", got[0].Name)
	require.Equal(t, "delete", lastAudit(t, db, "area", m.ID).Action)
}

func TestShiftDeadline(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Quý II":                    "Quý II",
		"Trước 30/6":                "Trước 30/6",
		"Thường xuyên":              "Thường xuyên",
		"Hằng quý":                  "Hằng quý",
		"6 tháng đầu năm":           "6 tháng đầu năm",
		"Trong năm":                 "Trong năm",
		"Tháng 2":                   "Tháng 2",
		"30/6/2024":                 "30/6/2025",
		"Trước ngày 31/8/2024":      "Trước ngày 31/8/2025",
		"Quý III/2024":              "Quý III/2025",
		"Tháng 2/2024":              "Tháng 2/2025",
		"Năm 2024":                  "Năm 2025",
		"29/02/2024":                "28/2/2025",
		"Tháng 1/2025":              "Tháng 1/2026",
		"Trước 30 tháng 6 năm 2024": "Trước 30 tháng 6 năm 2025",
	} {
		got, err := plans.ShiftDeadline(in, 2024, 2025)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	_, err := plans.ShiftDeadline("sớm", 2024, 2025)
	require.Error(t, err)
}

func TestClone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := newTree(t, db)
	src, err := plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2024, Number: "215/KH-UBND", Title: "Kế hoạch CCHC năm 2024", RequireConfirmation: ptr(false)})
	require.NoError(t, err)
	a1, err := plans.CreateArea(ctx, db, src.ID, "Công tác chỉ đạo")
	require.NoError(t, err)
	a2, err := plans.CreateArea(ctx, db, src.ID, "Cải cách thể chế")
	require.NoError(t, err)
	deadlines := map[string]string{"1": "Quý II", "2": "30/6/2024", "3": "Thường xuyên", "4": "Hằng quý"}
	for _, n := range []string{"1", "2", "3", "4"} {
		a := a1
		if n > "2" {
			a = a2
		}
		_, err := tasks.Add(ctx, db, tasks.NewTask{PlanID: src.ID, AreaID: a.ID, Number: n, Title: "Nhiệm vụ " + n, Description: "Ghi chú " + n,
			LeadUnitID: tr.justice.ID, Coordinators: []int64{tr.home.ID, tr.commune.ID}, Output: "Báo cáo", Deadline: deadlines[n]})
		require.NoError(t, err)
	}
	_, err = plans.Issue(ctx, db, src.ID, src.Version, civil.New(2023, 12, 26))
	require.NoError(t, err)

	c, err := plans.Clone(ctx, db, src.ID, 0)
	require.NoError(t, err)
	require.Equal(t, 2025, c.Year)
	require.Equal(t, plans.StateDraft, c.State)
	require.Equal(t, "Kế hoạch CCHC năm 2025", c.Title)
	require.Empty(t, c.Number)
	require.True(t, c.IssuedOn.IsZero())
	require.False(t, c.RequireConfirmation, "settings are copied")
	areas, err := plans.Areas(ctx, db, c.ID)
	require.NoError(t, err)
	require.Len(t, areas, 2)
	require.Equal(t, "Cải cách thể chế", areas[1].Name)
	ts, err := tasks.ForPlan(ctx, db, c.ID)
	require.NoError(t, err)
	require.Len(t, ts, 4)
	byNumber := map[string]tasks.Task{}
	for _, tk := range ts {
		byNumber[tk.Number] = tk
		require.Equal(t, tr.justice.ID, tk.LeadUnitID)
		require.Len(t, tk.Coordinators, 2)
		require.Equal(t, "Ghi chú "+tk.Number, tk.Description)
	}
	require.Equal(t, "Quý II", byNumber["1"].DeadlineText)
	require.Equal(t, civil.New(2025, 6, 30), byNumber["1"].DeadlineDate)
	require.Equal(t, "30/6/2025", byNumber["2"].DeadlineText)
	require.Equal(t, civil.New(2025, 6, 30), byNumber["2"].DeadlineDate)
	require.Equal(t, "Thường xuyên", byNumber["3"].DeadlineText)
	require.Equal(t, "continuous", string(byNumber["3"].DeadlineKind))
	require.Equal(t, "Hằng quý", byNumber["4"].DeadlineText)
	require.Equal(t, areas[1].ID, byNumber["3"].AreaID)
	require.Equal(t, "clone", lastAudit(t, db, "plan", c.ID).Action)

	_, err = plans.Clone(ctx, db, src.ID, 2025)
	require.ErrorIs(t, err, plans.ErrExists)
}

func TestCascade(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := newTree(t, db)
	city, err := plans.Add(ctx, db, plans.NewPlan{UnitID: tr.city.ID, Year: 2025, RequireConfirmation: ptr(false)})
	require.NoError(t, err)
	a1, err := plans.CreateArea(ctx, db, city.ID, "Công tác chỉ đạo")
	require.NoError(t, err)
	a2, err := plans.CreateArea(ctx, db, city.ID, "Cải cách thể chế")
	require.NoError(t, err)
	a3, err := plans.CreateArea(ctx, db, city.ID, "Cải cách tài chính công")
	require.NoError(t, err)
	mk := func(a *plans.Area, n string, lead units.Unit, dl string, coords ...int64) *tasks.Task {
		tk, err := tasks.Add(ctx, db, tasks.NewTask{PlanID: city.ID, AreaID: a.ID, Number: n, Title: "Nhiệm vụ " + n, LeadUnitID: lead.ID, Coordinators: coords, Deadline: dl})
		require.NoError(t, err)
		return tk
	}
	t1 := mk(a1, "1", tr.home, "Quý I")
	t2 := mk(a2, "2", tr.justice, "Quý II", tr.home.ID, tr.commune.ID)
	mk(a2, "3", tr.home, "Quý III")
	t4 := mk(a3, "4", tr.justice, "Thường xuyên")

	// Only from an issued plan, only for a unit below its issuer that leads something.
	var inv *tasks.InvalidError
	_, err = plans.Cascade(ctx, db, city.ID, tr.justice.ID)
	require.ErrorAs(t, err, &inv)
	city, err = plans.Issue(ctx, db, city.ID, city.Version, civil.New(2025, 1, 2))
	require.NoError(t, err)
	_, err = plans.Cascade(ctx, db, city.ID, tr.other.ID)
	require.ErrorAs(t, err, &inv)
	_, err = plans.Cascade(ctx, db, city.ID, tr.commune.ID)
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Message, "không chủ trì")

	child, err := plans.Cascade(ctx, db, city.ID, tr.justice.ID)
	require.NoError(t, err)
	require.Equal(t, tr.justice.ID, child.UnitID)
	require.Equal(t, 2025, child.Year)
	require.Equal(t, plans.StateDraft, child.State)
	areas, err := plans.Areas(ctx, db, child.ID)
	require.NoError(t, err)
	require.Len(t, areas, 2)
	require.Equal(t, "Cải cách thể chế", areas[0].Name)
	require.Equal(t, "Cải cách tài chính công", areas[1].Name)
	ts, err := tasks.ForPlan(ctx, db, child.ID)
	require.NoError(t, err)
	require.Len(t, ts, 2)
	require.Equal(t, "1", ts[0].Number)
	require.Equal(t, t2.ID, ts[0].ParentTaskID)
	require.Empty(t, ts[0].Coordinators, "the city's other units coordinate at the city's level")
	require.Equal(t, t4.ID, ts[1].ParentTaskID)
	require.Equal(t, "Quý II", ts[0].DeadlineText)
	_, err = plans.Cascade(ctx, db, city.ID, tr.justice.ID)
	require.ErrorIs(t, err, plans.ErrExists)

	// Completing the unit's task shows on the city's task.
	child, err = plans.Issue(ctx, db, child.ID, child.Version, civil.New(2025, 1, 10))
	require.NoError(t, err)
	at := time.Date(2025, 5, 5, 9, 0, 0, 0, civil.Zone)
	_, err = tasks.Post(ctx, db, ts[0].ID, tasks.Progress{UnitID: tr.justice.ID, Percent: 100, Completed: true, Note: "Đã xong", Version: ts[0].Version, At: at})
	require.NoError(t, err)
	parent, children, err := plans.Links(ctx, db, t2.ID, civil.New(2025, 5, 6))
	require.NoError(t, err)
	require.Nil(t, parent)
	require.Len(t, children, 1)
	require.Equal(t, ts[0].ID, children[0].Task.ID)
	require.Equal(t, child.ID, children[0].Plan.ID)
	require.Equal(t, tasks.StatusCompletedOnTime, children[0].State.Status)
	parent, children, err = plans.Links(ctx, db, ts[0].ID, civil.New(2025, 5, 6))
	require.NoError(t, err)
	require.Equal(t, t2.ID, parent.Task.ID)
	require.Empty(t, children)
	_, children, err = plans.Links(ctx, db, t1.ID, civil.New(2025, 5, 6))
	require.NoError(t, err)
	require.Empty(t, children)
}
