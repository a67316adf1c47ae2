package par_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"cchc/annex"
	"cchc/par"
)

func TestParsePoints(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]par.Points{"1": 100, "1,5": 150, "1.25": 125, "0,25": 25, " 90 ": 9000, "0": 0} {
		p, ok := par.ParsePoints(in)
		require.True(t, ok, in)
		require.Equal(t, want, p, in)
	}
	for _, in := range []string{"", "-1", "1,255", "abc", "1e3x", "NaN", "+1"} {
		_, ok := par.ParsePoints(in)
		require.False(t, ok, in)
	}
	require.Equal(t, "1,25", par.Points(125).String())
	require.Equal(t, "90", par.Points(9000).String())
	require.Equal(t, "0,5", par.Points(50).String())
	require.Equal(t, "-3,5", par.Points(-350).String())
	require.Equal(t, "1.5", par.Points(150).Input())
}

func TestRules(t *testing.T) {
	t.Parallel()
	r, msg := par.ParseRule("Tự động: hoàn thành kế hoạch; bậc: 100%=4; 90%=3; 80%=2", 400)
	require.Nil(t, msg)
	require.Equal(t, par.MethodComputed, r.Method)
	require.Equal(t, par.SourcePlan, r.Source)
	require.Equal(t, []par.Step{{10000, 400}, {9000, 300}, {8000, 200}}, r.Steps)
	require.Equal(t, par.Points(400), r.Apply(400, 9, 9))
	require.Equal(t, par.Points(300), r.Apply(400, 19, 21), "90,4 %")
	require.Equal(t, par.Points(0), r.Apply(400, 1, 2))
	require.Equal(t, "Tự động: hoàn thành kế hoạch; bậc: 100%=4; 90%=3; 80%=2", r.Text())
	back, msg := par.ParseRule(r.Text(), 400)
	require.Nil(t, msg)
	require.Equal(t, r, back)

	// Proportional: full points at 100 %, rounded half up below.
	p := par.Rule{Method: par.MethodComputed, Source: par.SourcePlan}
	require.Equal(t, par.Points(400), p.Apply(400, 21, 21))
	require.Equal(t, par.Points(362), p.Apply(400, 19, 21), "4 × 19/21 = 3,619")
	require.Equal(t, par.Points(0), p.Apply(400, 0, 21))
	require.Equal(t, par.Points(0), p.Apply(400, 0, 0))

	for text, want := range map[string]par.Rule{
		"":         {Method: par.MethodSelf},
		"Tự chấm":  {Method: par.MethodSelf},
		"SIPAS":    {Method: par.MethodSurvey},
		"khảo sát": {Method: par.MethodSurvey},
		"Tự động: hoàn thành kế hoạch của đơn vị":          {Method: par.MethodComputed, Source: par.SourceOwnPlan},
		"Tu dong: hoan thanh ke hoach (chu tri, phoi hop)": {Method: par.MethodComputed, Source: par.SourcePlanInvolved},
		"Tự động: báo cáo đúng hạn":                        {Method: par.MethodComputed, Source: par.SourceReports},
		"Tự động: chỉ tiêu HS-DungHan":                     {Method: par.MethodComputed, Source: par.SourceIndicator, Ref: "HS-DungHan"},
	} {
		got, msg := par.ParseRule(text, 100)
		require.Nil(t, msg, text)
		require.Equal(t, want, got, text)
	}
	for _, text := range []string{"Ý kiến lãnh đạo", "Tự động: thời tiết", "Tự chấm; bậc: 100%=1", "Tự động: hoàn thành kế hoạch; bậc: 100%=5", "Tự động: hoàn thành kế hoạch; 100%=1"} {
		_, msg := par.ParseRule(text, 100)
		require.NotNil(t, msg, text)
	}
}

