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

// GET /api/v1/plans pages through the plans the caller sees, one page at a
// time with the next in the Link header, filtered by year, unit subtree
// and search words without diacritics; the plan list page pages the same
// way. Bad filters are 422.
func TestPlanListPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	type listed struct {
		ID     int64  `json:"id"`
		Year   int    `json:"year"`
		Title  string `json:"title"`
		Number string `json:"number"`
		Unit   struct{ Code, Name string }
		State  string `json:"state"`
		Counts *struct {
			Total     int `json:"total"`
			Completed int `json:"completed"`
		} `json:"counts"`
	}
	get := func(path string) ([]listed, string) {
		t.Helper()
		r := e.api(admin, http.MethodGet, path, "")
		require.Equal(t, http.StatusOK, r.Code, r.Body)
		var out []listed
		require.NoError(t, json.Unmarshal([]byte(r.Body), &out))
		next := ""
		if l := r.Head.Get("Link"); l != "" {
			m := regexp.MustCompile(`^<([^>]+)>; rel="next"$`).FindStringSubmatch(l)
			require.NotNil(t, m, l)
			next = m[1]
		}
		return out, next
	}
	all, next := get("/api/v1/plans?limit=500")
	require.Empty(t, next)
	require.GreaterOrEqual(t, len(all), 2)
	for i, p := range all {
		require.NotNil(t, p.Counts, "each plan with its figures")
		if i > 0 {
			require.LessOrEqual(t, p.Year, all[i-1].Year, "newest year first")
		}
	}

	var paged []listed
	path := "/api/v1/plans?limit=1"
	for path != "" {
		page, n := get(path)
		require.Len(t, page, 1)
		paged = append(paged, page...)
		path = n
	}
	require.Equal(t, all, paged)

	year := all[len(all)-1].Year
	byYear, _ := get("/api/v1/plans?year=" + strconv.Itoa(year))
	require.NotEmpty(t, byYear)
	for _, p := range byYear {
		require.Equal(t, year, p.Year)
	}

	target := all[0]
	words := strings.Fields(vn.Fold(target.Unit.Name))
	found, _ := get("/api/v1/plans?q=" + url.QueryEscape(strings.Join(words[len(words)-2:], " ")))
	require.Contains(t, ids(found), target.ID, "search without diacritics")
	upper, _ := get("/api/v1/plans?q=" + url.QueryEscape(strings.ToUpper(target.Unit.Name)))
	require.Contains(t, ids(upper), target.ID, "search with diacritics, any case")
	none, _ := get("/api/v1/plans?q=khongcokehoachnaotenthe")
	require.Empty(t, none)
	under, _ := get("/api/v1/plans?unit=" + url.QueryEscape(target.Unit.Code))
	require.Contains(t, ids(under), target.ID)

	for _, bad := range []string{"limit=0", "limit=501", "limit=x", "cursor=%25%25", "unit=NO-SUCH-UNIT", "year=abc", "year=1900"} {
		r := e.api(admin, http.MethodGet, "/api/v1/plans?"+bad, "")
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, "%s: %s", bad, r.Body)
	}

	c := e.browser(admin)
	r := e.page(c, "/plans?limit=1")
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `rel="next"`)
	r = e.page(c, "/plans?q=khongcokehoachnaotenthe")
	require.Equal(t, http.StatusOK, r.Code)
	require.NotRegexp(t, `href="/plans/\d+"`, r.Body)
	require.Contains(t, r.Body, "khớp")
	for _, bad := range []string{"year=abc", "unit=NO-SUCH-UNIT", "limit=0"} {
		r = e.page(c, "/plans?"+bad)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, bad)
		require.Contains(t, r.Body, `id="filter-error"`, bad)
		require.Regexp(t, `href="/plans/\d+"`, r.Body, "%s: the whole list beside the message", bad)
	}

	// The filters are choices, not codes to remember: the province's
	// leader picks among the province and the bodies right below it, and
	// a chosen body keeps its plans and those of the units under it.
	leader := e.browser("lanhdao@cchc.test")
	r = e.page(leader, "/plans?unit="+demo.JusticeCode+"&year="+fmt.Sprint(now.Year()))
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `<option value="`+demo.JusticeCode+`" selected>— Sở Tư pháp</option>`)
	require.Contains(t, r.Body, `<option value="`+demo.RootCode+`">UBND tỉnh Sơn Hà</option>`)
	require.Contains(t, r.Body, fmt.Sprintf(`<option value="%d" selected>%d</option>`, now.Year(), now.Year()))
	require.NotContains(t, r.Body, `value="`+demo.OtherProvinceCode+`"`, "another province is not offered")
	require.Contains(t, r.Body, "19/KH-STP")
	require.NotContains(t, r.Body, "226/KH-UBND", "the province's own plan is above the chosen body")
	// An administrator of several trees picks among their roots (a
	// national tree has thousands of units right below its provinces).
	r = e.page(c, "/plans")
	require.Contains(t, r.Body, `<option value="`+demo.RootCode+`">`)
	require.Contains(t, r.Body, `<option value="`+demo.OtherProvinceCode+`">`)
	require.NotContains(t, r.Body, `<option value="`+demo.JusticeCode+`">`)
}

func ids(ps any) []int64 {
	b, _ := json.Marshal(ps)
	var xs []struct{ ID int64 }
	_ = json.Unmarshal(b, &xs)
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = x.ID
	}
	return out
}
