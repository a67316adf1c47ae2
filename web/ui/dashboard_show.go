package ui

import (
	"fmt"
	"net/http"

	"cchc/app"
	"cchc/authz"
	"cchc/internal/i18n"
	"cchc/units"
	"cchc/web/request"
)

// DashboardShow is the home of leaders, the secretariat, viewers and
// admins: a year's plans in a unit subtree at a day, with the ranking of
// lead units, the trend and what is overdue or due soon. Every figure links
// to the tasks behind it.
func (h *Handler) DashboardShow(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	q, err := request.Dashboard(r, h.app.Today())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	d, err := h.app.Dashboard(r.Context(), me, q)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lang := i18n.FromRequest(r)
	var trend []trendPoint
	for _, p := range d.Trend {
		trend = append(trend, trendPoint{Label: i18n.T(lang, "period."+string(p.Period)), Percent: p.Percent, Note: fmt.Sprintf("%d/%d", p.Completed, p.Total),
			Href: querySet("/tasks", nil, "year", d.Year, "unit", r.URL.Query().Get("unit"), "as_of", p.To.String(), "status", "completed")})
	}
	data := map[string]any{
		"D": d, "Trend": trendChart(lang, trend), "ListBase": dashboardList(d, r),
		"AsOfParam": r.URL.Query().Get("as_of"), "IsToday": d.AsOf == h.app.Today(),
		"Years": yearChoices(h.app.Today().Year, d.Year), "Up": h.scopeChain(r, me, &d.Unit),
	}
	if me.IsAdmin() || me.Is("secretariat") {
		if rv, err := h.app.Reviews(r.Context(), me); err == nil {
			data["Waiting"] = len(rv)
		}
	}
	h.render(w, r, http.StatusOK, "dashboard", data)
}

// dashboardList is the URL of the task list behind the dashboard's
// figures, keeping its year, unit and day.
func dashboardList(d *app.Dashboard, r *http.Request) string {
	return querySet("/tasks", nil, "year", d.Year, "unit", r.URL.Query().Get("unit"), "as_of", r.URL.Query().Get("as_of"))
}

// yearChoices are the years a dashboard offers: five back, one ahead, and
// the one shown.
func yearChoices(this, shown int) []int {
	var out []int
	for y := this + 1; y >= this-5; y-- {
		out = append(out, y)
	}
	if shown > this+1 || shown < this-5 {
		out = append(out, shown)
	}
	return out
}

// scopeChain are the units from the principal's scope down to the one
// shown (excluded): the way back up a drill-down.
func (h *Handler) scopeChain(r *http.Request, me *authz.Principal, u *units.Unit) []units.Unit {
	above, err := h.app.Ancestors(r.Context(), u)
	if err != nil {
		return nil
	}
	var out []units.Unit
	for i := range above {
		if me.CanWatch(&above[i]) == nil {
			out = append(out, above[i])
		}
	}
	return out
}
