package ui

import (
	"errors"
	"net/http"
	"net/url"

	"cchc/accounts"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/web/request"
)

// SessionUser returns the user of the session, or ErrUnauthenticated when
// there is none, it expired, or the user was signed out everywhere since.
func (h *Handler) SessionUser(r *http.Request) (*accounts.User, error) {
	id := h.sessions.GetInt64(r.Context(), SessionUserID)
	if id == 0 {
		return nil, accounts.ErrUnauthenticated
	}
	u, err := accounts.GetWithUnit(r.Context(), h.db, id)
	if errors.Is(err, errs.NotFound) {
		return nil, accounts.ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	if !u.Active || u.SessionEpoch != h.sessions.GetInt(r.Context(), SessionEpoch) {
		_ = h.sessions.Destroy(r.Context())
		return nil, accounts.ErrUnauthenticated
	}
	return u, nil
}

// RequireSession lets signed-in users through, with their principal in the
// request's context, and sends others to sign in.
func (h *Handler) RequireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := h.SessionUser(r)
		if errors.Is(err, errs.Unauthenticated) {
			if r.Header.Get("HX-Request") == "true" {
				w.Header().Set("HX-Redirect", "/signin")
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if err != nil {
			h.Error(w, r, err)
			return
		}
		p, err := authz.NewPrincipal(r.Context(), h.db, u)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		ctx := request.WithPrincipal(r.Context(), p)
		if u.Lang != "" { // the user's choice, whatever this browser's cookie says
			ctx = i18n.WithLang(ctx, i18n.Parse(u.Lang))
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
