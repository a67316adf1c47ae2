package annex

import (
	"regexp"
	"strconv"
	"strings"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/i18n"
)

var yearRe = regexp.MustCompile(`\b(20\d\d|2100)\b`)

// FileYear is the year the annex was written for, as far as it says: the
// year in its title ("Kế hoạch CCHC năm 2024"), else the year its deadlines
// name most often ("30/6/2024", "Quý II/2024"; the earliest on a tie); 0
// when it names none. An annex imported under another year keeps these
// unless ShiftYears moves them.
func (d *Draft) FileYear() int {
	if m := yearRe.FindString(d.Title); m != "" {
		y, _ := strconv.Atoi(m)
		return y
	}
	count := map[int]int{}
	best := 0
	for _, a := range d.Areas {
		for _, t := range a.Tasks {
			for _, m := range yearRe.FindAllString(t.Deadline.Text, -1) {
				y, _ := strconv.Atoi(m)
				count[y]++
				if best == 0 || count[y] > count[best] || count[y] == count[best] && y < best {
					best = y
				}
			}
		}
	}
	return best
}

// Moved is a deadline ShiftYears rewrites.
type Moved struct {
	Row      int
	From, To string
}

// Shifted lists, in annex order, the deadlines ShiftYears(from) rewrites:
// those that name a year. Deadlines without one ("Quý II", "Thường xuyên")
// already mean the plan's year and are kept.
func (d *Draft) Shifted(from int) []Moved {
	var out []Moved
	if from == 0 || from == d.Year {
		return nil
	}
	for _, a := range d.Areas {
		for _, t := range a.Tasks {
			if t.Deadline.Text == "" {
				continue
			}
			to, err := deadline.Shift(t.Deadline.Text, from, d.Year)
			if err != nil || to != t.Deadline.Text {
				out = append(out, Moved{Row: t.Row, From: t.Deadline.Text, To: to})
			}
		}
	}
	return out
}

// ShiftYears makes a draft written for year from (FileYear) a plan of
// d.Year, the year it was read for: every deadline moves by the difference
// in years (deadline.Shift: "30/6/2024" → "30/6/2025", "Quý II" kept), the
// year in the title and in the number is replaced, and the issue date is
// dropped (it was the old plan's). A deadline that cannot be moved becomes
// a row error. Nothing changes when from is 0 or d.Year.
func (d *Draft) ShiftYears(from int) {
	if from == 0 || from == d.Year {
		return
	}
	old, now := strconv.Itoa(from), strconv.Itoa(d.Year)
	d.Title = strings.ReplaceAll(d.Title, old, now)
	d.Number = strings.ReplaceAll(d.Number, old, now)
	d.IssuedOn = civil.Date{}
	for i := range d.Areas {
		for j := range d.Areas[i].Tasks {
			t := &d.Areas[i].Tasks[j]
			if t.Deadline.Text == "" {
				continue
			}
			if text, err := deadline.Shift(t.Deadline.Text, from, d.Year); err == nil {
				if dl, err := deadline.Parse(text, d.Year); err == nil {
					t.Deadline = dl
					continue
				}
			}
			d.addError(t.Row, colDeadline, t.Deadline.Text, i18n.M("deadline.shift", t.Deadline.Text, d.Year))
		}
	}
}
