package civil_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/internal/civil"
)

func TestParseStringRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2024-09-20", "2024-02-29", "2000-01-01", "2100-12-31", "0001-01-01", "2025-06-30"} {
		d, err := civil.Parse(s)
		require.NoError(t, err, s)
		require.Equal(t, s, d.String())
		require.False(t, d.IsZero())
		require.Equal(t, d, civil.MustParse(s))
	}
	d := civil.MustParse("2024-09-05")
	require.Equal(t, civil.Date{Year: 2024, Month: time.September, Day: 5}, d)
	require.Equal(t, "05/09/2024", d.VN())
	require.Equal(t, time.Thursday, d.Weekday())
	require.Equal(t, civil.New(2025, time.January, 1), civil.New(2024, 13, 1), "New normalises")
	require.Equal(t, civil.MustParse("2024-02-29"), civil.New(2024, time.March, 0))
}

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"", "2024", "2024-9-20", "20/09/2024", "2024-09-20T00:00:00Z", "2024-13-01",
		"2024-00-10", "2024-02-30", "2023-02-29", "2024-09-31", " 2024-09-20", "hôm qua",
	} {
		_, err := civil.Parse(s)
		require.Error(t, err, "%q", s)
		require.Contains(t, err.Error(), "YYYY-MM-DD", "%q", s)
	}
	require.Panics(t, func() { civil.MustParse("2024-02-30") })
}

func TestZero(t *testing.T) {
	t.Parallel()
	var z civil.Date
	require.True(t, z.IsZero())
	require.Empty(t, z.String())
	require.Empty(t, z.VN())
}

func TestAddDays(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-09-20", 0, "2024-09-20"},
		{"2024-09-30", 1, "2024-10-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2023-02-28", 1, "2023-03-01"},
		{"2024-12-31", 1, "2025-01-01"},
		{"2025-01-01", -1, "2024-12-31"},
		{"2024-03-01", -1, "2024-02-29"},
		{"2024-01-01", 366, "2025-01-01"},
		{"2024-09-20", -30, "2024-08-21"},
	} {
		require.Equal(t, c.want, civil.MustParse(c.from).AddDays(c.n).String(), "%s %+d", c.from, c.n)
	}
}

func TestAddMonthsClamps(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-01-31", 1, "2024-02-29"}, // leap year
		{"2025-01-31", 1, "2025-02-28"},
		{"2100-01-31", 1, "2100-02-28"}, // 2100 is not a leap year
		{"2000-01-31", 1, "2000-02-29"}, // 2000 is
		{"2024-03-31", 1, "2024-04-30"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2024-01-15", 1, "2024-02-15"},
		{"2024-11-30", 2, "2025-01-30"},
		{"2024-12-31", 2, "2025-02-28"},
		{"2025-01-31", -2, "2024-11-30"},
		{"2024-08-31", 12, "2025-08-31"},
		{"2024-05-31", 0, "2024-05-31"},
	} {
		require.Equal(t, c.want, civil.MustParse(c.from).AddMonths(c.n).String(), "%s %+d months", c.from, c.n)
	}
	require.Equal(t, "2025-02-28", civil.MustParse("2024-02-29").AddYears(1).String())
	require.Equal(t, "2028-02-29", civil.MustParse("2024-02-29").AddYears(4).String())
}

func TestEndOfMonth(t *testing.T) {
	t.Parallel()
	for from, want := range map[string]string{
		"2024-02-01": "2024-02-29",
		"2025-02-14": "2025-02-28",
		"2024-04-30": "2024-04-30",
		"2024-06-15": "2024-06-30",
		"2024-12-01": "2024-12-31",
		"2024-01-31": "2024-01-31",
	} {
		require.Equal(t, want, civil.MustParse(from).EndOfMonth().String(), from)
	}
}

func TestQuarter(t *testing.T) {
	t.Parallel()
	want := []int{1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}
	for m := time.January; m <= time.December; m++ {
		require.Equal(t, want[m-1], civil.New(2024, m, 15).Quarter(), m.String())
		require.Equal(t, want[m-1], civil.New(2024, m, 1).Quarter(), m.String())
	}
}

