// Package units owns the organisation tree: provinces, cities, departments
// and communes, of any depth (docs/DOMAIN.md §2).
package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

// ErrCodeTaken means another unit has that code.
var ErrCodeTaken = errs.New(errs.Conflict, "exists", "units.code_taken")

type Kind string

const (
	KindProvince   Kind = "province"
	KindCity       Kind = "city"
	KindDistrict   Kind = "district"
	KindCommune    Kind = "commune"
	KindDepartment Kind = "department"
	KindAgency     Kind = "agency"
)

// Kinds are every kind, in the order forms offer them.
var Kinds = []Kind{KindProvince, KindCity, KindDistrict, KindCommune, KindDepartment, KindAgency}

// Valid reports whether k is a kind the schema accepts.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Label is the message ID of the kind's name.
func (k Kind) Label() string { return "units.kind_" + string(k) }

type Unit struct {
	bun.BaseModel `bun:"table:units"`

	ID            int64     `bun:"id,pk,autoincrement"`
	Code          string    `bun:"code"`
	Name          string    `bun:"name"`
	Kind          Kind      `bun:"kind"`
	ParentID      int64     `bun:"parent_id,nullzero"`
	Path          string    `bun:"path"`
	Position      int       `bun:"position"`
	IsSecretariat bool      `bun:"is_secretariat"`
	CreatedAt     time.Time `bun:"created_at,nullzero,default:now()"`
	// SearchKey is code and name folded for search (a generated column).
	SearchKey string `bun:"search_key,scanonly" json:"-"`
}

// Contains reports whether other is u itself or lies below u in the tree.
func (u Unit) Contains(other Unit) bool {
	return u.Path != "" && strings.HasPrefix(other.Path, u.Path)
}

// Depth is 0 for a root unit.
func (u Unit) Depth() int { return strings.Count(u.Path, "/") - 2 }

// AncestorIDs lists the ids from the root down to u itself.
func (u Unit) AncestorIDs() []int64 {
	var ids []int64
	for _, s := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,40}$`)

// Create inserts u; u.ParentID (if any) must exist. The path is set by the database.
func Create(ctx context.Context, db bun.IDB, u *Unit) error {
	u.Code = strings.TrimSpace(u.Code)
	u.Name = vn.OneLine(u.Name)
	switch {
	case !codePattern.MatchString(u.Code):
		return errs.Bad("code", "units.code_invalid", u.Code)
	case u.Name == "":
		return errs.Bad("name", "units.name_required")
	case !u.Kind.Valid():
		return errs.Bad("kind", "units.kind_invalid", u.Kind)
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, db bun.Tx) error {
		return create(ctx, db, u)
	})
}

func create(ctx context.Context, db bun.Tx, u *Unit) error {
	if _, err := db.NewInsert().Model(u).Returning("*").Exec(ctx); err != nil {
		if database.IsUniqueViolation(err) {
			return ErrCodeTaken.With("units: code " + u.Code + " is taken")
		}
		return fmt.Errorf("units: create %s: %w", u.Code, err)
	}
	return audit.Record(ctx, db, audit.Change{Action: "create", Entity: "unit", EntityID: u.ID,
		After: map[string]any{"code": u.Code, "name": u.Name, "kind": u.Kind, "parent_id": u.ParentID, "is_secretariat": u.IsSecretariat}})
}

func Get(ctx context.Context, db bun.IDB, id int64) (*Unit, error) {
	u := new(Unit)
	if err := db.NewSelect().Model(u).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err, "unit %d", id)
	}
	return u, nil
}

func ByCode(ctx context.Context, db bun.IDB, code string) (*Unit, error) {
	u := new(Unit)
	if err := db.NewSelect().Model(u).Where("code = ?", strings.TrimSpace(code)).Scan(ctx); err != nil {
		return nil, notFound(err, "unit %q", code)
	}
	return u, nil
}

// Subtree returns root and every unit below it, parents before children,
// siblings in position then Vietnamese alphabetical order.
func Subtree(ctx context.Context, db bun.IDB, root *Unit) ([]Unit, error) {
	var us []Unit
	if err := db.NewSelect().Model(&us).Where("path LIKE ?", root.Path+"%").Scan(ctx); err != nil {
		return nil, fmt.Errorf("units: subtree of %s: %w", root.Code, err)
	}
	SortTree(us)
	return us, nil
}

// Upper returns root and the units down to levels below it (every root
// unit and those below them when root is nil), in tree order: the choices
// of a filter by issuing body.
func Upper(ctx context.Context, db bun.IDB, root *Unit, levels int) ([]Unit, error) {
	var us []Unit
	q := db.NewSelect().Model(&us)
	depth := `length(path) - length(replace(path, '/', '')) - 2`
	if root != nil {
		q = q.Where("path LIKE ?", root.Path+"%").Where(depth+" <= ?", root.Depth()+levels)
	} else {
		q = q.Where(depth+" <= ?", levels)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("units: upper levels: %w", err)
	}
	SortTree(us)
	return us, nil
}

// All returns every unit in tree order.
func All(ctx context.Context, db bun.IDB) ([]Unit, error) {
	var us []Unit
	if err := db.NewSelect().Model(&us).Scan(ctx); err != nil {
		return nil, fmt.Errorf("units: all: %w", err)
	}
	SortTree(us)
	return us, nil
}

// byIDsSQL is prepared once per connection: every page that shows tasks
// names their units.
const byIDsSQL = `SELECT id, code, name, kind, coalesce(parent_id, 0) AS parent_id, path, position, is_secretariat, created_at
FROM units WHERE id = ANY($1)`

// ByIDs loads the given units keyed by id.
func ByIDs(ctx context.Context, db bun.IDB, ids []int64) (map[int64]Unit, error) {
	out := make(map[int64]Unit, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var us []Unit
	if err := database.Select(ctx, db, &us, byIDsSQL, ids); err != nil {
		return nil, fmt.Errorf("units: by ids: %w", err)
	}
	for _, u := range us {
		out[u.ID] = u
	}
	return out, nil
}

// SortTree orders units depth-first: each parent followed by its children,
// siblings by position then by name in Vietnamese order.
func SortTree(us []Unit) {
	children := map[int64][]Unit{}
	ids := map[int64]bool{}
	for _, u := range us {
		ids[u.ID] = true
	}
	var roots []Unit
	for _, u := range us {
		if u.ParentID == 0 || !ids[u.ParentID] {
			roots = append(roots, u)
		} else {
			children[u.ParentID] = append(children[u.ParentID], u)
		}
	}
	sortSiblings := func(s []Unit) {
		vn.SortFunc(s, func(u Unit) string { return u.Name }, func(a, b Unit) int { return a.Position - b.Position })
	}
	out := us[:0:0]
	var walk func([]Unit)
	walk = func(level []Unit) {
		sortSiblings(level)
		for _, u := range level {
			out = append(out, u)
			walk(children[u.ID])
		}
	}
	walk(roots)
	copy(us, out)
}

func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.Missing("units: "+format, args...)
	}
	return fmt.Errorf("units: "+format+": %w", append(args, err)...)
}
