package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/demo"
	"cchc/reminders"
	"cchc/tasks"
	"cchc/units"
)

// secretRe finds the webhook secret a page shows once.
var secretRe = regexp.MustCompile(`id="webhook-secret">([0-9a-f]{64})<`)

// rulesForm is the reminder rules form filled with the defaults.
func rulesForm() url.Values {
	return url.Values{"enabled": {"1"}, "days_before": {"7, 3, 1"}, "on_due_day": {"1"}, "overdue_every": {"7"},
		"escalate_after": {"14"}, "report_days_before": {"7, 2"}}
}

func (e *env) settings(planID int64) reminders.Settings {
	e.t.Helper()
	s, err := reminders.SettingsFor(context.Background(), e.db, planID)
	require.NoError(e.t, err)
	return s
}

// dueSoonSteps counts the "due soon" warnings a run at instant at would
// send about the plan, by step (days before the deadline).
func (e *env) dueSoonSteps(planID int64, at time.Time) map[int]int {
	e.t.Helper()
	ns, err := reminders.Compute(context.Background(), e.db, at)
	require.NoError(e.t, err)
	steps := map[int]int{}
	for _, n := range ns {
		if n.PlanID == planID && n.Kind == reminders.KindDueSoon {
			steps[n.Step]++
		}
	}
	return steps
}

func (e *env) planNotices(planID int64, at time.Time) int {
	e.t.Helper()
	ns, err := reminders.Compute(context.Background(), e.db, at)
	require.NoError(e.t, err)
	n := 0
	for _, x := range ns {
		if x.PlanID == planID {
			n++
		}
	}
	return n
}

// foreignPlan is a plan of the other province (call e.planID first: it has
// the current year too).
func (e *env) foreignPlan() int64 {
	e.t.Helper()
	tk, err := tasks.Get(context.Background(), e.db, e.foreignTask())
	require.NoError(e.t, err)
	return tk.PlanID
}

func (e *env) webhooks(unitID, planID int64) []reminders.Webhook {
	e.t.Helper()
	ws, err := reminders.Webhooks(context.Background(), e.db, unitID, planID)
	require.NoError(e.t, err)
	return ws
}

// The secretariat changes the rules on the page, and the next run follows
// them: task 6 of the demo (Phòng Tư pháp) is due in 5 days, so the
// default rules warn "7 days before" and a rule of 5 days warns at 5.
func TestReminderSettingsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	path := fmt.Sprintf("/plans/%d/reminders", id)
	c := e.browser(secretariat)

	require.Contains(t, e.page(c, fmt.Sprintf("/plans/%d", id)).Body, `href="`+path+`"`, "the plan page links to the reminders")
	r := e.page(c, path)
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `value="7, 3, 1"`)
	require.Contains(t, r.Body, "Đang dùng quy tắc mặc định")

	before := e.dueSoonSteps(id, now)
	require.Positive(t, before[7], "the default rules warn 7 days before: %v", before)
	require.Zero(t, before[5])

	f := rulesForm()
	f.Set("days_before", "5")
	f.Set("overdue_every", "10")
	f.Set("escalate_after", "20")
	f.Set("report_days_before", "")
	r = e.form(c, path, f, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Equal(t, path, r.Head.Get("Location"))

	s := e.settings(id)
	require.True(t, s.Enabled)
	require.True(t, s.OnDueDay)
	require.Equal(t, []int{5}, s.DaysBefore)
	require.Equal(t, 10, s.OverdueEvery)
	require.Equal(t, 20, s.EscalateAfter)
	require.Empty(t, s.ReportDaysBefore, "reporting reminders off")

	after := e.dueSoonSteps(id, now)
	require.Zero(t, after[7], "no 7-day warning any more: %v", after)
	require.Positive(t, after[5], "a 5-day warning instead: %v", after)

	r = e.page(c, path)
	require.Contains(t, r.Body, "Đã lưu quy tắc nhắc việc của kế hoạch.")
	require.Contains(t, r.Body, `id="days_before" name="days_before" value="5"`)
	require.Contains(t, r.Body, "Cập nhật lần cuối lúc")

	// Turning reminders off silences the plan.
	require.Positive(t, e.planNotices(id, now))
	f.Del("enabled")
	require.Equal(t, http.StatusSeeOther, e.form(c, path, f, nil).Code)
	require.False(t, e.settings(id).Enabled)
	require.Zero(t, e.planNotices(id, now))
}

