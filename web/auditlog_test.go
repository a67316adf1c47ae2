package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// The task's change log and the admin's trail read as sentences in the
// reader's language: who (by name), what changed from what to what, with
// names of units instead of ids — no JSON, no English action words.
func TestChangeLogInWords(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tk := e.firstTaskOf(demoJustice, "overdue")
	path := fmt.Sprintf("/api/v1/tasks/%d", tk.ID)
	r := e.api(secretariat, http.MethodPatch, path, fmt.Sprintf(`{"version": %d, "deadline": "Quý IV", "coordinating_units": ["SNV"]}`, tk.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	var cur taskJSON
	e.getJSON(path, &cur)
	r = e.api(officer, http.MethodPost, path+"/progress", fmt.Sprintf(`{"percent": 80, "note": "Đã kiểm tra 9/10 xã", "version": %d}`, cur.Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)

	noRaw := func(body string) {
		t.Helper()
		for _, s := range []string{"&#34;", "lead_unit_id", "coordinators", ">update<", ">progress<", fmt.Sprintf("task #%d", tk.ID)} {
			require.NotContains(t, body, s)
		}
	}
	c := e.browser(leader)
	page := e.page(c, fmt.Sprintf("/tasks/%d", tk.ID)).Body
	deadline := tk.Deadline.Text
	require.Contains(t, page, "Trần Thị Nội</strong> đổi hạn từ "+deadline+" thành Quý IV; đổi cơ quan phối hợp từ ")
	require.Contains(t, page, " thành Sở Nội vụ")
	require.Contains(t, page, `title="tuphap@cchc.test">Lê Minh Pháp</strong> cập nhật tiến độ 80%; ghi chú “Đã kiểm tra 9/10 xã”`)
	require.Contains(t, page, "Hệ thống</strong> tạo nhiệm vụ "+tk.Number+". ", "the demo loader is the system")
	noRaw(page)

	require.Equal(t, http.StatusSeeOther, e.form(c, "/lang", url.Values{"lang": {"en"}}, nil).Code)
	page = e.page(c, fmt.Sprintf("/tasks/%d", tk.ID)).Body
	require.Contains(t, page, "Trần Thị Nội</strong> changed the deadline from "+deadline+" to Quý IV")
	require.Contains(t, page, "Lê Minh Pháp</strong> reported progress of 80%")
	noRaw(page)

	// The admin's trail: the same sentences, and what each is about, linked.
	adm := e.browser(admin)
	trail := e.page(adm, fmt.Sprintf("/admin/audit?task=%d", tk.ID)).Body
	require.Contains(t, trail, "Trần Thị Nội</strong> đổi hạn từ "+deadline+" thành Quý IV")
	require.Contains(t, trail, fmt.Sprintf(`<a href="/tasks/%d">Nhiệm vụ %s. %s</a>`, tk.ID, tk.Number, tk.Title))
	require.Contains(t, trail, `<option value="task">Nhiệm vụ</option>`)
	noRaw(trail)
	require.Equal(t, http.StatusSeeOther, e.form(adm, "/lang", url.Values{"lang": {"en"}}, nil).Code)
	trail = e.page(adm, "/admin/audit?entity=plan").Body
	require.Contains(t, trail, "The system</strong> created the plan “")
	require.Contains(t, trail, "The system</strong> issued the plan")
	require.Contains(t, trail, `<option value="plan" selected>Plans</option>`)
	noRaw(trail)

	// Every kind of entry the demo wrote (plans, tasks, units, users, the
	// PAR index…) is described, none falls back to the action's code.
	require.Equal(t, http.StatusSeeOther, e.form(adm, "/lang", url.Values{"lang": {"vi"}}, nil).Code)
	for _, entity := range []string{"", "plan", "area", "task", "user", "unit", "holiday", "par_group", "par_set", "par_item", "par_assessment"} {
		trail = e.page(adm, "/admin/audit?entity="+entity).Body
		require.NotContains(t, trail, "</strong> thực hiện “", entity)
		noRaw(trail)
	}
}
