package units_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// tree is a four-level tree (province → city → department/commune →
// sub-unit) plus an unrelated province, keyed by code.
type tree map[string]*units.Unit

// newTree creates the units of spec in order; each line is
// "code|kind|name|parent code". Siblings are inserted out of alphabetical
// order on purpose.
func newTree(t *testing.T, ctx context.Context, db bun.IDB) tree {
	t.Helper()
	spec := []string{
		"P|province|UBND tỉnh Bắc Sơn|",
		"C|city|UBND thành phố Sơn Hà|P",
		"C-DONG|commune|Xã Đông|C",
		"C-DUONG|commune|Xã Dương|C",
		"C-AN2|commune|Xã Ân|C",
		"C-AN1|commune|Xã Ăn|C",
		"C-AN0|commune|Xã An|C",
		"C-BAC|commune|Xã Bắc|C",
		"C-TP|department|Phòng Tư pháp|C",
		"C-TP-2|agency|Tổ hòa giải|C-TP",
		"C-TP-1|agency|Tổ Đăng ký hộ tịch|C-TP",
		"C-TP-3|agency|Tổ Chứng thực|C-TP",
		"C-DUONG-1|agency|Thôn Ba|C-DUONG",
		"P-NV|department|Sở Nội vụ|P",
		"Q|province|UBND tỉnh Đông Giang|",
		"Q-1|commune|Xã Một|Q",
	}
	tr := tree{}
	for _, line := range spec {
		f := strings.Split(line, "|")
		u := &units.Unit{Code: f[0], Kind: units.Kind(f[1]), Name: f[2]}
		if f[3] != "" {
			u.ParentID = tr[f[3]].ID
		}
		require.NoError(t, units.Create(ctx, db, u), line)
		require.NotZero(t, u.ID)
		require.NotEmpty(t, u.Path, "the database sets the path")
		tr[u.Code] = u
	}
	return tr
}

func codes(us []units.Unit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Code
	}
	return out
}

// requirePaths checks every unit's path against its parent's, as the trigger
// must keep them.
func requirePaths(t *testing.T, ctx context.Context, db bun.IDB) {
	t.Helper()
	all, err := units.All(ctx, db)
	require.NoError(t, err)
	byID := map[int64]units.Unit{}
	for _, u := range all {
		byID[u.ID] = u
	}
	for _, u := range all {
		want := fmt.Sprintf("/%d/", u.ID)
		if u.ParentID != 0 {
			want = byID[u.ParentID].Path + fmt.Sprintf("%d/", u.ID)
		}
		require.Equal(t, want, u.Path, "path of %s", u.Code)
	}
}

func TestSubtree(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := dbtest.New(t)
	tr := newTree(t, ctx, db)

	// Parent first, siblings in Vietnamese order (all positions equal):
	// Sở < UBND; Phòng < Xã; An < Ăn < Ân < Bắc < Dương < Đông;
	// Chứng < Đăng < hòa.
	city := []string{
		"C",
		"C-TP", "C-TP-3", "C-TP-1", "C-TP-2",
		"C-AN0", "C-AN1", "C-AN2", "C-BAC", "C-DUONG", "C-DUONG-1", "C-DONG",
	}
	want := append([]string{"P", "P-NV"}, city...)
	got, err := units.Subtree(ctx, db, tr["P"])
	require.NoError(t, err)
	require.Equal(t, want, codes(got))

	got, err = units.Subtree(ctx, db, tr["C"])
	require.NoError(t, err)
	require.Equal(t, city, codes(got), "exactly the city's subtree")

	got, err = units.Subtree(ctx, db, tr["C-TP"])
	require.NoError(t, err)
	require.Equal(t, []string{"C-TP", "C-TP-3", "C-TP-1", "C-TP-2"}, codes(got))

	got, err = units.Subtree(ctx, db, tr["C-TP-1"])
	require.NoError(t, err)
	require.Equal(t, []string{"C-TP-1"}, codes(got), "a leaf is its own subtree")

	got, err = units.Subtree(ctx, db, tr["Q"])
	require.NoError(t, err)
	require.Equal(t, []string{"Q", "Q-1"}, codes(got))

	all, err := units.All(ctx, db)
	require.NoError(t, err)
	require.Equal(t, append(want, "Q", "Q-1"), codes(all), "roots in Vietnamese order too: Bắc Sơn < Đông Giang")
}

