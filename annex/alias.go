package annex

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

var (
	// ErrAliasExists means the alias (by Key) already names a unit.
	ErrAliasExists = &errs.Error{Kind: errs.Invalid, Code: "invalid_input", Field: "alias", Key: "annex.alias_exists"}
	// ErrAliasEmpty means the alias has no letter or digit.
	ErrAliasEmpty = errs.Bad("alias", "annex.alias_empty")
	// ErrAliasNotFound is returned by RemoveAlias for an unknown id.
	ErrAliasNotFound = errs.New(errs.NotFound, "not_found", "error.not_found")
)

// Alias is another name of a unit, as annexes write it. Aliases are
// searched before unit names (see Matcher), so an alias also settles a name
// that would otherwise be ambiguous.
type Alias struct {
	bun.BaseModel `bun:"table:unit_aliases"`

	ID        int64     `bun:"id,pk,autoincrement"`
	Alias     string    `bun:"alias"`
	AliasKey  string    `bun:"alias_key"`
	UnitID    int64     `bun:"unit_id"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
}

// AddAlias records alias as another name of the unit.
func AddAlias(ctx context.Context, db bun.IDB, unitID int64, alias string) (*Alias, error) {
	a := &Alias{Alias: vn.OneLine(alias), AliasKey: Key(alias), UnitID: unitID}
	if a.AliasKey == "" {
		return nil, ErrAliasEmpty
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(a).Returning("*").Exec(ctx); err != nil {
			if database.IsUniqueViolation(err) {
				return ErrAliasExists.With("annex: alias " + a.Alias + " is taken")
			}
			return fmt.Errorf("annex: add alias: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "create", Entity: "unit_alias", EntityID: a.ID, After: map[string]any{"alias": a.Alias, "unit_id": unitID}})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Aliases lists every alias, by unit then name.
func Aliases(ctx context.Context, db bun.IDB) ([]Alias, error) {
	var as []Alias
	if err := db.NewSelect().Model(&as).Order("unit_id", "alias_key", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("annex: aliases: %w", err)
	}
	return as, nil
}

// RemoveAlias deletes an alias.
func RemoveAlias(ctx context.Context, db bun.IDB, id int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var before Alias
		err := tx.NewDelete().Model(&before).Where("id = ?", id).Returning("*").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrAliasNotFound.With(fmt.Sprintf("annex: alias %d", id))
		}
		if err != nil {
			return fmt.Errorf("annex: remove alias: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "delete", Entity: "unit_alias", EntityID: id, Before: map[string]any{"alias": before.Alias, "unit_id": before.UnitID}})
	})
}
