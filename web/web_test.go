package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/web"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the instant the tests pretend it is: a Monday morning in Hà Nội.
var now = time.Date(2026, 11, 23, 9, 30, 0, 0, civil.Zone)

type env struct {
	t   *testing.T
	db  *bun.DB
	srv http.Handler
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := dbtest.New(t)
	_, err := demo.Load(context.Background(), db, now)
	require.NoError(t, err)
	h, err := web.New(web.Deps{DB: db, Now: func() time.Time { return now }})
	require.NoError(t, err)
	return &env{t: t, db: db, srv: h}
}

type response struct {
	Code int
	Body string
	Head http.Header
}

func (e *env) do(method, path string, body io.Reader, hdr map[string]string) response {
	e.t.Helper()
	req := httptest.NewRequest(method, path, body)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return response{Code: rec.Code, Body: rec.Body.String(), Head: rec.Header()}
}

func (e *env) get(path string) response { return e.do(http.MethodGet, path, nil, nil) }

func (e *env) getJSON(path string, v any) {
	e.t.Helper()
	r := e.get(path)
	require.Equal(e.t, http.StatusOK, r.Code, r.Body)
	require.NoError(e.t, json.Unmarshal([]byte(r.Body), v), r.Body)
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
	CoordinatingUnits []struct{ Code, Name string } `json:"coordinating_units"`
	Deadline          struct{ Text, Kind, Date string }
	Status            string `json:"status"`
	ProgressPercent   int    `json:"progress_percent"`
	CompletedOn       *string `json:"completed_on"`
	Version           int    `json:"version"`
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
	r := e.get("/healthz")
	require.Equal(t, http.StatusOK, r.Code)
	e.db.Close()
	require.Equal(t, http.StatusServiceUnavailable, e.get("/healthz").Code)
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

	// The plan page states the same headline, and the annex lists every task.
	r := e.get(fmt.Sprintf("/plans/%d?as_of=2024-09-20", id))
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
	r := e.get(fmt.Sprintf("/plans/%d?as_of=2024-01-01", id))
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `value="2024-01-01"`)
	require.Contains(t, r.Body, "0/59 nhiệm vụ, đạt 0%")

	bad := e.get(fmt.Sprintf("/plans/%d?as_of=hôm-qua", id))
	require.Equal(t, http.StatusUnprocessableEntity, bad.Code)
	require.Contains(t, bad.Body, "không hợp lệ")

	require.Equal(t, http.StatusNotFound, e.get("/plans/999999").Code)
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
			if tk.LeadUnit.Code == "PTP" {
				justice[tk.Status] = true
				if tk.Status == "in_progress" || tk.Status == "not_started" {
					d := civil.MustParse(tk.Deadline.Date)
					if !d.Before(civil.In(now)) && d.DaysSince(civil.In(now)) <= 7 {
						justice["due_within_7_days"] = true
					}
				}
			}
			for _, c := range tk.CoordinatingUnits {
				if c.Code == "PTP" && tk.LeadUnit.Code != "PTP" {
					justice["coordinates"] = true
				}
			}
		}
	}
	for _, s := range []string{"completed_on_time", "in_progress", "overdue", "not_started", "continuous"} {
		require.True(t, seen[s], "some task is %s: %v", s, seen)
	}
	require.True(t, justice["overdue"], "Phòng Tư pháp leads an overdue task")
	require.True(t, justice["due_within_7_days"], "Phòng Tư pháp leads a task due within 7 days")
	require.True(t, justice["completed_on_time"] || justice["completed_late"], "Phòng Tư pháp leads a completed task")
	require.True(t, justice["coordinates"], "Phòng Tư pháp coordinates a task led by another unit")
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

func (e *env) postJSON(path, body string) response {
	return e.do(http.MethodPost, path, strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
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
	r = e.get("/api/v1/nope")
	require.Equal(t, http.StatusNotFound, r.Code)
	require.Contains(t, r.Body, `"code":"not_found"`)
}

func TestTaskPageAndForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tk := e.firstTask(now.Year(), "not_started")
	page := e.get(fmt.Sprintf("/tasks/%d", tk.ID))
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, "Cập nhật tiến độ")
	require.Contains(t, page.Body, "Chưa triển khai")

	form := url.Values{"percent": {"30"}, "note": {"Đã xây dựng dự thảo"}, "version": {fmt.Sprint(tk.Version)}}
	r := e.do(http.MethodPost, fmt.Sprintf("/tasks/%d/progress", tk.ID), strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)

	page = e.get(fmt.Sprintf("/tasks/%d", tk.ID))
	require.Contains(t, page.Body, "Đã xây dựng dự thảo")
	require.Contains(t, page.Body, "Đang thực hiện")

	// The same form again is stale: 409, the form keeps what was typed.
	form.Set("note", "Nội dung mới")
	r = e.do(http.MethodPost, fmt.Sprintf("/tasks/%d/progress", tk.ID), strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"})
	require.Equal(t, http.StatusConflict, r.Code)
	require.Contains(t, r.Body, "Nội dung mới")
	require.Contains(t, r.Body, "người khác cập nhật")
	require.NotContains(t, r.Body, "<html", "an htmx request gets only the fragment")
}

func TestEnglish(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do(http.MethodGet, "/plans", nil, map[string]string{"Cookie": "lang=en"})
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `lang="en"`)
	require.Contains(t, r.Body, "Administrative reform plans")
	require.Contains(t, e.get("/plans").Body, "Kế hoạch cải cách hành chính")
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.get("/plans")
	require.Contains(t, r.Head.Get("Content-Security-Policy"), "script-src 'self'")
	require.Equal(t, "DENY", r.Head.Get("X-Frame-Options"))
	require.Equal(t, "nosniff", r.Head.Get("X-Content-Type-Options"))
}