func TestSubtreePositionFirst(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := dbtest.New(t)
	root := &units.Unit{Code: "R", Kind: units.KindCity, Name: "UBND thành phố"}
	require.NoError(t, units.Create(ctx, db, root))
	for _, c := range []struct {
		code, name string
		pos        int
	}{{"Z", "Văn phòng", 0}, {"A", "Phòng Tư pháp", 2}, {"B", "Phòng Nội vụ", 2}, {"C", "Xã An", 1}} {
		require.NoError(t, units.Create(ctx, db, &units.Unit{Code: c.code, Kind: units.KindDepartment, Name: c.name, ParentID: root.ID, Position: c.pos}))
	}
	got, err := units.Subtree(ctx, db, root)
	require.NoError(t, err)
	require.Equal(t, []string{"R", "Z", "C", "B", "A"}, codes(got), "position, then name")
}

func TestPathsDepthContainsAncestors(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := dbtest.New(t)
	tr := newTree(t, ctx, db)
	requirePaths(t, ctx, db)

	leaf := tr["C-TP-1"]
	require.Equal(t, fmt.Sprintf("/%d/%d/%d/%d/", tr["P"].ID, tr["C"].ID, tr["C-TP"].ID, leaf.ID), leaf.Path)
	require.Equal(t, []int64{tr["P"].ID, tr["C"].ID, tr["C-TP"].ID, leaf.ID}, leaf.AncestorIDs())
	require.Equal(t, []int64{tr["P"].ID}, tr["P"].AncestorIDs())
	require.Empty(t, units.Unit{}.AncestorIDs())

	require.Equal(t, 0, tr["P"].Depth())
	require.Equal(t, 1, tr["C"].Depth())
	require.Equal(t, 2, tr["C-TP"].Depth())
	require.Equal(t, 3, leaf.Depth())

	for _, c := range []struct {
		outer, inner string
		want         bool
	}{
		{"P", "P", true}, // a unit contains itself
		{"P", "C", true},
		{"P", "C-TP-1", true},
		{"C", "C-DUONG-1", true},
		{"C-TP", "C-TP-2", true},
		{"C-TP-1", "C-TP", false}, // not upwards
		{"C", "P", false},
		{"C", "P-NV", false}, // not sideways
		{"C-TP", "C-DONG", false},
		{"C-DUONG", "C-TP-1", false},
		{"P", "Q-1", false}, // not into another tree
		{"Q", "C", false},
	} {
		require.Equal(t, c.want, tr[c.outer].Contains(*tr[c.inner]), "%s contains %s", c.outer, c.inner)
	}
	// Paths end with a slash, so /1/ is no prefix of /12/.
	require.False(t, units.Unit{Path: "/1/"}.Contains(units.Unit{Path: "/12/"}))
	require.True(t, units.Unit{Path: "/1/"}.Contains(units.Unit{Path: "/1/12/"}))
	require.False(t, units.Unit{}.Contains(units.Unit{Path: "/1/"}), "a unit without a path contains nothing")
}

func TestMoveUpdatesSubtreePaths(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := dbtest.New(t)
	tr := newTree(t, ctx, db)

	// Move Phòng Tư pháp (with its three teams) from the city to the other province.
	_, err := db.ExecContext(ctx, "UPDATE units SET parent_id = ? WHERE id = ?", tr["Q"].ID, tr["C-TP"].ID)
	require.NoError(t, err)
	requirePaths(t, ctx, db)

	moved, err := units.ByCode(ctx, db, "C-TP-1")
	require.NoError(t, err)
	require.Equal(t, fmt.Sprintf("/%d/%d/%d/", tr["Q"].ID, tr["C-TP"].ID, moved.ID), moved.Path)
	require.Equal(t, []int64{tr["Q"].ID, tr["C-TP"].ID, moved.ID}, moved.AncestorIDs())

	got, err := units.Subtree(ctx, db, tr["C"])
	require.NoError(t, err)
	require.Equal(t, []string{"C", "C-AN0", "C-AN1", "C-AN2", "C-BAC", "C-DUONG", "C-DUONG-1", "C-DONG"}, codes(got))
	q, err := units.Get(ctx, db, tr["Q"].ID)
	require.NoError(t, err)
	got, err = units.Subtree(ctx, db, q)
	require.NoError(t, err)
	require.Equal(t, []string{"Q", "C-TP", "C-TP-3", "C-TP-1", "C-TP-2", "Q-1"}, codes(got))

	// Moving a deep unit to be a root, then a whole province under a commune.
	_, err = db.ExecContext(ctx, "UPDATE units SET parent_id = NULL WHERE id = ?", tr["C-TP"].ID)
	require.NoError(t, err)
	requirePaths(t, ctx, db)
	_, err = db.ExecContext(ctx, "UPDATE units SET parent_id = ? WHERE id = ?", tr["C-DUONG-1"].ID, tr["Q"].ID)
	require.NoError(t, err)
	requirePaths(t, ctx, db)
	q1, err := units.ByCode(ctx, db, "Q-1")
	require.NoError(t, err)
	require.Equal(t, 5, q1.Depth(), "P/C/C-DUONG/C-DUONG-1/Q/Q-1")

	// Changing anything but the parent leaves paths alone.
	_, err = db.ExecContext(ctx, "UPDATE units SET name = 'Xã Dương mới' WHERE id = ?", tr["C-DUONG"].ID)
	require.NoError(t, err)
	requirePaths(t, ctx, db)
}

