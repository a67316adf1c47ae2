package web

import (
	"crypto/sha256"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
)

// touchless is a session store that does not write a session back when
// only its idle expiry moved, by less than slack, since this process last
// wrote it: with an idle timeout scs commits every session at every
// request, which would make each page view a write (and a WAL flush) for
// nothing. The stored expiry then lags by at most slack, so an idle session
// lasts its timeout give or take slack.
type touchless struct {
	scs.Store
	slack time.Duration

	mu      sync.Mutex
	written map[string]writtenSession
	sweep   time.Time
}

type writtenSession struct {
	sum    [32]byte
	expiry time.Time
}

func newTouchless(s scs.Store, slack time.Duration) *touchless {
	return &touchless{Store: s, slack: slack, written: map[string]writtenSession{}}
}

func (t *touchless) Commit(token string, b []byte, expiry time.Time) error {
	sum := sha256.Sum256(b)
	now := time.Now()
	t.mu.Lock()
	w, ok := t.written[token]
	skip := ok && w.sum == sum && expiry.Sub(w.expiry) < t.slack && w.expiry.After(now)
	t.mu.Unlock()
	if skip {
		return nil
	}
	if err := t.Store.Commit(token, b, expiry); err != nil {
		return err
	}
	t.mu.Lock()
	t.written[token] = writtenSession{sum: sum, expiry: expiry}
	if now.Sub(t.sweep) > time.Minute { // forget expired sessions
		t.sweep = now
		for k, v := range t.written {
			if v.expiry.Before(now) {
				delete(t.written, k)
			}
		}
	}
	t.mu.Unlock()
	return nil
}

func (t *touchless) Delete(token string) error {
	t.mu.Lock()
	delete(t.written, token)
	t.mu.Unlock()
	return t.Store.Delete(token)
}
