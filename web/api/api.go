// Package api is the JSON API under /api/v1 (docs/API.md): bearer tokens,
// JSON in and out, errors as {"error", "code"} in the caller's language
// (Accept-Language: en for English). Handlers read the request (web/request),
// call the use cases (app) — the same functions as the pages — and write
// JSON (web/response). The route table is web.routes.
package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/app"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/web/request"
	"cchc/web/response"
)

// Deps are what the API needs, passed by web.New.
type Deps struct {
	App *app.App
	DB  *bun.DB
	Log *slog.Logger
}

// Handler serves the JSON API.
type Handler struct {
	app *app.App
	db  *bun.DB
	log *slog.Logger
}

// New builds the API handlers.
func New(d Deps) *Handler {
	h := &Handler{app: d.App, db: d.DB, log: d.Log}
	if h.log == nil {
		h.log = slog.Default()
	}
	return h
}

// fail answers err as JSON with the status response.Status decides.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	response.Error(w, r, h.log, err)
}

// NoRoute answers a path under /api/v1 that names nothing.
func (h *Handler) NoRoute(w http.ResponseWriter, r *http.Request) { h.fail(w, r, request.ErrNoRoute) }

// RequireToken authenticates API calls by bearer token and puts the
// caller's principal in the request's context.
func (h *Handler) RequireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || strings.TrimSpace(secret) == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="cchc"`)
			h.fail(w, r, accounts.ErrUnauthenticated)
			return
		}
		u, err := accounts.ByToken(r.Context(), h.db, strings.TrimSpace(secret))
		if err != nil {
			if errors.Is(err, errs.Unauthenticated) || errors.Is(err, errs.NotFound) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="cchc", error="invalid_token"`)
				err = accounts.ErrUnauthenticated
			}
			h.fail(w, r, err)
			return
		}
		p, err := authz.NewPrincipal(r.Context(), h.db, u)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(request.WithPrincipal(r.Context(), p)))
	})
}
