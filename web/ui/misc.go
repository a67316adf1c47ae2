package ui

import (
	"net/http"

	"cchc/internal/i18n"
	"cchc/web/request"
)

// LangSet remembers the chosen language for a year and goes back.
func (h *Handler) LangSet(w http.ResponseWriter, r *http.Request) {
	lang := i18n.Parse(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, request.LocalPath(r.PostFormValue("back"), "/"), http.StatusSeeOther)
}
