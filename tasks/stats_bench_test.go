package tasks_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// bigPlan seeds a plan of n tasks over 8 areas and 40 lead units, each task
// with about 8 progress entries over the year, some completions confirmed.
func bigPlan(b *testing.B, n int) (*bun.DB, int64) {
	b.Helper()
	var planID int64
	db := dbtest.Seeded(b, fmt.Sprintf("bigplan-%d", n), func(ctx context.Context, db *bun.DB) error {
		root := &units.Unit{Code: "T", Name: "UBND tỉnh", Kind: units.KindProvince}
		if err := units.Create(ctx, db, root); err != nil {
			return err
		}
		var leads []int64
		for i := range 40 {
			u := &units.Unit{Code: fmt.Sprintf("S%d", i), Name: fmt.Sprintf("Sở %d", i), Kind: units.KindDepartment, ParentID: root.ID}
			if err := units.Create(ctx, db, u); err != nil {
				return err
			}
			leads = append(leads, u.ID)
		}
		p := &plans.Plan{UnitID: root.ID, Year: 2025, Title: "Kế hoạch lớn"}
		if err := plans.Insert(ctx, db, p); err != nil {
			return err
		}
		var areas []int64
		for i := range 8 {
			a, err := plans.InsertArea(ctx, db, p.ID, fmt.Sprintf("Nội dung %d", i+1))
			if err != nil {
				return err
			}
			areas = append(areas, a.ID)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		deadlines := []string{"Quý I", "Quý II", "Quý III", "Quý IV", "Thường xuyên", "30/6/2025", "Hằng quý", "Tháng 9"}
		for i := range n {
			tk, err := tasks.Insert(ctx, db, tasks.NewTask{PlanID: p.ID, AreaID: areas[i%8], Number: fmt.Sprint(i + 1), Title: "Nhiệm vụ",
				LeadUnitID: leads[i%40], Deadline: deadlines[rng.IntN(len(deadlines))], PlanYear: 2025})
			if err != nil {
				return err
			}
			start := civil.MustParse("2025-01-05").Start()
			for j := range 8 {
				at := start.Add(time.Duration(j*40+rng.IntN(30)) * 24 * time.Hour)
				done := j == 7 && rng.IntN(3) > 0
				if _, err := db.NewRaw(`INSERT INTO progress_entries (task_id, unit_id, recorded_at, percent, completed) VALUES (?, ?, ?, ?, ?)`,
					tk.ID, tk.LeadUnitID, at, 10*j, done).Exec(ctx); err != nil {
					return err
				}
			}
		}
		_, err := db.NewRaw(`INSERT INTO completion_reviews (entry_id, task_id, decision, decided_at)
			SELECT id, task_id, 'confirmed', recorded_at + interval '1 day' FROM progress_entries WHERE completed`).Exec(ctx)
		return err
	})
	require.NoError(b, db.NewSelect().Table("plans").Column("id").Limit(1).Scan(context.Background(), &planID))
	return db, planID
}

// BenchmarkStatsAt measures the whole-plan count in SQL (overall, by area,
// by lead unit) at one day.
func BenchmarkStatsAt(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			db, planID := bigPlan(b, n)
			ctx := context.Background()
			day := civil.MustParse("2025-09-14")
			b.ResetTimer()
			for b.Loop() {
				st, err := tasks.StatsAt(ctx, db, planID, day)
				if err != nil || st.Total != n {
					b.Fatal(err, st.Total)
				}
			}
		})
	}
}

// BenchmarkStatesAt measures the per-task states in SQL, what the plan page uses.
func BenchmarkStatesAt(b *testing.B) {
	db, planID := bigPlan(b, 1000)
	ctx := context.Background()
	day := civil.MustParse("2025-09-14")
	b.ResetTimer()
	for b.Loop() {
		if _, err := tasks.StatesAt(ctx, db, planID, day); err != nil {
			b.Fatal(err)
		}
	}
}
