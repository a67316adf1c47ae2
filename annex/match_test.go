package annex

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestKey(t *testing.T) {
	t.Parallel()
	require.Equal(t, wordVa, words("và")[0])
	same := [][]string{
		{"Ủy ban nhân dân phường Hòa An", "Uỷ ban nhân dân phường Hoà An", "UBND phường Hòa An", "UBND  Phường HÒA AN.", norm.NFD.String("Ủy ban nhân dân phường Hòa An")},
		{"Phòng Tài nguyên và Môi trường", "Phòng Tài nguyên - Môi trường", "PHÒNG TÀI NGUYÊN & MÔI TRƯỜNG"},
		{"Văn phòng HĐND và UBND thành phố", "VP HĐND - UBND TP", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố"},
		{"Phường 01", "phường 1"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			require.Equal(t, Key(names[0]), Key(n), n)
		}
	}
	require.NotEqual(t, Key("Phòng Tư pháp"), Key("Phòng Tư phap"))
	require.NotEqual(t, Key("Xã An Hòa"), Key("Xã An Hóa"))
}

func TestAcronym(t *testing.T) {
	t.Parallel()
	require.True(t, acronym(tokens("Phòng TC-KH"), tokens("Phòng Tài chính - Kế hoạch")))
	require.True(t, acronym(tokens("Phòng LĐ-TB&XH"), tokens("Phòng Lao động - Thương binh và Xã hội")))
	require.True(t, acronym(tokens("Phòng GDĐT"), tokens("Phòng Giáo dục và Đào tạo")))
	require.False(t, acronym(tokens("Phòng TC"), tokens("Phòng Tài chính - Kế hoạch")))
	require.False(t, acronym(tokens("Phòng"), tokens("Phòng Tài chính - Kế hoạch")))
}

func TestResolve(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "TP", Alias{Alias: "Phòng Tư pháp - Hộ tịch", UnitID: memUnits()["PTP"].ID})
	for name, want := range map[string]string{
		"Phòng Tư pháp":                         "PTP",
		norm.NFD.String("Phòng Tư pháp"):        "PTP",
		"  phòng   TƯ PHÁP. ":                   "PTP",
		"Tư pháp":                               "PTP",
		"P. Tư pháp":                            "PTP",
		"Phòng TP":                              "PTP",
		"Phòng Tư pháp - Hộ tịch":               "PTP", // the alias
		"Uỷ ban nhân dân phường Hoà An":         "P-HOAAN",
		"Ủy ban nhân dân phường Hòa An":         "P-HOAAN",
		"Phường Hòa An":                         "P-HOAAN",
		"P. Hòa An":                             "P-HOAAN",
		"Hòa An":                                "P-HOAAN",
		"UBND xã Sơn Thuỷ":                      "X-SONTHUY",
		"UBND thành phố":                        "TP",
		"UBND TP Sơn Hà":                        "TP",
		"Văn phòng HĐND và UBND thành phố":      "VP",
		"VP HĐND-UBND TP":                       "VP",
		"Thanh tra thành phố":                   "TTR",
		"Thanh tra TP":                          "TTR",
		"Thanh tra":                             "TTR",
		"Công an thành phố Sơn Hà":              "CA",
		"Trung tâm Phục vụ hành chính công":     "TTPVHCC",
		"TT Phục vụ HCC thành phố":              "TTPVHCC",
		"Phòng TC-KH":                           "PTCKH",
		"Phòng Tài chính, Kế hoạch":             "PTCKH",
		"Phòng LĐ-TB&XH":                        "PLDTBXH",
		"Phòng Lao động, Thương binh và Xã hội": "PLDTBXH",
		"Phòng GD&ĐT":                           "PGDDT",
		"Phòng Tài nguyên - Môi trường":         "PTNMT",
	} {
		u, err := m.Resolve(name)
		require.NoError(t, err, name)
		require.Equal(t, want, u.Code, name)
	}

	_, err := m.Resolve("Phòng Tư phap")
	require.EqualError(t, err, "“Phòng Tư phap” — không tìm thấy đơn vị (có phải “Phòng Tư pháp”?)")
	_, err = m.Resolve("Phòng Kinh tế")
	require.EqualError(t, err, "“Phòng Kinh tế” — không tìm thấy đơn vị")
	_, err = m.Resolve("UBND các xã, phường")
	require.ErrorContains(t, err, "là một nhóm 4 đơn vị")
	_, err = m.Resolve("Các cơ quan, đơn vị liên quan")
	require.ErrorContains(t, err, "không phải tên một đơn vị cụ thể")
	// Outside the subtree.
	_, err = m.Resolve("Sở Tư pháp")
	require.ErrorContains(t, err, "không tìm thấy đơn vị")
}

