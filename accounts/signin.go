package accounts

import (
	"cchc/internal/errs"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Throttling of sign-in (README, "Security"). Failures are counted over
// the last ThrottleWindow:
//
//   - an account from one address: after MaxFailuresPerPair failures that
//     address is refused for that account (and only for it);
//   - an address, all accounts together: after MaxFailuresPerIP failures
//     the address is refused for every account;
//   - an account from all addresses together: after AttackThreshold
//     failures the account is under attack and slowed, not blocked — the
//     addresses that already failed on it get one password check every
//     AttackSpacing between them (counted from the end of the last check);
//     an address with no recent failure on it is checked at once, so its
//     owner signing in from their usual place gets through.
//
// Every password check is first reserved as a failure, under advisory
// locks on the account and the address, in one short transaction: the
// check of the limits and the count are one atomic step, so parallel
// attempts cannot all slip under a limit. A right password then turns the
// reservation into a success and clears the failures of that account from
// that address.
const (
	ThrottleWindow     = 15 * time.Minute
	MaxFailuresPerPair = 5
	MaxFailuresPerIP   = 20
	AttackThreshold    = 20
	AttackSpacing      = 10 * time.Second
)

// ThrottledError says sign-in is refused for a while.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("accounts: too many failed sign-ins; retry in %s", e.RetryAfter.Round(time.Second))
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

// SignIn checks e-mail and password from the client address ip, throttled
// as above. Every password check is recorded.
func SignIn(ctx context.Context, db bun.IDB, email, password, ip string) (*User, error) {
	key := normEmail(email)
	attempt, err := reserveAttempt(ctx, db, key, ip)
	if err != nil {
		return nil, err
	}
	u, err := ByEmail(ctx, db, key)
	ok := false
	switch {
	case errors.Is(err, errs.NotFound):
		u = nil
		_, err = CheckPassword(ctx, dummyHash(), password) // same cost as a real check
	case err == nil:
		ok, err = CheckPassword(ctx, u.PasswordHash, password)
		ok = ok && u.Active
	}
	if err != nil {
		// No password was checked (the client left, the database failed):
		// the reservation counts for nothing.
		_, _ = db.NewRaw("DELETE FROM login_attempts WHERE id = ?", attempt).Exec(context.WithoutCancel(ctx))
		return nil, err
	}
	if !ok {
		// The check ends now: the spacing of an attacked account counts
		// from here, not from before the wait for a hashing slot.
		if _, err := db.NewRaw("UPDATE login_attempts SET at = clock_timestamp() WHERE id = ?", attempt).Exec(ctx); err != nil {
			return nil, fmt.Errorf("accounts: record attempt: %w", err)
		}
		return nil, ErrBadCredentials
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("UPDATE login_attempts SET success = true WHERE id = ?", attempt).Exec(ctx); err != nil {
			return err
		}
		// One typo from here does not linger; failures elsewhere stay.
		_, err := tx.NewRaw("DELETE FROM login_attempts WHERE email_key = ? AND ip = ? AND NOT success", key, ip).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("accounts: record sign-in: %w", err)
	}
	return u, nil
}

// reserveAttempt checks the limits and records the coming password check as
// a failure, atomically, and returns the attempt's id. The locks are taken
// account first, then address, by every sign-in, and held only for this
// transaction (not while the password is hashed).
func reserveAttempt(ctx context.Context, db bun.IDB, key, ip string) (int64, error) {
	var id int64
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, lock := range []string{"cchc signin account " + key, "cchc signin address " + ip} {
			if _, err := tx.NewRaw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", lock).Exec(ctx); err != nil {
				return fmt.Errorf("accounts: throttle lock: %w", err)
			}
		}
		var c struct {
			Now        time.Time `bun:"now"`
			Pair       int       `bun:"pair"`
			PairOldest time.Time `bun:"pair_oldest"`
			Addr       int       `bun:"addr"`
			AddrOldest time.Time `bun:"addr_oldest"`
			Account    int       `bun:"account"`
			LastCheck  time.Time `bun:"last_check"`
		}
		err := tx.NewRaw(`WITH recent AS (
				SELECT email_key, ip, at FROM login_attempts
				WHERE NOT success AND at > clock_timestamp() - ?::interval AND (email_key = ? OR ip = ?))
			SELECT clock_timestamp() AS now,
				count(*) FILTER (WHERE email_key = ? AND ip = ?) AS pair,
				coalesce(min(at) FILTER (WHERE email_key = ? AND ip = ?), clock_timestamp()) AS pair_oldest,
				count(*) FILTER (WHERE ip = ?) AS addr,
				coalesce(min(at) FILTER (WHERE ip = ?), clock_timestamp()) AS addr_oldest,
				count(*) FILTER (WHERE email_key = ?) AS account,
				coalesce((SELECT max(at) FROM login_attempts WHERE email_key = ?), 'epoch') AS last_check
			FROM recent`,
			fmt.Sprintf("%d seconds", int(ThrottleWindow.Seconds())), key, ip,
			key, ip, key, ip, ip, ip, key, key).Scan(ctx, &c)
		if err != nil {
			return fmt.Errorf("accounts: throttle: %w", err)
		}
		switch {
		case c.Pair >= MaxFailuresPerPair:
			return throttled(c.PairOldest.Add(ThrottleWindow).Sub(c.Now))
		case c.Addr >= MaxFailuresPerIP:
			return throttled(c.AddrOldest.Add(ThrottleWindow).Sub(c.Now))
		case c.Account >= AttackThreshold && c.Pair > 0 && c.Now.Sub(c.LastCheck) < AttackSpacing:
			return throttled(AttackSpacing - c.Now.Sub(c.LastCheck))
		}
		return tx.NewRaw("INSERT INTO login_attempts (email_key, ip, success, at) VALUES (?, ?, false, clock_timestamp()) RETURNING id",
			key, ip).Scan(ctx, &id)
	})
	return id, err
}

func throttled(wait time.Duration) error {
	return &ThrottledError{RetryAfter: max(wait, time.Second)}
}
