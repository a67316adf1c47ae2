// Package accounts owns users, their roles, sign-in, API tokens and the
// authorization rules every request is checked against.
package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/units"
)

var (
	// ErrBadCredentials is deliberately vague: it does not say which part was wrong.
	ErrBadCredentials = errs.New(errs.Unauthenticated, "bad_credentials", "accounts.bad_credentials")
	ErrEmailTaken     = errs.New(errs.Conflict, "exists", "accounts.email_taken")
	// ErrUnauthenticated means no valid session or token.
	ErrUnauthenticated = errs.New(errs.Unauthenticated, "unauthenticated", "error.unauthenticated")
)

type Role string

const (
	RoleAdmin       Role = "admin"
	RoleLeader      Role = "leader"
	RoleSecretariat Role = "secretariat"
	RoleOfficer     Role = "officer"
	RoleViewer      Role = "viewer"
)

var Roles = []Role{RoleAdmin, RoleLeader, RoleSecretariat, RoleOfficer, RoleViewer}

func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Label is the message ID of the role's name.
func (r Role) Label() string { return "accounts.role_" + string(r) }

type User struct {
	bun.BaseModel `bun:"table:users"`

	ID           int64  `bun:"id,pk,autoincrement" json:"id"`
	Email        string `bun:"email" json:"email"`
	Name         string `bun:"name" json:"name"`
	Role         Role   `bun:"role" json:"role"`
	UnitID       int64  `bun:"unit_id" json:"unit_id"`
	PasswordHash string `bun:"password_hash" json:"-"`
	Active       bool   `bun:"active" json:"active"`
	SessionEpoch int    `bun:"session_epoch" json:"-"`
	// Lang is the language the user chose for the pages ("vi", "en"), ""
	// before any choice.
	Lang      string    `bun:"lang" json:"-"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()" json:"-"`
	UpdatedAt time.Time `bun:"updated_at,nullzero,default:now()" json:"-"`

	Unit *units.Unit `bun:"rel:belongs-to,join:unit_id=id" json:"-"`
}

// auditView is what the audit trail keeps of a user: never the hash.
func (u *User) auditView() map[string]any {
	return map[string]any{"email": u.Email, "name": u.Name, "role": u.Role, "unit_id": u.UnitID, "active": u.Active}
}

