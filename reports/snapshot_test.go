package reports_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

var snapNow = time.Date(2026, 11, 23, 9, 0, 0, 0, civil.Zone)

func TestFinalisedReportNeverChanges(t *testing.T) {
	t.Parallel()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "noivu@cchc.test"})
	db := dbtest.Seeded(t, "demo", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, snapNow)
		return err
	})
	city, err := units.ByCode(ctx, db, demo.CityCode)
	require.NoError(t, err)
	plan, err := plans.ByUnitYear(ctx, db, city.ID, 2024)
	require.NoError(t, err)
	today := civil.In(snapNow)

	require.NoError(t, reports.SaveNarrative(ctx, db, plan.ID, plans.NineMonths, reports.Narrative{Assessment: "Nhận xét của Phòng Nội vụ."}))
	v1, err := reports.Finalize(ctx, db, plan.ID, plans.NineMonths, today)
	require.NoError(t, err)
	require.Equal(t, 1, v1.Version)
	r1, err := v1.Report()
	require.NoError(t, err)
	require.Equal(t, "54/59 nhiệm vụ, đạt 91,5%", r1.Counts.Headline())
	require.Equal(t, "Nhận xét của Phòng Nội vụ.", r1.Narrative.Assessment, "the saved narrative is frozen with the figures")

	// Later, a unit records (backdated evidence) the completion of a continuous task before the cut-off.
	ts, err := tasks.ForPlan(ctx, db, plan.ID)
	require.NoError(t, err)
	states, err := tasks.StatesAt(ctx, db, plan.ID, civil.MustParse("2024-09-14"))
	require.NoError(t, err)
	var cont *tasks.Task
	for i := range ts {
		if states.Of(ts[i].ID).Status == tasks.StatusContinuous {
			cont = &ts[i]
			break
		}
	}
	require.NotNil(t, cont)
	_, err = tasks.Post(ctx, db, cont.ID, tasks.Progress{UnitID: cont.LeadUnitID, Completed: true, Note: "Bổ sung", Confirm: true,
		Version: cont.Version, At: civil.MustParse("2024-09-10").Start().Add(10 * time.Hour)})
	require.NoError(t, err)

	live, err := reports.Prepare(ctx, db, plan.ID, plans.NineMonths, today)
	require.NoError(t, err)
	require.Equal(t, 55, live.Counts.Completed, "the live figures see it")

	doc, err := reports.Render(ctx, db, plan.ID, plans.NineMonths, reports.XLSX, 0, today)
	require.NoError(t, err)
	require.Equal(t, 1, doc.Version, "the download is the finalised version")
	again, err := reports.Latest(ctx, db, plan.ID, plans.NineMonths)
	require.NoError(t, err)
	ra, err := again.Report()
	require.NoError(t, err)
	require.Equal(t, 54, ra.Counts.Completed, "the finalised report is unchanged")

	// A new version supersedes it; the first stays as it was.
	v2, err := reports.Finalize(ctx, db, plan.ID, plans.NineMonths, today)
	require.NoError(t, err)
	require.Equal(t, 2, v2.Version)
	r2, err := v2.Report()
	require.NoError(t, err)
	require.Equal(t, 55, r2.Counts.Completed)
	old, err := reports.Version(ctx, db, plan.ID, plans.NineMonths, 1)
	require.NoError(t, err)
	ro, err := old.Report()
	require.NoError(t, err)
	require.Equal(t, 54, ro.Counts.Completed)
	require.Equal(t, "noivu@cchc.test", old.Finalizer)

	// The database itself refuses to edit a finalised report.
	_, err = db.ExecContext(ctx, "UPDATE report_snapshots SET version = 9 WHERE id = ?", v1.ID)
	require.ErrorContains(t, err, "cannot be changed")
}
