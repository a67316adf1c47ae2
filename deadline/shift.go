package deadline

import (
	"fmt"
	"regexp"
	"strconv"

	"cchc/internal/errs"
)

var yearRe = regexp.MustCompile(`\b(20\d\d|2100)\b`)

// Shift rewrites a deadline written for a plan of year from so that
// it means the same for a plan of year to: a text without a year ("Quý II",
// "Trước 30/6", "Thường xuyên", "Hằng quý") is kept, as the new plan's year
// gives it its meaning; a year written in it is moved ("30/6/2024" →
// "30/6/2025", "Quý III/2024" → "Quý III/2025"). 29/2 of a leap year
// becomes 28/2.
func Shift(text string, from, to int) (string, error) {
	d, err := Parse(text, from)
	if err != nil {
		return "", err
	}
	if d.Kind == KindContinuous || d.Kind == KindRecurring || from == to {
		return d.Text, nil
	}
	n := to - from
	want := d.Date.AddYears(n)
	same := func(e Deadline) bool { return e.Kind == d.Kind && e.Date == want }
	if d.Kind != KindDate {
		// A month, quarter or year ends on its last day, whatever the year.
		same = func(e Deadline) bool {
			return e.Kind == d.Kind && e.Date.Year == want.Year && e.Date.Month == want.Month
		}
	}
	if e, err := Parse(d.Text, to); err == nil && same(e) {
		return d.Text, nil
	}
	moved := yearRe.ReplaceAllStringFunc(d.Text, func(y string) string {
		v, _ := strconv.Atoi(y)
		return strconv.Itoa(v + n)
	})
	if e, err := Parse(moved, to); err == nil && same(e) {
		return moved, nil
	}
	if d.Kind == KindDate { // 29/2 → 28/2, or a text the patterns above miss
		return fmt.Sprintf("%d/%d/%d", want.Day, int(want.Month), want.Year), nil
	}
	return "", errs.Bad("deadline", "deadline.shift", d.Text, to)
}
