package ui

import (
	"net/http"

	"cchc/internal/i18n"
	"cchc/web/request"
)

// LangSet switches the pages' language and goes back. A signed-in user's
// choice is kept on the user, so that it follows them to another computer;
// the cookie (a year) serves the pages before sign-in.
func (h *Handler) LangSet(w http.ResponseWriter, r *http.Request) {
	lang := i18n.Parse(r.PostFormValue("lang"))
	if u, err := h.SessionUser(r); err == nil {
		if err := h.app.SetLanguage(r.Context(), u, lang); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	setLangCookie(w, lang)
	http.Redirect(w, r, request.LocalPath(r.PostFormValue("back"), "/"), http.StatusSeeOther)
}

func setLangCookie(w http.ResponseWriter, lang i18n.Lang) {
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}
