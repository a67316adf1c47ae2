package ui

import (
	"net/http"
	"slices"

	"cchc/accounts"
	"cchc/app"
	"cchc/internal/errs"
	"cchc/units"
	"cchc/web/request"
)

// Home sends each user to the page that steers their day: officers to
// their unit's work queue, whoever watches a body (leaders, the
// secretariat, viewers, admins) to its dashboard.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	switch {
	case me.Is(accounts.RoleOfficer):
		http.Redirect(w, r, "/queue", http.StatusSeeOther)
	case me.CanWatch(&me.Scope) == nil:
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/plans", http.StatusSeeOther)
	}
}

// PlanList is the plan list, a page at a time (?year, ?unit, ?q, ?limit,
// ?cursor as the API's), each plan with its figures today.
func (h *Handler) PlanList(w http.ResponseWriter, r *http.Request) {
	l, err := request.PlanList(r)
	var rows []app.PlanRow
	var next string
	var us []units.Unit
	if err == nil {
		rows, next, err = h.app.Plans(r.Context(), request.Principal(r), l)
	}
	status, msg := http.StatusOK, ""
	if errs.KindOf(err) == errs.Invalid {
		// A year, body or page the list cannot read: say so beside the
		// whole list.
		status, msg, l = http.StatusUnprocessableEntity, filterMessage(r, err), app.PlanList{}
		rows, next, err = h.app.Plans(r.Context(), request.Principal(r), l)
	}
	if err == nil {
		us, err = h.app.PlanListUnits(r.Context(), request.Principal(r))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The years offered: from five years back to next year, and the one
	// asked for if it lies outside.
	this := h.app.Today().Year
	var years []int
	for y := this + 1; y >= this-5; y-- {
		years = append(years, y)
	}
	if l.Year != 0 && !slices.Contains(years, l.Year) {
		years = append(years, l.Year)
	}
	if l.Unit != "" && !slices.ContainsFunc(us, func(u units.Unit) bool { return u.Code == l.Unit }) {
		if u, err := h.app.UnitByCode(r.Context(), l.Unit, "unit"); err == nil {
			us = append(us, *u)
		}
	}
	data := map[string]any{"Plans": rows, "Filter": l, "Filtered": l.Year != 0 || l.Unit != "" || l.Search != "", "More": l.Cursor != "",
		"Years": years, "Units": us, "Error": msg}
	if next != "" {
		data["Next"] = request.NextPage(r, next)
	}
	h.render(w, r, status, "plan_list", data)
}
