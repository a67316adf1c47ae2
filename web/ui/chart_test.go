package ui

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/i18n"
	"cchc/tasks"
)

// A chart says its figures in words and tells the statuses apart by
// texture, not only by colour.
func TestStatusBarReadsWithoutColour(t *testing.T) {
	c := tasks.Counts{Total: 59, Completed: 54, CompletedOnTime: 50, CompletedLate: 4, Continuous: 5, Percent: 91.5}
	svg := string(statusBar(i18n.VI, c))
	require.Contains(t, svg, "54/59 nhiệm vụ hoàn thành, đạt 91,5%.")
	require.Contains(t, svg, "Hoàn thành đúng hạn: 50; Hoàn thành quá hạn: 4; Thường xuyên: 5")
	require.Len(t, regexp.MustCompile(`<rect [^>]*fill="#[0-9a-f]{6}"`).FindAllString(svg, -1), 3, "one segment per status present")
	require.Contains(t, svg, `fill="url(#pat-diag)"`, "late completions hatched")
	require.Contains(t, svg, `fill="url(#pat-vert)"`, "continuous striped")
	require.Contains(t, string(statusBar(i18n.EN, c)), "54 of 59 tasks completed, 91,5%.", "figures in Vietnamese format in both languages")

	legend := string(chartLegend(i18n.VI))
	patterns := map[string]bool{}
	for _, s := range tasks.Statuses {
		require.Contains(t, legend, i18n.T(i18n.VI, s.Label()))
		patterns[looks[s].pattern] = true
	}
	require.Len(t, patterns, len(tasks.Statuses), "each status its own texture")
}

func TestTrendChart(t *testing.T) {
	svg := string(trendChart(i18n.VI, []trendPoint{{Label: "Quý I", Percent: 20, Note: "12/59"}, {Label: "6 tháng", Percent: 55.9, Note: "33/59", Href: "/tasks?as_of=2026-06-14&status=completed"}}))
	require.Contains(t, svg, "Quý I: 20% (12/59); 6 tháng: 55,9% (33/59)")
	require.Contains(t, svg, ">55,9%<")
	require.Contains(t, svg, `<a href="/tasks?as_of=2026-06-14&amp;status=completed">`, "a column opens the tasks it counts")
	require.Contains(t, string(trendChart(i18n.VI, nil)), "Chưa qua mốc báo cáo nào")
}
