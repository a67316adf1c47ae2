package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/web"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the instant the tests pretend it is: a Monday morning in Hà Nội.
var now = time.Date(2026, 11, 23, 9, 30, 0, 0, civil.Zone)

type env struct {
	t      *testing.T
	db     *bun.DB
	srv    *httptest.Server
	tokens map[string]string
}

func newEnv(t *testing.T) *env { return newEnvWith(t, nil) }

// newEnvWith is newEnv with the web dependencies adjusted by set.
func newEnvWith(t *testing.T, set func(*web.Deps)) *env {
	t.Helper()
	db := dbtest.Seeded(t, "demo", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, now)
		return err
	})
	d := web.Deps{DB: db, Now: func() time.Time { return now }}
	if set != nil {
		set(&d)
	}
	h, err := web.New(d)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &env{t: t, db: db, srv: srv, tokens: map[string]string{}}
}

type response struct {
	Code int
	Body string
	Head http.Header
}

// client is a browser: it keeps cookies and does not follow redirects.
func (e *env) client() *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(e.t, err)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (e *env) send(c *http.Client, method, path string, body io.Reader, hdr map[string]string) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	require.NoError(e.t, err)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	require.NoError(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return response{Code: res.StatusCode, Body: string(b), Head: res.Header}
}

// token is an API token of the demo user with that e-mail.
func (e *env) token(email string) string {
	e.t.Helper()
	if tok, ok := e.tokens[email]; ok {
		return tok
	}
	u, err := accounts.ByEmail(context.Background(), e.db, email)
	require.NoError(e.t, err)
	tok, _, err := accounts.CreateToken(context.Background(), e.db, u.ID, "test")
	require.NoError(e.t, err)
	e.tokens[email] = tok
	return tok
}

// api calls the JSON API as the demo user with that e-mail.
func (e *env) api(email, method, path, body string) response {
	e.t.Helper()
	hdr := map[string]string{"Authorization": "Bearer " + e.token(email)}
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
		hdr["Content-Type"] = "application/json"
	}
	return e.send(http.DefaultClient, method, path, r, hdr)
}

const admin = "admin@cchc.test"

func (e *env) getJSON(path string, v any) {
	e.t.Helper()
	r := e.api(admin, http.MethodGet, path, "")
	require.Equal(e.t, http.StatusOK, r.Code, r.Body)
	require.NoError(e.t, json.Unmarshal([]byte(r.Body), v), r.Body)
}

func (e *env) postJSON(path, body string) response { return e.api(admin, http.MethodPost, path, body) }

