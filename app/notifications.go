package app

import (
	"context"

	"cchc/authz"
	"cchc/reminders"
)

// The caller's in-app notices: the list, the bell's count, reading them,
// and the channels they come by. Each acts on the caller's own notices
// alone (another user's is not found).

// Notices lists the caller's notices, newest first.
func (a *App) Notices(ctx context.Context, me *authz.Principal, o reminders.ListOptions) ([]reminders.Notice, error) {
	return reminders.List(ctx, a.db, me.User.ID, o)
}

// UnreadCount is the number on the caller's bell.
func (a *App) UnreadCount(ctx context.Context, me *authz.Principal) (int, error) {
	return reminders.UnreadCount(ctx, a.db, me.User.ID)
}

// MarkRead marks one of the caller's notices read now and returns it.
func (a *App) MarkRead(ctx context.Context, me *authz.Principal, id int64) (*reminders.Notice, error) {
	return reminders.MarkRead(ctx, a.db, me.User.ID, id, a.now())
}

// MarkAllRead marks every unread notice of the caller read and says how many.
func (a *App) MarkAllRead(ctx context.Context, me *authz.Principal) (int, error) {
	return reminders.MarkAllRead(ctx, a.db, me.User.ID, a.now())
}

// NotificationPrefs are the caller's channels.
func (a *App) NotificationPrefs(ctx context.Context, me *authz.Principal) (reminders.Prefs, error) {
	return reminders.PrefsOf(ctx, a.db, me.User.ID)
}

// SetNotificationPrefs saves the caller's channels: in-app always, e-mail
// if asked.
func (a *App) SetNotificationPrefs(ctx context.Context, me *authz.Principal, email bool) error {
	return reminders.SetPrefs(ctx, a.db, reminders.Prefs{UserID: me.User.ID, Email: email})
}
