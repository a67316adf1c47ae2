package app

import (
	"context"

	"cchc/authz"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/reminders"
	"cchc/units"
)

// ReminderPlan loads a plan whose reminder rules and webhooks the principal
// may edit: its secretariat or an admin (a plan outside the principal's
// tree is not found, anyone else is forbidden).
func (a *App) ReminderPlan(ctx context.Context, me *authz.Principal, id int64) (*plans.Plan, error) {
	p, err := a.visiblePlan(ctx, me, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanVerify(p); err != nil {
		return nil, err
	}
	return p, nil
}

// SetReminderSettings saves a plan's reminder rules.
func (a *App) SetReminderSettings(ctx context.Context, me *authz.Principal, s reminders.Settings) error {
	if _, err := a.ReminderPlan(ctx, me, s.PlanID); err != nil {
		return err
	}
	return reminders.SetSettings(ctx, a.db, s)
}

// ReminderSettings are a plan's reminder rules, for those who may edit them
// (ReminderPlan).
func (a *App) ReminderSettings(ctx context.Context, me *authz.Principal, planID int64) (reminders.Settings, error) {
	if _, err := a.ReminderPlan(ctx, me, planID); err != nil {
		return reminders.Settings{}, err
	}
	return reminders.SettingsFor(ctx, a.db, planID)
}

// PlanWebhooks lists a plan's webhooks, for those who may edit its
// reminders (ReminderPlan).
func (a *App) PlanWebhooks(ctx context.Context, me *authz.Principal, planID int64) ([]reminders.Webhook, error) {
	if _, err := a.ReminderPlan(ctx, me, planID); err != nil {
		return nil, err
	}
	return reminders.Webhooks(ctx, a.db, 0, planID)
}

// UnitWebhooks lists a unit's webhooks, for admins (WebhookUnit).
func (a *App) UnitWebhooks(ctx context.Context, me *authz.Principal, unitID int64) ([]reminders.Webhook, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	return reminders.Webhooks(ctx, a.db, unitID, 0)
}

// WebhookUnit is the unit of that code, whose webhooks only admins manage.
func (a *App) WebhookUnit(ctx context.Context, me *authz.Principal, code string) (*units.Unit, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	return units.ByCode(ctx, a.db, code)
}

// CreateWebhook adds a webhook to a plan (its reminder editors) or a unit
// (admins), as hook says; hook.Secret is set when it was empty.
func (a *App) CreateWebhook(ctx context.Context, me *authz.Principal, hook *reminders.Webhook) error {
	if err := a.canManageWebhook(ctx, me, hook); err != nil {
		return err
	}
	return reminders.CreateWebhook(ctx, a.db, hook)
}

// Webhook loads a webhook the principal may manage.
func (a *App) Webhook(ctx context.Context, me *authz.Principal, id int64) (*reminders.Webhook, error) {
	ws, err := reminders.Webhooks(ctx, a.db, 0, 0)
	if err != nil {
		return nil, err
	}
	for i := range ws {
		if ws[i].ID == id {
			if err := a.canManageWebhook(ctx, me, &ws[i]); err != nil {
				return nil, err
			}
			return &ws[i], nil
		}
	}
	return nil, errs.Missing("app: webhook %d", id)
}

// SetWebhookActive switches a webhook the principal may manage on or off.
func (a *App) SetWebhookActive(ctx context.Context, me *authz.Principal, hook *reminders.Webhook, active bool) error {
	if err := a.canManageWebhook(ctx, me, hook); err != nil {
		return err
	}
	return reminders.SetWebhookActive(ctx, a.db, hook.ID, active)
}

// canManageWebhook: a plan's webhook as its reminder settings; a unit's
// webhook is for admins (others: forbidden if the unit is in their scope,
// not found otherwise).
func (a *App) canManageWebhook(ctx context.Context, me *authz.Principal, w *reminders.Webhook) error {
	if w.PlanID != 0 {
		_, err := a.ReminderPlan(ctx, me, w.PlanID)
		return err
	}
	if me.IsAdmin() {
		return nil
	}
	u, err := units.Get(ctx, a.db, w.UnitID)
	if err != nil {
		return err
	}
	if !me.Scope.Contains(*u) {
		return errs.Missing("app: webhook %d outside the scope", w.ID)
	}
	return me.CanAdminister()
}
