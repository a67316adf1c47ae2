package app

import (
	"context"

	"cchc/accounts"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/reminders"
)

// The signed-in user's own account: password, API tokens, language and
// calendar feed. Each acts on the caller alone, so it needs no other right.

// ChangePassword replaces the caller's password after checking the current
// one and that the new one was typed twice alike; it signs the user out
// everywhere.
func (a *App) ChangePassword(ctx context.Context, me *authz.Principal, current, next, confirm string) error {
	ok, err := accounts.CheckPassword(ctx, me.User.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Bad("current", "account.current_password_wrong")
	}
	if next != confirm {
		return errs.Bad("confirm", "account.two_new_passwords_differ")
	}
	return accounts.SetPassword(ctx, a.db, me.User.ID, next)
}

// Tokens lists the caller's API tokens.
func (a *App) Tokens(ctx context.Context, me *authz.Principal) ([]accounts.Token, error) {
	return accounts.Tokens(ctx, a.db, me.User.ID)
}

// CreateToken makes an API token for the caller and returns its secret,
// to be shown once.
func (a *App) CreateToken(ctx context.Context, me *authz.Principal, name string) (string, error) {
	secret, _, err := accounts.CreateToken(ctx, a.db, me.User.ID, name)
	return secret, err
}

// RevokeToken ends one of the caller's API tokens (another's is not found).
func (a *App) RevokeToken(ctx context.Context, me *authz.Principal, id int64) error {
	return accounts.RevokeToken(ctx, a.db, id, me.User.ID)
}

// SetLanguage remembers the language the signed-in user u chose for the
// pages (the language switch also serves visitors not signed in, so it
// has a user, not a principal).
func (a *App) SetLanguage(ctx context.Context, u *accounts.User, lang i18n.Lang) error {
	return accounts.SetLang(ctx, a.db, u.ID, lang)
}

// CalendarFeed is the caller's calendar feed, nil if none.
func (a *App) CalendarFeed(ctx context.Context, me *authz.Principal) (*reminders.FeedInfo, error) {
	return reminders.FeedOf(ctx, a.db, me.User.ID)
}

// RotateFeed makes a new calendar feed secret for the caller (ending the
// previous one) and returns it, to be shown once.
func (a *App) RotateFeed(ctx context.Context, me *authz.Principal) (string, error) {
	return reminders.RotateFeed(ctx, a.db, me.User.ID)
}

// DeleteFeed ends the caller's calendar feed.
func (a *App) DeleteFeed(ctx context.Context, me *authz.Principal) error {
	return reminders.DeleteFeed(ctx, a.db, me.User.ID)
}
