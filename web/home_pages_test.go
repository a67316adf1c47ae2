package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/demo"
	"cchc/internal/vn"
)

// Each user lands on the page that steers their day.
func TestHomeLandsByRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for email, want := range map[string]string{
		"lanhdao@cchc.test": "/dashboard", "noivu@cchc.test": "/dashboard", "xem@cchc.test": "/dashboard",
		"admin@cchc.test": "/dashboard", "tuphap@cchc.test": "/queue",
	} {
		r := e.page(e.browser(email), "/")
		require.Equal(t, http.StatusSeeOther, r.Code, email)
		require.Equal(t, want, r.Head.Get("Location"), email)
	}
}

// Every page answers every role with the page or a clean refusal, never a
// server error, in both languages.
func TestEveryPageForEveryRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	plan := e.planID(now.Year())
	task := e.firstTaskOf(demo.JusticeCode, "overdue")
	pages := []string{
		"/dashboard", "/dashboard?unit=" + demo.JusticeCode, "/dashboard?year=2024&unit=" + demo.CityCode,
		"/tasks", "/tasks?status=overdue&sort=-deadline", "/queue", "/reviews",
		"/plans", fmt.Sprintf("/plans/%d", plan), fmt.Sprintf("/plans/%d?status=pending&q=tu+phap", plan),
		fmt.Sprintf("/plans/%d/report", plan), fmt.Sprintf("/tasks/%d", task.ID), "/notifications", "/account",
		"/plans/new", "/plans/import", "/admin/users", "/admin/units", "/admin/audit", "/admin/aliases", "/admin/holidays",
	}
	// What each role may not open (everything else must answer 200).
	refused := map[string][]string{
		"tuphap@cchc.test":  {"/dashboard", "/tasks", "/plans/new", "/plans/import", "/admin/", fmt.Sprintf("/plans/%d/report", plan)},
		"xem@cchc.test":     {"/plans/new", "/plans/import", "/admin/"},
		"lanhdao@cchc.test": {"/admin/"},
		"noivu@cchc.test":   {"/admin/"},
	}
	for _, email := range []string{admin, "lanhdao@cchc.test", "noivu@cchc.test", "tuphap@cchc.test", "xem@cchc.test"} {
		c := e.browser(email)
		for _, lang := range []string{"en", "vi"} {
			e.form(c, "/lang", url.Values{"lang": {lang}, "back": {"/"}}, nil)
			for _, p := range pages {
				r := e.page(c, p)
				want := []int{http.StatusOK}
				for _, prefix := range refused[email] {
					if p == prefix || strings.HasPrefix(p, prefix+"?") || (strings.HasSuffix(prefix, "/") && strings.HasPrefix(p, prefix)) {
						want = []int{http.StatusForbidden, http.StatusNotFound} // 404: a unit outside the scope
					}
				}
				require.Contains(t, want, r.Code, "%s %s %s", email, lang, p)
				require.Contains(t, r.Body, "</html>", "%s %s: a whole page", email, p)
			}
		}
	}
}

// The dashboard page shows the API's figures, and each figure opens the
// list of exactly the tasks it counts.
func TestDashboardPageFiguresLinkToTheirTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var d dashboardJSON
	e.apiJSON("lanhdao@cchc.test", "/api/v1/dashboard", &d)
	c := e.browser("lanhdao@cchc.test")
	page := e.page(c, "/dashboard")
	require.Equal(t, http.StatusOK, page.Code)
	headline := fmt.Sprintf("%s/%s %s", vn.Int(d.Totals.Completed), vn.Int(d.Totals.Total), "nhiệm vụ")
	require.Contains(t, page.Body, headline)
	require.Contains(t, page.Body, vn.Percent(d.Totals.Percent))

	// The overdue card opens the list of the overdue tasks.
	link := regexp.MustCompile(`href="(/tasks\?status=overdue[^"]*)"`).FindStringSubmatch(page.Body)
	require.NotNil(t, link, "the overdue card is a link")
	list := e.page(c, strings.ReplaceAll(link[1], "&amp;", "&"))
	require.Equal(t, http.StatusOK, list.Code)
	require.Equal(t, d.Totals.Overdue, strings.Count(list.Body, `<tr data-task=`), "one row per overdue task")
	for _, o := range d.Overdue {
		require.Contains(t, list.Body, fmt.Sprintf(`href="/tasks/%d"`, o.ID))
	}

	// The ranking is on the page in its order, each unit's overdue figure
	// a link to its overdue tasks.
	at := 0
	for _, u := range d.Units {
		i := strings.Index(page.Body[at:], ">"+u.Name+"<")
		require.GreaterOrEqual(t, i, 0, "ranking row of %s in order", u.Name)
		at += i
	}
	var stp rankedUnitJSON
	for _, u := range d.Units {
		if u.Code == demo.JusticeCode {
			stp = u
		}
	}
	var rows []listTaskJSON
	e.apiJSON("lanhdao@cchc.test", "/api/v1/tasks?lead="+demo.JusticeCode+"&status=overdue", &rows)
	require.Len(t, rows, stp.Overdue)
	for _, r := range rows {
		require.Equal(t, demo.JusticeCode, r.LeadUnit.Code)
		require.Equal(t, "overdue", r.Status)
		require.Positive(t, r.DaysOverdue)
	}

	// A past day and a unit below: the form keeps them in the URL.
	sub := e.page(c, "/dashboard?unit="+demo.JusticeCode+"&as_of=2026-06-30")
	require.Equal(t, http.StatusOK, sub.Code)
	require.Contains(t, sub.Body, "30/06/2026")
	require.Contains(t, sub.Body, `name="unit" value="`+demo.JusticeCode+`"`)
}

