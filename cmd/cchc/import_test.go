package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"cchc/plans"
	"cchc/tasks"
)

// writeAnnex writes an annex the way an office types it.
func writeAnnex(t *testing.T, path string, rows [][]any, merges ...[2]string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	for _, m := range merges {
		require.NoError(t, f.MergeCell("Sheet1", m[0], m[1]))
	}
	require.NoError(t, f.SaveAs(path))
}

var annexHeader = []any{"TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm (Kết quả)", "Thời gian hoàn thành"}

// counts counts the rows of two tables of the instance's database.
func (in *instance) counts(ctx context.Context, a, b string) (int, int) {
	in.t.Helper()
	db, closeDB, err := openDB(ctx, config{DataDir: in.dataDir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(in.t, err)
	defer closeDB()
	na, err := db.NewSelect().Table(a).Count(ctx)
	require.NoError(in.t, err)
	nb, err := db.NewSelect().Table(b).Count(ctx)
	require.NoError(in.t, err)
	return int(na), int(nb)
}

// planCount counts the plans and tasks of the instance's database.
func (in *instance) planCount(ctx context.Context) (int, int) {
	return in.counts(ctx, "plans", "tasks")
}

func TestCLIImportPlan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	in := newInstance(t)
	require.Zero(t, in.run(nil, "demo").code)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "phu-luc.xlsx"), filepath.Join(dir, "loi.xlsx")
	writeAnnex(t, good, [][]any{
		{"PHỤ LỤC"},
		{"Kế hoạch cải cách hành chính năm 2025"},
		annexHeader,
		{"I", "Công tác chỉ đạo, điều hành CCHC"},
		{"1", "Ban hành Kế hoạch CCHC năm 2025", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan", "Kế hoạch", "Tháng 1/2025"},
		{"2", "Rà soát thủ tục hành chính", "Phòng Tư pháp", "Phòng Nội vụ;\nUBND các xã, phường", "Báo cáo", "Quý II"},
		{"II", "Cải cách thể chế"},
		{"3", "Tuyên truyền pháp luật", "Phòng Tư pháp", "Phòng Văn hóa và Thông tin", "Tin bài", "Thường xuyên"},
	}, [2]string{"B4", "F4"}, [2]string{"B7", "F7"})
	writeAnnex(t, bad, [][]any{
		annexHeader,
		{"I", "Cải cách thể chế"},
		{"1", "Rà soát văn bản", "Phòng Tư pháp", "", "Báo cáo", "Quý II"},
		{"2", "Kiểm tra", "Sở Không Có", "", "Báo cáo", "Quý II"},
		{"3", "Tập huấn", "Phòng Nội vụ", "", "Hội nghị", "Sớm nhất có thể"},
		{"4", "", "Phòng Nội vụ", "", "Báo cáo", "Quý IV"},
	}, [2]string{"B2", "F2"})
	plans0, tasks0 := in.planCount(ctx)

	{
		r := in.run(nil, "import", "plan", "--unit", "TP", "--year", "2025", bad)
		require.Equal(t, 1, r.code)
		require.Empty(t, r.stdout)
		for _, want := range []string{"Dòng 4", "Sở Không Có", "Dòng 5", "Sớm nhất có thể", "Dòng 6", "import refused: 3 faulty rows, nothing written"} {
			require.Contains(t, r.stderr, want)
		}
		require.Len(t, nonEmptyLines(r.stderr), 4, "one line per faulty row, then the reason:\n%s", r.stderr)
		p, ts := in.planCount(ctx)
		require.Equal(t, [2]int{plans0, tasks0}, [2]int{p, ts}, "nothing written")

		r = in.run(nil, "import", "plan", good, "--year", "2025", "--unit", "TP", "--title", "Kế hoạch CCHC năm 2025 (nhập)")
		require.Zero(t, r.code, r.stderr)
		require.Regexp(t, `^[0-9]+\n$`, r.stdout, "the plan id alone")
		id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
		require.NoError(t, err)
		in.checkImported(ctx, id, "Kế hoạch CCHC năm 2025 (nhập)")

		r = in.run(nil, "import", "plan", "--unit", "TP", "--year", "2025", good)
		require.Equal(t, 1, r.code)
		require.Contains(t, r.stderr, "already has a plan")
		r = in.run(nil, "import", "plan", "--unit", "TP", good)
		require.NotZero(t, r.code)
		require.Len(t, nonEmptyLines(r.stderr), 1)
		r = in.run(nil, "import", "plan", "--unit", "TP", "--year", "2026", filepath.Join(dir, "none.xlsx"))
		require.NotZero(t, r.code)
		require.Len(t, nonEmptyLines(r.stderr), 1)
	}
}

// checkImported checks the plan the good annex makes.
func (in *instance) checkImported(ctx context.Context, id int64, title string) {
	t := in.t
	t.Helper()
	db, closeDB, err := openDB(ctx, config{DataDir: in.dataDir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	defer closeDB()
	p, err := plans.Get(ctx, db, id)
	require.NoError(t, err)
	require.Equal(t, 2025, p.Year)
	require.Equal(t, title, p.Title)
	require.Equal(t, plans.StateDraft, p.State)
	areas, err := plans.Areas(ctx, db, id)
	require.NoError(t, err)
	require.Len(t, areas, 2)
	ts, err := tasks.ForPlan(ctx, db, id)
	require.NoError(t, err)
	require.Len(t, ts, 3)
	require.Equal(t, "PTP", ts[1].LeadUnit.Code)
	require.Greater(t, len(ts[1].Coordinators), 5, "Phòng Nội vụ and every commune")
	require.Equal(t, "Phối hợp: Các cơ quan, đơn vị liên quan", ts[0].Description)
	require.Equal(t, "continuous", string(ts[2].DeadlineKind))
}
