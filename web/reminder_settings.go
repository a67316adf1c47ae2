package web

// The editing side of reminders: a plan's reminder rules and webhooks,
// edited by the plan's secretariat (accounts.Principal.CanVerify) or an
// admin, on the page /plans/{id}/reminders and in the JSON API. Unit
// webhooks are in unit_webhooks.go, the holiday list in holidays.go.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cchc/accounts"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/reminders"
	"cchc/units"
)

// remindPlan loads a plan whose reminders the caller may edit: a plan
// outside the caller's tree is not found (404), anyone but its secretariat
// and the admins is forbidden (403).
func (h *handler) remindPlan(ctx context.Context, me *accounts.Principal, id int64) (*plans.Plan, error) {
	p, err := plans.Get(ctx, h.db, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanSeePlan(p); err != nil {
		return nil, err
	}
	if err := me.CanVerify(p); err != nil {
		return nil, err
	}
	return p, nil
}

// webhookByID finds a webhook of any unit or plan.
func (h *handler) webhookByID(ctx context.Context, id int64) (*reminders.Webhook, error) {
	ws, err := reminders.Webhooks(ctx, h.db, 0, 0)
	if err != nil {
		return nil, err
	}
	for i := range ws {
		if ws[i].ID == id {
			return &ws[i], nil
		}
	}
	return nil, fmt.Errorf("%w: webhook %d", reminders.ErrNotFound, id)
}

// canManageWebhook: a plan's webhook as its reminder settings; a unit's
// webhook is for admins (others: forbidden if the unit is in their scope,
// not found otherwise).
func (h *handler) canManageWebhook(ctx context.Context, me *accounts.Principal, w *reminders.Webhook) error {
	if w.PlanID != 0 {
		_, err := h.remindPlan(ctx, me, w.PlanID)
		return err
	}
	if me.IsAdmin() {
		return nil
	}
	u, err := units.Get(ctx, h.db, w.UnitID)
	if err != nil {
		return err
	}
	if !me.Scope.Contains(*u) {
		return fmt.Errorf("%w: webhook %d", accounts.ErrHidden, w.ID)
	}
	return me.CanAdminister()
}

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
			return nil, &badRequest{msg: msg}
		}
		out = append(out, n)
	}
	return out, nil
}

func parseCount(s, msg string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, &badRequest{msg: msg}
	}
	return n, nil
}

const (
	msgDaysBefore       = "Số ngày nhắc trước hạn phải là các số nguyên, cách nhau bằng dấu phẩy (ví dụ: 7, 3, 1)."
	msgReportDaysBefore = "Số ngày làm việc nhắc trước kỳ chốt số liệu phải là các số nguyên, cách nhau bằng dấu phẩy (ví dụ: 7, 2)."
	msgOverdueEvery     = "Chu kỳ nhắc quá hạn phải là một số nguyên (số ngày)."
	msgEscalateAfter    = "Số ngày quá hạn trước khi báo lãnh đạo phải là một số nguyên."
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
}

func (h *handler) planReminders(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.remindPlan)
	if p == nil {
		return
	}
	h.renderReminders(w, r, http.StatusOK, p, reminderPage{})
}

// renderReminders shows the page; without a Form, the saved settings fill it.
func (h *handler) renderReminders(w http.ResponseWriter, r *http.Request, status int, p *plans.Plan, pg reminderPage) {
	s, err := reminders.SettingsFor(r.Context(), h.db, p.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	hooks, err := reminders.Webhooks(r.Context(), h.db, 0, p.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	if pg.Form == nil {
		f := formOfSettings(s)
		pg.Form = &f
	}
	d := reminders.DefaultSettings(p.ID)
	h.render(w, r, status, "reminder_settings", map[string]any{
		"Plan": p, "Settings": s, "Webhooks": hooks, "Page": pg, "Action": fmt.Sprintf("/plans/%d/reminders/webhooks", p.ID),
		"Defaults": map[string]string{"DaysBefore": joinInts(d.DaysBefore), "ReportDaysBefore": joinInts(d.ReportDaysBefore),
			"OverdueEvery": strconv.Itoa(d.OverdueEvery), "EscalateAfter": strconv.Itoa(d.EscalateAfter)},
	})
}

func (h *handler) planRemindersSave(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.remindPlan)
	if p == nil {
		return
	}
	f := settingsForm{Enabled: r.PostFormValue("enabled") != "", OnDueDay: r.PostFormValue("on_due_day") != "",
		DaysBefore: r.PostFormValue("days_before"), OverdueEvery: r.PostFormValue("overdue_every"),
		EscalateAfter: r.PostFormValue("escalate_after"), ReportDaysBefore: r.PostFormValue("report_days_before")}
	s, err := f.settings(p.ID)
	if err == nil {
		err = reminders.SetSettings(r.Context(), h.db, s)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderReminders(w, r, status, p, reminderPage{Form: &f, FormError: msg})
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã lưu quy tắc nhắc việc của kế hoạch."))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/reminders", p.ID), http.StatusSeeOther)
}

func (h *handler) planWebhookCreate(w http.ResponseWriter, r *http.Request) {
	p := h.pagePlan(w, r, h.remindPlan)
	if p == nil {
		return
	}
	h.webhookCreate(w, r, &reminders.Webhook{PlanID: p.ID}, func(status int, pg reminderPage) { h.renderReminders(w, r, status, p, pg) })
}

