package ui

import (
	"net/http"
	"strings"

	"cchc/accounts"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/web/request"
	"cchc/web/response"
)

func (h *Handler) SigninShow(w http.ResponseWriter, r *http.Request) {
	if _, err := h.SessionUser(r); err == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "signin", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (h *Handler) SigninCreate(w http.ResponseWriter, r *http.Request) {
	email := strings.TrimSpace(r.PostFormValue("email"))
	next := safeNext(r.PostFormValue("next"))
	u, err := accounts.SignIn(r.Context(), h.db, email, r.PostFormValue("password"), request.ClientIP(r, h.trusted))
	if err != nil {
		status, _ := response.Status(err)
		if status >= 500 {
			h.Error(w, r, err)
			return
		}
		h.render(w, r, status, "signin", map[string]any{"Email": email, "Next": next, "Error": errs.Message(i18n.FromRequest(r), err)})
		return
	}
	// A new session id at sign-in: a token planted before cannot ride along.
	if err := h.sessions.RenewToken(r.Context()); err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), SessionUserID, u.ID)
	h.sessions.Put(r.Context(), SessionEpoch, u.SessionEpoch)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *Handler) Signout(w http.ResponseWriter, r *http.Request) {
	if err := h.sessions.Destroy(r.Context()); err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// signoutAll ends every session of the user, on every device.
func (h *Handler) SignoutAll(w http.ResponseWriter, r *http.Request) {
	if err := accounts.SignOutEverywhere(r.Context(), h.db, request.Principal(r).User.ID); err != nil {
		h.Error(w, r, err)
		return
	}
	_ = h.sessions.Destroy(r.Context())
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// safeNext keeps redirects after sign-in on this site (request.LocalPath).
func safeNext(s string) string { return request.LocalPath(s, "/") }