// Bad input re-renders the form with a Vietnamese message and what was
// typed, answers 422 and saves nothing.
func TestReminderSettingsInvalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	path := fmt.Sprintf("/plans/%d/reminders", id)
	c := e.browser(secretariat)
	for _, tc := range []struct{ field, value, msg string }{
		{"days_before", "7, ba", "Số ngày nhắc trước hạn phải là các số nguyên, cách nhau bằng dấu phẩy"},
		{"days_before", "7, 0", "Số ngày phải từ 1 đến 60 (có 0)"},
		{"overdue_every", "0", "Chu kỳ nhắc quá hạn phải từ 1 đến 90 ngày"},
		{"overdue_every", "", "Chu kỳ nhắc quá hạn phải là một số nguyên"},
		{"escalate_after", "400", "Số ngày quá hạn trước khi báo lãnh đạo phải từ 1 đến 365"},
		{"report_days_before", "7, 31", "Số ngày phải từ 1 đến 30 (có 31)"},
		{"report_days_before", "hai", "Số ngày làm việc nhắc trước kỳ chốt số liệu phải là các số nguyên"},
	} {
		f := rulesForm()
		f.Set("days_before", "2")
		f.Set(tc.field, tc.value)
		r := e.form(c, path, f, nil)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, "%s=%q", tc.field, tc.value)
		require.Contains(t, r.Body, tc.msg)
		require.Contains(t, r.Body, fmt.Sprintf(`name="%s" value="%s"`, tc.field, tc.value), "the form keeps what was typed")
		if tc.field != "days_before" {
			require.Contains(t, r.Body, `name="days_before" value="2"`, "the other fields too")
		}
		require.Equal(t, reminders.DefaultSettings(id), e.settings(id), "nothing saved")
	}
}

