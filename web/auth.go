package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/v2"

	"cchc/accounts"
	"cchc/audit"
)

const (
	sessionUserID = "user_id"
	sessionEpoch  = "epoch"
	sessionFlash  = "flash"
)

func newSessions(d Deps) *scs.SessionManager {
	sm := scs.New()
	sm.Store = postgresstore.NewWithCleanupInterval(d.DB.DB, d.SessionCleanup)
	sm.Lifetime = 12 * time.Hour
	sm.IdleTimeout = 2 * time.Hour
	sm.Cookie.Name = "cchc_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = strings.HasPrefix(d.BaseURL, "https://")
	sm.Cookie.Path = "/"
	return sm
}

type principalKey struct{}

// principal is the signed-in user of the request; the auth middleware
// guarantees it on every protected route.
func principal(r *http.Request) *accounts.Principal {
	p, _ := r.Context().Value(principalKey{}).(*accounts.Principal)
	return p
}

func withPrincipal(ctx context.Context, p *accounts.Principal) context.Context {
	ctx = context.WithValue(ctx, principalKey{}, p)
	return audit.WithActor(ctx, audit.Actor{UserID: p.User.ID, Name: p.User.Email})
}

// sessionUser returns the user of the session, or ErrUnauthenticated when
// there is none, it expired, or the user was signed out everywhere since.
func (h *handler) sessionUser(r *http.Request) (*accounts.User, error) {
	id := h.sessions.GetInt64(r.Context(), sessionUserID)
	if id == 0 {
		return nil, accounts.ErrUnauthenticated
	}
	u, err := accounts.Get(r.Context(), h.db, id)
	if errors.Is(err, accounts.ErrNotFound) {
		return nil, accounts.ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	if !u.Active || u.SessionEpoch != h.sessions.GetInt(r.Context(), sessionEpoch) {
		_ = h.sessions.Destroy(r.Context())
		return nil, accounts.ErrUnauthenticated
	}
	return u, nil
}

// requireSession lets signed-in users through and sends others to sign in.
func (h *handler) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := h.sessionUser(r)
		if errors.Is(err, accounts.ErrUnauthenticated) {
			if r.Header.Get("HX-Request") == "true" {
				w.Header().Set("HX-Redirect", "/signin")
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if err != nil {
			h.pageError(w, r, err)
			return
		}
		p, err := accounts.NewPrincipal(r.Context(), h.db, u)
		if err != nil {
			h.pageError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(withPrincipal(r.Context(), p)))
	})
}

// requireToken authenticates API calls by bearer token.
func (h *handler) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		secret, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || strings.TrimSpace(secret) == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="cchc"`)
			h.apiError(w, r, accounts.ErrUnauthenticated)
			return
		}
		u, err := accounts.ByToken(r.Context(), h.db, strings.TrimSpace(secret))
		if err != nil {
			if errors.Is(err, accounts.ErrUnauthenticated) || errors.Is(err, accounts.ErrNotFound) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="cchc", error="invalid_token"`)
				err = accounts.ErrUnauthenticated
			}
			h.apiError(w, r, err)
			return
		}
		p, err := accounts.NewPrincipal(r.Context(), h.db, u)
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(withPrincipal(r.Context(), p)))
	})
}

// flash stores a one-time message shown on the next page.
func (h *handler) flash(r *http.Request, msg string) { h.sessions.Put(r.Context(), sessionFlash, msg) }

// csrf rejects cross-origin state changes (Sec-Fetch-Site / Origin checks);
// the session cookie is also SameSite=Lax.
func csrf(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSON(w, http.StatusForbidden, map[string]string{"error": "Yêu cầu từ nguồn khác bị từ chối.", "code": "cross_origin"})
			return
		}
		http.Error(w, "Yêu cầu từ trang web khác bị từ chối (CSRF).", http.StatusForbidden)
	}))
	return cop.Handler(next)
}