// NewUser is what Create needs.
type NewUser struct {
	Email    string
	Name     string
	Role     Role
	UnitID   int64
	Password string
	// PasswordHash, when set, is used instead of hashing Password (the demo
	// loader hashes its shared password once).
	PasswordHash string
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

func validatePassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return errs.Bad("password", "accounts.password_short", MinPasswordLen)
	}
	if len(pw) > 256 {
		return errs.Bad("password", "accounts.password_long")
	}
	return nil
}

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Create adds a user with a hashed password.
func Create(ctx context.Context, db bun.IDB, in NewUser) (*User, error) {
	u := &User{Email: normEmail(in.Email), Name: vn.OneLine(in.Name), Role: in.Role, UnitID: in.UnitID, Active: true, SessionEpoch: 1}
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
		return nil, errs.Bad("email", "accounts.email_invalid", in.Email)
	}
	if u.Name == "" {
		return nil, errs.Bad("name", "accounts.name_required")
	}
	if !u.Role.Valid() {
		return nil, errs.Bad("role", "accounts.role_unknown", in.Role)
	}
	var err error
	if u.PasswordHash = in.PasswordHash; u.PasswordHash == "" {
		if err := validatePassword(in.Password); err != nil {
			return nil, err
		}
		if u.PasswordHash, err = HashPassword(in.Password); err != nil {
			return nil, err
		}
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(u).Returning("*").Exec(ctx); err != nil {
			if database.IsUniqueViolation(err) {
				return ErrEmailTaken.With("accounts: e-mail " + u.Email + " already in use")
			}
			if database.IsForeignKeyViolation(err) {
				return errs.Missing("accounts: unit %d", u.UnitID)
			}
			return fmt.Errorf("accounts: create user: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "create", Entity: "user", EntityID: u.ID, After: u.auditView()})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// Get loads a user with its unit.
func Get(ctx context.Context, db bun.IDB, id int64) (*User, error) {
	return getBy(ctx, db, "u.id = ?", id)
}

// ByEmail loads a user by e-mail, ignoring case.
func ByEmail(ctx context.Context, db bun.IDB, email string) (*User, error) {
	return getBy(ctx, db, "lower(u.email) = ?", normEmail(email))
}

func getBy(ctx context.Context, db bun.IDB, where string, arg any) (*User, error) {
	u := new(User)
	err := db.NewSelect().Model(u).ModelTableExpr("users AS u").ColumnExpr("u.*").
		Where(where, arg).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Missing("accounts: user %v", arg)
	}
	if err != nil {
		return nil, fmt.Errorf("accounts: get user: %w", err)
	}
	if u.Unit, err = units.Get(ctx, db, u.UnitID); err != nil {
		return nil, err
	}
	return u, nil
}

// List returns the users of the given units (all when unitPaths is nil), by name.
func List(ctx context.Context, db bun.IDB, unitPath string) ([]User, error) {
	var us []User
	q := db.NewSelect().Model(&us).ModelTableExpr("users AS u").ColumnExpr("u.*").
		Join("JOIN units AS un ON un.id = u.unit_id").OrderExpr("un.path, u.name")
	if unitPath != "" {
		q = q.Where("un.path LIKE ?", unitPath+"%")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("accounts: list users: %w", err)
	}
	ids := make([]int64, len(us))
	for i := range us {
		ids[i] = us[i].UnitID
	}
	byID, err := units.ByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	for i := range us {
		u := byID[us[i].UnitID]
		us[i].Unit = &u
	}
	return us, nil
}

// SetPassword replaces a user's password (own change or admin reset) and
// signs the user out everywhere.
func SetPassword(ctx context.Context, db bun.IDB, userID int64, pw string) error {
	if err := validatePassword(pw); err != nil {
		return err
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().Table("users").Set("password_hash = ?", hash).
			Set("session_epoch = session_epoch + 1").Set("updated_at = now()").Where("id = ?", userID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("accounts: set password: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Missing("accounts: user %d", userID)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "password", Entity: "user", EntityID: userID})
	})
}

// SetLang remembers the language the user chose for the pages. A
// preference, not a change of rights or data: not in the audit trail.
func SetLang(ctx context.Context, db bun.IDB, userID int64, lang i18n.Lang) error {
	if lang != i18n.VI && lang != i18n.EN {
		return errs.Bad("lang", "accounts.lang_unknown", lang)
	}
	res, err := db.NewUpdate().Table("users").Set("lang = ?", string(lang)).Where("id = ?", userID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("accounts: set language: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Missing("accounts: user %d", userID)
	}
	return nil
}

// SignOutEverywhere invalidates every session of the user.
func SignOutEverywhere(ctx context.Context, db bun.IDB, userID int64) error {
	_, err := db.NewUpdate().Table("users").Set("session_epoch = session_epoch + 1").Where("id = ?", userID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("accounts: sign out everywhere: %w", err)
	}
	return nil
}

// Update changes a user's name, role, unit or active flag (admin).
func Update(ctx context.Context, db bun.IDB, userID int64, name string, role Role, unitID int64, active bool) error {
	if !role.Valid() {
		return errs.Bad("role", "accounts.role_invalid")
	}
	name = vn.OneLine(name)
	if name == "" {
		return errs.Bad("name", "accounts.name_required")
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := Get(ctx, tx, userID)
		if err != nil {
			return err
		}
		after := *before
		after.Name, after.Role, after.UnitID, after.Active = name, role, unitID, active
		q := tx.NewUpdate().Table("users").Set("name = ?", name).Set("role = ?", role).Set("unit_id = ?", unitID).
			Set("active = ?", active).Set("updated_at = now()").Where("id = ?", userID)
		if before.Role != role || before.UnitID != unitID || !active {
			q = q.Set("session_epoch = session_epoch + 1") // new rights take effect at once
		}
		if _, err := q.Exec(ctx); err != nil {
			if database.IsForeignKeyViolation(err) {
				return errs.Missing("accounts: unit %d", unitID)
			}
			return fmt.Errorf("accounts: update user: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "update", Entity: "user", EntityID: userID, Before: before.auditView(), After: after.auditView()})
	})
}

// Names are the names of the users with these ids that still exist (the
// audit trail names who acted).
func Names(ctx context.Context, db bun.IDB, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	if err := db.NewSelect().Table("users").Column("id", "name").Where("id IN (?)", bun.List(ids)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("accounts: names: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
