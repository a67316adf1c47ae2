package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/plans"
	"cchc/reminders"
)

// Dates are typed and shown day first, dd/mm/yyyy, on every page: no
// native date picker (mm/dd/yyyy in an English-locale browser), and the
// server reads d/m/yyyy and dd/mm/yyyy; a wrong date gets a message that
// says how to write it.
func TestDatesTypedDayFirst(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own := e.firstTaskOf(demoJustice, "overdue")
	officer := e.browser("tuphap@cchc.test")
	adm := e.browser(admin)
	leader := e.browser("lanhdao@cchc.test")
	id2024 := e.planID(2024)

	// Every form that takes a date has a text field for dd/mm/yyyy.
	for _, page := range []struct {
		c     *http.Client
		path  string
		field string
	}{
		{leader, fmt.Sprintf("/plans/%d", id2024), "as_of"},
		{leader, "/dashboard", "as_of"},
		{officer, "/queue", "evidence_date"},
		{officer, fmt.Sprintf("/tasks/%d", own.ID), "evidence_date"},
		{officer, fmt.Sprintf("/tasks/%d", own.ID), "new_date"},
		{adm, "/plans/new", "issued_on"},
		{adm, fmt.Sprintf("/plans/%d/edit", e.planID(now.Year())), "issued_on"},
		{adm, "/admin/holidays", "day"},
		{adm, "/admin/audit", "from"},
		{adm, "/admin/audit", "to"},
	} {
		r := e.page(page.c, page.path)
		require.Equal(t, http.StatusOK, r.Code, page.path)
		require.NotContains(t, r.Body, `type="date"`, page.path)
		i := strings.Index(r.Body, `name="`+page.field+`"`)
		require.Positive(t, i, "%s has a %s field", page.path, page.field)
		tag := r.Body[strings.LastIndex(r.Body[:i], "<input"):]
		tag = tag[:strings.Index(tag, ">")]
		for _, attr := range []string{`type="text"`, `inputmode="numeric"`, `placeholder="dd/mm/yyyy"`, `pattern="`} {
			require.Contains(t, tag, attr, "%s %s", page.path, page.field)
		}
	}

	// The plan page reads the day first and shows it back so.
	r := e.page(leader, fmt.Sprintf("/plans/%d?as_of=20/9/2024", id2024))
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "54/59 nhiệm vụ, đạt 91,5%")
	require.Contains(t, r.Body, `value="20/09/2024"`)
	r = e.page(leader, fmt.Sprintf("/plans/%d?as_of=9/20/2024", id2024))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "Ngày “9/20/2024” không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 30/09/2026.")
	r = e.page(leader, "/dashboard?year=2024&as_of=20/9/2024")
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `value="20/09/2024"`)
	require.Contains(t, r.Body, "as_of=2024-09-20", "links carry the day as YYYY-MM-DD")
	// The API keeps YYYY-MM-DD.
	require.Equal(t, http.StatusUnprocessableEntity, e.api(admin, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/stats?as_of=20/9/2024", id2024), "").Code)

	// Progress: the evidence date as typed.
	post := func(date string) response {
		var cur taskJSON
		e.getJSON(fmt.Sprintf("/api/v1/tasks/%d", own.ID), &cur)
		return e.form(officer, fmt.Sprintf("/tasks/%d/progress", own.ID), url.Values{"percent": {"70"}, "version": {fmt.Sprint(cur.Version)},
			"evidence_number": {"12/BC-STP"}, "evidence_date": {date}}, nil)
	}
	r = post("09/31/2026")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "Ngày văn bản “09/31/2026” không hợp lệ: hãy nhập theo dạng ngày/tháng/năm")
	require.Contains(t, r.Body, `value="09/31/2026"`, "the field keeps what was typed")
	require.Equal(t, http.StatusSeeOther, post("5/9/2026").Code)
	require.Contains(t, e.page(officer, fmt.Sprintf("/tasks/%d", own.ID)).Body, "12/BC-STP ngày 05/09/2026")

	// Extension request: the new deadline as typed.
	r = e.form(officer, fmt.Sprintf("/tasks/%d/extensions", own.ID), url.Values{"new_date": {"31/12"}, "reason": {"Chờ ý kiến"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "Ngày “31/12” không hợp lệ")
	r = e.form(officer, fmt.Sprintf("/tasks/%d/extensions", own.ID), url.Values{"new_date": {"31/12/2026"}, "reason": {"Chờ ý kiến"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Contains(t, e.page(officer, fmt.Sprintf("/tasks/%d", own.ID)).Body, "31/12/2026")

	// A plan's issue date, shown back day first in the edit form.
	r = e.form(adm, "/plans/new", url.Values{"unit": {"TP"}, "year": {"2027"}, "issued_on": {"12/26/2026"}, "cutoff_scheme": {"decree"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "Ngày “12/26/2026” không hợp lệ")
	r = e.form(adm, "/plans/new", url.Values{"unit": {"TP"}, "year": {"2027"}, "issued_on": {"26/12/2026"}, "cutoff_scheme": {"decree"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	var planID int64
	_, err := fmt.Sscanf(r.Head.Get("Location"), "/plans/%d/edit", &planID)
	require.NoError(t, err)
	p, err := plans.Get(context.Background(), e.db, planID)
	require.NoError(t, err)
	require.Equal(t, "2026-12-26", p.IssuedOn.String())
	require.Contains(t, e.page(adm, r.Head.Get("Location")).Body, `value="26/12/2026"`)

	// A holiday.
	r = e.form(adm, "/admin/holidays", url.Values{"day": {"24/12/2026"}, "name": {"Nghỉ bù"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	hs, err := reminders.Holidays(context.Background(), e.db, 2026)
	require.NoError(t, err)
	require.Len(t, hs, 1)
	require.Equal(t, "2026-12-24", hs[0].Day.String())
}
