package web

// A unit's webhooks (the notices of the tasks it leads, fed to its chat
// group), managed by admins on /units/{code}/webhooks and in the API.

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"cchc/reminders"
	"cchc/units"
)

// webhookUnit answers 403 to non-admins, else loads the unit of {code}.
func (h *handler) webhookUnit(r *http.Request) (*units.Unit, error) {
	if err := principal(r).CanAdminister(); err != nil {
		return nil, err
	}
	return units.ByCode(r.Context(), h.db, chi.URLParam(r, "code"))
}

func unitWebhooksPath(u *units.Unit) string { return "/units/" + url.PathEscape(u.Code) + "/webhooks" }

func (h *handler) unitWebhooks(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.renderUnitWebhooks(w, r, http.StatusOK, u, reminderPage{})
}

func (h *handler) renderUnitWebhooks(w http.ResponseWriter, r *http.Request, status int, u *units.Unit, pg reminderPage) {
	hooks, err := reminders.Webhooks(r.Context(), h.db, u.ID, 0)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, status, "unit_webhooks", map[string]any{"Unit": u, "Action": unitWebhooksPath(u), "Webhooks": hooks, "Page": pg})
}

func (h *handler) unitWebhookCreate(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.webhookCreate(w, r, &reminders.Webhook{UnitID: u.ID}, func(status int, pg reminderPage) { h.renderUnitWebhooks(w, r, status, u, pg) })
}

func (h *handler) unitWebhookActive(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	hookID, err := idParam(r, "webhookID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	hook, err := h.webhookByID(r.Context(), hookID)
	if err == nil && hook.UnitID != u.ID {
		err = fmt.Errorf("%w: webhook %d of unit %s", reminders.ErrNotFound, hookID, u.Code)
	}
	if err == nil {
		err = h.setWebhookActive(r, hook, r.PostFormValue("active") == "1")
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, unitWebhooksPath(u), http.StatusSeeOther)
}

func (h *handler) apiUnitWebhooks(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	h.apiWebhookList(w, r, u.ID, 0)
}

func (h *handler) apiUnitWebhookCreate(w http.ResponseWriter, r *http.Request) {
	u, err := h.webhookUnit(r)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	h.apiWebhookCreate(w, r, &reminders.Webhook{UnitID: u.ID})
}
