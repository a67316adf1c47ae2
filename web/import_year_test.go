package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/civil"
)

// deadlinesOf maps a plan's task numbers (area label + number) to their
// deadline text and date.
func (e *env) deadlinesOf(planID int64) (p planJSON, out map[string]string) {
	e.t.Helper()
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", planID), &p)
	out = map[string]string{}
	for _, a := range p.Areas {
		for _, tk := range a.Tasks {
			out[a.Label+"."+tk.Number] = tk.Deadline.Text + " " + tk.Deadline.Date
		}
	}
	return p, out
}

// importedAt confirms an upload preview (optionally moving its years) and
// returns the new plan's id.
func (e *env) importedAt(c *http.Client, preview response, shift bool) int64 {
	e.t.Helper()
	m := confirmAction.FindStringSubmatch(preview.Body)
	require.NotNil(e.t, m, preview.Body)
	v := url.Values{}
	if shift {
		v.Set("shift_years", "1")
	}
	r := e.form(c, "/plans/import/"+m[1], v, nil)
	require.Equal(e.t, http.StatusSeeOther, r.Code, r.Body)
	var id int64
	_, err := fmt.Sscanf(r.Head.Get("Location"), "/plans/%d/edit", &id)
	require.NoError(e.t, err)
	return id
}

// The 2024 annex imported as another year's plan: the preview warns that
// its title, number and dated deadlines are 2024's, and offers to move them;
// left unticked they stay as in the file, ticked they follow the new year.
func TestImportUnderAnotherYear(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	src := e.planID(2024)
	file := e.annexOf(src)
	orig, before := e.deadlinesOf(src)
	key := ""
	for k, v := range before {
		if v == "30/6/2024 2024-06-30" {
			key = k
		}
	}
	require.NotEmpty(t, key, "the demo has dated deadlines")
	c := e.browser(secretariat)

	// Kept as in the file.
	r := e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2025"}, file, "phu-luc-2024.xlsx")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, `id="year-warning"`)
	require.Contains(t, r.Body, "Phụ lục này được lập cho năm 2024 nhưng đang nhập thành kế hoạch năm 2025.")
	require.Regexp(t, `\d+ thời hạn ghi năm 2024\. Ví dụ: “([^”]*)2024” → “([^”]*)2025”\.`, r.Body)
	require.Contains(t, r.Body, `name="shift_years"`)
	kept, after := e.deadlinesOf(e.importedAt(c, r, false))
	require.Equal(t, 2025, kept.Year)
	require.Equal(t, orig.Title, kept.Title, "the file's title")
	require.Contains(t, kept.Title, "2024")
	require.Equal(t, "30/6/2024 2024-06-30", after[key], "the file's deadline, in 2024")

	// Moved by the difference in years.
	r = e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2026"}, file, "phu-luc-2024.xlsx")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Regexp(t, `Ví dụ: “([^”]*)2024” → “([^”]*)2026”\.`, r.Body)
	moved, after := e.deadlinesOf(e.importedAt(c, r, true))
	require.Equal(t, 2026, moved.Year)
	require.Equal(t, strings.ReplaceAll(orig.Title, "2024", "2026"), moved.Title)
	require.Equal(t, "30/6/2026 2026-06-30", after[key])
	for k, v := range before {
		text, date := v[:strings.LastIndex(v, " ")], v[strings.LastIndex(v, " ")+1:]
		got, gotDate := after[k][:strings.LastIndex(after[k], " ")], after[k][strings.LastIndex(after[k], " ")+1:]
		require.Equal(t, strings.ReplaceAll(text, "2024", "2026"), got, k)
		if date != "" { // the end of February moves to the end of February
			require.Equal(t, civil.MustParse(date).AddYears(2).String(), gotDate, k)
		}
	}

	// An annex of the year it is imported under is not warned about.
	r = e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2027", "title": "Kế hoạch CCHC năm 2027"}, e.annexOf(moved.ID), "phu-luc-2026.xlsx")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, `id="year-warning"`, "a 2026 annex as 2027's plan")
	r = e.upload(c, "", "/plans/import", map[string]string{"unit": "PTP", "year": "2026"}, e.annexOf(moved.ID), "phu-luc-2026.xlsx")
	require.NotContains(t, r.Body, `id="year-warning"`)
	require.NotContains(t, r.Body, `name="shift_years"`)

	// The API: the dry run tells the annex's year and shows the moved
	// deadlines; the import moves them when asked.
	dry := e.upload(nil, secretariat, "/api/v1/plans/import", map[string]string{"unit": "TP", "year": "2028", "dry_run": "true", "shift_years": "true"}, file, "x.xlsx")
	require.Equal(t, http.StatusOK, dry.Code, dry.Body)
	var d struct {
		FileYear int    `json:"file_year"`
		Title    string `json:"title"`
	}
	require.NoError(t, json.Unmarshal([]byte(dry.Body), &d))
	require.Equal(t, 2024, d.FileYear)
	require.Contains(t, d.Title, "2028")
	require.Contains(t, dry.Body, `"text":"30/6/2028"`)
	r = e.upload(nil, secretariat, "/api/v1/plans/import", map[string]string{"unit": "TP", "year": "2028", "shift_years": "true"}, file, "x.xlsx")
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	require.Contains(t, r.Body, "2028")
	require.NotContains(t, r.Body, "2024")
}