type listTaskJSON struct {
	taskJSON
	PlanID      int64  `json:"plan_id"`
	Area        string `json:"area"`
	DaysOverdue int    `json:"days_overdue"`
	DaysLeft    *int   `json:"days_left"`
}

// The annex filters by status, lead unit, area, deadline and text without
// diacritics, sorts by a column, and refuses a value it does not know: 422
// in the API, a message above the whole list on the page.
func TestAnnexFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	plan := e.planID(now.Year())
	tasksOf := func(query string) []taskJSON {
		var ts []taskJSON
		e.getJSON(fmt.Sprintf("/api/v1/plans/%d/tasks?%s", plan, query), &ts)
		return ts
	}
	all := tasksOf("")
	require.Len(t, all, 42)

	// "tu phap" finds Sở Tư pháp, as lead or coordinator.
	found := tasksOf("q=" + url.QueryEscape("so tu phap"))
	require.NotEmpty(t, found)
	lead := 0
	for _, tk := range found {
		in := tk.LeadUnit.Code == demo.JusticeCode
		for _, u := range tk.CoordinatingUnits {
			in = in || u.Code == demo.JusticeCode
		}
		require.True(t, in, "%s has nothing to do with Sở Tư pháp", tk.Title)
		if tk.LeadUnit.Code == demo.JusticeCode {
			lead++
		}
	}
	require.Len(t, tasksOf("lead="+demo.JusticeCode), lead)

	overdue := tasksOf("status=overdue&sort=-deadline")
	require.NotEmpty(t, overdue)
	for i, tk := range overdue {
		require.Equal(t, "overdue", tk.Status)
		if i > 0 {
			require.GreaterOrEqual(t, overdue[i-1].Deadline.Date, tk.Deadline.Date, "latest deadline first")
		}
	}
	open := tasksOf("status=open")
	done := tasksOf("status=completed")
	require.Equal(t, len(all), len(open)+len(done))

	soon := tasksOf("deadline=next7")
	require.NotEmpty(t, soon)
	for _, tk := range soon {
		d := tk.Deadline.Date
		require.True(t, d >= now.Format("2006-01-02") && d <= now.AddDate(0, 0, 7).Format("2006-01-02"), d)
	}
	for _, tk := range tasksOf("deadline=continuous") {
		require.Equal(t, "continuous", tk.Deadline.Kind)
	}
	var p planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d?area=%s", plan, url.QueryEscape(all[0].areaName(e, plan))), &p)
	require.Len(t, p.Areas, 1, "only the chosen area")

	for query, field := range map[string]string{"status=bogus": "status", "lead=NOPE": "lead", "area=Nowhere": "area", "sort=colour": "sort", "deadline=soon": "deadline"} {
		r := e.api(admin, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/tasks?%s", plan, query), "")
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, query)
		var body struct{ Error, Code, Field string }
		require.NoError(t, json.Unmarshal([]byte(r.Body), &body))
		require.NotEmpty(t, body.Error, query)
		require.Equal(t, field, body.Field, query)
	}

	// The page: a filtered list says how many it shows; an unknown value
	// is named beside the whole list.
	c := e.browser("lanhdao@cchc.test")
	r := e.page(c, fmt.Sprintf("/plans/%d?status=overdue", plan))
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, fmt.Sprintf("Đang hiển thị %d/42 nhiệm vụ.", len(tasksOf("status=overdue"))))
	r = e.page(c, fmt.Sprintf("/plans/%d?status=bogus", plan))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "Không có trạng thái “bogus” để lọc. Danh sách dưới đây chưa lọc.")
	require.Equal(t, 42, strings.Count(r.Body, `<tr data-task=`), "the whole list")

	// Status cards are links to the filtered list.
	r = e.page(c, fmt.Sprintf("/plans/%d", plan))
	require.Contains(t, r.Body, fmt.Sprintf(`href="/plans/%d?status=overdue#annex"`, plan))
}

// areaName is the name of the task's area in the plan.
func (tk taskJSON) areaName(e *env, plan int64) string {
	var p planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", plan), &p)
	for _, a := range p.Areas {
		for _, x := range a.Tasks {
			if x.ID == tk.ID {
				return a.Name
			}
		}
	}
	e.t.Fatalf("task %d in no area", tk.ID)
	return ""
}

