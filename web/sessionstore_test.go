package web

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type countingStore struct{ commits, deletes int }

func (c *countingStore) Delete(string) error                    { c.deletes++; return nil }
func (c *countingStore) Find(string) ([]byte, bool, error)      { return nil, false, nil }
func (c *countingStore) Commit(string, []byte, time.Time) error { c.commits++; return nil }

// A page view that changes nothing but the idle expiry writes nothing,
// unless the expiry moved by a minute or more; a change of data always
// writes; a deleted session is written again.
func TestTouchlessStore(t *testing.T) {
	t.Parallel()
	inner := &countingStore{}
	s := newTouchless(inner, time.Minute)
	exp := time.Now().Add(2 * time.Hour)
	require.NoError(t, s.Commit("a", []byte("data"), exp))
	require.NoError(t, s.Commit("a", []byte("data"), exp.Add(10*time.Second)))
	require.Equal(t, 1, inner.commits)
	require.NoError(t, s.Commit("a", []byte("data"), exp.Add(2*time.Minute)))
	require.Equal(t, 2, inner.commits)
	require.NoError(t, s.Commit("a", []byte("other"), exp.Add(2*time.Minute)))
	require.Equal(t, 3, inner.commits)
	require.NoError(t, s.Delete("a"))
	require.NoError(t, s.Commit("a", []byte("other"), exp.Add(2*time.Minute)))
	require.Equal(t, 4, inner.commits)
	require.NoError(t, s.Commit("b", []byte("other"), exp))
	require.Equal(t, 5, inner.commits)
}