func TestDaysSinceAndCompare(t *testing.T) {
	t.Parallel()
	a, b := civil.MustParse("2024-09-20"), civil.MustParse("2024-09-14")
	require.Equal(t, 6, a.DaysSince(b))
	require.Equal(t, -6, b.DaysSince(a))
	require.Zero(t, a.DaysSince(a))
	require.Equal(t, 366, civil.MustParse("2025-01-01").DaysSince(civil.MustParse("2024-01-01")))
	require.Equal(t, 1, civil.MustParse("2025-01-01").DaysSince(civil.MustParse("2024-12-31")))

	require.True(t, b.Before(a))
	require.True(t, a.After(b))
	require.False(t, a.Before(a))
	require.False(t, a.After(a))
	require.Zero(t, a.Compare(civil.MustParse("2024-09-20")))
	require.Equal(t, -1, civil.MustParse("2023-12-31").Compare(civil.MustParse("2024-01-01")))
	require.Equal(t, 1, civil.MustParse("2024-10-01").Compare(civil.MustParse("2024-09-30")))
}

func TestInAcrossTheDayBoundary(t *testing.T) {
	t.Parallel()
	// 17:00 UTC is midnight in Hà Nội (UTC+7, no daylight saving).
	require.Equal(t, "2024-09-15", civil.In(time.Date(2024, 9, 14, 17, 30, 0, 0, time.UTC)).String())
	require.Equal(t, "2024-09-15", civil.In(time.Date(2024, 9, 14, 17, 0, 0, 0, time.UTC)).String())
	require.Equal(t, "2024-09-14", civil.In(time.Date(2024, 9, 14, 16, 59, 59, 999999999, time.UTC)).String())
	require.Equal(t, "2025-01-01", civil.In(time.Date(2024, 12, 31, 18, 0, 0, 0, time.UTC)).String())
	// Of keeps the instant's own zone; In does not care which zone it is given.
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	tt := time.Date(2024, 9, 14, 13, 30, 0, 0, ny) // 17:30 UTC
	require.Equal(t, "2024-09-14", civil.Of(tt).String())
	require.Equal(t, "2024-09-15", civil.In(tt).String())
	require.Equal(t, "Asia/Ho_Chi_Minh", civil.Zone.String())

	today := civil.Today()
	require.False(t, today.IsZero())
	require.Equal(t, civil.In(time.Now()), today)
}

func TestStartAndEnd(t *testing.T) {
	t.Parallel()
	d := civil.MustParse("2024-09-14")
	require.True(t, d.Start().Equal(time.Date(2024, 9, 13, 17, 0, 0, 0, time.UTC)))
	require.True(t, d.End().Equal(time.Date(2024, 9, 15, 0, 0, 0, 0, civil.Zone)))
	require.True(t, d.End().Equal(time.Date(2024, 9, 14, 17, 0, 0, 0, time.UTC)))
	require.Equal(t, 24*time.Hour, d.End().Sub(d.Start()))
	// Every instant of the day maps back to it; End is the next day's first.
	require.Equal(t, d, civil.In(d.Start()))
	require.Equal(t, d, civil.In(d.End().Add(-time.Nanosecond)))
	require.Equal(t, d.AddDays(1), civil.In(d.End()))
	require.True(t, civil.MustParse("2024-12-31").End().Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, civil.Zone)))
	require.True(t, d.UTC().Equal(time.Date(2024, 9, 14, 0, 0, 0, 0, time.UTC)))
}