// sheet writes rows into a workbook.
func sheet(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

var header = []any{"STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Phương pháp tính điểm", "Tài liệu kiểm chứng", "Hướng dẫn"}

func read(t *testing.T, b []byte) (*par.Criteria, annex.Errors, error) {
	t.Helper()
	c, err := par.ReadCriteria(bytes.NewReader(b), int64(len(b)))
	var rows annex.Errors
	if errors.As(err, &rows) {
		return c, rows, nil
	}
	return c, nil, err
}

// Every faulty row is reported at once, naming the row and the column.
func TestReadCriteriaErrors(t *testing.T) {
	t.Parallel()
	c, rows, err := read(t, sheet(t, [][]any{
		{"BỘ CHỈ SỐ NĂM 2027"},
		header,
		{"1", "Chỉ đạo, điều hành", 5},        // 3: its children add up to 4
		{"1.1", "Kế hoạch", 4},                // 4
		{"1.1.1", "Ban hành kế hoạch", "hai"}, // 5: not a number
		{"1.1.2", "Hoàn thành kế hoạch", 2, "Tự động: thời tiết"}, // 6: unknown source
		{"1.1.2", "Lặp lại", 1},            // 7: duplicate
		{"1.2.1", "Mồ côi", 1},             // 8: no criterion 1.2
		{"2", "Thể chế", 3},                // 9
		{"2.1", "Văn bản", 3, "", "có lẽ"}, // 10: evidence cell
		{"", "Một dòng không số", 1},       // 11
		{"3", "Lĩnh vực trống"},            // 12: no criterion
		{"", "Tổng cộng", 100},             // 13
	}))
	require.NoError(t, err)
	require.NotNil(t, c)
	got := map[int]string{}
	for _, e := range rows {
		got[e.Row] += e.Column + ": " + e.Error() + "\n"
	}
	require.Contains(t, got[5], "Điểm tối đa")
	require.Contains(t, got[6], "thời tiết")
	require.Contains(t, got[7], "dòng 6")
	require.Contains(t, got[8], "1.2.1")
	require.Contains(t, got[10], "Tài liệu kiểm chứng")
	require.Contains(t, got[11], "số thứ tự")
	for _, e := range rows {
		require.Positive(t, e.Row, e.Error())
	}

	// Once the rows read, the sums: a parent whose maximum is not its
	// children's, and a total that is not the areas'.
	c, rows, err = read(t, sheet(t, [][]any{
		header,
		{"I", "Chỉ đạo, điều hành", 5},
		{"1", "Kế hoạch", 4},
		{"1.1", "Ban hành kế hoạch", 1.5},
		{"1.2", "Hoàn thành kế hoạch", 2.5, "Tự động: hoàn thành kế hoạch"},
		{"II", "Thể chế"},
		{"1", "Văn bản", 3, "", "Có"},
		{"III", "Lĩnh vực trống"},
		{"", "TỔNG ĐIỂM", 100},
	}))
	require.NoError(t, err)
	var msgs []string
	for _, e := range rows {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	require.Contains(t, all, "Dòng 2, cột Điểm tối đa: điểm tối đa của mục I (5) khác tổng điểm các mục con (4)")
	require.Contains(t, all, "Dòng 8")
	require.Contains(t, all, "Dòng 9, cột Điểm tối đa: tổng điểm ghi là 100 nhưng tổng điểm các lĩnh vực là 7")
	require.Len(t, c.Areas, 3, "Roman areas, criteria numbered again in each")

	// Not a workbook, a Word file, too large: the file as a whole.
	for _, b := range [][]byte{[]byte("hello"), append([]byte("PK\x03\x04"), make([]byte, 100)...), bytes.Repeat([]byte{1}, annex.MaxFileSize+1)} {
		_, _, err := read(t, b)
		var fe *annex.FileError
		require.ErrorAs(t, err, &fe)
	}
	_, _, err = read(t, sheet(t, [][]any{{"Không có bảng"}, {"1", "2", "3"}}))
	var fe *annex.FileError
	require.ErrorAs(t, err, &fe)
	require.Contains(t, fe.Error(), "tiêu đề")
}

// A set's criteria written as a workbook read back the same.
func TestCriteriaWorkbookRoundTrip(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	ctx := context.Background()
	for _, g := range []string{"TP.PHONG", "TP.XA", "SH.SO"} {
		s := setOf(t, db, g, map[string]int{"TP.PHONG": 2024, "TP.XA": 2024, "SH.SO": now.Year()}[g])
		c, err := par.CriteriaOf(ctx, db, s)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, par.WriteCriteria(&buf, c, s.Group.Name))
		back, rows, err := read(t, buf.Bytes())
		require.NoError(t, err)
		require.Empty(t, rows)
		require.Equal(t, strings.ToUpper(c.Title), back.Title)
		require.Equal(t, c.Sum(), back.Sum())
		require.Equal(t, c.Sum(), back.Total, "the total row")
		var flat func(ns []*par.Node) []par.Node
		flat = func(ns []*par.Node) []par.Node {
			var out []par.Node
			for _, n := range ns {
				x := *n
				x.Children, x.Row, x.Max, x.HasMax = nil, 0, n.Sum(), true
				out = append(out, x)
				out = append(out, flat(n.Children)...)
			}
			return out
		}
		require.Equal(t, flat(c.Areas), flat(back.Areas), g)
		a, l := back.Counts()
		require.GreaterOrEqual(t, a, 8)
		require.GreaterOrEqual(t, l, 30)
	}
}
