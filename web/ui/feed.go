package ui

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"cchc/authz"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/reminders"
	"cchc/web/request"
	"cchc/web/response"
)

// feedShow serves GET /feeds/{name}, name being SECRET.ics: the user's
// iCalendar feed of task deadlines. The secret in the URL is the only
// credential, as calendar applications send no cookie or token.
func (h *Handler) FeedShow(w http.ResponseWriter, r *http.Request) {
	secret, ok := strings.CutSuffix(chi.URLParam(r, "name"), ".ics")
	if !ok {
		h.feedError(w, request.ErrNoRoute)
		return
	}
	u, err := reminders.FeedUser(r.Context(), h.db, secret)
	if err != nil {
		h.feedError(w, err)
		return
	}
	me, err := authz.NewPrincipal(r.Context(), h.db, u)
	if err != nil {
		h.feedError(w, err)
		return
	}
	b, err := reminders.ICS(r.Context(), h.db, &me.Scope, h.app.Now(), h.absBase(r))
	if err != nil {
		h.feedError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="cchc.ics"`)
	w.Header().Set("Cache-Control", "private, no-cache")
	_, _ = w.Write(b)
}

// feedError answers a calendar application in plain text.
func (h *Handler) feedError(w http.ResponseWriter, err error) {
	status, _ := response.Status(err)
	if status >= 500 {
		h.log.Error("feed", "err", err)
	}
	http.Error(w, errs.Message(i18n.VI, err), status)
}

// absBase is CCHC_BASE_URL, or the request's own origin when it is not set.
func (h *Handler) absBase(r *http.Request) string {
	if h.baseURL != "" {
		return strings.TrimRight(h.baseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// feedCreate makes a new feed URL for the user (ending the previous one) and
// shows it once.
func (h *Handler) FeedCreate(w http.ResponseWriter, r *http.Request) {
	secret, err := h.app.RotateFeed(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	url := h.absBase(r) + "/feeds/" + secret + ".ics"
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	h.renderNotifications(w, r, http.StatusCreated, map[string]any{"NewFeedURL": url, "WebcalURL": template.URL(webcal)}) // our own origin and secret: safe
}

// feedDelete ends the user's feed.
func (h *Handler) FeedDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.app.DeleteFeed(r.Context(), request.Principal(r)); err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "notice.calendar_address_deleted"))
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}