// browser signs in as email and returns the browser.
func (e *env) browser(email string) *http.Client {
	e.t.Helper()
	c := e.client()
	r := e.send(c, http.MethodPost, "/signin", strings.NewReader(url.Values{"email": {email}, "password": {demo.Password}}.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	require.Equal(e.t, http.StatusSeeOther, r.Code, r.Body)
	return c
}

func (e *env) page(c *http.Client, path string) response {
	return e.send(c, http.MethodGet, path, nil, nil)
}

func (e *env) form(c *http.Client, path string, v url.Values, hdr map[string]string) response {
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	for k, x := range hdr {
		h[k] = x
	}
	return e.send(c, http.MethodPost, path, strings.NewReader(v.Encode()), h)
}

type planJSON struct {
	ID    int64  `json:"id"`
	Year  int    `json:"year"`
	Title string `json:"title"`
	State string `json:"state"`
	Unit  struct{ Code, Name string }
	Areas []struct {
		ID    int64
		Label string
		Name  string
		Tasks []taskJSON
	}
}

type taskJSON struct {
	ID       int64  `json:"id"`
	Number   string `json:"number"`
	Title    string `json:"title"`
	LeadUnit struct {
		Code string `json:"code"`
		Name string `json:"name"`
	} `json:"lead_unit"`
	CoordinatingUnits   []struct{ Code, Name string } `json:"coordinating_units"`
	Deadline            struct{ Text, Kind, Date string }
	Status              string  `json:"status"`
	ProgressPercent     int     `json:"progress_percent"`
	CompletedOn         *string `json:"completed_on"`
	Version             int     `json:"version"`
	PendingConfirmation bool    `json:"pending_confirmation"`
}

func (e *env) planID(year int) int64 {
	e.t.Helper()
	var ps []planJSON
	e.getJSON("/api/v1/plans", &ps)
	for _, p := range ps {
		if p.Year == year {
			return p.ID
		}
	}
	e.t.Fatalf("no plan for %d in %+v", year, ps)
	return 0
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	require.Equal(t, http.StatusOK, e.page(c, "/healthz").Code)
	e.db.Close()
	require.Equal(t, http.StatusServiceUnavailable, e.page(c, "/healthz").Code)
}

func TestDemoPlan2024Stats(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(2024)
	var st struct {
		AsOf      string  `json:"as_of"`
		Total     int     `json:"total"`
		Completed int     `json:"completed"`
		Percent   float64 `json:"percent_completed"`
		InProg    int     `json:"in_progress"`
		Overdue   int     `json:"overdue"`
		Cont      int     `json:"continuous"`
		OnTime    int     `json:"completed_on_time"`
		Late      int     `json:"completed_late"`
		ByArea    []struct {
			Label string `json:"label"`
			Total int    `json:"total"`
		} `json:"by_area"`
		ByUnit []struct {
			Code  string `json:"code"`
			Total int    `json:"total"`
		} `json:"by_unit"`
	}
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/stats?as_of=2024-09-20", id), &st)
	require.Equal(t, "2024-09-20", st.AsOf)
	require.Equal(t, 59, st.Total)
	require.Equal(t, 54, st.Completed)
	require.Equal(t, 91.5, st.Percent)
	require.Equal(t, 5, st.Cont, "the 5 uncompleted tasks are continuous ones under way")
	require.Equal(t, 0, st.Overdue)
	require.Equal(t, 54, st.OnTime+st.Late)
	require.Len(t, st.ByArea, 8)
	sum := 0
	for _, a := range st.ByArea {
		sum += a.Total
	}
	require.Equal(t, 59, sum)
	require.NotEmpty(t, st.ByUnit)

	// The 9-month cut-off of Decree 09/2019 gives the same figures.
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/stats?as_of=2024-09-14", id), &st)
	require.Equal(t, 54, st.Completed)
	require.Equal(t, 91.5, st.Percent)

	// The plan page states the same headline, and the annex lists every task.
	r := e.page(e.browser("lanhdao@cchc.test"), fmt.Sprintf("/plans/%d?as_of=2024-09-20", id))
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "54/59 nhiệm vụ, đạt 91,5%")
	require.Contains(t, r.Body, "Cải cách thủ tục hành chính")
	require.Equal(t, 59, strings.Count(r.Body, `href="/tasks/`))

	// By year end every task was done: history after the day does not leak back.
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d/stats?as_of=2024-12-31", id), &st)
	require.Equal(t, 59, st.Completed)
}

func TestPlanPageDatePicker(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(2024)
	c := e.browser("xem@cchc.test")
	r := e.page(c, fmt.Sprintf("/plans/%d?as_of=2024-01-01", id))
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `value="2024-01-01"`)
	require.Contains(t, r.Body, "0/59 nhiệm vụ, đạt 0%")

	bad := e.page(c, fmt.Sprintf("/plans/%d?as_of=hôm-qua", id))
	require.Equal(t, http.StatusUnprocessableEntity, bad.Code)
	require.Contains(t, bad.Body, "không hợp lệ")

	require.Equal(t, http.StatusNotFound, e.page(c, "/plans/999999").Code)
}

