package ui

// The editing side of reminders: a plan's reminder rules and webhooks,
// edited by the plan's secretariat (accounts.Principal.CanVerify) or an
// admin, on the page /plans/{id}/reminders and in the JSON API. Unit
// webhooks are in unit_webhooks.go, the holiday list in holidays.go.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/reminders"
	"cchc/web/request"
)

// settingsForm is the rules form as typed, shown back on error.
type settingsForm struct {
	Enabled, OnDueDay                                         bool
	DaysBefore, OverdueEvery, EscalateAfter, ReportDaysBefore string
}

func formOfSettings(s reminders.Settings) settingsForm {
	return settingsForm{Enabled: s.Enabled, OnDueDay: s.OnDueDay, DaysBefore: joinInts(s.DaysBefore),
		OverdueEvery: strconv.Itoa(s.OverdueEvery), EscalateAfter: strconv.Itoa(s.EscalateAfter), ReportDaysBefore: joinInts(s.ReportDaysBefore)}
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

// parseDays reads "7, 3, 1" (commas, semicolons or spaces); empty is none.
func parseDays(s, msg string) ([]int, error) {
	out := []int{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, errs.Bad("", msg)
		}
		out = append(out, n)
	}
	return out, nil
}

func parseCount(s, msg string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, errs.Bad("", msg)
	}
	return n, nil
}

const (
	msgDaysBefore       = "reminder_settings.days_before_deadline_must_whole"
	msgReportDaysBefore = "reminder_settings.working_days_before_cut_off_must"
	msgOverdueEvery     = "reminder_settings.overdue_repeat_must_whole_number"
	msgEscalateAfter    = "reminder_settings.days_overdue_before_telling"
)

// settings turns the form into the plan's settings.
func (f settingsForm) settings(planID int64) (reminders.Settings, error) {
	s := reminders.Settings{PlanID: planID, Enabled: f.Enabled, OnDueDay: f.OnDueDay}
	var err error
	if s.DaysBefore, err = parseDays(f.DaysBefore, msgDaysBefore); err != nil {
		return s, err
	}
	if s.OverdueEvery, err = parseCount(f.OverdueEvery, msgOverdueEvery); err != nil {
		return s, err
	}
	if s.EscalateAfter, err = parseCount(f.EscalateAfter, msgEscalateAfter); err != nil {
		return s, err
	}
	if s.ReportDaysBefore, err = parseDays(f.ReportDaysBefore, msgReportDaysBefore); err != nil {
		return s, err
	}
	return s, nil
}

// hookForm is the new-webhook form as typed.
type hookForm struct{ Name, URL string }

// reminderPage is what reminder_settings.html shows besides the forms.
type reminderPage struct {
	Form      *settingsForm // nil: the saved settings
	FormError string
	Hook      hookForm
	HookError string
	// NewSecret is the secret of the webhook just created, shown once.
	NewSecret string
	NewHook   *reminders.Webhook
	// NudgeError is why reminding a unit now failed.
	NudgeError string
}

func (h *Handler) PlanReminders(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.ReminderPlan)
	if p == nil {
		return
	}
	h.renderReminders(w, r, http.StatusOK, p, reminderPage{})
}

// renderReminders shows the page; without a Form, the saved settings fill it.
func (h *Handler) renderReminders(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, pg reminderPage) {
	s, err := h.app.ReminderSettings(r.Context(), request.Principal(r), p.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	hooks, err := h.app.PlanWebhooks(r.Context(), request.Principal(r), p.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if pg.Form == nil {
		f := formOfSettings(s)
		pg.Form = &f
	}
	nudges, err := h.app.NudgeChoices(r.Context(), request.Principal(r), p.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	next, err := h.app.NextReminderRun(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	d := reminders.DefaultSettings(p.ID)
	h.render(w, r, status, "reminder_settings", map[string]any{
		"Plan": p, "Settings": s, "Webhooks": hooks, "Page": pg, "Action": fmt.Sprintf("/plans/%d/reminders/webhooks", p.ID),
		"Nudges": nudges, "NextRun": next,
		"Defaults": map[string]string{"DaysBefore": joinInts(d.DaysBefore), "ReportDaysBefore": joinInts(d.ReportDaysBefore),
			"OverdueEvery": strconv.Itoa(d.OverdueEvery), "EscalateAfter": strconv.Itoa(d.EscalateAfter)},
	})
}

func (h *Handler) PlanRemindersSave(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.ReminderPlan)
	if p == nil {
		return
	}
	f := settingsForm{Enabled: r.PostFormValue("enabled") != "", OnDueDay: r.PostFormValue("on_due_day") != "",
		DaysBefore: r.PostFormValue("days_before"), OverdueEvery: r.PostFormValue("overdue_every"),
		EscalateAfter: r.PostFormValue("escalate_after"), ReportDaysBefore: r.PostFormValue("report_days_before")}
	s, err := f.settings(p.ID)
	if err == nil {
		err = h.app.SetReminderSettings(r.Context(), request.Principal(r), s)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderReminders(w, r, status, p, reminderPage{Form: &f, FormError: msg})
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "reminder_settings.plan_s_reminder_rules_saved"))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/reminders", p.ID), http.StatusSeeOther)
}

func (h *Handler) PlanWebhookCreate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.app.ReminderPlan)
	if p == nil {
		return
	}
	h.webhookCreate(w, r, &reminders.Webhook{PlanID: p.ID}, func(status int, pg reminderPage) { h.renderReminders(w, r, status, p, pg) })
}

// webhookCreate adds the webhook of the form to a plan or unit (hook carries
// which) and re-renders the page: with the secret, shown this once, or with
// the form and its error.
func (h *Handler) webhookCreate(w http.ResponseWriter, r *http.Request, hook *reminders.Webhook, render func(status int, pg reminderPage)) {
	f := hookForm{Name: r.PostFormValue("name"), URL: r.PostFormValue("url")}
	hook.Name, hook.URL = f.Name, f.URL
	if err := h.app.CreateWebhook(r.Context(), request.Principal(r), hook); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		render(status, reminderPage{Hook: f, HookError: msg})
		return
	}
	render(http.StatusCreated, reminderPage{NewSecret: hook.Secret, NewHook: hook})
}

func (h *Handler) PlanWebhookActive(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "planID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	hookID, err := request.ID(r, "webhookID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p, err := h.app.ReminderPlan(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	hook, err := h.app.Webhook(r.Context(), request.Principal(r), hookID)
	if err == nil && hook.PlanID != p.ID {
		err = errs.Missing("ui: webhook %d of plan %d", hookID, p.ID)
	}
	if err == nil {
		err = h.setWebhookActive(r, hook, r.PostFormValue("active") == "1")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/reminders", p.ID), http.StatusSeeOther)
}

// setWebhookActive switches a webhook and says so in the next page's flash.
func (h *Handler) setWebhookActive(r *http.Request, hook *reminders.Webhook, active bool) error {
	if err := h.app.SetWebhookActive(r.Context(), request.Principal(r), hook, active); err != nil {
		return err
	}
	msg := "reminder_settings.webhook_x_turned_off"
	if active {
		msg = "reminder_settings.webhook_x_turned"
	}
	name := hook.Name
	if name == "" {
		name = hook.URL
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), msg, name))
	return nil
}
