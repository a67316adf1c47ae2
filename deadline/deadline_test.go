package deadline

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"cchc/internal/civil"
	"cchc/internal/i18n"
)

type parseCase struct {
	text     string
	kind     Kind
	date     string // YYYY-MM-DD, "" for none
	every    int
	wantText string // "" means text itself
}

// good holds every accepted form, parsed for a 2025 plan.
var good = []parseCase{
	// date
	{text: "30/6/2025", kind: KindDate, date: "2025-06-30"},
	{text: "30/06/2025", kind: KindDate, date: "2025-06-30"},
	{text: "30-06-2025", kind: KindDate, date: "2025-06-30"},
	{text: "30.6.2025", kind: KindDate, date: "2025-06-30"},
	{text: "05/01/2026", kind: KindDate, date: "2026-01-05"},
	{text: "ngày 30/6/2025", kind: KindDate, date: "2025-06-30"},
	{text: "Ngày 29/2/2024", kind: KindDate, date: "2024-02-29"},
	{text: "30 / 6 / 2025", kind: KindDate, date: "2025-06-30"},
	{text: "Trước 30/6", kind: KindDate, date: "2025-06-30"},
	{text: "Trước ngày 30/6/2025", kind: KindDate, date: "2025-06-30"},
	{text: "Trước ngày 30 tháng 6 năm 2025", kind: KindDate, date: "2025-06-30"},
	{text: "trước ngày 15 tháng 03", kind: KindDate, date: "2025-03-15"},
	{text: "Chậm nhất ngày 30/6", kind: KindDate, date: "2025-06-30"},
	{text: "Chậm nhất 31/12/2025", kind: KindDate, date: "2025-12-31"},
	{text: "Hoàn thành trước 30/6", kind: KindDate, date: "2025-06-30"},
	{text: "Hoàn thành trước ngày 15/9/2025.", kind: KindDate, date: "2025-09-15"},
	{text: "30/6", kind: KindDate, date: "2025-06-30"},
	{text: "1.7", kind: KindDate, date: "2025-07-01"},
	// month
	{text: "Tháng 6/2025", kind: KindMonth, date: "2025-06-30"},
	{text: "Tháng 6", kind: KindMonth, date: "2025-06-30"},
	{text: "tháng 02", kind: KindMonth, date: "2025-02-28"},
	{text: "Tháng 2/2024", kind: KindMonth, date: "2024-02-29"},
	{text: "6/2025", kind: KindMonth, date: "2025-06-30"},
	{text: "06-2025", kind: KindMonth, date: "2025-06-30"},
	{text: "T6/2025", kind: KindMonth, date: "2025-06-30"},
	{text: "T12/2025", kind: KindMonth, date: "2025-12-31"},
	{text: "Tháng 6 năm 2025", kind: KindMonth, date: "2025-06-30"},
	{text: "Trong tháng 6", kind: KindMonth, date: "2025-06-30"},
	{text: "Trong tháng 11/2025", kind: KindMonth, date: "2025-11-30"},
	{text: "6 tháng đầu năm", kind: KindMonth, date: "2025-06-30"},
	{text: "6 tháng cuối năm", kind: KindMonth, date: "2025-12-31"},
	{text: "6 tháng đầu năm 2026", kind: KindMonth, date: "2026-06-30"},
	// quarter
	{text: "Quý II", kind: KindQuarter, date: "2025-06-30"},
	{text: "Quý I", kind: KindQuarter, date: "2025-03-31"},
	{text: "Quý III", kind: KindQuarter, date: "2025-09-30"},
	{text: "Quý II/2025", kind: KindQuarter, date: "2025-06-30"},
	{text: "Quý 2", kind: KindQuarter, date: "2025-06-30"},
	{text: "Quý II năm 2025", kind: KindQuarter, date: "2025-06-30"},
	{text: "Trong quý II", kind: KindQuarter, date: "2025-06-30"},
	{text: "Quý IV/2025", kind: KindQuarter, date: "2025-12-31"},
	{text: "QUÝ IV", kind: KindQuarter, date: "2025-12-31"},
	{text: "Quí III", kind: KindQuarter, date: "2025-09-30"},
	{text: "Qúy 1/2026", kind: KindQuarter, date: "2026-03-31"},
	// year
	{text: "Năm 2025", kind: KindYear, date: "2025-12-31"},
	{text: "Trong năm", kind: KindYear, date: "2025-12-31"},
	{text: "Cả năm", kind: KindYear, date: "2025-12-31"},
	{text: "Trong năm 2025", kind: KindYear, date: "2025-12-31"},
	{text: "Cả năm 2025", kind: KindYear, date: "2025-12-31"},
	{text: "Năm 2026", kind: KindYear, date: "2026-12-31"},
	// continuous
	{text: "Thường xuyên", kind: KindContinuous},
	{text: "THƯỜNG XUYÊN", kind: KindContinuous},
	{text: "Thường xuyên, liên tục", kind: KindContinuous},
	{text: "Thường xuyên trong năm", kind: KindContinuous},
	{text: "Thường xuyên.", kind: KindContinuous},
	// recurring
	{text: "Hằng quý", kind: KindRecurring, every: 3},
	{text: "Hàng quý", kind: KindRecurring, every: 3},
	{text: "Định kỳ hằng quý", kind: KindRecurring, every: 3},
	{text: "Hằng tháng", kind: KindRecurring, every: 1},
	{text: "Hàng tháng", kind: KindRecurring, every: 1},
	{text: "Định kỳ hằng tháng", kind: KindRecurring, every: 1},
	{text: "ĐỊNH KỲ HẰNG THÁNG", kind: KindRecurring, every: 1},
	// text as it arrives from spreadsheets
	{text: "  Trước\r\nngày   30/6/2025  ", kind: KindDate, date: "2025-06-30", wantText: "Trước ngày 30/6/2025"},
	{text: "Quý\u00a0II\t/2025", kind: KindQuarter, date: "2025-06-30", wantText: "Quý II /2025"},
	{text: "Thường xuyên,\nliên tục.", kind: KindContinuous, wantText: "Thường xuyên, liên tục."},
}

