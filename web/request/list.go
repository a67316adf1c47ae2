package request

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"cchc/app"
	"cchc/internal/errs"
	"cchc/plans"
)

// PlanList reads the plan list's query: ?year, ?unit (a unit code: its
// subtree), ?q (search words), ?limit (1–500, default 100) and ?cursor.
func PlanList(r *http.Request) (app.PlanList, error) {
	q := r.URL.Query()
	l := app.PlanList{Unit: strings.TrimSpace(q.Get("unit")), Search: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor")}
	if s := strings.TrimSpace(q.Get("year")); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil {
			return l, errs.Bad("year", "plans.year_range")
		}
		l.Year = y
	}
	if s := strings.TrimSpace(q.Get("limit")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > plans.MaxLimit {
			return l, errs.Bad("limit", "plans.limit_range", plans.MaxLimit)
		}
		l.Limit = n
	}
	return l, nil
}

// NextPage is the request's URL (path and query) with ?cursor set to
// cursor: the link to the next page of a list.
func NextPage(r *http.Request, cursor string) string {
	q := r.URL.Query()
	q.Set("cursor", cursor)
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}