// The secretariat of the plan and admins edit its reminders; everyone else
// who sees the plan is forbidden, a plan of another province is not found.
func TestReminderSettingsRights(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	foreign := e.foreignPlan()
	path := fmt.Sprintf("/plans/%d/reminders", id)
	apiPath := fmt.Sprintf("/api/v1/plans/%d/reminder-settings", id)
	for email, want := range map[string]int{admin: 200, secretariat: 200, leader: 403, officer: 403, viewer: 403} {
		c := e.browser(email)
		allowed := want == http.StatusOK
		require.Equal(t, allowed, regexp.MustCompile(`href="`+path+`"`).MatchString(e.page(c, fmt.Sprintf("/plans/%d", id)).Body), "%s: link on the plan page", email)
		require.Equal(t, want, e.page(c, path).Code, "%s opens the page", email)
		require.Equal(t, want, e.api(email, http.MethodGet, apiPath, "").Code, "%s reads the settings", email)
		require.Equal(t, want, e.api(email, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/webhooks", id), "").Code, "%s lists the webhooks", email)

		before := e.settings(id)
		f := rulesForm()
		f.Set("days_before", "2")
		r := e.form(c, path, f, nil)
		hooks := len(e.webhooks(0, id))
		h := e.form(c, path+"/webhooks", url.Values{"name": {"Nhóm"}, "url": {"https://chat.example.test/" + email}}, nil)
		if allowed {
			require.Equal(t, http.StatusSeeOther, r.Code, "%s saves: %s", email, r.Body)
			require.Equal(t, http.StatusCreated, h.Code, "%s adds a webhook", email)
			continue
		}
		require.Equal(t, want, r.Code, "%s saves", email)
		require.Equal(t, want, h.Code, "%s adds a webhook", email)
		require.Equal(t, want, e.api(email, http.MethodPut, apiPath, `{"days_before": [2]}`).Code)
		require.Equal(t, want, e.api(email, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/webhooks", id), `{"url": "https://chat.example.test/x"}`).Code)
		require.Equal(t, before, e.settings(id), "a refused change saves nothing")
		require.Len(t, e.webhooks(0, id), hooks)
	}

	c := e.browser(secretariat)
	require.Equal(t, http.StatusNotFound, e.page(c, fmt.Sprintf("/plans/%d/reminders", foreign)).Code)
	require.Equal(t, http.StatusNotFound, e.form(c, fmt.Sprintf("/plans/%d/reminders", foreign), rulesForm(), nil).Code)
	require.Equal(t, http.StatusNotFound, e.api(secretariat, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/reminder-settings", foreign), "").Code)
	require.Equal(t, http.StatusNotFound, e.page(c, "/plans/999999/reminders").Code)
	require.Equal(t, http.StatusOK, e.page(e.browser(admin), fmt.Sprintf("/plans/%d/reminders", foreign)).Code)
}

// A webhook's secret is shown once, when it is created; the list shows the
// webhook, which the secretariat turns off and on.
func TestPlanWebhooks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	old := e.planID(2024)
	path := fmt.Sprintf("/plans/%d/reminders/webhooks", id)
	c := e.browser(secretariat)

	r := e.form(c, path, url.Values{"name": {"Nhóm Zalo"}, "url": {"ftp://chat.example.test/cchc"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "không phải là một URL http(s) đầy đủ")
	require.Contains(t, r.Body, `value="ftp://chat.example.test/cchc"`)
	require.Empty(t, e.webhooks(0, id))

	r = e.form(c, path, url.Values{"name": {"Nhóm Zalo CCHC thành phố"}, "url": {"https://chat.example.test/cchc"}}, nil)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	m := secretRe.FindStringSubmatch(r.Body)
	require.NotNil(t, m, "the secret is shown: %s", r.Body)
	secret := m[1]
	ws := e.webhooks(0, id)
	require.Len(t, ws, 1)
	require.Equal(t, secret, ws[0].Secret)
	require.True(t, ws[0].Active)
	body := []byte(`{"notices": []}`)
	require.True(t, reminders.Verify(secret, body, reminders.Sign(ws[0].Secret, body)), "the shown secret verifies what the server signs")

	page := e.page(c, fmt.Sprintf("/plans/%d/reminders", id))
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, "Nhóm Zalo CCHC thành phố")
	require.Contains(t, page.Body, "https://chat.example.test/cchc")
	require.NotContains(t, page.Body, secret, "shown once only")

	active := fmt.Sprintf("%s/%d/active", path, ws[0].ID)
	r = e.form(c, active, url.Values{"active": {"0"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.False(t, e.webhooks(0, id)[0].Active)
	require.Contains(t, e.page(c, fmt.Sprintf("/plans/%d/reminders", id)).Body, "Đã tắt webhook “Nhóm Zalo CCHC thành phố”.")
	require.Equal(t, http.StatusSeeOther, e.form(c, active, url.Values{"active": {"1"}}, nil).Code)
	require.True(t, e.webhooks(0, id)[0].Active)

	// Through another plan's page the webhook does not exist; others may not touch it.
	require.Equal(t, http.StatusNotFound, e.form(c, fmt.Sprintf("/plans/%d/reminders/webhooks/%d/active", old, ws[0].ID), url.Values{"active": {"0"}}, nil).Code)
	require.Equal(t, http.StatusForbidden, e.form(e.browser(officer), active, url.Values{"active": {"0"}}, nil).Code)
	require.True(t, e.webhooks(0, id)[0].Active)
}

// Admins manage a unit's webhooks on /units/{code}/webhooks.
func TestUnitWebhooks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	justice, err := units.ByCode(ctx, e.db, demo.JusticeCode)
	require.NoError(t, err)
	path := "/units/" + demo.JusticeCode + "/webhooks"
	c := e.browser(admin)

	r := e.page(c, path)
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "Sở Tư pháp")
	require.Contains(t, r.Body, "Chưa có webhook nào.")

	r = e.form(c, path, url.Values{"name": {"Nhóm Telegram Tư pháp"}, "url": {"https://t.example.test/ptp"}}, nil)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	m := secretRe.FindStringSubmatch(r.Body)
	require.NotNil(t, m)
	ws := e.webhooks(justice.ID, 0)
	require.Len(t, ws, 1)
	require.Equal(t, m[1], ws[0].Secret)
	require.Zero(t, ws[0].PlanID)

	r = e.page(c, path)
	require.Contains(t, r.Body, "Nhóm Telegram Tư pháp")
	require.NotContains(t, r.Body, m[1])

	r = e.form(c, fmt.Sprintf("%s/%d/active", path, ws[0].ID), url.Values{"active": {"0"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.Equal(t, path, r.Head.Get("Location"))
	require.False(t, e.webhooks(justice.ID, 0)[0].Active)
	require.Equal(t, http.StatusNotFound, e.form(c, fmt.Sprintf("/units/%s/webhooks/%d/active", demo.SecretariatCode, ws[0].ID), url.Values{"active": {"1"}}, nil).Code)
	require.Equal(t, http.StatusNotFound, e.page(c, "/units/KHONG-CO/webhooks").Code)

	r = e.form(c, path, url.Values{"url": {"khong-phai-url"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "không phải là một URL http(s) đầy đủ")

	for _, email := range []string{leader, secretariat, officer, viewer} {
		b := e.browser(email)
		require.Equal(t, http.StatusForbidden, e.page(b, path).Code, email)
		require.Equal(t, http.StatusForbidden, e.form(b, path, url.Values{"url": {"https://t.example.test/x"}}, nil).Code, email)
		require.Equal(t, http.StatusForbidden, e.form(b, fmt.Sprintf("%s/%d/active", path, ws[0].ID), url.Values{"active": {"1"}}, nil).Code, email)
		require.Equal(t, http.StatusForbidden, e.api(email, http.MethodGet, "/api/v1"+path, "").Code, email)
		require.Equal(t, http.StatusForbidden, e.api(email, http.MethodPost, fmt.Sprintf("/api/v1/webhooks/%d/active", ws[0].ID), `{"active": true}`).Code, email)
	}
	require.Len(t, e.webhooks(justice.ID, 0), 1)
	require.False(t, e.webhooks(justice.ID, 0)[0].Active)

	// The API: admins list and add; a unit of another province is not
	// found for the city's secretariat.
	r = e.api(admin, http.MethodGet, "/api/v1"+path, "")
	require.Equal(t, http.StatusOK, r.Code)
	require.NotContains(t, r.Body, `"secret"`)
	require.Len(t, decode[[]map[string]any](t, r), 1)
	r = e.api(admin, http.MethodPost, "/api/v1/units/"+demo.OtherProvinceCode+"/webhooks", `{"name": "Tỉnh", "url": "https://t.example.test/dg"}`)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	dg := decode[struct {
		ID     int64  `json:"id"`
		Secret string `json:"secret"`
	}](t, r)
	require.Len(t, dg.Secret, 64)
	require.Equal(t, http.StatusNotFound, e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/webhooks/%d/active", dg.ID), `{"active": false}`).Code)
	require.Equal(t, http.StatusOK, e.api(admin, http.MethodPost, fmt.Sprintf("/api/v1/webhooks/%d/active", dg.ID), `{"active": false}`).Code)
}

// Holidays are for admins; a holiday is a day without reminders.
func TestHolidays(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	today := "2026-11-23" // now: a Monday

	for _, email := range []string{leader, secretariat, officer, viewer} {
		c := e.browser(email)
		require.Equal(t, http.StatusForbidden, e.page(c, "/admin/holidays").Code, email)
		require.Equal(t, http.StatusForbidden, e.form(c, "/admin/holidays", url.Values{"day": {today}, "name": {"Nghỉ"}}, nil).Code, email)
		require.Equal(t, http.StatusForbidden, e.form(c, "/admin/holidays/"+today+"/delete", url.Values{}, nil).Code, email)
		require.NotContains(t, e.page(c, "/plans").Body, `href="/admin/holidays"`, "no menu entry for %s", email)
	}
	hs, err := reminders.Holidays(ctx, e.db, 0)
	require.NoError(t, err)
	require.Empty(t, hs)

	c := e.browser(admin)
	r := e.page(c, "/admin/holidays")
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `href="/admin/holidays"`)
	require.Contains(t, r.Body, "Chưa có ngày nghỉ nào trong năm này.")

	for _, tc := range []struct{ day, msg string }{{"", "Cần chọn ngày nghỉ"}, {"31/11/2026", "Ngày “31/11/2026” không hợp lệ"}} {
		r = e.form(c, "/admin/holidays", url.Values{"day": {tc.day}, "name": {"Nghỉ bù"}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, tc.day)
		require.Contains(t, r.Body, tc.msg)
		require.Contains(t, r.Body, `value="Nghỉ bù"`)
	}
	hs, err = reminders.Holidays(ctx, e.db, 0)
	require.NoError(t, err)
	require.Empty(t, hs, "nothing saved")

	require.NotEmpty(t, e.dueSoonSteps(e.planID(now.Year()), now), "a working Monday has reminders")
	r = e.form(c, "/admin/holidays", url.Values{"day": {today}, "name": {"Nghỉ bù Quốc khánh"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Equal(t, "/admin/holidays?year=2026", r.Head.Get("Location"))
	r = e.page(c, "/admin/holidays?year=2026")
	require.Contains(t, r.Body, "Nghỉ bù Quốc khánh")
	require.Contains(t, r.Body, "23/11/2026")
	require.NotContains(t, e.page(c, "/admin/holidays?year=2025").Body, "Nghỉ bù Quốc khánh", "listed by year")

	// The holiday is not a working day: a run on it records nothing.
	notices := e.count("notices")
	res, err := reminders.Run(ctx, e.db, now, reminders.Config{})
	require.NoError(t, err)
	require.False(t, res.WorkingDay)
	require.Zero(t, res.Created)
	require.Equal(t, notices, e.count("notices"))
	due, err := reminders.Compute(ctx, e.db, now)
	require.NoError(t, err)
	require.Empty(t, due)

	r = e.form(c, "/admin/holidays/"+today+"/delete", url.Values{}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	due, err = reminders.Compute(ctx, e.db, now)
	require.NoError(t, err)
	require.NotEmpty(t, due, "a working day again")
	require.Equal(t, http.StatusNotFound, e.form(c, "/admin/holidays/"+today+"/delete", url.Values{}, nil).Code)
	require.Equal(t, http.StatusNotFound, e.form(c, "/admin/holidays/23-11-2026/delete", url.Values{}, nil).Code)
}

type settingsDoc struct {
	PlanID           int64   `json:"plan_id"`
	Enabled          bool    `json:"enabled"`
	DaysBefore       []int   `json:"days_before"`
	OnDueDay         bool    `json:"on_due_day"`
	OverdueEvery     int     `json:"overdue_every"`
	EscalateAfter    int     `json:"escalate_after"`
	ReportDaysBefore []int   `json:"report_days_before"`
	UpdatedAt        *string `json:"updated_at"`
}

func TestReminderSettingsAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	path := fmt.Sprintf("/api/v1/plans/%d/reminder-settings", id)

	r := e.api(secretariat, http.MethodGet, path, "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	s := decode[settingsDoc](t, r)
	require.Equal(t, settingsDoc{PlanID: id, Enabled: true, DaysBefore: []int{7, 3, 1}, OnDueDay: true, OverdueEvery: 7, EscalateAfter: 14, ReportDaysBefore: []int{7, 2}}, s)

	// Fields left out keep their value; lists are sorted, duplicates dropped.
	r = e.api(secretariat, http.MethodPut, path, `{"days_before": [1, 5, 5], "overdue_every": 3}`)
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	s = decode[settingsDoc](t, r)
	require.Equal(t, []int{5, 1}, s.DaysBefore)
	require.Equal(t, 3, s.OverdueEvery)
	require.Equal(t, 14, s.EscalateAfter)
	require.Equal(t, []int{7, 2}, s.ReportDaysBefore)
	require.NotNil(t, s.UpdatedAt)
	got := e.api(admin, http.MethodGet, path, "")
	require.Equal(t, s, decode[settingsDoc](t, got))

	// What GET answers can be PUT back as is.
	r = e.api(secretariat, http.MethodPut, path, got.Body)
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	steps := e.dueSoonSteps(id, now)
	require.Positive(t, steps[5], "%v", steps)
	require.Zero(t, steps[7], "%v", steps)

	saved := e.settings(id)
	for _, body := range []string{`{"overdue_every": 0}`, `{"days_before": [61]}`, `{"report_days_before": [0]}`, `{"escalate_after": 366}`,
		`{"days_before": "7"}`, `{"bogus": 1}`, `{`, `{"enabled": false} {}`} {
		r = e.api(secretariat, http.MethodPut, path, body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, body+" → "+r.Body)
		require.Contains(t, r.Body, `"code":"invalid_input"`)
		require.Equal(t, saved, e.settings(id), "nothing changed by %s", body)
	}

	// Webhooks of the plan.
	hooks := fmt.Sprintf("/api/v1/plans/%d/webhooks", id)
	for _, body := range []string{`{"url": "chat.example.test"}`, `{"url": "https://chat.example.test/x", "secret": "ngan"}`, `{"url": "https://chat.example.test/x", "active": true}`} {
		r = e.api(secretariat, http.MethodPost, hooks, body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, body+" → "+r.Body)
	}
	r = e.api(secretariat, http.MethodPost, hooks, `{"name": "Telegram CCHC", "url": "https://chat.example.test/plan"}`)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	type hookDoc struct {
		ID     int64  `json:"id"`
		PlanID int64  `json:"plan_id"`
		Name   string `json:"name"`
		URL    string `json:"url"`
		Active bool   `json:"active"`
		Secret string `json:"secret"`
	}
	h := decode[hookDoc](t, r)
	require.Equal(t, id, h.PlanID)
	require.True(t, h.Active)
	require.Len(t, h.Secret, 64)
	require.Equal(t, h.Secret, e.webhooks(0, id)[0].Secret)

	r = e.api(secretariat, http.MethodGet, hooks, "")
	require.Equal(t, http.StatusOK, r.Code)
	require.NotContains(t, r.Body, `"secret"`)
	list := decode[[]hookDoc](t, r)
	require.Len(t, list, 1)
	require.Equal(t, "Telegram CCHC", list[0].Name)

	active := fmt.Sprintf("/api/v1/webhooks/%d/active", h.ID)
	for _, body := range []string{`{}`, `{"active": "no"}`, ``} {
		require.Equal(t, http.StatusUnprocessableEntity, e.api(secretariat, http.MethodPost, active, body).Code, body)
	}
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodPost, active, `{"active": false}`).Code)
	require.Equal(t, http.StatusForbidden, e.api(leader, http.MethodPost, active, `{"active": false}`).Code)
	require.True(t, e.webhooks(0, id)[0].Active)
	r = e.api(secretariat, http.MethodPost, active, `{"active": false}`)
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.False(t, decode[hookDoc](t, r).Active)
	require.False(t, e.webhooks(0, id)[0].Active)
	require.Equal(t, http.StatusNotFound, e.api(secretariat, http.MethodPost, "/api/v1/webhooks/999999/active", `{"active": true}`).Code)
}

func TestHolidaysAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	type holiday struct{ Day, Name string }

	r := e.api(admin, http.MethodPost, "/api/v1/holidays", `{"day": "2026-12-24", "name": "Nghỉ bù"}`)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	require.Equal(t, holiday{"2026-12-24", "Nghỉ bù"}, decode[holiday](t, r))
	r = e.api(admin, http.MethodPost, "/api/v1/holidays", `{"day": "2026-12-24", "name": "Nghỉ bù Giáng sinh"}`)
	require.Equal(t, http.StatusOK, r.Code, "renamed")
	require.Equal(t, "Nghỉ bù Giáng sinh", decode[holiday](t, r).Name)
	for _, body := range []string{`{"day": "24/12/2026", "name": "x"}`, `{"name": "x"}`, `{"day": "2026-12-25", "ngay": 1}`} {
		r = e.api(admin, http.MethodPost, "/api/v1/holidays", body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, body+" → "+r.Body)
	}

	// Everyone reads, by year; only admins write.
	r = e.api(viewer, http.MethodGet, "/api/v1/holidays?year=2026", "")
	require.Equal(t, http.StatusOK, r.Code)
	require.Equal(t, []holiday{{"2026-12-24", "Nghỉ bù Giáng sinh"}}, decode[[]holiday](t, r))
	require.Equal(t, []holiday{{"2026-12-24", "Nghỉ bù Giáng sinh"}}, decode[[]holiday](t, e.api(viewer, http.MethodGet, "/api/v1/holidays", "")), "the current year by default")
	require.Equal(t, `[]`+"\n", e.api(viewer, http.MethodGet, "/api/v1/holidays?year=2025", "").Body)
	require.Len(t, decode[[]holiday](t, e.api(viewer, http.MethodGet, "/api/v1/holidays?year=all", "")), 1)
	require.Equal(t, http.StatusUnprocessableEntity, e.api(viewer, http.MethodGet, "/api/v1/holidays?year=abc", "").Code)
	for _, email := range []string{leader, secretariat, officer, viewer} {
		require.Equal(t, http.StatusForbidden, e.api(email, http.MethodPost, "/api/v1/holidays", `{"day": "2026-12-31", "name": "x"}`).Code, email)
		require.Equal(t, http.StatusForbidden, e.api(email, http.MethodDelete, "/api/v1/holidays/2026-12-24", "").Code, email)
	}

	require.Equal(t, http.StatusNoContent, e.api(admin, http.MethodDelete, "/api/v1/holidays/2026-12-24", "").Code)
	require.Equal(t, http.StatusNotFound, e.api(admin, http.MethodDelete, "/api/v1/holidays/2026-12-24", "").Code)
	require.Equal(t, http.StatusNotFound, e.api(admin, http.MethodDelete, "/api/v1/holidays/24-12-2026", "").Code)
	require.Equal(t, `[]`+"\n", e.api(viewer, http.MethodGet, "/api/v1/holidays?year=all", "").Body)
}
