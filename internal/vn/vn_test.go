package vn_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"cchc/internal/vn"
)

func TestInt(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{
		0:          "0",
		7:          "7",
		999:        "999",
		1000:       "1.000",
		9999:       "9.999",
		50176:      "50.176",
		100000:     "100.000",
		999999:     "999.999",
		1000000:    "1.000.000",
		1234567890: "1.234.567.890",
		-1:         "-1",
		-999:       "-999",
		-1000:      "-1.000",
		-50176:     "-50.176",
		-1234567:   "-1.234.567",
	} {
		require.Equal(t, want, vn.Int(n), "Int(%d)", n)
	}
}

func TestDecimalAndPercent(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x         float64
		dec, perc string
	}{
		{91.5, "91,5", "91,5%"},
		{98, "98", "98%"},
		{100, "100", "100%"},
		{0, "0", "0%"},
		{0.5, "0,5", "0,5%"},
		{33.3, "33,3", "33,3%"},
		// One decimal: a second one is rounded away (83.45 is stored as
		// 83.4500000000000028…, so it rounds up), and a rounded .0 is dropped.
		{83.45, "83,5", "83,5%"},
		{83.44, "83,4", "83,4%"},
		{99.96, "100", "100%"},
		{12.04, "12", "12%"},
		// Thousands are dotted, the decimal separator is a comma.
		{1234.5, "1.234,5", "1.234,5%"},
		{50176, "50.176", "50.176%"},
		{-3.5, "-3,5", "-3,5%"},
		{-0.5, "-0,5", "-0,5%"},
	} {
		require.Equal(t, c.dec, vn.Decimal(c.x), "Decimal(%v)", c.x)
		require.Equal(t, c.perc, vn.Percent(c.x), "Percent(%v)", c.x)
	}
}

func TestRate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		done, total int
		want        float64
	}{
		{54, 59, 91.5}, // the demo headline
		{59, 59, 100},
		{0, 59, 0},
		{0, 0, 0}, // no task: 0, not NaN
		{5, 0, 0},
		{3, -1, 0},
		{1, 8, 12.5},   // exact
		{1, 3, 33.3},   // 33.33… rounds down
		{2, 3, 66.7},   // 66.66… rounds up
		{1, 16, 6.3},   // 6.25: half rounds up
		{1, 80, 1.3},   // 1.25: half rounds up
		{3, 80, 3.8},   // 3.75: half rounds up
		{1, 160, 0.6},  // 0.625 rounds down
		{1, 2000, 0.1}, // 0.05: half rounds up
		{1, 2001, 0},   // just under 0.05
		{7, 9, 77.8},
		{1999, 2000, 100}, // 99.95 rounds up to 100
	} {
		require.Equal(t, c.want, vn.Rate(c.done, c.total), "Rate(%d, %d)", c.done, c.total)
	}
	require.Equal(t, "91,5%", vn.Percent(vn.Rate(54, 59)))
}

func TestCompareVietnameseOrder(t *testing.T) {
	t.Parallel()
	names := []string{"Đông", "Dương", "An", "Ăn", "Ân", "Bắc"}
	slices.SortFunc(names, vn.Compare)
	// The alphabet is a ă â b c d đ e ê … o ô ơ … u ư …
	require.Equal(t, []string{"An", "Ăn", "Ân", "Bắc", "Dương", "Đông"}, names)

	for _, c := range []struct{ a, b string }{
		{"a", "ă"}, {"ă", "â"}, {"â", "b"},
		{"d", "đ"}, {"đ", "e"}, {"Dz", "Đa"}, // đ is a letter after d, not an accented d
		{"e", "ê"}, {"o", "ô"}, {"ô", "ơ"}, {"u", "ư"}, {"ư", "v"},
		{"Phòng Nội vụ", "Phòng Tư pháp"},
		{"Xã An Phú", "Xã Bình Minh"},
	} {
		require.Negative(t, vn.Compare(c.a, c.b), "%q < %q", c.a, c.b)
		require.Positive(t, vn.Compare(c.b, c.a), "%q > %q", c.b, c.a)
	}
	require.Zero(t, vn.Compare("Tư pháp", "Tư pháp"))
	// NFC and NFD spellings of one name are the same name.
	require.Zero(t, vn.Compare("Phòng Tư pháp", norm.NFD.String("Phòng Tư pháp")))
}