func TestCurrentPlanHasEveryKindOfTask(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var p planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", e.planID(now.Year())), &p)
	seen := map[string]bool{}
	justice := map[string]bool{}
	for _, a := range p.Areas {
		for _, tk := range a.Tasks {
			seen[tk.Status] = true
			if tk.LeadUnit.Code == demo.JusticeCode {
				justice[tk.Status] = true
				if tk.Status == "in_progress" || tk.Status == "not_started" {
					d := civil.MustParse(tk.Deadline.Date)
					if !d.Before(civil.In(now)) && d.DaysSince(civil.In(now)) <= 7 {
						justice["due_within_7_days"] = true
					}
				}
			}
			for _, c := range tk.CoordinatingUnits {
				if c.Code == demo.JusticeCode && tk.LeadUnit.Code != demo.JusticeCode {
					justice["coordinates"] = true
				}
			}
		}
	}
	for _, s := range []string{"completed_on_time", "in_progress", "overdue", "not_started", "continuous"} {
		require.True(t, seen[s], "some task is %s: %v", s, seen)
	}
	require.True(t, justice["overdue"], "Sở Tư pháp leads an overdue task")
	require.True(t, justice["due_within_7_days"], "Sở Tư pháp leads a task due within 7 days")
	require.True(t, justice["completed_on_time"] || justice["completed_late"], "Sở Tư pháp leads a completed task")
	require.True(t, justice["coordinates"], "Sở Tư pháp coordinates a task led by another unit")
}

// firstTask is the first task of the plan of year in that status whose
// deadline is a plain date (not recurring, not continuous).
func (e *env) firstTask(year int, status string) taskJSON {
	e.t.Helper()
	var p planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", e.planID(year)), &p)
	for _, a := range p.Areas {
		for _, tk := range a.Tasks {
			if tk.Status == status && tk.Deadline.Kind == "date" {
				return tk
			}
		}
	}
	e.t.Fatalf("no %s task", status)
	return taskJSON{}
}

func TestAPIProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tk := e.firstTask(now.Year(), "overdue")
	path := fmt.Sprintf("/api/v1/tasks/%d/progress", tk.ID)

	// A stale version is refused with 409 and changes nothing.
	r := e.postJSON(path, fmt.Sprintf(`{"percent": 50, "note": "Đang dự thảo", "version": %d}`, tk.Version-1))
	require.Equal(t, http.StatusConflict, r.Code, r.Body)
	require.Contains(t, r.Body, `"code":"stale_version"`)
	var same taskJSON
	e.getJSON(fmt.Sprintf("/api/v1/tasks/%d", tk.ID), &same)
	require.Equal(t, tk.Version, same.Version)
	require.Equal(t, tk.ProgressPercent, same.ProgressPercent)

	// Bad input is 422 with a message, never 500.
	for _, body := range []string{`{`, `{"percent": 150, "version": 1}`, `{"percent": 10}`, `{"percent": 10, "version": 1, "evidence": {"date": "30/6/2025"}}`, `{"percent": 1, "version": 1, "bogus": true}`} {
		r := e.postJSON(path, body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, body+" → "+r.Body)
		require.Contains(t, r.Body, `"code":"invalid_input"`)
	}

	// Completing with evidence dated today.
	today := civil.In(now).String()
	r = e.postJSON(path, fmt.Sprintf(`{"completed": true, "note": "Đã ban hành", "evidence": {"number": "99/QĐ-UBND", "date": %q}, "version": %d}`, today, tk.Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	var got taskJSON
	require.NoError(t, json.Unmarshal([]byte(r.Body), &got))
	require.Equal(t, "completed_late", got.Status, "it was overdue, so completing it today is late")
	require.Equal(t, 100, got.ProgressPercent)
	require.Equal(t, tk.Version+1, got.Version)
	require.NotNil(t, got.CompletedOn)
	require.Equal(t, today, *got.CompletedOn)

	// The same version again is now stale: the second of two concurrent editors loses nothing silently.
	r = e.postJSON(path, fmt.Sprintf(`{"percent": 10, "version": %d}`, tk.Version))
	require.Equal(t, http.StatusConflict, r.Code)

	require.Equal(t, http.StatusNotFound, e.postJSON("/api/v1/tasks/999999/progress", `{"percent": 1, "version": 1}`).Code)
	r = e.api(admin, http.MethodGet, "/api/v1/nope", "")
	require.Equal(t, http.StatusNotFound, r.Code)
	require.Contains(t, r.Body, `"code":"not_found"`)
}

func TestTaskPageAndForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tk := e.firstTask(now.Year(), "not_started")
	c := e.browser("noivu@cchc.test")
	page := e.page(c, fmt.Sprintf("/tasks/%d", tk.ID))
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, "Cập nhật tiến độ")
	require.Contains(t, page.Body, "Chưa triển khai")

	form := url.Values{"percent": {"30"}, "note": {"Đã xây dựng dự thảo"}, "version": {fmt.Sprint(tk.Version)}}
	r := e.form(c, fmt.Sprintf("/tasks/%d/progress", tk.ID), form, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)

	page = e.page(c, fmt.Sprintf("/tasks/%d", tk.ID))
	require.Contains(t, page.Body, "Đã xây dựng dự thảo")
	require.Contains(t, page.Body, "Đang thực hiện")

	// The same form again is stale: 409, the form keeps what was typed.
	form.Set("note", "Nội dung mới")
	r = e.form(c, fmt.Sprintf("/tasks/%d/progress", tk.ID), form, map[string]string{"HX-Request": "true"})
	require.Equal(t, http.StatusConflict, r.Code)
	require.Contains(t, r.Body, "Nội dung mới")
	require.Contains(t, r.Body, "người khác cập nhật")
	require.NotContains(t, r.Body, "<html", "an htmx request gets only the fragment")
}

