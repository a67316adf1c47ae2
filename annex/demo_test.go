package annex_test

// The demo's plans written and read back. An external test: the demo loads
// packages (the PAR index) that build on annex, which an internal test
// cannot import.

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/annex"
	"cchc/deadline"
	"cchc/demo"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// loaded is a plan as the database holds it.
type loaded struct {
	plan  *plans.Plan
	areas []plans.Area
	tasks []tasks.Task
}

func load(t testing.TB, db bun.IDB, id int64) loaded {
	t.Helper()
	ctx := context.Background()
	p, err := plans.Get(ctx, db, id)
	require.NoError(t, err)
	as, err := plans.Areas(ctx, db, id)
	require.NoError(t, err)
	ts, err := tasks.ForPlan(ctx, db, id)
	require.NoError(t, err)
	return loaded{p, as, ts}
}

func ids(us []units.Unit) []int64 {
	out := make([]int64, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}

// roundTrip exports plan id, imports the file for the unit root and year,
// and checks that the new plan is the same plan.
func roundTrip(t *testing.T, db bun.IDB, id int64, root units.Unit, year int) loaded {
	t.Helper()
	ctx := context.Background()
	orig := load(t, db, id)
	var buf bytes.Buffer
	require.NoError(t, annex.Write(&buf, orig.plan, orig.areas, orig.tasks))
	m, err := annex.NewMatcher(ctx, db, &root)
	require.NoError(t, err)
	d, err := annex.Read(&buf, int64(buf.Len()), m, year)
	require.NoError(t, err)
	newID, err := annex.Apply(ctx, db, d, root.ID, year, "", "")
	require.NoError(t, err)
	got := load(t, db, newID)

	require.Equal(t, orig.plan.Title, got.plan.Title)
	require.Equal(t, orig.plan.Number, got.plan.Number)
	require.Equal(t, orig.plan.IssuedOn, got.plan.IssuedOn)
	require.Equal(t, year, got.plan.Year)
	require.Equal(t, plans.StateDraft, got.plan.State)
	require.Len(t, got.areas, len(orig.areas))
	areaPos := map[int64]int{}
	for i, a := range orig.areas {
		require.Equal(t, a.Label, got.areas[i].Label)
		require.Equal(t, a.Name, got.areas[i].Name)
		require.Equal(t, a.Position, got.areas[i].Position)
		areaPos[a.ID] = i
	}
	require.Len(t, got.tasks, len(orig.tasks))
	for i, o := range orig.tasks {
		g := got.tasks[i]
		msg := fmt.Sprintf("task %s", o.Number)
		require.Equal(t, got.areas[areaPos[o.AreaID]].ID, g.AreaID, msg)
		require.Equal(t, o.Position, g.Position, msg)
		require.Equal(t, o.Number, g.Number, msg)
		require.Equal(t, o.Title, g.Title, msg)
		require.Equal(t, o.Description, g.Description, msg)
		require.Equal(t, o.Output, g.Output, msg)
		require.Equal(t, o.LeadUnitID, g.LeadUnitID, msg)
		require.Equal(t, ids(o.Coordinators), ids(g.Coordinators), msg)
		require.Equal(t, o.DeadlineText, g.DeadlineText, msg)
		require.Equal(t, o.DeadlineKind, g.DeadlineKind, msg)
		require.Equal(t, o.RecurMonths, g.RecurMonths, msg)
		// A deadline that omits the year falls in the new plan's year.
		want, err := deadline.Parse(o.DeadlineText, year)
		require.NoError(t, err)
		require.Equal(t, want.Date, g.DeadlineDate, msg)
		if year == o.PlanYear || strings.Contains(o.DeadlineText, fmt.Sprint(o.PlanYear)) {
			require.Equal(t, o.DeadlineDate, g.DeadlineDate, msg)
		}
	}
	return got
}

func TestRoundTripDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	_, err := demo.Load(ctx, db, time.Now())
	require.NoError(t, err)
	city, err := units.ByCode(ctx, db, demo.CityCode)
	require.NoError(t, err)
	prov, err := units.ByCode(ctx, db, demo.RootCode)
	require.NoError(t, err)
	p2024, err := plans.ByUnitYear(ctx, db, city.ID, 2024)
	require.NoError(t, err)
	current, err := plans.ByUnitYear(ctx, db, prov.ID, time.Now().Year())
	require.NoError(t, err)

	// The same unit, another year.
	got := roundTrip(t, db, p2024.ID, *city, 2040)
	require.Len(t, got.areas, 8)
	require.Len(t, got.tasks, 59)
	roundTrip(t, db, current.ID, *prov, 2041)

	// Another unit, the same year: the province the city belongs to imports
	// the city's plan as its own (every unit named is in its subtree);
	// deadlines fall on the very same days.
	roundTrip(t, db, p2024.ID, *prov, 2024)
}
