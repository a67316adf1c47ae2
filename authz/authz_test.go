package authz_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/authz"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var now = time.Date(2026, 11, 23, 9, 0, 0, 0, civil.Zone)

// fixture is the demo data plus a plan of the other province.
type fixture struct {
	db *bun.DB
	// tasks of the province's current plan: led by Sở Tư pháp, coordinated
	// by it, and with no part for it; and a task of the other province's plan.
	own, coordinated, other, foreign *tasks.Task
	cityPlan, foreignPlan            *plans.Plan
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Seeded(t, "demo", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, now)
		return err
	})
	f := &fixture{db: db}
	city, err := units.ByCode(ctx, db, demo.RootCode)
	require.NoError(t, err)
	justice, err := units.ByCode(ctx, db, demo.JusticeCode)
	require.NoError(t, err)
	f.cityPlan, err = plans.ByUnitYear(ctx, db, city.ID, now.Year())
	require.NoError(t, err)
	ts, err := tasks.ForPlan(ctx, db, f.cityPlan.ID)
	require.NoError(t, err)
	for i := range ts {
		tk := &ts[i]
		switch {
		case tk.LeadUnitID == justice.ID && f.own == nil:
			f.own = tk
		case tk.CoordinatesWith(justice.ID) && f.coordinated == nil:
			f.coordinated = tk
		case tk.LeadUnitID != justice.ID && !tk.CoordinatesWith(justice.ID) && f.other == nil:
			f.other = tk
		}
	}
	require.NotNil(t, f.own)
	require.NotNil(t, f.coordinated)
	require.NotNil(t, f.other)

	province, err := units.ByCode(ctx, db, demo.OtherProvinceCode)
	require.NoError(t, err)
	f.foreignPlan = &plans.Plan{UnitID: province.ID, Year: now.Year(), Title: "Kế hoạch CCHC tỉnh Đông Giang"}
	require.NoError(t, plans.Insert(ctx, db, f.foreignPlan))
	f.foreignPlan, err = plans.Get(ctx, db, f.foreignPlan.ID)
	require.NoError(t, err)
	area, err := plans.InsertArea(ctx, db, f.foreignPlan.ID, "Cải cách thể chế")
	require.NoError(t, err)
	ft, err := tasks.Insert(ctx, db, tasks.NewTask{PlanID: f.foreignPlan.ID, AreaID: area.ID, Number: "1", Title: "Rà soát văn bản",
		LeadUnitID: province.ID, Deadline: "Quý IV", PlanYear: now.Year()})
	require.NoError(t, err)
	f.foreign, err = tasks.Get(ctx, db, ft.ID)
	require.NoError(t, err)
	return f
}

func (f *fixture) principal(t *testing.T, email string) *authz.Principal {
	t.Helper()
	u, err := accounts.ByEmail(context.Background(), f.db, email)
	require.NoError(t, err)
	p, err := authz.NewPrincipal(context.Background(), f.db, u)
	require.NoError(t, err)
	return p
}

// outcome of a check: allowed, forbidden (403) or hidden (404).
func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, errs.NotFound):
		return "404"
	case errors.Is(err, errs.Forbidden):
		return "403"
	}
	return err.Error()
}