// bad holds text that must be refused, with a piece of the expected reason.
var bad = []struct{ text, reason string }{
	{"", "để trống"},
	{" \r\n\t ", "để trống"},
	{"Sắp tới", "không đúng mẫu"},
	{"Sớm nhất có thể", "không đúng mẫu"},
	{"Quý II-III", "không đúng mẫu"},
	{"Quý II, III", "không đúng mẫu"},
	{"Tháng 6 hoặc 7", "không đúng mẫu"},
	{"Tháng 6-7", "không đúng mẫu"},
	{"30/6/25", "không đúng mẫu"},
	{"30/6-2025", "không đúng mẫu"},
	{"30/6/2025 và 31/12/2025", "không đúng mẫu"},
	{"T6", "không đúng mẫu"},
	{"Năm", "không đúng mẫu"},
	{"Cuối năm", "không đúng mẫu"},
	{"Hằng năm", "không đúng mẫu"},
	{"Thường xuyên..", "không đúng mẫu"},
	{"Quý II/25", "không đúng mẫu"},
	{"2025", "không đúng mẫu"},
	{"31/2/2025", "ngày không tồn tại"},
	{"29/2/2025", "ngày không tồn tại"},
	{"0/6", "ngày không tồn tại"},
	{"32/1", "ngày không tồn tại"},
	{"15/13/2025", "ngày không tồn tại"},
	{"30 tháng 2", "ngày không tồn tại"},
	{"Tháng 13", "tháng không tồn tại"},
	{"Tháng 0/2025", "tháng không tồn tại"},
	{"13/2025", "tháng không tồn tại"},
	{"Quý V", "quý không tồn tại"},
	{"Quý 5/2025", "quý không tồn tại"},
	{"Quý 0", "quý không tồn tại"},
	{"Quý İİ", "không đúng mẫu"}, // Turkish İ lower-cases to i, but is no Roman numeral
	{"30/6/1999", "năm 1999 ngoài khoảng"},
	{"Năm 2101", "năm 2101 ngoài khoảng"},
	{"Tháng 6/3025", "năm 3025 ngoài khoảng"},
	{"Trước tháng 6", "không rõ"},
	{"Trước quý III", "không rõ"},
	{"Trước năm 2026", "không rõ"},
	{"Trước 6/2025", "không rõ"},
	{"Hoàn thành trước tháng 6/2025", "không rõ"},
}

