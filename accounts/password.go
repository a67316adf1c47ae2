package accounts

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: OWASP's 19 MiB, 2 passes, 1 lane.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// hashSlots bounds the argon2id computations running at once: each holds
// 19 MiB for its whole run and keeps a CPU busy, so more than one per CPU
// only adds memory. A sign-in waits for a slot, or for its request to end.
var hashSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// hashing and hashPeak count the computations running and the most seen at
// once, hashed all of them (the tests check the bound, and that every
// sign-in costs one).
var (
	hashing, hashPeak atomic.Int32
	hashed            atomic.Int64
)

// argonKey computes an argon2id key once a slot is free, or returns ctx's
// error if it ends first.
func argonKey(ctx context.Context, pw string, salt []byte, t, m uint32, p uint8, n uint32) ([]byte, error) {
	select {
	case hashSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("accounts: waiting to check a password: %w", ctx.Err())
	}
	defer func() { <-hashSlots }()
	now := hashing.Add(1)
	defer hashing.Add(-1)
	hashed.Add(1)
	for {
		peak := hashPeak.Load()
		if now <= peak || hashPeak.CompareAndSwap(peak, now) {
			break
		}
	}
	return argon2.IDKey([]byte(pw), salt, t, m, p, n), nil
}

// HashPassword returns the PHC string of an argon2id hash of pw.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("accounts: salt: %w", err)
	}
	key, err := argonKey(context.Background(), pw, salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	if err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the PHC string hash. It waits
// for a hashing slot; the error is ctx's when the wait is given up.
func CheckPassword(ctx context.Context, hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, nil
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, nil
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false, nil
	}
	got, err := argonKey(ctx, pw, salt, t, m, p, uint32(len(want)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash makes a sign-in with an unknown e-mail (or a disabled account)
// cost as much as a real one, so that timing does not tell which exist.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("cchc-dummy-password")
	if err != nil {
		panic(err) // only crypto/rand can fail here
	}
	return h
})
