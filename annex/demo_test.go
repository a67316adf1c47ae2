package annex_test

// The demo's plans written and read back. An external test: the demo loads
// packages (the PAR index) that build on annex, which an internal test
// cannot import.

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/annex"
	"cchc/demo"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/units"
)

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
	areas, ts := annex.RoundTrip(t, db, p2024.ID, *city, 2040)
	require.Len(t, areas, 8)
	require.Len(t, ts, 59)
	annex.RoundTrip(t, db, current.ID, *prov, 2041)

	// Another unit, the same year: the province the city belongs to imports
	// the city's plan as its own (every unit named is in its subtree);
	// deadlines fall on the very same days.
	annex.RoundTrip(t, db, p2024.ID, *prov, 2024)
}
