package accounts

import (
	"cchc/internal/errs"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Throttling: after this many failures in the window, sign-in is refused for
// the account (whatever the address) or for the address (whatever the account).
const (
	ThrottleWindow      = 15 * time.Minute
	MaxFailuresPerEmail = 5
	MaxFailuresPerIP    = 20
)

// ThrottledError says sign-in is refused for a while.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("accounts: too many failed sign-ins; retry in %s", e.RetryAfter.Round(time.Minute))
}

// Minutes is the wait, rounded up, for the message shown to the user.
func (e *ThrottledError) Minutes() int { return int((e.RetryAfter + time.Minute - 1) / time.Minute) }

// As lets errors.As find the *errs.Error of kind Throttled that it is.
func (e *ThrottledError) As(target any) bool {
	t, ok := target.(**errs.Error)
	if ok {
		*t = &errs.Error{Kind: errs.Throttled, Code: "throttled", Key: "accounts.throttled", Args: []any{e.Minutes()}, Detail: e.Error()}
	}
	return ok
}

// SignIn checks e-mail and password, throttled per account and per address.
// Every attempt is recorded.
func SignIn(ctx context.Context, db bun.IDB, email, password, ip string) (*User, error) {
	key := normEmail(email)
	if err := checkThrottle(ctx, db, "email_key", key, MaxFailuresPerEmail); err != nil {
		return nil, err
	}
	if err := checkThrottle(ctx, db, "ip", ip, MaxFailuresPerIP); err != nil {
		return nil, err
	}
	u, err := ByEmail(ctx, db, key)
	ok := false
	switch {
	case errors.Is(err, errs.NotFound):
		CheckPassword(dummyHash, password) // same cost as a real check
	case err != nil:
		return nil, err
	default:
		ok = u.Active && CheckPassword(u.PasswordHash, password)
	}
	if _, err := db.NewRaw("INSERT INTO login_attempts (email_key, ip, success) VALUES (?, ?, ?)", key, ip, ok).Exec(ctx); err != nil {
		return nil, fmt.Errorf("accounts: record attempt: %w", err)
	}
	if !ok {
		return nil, ErrBadCredentials
	}
	// A success clears the account's failures, so one typo does not linger.
	if _, err := db.NewRaw("DELETE FROM login_attempts WHERE email_key = ? AND NOT success", key).Exec(ctx); err != nil {
		return nil, fmt.Errorf("accounts: clear attempts: %w", err)
	}
	return u, nil
}

func checkThrottle(ctx context.Context, db bun.IDB, column, value string, max int) error {
	var row struct {
		N      int       `bun:"n"`
		Oldest time.Time `bun:"oldest"`
	}
	err := db.NewRaw("SELECT count(*) AS n, coalesce(min(at), now()) AS oldest FROM login_attempts WHERE "+column+" = ? AND NOT success AND at > now() - ?::interval",
		value, fmt.Sprintf("%d seconds", int(ThrottleWindow.Seconds()))).Scan(ctx, &row)
	if err != nil {
		return fmt.Errorf("accounts: throttle: %w", err)
	}
	if row.N >= max {
		wait := time.Until(row.Oldest.Add(ThrottleWindow))
		if wait < time.Minute {
			wait = time.Minute
		}
		return &ThrottledError{RetryAfter: wait}
	}
	return nil
}
