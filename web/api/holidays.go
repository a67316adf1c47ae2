package api

import (
	"cchc/reminders"
	"cchc/web/request"
	"cchc/web/response"
	"net/http"
	"slices"
)

// apiHolidays lists the holidays of ?year=YYYY (default: the current year),
// or of every year with ?year=all.
func (h *Handler) Holidays(w http.ResponseWriter, r *http.Request) {
	year := 0
	if r.URL.Query().Get("year") != "all" {
		var err error
		if year, err = request.Year(r, h.app.Today()); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	hs, err := reminders.Holidays(r.Context(), h.db, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if hs == nil {
		hs = []reminders.Holiday{}
	}
	response.JSON(w, http.StatusOK, hs)
}

// apiHolidaySet adds a holiday (201) or renames one (200): {"day", "name"}.
func (h *Handler) HolidaySet(w http.ResponseWriter, r *http.Request) {
	if err := request.Principal(r).CanAdminister(); err != nil {
		h.fail(w, r, err)
		return
	}
	var in reminders.Holiday
	if err := request.DecodeJSON(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if !in.Day.IsZero() {
		existing, err := reminders.Holidays(r.Context(), h.db, in.Day.Year)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if slices.ContainsFunc(existing, func(x reminders.Holiday) bool { return x.Day == in.Day }) {
			status = http.StatusOK
		}
	}
	if err := reminders.SetHoliday(r.Context(), h.db, in.Day, in.Name); err != nil {
		h.fail(w, r, err)
		return
	}
	hs, err := reminders.Holidays(r.Context(), h.db, in.Day.Year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, x := range hs {
		if x.Day == in.Day {
			response.JSON(w, status, x)
			return
		}
	}
	response.JSON(w, status, in)
}

func (h *Handler) HolidayDelete(w http.ResponseWriter, r *http.Request) {
	if err := request.Principal(r).CanAdminister(); err != nil {
		h.fail(w, r, err)
		return
	}
	day, err := request.Day(r, "date")
	if err == nil {
		err = reminders.DeleteHoliday(r.Context(), h.db, day)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