// TestPermissionMatrix: every role × {own unit's task, coordinated task,
// other unit's task, other province's plan} × {read, post progress, edit
// task, verify, issue plan}.
func TestPermissionMatrix(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	type cell = [5]string // read, post, edit, verify, issue
	want := map[string]map[string]cell{
		"admin@cchc.test": {
			"own": {"ok", "ok", "ok", "ok", "ok"}, "coordinated": {"ok", "ok", "ok", "ok", "ok"},
			"other": {"ok", "ok", "ok", "ok", "ok"}, "foreign": {"ok", "ok", "ok", "ok", "ok"},
		},
		"lanhdao@cchc.test": { // leader of the city: the whole city plan
			"own": {"ok", "ok", "ok", "403", "ok"}, "coordinated": {"ok", "ok", "ok", "403", "ok"},
			"other": {"ok", "ok", "ok", "403", "ok"}, "foreign": {"404", "404", "404", "404", "404"},
		},
		"noivu@cchc.test": { // secretariat: serves the city although its unit is a department
			"own": {"ok", "ok", "ok", "ok", "403"}, "coordinated": {"ok", "ok", "ok", "ok", "403"},
			"other": {"ok", "ok", "ok", "ok", "403"}, "foreign": {"404", "404", "404", "404", "404"},
		},
		"tuphap@cchc.test": { // officer of Phòng Tư pháp: only its own and coordinated tasks
			"own": {"ok", "ok", "403", "403", "403"}, "coordinated": {"ok", "ok", "403", "403", "403"},
			"other": {"404", "404", "403", "403", "403"}, "foreign": {"404", "404", "404", "404", "404"},
		},
		"xem@cchc.test": { // viewer: reads the city, changes nothing
			"own": {"ok", "403", "403", "403", "403"}, "coordinated": {"ok", "403", "403", "403", "403"},
			"other": {"ok", "403", "403", "403", "403"}, "foreign": {"404", "404", "404", "404", "404"},
		},
	}
	resources := map[string]struct {
		plan *plans.Plan
		task *tasks.Task
	}{
		"own": {f.cityPlan, f.own}, "coordinated": {f.cityPlan, f.coordinated},
		"other": {f.cityPlan, f.other}, "foreign": {f.foreignPlan, f.foreign},
	}
	for email, rows := range want {
		p := f.principal(t, email)
		for res, w := range rows {
			r := resources[res]
			got := cell{
				outcome(p.CanSeeTask(r.plan, r.task)),
				outcome(p.CanPostProgress(r.plan, r.task)),
				outcome(p.CanEditPlan(r.plan)),
				outcome(p.CanVerify(r.plan)),
				outcome(p.CanIssuePlan(r.plan)),
			}
			require.Equal(t, w, got, fmt.Sprintf("%s on the %s task: [read post edit verify issue]", email, res))
		}
	}
}

func TestPlanFilterScopes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	count := func(email string) int {
		ps, err := plans.List(ctx, f.db, f.principal(t, email).PlanFilter())
		require.NoError(t, err)
		return len(ps)
	}
	demoPlans := 2 + len(demo.UnitProfiles) // the city's of 2024, the province's, each unit's own
	require.Equal(t, demoPlans+1, count("admin@cchc.test"))
	require.Equal(t, demoPlans, count("lanhdao@cchc.test"), "the province's plans, not the other province's")
	require.Equal(t, demoPlans, count("noivu@cchc.test"))
	require.Equal(t, 2, count("tuphap@cchc.test"), "a department sees its own plan and the province's above it")
}

// TestReportingRights: who enters a unit's indicator figures, manages the
// plan's indicators, writes and finalises a report, and chases the units.
func TestReportingRights(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	unit := func(code string) *units.Unit {
		u, err := units.ByCode(ctx, f.db, code)
		require.NoError(t, err)
		return u
	}
	justice, home, province := unit(demo.JusticeCode), unit(demo.SecretariatCode), unit(demo.RootCode)
	justicePlan, err := plans.ByUnitYear(ctx, f.db, justice.ID, now.Year())
	require.NoError(t, err)
	type cell = [7]string // enter for STP, enter for SNV, enter for SH, manage, write (province), write (STP's own plan), chase
	want := map[string]cell{
		"admin@cchc.test":   {"ok", "ok", "ok", "ok", "ok", "ok", "ok"},
		"lanhdao@cchc.test": {"ok", "ok", "ok", "403", "ok", "403", "403"},
		"noivu@cchc.test":   {"ok", "ok", "ok", "ok", "ok", "ok", "ok"},
		"tuphap@cchc.test":  {"ok", "403", "403", "403", "403", "403", "403"},
		"xem@cchc.test":     {"403", "403", "403", "403", "403", "403", "403"},
	}
	for email, w := range want {
		p := f.principal(t, email)
		got := cell{
			outcome(p.CanEnterIndicator(f.cityPlan, justice)), outcome(p.CanEnterIndicator(f.cityPlan, home)),
			outcome(p.CanEnterIndicator(f.cityPlan, province)), outcome(p.CanManageIndicators(f.cityPlan)),
			outcome(p.CanWriteReport(f.cityPlan)), outcome(p.CanWriteReport(justicePlan)), outcome(p.CanChaseReports(f.cityPlan)),
		}
		require.Equal(t, w, got, email+": [enter STP, enter SNV, enter SH, manage, write, write own, chase]")
		if email != "admin@cchc.test" {
			require.Equal(t, "404", outcome(p.CanEnterIndicator(f.foreignPlan, justice)), "%s: another province's plan is hidden", email)
		}
	}
}