func requireCheckViolation(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	var pgErr *pgconn.PgError
	require.True(t, errors.As(err, &pgErr), "a PostgreSQL error, got %v", err)
	require.Equal(t, "23514", pgErr.Code, "check_violation: %v", err)
}

func TestCycleRefused(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := dbtest.New(t)
	tr := newTree(t, ctx, db)
	before, err := units.All(ctx, db)
	require.NoError(t, err)

	for _, c := range []struct{ unit, under string }{
		{"C", "C-TP-1"},  // under a grandchild
		{"P", "C-TP-2"},  // the root under a leaf three levels down
		{"C-TP", "C-TP"}, // under itself
		{"C-DUONG", "C-DUONG-1"},
	} {
		_, err := db.ExecContext(ctx, "UPDATE units SET parent_id = ? WHERE id = ?", tr[c.under].ID, tr[c.unit].ID)
		requireCheckViolation(t, err)
	}
	after, err := units.All(ctx, db)
	require.NoError(t, err)
	require.Equal(t, before, after, "nothing changed")

	// Through the domain package too: a new unit cannot name a missing parent.
	err = units.Create(ctx, db, &units.Unit{Code: "X", Kind: units.KindCommune, Name: "Xã X", ParentID: 999999})
	require.Error(t, err)
}

func TestCreateValidates(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := dbtest.New(t)
	for _, c := range []struct {
		field string
		u     units.Unit
	}{
		{"kind", units.Unit{Code: "X", Kind: "ministry", Name: "Bộ"}},
		{"code", units.Unit{Code: "mã có dấu", Kind: units.KindCommune, Name: "Xã"}},
		{"code", units.Unit{Code: "", Kind: units.KindCommune, Name: "Xã"}},
		{"name", units.Unit{Code: "X", Kind: units.KindCommune, Name: " \n "}},
	} {
		err := units.Create(ctx, db, &c.u)
		var inv *errs.Error
		require.ErrorAs(t, err, &inv, "%+v", c.u)
		require.Equal(t, c.field, inv.Field, "%+v", c.u)
	}

	u := &units.Unit{Code: "  TP  ", Kind: units.KindDepartment, Name: " Phòng Tư pha\u0301p \n"}
	require.NoError(t, units.Create(ctx, db, u))
	require.Equal(t, "TP", u.Code)
	require.Equal(t, "Phòng Tư pháp", u.Name, "NFC and trimmed")

	err := units.Create(ctx, db, &units.Unit{Code: "TP", Kind: units.KindDepartment, Name: "Trùng mã"})
	require.ErrorIs(t, err, units.ErrCodeTaken, "codes are unique")
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := dbtest.New(t)
	tr := newTree(t, ctx, db)

	_, err := units.ByCode(ctx, db, "NOPE")
	require.ErrorIs(t, err, errs.NotFound)
	require.Contains(t, err.Error(), "NOPE")
	_, err = units.Get(ctx, db, 999999)
	require.ErrorIs(t, err, errs.NotFound)

	u, err := units.ByCode(ctx, db, " C-TP ")
	require.NoError(t, err)
	require.Equal(t, tr["C-TP"].ID, u.ID)
	require.Equal(t, "Phòng Tư pháp", u.Name)

	m, err := units.ByIDs(ctx, db, []int64{tr["C"].ID, tr["Q-1"].ID, 999999})
	require.NoError(t, err)
	require.Len(t, m, 2)
	require.Equal(t, "C", m[tr["C"].ID].Code)
	m, err = units.ByIDs(ctx, db, nil)
	require.NoError(t, err)
	require.Empty(t, m)

	// A broken connection is not "not found".
	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	_, err = units.ByCode(ctx2, db, "C")
	require.Error(t, err)
	require.NotErrorIs(t, err, errs.NotFound)
}

func TestSortTreeKeepsOrphansAsRoots(t *testing.T) {
	t.Parallel()
	us := []units.Unit{
		{ID: 3, ParentID: 1, Name: "Xã Đông"},
		{ID: 5, ParentID: 9, Name: "Phòng B"}, // parent not in the slice
		{ID: 1, Name: "Thành phố"},
		{ID: 4, ParentID: 1, Name: "Xã Dương"},
		{ID: 2, ParentID: 5, Name: "Tổ"},
	}
	units.SortTree(us)
	ids := make([]int64, len(us))
	for i, u := range us {
		ids[i] = u.ID
	}
	require.Equal(t, []int64{5, 2, 1, 4, 3}, ids)
}
