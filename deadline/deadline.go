// Package deadline reads the "Thời gian hoàn thành" column of a plan's task
// annex (docs/DOMAIN.md §3–4) the way Vietnamese plans actually write it
// ("Trước 30/6", "Quý II", "Thường xuyên", …) and turns it into the day the
// task falls due.
//
// Every status, reminder and report depends on that day, so the parser only
// accepts a closed list of forms and returns an *Error for anything else: a
// wrong guess would silently mark tasks overdue (or never overdue), while an
// error names the text so the secretariat can fix the annex.
package deadline

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/i18n"
)

// Kind says how a deadline was written, which reports need: a task due
// "Quý II" is shown as such even though it falls due on 30/6.
type Kind string

const (
	KindDate       Kind = "date"       // a day: 30/6/2025, Trước 30/6
	KindMonth      Kind = "month"      // a month or half-year: Tháng 6/2025, 6 tháng đầu năm
	KindQuarter    Kind = "quarter"    // Quý II
	KindYear       Kind = "year"       // Năm 2025, Trong năm
	KindContinuous Kind = "continuous" // Thường xuyên: no deadline, never overdue
	KindRecurring  Kind = "recurring"  // Hằng tháng, Hằng quý: one deadline per period
)

// Deadline is a parsed deadline.
type Deadline struct {
	// Text is the deadline as written, trimmed, NFC-normalised and with every
	// run of white space (line breaks too) folded to one space, so that it
	// can be shown and compared as it appears in the annex.
	Text string
	Kind Kind
	// Date is the day the task falls due: the day itself, or the last day of
	// the month, quarter or year. Zero for continuous and recurring deadlines.
	Date civil.Date
	// EveryMonths is the period of a recurring deadline: 1 (Hằng tháng) or
	// 3 (Hằng quý); zero otherwise.
	EveryMonths int
}

// IsZero reports whether d is the zero Deadline, i.e. no deadline was parsed.
func (d Deadline) IsZero() bool { return d == Deadline{} }

// Error is returned for text that is not one of the known forms.
type Error struct {
	Text   string   // the normalised text
	Reason i18n.Msg // completes "thời hạn “Text” …"
}

// Msg is the whole message: "thời hạn “Quý V” có quý không tồn tại …".
func (e *Error) Msg() i18n.Msg {
	if e.Text == "" {
		return i18n.M("deadline.invalid_empty", e.Reason)
	}
	return i18n.M("deadline.invalid", e.Text, e.Reason)
}

// Error is the message in Vietnamese.
func (e *Error) Error() string { return e.Msg().In(i18n.VI) }

// As lets errors.As find an *errs.Error (invalid input in field
// "deadline") in a deadline error, so that every layer reports it alike.
func (e *Error) As(target any) bool {
	t, ok := target.(**errs.Error)
	if ok {
		m := e.Msg()
		*t = errs.Bad("deadline", m.Key, m.Args...)
	}
	return ok
}

// Years outside this range are typing mistakes (2205, 205), not plans.
const minYear, maxYear = 2000, 2100

var (
	reasonEmpty     = i18n.M("deadline.empty")
	reasonForm      = i18n.M("deadline.form")
	reasonAmbiguous = i18n.M("deadline.ambiguous")
	reasonNoDay     = i18n.M("deadline.no_day")
	reasonNoMonth   = i18n.M("deadline.no_month")
	reasonNoQuarter = i18n.M("deadline.no_quarter")
	none            i18n.Msg
)

// The patterns run on the text without its trailing period.
// Numbers are captured loosely (\d{1,2}, [ivxlcdm]+) so that "31/2" or
// "Quý V" get a precise reason instead of "không đúng mẫu"; a year must have
// four digits, which is also what tells month/year ("6/2025") from day/month
// ("30/6").
const (
	sep     = ` ?[/.-] ?`
	quy     = `(?:quý|quí|qúy)` // "quí" and "qúy" are older spellings still seen
	yearSfx = `(?:` + sep + `| năm )(\d{4})`
	before  = `(?:(?:hoàn thành )?(?:trước|chậm nhất) )?(?:ngày )?`
)

// re compiles a case-insensitive pattern. (?i) uses Unicode simple case
// folding, which pairs "Đ" with "đ" but, unlike strings.ToLower, not the
// Turkish "İ" with "i": "Quý İİ" is not a quarter.
func re(pattern string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + pattern) }

// rule turns the submatches of re into a deadline, or into an error reason.
type rule struct {
	re    *regexp.Regexp
	parse func(m []string, planYear int) (Deadline, i18n.Msg)
}

