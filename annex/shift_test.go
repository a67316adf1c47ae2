package annex

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/deadline"
	"cchc/internal/civil"
)

// draftOf is a draft read for year with one task per deadline text.
func draftOf(t *testing.T, year int, title string, deadlines ...string) *Draft {
	t.Helper()
	d := &Draft{Year: year, Title: title, Number: "215/KH-UBND", IssuedOn: civil.MustParse("2023-12-26")}
	a := DraftArea{Row: 5, Label: "I", Name: "Cải cách thể chế"}
	for i, text := range deadlines {
		dl, err := deadline.Parse(text, year)
		require.NoError(t, err, text)
		a.Tasks = append(a.Tasks, DraftTask{Row: 6 + i, Number: "1", Title: "Nhiệm vụ", Deadline: dl})
	}
	d.Areas = []DraftArea{a}
	return d
}

func TestFileYear(t *testing.T) {
	t.Parallel()
	require.Equal(t, 2024, draftOf(t, 2026, "Kế hoạch cải cách hành chính năm 2024", "Quý II/2025").FileYear(), "the title says")
	require.Equal(t, 2024, draftOf(t, 2026, "Kế hoạch CCHC", "30/6/2024", "Quý I/2025", "Tháng 3/2024", "Quý II").FileYear(), "the deadlines say most")
	require.Equal(t, 2024, draftOf(t, 2026, "", "30/6/2025", "30/6/2024").FileYear(), "a tie: the earliest")
	require.Zero(t, draftOf(t, 2026, "Kế hoạch CCHC", "Quý II", "Thường xuyên").FileYear(), "nothing says")
}

func TestShiftYears(t *testing.T) {
	t.Parallel()
	d := draftOf(t, 2026, "Kế hoạch cải cách hành chính năm 2024", "30/6/2024", "Quý II/2024", "Quý II", "Thường xuyên", "Hằng quý", "29/2/2024", "Quý I/2025")
	require.Equal(t, []Moved{
		{Row: 6, From: "30/6/2024", To: "30/6/2026"},
		{Row: 7, From: "Quý II/2024", To: "Quý II/2026"},
		{Row: 11, From: "29/2/2024", To: "28/2/2026"},
		{Row: 12, From: "Quý I/2025", To: "Quý I/2027"},
	}, d.Shifted(2024))
	require.Empty(t, d.Shifted(2026), "same year: nothing moves")
	require.Empty(t, d.Shifted(0), "unknown year: nothing moves")

	d.ShiftYears(2024)
	require.Empty(t, d.Errors)
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2026", d.Title)
	require.Equal(t, "215/KH-UBND", d.Number)
	require.True(t, d.IssuedOn.IsZero(), "the old plan's issue date is not the new one's")
	var got []string
	for _, tk := range d.Areas[0].Tasks {
		got = append(got, tk.Deadline.Text+" "+tk.Deadline.Date.String())
	}
	require.Equal(t, []string{
		"30/6/2026 2026-06-30", "Quý II/2026 2026-06-30", "Quý II 2026-06-30", "Thường xuyên ", "Hằng quý ",
		"28/2/2026 2026-02-28", "Quý I/2027 2027-03-31",
	}, got)

	// The number follows the year too when it names it; the same year is a no-op.
	d = draftOf(t, 2025, "", "31/12/2024")
	d.Number = "12/2024/KH-UBND"
	d.ShiftYears(2025)
	require.Equal(t, "12/2024/KH-UBND", d.Number)
	d.ShiftYears(2024)
	require.Equal(t, "12/2025/KH-UBND", d.Number)
	require.Equal(t, "31/12/2025", d.Areas[0].Tasks[0].Deadline.Text)
}
