package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/database"
	"cchc/internal/errs"
)

// tokenPrefix makes a leaked token recognisable by secret scanners.
const tokenPrefix = "cchc_"

// Token is an API token; only its SHA-256 is stored.
type Token struct {
	bun.BaseModel `bun:"table:api_tokens"`

	ID         int64     `bun:"id,pk,autoincrement"`
	UserID     int64     `bun:"user_id"`
	Name       string    `bun:"name"`
	Hash       []byte    `bun:"token_hash"`
	CreatedAt  time.Time `bun:"created_at,nullzero,default:now()"`
	LastUsedAt time.Time `bun:"last_used_at,nullzero"`
	RevokedAt  time.Time `bun:"revoked_at,nullzero"`
}

func hashToken(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// CreateToken makes a new token for the user and returns it in clear, once.
func CreateToken(ctx context.Context, db bun.IDB, userID int64, name string) (string, *Token, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, fmt.Errorf("accounts: token: %w", err)
	}
	secret := tokenPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw))
	t := &Token{UserID: userID, Name: strings.TrimSpace(name), Hash: hashToken(secret)}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(t).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("accounts: create token: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "create", Entity: "api_token", EntityID: t.ID, After: map[string]any{"user_id": userID, "name": t.Name}})
	})
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// ByToken returns the active user owning a live token.
func ByToken(ctx context.Context, db bun.IDB, secret string) (*User, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, ErrUnauthenticated
	}
	// Every API call starts here: one prepared query for the token, its
	// user and the user's unit.
	rows, err := database.Query(ctx, db, byTokenSQL, hashToken(secret))
	if err != nil {
		return nil, fmt.Errorf("accounts: token: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("accounts: token: %w", err)
		}
		return nil, ErrUnauthenticated
	}
	var tokenID int64
	var lastUsed sql.NullTime
	u, err := scanUserWithUnit(rows, &tokenID, &lastUsed)
	if err != nil {
		return nil, fmt.Errorf("accounts: token: %w", err)
	}
	rows.Close()
	if !u.Active {
		return nil, ErrUnauthenticated
	}
	// Last use is informative: update at most once a minute per token.
	if !lastUsed.Valid || time.Since(lastUsed.Time) > time.Minute {
		_, _ = database.Exec(ctx, db, `UPDATE api_tokens SET last_used_at = now()
		    WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, tokenID)
	}
	return u, nil
}

const byTokenSQL = `SELECT t.id, t.last_used_at, u.id, u.email, u.name, u.role, u.unit_id, u.password_hash, u.active,
       u.session_epoch, u.created_at, u.updated_at, n.id, n.code, n.name, n.kind, coalesce(n.parent_id, 0),
       n.path, n.position, n.is_secretariat, n.created_at
FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN units n ON n.id = u.unit_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL`

// Tokens lists a user's tokens, newest first.
func Tokens(ctx context.Context, db bun.IDB, userID int64) ([]Token, error) {
	var ts []Token
	if err := db.NewSelect().Model(&ts).Where("user_id = ?", userID).Order("id DESC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("accounts: tokens: %w", err)
	}
	return ts, nil
}

// RevokeToken stops a token from working. userID 0 lets an admin revoke any token.
func RevokeToken(ctx context.Context, db bun.IDB, tokenID, userID int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewUpdate().Model((*Token)(nil)).Set("revoked_at = now()").Where("id = ? AND revoked_at IS NULL", tokenID)
		if userID != 0 {
			q = q.Where("user_id = ?", userID)
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return fmt.Errorf("accounts: revoke token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Missing("accounts: token %d", tokenID)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "revoke", Entity: "api_token", EntityID: tokenID})
	})
}
