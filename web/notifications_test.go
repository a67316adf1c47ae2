package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/reminders"
)

// notifNow is a Monday morning in Hà Nội, the demo loaded that day.
var notifNow = time.Date(2026, 11, 23, 9, 30, 0, 0, civil.Zone)

// notifEnv serves the real router on the demo data after one reminder run.
type notifEnv struct {
	t   *testing.T
	db  *bun.DB
	srv *httptest.Server
}

func newNotifEnv(t *testing.T) *notifEnv {
	t.Helper()
	db := dbtest.Seeded(t, "demo-notifications", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, notifNow)
		return err
	})
	d := Deps{DB: db, BaseURL: "http://cchc.test", Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return notifNow }}
	r, err := New(d)
	require.NoError(t, err)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)

	_, err = reminders.Run(context.Background(), db, notifNow, reminders.Config{BaseURL: d.BaseURL})
	require.NoError(t, err)
	return &notifEnv{t: t, db: db, srv: srv}
}

type notifResponse struct {
	Code int
	Body string
	Head http.Header
}

func (e *notifEnv) do(c *http.Client, method, path string, form url.Values, hdr map[string]string) notifResponse {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	require.NoError(e.t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	require.NoError(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return notifResponse{Code: res.StatusCode, Body: string(b), Head: res.Header}
}

func (e *notifEnv) browser(email string) *http.Client {
	e.t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(e.t, err)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r := e.do(c, http.MethodPost, "/signin", url.Values{"email": {email}, "password": {demo.Password}}, nil)
	require.Equal(e.t, http.StatusSeeOther, r.Code, r.Body)
	return c
}

func (e *notifEnv) api(email, method, path string) notifResponse {
	e.t.Helper()
	u, err := accounts.ByEmail(context.Background(), e.db, email)
	require.NoError(e.t, err)
	tok, _, err := accounts.CreateToken(context.Background(), e.db, u.ID, "test")
	require.NoError(e.t, err)
	return e.do(http.DefaultClient, method, path, nil, map[string]string{"Authorization": "Bearer " + tok})
}

type apiNotice struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	TaskID    *int64     `json:"task_id"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

func TestNotificationsPageAndBell(t *testing.T) {
	t.Parallel()
	e := newNotifEnv(t)
	c := e.browser("tuphap@cchc.test")

	r := e.do(c, http.MethodGet, "/notifications", nil, nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	// Sở Tư pháp: tasks 6 (overdue) and 7 (due in 5 days) of the province
	// plan, the same two in its own plan, and its own overdue task.
	require.Contains(t, r.Body, "5 chưa đọc")
	require.Contains(t, r.Body, "Quá hạn 12 ngày: 6. Kiểm tra văn bản quy phạm pháp luật")
	require.Contains(t, r.Body, "Sắp đến hạn (còn 5 ngày): 7. Theo dõi tình hình thi hành pháp luật")
	require.Less(t, strings.Index(r.Body, "Sắp đến hạn"), strings.Index(r.Body, "Quá hạn 12"), "newest first (written after, same instant: by id)")

	bell := e.do(c, http.MethodGet, "/notifications/count", nil, map[string]string{"HX-Request": "true"})
	require.Equal(t, http.StatusOK, bell.Code)
	require.Contains(t, bell.Body, `class="bell"`)
	require.Contains(t, bell.Body, `<span class="badge">5</span>`)
	require.Contains(t, bell.Body, `hx-get="/notifications/count"`)

	ids := regexp.MustCompile(`action="/notifications/(\d+)/read"`).FindAllStringSubmatch(r.Body, -1)
	require.Len(t, ids, 5)
	r = e.do(c, http.MethodPost, "/notifications/"+ids[0][1]+"/read", url.Values{}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.Contains(t, e.do(c, http.MethodGet, "/notifications/count", nil, nil).Body, `<span class="badge">4</span>`)

	// Another user's notice is not found, and stays unread.
	other := e.browser("noivu@cchc.test")
	require.Equal(t, http.StatusNotFound, e.do(other, http.MethodPost, "/notifications/"+ids[1][1]+"/read", url.Values{}, nil).Code)
	require.Contains(t, e.do(c, http.MethodGet, "/notifications/count", nil, nil).Body, `<span class="badge">4</span>`)

	r = e.do(c, http.MethodPost, "/notifications/read-all", url.Values{}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.NotContains(t, e.do(c, http.MethodGet, "/notifications/count", nil, nil).Body, "badge")
	r = e.do(c, http.MethodGet, "/notifications", nil, nil)
	require.Contains(t, r.Body, "Đã đánh dấu 4 thông báo là đã đọc.")
	require.NotContains(t, r.Body, "/read\"")

	// Channels: e-mail on by default, turned off by unticking.
	require.Regexp(t, `name="email" value="1" checked`, r.Body)
	require.Equal(t, http.StatusSeeOther, e.do(c, http.MethodPost, "/notifications/settings", url.Values{}, nil).Code)
	require.NotRegexp(t, `name="email" value="1" checked`, e.do(c, http.MethodGet, "/notifications", nil, nil).Body)
	u, err := accounts.ByEmail(context.Background(), e.db, "tuphap@cchc.test")
	require.NoError(t, err)
	p, err := reminders.PrefsOf(context.Background(), e.db, u.ID)
	require.NoError(t, err)
	require.False(t, p.Email)

	// Signed out: sent to sign in.
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	require.Equal(t, http.StatusSeeOther, e.do(anon, http.MethodGet, "/notifications", nil, nil).Code)
}

func TestAPINotifications(t *testing.T) {
	t.Parallel()
	e := newNotifEnv(t)
	r := e.api("tuphap@cchc.test", http.MethodGet, "/api/v1/notifications")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	var ns []apiNotice
	require.NoError(t, json.Unmarshal([]byte(r.Body), &ns))
	require.Len(t, ns, 5)
	kinds := map[string]int{}
	var overdue *apiNotice
	for i := range ns {
		if i > 0 {
			require.Greater(t, ns[i-1].ID, ns[i].ID, "newest first")
		}
		kinds[ns[i].Kind]++
		if ns[i].Kind == "overdue" && strings.Contains(ns[i].Body, "Hạn hoàn thành: 11/11/2026") {
			overdue = &ns[i]
		}
	}
	require.Equal(t, map[string]int{"overdue": 3, "due_soon": 2}, kinds)
	require.NotNil(t, overdue)
	require.NotNil(t, overdue.TaskID)
	require.Nil(t, overdue.ReadAt)
	var raw []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.Body), &raw))
	for _, k := range []string{"id", "kind", "title", "body", "task_id", "created_at", "read_at"} {
		require.Contains(t, raw[0], k)
	}

	r = e.api("tuphap@cchc.test", http.MethodPost, fmt.Sprintf("/api/v1/notifications/%d/read", overdue.ID))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	r = e.api("tuphap@cchc.test", http.MethodGet, "/api/v1/notifications?unread=true&limit=10")
	require.NoError(t, json.Unmarshal([]byte(r.Body), &ns))
	require.Len(t, ns, 4)

	require.Equal(t, http.StatusNotFound, e.api("noivu@cchc.test", http.MethodPost, fmt.Sprintf("/api/v1/notifications/%d/read", ns[0].ID)).Code)
	require.Equal(t, "[]\n", e.api("xem@cchc.test", http.MethodGet, "/api/v1/notifications").Body)
	bad := e.api("tuphap@cchc.test", http.MethodGet, "/api/v1/notifications?limit=0")
	require.Equal(t, http.StatusUnprocessableEntity, bad.Code)
	require.Contains(t, bad.Body, `"code":"invalid_input"`)
	require.Equal(t, http.StatusUnauthorized, e.do(http.DefaultClient, http.MethodGet, "/api/v1/notifications", nil, nil).Code)
}

// icsEvent is one VEVENT's properties, names with their parameters.
type icsEvent map[string]string

// parseICS checks the RFC 5545 framing (CRLF, folding at 75 octets) and
// returns the calendar's properties and its events.
func parseICS(t *testing.T, body string) (map[string]string, []icsEvent) {
	t.Helper()
	require.True(t, strings.HasSuffix(body, "\r\n"))
	for _, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		require.LessOrEqual(t, len(l), 75, "line longer than 75 octets: %q", l)
		require.NotContains(t, l, "\n")
	}
	unfolded := strings.ReplaceAll(body, "\r\n ", "")
	cal := map[string]string{}
	var events []icsEvent
	var cur icsEvent
	for _, l := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		name, value, ok := strings.Cut(l, ":")
		require.True(t, ok, l)
		switch {
		case l == "BEGIN:VEVENT":
			cur = icsEvent{}
		case l == "END:VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			cur[name] = value
		default:
			cal[name] = value
		}
	}
	return cal, events
}

func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	e := newNotifEnv(t)
	c := e.browser("tuphap@cchc.test")
	r := e.do(c, http.MethodPost, "/notifications/feed", url.Values{}, nil)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	m := regexp.MustCompile(`<code id="feed-url">http://cchc\.test(/feeds/cal_[0-9a-f]+\.ics)</code>`).FindStringSubmatch(r.Body)
	require.NotNil(t, m, r.Body)
	require.Contains(t, r.Body, `href="webcal://cchc.test/feeds/`)
	feed := m[1]

	anon := &http.Client{}
	r = e.do(anon, http.MethodGet, feed, nil, nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Equal(t, "text/calendar; charset=utf-8", r.Head.Get("Content-Type"))
	cal, events := parseICS(t, r.Body)
	require.Equal(t, "VCALENDAR", cal["BEGIN"])
	require.Equal(t, "2.0", cal["VERSION"])
	require.NotEmpty(t, cal["PRODID"])

	uids := map[string]bool{}
	var task5, task7 *icsEvent
	for i, ev := range events {
		require.False(t, uids[ev["UID"]], "UIDs are unique")
		uids[ev["UID"]] = true
		require.Regexp(t, `^\d{8}$`, ev["DTSTART;VALUE=DATE"])
		require.Regexp(t, `^\d{8}T\d{6}Z$`, ev["DTSTAMP"])
		require.NotContains(t, ev["SUMMARY"], "Thường xuyên")
		if strings.HasPrefix(ev["SUMMARY"], "6. Kiểm tra văn bản quy phạm pháp luật do HĐND\\, UBND cấp xã") {
			task5 = &events[i]
		}
		if strings.HasPrefix(ev["SUMMARY"], "Phối hợp: 9. ") {
			task7 = &events[i]
		}
	}
	// Sở Tư pháp leads tasks 5, 6 and 7 of the province plan, coordinates
	// many others, and has its own plan (the same three, its own tasks).
	require.GreaterOrEqual(t, len(events), 12)
	require.NotNil(t, task5, "the overdue task, commas escaped")
	require.Equal(t, "20261111", (*task5)["DTSTART;VALUE=DATE"], "due 12 days before 23/11/2026")
	require.Equal(t, "20261112", (*task5)["DTEND;VALUE=DATE"])
	require.Contains(t, (*task5)["DESCRIPTION"], `Cơ quan chủ trì: Sở Tư pháp\n`)
	require.Regexp(t, `^http://cchc\.test/tasks/\d+$`, (*task5)["URL;VALUE=URI"])
	require.NotNil(t, task7, "a coordinated task is marked so")
	require.Equal(t, "20261126", (*task7)["DTSTART;VALUE=DATE"])

	// The same URL gives the same UIDs (calendars update, not duplicate).
	_, again := parseICS(t, e.do(anon, http.MethodGet, feed, nil, nil).Body)
	require.Equal(t, events, again)

	// A new address ends the old one; so does deleting it.
	r = e.do(c, http.MethodPost, "/notifications/feed", url.Values{}, nil)
	require.Equal(t, http.StatusCreated, r.Code)
	require.Equal(t, http.StatusUnauthorized, e.do(anon, http.MethodGet, feed, nil, nil).Code)
	newFeed := regexp.MustCompile(`/feeds/cal_[0-9a-f]+\.ics`).FindString(r.Body)
	require.Equal(t, http.StatusOK, e.do(anon, http.MethodGet, newFeed, nil, nil).Code)
	require.Contains(t, e.do(c, http.MethodGet, "/notifications", nil, nil).Body, "ứng dụng lịch đọc lần cuối")
	require.Equal(t, http.StatusSeeOther, e.do(c, http.MethodPost, "/notifications/feed/delete", url.Values{}, nil).Code)
	require.Equal(t, http.StatusUnauthorized, e.do(anon, http.MethodGet, newFeed, nil, nil).Code)
	require.Equal(t, http.StatusNotFound, e.do(anon, http.MethodGet, "/feeds/whatever", nil, nil).Code)
}
