package reminders_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/accounts"
	"cchc/app"
	"cchc/authz"
	"cchc/demo"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
	"cchc/units"
)

// Moving an issued plan's task to another lead unit tells both units.
func TestReassignmentNotifiesBothUnits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := demoDB(t)
	city, err := units.ByCode(ctx, db, demo.RootCode)
	require.NoError(t, err)
	justice, err := units.ByCode(ctx, db, demo.JusticeCode)
	require.NoError(t, err)
	secretariat, err := units.ByCode(ctx, db, demo.SecretariatCode)
	require.NoError(t, err)
	plan, err := plans.ByUnitYear(ctx, db, city.ID, monday.Year())
	require.NoError(t, err)
	ts, err := tasks.ForPlan(ctx, db, plan.ID)
	require.NoError(t, err)
	var tk *tasks.Task
	for i := range ts {
		if ts[i].LeadUnitID == justice.ID {
			tk = &ts[i]
			break
		}
	}
	require.NotNil(t, tk)

	admin, err := accounts.ByEmail(ctx, db, "admin@cchc.test")
	require.NoError(t, err)
	me, err := authz.NewPrincipal(ctx, db, admin)
	require.NoError(t, err)
	_, err = app.New(db, nil).UpdateTask(ctx, me, tk.ID, app.TaskChange{Version: tk.Version, LeadUnit: &secretariat.Code})
	require.NoError(t, err)

	for _, email := range []string{"tuphap@cchc.test", "noivu@cchc.test"} {
		u, err := accounts.ByEmail(ctx, db, email)
		require.NoError(t, err)
		ns, err := reminders.List(ctx, db, u.ID, reminders.ListOptions{})
		require.NoError(t, err)
		found := false
		for _, n := range ns {
			found = found || (n.Kind == reminders.EventLeadReassigned && n.TaskID == tk.ID)
		}
		require.True(t, found, "%s is told of the reassignment", email)
	}
}