// An officer posts progress from the work queue: the card comes back with
// the new state and says it was saved; a refused post keeps what was typed
// and says why.
func TestQueuePageInlineProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.browser("tuphap@cchc.test")
	page := e.page(c, "/queue")
	require.Equal(t, http.StatusOK, page.Code)
	var q []queueItemJSON
	e.apiJSON("tuphap@cchc.test", "/api/v1/queue", &q)
	at := 0
	for _, it := range q {
		i := strings.Index(page.Body[at:], fmt.Sprintf(`id="q-%d"`, it.ID))
		require.GreaterOrEqual(t, i, 0, "card %d in queue order", it.ID)
		at += i
	}
	tk := q[0]
	require.Equal(t, "overdue", tk.Reason)
	hx := map[string]string{"HX-Request": "true"}
	path := fmt.Sprintf("/tasks/%d/progress", tk.ID)

	bad := e.form(c, path, url.Values{"percent": {"150"}, "note": {"Đang làm"}, "version": {strconv.Itoa(tk.Version)}, "view": {"queue"}}, hx)
	require.Equal(t, http.StatusUnprocessableEntity, bad.Code)
	require.Contains(t, bad.Body, fmt.Sprintf(`id="q-%d"`, tk.ID), "the card, not the page")
	require.NotContains(t, bad.Body, "<html")
	require.Contains(t, bad.Body, `role="alert"`)
	require.Contains(t, bad.Body, "Đang làm", "what was typed")
	require.Contains(t, bad.Body, "<details class=\"queue-form\" open>")

	ok := e.form(c, path, url.Values{"percent": {"90"}, "note": {"Đã trình dự thảo"}, "version": {strconv.Itoa(tk.Version)}, "view": {"queue"}}, hx)
	require.Equal(t, http.StatusOK, ok.Code, ok.Body)
	require.Contains(t, ok.Body, "Đã lưu: "+tk.Number+". ")
	require.Contains(t, ok.Body, "90%")
	require.Contains(t, ok.Body, "data-focus", "focus goes to the message")

	done := e.form(c, path, url.Values{"completed": {"1"}, "note": {"Đã ban hành"}, "version": {strconv.Itoa(tk.Version + 1)}, "view": {"queue"}}, hx)
	require.Equal(t, http.StatusOK, done.Code, done.Body)
	require.Contains(t, done.Body, "chờ xác nhận", "the claim awaits the secretariat")
	require.Contains(t, done.Body, `<span class="status status-pending">Chờ xác nhận</span>`)

	// Without JavaScript the form posts and comes back to the queue.
	r := e.form(c, fmt.Sprintf("/tasks/%d/progress", q[1].ID), url.Values{"percent": {"50"}, "version": {strconv.Itoa(q[1].Version)}, "view": {"queue"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.Equal(t, fmt.Sprintf("/queue#q-%d", q[1].ID), r.Head.Get("Location"))
	require.Contains(t, e.page(c, "/queue").Body, "Đã lưu cập nhật tiến độ.")
}

// The secretariat confirms or returns several claims at once, all or none.
func TestReviewInboxBulk(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var waiting []struct {
		Task taskJSON
	}
	e.apiJSON("noivu@cchc.test", "/api/v1/reviews", &waiting)
	require.GreaterOrEqual(t, len(waiting), 2, "the demo leaves claims waiting")
	c := e.browser("noivu@cchc.test")
	page := e.page(c, "/reviews")
	require.Equal(t, http.StatusOK, page.Code)
	for _, w := range waiting {
		require.Contains(t, page.Body, fmt.Sprintf(`id="claim-%d"`, w.Task.ID))
	}
	a, b := strconv.FormatInt(waiting[0].Task.ID, 10), strconv.FormatInt(waiting[1].Task.ID, 10)

	// Returning without a reason changes nothing, and keeps the ticks.
	r := e.form(c, "/reviews", url.Values{"task": {a, b}, "decision": {"return"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, `role="alert"`)
	require.Contains(t, r.Body, `value="`+a+`" checked`)
	var still []any
	e.apiJSON("noivu@cchc.test", "/api/v1/reviews", &still)
	require.Len(t, still, len(waiting))

	// One already decided among them: none is decided.
	r = e.form(c, "/reviews", url.Values{"only": {b}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	r = e.form(c, "/reviews", url.Values{"task": {a, b}, "decision": {"confirm"}}, nil)
	require.Equal(t, http.StatusConflict, r.Code, r.Body)
	e.apiJSON("noivu@cchc.test", "/api/v1/reviews", &still)
	require.Len(t, still, len(waiting)-1)

	r = e.form(c, "/reviews", url.Values{"task": {a}, "decision": {"return"}, "reason": {"Thiếu văn bản"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.Contains(t, e.page(c, "/reviews").Body, "Đã trả lại 1 nhiệm vụ.")
	e.apiJSON("noivu@cchc.test", "/api/v1/reviews", &still)
	require.Len(t, still, len(waiting)-2)

	// An officer decides nothing.
	o := e.browser("tuphap@cchc.test")
	if len(waiting) > 2 {
		r = e.form(o, "/reviews", url.Values{"task": {strconv.FormatInt(waiting[2].Task.ID, 10)}}, nil)
		require.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, r.Code)
	}
}
