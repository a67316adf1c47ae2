package accounts

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/units"
)

// userWithUnitSQL reads a user and the user's unit in one prepared query:
// every page request starts with it.
const userWithUnitSQL = `SELECT u.id, u.email, u.name, u.role, u.unit_id, u.password_hash, u.active,
       u.session_epoch, u.created_at, u.updated_at, n.id, n.code, n.name, n.kind, coalesce(n.parent_id, 0),
       n.path, n.position, n.is_secretariat, n.created_at
FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = $1`

// GetWithUnit loads a user with its unit (User.Unit), in one query.
func GetWithUnit(ctx context.Context, db bun.IDB, id int64) (*User, error) {
	rows, err := database.Query(ctx, db, userWithUnitSQL, id)
	if err != nil {
		return nil, fmt.Errorf("accounts: user %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("accounts: user %d: %w", id, err)
		}
		return nil, errs.Missing("accounts: user %v", id)
	}
	u, err := scanUserWithUnit(rows)
	if err != nil {
		return nil, fmt.Errorf("accounts: user %d: %w", id, err)
	}
	return u, nil
}

// scanUserWithUnit reads the columns of userWithUnitSQL (after extra
// destinations, if any).
func scanUserWithUnit(rows *sql.Rows, extra ...any) (*User, error) {
	u := &User{Unit: &units.Unit{}}
	dest := append(extra, &u.ID, &u.Email, &u.Name, &u.Role, &u.UnitID, &u.PasswordHash, &u.Active,
		&u.SessionEpoch, &u.CreatedAt, &u.UpdatedAt, &u.Unit.ID, &u.Unit.Code, &u.Unit.Name, &u.Unit.Kind, &u.Unit.ParentID,
		&u.Unit.Path, &u.Unit.Position, &u.Unit.IsSecretariat, &u.Unit.CreatedAt)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	return u, nil
}
