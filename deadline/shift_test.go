package deadline

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestShiftDeadline(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Quý II":                    "Quý II",
		"Trước 30/6":                "Trước 30/6",
		"Thường xuyên":              "Thường xuyên",
		"Hằng quý":                  "Hằng quý",
		"6 tháng đầu năm":           "6 tháng đầu năm",
		"Trong năm":                 "Trong năm",
		"Tháng 2":                   "Tháng 2",
		"30/6/2024":                 "30/6/2025",
		"Trước ngày 31/8/2024":      "Trước ngày 31/8/2025",
		"Quý III/2024":              "Quý III/2025",
		"Tháng 2/2024":              "Tháng 2/2025",
		"Năm 2024":                  "Năm 2025",
		"29/02/2024":                "28/2/2025",
		"Tháng 1/2025":              "Tháng 1/2026",
		"Trước 30 tháng 6 năm 2024": "Trước 30 tháng 6 năm 2025",
	} {
		got, err := Shift(in, 2024, 2025)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	_, err := Shift("sớm", 2024, 2025)
	require.Error(t, err)
}
