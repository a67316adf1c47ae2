package ui

import (
	"net/http"
	"strings"

	"cchc/internal/i18n"
)

// LangSet remembers the chosen language for a year and goes back.
func (h *Handler) LangSet(w http.ResponseWriter, r *http.Request) {
	lang := i18n.Parse(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") {
		back = "/"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
