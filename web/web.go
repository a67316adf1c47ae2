// Package web speaks HTTP: it turns requests into calls on the domain
// packages and renders their answers as HTML pages or JSON. It holds no SQL.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/uptrace/bun"

	"cchc/internal/civil"
	"cchc/tasks"
)

// Deps are what the web layer needs, passed explicitly by cmd/cchc.
type Deps struct {
	DB      *bun.DB
	Log     *slog.Logger
	BaseURL string
	// Now is the clock; nil means time.Now. Tests pin it.
	Now func() time.Time
	// OnReassign tells both units when a task of an issued plan gets another
	// lead unit (reminders.NotifyReassignment); nil records the audit row only.
	OnReassign tasks.Notifier
	// SessionCleanup is how often expired sessions are deleted; 0 never
	// (tests, and command-line tools that do not serve).
	SessionCleanup time.Duration
}

type handler struct {
	db       *bun.DB
	log      *slog.Logger
	baseURL  string
	now      func() time.Time
	assets   *Assets
	pages    *pages
	sessions *scs.SessionManager
	// onReassign is Deps.OnReassign.
	onReassign tasks.Notifier
}

// New builds the whole HTTP handler: pages, API, assets.
func New(d Deps) (http.Handler, error) {
	h := &handler{db: d.DB, log: d.Log, baseURL: d.BaseURL, now: d.Now, onReassign: d.OnReassign}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	h.sessions = newSessions(d)
	var err error
	if h.assets, err = NewAssets(); err != nil {
		return nil, err
	}
	if h.pages, err = parsePages(h.assets); err != nil {
		return nil, err
	}
	return h.routes(), nil
}

// today is the current calendar day in Asia/Ho_Chi_Minh.
func (h *handler) today() civil.Date { return civil.In(h.now()) }
