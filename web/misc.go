package web

import (
	"net/http"
	"strings"

	"cchc/internal/database"
	"cchc/internal/i18n"
)

func (h *handler) healthz(w http.ResponseWriter, r *http.Request) {
	if err := database.Ping(r.Context(), h.db.DB); err != nil {
		h.log.Warn("healthz: database does not answer", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// langSet remembers the chosen language for a year and goes back.
func (h *handler) langSet(w http.ResponseWriter, r *http.Request) {
	lang := i18n.Parse(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") {
		back = "/"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
