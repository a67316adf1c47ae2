package reports

import (
	"fmt"
	"strings"
	"unicode"

	"cchc/internal/vn"
	"cchc/units"
)

// Letterhead is what Nghị định 30/2020/NĐ-CP puts around a report's body:
// the issuing body at top left, the number, the place for the date line,
// the signature block and the recipients. Build derives it from the issuing
// unit; it is part of the report so that a finalised snapshot keeps it.
type Letterhead struct {
	Authority    string   `json:"authority"`     // upper line, regular: "ỦY BAN NHÂN DÂN"
	Issuer       string   `json:"issuer"`        // lower line, bold: "THÀNH PHỐ SƠN HÀ"
	NumberSuffix string   `json:"number_suffix"` // after the blank number: "/BC-UBND"
	Place        string   `json:"place"`         // of the date line: "Sơn Hà"
	Signature    []string `json:"signature"`     // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
	Recipients   []string `json:"recipients"`    // "- UBND tỉnh (b/c);" … "- Lưu: VT, NV."
	// Signer is the name under the signature ("" leaves a line for it).
	Signer string `json:"signer,omitempty"`
}

// Committee is the upper line of a People's Committee's name.
const Committee = "ỦY BAN NHÂN DÂN"

// AuthorityBold says whether the upper line is bold: "ỦY BAN NHÂN DÂN /
// TỈNH …" is one name on two lines, both bold; a body under a parent body
// ("UBND TỈNH … / SỞ NỘI VỤ") writes the parent's line regular.
func (l Letterhead) AuthorityBold() bool { return l.Authority == Committee }

// SignerLine is the line under the signature: the signer's name, or dots
// where the clerk writes it.
func (l Letterhead) SignerLine() string {
	if l.Signer != "" {
		return l.Signer
	}
	return "…………………………"
}

// Number is the number line with the number left blank for the clerk:
// "Số:        /BC-UBND".
func (l Letterhead) Number() string { return "Số:        " + l.NumberSuffix }

// DateLine is the place and date line with day and month left blank:
// "Sơn Hà, ngày      tháng      năm 2024".
func (l Letterhead) DateLine(year int) string {
	place := l.Place
	if place != "" {
		place += ", "
	}
	return fmt.Sprintf("%sngày      tháng      năm %d", place, year)
}

// Admin-level words that open a place name, longest first.
var levels = []string{"thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "phường", "xã"}

// committeePrefixes introduce a People's Committee's name.
var committeePrefixes = []string{"ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân "}

// splitLevel splits "thành phố Sơn Hà" into "thành phố" and "Sơn Hà".
func splitLevel(s string) (level, place string) {
	low := strings.ToLower(s)
	for _, l := range levels {
		if strings.HasPrefix(low, l+" ") {
			return s[:len(l)], strings.TrimSpace(s[len(l):])
		}
	}
	return "", s
}

// committeeArea returns "thành phố Sơn Hà" for "UBND thành phố Sơn Hà".
func committeeArea(name string) (string, bool) {
	name = vn.OneLine(name)
	low := strings.ToLower(name)
	for _, p := range committeePrefixes {
		if strings.HasPrefix(low, p) {
			return strings.TrimSpace(name[len(p):]), true
		}
	}
	return "", false
}

// letterheadOf derives the letterhead of a report issued by u (whose parent,
// if any, is parent). People's Committees sign "TM. ỦY BAN NHÂN DÂN"; other
// bodies are headed by their parent's name and sign for their head.
func letterheadOf(u units.Unit, parent *units.Unit) Letterhead {
	if area, ok := committeeArea(u.Name); ok {
		level, place := splitLevel(area)
		l := Letterhead{
			Authority:    Committee,
			Issuer:       strings.ToUpper(area),
			NumberSuffix: "/BC-UBND",
			Place:        place,
			Signature:    []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"},
		}
		l.Recipients = committeeRecipients(u.Kind, level, parent)
		return l
	}

	l := Letterhead{Issuer: strings.ToUpper(vn.OneLine(u.Name)), Signature: []string{"THỦ TRƯỞNG CƠ QUAN"}}
	short := vn.OneLine(u.Name)
	if parent != nil {
		l.Authority = strings.ToUpper(vn.OneLine(parent.Name))
		if area, ok := committeeArea(parent.Name); ok {
			l.Authority = "UBND " + strings.ToUpper(area)
			// "Sở Nội vụ tỉnh Đông Giang" under "UBND tỉnh Đông Giang" is "SỞ NỘI VỤ".
			if cut, found := strings.CutSuffix(short, " "+area); found {
				short = cut
			}
			_, l.Place = splitLevel(area)
		}
		l.Recipients = []string{"- " + vn.OneLine(parent.Name) + " (b/c);"}
		if !u.IsSecretariat && parent.Kind == units.KindProvince {
			l.Recipients = append(l.Recipients, "- Sở Nội vụ (b/c);")
		}
	}
	l.Issuer = strings.ToUpper(short)
	l.NumberSuffix = "/BC-" + initials(short)
	switch low := strings.ToLower(short); {
	case strings.HasPrefix(low, "sở "):
		l.Signature = []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}
	case strings.HasPrefix(low, "phòng "):
		l.Signature = []string{"TRƯỞNG PHÒNG"}
	}
	l.Recipients = append(l.Recipients, "- Lưu: VT.")
	return l
}

