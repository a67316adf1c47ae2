package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

var badge = regexp.MustCompile(`<span class="badge">(\d+)</span>`)

// unread is the number in the bell of a signed-in browser.
func (e *env) unread(c *http.Client) int {
	e.t.Helper()
	r := e.page(c, "/notifications/count")
	require.Equal(e.t, http.StatusOK, r.Code)
	m := badge.FindStringSubmatch(r.Body)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(m[1])
	require.NoError(e.t, err)
	return n
}

// On day one the bell need not wait for the 07:00 run: the secretariat
// reminds a task's lead unit, or a unit of all its open tasks, at once, and
// the pages say when the next scheduled run is. Officers cannot.
func TestNudgeNow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tk := e.firstTaskOf(demoJustice, "overdue")
	planID := e.planID(now.Year())
	officer := e.browser("tuphap@cchc.test")
	secretariat := e.browser("noivu@cchc.test")
	task := fmt.Sprintf("/tasks/%d", tk.ID)
	// Monday 23/11/2026 09:30: the next run is Tuesday at 07:00.
	const next = "Nhắc việc tự động lần tới: 24/11/2026 07:00"

	// The officer sees when the next run comes, on the work queue and the
	// notifications page, and cannot nudge.
	require.Contains(t, e.page(officer, "/notifications").Body, next)
	require.Contains(t, e.page(officer, "/queue").Body, next)
	page := e.page(officer, task)
	require.NotContains(t, page.Body, `action="`+task+`/nudge"`)
	r := e.form(officer, task+"/nudge", url.Values{"message": {"Tự nhắc"}}, nil)
	require.Equal(t, http.StatusForbidden, r.Code)
	r = e.form(officer, fmt.Sprintf("/plans/%d/reminders/nudge", planID), url.Values{"unit": {demoJustice}}, nil)
	require.Equal(t, http.StatusForbidden, r.Code)
	before := e.unread(officer)

	// The secretariat reminds the lead unit of one task.
	page = e.page(secretariat, task)
	require.Contains(t, page.Body, `action="`+task+`/nudge"`)
	require.Contains(t, page.Body, next)
	r = e.form(secretariat, task+"/nudge", url.Values{"message": {"Đề nghị báo cáo trước thứ Sáu"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Contains(t, e.page(secretariat, task).Body, "Đã gửi nhắc tới Sở Tư pháp.")
	require.Equal(t, before+1, e.unread(officer), "the officer's bell rings at once")
	notices := e.page(officer, "/notifications").Body
	require.Contains(t, notices, "Nhắc thực hiện nhiệm vụ: "+tk.Number+". ")
	require.Contains(t, notices, "Đề nghị báo cáo trước thứ Sáu")
	require.Contains(t, notices, `href="`+task+`"`)

	// A unit, from the plan's reminder page: one notice per open task.
	reminders := e.page(secretariat, fmt.Sprintf("/plans/%d/reminders", planID))
	require.Equal(t, http.StatusOK, reminders.Code)
	require.Contains(t, reminders.Body, next)
	require.Contains(t, reminders.Body, `name="unit" value="`+demoJustice+`"`)
	open := 0
	var p planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", planID), &p)
	for _, a := range p.Areas {
		for _, x := range a.Tasks {
			if x.LeadUnit.Code == demoJustice && !x.PendingConfirmation &&
				(x.Status == "overdue" || x.Status == "in_progress" || x.Status == "not_started") {
				open++
			}
		}
	}
	require.Positive(t, open)
	before = e.unread(officer)
	r = e.form(secretariat, fmt.Sprintf("/plans/%d/reminders/nudge", planID), url.Values{"unit": {demoJustice}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Contains(t, e.page(secretariat, fmt.Sprintf("/plans/%d/reminders", planID)).Body,
		fmt.Sprintf("Đã gửi nhắc tới Sở Tư pháp về %d nhiệm vụ.", open))
	require.Equal(t, before+open, e.unread(officer))

	// A unit with nothing open, or that does not exist, is told so.
	r = e.form(secretariat, fmt.Sprintf("/plans/%d/reminders/nudge", planID), url.Values{"unit": {"KHONG-CO"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, `id="nudge-error"`)
}
