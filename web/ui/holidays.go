package ui

// The holiday list of the reminders' calendar (working days are Monday to
// Friday minus these days): admins edit it on /admin/holidays and in the
// API; every signed-in user may read it through the API.

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/reminders"
	"cchc/web/request"
)

// holidayForm is the form as typed.
type holidayForm struct{ Day, Name string }

func (h *Handler) AdminHolidays(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	year, err := request.Year(r, h.app.Today())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderHolidays(w, r, http.StatusOK, year, holidayForm{}, "")
}

func (h *Handler) renderHolidays(w http.ResponseWriter, r *http.Request, status, year int, f holidayForm, formErr string) {
	all, err := h.app.Holidays(r.Context(), 0)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	years := []int{h.app.Today().Year, year}
	var list []reminders.Holiday
	for _, d := range all {
		years = append(years, d.Day.Year)
		if d.Day.Year == year {
			list = append(list, d)
		}
	}
	slices.Sort(years)
	years = slices.Compact(years)
	h.render(w, r, status, "admin_holidays", map[string]any{
		"Year": year, "Years": years, "Holidays": list, "Form": f, "FormError": formErr,
	})
}

func (h *Handler) AdminHolidayCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	f := holidayForm{Day: strings.TrimSpace(r.PostFormValue("day")), Name: r.PostFormValue("name")}
	year := h.app.Today().Year
	var day civil.Date
	var err error
	if f.Day != "" {
		if day, err = civil.ParseEntered(f.Day); err != nil {
			err = errs.Bad("day", "error.bad_date", f.Day)
		} else {
			year = day.Year
		}
	}
	if err == nil {
		_, _, err = h.app.SetHoliday(r.Context(), request.Principal(r), day, f.Name)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderHolidays(w, r, status, year, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "holiday.day_off_x_saved", day.VN()))
	http.Redirect(w, r, "/admin/holidays?year="+strconv.Itoa(year), http.StatusSeeOther)
}

func (h *Handler) AdminHolidayDelete(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	day, err := request.Day(r, "date")
	if err == nil {
		err = h.app.DeleteHoliday(r.Context(), request.Principal(r), day)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "holiday.day_off_x_deleted", day.VN()))
	http.Redirect(w, r, "/admin/holidays?year="+strconv.Itoa(day.Year), http.StatusSeeOther)
}
