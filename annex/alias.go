package annex

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/internal/database"
	"cchc/internal/vn"
)

var (
	// ErrAliasExists means the alias (by Key) already names a unit.
	ErrAliasExists = errors.New("annex: tên gọi khác này đã được dùng cho một đơn vị")
	// ErrAliasEmpty means the alias has no letter or digit.
	ErrAliasEmpty = errors.New("annex: tên gọi khác không được để trống")
	// ErrAliasNotFound is returned by RemoveAlias for an unknown id.
	ErrAliasNotFound = errors.New("annex: alias not found")
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
	if _, err := db.NewInsert().Model(a).Returning("*").Exec(ctx); err != nil {
		if database.IsUniqueViolation(err) {
			return nil, fmt.Errorf("%w: “%s”", ErrAliasExists, a.Alias)
		}
		return nil, fmt.Errorf("annex: add alias: %w", err)
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
	res, err := db.NewDelete().Model((*Alias)(nil)).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("annex: remove alias: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %d", ErrAliasNotFound, id)
	}
	return nil
}