var rules = []rule{
	{re(`^thường xuyên(?:,? liên tục| trong năm)?$`), func([]string, int) (Deadline, i18n.Msg) {
		return Deadline{Kind: KindContinuous}, none
	}},
	{re(`^(?:định kỳ )?h[ằà]ng (tháng|` + quy + `)$`), func(m []string, _ int) (Deadline, i18n.Msg) {
		if strings.EqualFold(m[1], "tháng") {
			return Deadline{Kind: KindRecurring, EveryMonths: 1}, none
		}
		return Deadline{Kind: KindRecurring, EveryMonths: 3}, none
	}},
	// 30/6/2025, Trước ngày 30/6, Chậm nhất 30-06-2025
	{re(`^` + before + `(\d{1,2})(` + sep + `)(\d{1,2})(?:(` + sep + `)(\d{4}))?$`), func(m []string, planYear int) (Deadline, i18n.Msg) {
		if m[4] != "" && strings.TrimSpace(m[2]) != strings.TrimSpace(m[4]) {
			return Deadline{}, reasonForm // 30/6-2025
		}
		return day(m[1], m[3], m[5], planYear)
	}},
	// Trước ngày 30 tháng 6 năm 2025
	{re(`^` + before + `(\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?$`), func(m []string, planYear int) (Deadline, i18n.Msg) {
		return day(m[1], m[2], m[3], planYear)
	}},
	// Tháng 6, Tháng 6/2025, Trong tháng 6 năm 2025
	{re(`^(?:trong )?tháng ?(\d{1,2})(?:` + yearSfx + `)?$`), month},
	// 6/2025, T6/2025 ("T6" alone could be "thứ 6", Friday, so T needs the year)
	{re(`^(?:trong )?(?:t ?)?(\d{1,2})` + sep + `(\d{4})$`), month},
	// Quý II, Quý 2/2025, Trong quý IV năm 2025
	{re(`^(?:trong )?` + quy + ` ?([ivxlcdm]+|\d{1,2})(?:` + yearSfx + `)?$`), func(m []string, planYear int) (Deadline, i18n.Msg) {
		q, ok := quarters[strings.ToLower(m[1])]
		if !ok {
			return Deadline{}, reasonNoQuarter
		}
		y, reason := year(m[2], planYear)
		return Deadline{Kind: KindQuarter, Date: civil.New(y, time.Month(3*q), 1).EndOfMonth()}, reason
	}},
	// 6 tháng đầu năm → 30/6, 6 tháng cuối năm → 31/12: both fall due at a
	// month's end, hence KindMonth.
	{re(`^(?:trong )?6 tháng (đầu|cuối) năm(?: (\d{4}))?$`), func(m []string, planYear int) (Deadline, i18n.Msg) {
		y, reason := year(m[2], planYear)
		if strings.EqualFold(m[1], "đầu") {
			return Deadline{Kind: KindMonth, Date: civil.New(y, time.June, 30)}, reason
		}
		return Deadline{Kind: KindMonth, Date: civil.New(y, time.December, 31)}, reason
	}},
	// Năm 2025, Trong năm, Cả năm 2025 (a bare "Năm" could also be "five")
	{re(`^(?:(?:trong|cả) năm(?: (\d{4}))?|năm (\d{4}))$`), func(m []string, planYear int) (Deadline, i18n.Msg) {
		y, reason := year(m[1]+m[2], planYear)
		return Deadline{Kind: KindYear, Date: civil.New(y, time.December, 31)}, reason
	}},
	// "Trước tháng 6" may mean by 31/5 or by 30/6; "Trước quý III", "Trước
	// năm 2026", "Trước 6/2025" likewise. Say so rather than "không đúng mẫu".
	{re(`^(?:hoàn thành )?trước (?:tháng|t ?\d|` + quy + `|năm|6 tháng|\d{1,2}` + sep + `\d{4}$)`), func([]string, int) (Deadline, i18n.Msg) {
		return Deadline{}, reasonAmbiguous
	}},
}

var quarters = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "01": 1, "02": 2, "03": 3, "04": 4}

// Parse reads text, a deadline as written in a plan for planYear; planYear
// supplies the year when the text omits it ("Trước 30/6", "Quý II"). The
// error, if any, is an *Error.
func Parse(text string, planYear int) (Deadline, error) {
	text = strings.Join(strings.Fields(norm.NFC.String(text)), " ")
	if text == "" {
		return Deadline{}, &Error{Text: text, Reason: reasonEmpty}
	}
	key := strings.TrimSuffix(text, ".")
	for _, r := range rules {
		if m := r.re.FindStringSubmatch(key); m != nil {
			d, reason := r.parse(m, planYear)
			if reason.Key != "" {
				return Deadline{}, &Error{Text: text, Reason: reason}
			}
			d.Text = text
			return d, nil
		}
	}
	return Deadline{}, &Error{Text: text, Reason: reasonForm}
}

// day builds a KindDate deadline, refusing days that do not exist (31/2)
// rather than letting civil.New roll them over.
func day(d, m, y string, planYear int) (Deadline, i18n.Msg) {
	yy, reason := year(y, planYear)
	if reason.Key != "" {
		return Deadline{}, reason
	}
	want := civil.Date{Year: yy, Month: time.Month(atoi(m)), Day: atoi(d)}
	if civil.New(want.Year, want.Month, want.Day) != want {
		return Deadline{}, reasonNoDay
	}
	return Deadline{Kind: KindDate, Date: want}, none
}

// month builds a KindMonth deadline from the month in m[1] and the year in m[2].
func month(m []string, planYear int) (Deadline, i18n.Msg) {
	mm := atoi(m[1])
	if mm < 1 || mm > 12 {
		return Deadline{}, reasonNoMonth
	}
	y, reason := year(m[2], planYear)
	return Deadline{Kind: KindMonth, Date: civil.New(y, time.Month(mm), 1).EndOfMonth()}, reason
}

// year returns the written year s, or planYear if s is empty, with a reason
// if it is out of range. The year is always checked so that a plan created
// with a bad year cannot produce dates in year 0.
func year(s string, planYear int) (int, i18n.Msg) {
	y := planYear
	if s != "" {
		y = atoi(s)
	}
	switch {
	case y >= minYear && y <= maxYear:
		return y, none
	case s == "":
		return 0, i18n.M("deadline.no_year", planYear, minYear, maxYear)
	default:
		return 0, i18n.M("deadline.year_range", y, minYear, maxYear)
	}
}

// atoi reads the ASCII digits the patterns captured; they never overflow.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
