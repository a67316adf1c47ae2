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

	l = letterheadOf(province, nil)
	require.Equal(t, "TỈNH ĐÔNG GIANG", l.Issuer)
	require.Equal(t, "Đông Giang", l.Place)
	require.Equal(t, "- Bộ Nội vụ (b/c);", l.Recipients[0])

	l = letterheadOf(units.Unit{Name: "Ủy ban nhân dân phường Hòa An", Kind: units.KindCommune}, &city)
	require.Equal(t, "PHƯỜNG HÒA AN", l.Issuer)
	require.Equal(t, "Hòa An", l.Place)
	require.Equal(t, "- UBND thành phố Sơn Hà (b/c);", l.Recipients[0])

	l = letterheadOf(units.Unit{Name: "Sở Nội vụ tỉnh Đông Giang", Kind: units.KindDepartment}, &province)
	require.Equal(t, "UBND TỈNH ĐÔNG GIANG", l.Authority)
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
