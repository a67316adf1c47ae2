package web

// The holiday list of the reminders' calendar (working days are Monday to
// Friday minus these days): admins edit it on /admin/holidays and in the
// API; every signed-in user may read it through the API.

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/reminders"
)

// holidayForm is the form as typed.
type holidayForm struct{ Day, Name string }

// yearParam reads ?year=YYYY, defaulting to the current year.
func (h *handler) yearParam(r *http.Request) (int, error) {
	s := strings.TrimSpace(r.URL.Query().Get("year"))
	if s == "" {
		return h.today().Year, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2200 {
		return 0, &badRequest{msg: "Năm không hợp lệ."}
	}
	return y, nil
}

// dayParam reads the {date} route parameter; anything but YYYY-MM-DD is not found.
func dayParam(r *http.Request) (civil.Date, error) {
	d, err := civil.Parse(chi.URLParam(r, "date"))
	if err != nil {
		return civil.Date{}, errNoRoute
	}
	return d, nil
}

func (h *handler) adminHolidays(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	year, err := h.yearParam(r)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.renderHolidays(w, r, http.StatusOK, year, holidayForm{}, "")
}

func (h *handler) renderHolidays(w http.ResponseWriter, r *http.Request, status, year int, f holidayForm, formErr string) {
	all, err := reminders.Holidays(r.Context(), h.db, 0)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	years := []int{h.today().Year, year}
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

func (h *handler) adminHolidayCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	f := holidayForm{Day: strings.TrimSpace(r.PostFormValue("day")), Name: r.PostFormValue("name")}
	year := h.today().Year
	var day civil.Date
	var err error
	if f.Day != "" {
		if day, err = civil.Parse(f.Day); err != nil {
			err = &badRequest{msg: "Ngày nghỉ phải có dạng YYYY-MM-DD."}
		} else {
			year = day.Year
		}
	}
	if err == nil {
		err = reminders.SetHoliday(r.Context(), h.db, day, f.Name)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderHolidays(w, r, status, year, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã lưu ngày nghỉ %s.", day.VN()))
	http.Redirect(w, r, "/admin/holidays?year="+strconv.Itoa(year), http.StatusSeeOther)
}

func (h *handler) adminHolidayDelete(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	day, err := dayParam(r)
	if err == nil {
		err = reminders.DeleteHoliday(r.Context(), h.db, day)
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã xóa ngày nghỉ %s.", day.VN()))
	http.Redirect(w, r, "/admin/holidays?year="+strconv.Itoa(day.Year), http.StatusSeeOther)
}

// apiHolidays lists the holidays of ?year=YYYY (default: the current year),
// or of every year with ?year=all.
func (h *handler) apiHolidays(w http.ResponseWriter, r *http.Request) {
	year := 0
	if r.URL.Query().Get("year") != "all" {
		var err error
		if year, err = h.yearParam(r); err != nil {
			h.apiError(w, r, err)
			return
		}
	}
	hs, err := reminders.Holidays(r.Context(), h.db, year)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	if hs == nil {
		hs = []reminders.Holiday{}
	}
	writeJSON(w, http.StatusOK, hs)
}

// apiHolidaySet adds a holiday (201) or renames one (200): {"day", "name"}.
func (h *handler) apiHolidaySet(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).CanAdminister(); err != nil {
		h.apiError(w, r, err)
		return
	}
	var in reminders.Holiday
	if err := decodeJSON(r, &in); err != nil {
		h.apiError(w, r, err)
		return
	}
	status := http.StatusCreated
	if !in.Day.IsZero() {
		existing, err := reminders.Holidays(r.Context(), h.db, in.Day.Year)
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		if slices.ContainsFunc(existing, func(x reminders.Holiday) bool { return x.Day == in.Day }) {
			status = http.StatusOK
		}
	}
	if err := reminders.SetHoliday(r.Context(), h.db, in.Day, in.Name); err != nil {
		h.apiError(w, r, err)
		return
	}
	hs, err := reminders.Holidays(r.Context(), h.db, in.Day.Year)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	for _, x := range hs {
		if x.Day == in.Day {
			writeJSON(w, status, x)
			return
		}
	}
	writeJSON(w, status, in)
}

func (h *handler) apiHolidayDelete(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).CanAdminister(); err != nil {
		h.apiError(w, r, err)
		return
	}
	day, err := dayParam(r)
	if err == nil {
		err = reminders.DeleteHoliday(r.Context(), h.db, day)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
