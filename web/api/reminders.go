package api

import (
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/reminders"
	"cchc/web/request"
	"cchc/web/response"
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
)

// settingsJSON is a plan's reminder rules; updated_at is null while the
// plan runs on the defaults.
type settingsJSON struct {
	PlanID           int64      `json:"plan_id"`
	Enabled          bool       `json:"enabled"`
	DaysBefore       []int      `json:"days_before"`
	OnDueDay         bool       `json:"on_due_day"`
	OverdueEvery     int        `json:"overdue_every"`
	EscalateAfter    int        `json:"escalate_after"`
	ReportDaysBefore []int      `json:"report_days_before"`
	UpdatedAt        *time.Time `json:"updated_at"`
}

func settingsToJSON(s reminders.Settings) settingsJSON {
	j := settingsJSON{PlanID: s.PlanID, Enabled: s.Enabled, DaysBefore: s.DaysBefore, OnDueDay: s.OnDueDay,
		OverdueEvery: s.OverdueEvery, EscalateAfter: s.EscalateAfter, ReportDaysBefore: s.ReportDaysBefore}
	if j.DaysBefore == nil {
		j.DaysBefore = []int{}
	}
	if j.ReportDaysBefore == nil {
		j.ReportDaysBefore = []int{}
	}
	if !s.UpdatedAt.IsZero() {
		at := s.UpdatedAt
		j.UpdatedAt = &at
	}
	return j
}

// remindPlan reads {planID} and checks the caller may edit its reminders;
// otherwise it answers the error and returns nil.
func (h *Handler) remindPlan(w http.ResponseWriter, r *http.Request) *plans.Plan {
	id, err := request.ID(r, "planID")
	if err == nil {
		var p *plans.Plan
		if p, err = h.app.ReminderPlan(r.Context(), request.Principal(r), id); err == nil {
			return p
		}
	}
	h.fail(w, r, err)
	return nil
}

func (h *Handler) ReminderSettings(w http.ResponseWriter, r *http.Request) {
	p := h.remindPlan(w, r)
	if p == nil {
		return
	}
	s, err := h.app.ReminderSettings(r.Context(), request.Principal(r), p.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, settingsToJSON(s))
}

func (h *Handler) ReminderSettingsSet(w http.ResponseWriter, r *http.Request) {
	p := h.remindPlan(w, r)
	if p == nil {
		return
	}
	var in settingsInput
	if err := request.DecodeJSON(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.app.ReminderSettings(r.Context(), request.Principal(r), p.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if in.Enabled != nil {
		s.Enabled = *in.Enabled
	}
	if in.DaysBefore != nil {
		s.DaysBefore = *in.DaysBefore
	}
	if in.OnDueDay != nil {
		s.OnDueDay = *in.OnDueDay
	}
	if in.OverdueEvery != nil {
		s.OverdueEvery = *in.OverdueEvery
	}
	if in.EscalateAfter != nil {
		s.EscalateAfter = *in.EscalateAfter
	}
	if in.ReportDaysBefore != nil {
		s.ReportDaysBefore = *in.ReportDaysBefore
	}
	if err := h.app.SetReminderSettings(r.Context(), request.Principal(r), s); err != nil {
		h.fail(w, r, err)
		return
	}
	if s, err = h.app.ReminderSettings(r.Context(), request.Principal(r), p.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, settingsToJSON(s))
}

// webhookJSON is a webhook; the secret only in the answer that created it.
type webhookJSON struct {
	ID        int64     `json:"id"`
	PlanID    int64     `json:"plan_id,omitempty"`
	UnitID    int64     `json:"unit_id,omitempty"`
	Name      string    `json:"name"`
	URL       string    `json:"url"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	Secret    string    `json:"secret,omitempty"`
}

func webhookToJSON(w *reminders.Webhook) webhookJSON {
	return webhookJSON{ID: w.ID, PlanID: w.PlanID, UnitID: w.UnitID, Name: w.Name, URL: w.URL, Active: w.Active, CreatedAt: w.CreatedAt}
}

// webhookList answers a list of webhooks, or the error reading it.
func (h *Handler) webhookList(w http.ResponseWriter, r *http.Request, ws []reminders.Webhook, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]webhookJSON, 0, len(ws))
	for i := range ws {
		out = append(out, webhookToJSON(&ws[i]))
	}
	response.JSON(w, http.StatusOK, out)
}

func (h *Handler) webhookCreate(w http.ResponseWriter, r *http.Request, hook *reminders.Webhook) {
	var in webhookInput
	if err := request.DecodeJSON(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	hook.Name, hook.URL, hook.Secret = in.Name, in.URL, in.Secret
	if err := h.app.CreateWebhook(r.Context(), request.Principal(r), hook); err != nil {
		h.fail(w, r, err)
		return
	}
	out := webhookToJSON(hook)
	out.Secret = hook.Secret
	response.JSON(w, http.StatusCreated, out)
}

func (h *Handler) PlanWebhooks(w http.ResponseWriter, r *http.Request) {
	if p := h.remindPlan(w, r); p != nil {
		ws, err := h.app.PlanWebhooks(r.Context(), request.Principal(r), p.ID)
		h.webhookList(w, r, ws, err)
	}
}

func (h *Handler) PlanWebhookCreate(w http.ResponseWriter, r *http.Request) {
	if p := h.remindPlan(w, r); p != nil {
		h.webhookCreate(w, r, &reminders.Webhook{PlanID: p.ID})
	}
}

// WebhookActive turns a plan's or a unit's webhook on or off: {"active": bool}.
func (h *Handler) WebhookActive(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "webhookID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hook, err := h.app.Webhook(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		Active *bool `json:"active"`
	}
	if err := request.DecodeJSON(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if in.Active == nil {
		h.fail(w, r, errs.Bad("active", "reminder_settings.active_must_given_true_or_false"))
		return
	}
	if err := h.app.SetWebhookActive(r.Context(), request.Principal(r), hook, *in.Active); err != nil {
		h.fail(w, r, err)
		return
	}
	hook.Active = *in.Active
	response.JSON(w, http.StatusOK, webhookToJSON(hook))
}

func (h *Handler) UnitWebhooks(w http.ResponseWriter, r *http.Request) {
	u, err := h.app.WebhookUnit(r.Context(), request.Principal(r), chi.URLParam(r, "code"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ws, err := h.app.UnitWebhooks(r.Context(), request.Principal(r), u.ID)
	h.webhookList(w, r, ws, err)
}

func (h *Handler) UnitWebhookCreate(w http.ResponseWriter, r *http.Request) {
	u, err := h.app.WebhookUnit(r.Context(), request.Principal(r), chi.URLParam(r, "code"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.webhookCreate(w, r, &reminders.Webhook{UnitID: u.ID})
}

// settingsInput is the body of PUT reminder-settings: fields left out keep
// their value; plan_id and updated_at (as read by GET) are accepted and ignored.
type settingsInput struct {
	Enabled          *bool           `json:"enabled"`
	DaysBefore       *[]int          `json:"days_before"`
	OnDueDay         *bool           `json:"on_due_day"`
	OverdueEvery     *int            `json:"overdue_every"`
	EscalateAfter    *int            `json:"escalate_after"`
	ReportDaysBefore *[]int          `json:"report_days_before"`
	PlanID           json.RawMessage `json:"plan_id"`
	UpdatedAt        json.RawMessage `json:"updated_at"`
}

// webhookInput is the body that creates a webhook; an empty secret gets a
// random one.
type webhookInput struct {
	Name   string `json:"name"`
	URL    string `json:"url"`
	Secret string `json:"secret"`
}
