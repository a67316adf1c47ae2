package web

import (
	"net"
	"net/http"
	"strings"

	"cchc/accounts"
	"cchc/internal/i18n"
)

func (h *handler) signinShow(w http.ResponseWriter, r *http.Request) {
	if _, err := h.sessionUser(r); err == nil {
		http.Redirect(w, r, "/plans", http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "signin", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (h *handler) signinCreate(w http.ResponseWriter, r *http.Request) {
	email := strings.TrimSpace(r.PostFormValue("email"))
	next := safeNext(r.PostFormValue("next"))
	u, err := accounts.SignIn(r.Context(), h.db, email, r.PostFormValue("password"), clientIP(r))
	if err != nil {
		status, _, msg := classify(err)
		if status >= 500 {
			h.pageError(w, r, err)
			return
		}
		h.render(w, r, status, "signin", map[string]any{"Email": email, "Next": next, "Error": i18n.T(i18n.FromRequest(r), msg)})
		return
	}
	// A new session id at sign-in: a token planted before cannot ride along.
	if err := h.sessions.RenewToken(r.Context()); err != nil {
		h.pageError(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), sessionUserID, u.ID)
	h.sessions.Put(r.Context(), sessionEpoch, u.SessionEpoch)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *handler) signout(w http.ResponseWriter, r *http.Request) {
	if err := h.sessions.Destroy(r.Context()); err != nil {
		h.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// signoutAll ends every session of the user, on every device.
func (h *handler) signoutAll(w http.ResponseWriter, r *http.Request) {
	if err := accounts.SignOutEverywhere(r.Context(), h.db, principal(r).User.ID); err != nil {
		h.pageError(w, r, err)
		return
	}
	_ = h.sessions.Destroy(r.Context())
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// safeNext keeps redirects after sign-in on this site.
func safeNext(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") {
		return "/plans"
	}
	return s
}

// clientIP is the caller's address (chi's RealIP middleware has already
// applied X-Forwarded-For / X-Real-IP).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
