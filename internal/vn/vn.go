// Package vn holds what is Vietnamese about text and numbers: NFC
// normalisation, alphabetical order, and number formatting ("91,5%", "50.176").
package vn

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Clean NFC-normalises s and trims it; inner line breaks are kept.
func Clean(s string) string { return strings.TrimSpace(norm.NFC.String(s)) }

// OneLine is Clean plus every run of white space (line breaks included) folded to one space.
func OneLine(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

// collate.Collator is not safe for concurrent use, so keep a pool.
var collators = sync.Pool{New: func() any { return collate.New(language.Vietnamese) }}

// Compare orders a and b as a Vietnamese dictionary does (a < ă < â < b … đ after d).
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SortFunc sorts s by then (if non-nil, first) and key in Vietnamese order.
func SortFunc[T any](s []T, key func(T) string, then func(a, b T) int) {
	slices.SortStableFunc(s, func(a, b T) int {
		if then != nil {
			if c := then(a, b); c != 0 {
				return c
			}
		}
		return Compare(key(a), key(b))
	})
}

// Int formats n with dots between thousands: 50176 → "50.176".
func Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Decimal formats x with one decimal and a comma: 91.5 → "91,5"; 98 → "98".
func Decimal(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	intPart, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(intPart)
	out := Int(n)
	if strings.HasPrefix(intPart, "-") && n == 0 {
		out = "-0"
	}
	if frac != "" {
		out += "," + frac
	}
	return out
}

// Percent formats a percentage: 91.5 → "91,5%".
func Percent(x float64) string { return Decimal(x) + "%" }

// Rate is done ÷ total as a percentage rounded half up to one decimal
// (54/59 → 91.5); 0 when total is 0.
func Rate(done, total int) float64 {
	if total <= 0 {
		return 0
	}
	return float64((done*2000/total+1)/2) / 10
}

// Fold lowers s and strips its diacritics (đ → d), for matching names typed
// loosely: "Phong Tu Phap" matches "Phòng Tư pháp".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			b.WriteRune('d')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Number formats x with at most decimals decimals, trailing zeros dropped,
// dots between thousands and a decimal comma: 50176 → "50.176",
// 83.4502 → "83,45", 98.0019 → "98" (decimals 2).
func Number(x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(intPart)
	out := Int(n)
	if frac != "" {
		out += "," + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// ParseNumber reads a number as Vietnamese documents write it ("50.176",
// "83,45", "1.234,5") or as a program does ("83.45", "50176"). A dot is a
// thousands separator when the text has a comma, or when every group after
// a dot has three digits; otherwise it is the decimal point.
func ParseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")), " ", "")
	if s == "" {
		return 0, false
	}
	switch {
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	case thousands(s):
		s = strings.ReplaceAll(s, ".", "")
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != x || x > 1e15 || x < -1e15 {
		return 0, false
	}
	return x, true
}

// thousands reports whether s is digits grouped by dots in threes: "50.176".
func thousands(s string) bool {
	parts := strings.Split(strings.TrimPrefix(s, "-"), ".")
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts {
		for _, r := range p {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}