// committeeRecipients is the usual "Nơi nhận" of a People's Committee's
// CCHC report at each level. Since 1/7/2025 local government has two
// levels: a province reports to the Ministry of Home Affairs and informs
// its party and council standing committees, its departments and its
// communes; a commune reports to the province and its Department of Home
// Affairs and informs its party committee and council. Bodies of the
// former district level keep the recipients of their time.
func committeeRecipients(kind units.Kind, level string, parent *units.Unit) []string {
	up := "- UBND tỉnh (b/c);"
	if parent != nil {
		up = "- " + vn.OneLine(parent.Name) + " (b/c);"
	}
	switch {
	case kind == units.KindProvince:
		return []string{"- Bộ Nội vụ (b/c);", "- Thường trực Tỉnh ủy (b/c);", "- Thường trực HĐND tỉnh (b/c);",
			"- Chủ tịch, các PCT UBND tỉnh;", "- Các sở, ban, ngành tỉnh;", "- UBND các xã, phường, đặc khu;", "- Lưu: VT, NC."}
	case kind == units.KindCommune && (parent == nil || parent.Kind == units.KindProvince):
		return []string{up, "- Sở Nội vụ (b/c);", fmt.Sprintf("- Đảng ủy %s (b/c);", level), fmt.Sprintf("- Thường trực HĐND %s (b/c);", level),
			fmt.Sprintf("- Chủ tịch, các PCT UBND %s;", level), "- Lưu: VT."}
	}
	party := map[string]string{"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy"}[level]
	rs := []string{up, "- Sở Nội vụ (b/c);"}
	if kind == units.KindCommune {
		rs = rs[:1]
	}
	if party != "" {
		rs = append(rs, fmt.Sprintf("- TT %s, TT HĐND %s (b/c);", party, level))
	}
	if level != "" {
		rs = append(rs, fmt.Sprintf("- Chủ tịch, các PCT UBND %s;", level))
	}
	switch kind {
	case units.KindCommune:
		rs = append(rs, "- Lưu: VT.")
	default:
		rs = append(rs, "- Các cơ quan, đơn vị thuộc UBND "+level+";", "- UBND các xã, phường;", "- Lưu: VT, NV.")
	}
	return rs
}

// initials abbreviates a unit name the way document numbers do:
// "Phòng Nội vụ" → "PNV", "Sở Tư pháp" → "STP".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(vn.Fold(name)) {
		r := []rune(w)[0]
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}
