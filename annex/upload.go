package annex

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/errs"
	"cchc/internal/vn"
)

// ErrUploadNotFound: no such upload for that user (or it expired).
var ErrUploadNotFound = errs.New(errs.NotFound, "not_found", "error.not_found")

// UploadLifetime is how long an uploaded annex waits for its confirmation.
const UploadLifetime = 24 * time.Hour

// Upload is an annex file kept between its preview and the user's
// confirmation, so that the user does not send it twice and what is
// created is exactly what was previewed.
type Upload struct {
	bun.BaseModel `bun:"table:plan_imports"`

	ID        int64     `bun:"id,pk,autoincrement"`
	UserID    int64     `bun:"user_id"`
	UnitID    int64     `bun:"unit_id"`
	Year      int       `bun:"year"`
	Title     string    `bun:"title"`
	Number    string    `bun:"number"`
	FileName  string    `bun:"file_name"`
	File      []byte    `bun:"file,type:bytea"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
}

// SaveUpload stores u and deletes the uploads older than UploadLifetime.
func SaveUpload(ctx context.Context, db bun.IDB, u *Upload) error {
	u.Title, u.Number, u.FileName = vn.OneLine(u.Title), vn.OneLine(u.Number), vn.OneLine(u.FileName)
	if _, err := db.NewDelete().Model((*Upload)(nil)).Where("created_at < ?", time.Now().Add(-UploadLifetime)).Exec(ctx); err != nil {
		return fmt.Errorf("annex: purge uploads: %w", err)
	}
	if _, err := db.NewInsert().Model(u).Returning("id, created_at").Exec(ctx); err != nil {
		return fmt.Errorf("annex: save upload: %w", err)
	}
	return nil
}

// UploadOf returns an upload of the user, if it has not expired.
func UploadOf(ctx context.Context, db bun.IDB, id, userID int64) (*Upload, error) {
	u := new(Upload)
	err := db.NewSelect().Model(u).Where("id = ? AND user_id = ?", id, userID).
		Where("created_at >= ?", time.Now().Add(-UploadLifetime)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUploadNotFound.With(fmt.Sprintf("annex: upload %d", id))
	}
	if err != nil {
		return nil, fmt.Errorf("annex: upload %d: %w", id, err)
	}
	return u, nil
}

// DeleteUpload forgets an upload (once applied or cancelled).
func DeleteUpload(ctx context.Context, db bun.IDB, id int64) error {
	if _, err := db.NewDelete().Model((*Upload)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("annex: delete upload %d: %w", id, err)
	}
	return nil
}
