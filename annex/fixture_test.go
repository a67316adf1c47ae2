package annex

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/units"
)

// fixtureUnit is a unit of the test tree: a city written the way the demo
// data writes it, and an unrelated province with a district below it (the
// pre-2025 three levels).
type fixtureUnit struct {
	code, name string
	kind       units.Kind
	parent     string
}

var fixture = []fixtureUnit{
	{"TP", "UBND thành phố Sơn Hà", units.KindCity, ""},
	{"VP", "Văn phòng HĐND và UBND thành phố", units.KindDepartment, "TP"},
	{"PNV", "Phòng Nội vụ", units.KindDepartment, "TP"},
	{"PTP", "Phòng Tư pháp", units.KindDepartment, "TP"},
	{"PTCKH", "Phòng Tài chính - Kế hoạch", units.KindDepartment, "TP"},
	{"PTNMT", "Phòng Tài nguyên và Môi trường", units.KindDepartment, "TP"},
	{"PVHTT", "Phòng Văn hóa và Thông tin", units.KindDepartment, "TP"},
	{"PGDDT", "Phòng Giáo dục và Đào tạo", units.KindDepartment, "TP"},
	{"PYT", "Phòng Y tế", units.KindDepartment, "TP"},
	{"PLDTBXH", "Phòng Lao động - Thương binh và Xã hội", units.KindDepartment, "TP"},
	{"TTR", "Thanh tra thành phố", units.KindDepartment, "TP"},
	{"TTPVHCC", "Trung tâm Phục vụ hành chính công thành phố", units.KindAgency, "TP"},
	{"CA", "Công an thành phố", units.KindAgency, "TP"},
	{"P-HOAAN", "UBND phường Hòa An", units.KindCommune, "TP"},
	{"P-TANTIEN", "UBND phường Tân Tiến", units.KindCommune, "TP"},
	{"X-TANLAP", "UBND xã Tân Lập", units.KindCommune, "TP"},
	{"X-SONTHUY", "UBND xã Sơn Thủy", units.KindCommune, "TP"},

	{"DG", "UBND tỉnh Đông Giang", units.KindProvince, ""},
	{"SNV-DG", "Sở Nội vụ tỉnh Đông Giang", units.KindDepartment, "DG"},
	{"STP-DG", "Sở Tư pháp tỉnh Đông Giang", units.KindDepartment, "DG"},
	{"SKHDT-DG", "Sở Kế hoạch và Đầu tư tỉnh Đông Giang", units.KindDepartment, "DG"},
	{"H-HOAVANG", "UBND huyện Hòa Vang", units.KindDistrict, "DG"},
	{"PTP-HV", "Phòng Tư pháp huyện Hòa Vang", units.KindDepartment, "H-HOAVANG"},
	{"PNV-HV", "Phòng Nội vụ", units.KindDepartment, "H-HOAVANG"},
	{"X-HOABAC", "UBND xã Hòa Bắc", units.KindCommune, "H-HOAVANG"},
	{"X-HOAPHU", "Xã Hòa Phú", units.KindCommune, "H-HOAVANG"},
}

// cityCommunes are the communes of TP, in tree order.
var cityCommunes = []string{"P-HOAAN", "P-TANTIEN", "X-TANLAP", "X-SONTHUY"}

// memUnits builds the fixture in memory, ids from 1, as the database would.
func memUnits() map[string]units.Unit {
	out := map[string]units.Unit{}
	for i, f := range fixture {
		u := units.Unit{ID: int64(i + 1), Code: f.code, Name: f.name, Kind: f.kind, Position: i}
		if f.parent != "" {
			p := out[f.parent]
			u.ParentID = p.ID
			u.Path = p.Path + fmt.Sprint(u.ID) + "/"
		} else {
			u.Path = "/" + fmt.Sprint(u.ID) + "/"
		}
		out[f.code] = u
	}
	return out
}

// memMatcher is a Matcher over the subtree of root, built without a database.
func memMatcher(t testing.TB, root string, aliases ...Alias) *Matcher {
	t.Helper()
	all := memUnits()
	r, ok := all[root]
	require.True(t, ok, root)
	var sub, above []units.Unit
	for _, f := range fixture {
		u := all[f.code]
		switch {
		case r.Contains(u):
			sub = append(sub, u)
		case u.Contains(r):
			above = append(above, u)
		}
	}
	units.SortTree(sub)
	for i := range aliases {
		aliases[i].AliasKey = Key(aliases[i].Alias)
	}
	return newMatcher(r, sub, above, aliases)
}

// dbUnits creates the fixture in db.
func dbUnits(t testing.TB, db bun.IDB) map[string]units.Unit {
	t.Helper()
	out := map[string]units.Unit{}
	for i, f := range fixture {
		u := &units.Unit{Code: f.code, Name: f.name, Kind: f.kind, ParentID: out[f.parent].ID, Position: i}
		require.NoError(t, units.Create(context.Background(), db, u))
		out[f.code] = *u
	}
	return out
}

func codesOf(us []units.Unit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Code
	}
	return out
}
