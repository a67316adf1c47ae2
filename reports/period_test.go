package reports_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/civil"
	"cchc/reports"
)

func TestPeriodRange(t *testing.T) {
	t.Parallel()
	d := civil.MustParse
	tests := []struct {
		period   reports.Period
		scheme   reports.Scheme
		from, to string
	}{
		{reports.Q1, reports.SchemeDecree, "2023-12-15", "2024-03-14"},
		{reports.Q2, reports.SchemeDecree, "2024-03-15", "2024-06-14"},
		{reports.Q3, reports.SchemeDecree, "2024-06-15", "2024-09-14"},
		{reports.Q4, reports.SchemeDecree, "2024-09-15", "2024-12-14"},
		{reports.H1, reports.SchemeDecree, "2023-12-15", "2024-06-14"},
		{reports.NineMonths, reports.SchemeDecree, "2023-12-15", "2024-09-14"},
		{reports.FullYear, reports.SchemeDecree, "2023-12-15", "2024-12-14"},
		{reports.Q1, reports.SchemeCalendar, "2024-01-01", "2024-03-31"},
		{reports.Q2, reports.SchemeCalendar, "2024-04-01", "2024-06-30"},
		{reports.Q3, reports.SchemeCalendar, "2024-07-01", "2024-09-30"},
		{reports.Q4, reports.SchemeCalendar, "2024-10-01", "2024-12-31"},
		{reports.H1, reports.SchemeCalendar, "2024-01-01", "2024-06-30"},
		{reports.NineMonths, reports.SchemeCalendar, "2024-01-01", "2024-09-30"},
		{reports.FullYear, reports.SchemeCalendar, "2024-01-01", "2024-12-31"},
		// The empty scheme is the decree's.
		{reports.Q1, "", "2023-12-15", "2024-03-14"},
	}
	for _, tt := range tests {
		t.Run(string(tt.period)+"/"+string(tt.scheme), func(t *testing.T) {
			t.Parallel()
			from, to := tt.period.Range(2024, tt.scheme)
			require.Equal(t, d(tt.from), from)
			require.Equal(t, d(tt.to), to)
		})
	}

	from, to := reports.Period("q5").Range(2024, reports.SchemeDecree)
	require.True(t, from.IsZero() && to.IsZero())
}

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	for _, p := range reports.Periods {
		got, err := reports.ParsePeriod(" " + string(p) + " ")
		require.NoError(t, err)
		require.Equal(t, p, got)
	}
	got, err := reports.ParsePeriod("9M")
	require.NoError(t, err)
	require.Equal(t, reports.NineMonths, got)
	for _, bad := range []string{"", "q0", "q5", "6m", "quý I", "h2"} {
		_, err := reports.ParsePeriod(bad)
		require.Error(t, err, bad)
	}

	s, err := reports.ParseScheme("")
	require.NoError(t, err)
	require.Equal(t, reports.SchemeDecree, s)
	s, err = reports.ParseScheme("Calendar")
	require.NoError(t, err)
	require.Equal(t, reports.SchemeCalendar, s)
	_, err = reports.ParseScheme("fiscal")
	require.Error(t, err)
}

func TestPeriodNames(t *testing.T) {
	t.Parallel()
	names := map[reports.Period][2]string{
		reports.Q1:         {"quý I", "quý I năm 2024"},
		reports.Q2:         {"quý II", "quý II năm 2024"},
		reports.Q3:         {"quý III", "quý III năm 2024"},
		reports.Q4:         {"quý IV", "quý IV năm 2024"},
		reports.H1:         {"6 tháng đầu năm", "6 tháng đầu năm 2024"},
		reports.NineMonths: {"9 tháng", "9 tháng năm 2024"},
		reports.FullYear:   {"năm", "năm 2024"},
	}
	require.Len(t, names, len(reports.Periods))
	for p, want := range names {
		require.Equal(t, want[0], p.Name())
		require.Equal(t, want[1], p.Title(2024))
	}
}
