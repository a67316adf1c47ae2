package app

import (
	"context"

	"cchc/annex"
	"cchc/authz"
	"cchc/units"
)

// The annexes kept between an import's preview and its confirmation: each
// is its uploader's alone (another's is not found).

// SaveUpload keeps an annex the caller previewed, as the caller's.
func (a *App) SaveUpload(ctx context.Context, me *authz.Principal, up *annex.Upload) error {
	up.UserID = me.User.ID
	return annex.SaveUpload(ctx, a.db, up)
}

// Upload loads one of the caller's uploads that has not expired
// (annex.ErrUploadNotFound otherwise) with its unit, whose plan the caller
// must still be allowed to create.
func (a *App) Upload(ctx context.Context, me *authz.Principal, id int64) (*annex.Upload, *units.Unit, error) {
	up, err := annex.UploadOf(ctx, a.db, id, me.User.ID)
	if err != nil {
		return nil, nil, err
	}
	unit, err := units.Get(ctx, a.db, up.UnitID)
	if err != nil {
		return nil, nil, err
	}
	if err := me.CanCreatePlanFor(unit); err != nil {
		return nil, nil, err
	}
	return up, unit, nil
}

// CancelUpload forgets one of the caller's uploads; one that is not (or no
// longer) the caller's is left alone, without error.
func (a *App) CancelUpload(ctx context.Context, me *authz.Principal, id int64) error {
	if _, err := annex.UploadOf(ctx, a.db, id, me.User.ID); err != nil {
		return nil
	}
	return annex.DeleteUpload(ctx, a.db, id)
}
