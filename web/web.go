// Package web is cchc's HTTP server: it builds the pages (web/ui) and the
// JSON API (web/api) over the use cases (app), and holds the one route
// table (routes.go), the middleware and the session manager they share. It
// holds no SQL and no rule.
package web

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/v2"
	"github.com/uptrace/bun"

	"cchc/app"
	"cchc/web/api"
	"cchc/web/ui"
)

// Deps are what the web layer needs, passed explicitly by cmd/cchc.
type Deps struct {
	DB      *bun.DB
	Log     *slog.Logger
	BaseURL string
	// Now is the clock; nil means time.Now. Tests pin it.
	Now func() time.Time
	// SessionCleanup is how often expired sessions are deleted; 0 never
	// (tests, and command-line tools that do not serve).
	SessionCleanup time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (CCHC_TRUSTED_PROXIES); empty: the peer is the client.
	TrustedProxies []netip.Prefix
}

// server is everything the route table refers to.
type server struct {
	db   *bun.DB
	log  *slog.Logger
	ui   *ui.Handler
	api  *api.Handler
	sess *scs.SessionManager
}

// New builds the whole HTTP handler: pages, API, assets.
func New(d Deps) (http.Handler, error) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	a := app.New(d.DB, d.Now)
	s := &server{db: d.DB, log: d.Log, sess: newSessions(d)}
	var err error
	if s.ui, err = ui.New(ui.Deps{App: a, DB: d.DB, Log: d.Log, BaseURL: d.BaseURL, Sessions: s.sess, TrustedProxies: d.TrustedProxies}); err != nil {
		return nil, err
	}
	s.api = api.New(api.Deps{App: a, DB: d.DB, Log: d.Log})
	return s.routes(), nil
}

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
