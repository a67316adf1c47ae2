package annex

import (
	"testing"

	"github.com/uptrace/bun"

	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// RoundTrip is roundTrip for the external tests (the demo's plans, which
// an internal test cannot load): the new plan's areas and tasks.
func RoundTrip(t *testing.T, db bun.IDB, id int64, root units.Unit, year int) ([]plans.Area, []tasks.Task) {
	got := roundTrip(t, db, id, root, year)
	return got.areas, got.tasks
}
