package plans_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/civil"
	"cchc/plans"
)

func TestPeriodRange(t *testing.T) {
	t.Parallel()
	d := civil.MustParse
	tests := []struct {
		period   plans.Period
		scheme   plans.Scheme
		from, to string
	}{
		{plans.Q1, plans.SchemeDecree, "2023-12-15", "2024-03-14"},
		{plans.Q2, plans.SchemeDecree, "2024-03-15", "2024-06-14"},
		{plans.Q3, plans.SchemeDecree, "2024-06-15", "2024-09-14"},
		{plans.Q4, plans.SchemeDecree, "2024-09-15", "2024-12-14"},
		{plans.H1, plans.SchemeDecree, "2023-12-15", "2024-06-14"},
		{plans.NineMonths, plans.SchemeDecree, "2023-12-15", "2024-09-14"},
		{plans.FullYear, plans.SchemeDecree, "2023-12-15", "2024-12-14"},
		{plans.Q1, plans.SchemeCalendar, "2024-01-01", "2024-03-31"},
		{plans.Q2, plans.SchemeCalendar, "2024-04-01", "2024-06-30"},
		{plans.Q3, plans.SchemeCalendar, "2024-07-01", "2024-09-30"},
		{plans.Q4, plans.SchemeCalendar, "2024-10-01", "2024-12-31"},
		{plans.H1, plans.SchemeCalendar, "2024-01-01", "2024-06-30"},
		{plans.NineMonths, plans.SchemeCalendar, "2024-01-01", "2024-09-30"},
		{plans.FullYear, plans.SchemeCalendar, "2024-01-01", "2024-12-31"},
		// The empty scheme is the decree's.
		{plans.Q1, "", "2023-12-15", "2024-03-14"},
	}
	for _, tt := range tests {
		t.Run(string(tt.period)+"/"+string(tt.scheme), func(t *testing.T) {
			t.Parallel()
			from, to := tt.period.Range(2024, tt.scheme)
			require.Equal(t, d(tt.from), from)
			require.Equal(t, d(tt.to), to)
		})
	}

	from, to := plans.Period("q5").Range(2024, plans.SchemeDecree)
	require.True(t, from.IsZero() && to.IsZero())
}

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	for _, p := range plans.Periods {
		got, err := plans.ParsePeriod(" " + string(p) + " ")
		require.NoError(t, err)
		require.Equal(t, p, got)
	}
	got, err := plans.ParsePeriod("9M")
	require.NoError(t, err)
	require.Equal(t, plans.NineMonths, got)
	for _, bad := range []string{"", "q0", "q5", "6m", "quý I", "h2"} {
		_, err := plans.ParsePeriod(bad)
		require.Error(t, err, bad)
	}

	s, err := plans.ParseScheme("")
	require.NoError(t, err)
	require.Equal(t, plans.SchemeDecree, s)
	s, err = plans.ParseScheme("Calendar")
	require.NoError(t, err)
	require.Equal(t, plans.SchemeCalendar, s)
	_, err = plans.ParseScheme("fiscal")
	require.Error(t, err)
}

func TestPeriodNames(t *testing.T) {
	t.Parallel()
	names := map[plans.Period][2]string{
		plans.Q1:         {"quý I", "quý I năm 2024"},
		plans.Q2:         {"quý II", "quý II năm 2024"},
		plans.Q3:         {"quý III", "quý III năm 2024"},
		plans.Q4:         {"quý IV", "quý IV năm 2024"},
		plans.H1:         {"6 tháng đầu năm", "6 tháng đầu năm 2024"},
		plans.NineMonths: {"9 tháng", "9 tháng năm 2024"},
		plans.FullYear:   {"năm", "năm 2024"},
	}
	require.Len(t, names, len(plans.Periods))
	for p, want := range names {
		require.Equal(t, want[0], p.Name())
		require.Equal(t, want[1], p.Title(2024))
	}
}
