package accounts

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Many password checks at once run at most one per slot (one per CPU):
// 64 parallel sign-ins took the server from 100 MB to 1.13 GB when every
// 19 MiB hash ran at the same time (issue 10).
func TestHashingIsBounded(t *testing.T) {
	hash, err := HashPassword("mat-khau-dung")
	require.NoError(t, err)
	hashPeak.Store(0)
	const n = 64
	results := make([]bool, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			pw := "mat-khau-sai"
			if i%8 == 0 {
				pw = "mat-khau-dung"
			}
			results[i], errs[i] = CheckPassword(context.Background(), hash, pw)
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		require.Equal(t, i%8 == 0, results[i], i)
	}
	peak := int(hashPeak.Load())
	require.GreaterOrEqual(t, peak, 1)
	require.LessOrEqual(t, peak, cap(hashSlots), "at most one hash per slot at once")
	require.Zero(t, hashing.Load())
}

// Waiting for a slot ends with the request: a client that went away does
// not keep a place in the queue.
func TestHashingWaitHonoursContext(t *testing.T) {
	hash, err := HashPassword("mat-khau-dung")
	require.NoError(t, err)
	// Take every slot, as a burst of sign-ins would.
	for range cap(hashSlots) {
		hashSlots <- struct{}{}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := CheckPassword(ctx, hash, "mat-khau-dung")
		done <- err
	}()
	cancel()
	err = <-done
	for range cap(hashSlots) {
		<-hashSlots
	}
	require.ErrorIs(t, err, context.Canceled)
	ok, err := CheckPassword(context.Background(), hash, "mat-khau-dung")
	require.NoError(t, err)
	require.True(t, ok, "the slots are free again")
}
