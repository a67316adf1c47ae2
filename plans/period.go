package plans

// Reporting periods and their cut-offs (docs/DOMAIN.md §6), defined once:
// reports, reminders and the pages all read them from here.

import (
	"fmt"
	"strings"
	"time"

	"cchc/internal/civil"
	"cchc/internal/errs"
)

// Period is a periodic report: quý I … IV, 6 tháng, 9 tháng, năm.
type Period string

const (
	Q1         Period = "q1"
	Q2         Period = "q2"
	Q3         Period = "q3"
	Q4         Period = "q4"
	H1         Period = "h1"
	NineMonths Period = "9m"
	FullYear   Period = "year"
)

// Periods lists every period in the order a year produces them.
var Periods = []Period{Q1, Q2, H1, Q3, NineMonths, Q4, FullYear}

// ParsePeriod reads a period code (q1, q2, q3, q4, h1, 9m, year), ignoring
// case and surrounding spaces.
func ParsePeriod(s string) (Period, error) {
	p := Period(strings.ToLower(strings.TrimSpace(s)))
	if !p.Valid() {
		return "", errs.Bad("period", "plans.period_unknown", s)
	}
	return p, nil
}

func (p Period) Valid() bool {
	switch p {
	case Q1, Q2, Q3, Q4, H1, NineMonths, FullYear:
		return true
	}
	return false
}

// Name is how a report names its period: "quý I", "6 tháng đầu năm", "9 tháng", "năm".
func (p Period) Name() string {
	switch p {
	case Q1:
		return "quý I"
	case Q2:
		return "quý II"
	case Q3:
		return "quý III"
	case Q4:
		return "quý IV"
	case H1:
		return "6 tháng đầu năm"
	case NineMonths:
		return "9 tháng"
	case FullYear:
		return "năm"
	}
	return string(p)
}

// Title names the period of a year as a report's subject does:
// "quý III năm 2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "năm 2024".
func (p Period) Title(year int) string {
	switch p {
	case H1:
		return fmt.Sprintf("6 tháng đầu năm %d", year)
	case FullYear:
		return fmt.Sprintf("năm %d", year)
	}
	return fmt.Sprintf("%s năm %d", p.Name(), year)
}

// Next names what the report's "phương hướng kỳ tới" looks ahead to.
func (p Period) Next(year int) string {
	switch p {
	case Q1:
		return fmt.Sprintf("quý II năm %d", year)
	case Q2, H1:
		return fmt.Sprintf("6 tháng cuối năm %d", year)
	case Q3, NineMonths:
		return fmt.Sprintf("quý IV năm %d", year)
	}
	return fmt.Sprintf("năm %d", year+1)
}

// Scheme says where a plan's reporting periods start and end.
type Scheme string

const (
	// SchemeDecree is the cut-off table of Nghị định 09/2019/NĐ-CP: periods
	// run from the 15th of the last month of the previous period to the 14th
	// of the period's last month (quý I: 15/12 of the previous year → 14/3).
	SchemeDecree Scheme = "decree"
	// SchemeCalendar counts calendar quarters (quý I: 1/1 → 31/3).
	SchemeCalendar Scheme = "calendar"
)

// ParseScheme reads a scheme; "" is the decree's.
func ParseScheme(s string) (Scheme, error) {
	switch sc := Scheme(strings.ToLower(strings.TrimSpace(s))); sc {
	case "":
		return SchemeDecree, nil
	case SchemeDecree, SchemeCalendar:
		return sc, nil
	}
	return "", errs.Bad("cutoff_scheme", "plans.scheme_unknown", s)
}

// months returns the first and last month of p's span within the year, as
// calendar quarters count them (quý III: 7 → 9; 9 tháng: 1 → 9).
func (p Period) months() (first, last int) {
	switch p {
	case Q1:
		return 1, 3
	case Q2:
		return 4, 6
	case Q3:
		return 7, 9
	case Q4:
		return 10, 12
	case H1:
		return 1, 6
	case NineMonths:
		return 1, 9
	case FullYear:
		return 1, 12
	}
	return 0, 0
}

// Range is the data window of the period's report for a plan of year: from
// and to inclusive, to being the cut-off day. The decree scheme shifts each
// calendar span back to start on the 15th of the month before its first
// month and end on the 14th of its last; any scheme other than calendar is
// the decree's. An invalid period gives zero dates.
func (p Period) Range(year int, s Scheme) (from, to civil.Date) {
	first, last := p.months()
	if first == 0 {
		return civil.Date{}, civil.Date{}
	}
	// civil.New normalises month 0 to December of the previous year and
	// month 13 to January of the next.
	if s == SchemeCalendar {
		return civil.New(year, time.Month(first), 1), civil.New(year, time.Month(last+1), 0)
	}
	return civil.New(year, time.Month(first-1), 15), civil.New(year, time.Month(last), 14)
}

// DefaultPeriod is the report a plan's secretariat is most likely preparing
// on day today: the latest cumulative one (quý I, 6 tháng, 9 tháng, năm)
// whose cut-off has passed, else quý I.
func (p *Plan) DefaultPeriod(today civil.Date) Period {
	out := Q1
	for _, period := range []Period{Q1, H1, NineMonths, FullYear} {
		if _, to := period.Range(p.Year, p.CutoffScheme); !today.Before(to) {
			out = period
		}
	}
	return out
}

// NextRange is the window "phương hướng kỳ tới" looks ahead to after p in a
// plan of year (Period.Next names it): from the day after p's cut-off to
// the cut-off of the next report (quý II after quý I; the rest of the year
// after quý II or 6 tháng; quý IV after quý III or 9 tháng). After the
// year's last report it is empty (zero dates): the next year has its own plan.
func (p Period) NextRange(year int, s Scheme) (from, to civil.Date) {
	var next Period
	switch p {
	case Q1:
		next = Q2
	case Q2, H1:
		next = FullYear
	case Q3, NineMonths:
		next = Q4
	default:
		return civil.Date{}, civil.Date{}
	}
	_, cut := p.Range(year, s)
	_, to = next.Range(year, s)
	return cut.AddDays(1), to
}

// Quarters are the quarterly periods, in order.
var Quarters = []Period{Q1, Q2, Q3, Q4}

// CurrentQuarter is the quarterly period whose data window, under scheme s,
// holds day d, and the year it belongs to (under the decree's scheme the
// days from 15 December belong to quarter I of the next year).
func CurrentQuarter(d civil.Date, s Scheme) (Period, int) {
	for _, y := range []int{d.Year, d.Year + 1} {
		for _, q := range Quarters {
			if from, to := q.Range(y, s); !d.Before(from) && !d.After(to) {
				return q, y
			}
		}
	}
	return Q4, d.Year
}
