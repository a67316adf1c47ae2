package plans

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"cchc/internal/errs"
	"cchc/internal/vn"
)

// Query is one page of the plan list: the plans Filter lets through,
// narrowed to a subtree and a search, in the list's order (newest year
// first, then by issuing unit, then id: an index order, so that a page
// costs the same at any depth of a national list), from after a cursor.
type Query struct {
	Filter
	// Under keeps plans issued inside the subtree of this unit path.
	Under string
	// Search keeps plans whose number, title, or issuing unit's code or
	// name hold every word, ignoring case and diacritics ("tu phap").
	Search string
	// Limit is the page size (1 to MaxLimit; 0: DefaultLimit).
	Limit int
	// After is where the previous page ended (zero: the first page).
	After Cursor
}

// Page sizes of the plan list.
const (
	DefaultLimit = 100
	MaxLimit     = 500
)

// Cursor is the place of a plan in the list's order.
type Cursor struct {
	Year   int
	UnitID int64
	ID     int64
}

func (c Cursor) IsZero() bool { return c == Cursor{} }

// String encodes the cursor for a URL ("" for the zero cursor).
func (c Cursor) String() string {
	if c.IsZero() {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d.%d.%d", c.Year, c.UnitID, c.ID))
}

// ParseCursor reads what Cursor.String wrote; "" is the zero cursor.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	bad := errs.Bad("cursor", "plans.cursor_invalid")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, bad
	}
	parts := strings.Split(string(b), ".")
	if len(parts) != 3 {
		return Cursor{}, bad
	}
	y, err1 := strconv.Atoi(parts[0])
	unit, err2 := strconv.ParseInt(parts[1], 10, 64)
	id, err3 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return Cursor{}, bad
	}
	return Cursor{Year: y, UnitID: unit, ID: id}, nil
}

// Page returns a page of plans with their issuing units and, when more
// follow, the cursor of the next page.
func Page(ctx context.Context, db bun.IDB, q Query) ([]Plan, Cursor, error) {
	switch {
	case q.Limit == 0:
		q.Limit = DefaultLimit
	case q.Limit < 1 || q.Limit > MaxLimit:
		return nil, Cursor{}, errs.Bad("limit", "plans.limit_range", MaxLimit)
	}
	var ps []Plan
	sel := db.NewSelect().Model(&ps).Relation("Unit").OrderExpr("plan.year DESC, plan.unit_id, plan.id").Limit(int64(q.Limit + 1))
	if q.UnitPaths != nil {
		if len(q.UnitPaths) == 0 {
			return nil, Cursor{}, nil
		}
		sel = sel.WhereGroup(" AND ", func(s *bun.SelectQuery) *bun.SelectQuery {
			for _, p := range q.UnitPaths {
				s = s.WhereOr("unit.path LIKE ?", likePrefix(p))
			}
			return s
		})
	}
	if q.AroundPath != "" {
		sel = sel.Where("(unit.path LIKE ? OR ? LIKE unit.path || '%')", likePrefix(q.AroundPath), q.AroundPath)
	}
	if q.Year != 0 {
		sel = sel.Where("plan.year = ?", q.Year)
	}
	if q.Under != "" {
		sel = sel.Where("unit.path LIKE ?", likePrefix(q.Under))
	}
	for _, w := range strings.Fields(vn.Fold(q.Search)) {
		pat := "%" + escapeLike(w) + "%"
		sel = sel.Where("(plan.search_key LIKE ? OR unit.search_key LIKE ?)", pat, pat)
	}
	if c := q.After; !c.IsZero() {
		sel = sel.Where("(plan.year < ? OR (plan.year = ? AND (plan.unit_id, plan.id) > (?, ?)))", c.Year, c.Year, c.UnitID, c.ID)
	}
	if err := sel.Scan(ctx); err != nil {
		return nil, Cursor{}, fmt.Errorf("plans: page: %w", err)
	}
	var next Cursor
	if len(ps) > q.Limit {
		ps = ps[:q.Limit]
		last := ps[len(ps)-1]
		next = Cursor{Year: last.Year, UnitID: last.UnitID, ID: last.ID}
	}
	return ps, next, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// likePrefix is a LIKE pattern for a unit path and everything below it.
func likePrefix(path string) string { return escapeLike(path) + "%" }