func TestParse(t *testing.T) {
	t.Parallel()
	for _, c := range good {
		t.Run(c.text, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(c.text, 2025)
			require.NoError(t, err)
			want := Deadline{Text: c.text, Kind: c.kind, EveryMonths: c.every}
			if c.wantText != "" {
				want.Text = c.wantText
			}
			if c.date != "" {
				want.Date = civil.MustParse(c.date)
			}
			require.Equal(t, want, got)
			require.False(t, got.IsZero())
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, c := range bad {
		t.Run(c.text, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(c.text, 2025)
			require.True(t, got.IsZero())
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, strings.Join(strings.Fields(c.text), " "), e.Text)
			require.Contains(t, e.Reason.In(i18n.VI), c.reason)
			if e.Text != "" {
				require.Contains(t, err.Error(), "“"+e.Text+"”")
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := Parse("Sắp tới", 2025)
	require.EqualError(t, err, "thời hạn “Sắp tới” không đúng mẫu (ví dụ hợp lệ: 30/6/2025, Tháng 6/2025, Quý II, Thường xuyên)")
	_, err = Parse("", 2025)
	require.EqualError(t, err, "thời hạn để trống")
}

// A plan with a bad year must not yield deadlines in year 0; a written year
// still wins over it.
func TestParsePlanYear(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"Trước 30/6", "Tháng 6", "Quý II", "Trong năm", "6 tháng đầu năm"} {
		_, err := Parse(text, 0)
		var e *Error
		require.ErrorAs(t, err, &e, text)
		require.Contains(t, e.Reason.In(i18n.VI), "năm của kế hoạch (0)")
	}
	got, err := Parse("Quý I/2026", 0)
	require.NoError(t, err)
	require.Equal(t, civil.MustParse("2026-03-31"), got.Date)
}

// Spreadsheets and web forms (macOS above all) deliver decomposed text.
func TestParseNFD(t *testing.T) {
	t.Parallel()
	for _, c := range good {
		nfd := norm.NFD.String(c.text)
		want, wantErr := Parse(c.text, 2025)
		got, err := Parse(nfd, 2025)
		require.Equal(t, wantErr, err, c.text)
		require.Equal(t, want, got, c.text)
	}
	for _, c := range bad {
		_, wantErr := Parse(c.text, 2025)
		_, err := Parse(norm.NFD.String(c.text), 2025)
		require.Equal(t, wantErr, err, c.text)
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range good {
		f.Add(c.text, 2025)
		f.Add(norm.NFD.String(c.text), 2024)
	}
	for _, c := range bad {
		f.Add(c.text, 2025)
	}
	f.Fuzz(func(t *testing.T, text string, planYear int) {
		d, err := Parse(text, planYear)
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e)
			require.True(t, d.IsZero())
			require.True(t, norm.NFC.IsNormalString(e.Text))
			return
		}
		require.True(t, norm.NFC.IsNormalString(d.Text), "Text not NFC: %q", d.Text)
		require.NotEmpty(t, d.Text)
		switch d.Kind {
		case KindContinuous, KindRecurring:
			require.True(t, d.Date.IsZero())
			require.Equal(t, d.Kind == KindRecurring, d.EveryMonths == 1 || d.EveryMonths == 3)
		case KindDate, KindMonth, KindQuarter, KindYear:
			require.False(t, d.Date.IsZero())
			require.Equal(t, d.Date, civil.New(d.Date.Year, d.Date.Month, d.Date.Day), "invalid date %v", d.Date)
			require.GreaterOrEqual(t, d.Date.Year, 2000)
			require.LessOrEqual(t, d.Date.Year, 2100)
			require.Zero(t, d.EveryMonths)
		default:
			t.Fatalf("unknown kind %q", d.Kind)
		}
		again, err := Parse(d.Text, planYear)
		require.NoError(t, err)
		require.Equal(t, d, again)
	})
}
