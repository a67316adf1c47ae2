package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"cchc/demo"
	"cchc/indicators"
)

type indicatorJSON struct {
	ID          int64    `json:"id"`
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Unit        string   `json:"unit_of_measure"`
	Kind        string   `json:"kind"`
	Direction   string   `json:"direction"`
	Target      *float64 `json:"target"`
	Actual      *float64 `json:"actual"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	Met         *bool    `json:"met"`
}

func (e *env) indicators(email string, planID int64, period string) map[string]indicatorJSON {
	e.t.Helper()
	r := e.api(email, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/indicators?period=%s", planID, period), "")
	require.Equal(e.t, http.StatusOK, r.Code, r.Body)
	var list []indicatorJSON
	require.NoError(e.t, json.Unmarshal([]byte(r.Body), &list))
	out := map[string]indicatorJSON{}
	for _, i := range list {
		out[i.Code] = i
	}
	return out
}

// TestIndicatorsSayWhichTargetsAreMet: the 2024 plan's 9-month figures,
// summed over its units, against its targets — through the API and the page.
func TestIndicatorsSayWhichTargetsAreMet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(2024)
	got := e.indicators(viewer, id, "9m")
	require.Len(t, got, 6)
	rec := got[indicators.CodeReceived]
	require.Equal(t, "count", rec.Kind)
	require.Equal(t, float64(demo.Received2024), *rec.Actual)
	require.Nil(t, rec.Met, "no target")
	online := got[indicators.CodeOnline]
	require.Equal(t, "ratio", online.Kind)
	require.InDelta(t, 83.45, *online.Actual, 0.005)
	require.Equal(t, float64(demo.Online2024), *online.Numerator)
	require.Equal(t, float64(demo.Received2024), *online.Denominator)
	require.Equal(t, 80.0, *online.Target)
	require.True(t, *online.Met)
	require.True(t, *got[indicators.CodeOnTime].Met)
	require.InDelta(t, 98.0, *got[indicators.CodeOnTime].Actual, 0.005)
	require.Equal(t, demo.SIPAS2024, *got[indicators.CodeSIPAS].Actual)
	require.True(t, *got[indicators.CodeSIPAS].Met)
	require.False(t, *got[indicators.CodePaidOnline].Met, "46,3% < 50%")
	require.True(t, *got[indicators.CodeDocsReviewed].Met)

	page := e.page(e.browser(secretariat), fmt.Sprintf("/plans/%d/indicators?period=9m", id))
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, "4/5 chỉ tiêu đạt")
	require.Contains(t, page.Body, "83,45%")
	require.Contains(t, page.Body, "50.176")
	require.Contains(t, e.page(e.browser(secretariat), fmt.Sprintf("/plans/%d", id)).Body, "4/5 chỉ tiêu đạt", "the plan shows it too")

	for _, bad := range []string{"period=q5", ""} {
		r := e.api(viewer, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/indicators?%s", id, bad), "")
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, bad)
	}
}

// TestIndicatorValuesAPI: a unit's figure → 201; a unit outside the
// caller's rights → 403; bad input → 422 and nothing written; a stale
// version → 409; a plan outside the caller's tree → 404.
func TestIndicatorValuesAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	ind := e.indicators(officer, id, "q4")
	onTime := ind[indicators.CodeOnTime].ID
	received := ind[indicators.CodeReceived].ID
	post := func(email string, iid int64, body string) response {
		return e.api(email, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/indicators/%d/values", id, iid), body)
	}
	before := e.count("indicator_values")

	r := post(officer, onTime, `{"period": "q4", "unit": "STP", "numerator": 980, "denominator": 1000, "evidence": "Báo cáo số 12/BC-STP"}`)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	require.Contains(t, r.Body, `"unit":{"code":"STP","name":"Sở Tư pháp"}`)
	require.Contains(t, r.Body, `"version":1`)
	require.Equal(t, before+1, e.count("indicator_values"))
	require.Equal(t, "value", e.lastAudit("indicator", onTime).Action)

	require.Equal(t, http.StatusForbidden, post(officer, onTime, `{"period": "q4", "unit": "SNV", "numerator": 1, "denominator": 2}`).Code,
		"the justice officer cannot report for the home affairs department")
	require.Equal(t, http.StatusForbidden, post(viewer, received, `{"period": "q4", "unit": "SH", "value": 1}`).Code)
	for _, bad := range []string{
		`{"period": "q4", "unit": "STP", "value": 98}`,                        // a ratio takes numerator and denominator
		`{"period": "q4", "unit": "STP", "numerator": 12, "denominator": 10}`, // more than the whole
		`{"period": "q9", "unit": "STP", "numerator": 1, "denominator": 2}`,   // no such period
		`{"period": "q4", "unit": "NOPE", "numerator": 1, "denominator": 2}`,  // no such unit
		`{"period": "q4", "unit": "STP", "numerator": "x", "denominator": 2}`, // not a number
		`{"period": "q4", "unit": "STP", "numerator": 1, "denominator": 2, "colour": "red"}`,
	} {
		r := post(admin, onTime, bad)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, "%s: %s", bad, r.Body)
	}
	r = post(admin, received, `{"period": "q4", "unit": "STP", "value": 12.5}`)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "số nguyên")
	r = post(admin, received, `{"period": "q4", "unit": "X-THACHBAN", "value": 12}`)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, "a unit of another province is not the plan's: %s", r.Body)
	require.Equal(t, before+1, e.count("indicator_values"), "only the valid one was written")

	require.Equal(t, http.StatusConflict, post(officer, onTime, `{"period": "q4", "unit": "STP", "numerator": 990, "denominator": 1000, "version": 0}`).Code)
	require.Equal(t, http.StatusCreated, post(officer, onTime, `{"period": "q4", "unit": "STP", "numerator": 990, "denominator": 1000, "version": 1}`).Code)
	require.Equal(t, http.StatusNotFound, e.api(officer, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/indicators/%d/values", e.planID(2024), onTime),
		`{"period": "9m", "unit": "STP", "numerator": 1, "denominator": 2}`).Code, "the city of 2024 is not in the officer's tree")

	// The secretariat adds the plan's own indicator and sets a target.
	r = e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/indicators", id),
		`{"code": "SO_HOA", "name": "Tỷ lệ hồ sơ được số hóa", "kind": "ratio", "target": 90}`)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/indicators", id),
		`{"code": "X", "name": "X", "kind": "count"}`).Code)
	r = e.api(secretariat, http.MethodPut, fmt.Sprintf("/api/v1/plans/%d/indicators/%d/target", id, onTime), `{"target": 99, "version": 0}`)
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Equal(t, 99.0, *e.indicators(secretariat, id, "q4")[indicators.CodeOnTime].Target)
}

// TestIndicatorTemplateImport: the template comes prefilled for the units
// the caller may report for; a filled one is imported all or nothing.
func TestIndicatorTemplateImport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	r := e.api(officer, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/indicators/template.xlsx?period=q4", id), "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	f, err := excelize.OpenReader(strings.NewReader(r.Body))
	require.NoError(t, err)
	rows, err := f.GetRows(indicators.SheetTemplate)
	require.NoError(t, err)
	require.Len(t, rows, 5+7, "the officer's unit, once per indicator (six standard and the province's own)")
	require.Equal(t, "STP", rows[5][4])
	line := func(code string) int {
		for i, row := range rows {
			if len(row) > 0 && row[0] == code {
				return i + 1
			}
		}
		t.Fatalf("no row %s", code)
		return 0
	}
	set := func(cell string, v any) { require.NoError(t, f.SetCellValue(indicators.SheetTemplate, cell, v)) }
	set(fmt.Sprintf("G%d", line(indicators.CodeReceived)), "1.860")
	set(fmt.Sprintf("H%d", line(indicators.CodeOnTime)), 1830)
	set(fmt.Sprintf("I%d", line(indicators.CodeOnTime)), 1900)
	set(fmt.Sprintf("H%d", line(indicators.CodeOnline)), 2000) // more than the whole: refused
	set(fmt.Sprintf("I%d", line(indicators.CodeOnline)), 1860)
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	before := e.count("indicator_values")
	up := e.upload(nil, officer, fmt.Sprintf("/api/v1/plans/%d/indicators/import?period=q4", id), nil, buf.Bytes(), "chi-tieu.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, up.Code, up.Body)
	require.Contains(t, up.Body, fmt.Sprintf("dòng %d, cột Tử số", line(indicators.CodeOnline)))
	require.Equal(t, before, e.count("indicator_values"), "nothing written")

	set(fmt.Sprintf("H%d", line(indicators.CodeOnline)), 1500)
	buf.Reset()
	require.NoError(t, f.Write(&buf))
	up = e.upload(nil, officer, fmt.Sprintf("/api/v1/plans/%d/indicators/import?period=q4", id), nil, buf.Bytes(), "chi-tieu.xlsx")
	require.Equal(t, http.StatusCreated, up.Code, up.Body)
	require.JSONEq(t, `{"values": 3}`, up.Body)
	got := e.indicators(officer, id, "q4")
	require.Equal(t, 1860.0, *got[indicators.CodeReceived].Actual)

	// The same through the page.
	c := e.browser(officer)
	page := e.upload(c, "", fmt.Sprintf("/plans/%d/indicators/import?period=h1", id), nil, buf.Bytes(), "chi-tieu.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, page.Code, "a template of quý IV is not one of 6 tháng")
	require.Contains(t, page.Body, "quý IV")
}

type submissionJSON struct {
	Unit        struct{ Code, Name string } `json:"unit"`
	PlanID      int64                       `json:"plan_id"`
	State       string                      `json:"state"`
	FinalisedAt *string                     `json:"finalised_at"`
	Late        bool                        `json:"late"`
}

// TestSubmissions: the current-year province shows the reports of its
// units for the last quarter, in every state and some late; the late ones
// are reminded; the province's report carries their table.
func TestSubmissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	var subs []submissionJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/submissions?period=q3", id), &subs)
	require.Len(t, subs, len(demo.Submissions))
	states := map[string]int{}
	late := 0
	for _, s := range subs {
		states[s.State]++
		if s.Late {
			late++
		}
		require.Equal(t, s.State == "finalised", s.FinalisedAt != nil, s.Unit.Code)
		require.NotZero(t, s.PlanID)
	}
	require.Positive(t, states["not_started"])
	require.Positive(t, states["draft"])
	require.Positive(t, states["finalised"])
	require.Positive(t, late)
	require.Equal(t, http.StatusUnprocessableEntity, e.api(admin, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/submissions", id), "").Code)
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/submissions?period=q3", id), "").Code,
		"the whole plan's reports are for those who see all of it")

	// The page, and a reminder to the late units: Sở Tư pháp has drafted
	// its report but not sent it, and its officer is told.
	sec := e.browser(secretariat)
	page := e.page(sec, fmt.Sprintf("/plans/%d/submissions?period=q3", id))
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, "Kết quả thực hiện của các cơ quan, đơn vị")
	require.Contains(t, page.Body, `data-unit="STP" class="is-overdue"`)
	require.Equal(t, http.StatusForbidden, e.form(e.browser(officer), fmt.Sprintf("/plans/%d/submissions/remind?period=q3", id), nil, nil).Code)
	r := e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/submissions/remind?period=q3", id), "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	var told struct{ Units int }
	require.NoError(t, json.Unmarshal([]byte(r.Body), &told))
	require.Equal(t, late-countFinalisedLate(subs), told.Units)
	notices := func() string { return e.api(officer, http.MethodGet, "/api/v1/notifications", "").Body }
	require.Equal(t, 1, strings.Count(notices(), "Chậm gửi báo cáo cải cách hành chính quý III năm 2026"), "Sở Tư pháp is told")
	again := e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/submissions/remind?period=q3", id), "")
	require.Equal(t, http.StatusOK, again.Code)
	require.Equal(t, 1, strings.Count(notices(), "Chậm gửi báo cáo cải cách hành chính quý III năm 2026"), "once a day")
	require.Equal(t, "remind_reports", e.lastAudit("report", id).Action)

	// The province's report includes the units' table.
	d := e.api(secretariat, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/report?period=q3&format=docx", id), "")
	require.Equal(t, http.StatusOK, d.Code)
	text := docxText(t, []byte(d.Body))
	require.Contains(t, text, "Kết quả thực hiện của các cơ quan, đơn vị")
	require.Contains(t, text, "Sở Tư pháp")
	require.Contains(t, text, "Chưa báo cáo (chậm)")
}

func countFinalisedLate(subs []submissionJSON) int {
	n := 0
	for _, s := range subs {
		if s.Late && s.State == "finalised" {
			n++
		}
	}
	return n
}

// TestRemarksReachTheReport: a reason and a proposal posted with progress
// on an overdue task appear in the report; the report settings page
// changes the layout and the recipients.
func TestRemarksReachTheReport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own := e.firstTaskOf(demoJustice, "overdue")
	r := e.api(officer, http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", own.ID),
		fmt.Sprintf(`{"percent": 70, "note": "Đang hoàn thiện.", "reason": "Chờ ý kiến của Bộ Tư pháp.", "proposals": "Đề nghị Bộ Tư pháp sớm có ý kiến.", "version": %d}`, own.Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	c := e.browser(officer)
	page := e.page(c, fmt.Sprintf("/tasks/%d", own.ID))
	require.Contains(t, page.Body, "Chờ ý kiến của Bộ Tư pháp.")
	require.Contains(t, page.Body, `name="reason"`, "an overdue task asks why")

	id := e.planID(now.Year())
	sec := e.browser(secretariat)
	rep := e.page(sec, fmt.Sprintf("/plans/%d/report?period=q4", id))
	require.Equal(t, http.StatusOK, rep.Code)
	require.Contains(t, rep.Body, "Chờ ý kiến của Bộ Tư pháp.")
	require.Contains(t, rep.Body, "Sở Tư pháp (nhiệm vụ "+own.Number+"): Đề nghị Bộ Tư pháp sớm có ý kiến.")

	settings := e.page(sec, fmt.Sprintf("/plans/%d/report/settings", id))
	require.Equal(t, http.StatusOK, settings.Code)
	require.Contains(t, settings.Body, "- UBND các xã, phường, đặc khu;")
	// The continuous rule is an input of every count: saving it moves the
	// plan's closed continuous tasks back until the year-end cut-off.
	continuousDone := func() int {
		var ts []taskJSON
		e.getJSON(fmt.Sprintf("/api/v1/plans/%d/tasks?status=completed&deadline=continuous", id), &ts)
		return len(ts)
	}
	var open []taskJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/tasks?status=continuous", id), &open)
	require.NotEmpty(t, open)
	cont := open[0]
	r = e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", cont.ID),
		fmt.Sprintf(`{"percent": 100, "completed": true, "note": "Đã hoàn thành cả năm.", "evidence": {"number": "45/BC-SNV", "date": "%s"}, "version": %d}`,
			now.Format("2006-01-02"), cont.Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	closed := continuousDone()
	require.Positive(t, closed, "a closed continuous task counts at once by default")
	var js map[string]any
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/report-settings", id), &js)
	form := url.Values{"sections": {"national"}, "recipients": {"- Bộ Nội vụ (b/c);\n- Lưu: VT, NC."}, "signer": {"Nguyễn Văn Lãnh"},
		"submission_days": {"3"}, "continuous_year_end": {"1"}, "version": {fmt.Sprint(js["version"])}, "plan_version": {fmt.Sprint(js["plan_version"])}}
	require.Equal(t, http.StatusForbidden, e.form(e.browser(viewer), fmt.Sprintf("/plans/%d/report/settings", id), form, nil).Code)
	res := e.form(sec, fmt.Sprintf("/plans/%d/report/settings", id), form, nil)
	require.Equal(t, http.StatusSeeOther, res.Code, res.Body)
	require.Equal(t, http.StatusConflict, e.form(sec, fmt.Sprintf("/plans/%d/report/settings", id), form, nil).Code, "stale versions")
	require.Zero(t, continuousDone(), "before 14/12 no continuous task counts as completed under the year-end rule")
	d := e.api(secretariat, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/report?period=q4&format=docx", id), "")
	text := docxText(t, []byte(d.Body))
	require.Contains(t, text, "Nguyễn Văn Lãnh")
	require.Contains(t, text, "chỉ được tính là hoàn thành từ thời điểm chốt số liệu báo cáo năm")
	require.Contains(t, text, "- Lưu: VT, NC.")
	require.NotContains(t, text, "- Các sở, ban, ngành tỉnh;", "the recipients of the settings replace the defaults")
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/report-settings", id), &js)
	require.Equal(t, "national", js["sections"])
	require.Equal(t, true, js["continuous_year_end"])
	require.Equal(t, 3.0, js["submission_days"])
}

// TestContinuousRuleFollowsTheCutoffScheme: under the year-end rule a
// closed continuous task counts from the year report's cut-off, 14/12 by
// the decree and 31/12 with calendar quarters; changing the plan's scheme
// moves that day in the counts of every later read.
func TestContinuousRuleFollowsTheCutoffScheme(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	var open []taskJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/tasks?status=continuous", id), &open)
	require.NotEmpty(t, open)
	r := e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", open[0].ID),
		fmt.Sprintf(`{"percent": 100, "completed": true, "note": "Đã hoàn thành cả năm.", "evidence": {"number": "46/BC-SNV", "date": "%s"}, "version": %d}`,
			now.Format("2006-01-02"), open[0].Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	var js map[string]any
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/report-settings", id), &js)
	r = e.api(secretariat, http.MethodPut, fmt.Sprintf("/api/v1/plans/%d/report-settings", id),
		fmt.Sprintf(`{"continuous_year_end": true, "version": %v, "plan_version": %v}`, js["version"], js["plan_version"]))
	require.Equal(t, http.StatusOK, r.Code, r.Body)

	completedOn := func(day string) int {
		var st struct{ Completed int }
		e.getJSON(fmt.Sprintf("/api/v1/plans/%d/stats?as_of=%d-%s", id, now.Year(), day), &st)
		return st.Completed
	}
	decree := completedOn("12-20")
	require.Equal(t, decree-1, completedOn("12-13"), "before the decree's cut-off (14/12) it does not count")

	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/report-settings", id), &js)
	r = e.api(secretariat, http.MethodPatch, fmt.Sprintf("/api/v1/plans/%d", id), fmt.Sprintf(`{"version": %v, "cutoff_scheme": "calendar"}`, js["plan_version"]))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Equal(t, decree-1, completedOn("12-20"), "with calendar quarters the year's cut-off is 31/12")
	require.Equal(t, decree, completedOn("12-31"))
}
