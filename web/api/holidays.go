package api

import (
	"cchc/reminders"
	"cchc/web/request"
	"cchc/web/response"
	"net/http"
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
	hs, err := h.app.Holidays(r.Context(), year)
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
	// A non-admin is refused before the body is read (app.SetHoliday checks again).
	if err := request.Principal(r).CanAdminister(); err != nil {
		h.fail(w, r, err)
		return
	}
	var in reminders.Holiday
	if err := request.DecodeJSON(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	x, created, err := h.app.SetHoliday(r.Context(), request.Principal(r), in.Day, in.Name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	response.JSON(w, status, x)
}

// HolidayDelete removes a holiday (204); a non-admin is refused before the
// date is read (app.DeleteHoliday checks again).
func (h *Handler) HolidayDelete(w http.ResponseWriter, r *http.Request) {
	if err := request.Principal(r).CanAdminister(); err != nil {
		h.fail(w, r, err)
		return
	}
	day, err := request.Day(r, "date")
	if err == nil {
		err = h.app.DeleteHoliday(r.Context(), request.Principal(r), day)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
