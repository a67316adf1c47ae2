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

	"cchc/par"
)

var criteriaHeader = []any{"TT", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Cách tính điểm", "Tài liệu kiểm chứng", "Hướng dẫn chấm điểm"}

// parCount counts the criteria sets and their items.
func (in *instance) parCount(ctx context.Context) (int, int) {
	return in.counts(ctx, "par_sets", "par_items")
}

// The contract's `cchc par import`: all or nothing, every faulty row named.
func TestCLIParImport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	in := newInstance(t)
	require.Zero(t, in.run(nil, "demo").code)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "bo-chi-so.xlsx"), filepath.Join(dir, "loi.xlsx")
	writeAnnex(t, good, [][]any{
		{"BỘ CHỈ SỐ ĐÁNH GIÁ KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2027"},
		criteriaHeader,
		{"1", "Công tác chỉ đạo, điều hành", 6},
		{"1.1", "Kế hoạch cải cách hành chính", 6},
		{"1.1.1", "Ban hành kế hoạch kịp thời", 1, "Đơn vị tự chấm", "Có", "Trước 31/12: 1 điểm"},
		{"1.1.2", "Mức độ hoàn thành kế hoạch", 5, "Tự động: hoàn thành kế hoạch của đơn vị; bậc: 100%=5; 80%=3"},
		{"2", "Tác động của cải cách hành chính", 4},
		{"2.1", "Sự hài lòng của người dân", 4, "Điều tra xã hội học"},
		{"", "Tổng điểm", 10},
	})
	writeAnnex(t, bad, [][]any{
		criteriaHeader,
		{"1", "Công tác chỉ đạo, điều hành", 6},
		{"1.1", "Kế hoạch cải cách hành chính", 6},
		{"1.1.1", "Ban hành kế hoạch kịp thời", "một"},
		{"1.1.2", "Mức độ hoàn thành kế hoạch", 5, "Tự động: ý kiến lãnh đạo"},
		{"2", "Tác động", 4},
		{"2.1", "Sự hài lòng", 4, "Điều tra xã hội học"},
		{"", "Tổng điểm", 12},
	})
	sets0, items0 := in.parCount(ctx)

	r := in.run(nil, "par", "import", "--year", "2027", "--group", "SH.SO", bad)
	require.Equal(t, 1, r.code)
	require.Empty(t, r.stdout)
	for _, want := range []string{"Dòng 4", "cột Điểm tối đa", "Dòng 5", "ý kiến lãnh đạo", "faulty rows, nothing written"} {
		require.Contains(t, r.stderr, want)
	}
	s, i := in.parCount(ctx)
	require.Equal(t, [2]int{sets0, items0}, [2]int{s, i}, "nothing written")

	// Points that do not add up to the stated total.
	writeAnnex(t, filepath.Join(dir, "tong.xlsx"), [][]any{
		criteriaHeader,
		{"1", "Công tác chỉ đạo, điều hành", 6},
		{"1.1", "Kế hoạch", 6},
		{"1.1.1", "Ban hành kế hoạch", 6},
		{"", "Tổng điểm", 100},
	})
	r = in.run(nil, "par", "import", "--year", "2027", "--group", "SH.SO", filepath.Join(dir, "tong.xlsx"))
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "Dòng 5")
	require.Contains(t, r.stderr, "tổng điểm ghi là 100 nhưng tổng điểm các lĩnh vực là 6")

	r = in.run(nil, "par", "import", good, "--group", "SH.SO", "--year", "2027")
	require.Zero(t, r.code, r.stderr)
	require.Regexp(t, `^[0-9]+\n$`, r.stdout, "the set id alone")
	id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
	require.NoError(t, err)
	s, i = in.parCount(ctx)
	require.Equal(t, [2]int{sets0 + 1, items0 + 6}, [2]int{s, i})
	db, closeDB, err := openDB(ctx, config{DataDir: in.dataDir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	defer closeDB()
	set, err := par.GetSet(ctx, db, id)
	require.NoError(t, err)
	require.Equal(t, par.Points(1000), set.Total)
	require.Equal(t, "BỘ CHỈ SỐ ĐÁNH GIÁ KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2027", set.Title)

	// Again: the draft's criteria are replaced, not added to.
	r = in.run(nil, "par", "import", "--year", "2027", "--group", "SH.SO", good)
	require.Zero(t, r.code, r.stderr)
	require.Equal(t, strconv.FormatInt(id, 10), strings.TrimSpace(r.stdout))
	s, i = in.parCount(ctx)
	require.Equal(t, [2]int{sets0 + 1, items0 + 6}, [2]int{s, i})

	// An unknown group: refused, unless its body is given.
	r = in.run(nil, "par", "import", "--year", "2027", "--group", "SH.KHAC", good)
	require.Equal(t, 1, r.code)
	require.Len(t, nonEmptyLines(r.stderr), 1)
	r = in.run(nil, "par", "import", "--year", "2027", "--group", "SH.KHAC", "--unit", "SH", "--name", "Các cơ quan khác", "--kinds", "agency", good)
	require.Zero(t, r.code, r.stderr)
	r = in.run(nil, "par", "import", "--group", "SH.SO", good)
	require.NotZero(t, r.code)
	require.Len(t, nonEmptyLines(r.stderr), 1)
}