func TestEnglish(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.browser("xem@cchc.test")
	require.Contains(t, e.page(c, "/plans").Body, "Kế hoạch cải cách hành chính")
	r := e.form(c, "/lang", url.Values{"lang": {"en"}, "back": {"/plans"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	r = e.page(c, "/plans")
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `lang="en"`)
	require.Contains(t, r.Body, "Administrative reform plans")
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.page(e.client(), "/signin")
	require.Contains(t, r.Head.Get("Content-Security-Policy"), "script-src 'self'")
	require.Equal(t, "DENY", r.Head.Get("X-Frame-Options"))
	require.Equal(t, "nosniff", r.Head.Get("X-Content-Type-Options"))
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func fmtInt(n int64) string { return fmt.Sprint(n) }

// The API answers in the request's language: a domain error in English
// with Accept-Language: en, in Vietnamese without it.
func TestAPIErrorLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tk := e.firstTask(now.Year(), "overdue")
	path := fmt.Sprintf("/api/v1/tasks/%d/progress", tk.ID)
	body := fmt.Sprintf(`{"percent": 150, "version": %d}`, tk.Version)
	hdr := func(lang string) map[string]string {
		h := map[string]string{"Authorization": "Bearer " + e.token(admin), "Content-Type": "application/json"}
		if lang != "" {
			h["Accept-Language"] = lang
		}
		return h
	}
	var out struct{ Error, Code string }
	r := e.send(http.DefaultClient, http.MethodPost, path, strings.NewReader(body), hdr("en-GB,en;q=0.9,vi;q=0.5"))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.NoError(t, json.Unmarshal([]byte(r.Body), &out))
	require.Equal(t, "invalid_input", out.Code)
	require.Equal(t, "Progress must be from 0 to 100%", out.Error)

	r = e.send(http.DefaultClient, http.MethodPost, path, strings.NewReader(body), hdr(""))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.NoError(t, json.Unmarshal([]byte(r.Body), &out))
	require.Equal(t, "Tiến độ phải từ 0 đến 100%", out.Error)

	r = e.send(http.DefaultClient, http.MethodGet, "/api/v1/tasks/999999", nil, hdr("en"))
	require.Equal(t, http.StatusNotFound, r.Code)
	require.NoError(t, json.Unmarshal([]byte(r.Body), &out))
	require.Equal(t, "Not found.", out.Error)
}
