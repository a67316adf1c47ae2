// Package ui is the server-rendered pages of cchc: one file per page or
// action, templates and browser assets embedded beside them. Handlers read
// the request (web/request), call the use cases (app) or a domain read, and
// render a template; errors become the error page or a message in the form.
// The route table is web.routes.
package ui

import (
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/alexedwards/scs/v2"
	"github.com/uptrace/bun"

	"cchc/app"
)

// Deps are what the pages need, passed by web.New.
type Deps struct {
	App      *app.App
	DB       *bun.DB
	Log      *slog.Logger
	BaseURL  string
	Sessions *scs.SessionManager
	// TrustedProxies: whose X-Forwarded-For names the client (request.ClientIP).
	TrustedProxies []netip.Prefix
}

// Handler serves the pages.
type Handler struct {
	app      *app.App
	db       *bun.DB
	log      *slog.Logger
	baseURL  string
	sessions *scs.SessionManager
	trusted  []netip.Prefix
	assets   *Assets
	pages    *pages
}

// New parses the templates and the assets.
func New(d Deps) (*Handler, error) {
	h := &Handler{app: d.App, db: d.DB, log: d.Log, baseURL: d.BaseURL, sessions: d.Sessions, trusted: d.TrustedProxies}
	if h.log == nil {
		h.log = slog.Default()
	}
	var err error
	if h.assets, err = NewAssets(); err != nil {
		return nil, err
	}
	if h.pages, err = parsePages(h.assets); err != nil {
		return nil, err
	}
	return h, nil
}

// Static serves the embedded assets under content-hashed names.
func (h *Handler) Static() http.Handler { return h.assets.Handler() }

// Session keys.
const (
	SessionUserID = "user_id"
	SessionEpoch  = "epoch"
	sessionFlash  = "flash"
)

// flash stores a one-time message shown on the next page.
func (h *Handler) flash(r *http.Request, msg string) { h.sessions.Put(r.Context(), sessionFlash, msg) }
