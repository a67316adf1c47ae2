package reports

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/units"
)

func TestLetterhead(t *testing.T) {
	t.Parallel()
	province := units.Unit{Name: "UBND tỉnh Đông Giang", Kind: units.KindProvince}
	city := units.Unit{Name: "UBND thành phố Sơn Hà", Kind: units.KindCity}

	l := letterheadOf(city, nil)
	require.Equal(t, "ỦY BAN NHÂN DÂN", l.Authority)
	require.Equal(t, "THÀNH PHỐ SƠN HÀ", l.Issuer)
	require.Equal(t, "Sơn Hà", l.Place)
	require.Equal(t, "Số:        /BC-UBND", l.Number())
	require.Equal(t, "Sơn Hà, ngày      tháng      năm 2024", l.DateLine(2024))
	require.Equal(t, []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, l.Signature)
	require.Equal(t, "- UBND tỉnh (b/c);", l.Recipients[0])
	require.Contains(t, l.Recipients, "- Sở Nội vụ (b/c);")
	require.Contains(t, l.Recipients, "- TT Thành ủy, TT HĐND thành phố (b/c);")
	require.Equal(t, "- Lưu: VT, NV.", l.Recipients[len(l.Recipients)-1])

	require.True(t, l.AuthorityBold(), "ỦY BAN NHÂN DÂN / THÀNH PHỐ … is one name: both lines bold")
	require.Equal(t, "…………………………", l.SignerLine(), "a line for the signer's name")

	l = letterheadOf(province, nil)
	require.Equal(t, "TỈNH ĐÔNG GIANG", l.Issuer)
	require.Equal(t, "Đông Giang", l.Place)
	require.Equal(t, []string{"- Bộ Nội vụ (b/c);", "- Thường trực Tỉnh ủy (b/c);", "- Thường trực HĐND tỉnh (b/c);",
		"- Chủ tịch, các PCT UBND tỉnh;", "- Các sở, ban, ngành tỉnh;", "- UBND các xã, phường, đặc khu;", "- Lưu: VT, NC."}, l.Recipients,
		"the two-level local government since 1/7/2025")

	l = letterheadOf(units.Unit{Name: "UBND xã Thạch Bàn", Kind: units.KindCommune}, &province)
	require.Equal(t, "XÃ THẠCH BÀN", l.Issuer)
	require.Equal(t, []string{"- UBND tỉnh Đông Giang (b/c);", "- Sở Nội vụ (b/c);", "- Đảng ủy xã (b/c);", "- Thường trực HĐND xã (b/c);",
		"- Chủ tịch, các PCT UBND xã;", "- Lưu: VT."}, l.Recipients)

	l = letterheadOf(units.Unit{Name: "Ủy ban nhân dân phường Hòa An", Kind: units.KindCommune}, &city)
	require.Equal(t, "PHƯỜNG HÒA AN", l.Issuer)
	require.Equal(t, "Hòa An", l.Place)
	require.Equal(t, "- UBND thành phố Sơn Hà (b/c);", l.Recipients[0])

	l = letterheadOf(units.Unit{Name: "Sở Nội vụ tỉnh Đông Giang", Kind: units.KindDepartment}, &province)
	require.Equal(t, "UBND TỈNH ĐÔNG GIANG", l.Authority)
	require.False(t, l.AuthorityBold(), "a body under a parent body writes the parent's line regular")
	require.Equal(t, "SỞ NỘI VỤ", l.Issuer)
	require.Equal(t, "/BC-SNV", l.NumberSuffix)
	require.Equal(t, "Đông Giang", l.Place)
	require.Equal(t, []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, l.Signature)

	l = letterheadOf(units.Unit{Name: "Phòng Tư pháp", Kind: units.KindDepartment}, &city)
	require.Equal(t, "UBND THÀNH PHỐ SƠN HÀ", l.Authority)
	require.Equal(t, "PHÒNG TƯ PHÁP", l.Issuer)
	require.Equal(t, "/BC-PTP", l.NumberSuffix)
	require.Equal(t, []string{"TRƯỞNG PHÒNG"}, l.Signature)
}