// webhookCreate adds the webhook of the form to a plan or unit (hook carries
// which) and re-renders the page: with the secret, shown this once, or with
// the form and its error.
func (h *handler) webhookCreate(w http.ResponseWriter, r *http.Request, hook *reminders.Webhook, render func(status int, pg reminderPage)) {
	f := hookForm{Name: r.PostFormValue("name"), URL: r.PostFormValue("url")}
	hook.Name, hook.URL = f.Name, f.URL
	if err := reminders.CreateWebhook(r.Context(), h.db, hook); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		render(status, reminderPage{Hook: f, HookError: msg})
		return
	}
	render(http.StatusCreated, reminderPage{NewSecret: hook.Secret, NewHook: hook})
}

func (h *handler) planWebhookActive(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	hookID, err := idParam(r, "webhookID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	p, err := h.remindPlan(r.Context(), principal(r), id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	hook, err := h.webhookByID(r.Context(), hookID)
	if err == nil && hook.PlanID != p.ID {
		err = fmt.Errorf("%w: webhook %d of plan %d", reminders.ErrNotFound, hookID, p.ID)
	}
	if err == nil {
		err = h.setWebhookActive(r, hook, r.PostFormValue("active") == "1")
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/reminders", p.ID), http.StatusSeeOther)
}

// setWebhookActive switches a webhook and says so in the next page's flash.
func (h *handler) setWebhookActive(r *http.Request, hook *reminders.Webhook, active bool) error {
	if err := reminders.SetWebhookActive(r.Context(), h.db, hook.ID, active); err != nil {
		return err
	}
	msg := "Đã tắt webhook “%s”."
	if active {
		msg = "Đã bật webhook “%s”."
	}
	name := hook.Name
	if name == "" {
		name = hook.URL
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), msg, name))
	return nil
}

// The JSON API.

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

// apiRemindPlan reads {planID} and checks the caller may edit its reminders;
// otherwise it answers the error and returns nil.
func (h *handler) apiRemindPlan(w http.ResponseWriter, r *http.Request) *plans.Plan {
	id, err := idParam(r, "planID")
	if err == nil {
		var p *plans.Plan
		if p, err = h.remindPlan(r.Context(), principal(r), id); err == nil {
			return p
		}
	}
	h.apiError(w, r, err)
	return nil
}

func (h *handler) apiReminderSettings(w http.ResponseWriter, r *http.Request) {
	p := h.apiRemindPlan(w, r)
	if p == nil {
		return
	}
	s, err := reminders.SettingsFor(r.Context(), h.db, p.ID)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, settingsToJSON(s))
}

func (h *handler) apiReminderSettingsSet(w http.ResponseWriter, r *http.Request) {
	p := h.apiRemindPlan(w, r)
	if p == nil {
		return
	}
	var in settingsInput
	if err := decodeJSON(r, &in); err != nil {
		h.apiError(w, r, err)
		return
	}
	s, err := reminders.SettingsFor(r.Context(), h.db, p.ID)
	if err != nil {
		h.apiError(w, r, err)
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
	if err := reminders.SetSettings(r.Context(), h.db, s); err != nil {
		h.apiError(w, r, err)
		return
	}
	if s, err = reminders.SettingsFor(r.Context(), h.db, p.ID); err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, settingsToJSON(s))
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

func (h *handler) apiWebhookList(w http.ResponseWriter, r *http.Request, unitID, planID int64) {
	ws, err := reminders.Webhooks(r.Context(), h.db, unitID, planID)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	out := make([]webhookJSON, 0, len(ws))
	for i := range ws {
		out = append(out, webhookToJSON(&ws[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

// webhookInput is the body that creates a webhook; an empty secret gets a
// random one.
type webhookInput struct {
	Name   string `json:"name"`
	URL    string `json:"url"`
	Secret string `json:"secret"`
}

func (h *handler) apiWebhookCreate(w http.ResponseWriter, r *http.Request, hook *reminders.Webhook) {
	var in webhookInput
	if err := decodeJSON(r, &in); err != nil {
		h.apiError(w, r, err)
		return
	}
	hook.Name, hook.URL, hook.Secret = in.Name, in.URL, in.Secret
	if err := reminders.CreateWebhook(r.Context(), h.db, hook); err != nil {
		h.apiError(w, r, err)
		return
	}
	out := webhookToJSON(hook)
	out.Secret = hook.Secret
	writeJSON(w, http.StatusCreated, out)
}

func (h *handler) apiPlanWebhooks(w http.ResponseWriter, r *http.Request) {
	if p := h.apiRemindPlan(w, r); p != nil {
		h.apiWebhookList(w, r, 0, p.ID)
	}
}

func (h *handler) apiPlanWebhookCreate(w http.ResponseWriter, r *http.Request) {
	if p := h.apiRemindPlan(w, r); p != nil {
		h.apiWebhookCreate(w, r, &reminders.Webhook{PlanID: p.ID})
	}
}

// apiWebhookActive turns a plan's or a unit's webhook on or off: {"active": bool}.
func (h *handler) apiWebhookActive(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "webhookID")
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	hook, err := h.webhookByID(r.Context(), id)
	if err == nil {
		err = h.canManageWebhook(r.Context(), principal(r), hook)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	var in struct {
		Active *bool `json:"active"`
	}
	if err := decodeJSON(r, &in); err != nil {
		h.apiError(w, r, err)
		return
	}
	if in.Active == nil {
		h.apiError(w, r, &badRequest{msg: "Cần cho biết active: true hoặc false."})
		return
	}
	if err := reminders.SetWebhookActive(r.Context(), h.db, hook.ID, *in.Active); err != nil {
		h.apiError(w, r, err)
		return
	}
	hook.Active = *in.Active
	writeJSON(w, http.StatusOK, webhookToJSON(hook))
}