func TestCompareConcurrent(t *testing.T) {
	t.Parallel()
	// Compare pools its collators; hammer it from several goroutines (run with -race).
	done := make(chan bool)
	for range 8 {
		go func() {
			ok := true
			for range 200 {
				ok = ok && vn.Compare("Ăn", "Ân") < 0 && vn.Compare("Đông", "Dương") > 0
			}
			done <- ok
		}()
	}
	for range 8 {
		require.True(t, <-done)
	}
}

func TestSortFunc(t *testing.T) {
	t.Parallel()
	type unit struct {
		name string
		pos  int
	}
	us := []unit{{"Đông", 0}, {"Bắc", 1}, {"An", 1}, {"Dương", 0}, {"Ân", 0}}
	vn.SortFunc(us, func(u unit) string { return u.name }, func(a, b unit) int { return a.pos - b.pos })
	require.Equal(t, []unit{{"Ân", 0}, {"Dương", 0}, {"Đông", 0}, {"An", 1}, {"Bắc", 1}}, us)

	names := []string{"Đông", "Ăn", "An"}
	vn.SortFunc(names, func(s string) string { return s }, nil)
	require.Equal(t, []string{"An", "Ăn", "Đông"}, names)
}

func TestFold(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Phòng Tư pháp":          "phong tu phap",
		"Đông":                   "dong",
		"ĐÔNG GIANG":             "dong giang",
		"  Ủy ban   nhân\tdân  ": "uy ban nhan dan",
		"Phong Tu Phap":          "phong tu phap",
		"Sở Nội vụ":              "so noi vu",
		"Quý II/2025":            "quy ii/2025",
		"":                       "",
	} {
		require.Equal(t, want, vn.Fold(in), "Fold(%q)", in)
	}
	// NFD input folds the same as NFC.
	require.Equal(t, "phong tu phap", vn.Fold(norm.NFD.String("Phòng Tư pháp")))
	require.Equal(t, vn.Fold("Phòng Tư pháp"), vn.Fold("PHONG TU PHAP"))
}

func TestClean(t *testing.T) {
	t.Parallel()
	nfc := "Phòng Tư pháp – Ủy ban nhân dân thành phố Sơn Hà"
	nfd := norm.NFD.String(nfc)
	require.NotEqual(t, nfc, nfd, "the NFD spelling differs byte-wise")
	require.Equal(t, nfc, vn.Clean(nfd))
	require.True(t, norm.NFC.IsNormalString(vn.Clean(nfd)))
	require.Equal(t, nfc, vn.Clean(" \t"+nfd+"\n "))
	// Inner line breaks are kept by Clean, folded by OneLine.
	require.Equal(t, "Dòng 1\nDòng 2", vn.Clean(norm.NFD.String("  Dòng 1\nDòng 2  ")))
	require.Equal(t, "Dòng 1 Dòng 2", vn.OneLine(norm.NFD.String("  Dòng 1\n\n  Dòng 2  ")))
}

func TestNumber(t *testing.T) {
	t.Parallel()
	for x, want := range map[float64]string{50176: "50.176", 83.4502: "83,45", 98.0019: "98", 90.2: "90,2", 0: "0", -1234.5: "-1.234,5", 1e6: "1.000.000"} {
		require.Equal(t, want, vn.Number(x, 2), "%v", x)
	}
	for s, want := range map[string]float64{"50.176": 50176, "83,45": 83.45, "1.234,5": 1234.5, "83.45": 83.45, "50176": 50176, " 90,2 % ": 90.2, "1.000.000": 1e6, "0.5": 0.5} {
		got, ok := vn.ParseNumber(s)
		require.True(t, ok, s)
		require.InDelta(t, want, got, 1e-9, s)
	}
	for _, s := range []string{"", "abc", "1,2,3", "NaN", "1e40"} {
		_, ok := vn.ParseNumber(s)
		require.False(t, ok, s)
	}
}