func TestJSON(t *testing.T) {
	t.Parallel()
	type doc struct {
		Due  civil.Date  `json:"due"`
		Done civil.Date  `json:"done"`
		Opt  *civil.Date `json:"opt,omitempty"`
	}
	b, err := json.Marshal(doc{Due: civil.MustParse("2024-06-30")})
	require.NoError(t, err)
	require.JSONEq(t, `{"due":"2024-06-30","done":null}`, string(b))

	var got doc
	require.NoError(t, json.Unmarshal([]byte(`{"due":"2024-06-30","done":null}`), &got))
	require.Equal(t, doc{Due: civil.MustParse("2024-06-30")}, got)

	// An empty string is no date, like null; a previous value is overwritten.
	got = doc{Due: civil.MustParse("2020-01-01"), Done: civil.MustParse("2020-01-01")}
	require.NoError(t, json.Unmarshal([]byte(`{"due":"","done":null}`), &got))
	require.True(t, got.Due.IsZero())
	require.True(t, got.Done.IsZero())

	for _, bad := range []string{`{"due":"30/06/2024"}`, `{"due":"2024-02-30"}`, `{"due":20240630}`, `{"due":true}`, `{"due":{}}`} {
		require.Error(t, json.Unmarshal([]byte(bad), &got), bad)
	}

	// Round trip.
	for _, d := range []civil.Date{{}, civil.MustParse("2024-02-29")} {
		b, err := json.Marshal(d)
		require.NoError(t, err)
		var back civil.Date
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, d, back, string(b))
	}
}

func TestScanAndValue(t *testing.T) {
	t.Parallel()
	want := civil.MustParse("2024-09-15")
	for _, src := range []any{
		time.Date(2024, 9, 15, 0, 0, 0, 0, time.UTC), // what pgx gives for a date column
		time.Date(2024, 9, 15, 23, 59, 0, 0, civil.Zone),
		"2024-09-15",
		"2024-09-15T00:00:00Z",
		[]byte("2024-09-15"),
	} {
		d := civil.Date{Year: 1999, Month: 1, Day: 1}
		require.NoError(t, d.Scan(src), "%#v", src)
		require.Equal(t, want, d, "%#v", src)
	}

	d := want
	require.NoError(t, d.Scan(nil))
	require.True(t, d.IsZero(), "NULL scans to the zero date")

	require.Error(t, d.Scan(int64(20240915)))
	require.Error(t, d.Scan("15/09/2024"))
	require.Error(t, d.Scan([]byte("")))

	v, err := want.Value()
	require.NoError(t, err)
	require.Equal(t, "2024-09-15", v)
	v, err = civil.Date{}.Value()
	require.NoError(t, err)
	require.Nil(t, v, "the zero date is stored as NULL")
}

func TestParseVN(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]string{
		"20/09/2024":  "2024-09-20",
		"5/9/2024":    "2024-09-05",
		"05/9/2024":   "2024-09-05",
		"5/09/2024":   "2024-09-05",
		" 30/9/2026 ": "2026-09-30",
		"29/02/2024":  "2024-02-29",
		"31/12/2100":  "2100-12-31",
		"01/01/2000":  "2000-01-01",
	} {
		d, err := civil.ParseVN(s)
		require.NoError(t, err, "%q", s)
		require.Equal(t, want, d.String(), "%q", s)
		// What is shown reads back as the same day.
		back, err := civil.ParseVN(d.VN())
		require.NoError(t, err)
		require.Equal(t, d, back)
	}
	for _, s := range []string{
		"", "20/09", "2024-09-20", "20-09-2024", "20.09.2024", "31/09/2024", "29/02/2023", "0/1/2024",
		"1/0/2024", "1/13/2024", "32/1/2024", "1/1/24", "1/1/20245", "001/1/2024", "1/1/2024/1",
		"a/1/2024", "+1/1/2024", "1 /1/2024", "09/20/2024", "hôm qua",
	} {
		_, err := civil.ParseVN(s)
		require.Error(t, err, "%q", s)
		require.Contains(t, err.Error(), "dd/mm/yyyy", "%q", s)
	}
}

func TestParseEntered(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"30/9/2026", "30/09/2026", "2026-09-30", " 2026-09-30 "} {
		d, err := civil.ParseEntered(s)
		require.NoError(t, err, "%q", s)
		require.Equal(t, civil.MustParse("2026-09-30"), d, "%q", s)
	}
	for _, s := range []string{"", "9/30/2026", "2026/09/30", "30-09-2026", "2026-9-30", "30.9.2026"} {
		_, err := civil.ParseEntered(s)
		require.Error(t, err, "%q", s)
		require.Contains(t, err.Error(), "dd/mm/yyyy", "%q", s)
	}
}