func TestResolveProvince(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "DG")
	for name, want := range map[string]string{
		"Sở Tư pháp":                   "STP-DG",
		"Sở Tư pháp tỉnh Đông Giang":   "STP-DG",
		"Sở Tư pháp tỉnh":              "STP-DG",
		"Sở KH&ĐT":                     "SKHDT-DG",
		"Sở Kế hoạch và Đầu tư":        "SKHDT-DG",
		"Phòng Tư pháp":                "PTP-HV", // "Phòng …" never finds "Sở …"
		"UBND huyện Hòa Vang":          "H-HOAVANG",
		"UBND tỉnh":                    "DG",
		"UBND xã Hòa Phú":              "X-HOAPHU", // the unit is named "Xã Hòa Phú"
		"Xã Hòa Bắc":                   "X-HOABAC", // the unit is named "UBND xã Hòa Bắc"
		"Phòng Tư pháp huyện Hòa Vang": "PTP-HV",
	} {
		u, err := m.Resolve(name)
		require.NoError(t, err, name)
		require.Equal(t, want, u.Code, name)
	}
	// Two units answer to these: an error naming both.
	_, err := m.Resolve("Tư pháp")
	var me *MatchError
	require.ErrorAs(t, err, &me)
	require.ElementsMatch(t, []string{"STP-DG", "PTP-HV"}, codesOf(me.Candidates))
	require.ErrorContains(t, err, "khớp với nhiều đơn vị: Sở Tư pháp tỉnh Đông Giang; Phòng Tư pháp huyện Hòa Vang")
	_, err = m.Resolve("Nội vụ")
	require.ErrorAs(t, err, &me)
	require.ElementsMatch(t, []string{"SNV-DG", "PNV-HV"}, codesOf(me.Candidates))

	// An alias settles it.
	m = memMatcher(t, "DG", Alias{Alias: "Nội vụ", UnitID: memUnits()["SNV-DG"].ID})
	u, err := m.Resolve("Nội vụ")
	require.NoError(t, err)
	require.Equal(t, "SNV-DG", u.Code)
}

func TestList(t *testing.T) {
	t.Parallel()
	m := memMatcher(t, "TP")
	type want struct {
		units []string
		notes []string
	}
	all := cityCommunes
	for cell, w := range map[string]want{
		"Phòng Nội vụ, Phòng Tư pháp":                         {units: []string{"PNV", "PTP"}},
		"Phòng Nội vụ; Phòng Tư pháp":                         {units: []string{"PNV", "PTP"}},
		"- Phòng Nội vụ\n- Phòng Tư pháp\n- Phòng Y tế":       {units: []string{"PNV", "PTP", "PYT"}},
		"Phòng Nội vụ, Phòng Tư pháp và Phòng Y tế":           {units: []string{"PNV", "PTP", "PYT"}},
		"Phòng Tài nguyên và Môi trường":                      {units: []string{"PTNMT"}},
		"Phòng Lao động, Thương binh và Xã hội":               {units: []string{"PLDTBXH"}},
		"Phòng Tài nguyên và Môi trường và Phòng Y tế":        {units: []string{"PTNMT", "PYT"}},
		"Văn phòng HĐND và UBND thành phố; Công an thành phố": {units: []string{"VP", "CA"}},
		"UBND các xã, phường":                                 {units: all},
		"UBND các phường, xã":                                 {units: all},
		"các xã, phường":                                      {units: all},
		"UBND cấp xã":                                         {units: all},
		"UBND các phường":                                     {units: []string{"P-HOAAN", "P-TANTIEN"}},
		"Phòng Nội vụ, UBND các xã, phường":                   {units: append([]string{"PNV"}, all...)},
		"UBND các xã, phường, Phòng Y tế":                     {units: append(append([]string{}, all...), "PYT")},
		"Các cơ quan, đơn vị liên quan":                       {notes: []string{"Các cơ quan, đơn vị liên quan"}},
		"Phòng Y tế và các đơn vị liên quan":                  {units: []string{"PYT"}, notes: []string{"các đơn vị liên quan"}},
		"Các sở, ban, ngành":                                  {notes: []string{"Các sở, ban, ngành"}},
		"Phòng Nội vụ; các phòng, ban":                        {units: []string{"PNV"}, notes: []string{"các phòng, ban"}},
		"Các xã, phường và các cơ quan liên quan":             {units: all, notes: []string{"các cơ quan liên quan"}},
	} {
		items, errs := m.List(cell)
		require.Empty(t, errs, cell)
		var got want
		for _, it := range items {
			if it.Kind == ItemNote {
				got.notes = append(got.notes, it.Text)
			}
			got.units = append(got.units, codesOf(it.Units)...)
		}
		require.Equal(t, w, got, cell)
	}

	// A group of no unit is one error, not two unknown names.
	items, errs := memMatcher(t, "STP-DG").List("Sở Tư pháp, UBND các phường, xã")
	require.Len(t, items, 1)
	require.Len(t, errs, 1)
	require.Equal(t, "“UBND các phường, xã” — không có đơn vị nào thuộc nhóm này trong Sở Tư pháp tỉnh Đông Giang", errs[0].Error())

	items, errs = m.List("Phòng Nội vụ, Phòng Tư phap; Sở Tài chính\nPhòng Văn hóa và Thông tinn")
	require.Len(t, items, 1)
	require.Len(t, errs, 3)
	require.Equal(t, "Phòng Tư phap", errs[0].Text)
	require.Equal(t, "Sở Tài chính", errs[1].Text)
	require.Equal(t, "Phòng Văn hóa và Thông tinn", errs[2].Text)
}
