package derive_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/derive"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/internal/fixture"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func ptr[T any](v T) *T { return &v }

func TestClone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := fixture.CityTree(t, db)
	src, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 2024, Number: "215/KH-UBND", Title: "Kế hoạch CCHC năm 2024", RequireConfirmation: ptr(false)})
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
		_, err := tasks.Create(ctx, db, tasks.NewTask{PlanID: src.ID, AreaID: a.ID, Number: n, Title: "Nhiệm vụ " + n, Description: "Ghi chú " + n,
			LeadUnitID: tr.Justice.ID, Coordinators: []int64{tr.Home.ID, tr.Commune.ID}, Output: "Báo cáo", Deadline: deadlines[n]})
		require.NoError(t, err)
	}
	_, err = plans.Issue(ctx, db, src.ID, src.Version, civil.New(2023, 12, 26))
	require.NoError(t, err)

	c, err := derive.Clone(ctx, db, src.ID, 0)
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
		require.Equal(t, tr.Justice.ID, tk.LeadUnitID)
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
	require.Equal(t, "clone", fixture.LastAudit(t, db, "plan", c.ID).Action)

	_, err = derive.Clone(ctx, db, src.ID, 2025)
	require.ErrorIs(t, err, plans.ErrExists)
}

func TestCascade(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tr := fixture.CityTree(t, db)
	city, err := plans.Create(ctx, db, plans.NewPlan{UnitID: tr.City.ID, Year: 2025, RequireConfirmation: ptr(false)})
	require.NoError(t, err)
	a1, err := plans.CreateArea(ctx, db, city.ID, "Công tác chỉ đạo")
	require.NoError(t, err)
	a2, err := plans.CreateArea(ctx, db, city.ID, "Cải cách thể chế")
	require.NoError(t, err)
	a3, err := plans.CreateArea(ctx, db, city.ID, "Cải cách tài chính công")
	require.NoError(t, err)
	mk := func(a *plans.Area, n string, lead units.Unit, dl string, coords ...int64) *tasks.Task {
		tk, err := tasks.Create(ctx, db, tasks.NewTask{PlanID: city.ID, AreaID: a.ID, Number: n, Title: "Nhiệm vụ " + n, LeadUnitID: lead.ID, Coordinators: coords, Deadline: dl})
		require.NoError(t, err)
		return tk
	}
	t1 := mk(a1, "1", tr.Home, "Quý I")
	t2 := mk(a2, "2", tr.Justice, "Quý II", tr.Home.ID, tr.Commune.ID)
	mk(a2, "3", tr.Home, "Quý III")
	t4 := mk(a3, "4", tr.Justice, "Thường xuyên")

	// Only from an issued plan, only for a unit below its issuer that leads something.
	var inv *errs.Error
	_, err = derive.Cascade(ctx, db, city.ID, tr.Justice.ID)
	require.ErrorAs(t, err, &inv)
	city, err = plans.Issue(ctx, db, city.ID, city.Version, civil.New(2025, 1, 2))
	require.NoError(t, err)
	_, err = derive.Cascade(ctx, db, city.ID, tr.Other.ID)
	require.ErrorAs(t, err, &inv)
	_, err = derive.Cascade(ctx, db, city.ID, tr.Commune.ID)
	require.ErrorAs(t, err, &inv)
	require.Contains(t, inv.Error(), "không chủ trì")

	child, err := derive.Cascade(ctx, db, city.ID, tr.Justice.ID)
	require.NoError(t, err)
	require.Equal(t, tr.Justice.ID, child.UnitID)
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
	_, err = derive.Cascade(ctx, db, city.ID, tr.Justice.ID)
	require.ErrorIs(t, err, plans.ErrExists)

	// Completing the unit's task shows on the city's task.
	child, err = plans.Issue(ctx, db, child.ID, child.Version, civil.New(2025, 1, 10))
	require.NoError(t, err)
	at := time.Date(2025, 5, 5, 9, 0, 0, 0, civil.Zone)
	_, err = tasks.Post(ctx, db, ts[0].ID, tasks.Progress{UnitID: tr.Justice.ID, Percent: 100, Completed: true, Note: "Đã xong", Version: ts[0].Version, At: at})
	require.NoError(t, err)
	parent, children, err := tasks.Links(ctx, db, t2.ID, civil.New(2025, 5, 6))
	require.NoError(t, err)
	require.Nil(t, parent)
	require.Len(t, children, 1)
	require.Equal(t, ts[0].ID, children[0].Task.ID)
	require.Equal(t, child.ID, children[0].Plan.ID)
	require.Equal(t, tasks.StatusCompletedOnTime, children[0].State.Status)
	parent, children, err = tasks.Links(ctx, db, ts[0].ID, civil.New(2025, 5, 6))
	require.NoError(t, err)
	require.Equal(t, t2.ID, parent.Task.ID)
	require.Empty(t, children)
	_, children, err = tasks.Links(ctx, db, t1.ID, civil.New(2025, 5, 6))
	require.NoError(t, err)
	require.Empty(t, children)
}
