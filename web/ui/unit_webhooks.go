package ui

// A unit's webhooks (the notices of the tasks it leads, fed to its chat
// group), managed by admins on /units/{code}/webhooks and in the API.

import (
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"cchc/internal/errs"
	"cchc/reminders"
	"cchc/units"
	"cchc/web/request"
)

// webhookUnit answers 403 to non-admins, else loads the unit of {code}.
func (h *Handler) webhookUnit(r *http.Request) (*units.Unit, error) {
	return h.app.WebhookUnit(r.Context(), request.Principal(r), chi.URLParam(r, "code"))
}

func unitWebhooksPath(u *units.Unit) string { return "/units/" + url.PathEscape(u.Code) + "/webhooks" }

func (h *Handler) UnitWebhooks(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderUnitWebhooks(w, r, http.StatusOK, u, reminderPage{})
}

func (h *Handler) renderUnitWebhooks(w http.ResponseWriter, r *http.Request, status int, u *units.Unit, pg reminderPage) {
	hooks, err := h.app.UnitWebhooks(r.Context(), request.Principal(r), u.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "unit_webhooks", map[string]any{"Unit": u, "Action": unitWebhooksPath(u), "Webhooks": hooks, "Page": pg})
}

func (h *Handler) UnitWebhookCreate(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.webhookCreate(w, r, &reminders.Webhook{UnitID: u.ID}, func(status int, pg reminderPage) { h.renderUnitWebhooks(w, r, status, u, pg) })
}

func (h *Handler) UnitWebhookActive(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	hookID, err := request.ID(r, "webhookID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	hook, err := h.app.Webhook(r.Context(), request.Principal(r), hookID)
	if err == nil && hook.UnitID != u.ID {
		err = errs.Missing("ui: webhook %d of unit %s", hookID, u.Code)
	}
	if err == nil {
		err = h.setWebhookActive(r, hook, r.PostFormValue("active") == "1")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, unitWebhooksPath(u), http.StatusSeeOther)
}
