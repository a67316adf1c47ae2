// Package civil holds the calendar date used everywhere in cchc: deadlines,
// evidence dates and report cut-offs are days in Asia/Ho_Chi_Minh, not instants.
package civil

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the zone must exist on machines without tzdata
)

// Zone is Asia/Ho_Chi_Minh, the only zone the product reasons in.
var Zone = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Date is a calendar day. The zero value means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// New normalises y-m-d (so New(2024, 13, 1) is 2025-01-01).
func New(y int, m time.Month, d int) Date {
	return Of(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// Of returns the calendar day of t as seen in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// In returns the calendar day of t in Asia/Ho_Chi_Minh.
func In(t time.Time) Date { return Of(t.In(Zone)) }

// Today is the current day in Asia/Ho_Chi_Minh.
func Today() Date { return In(time.Now()) }

// Parse reads YYYY-MM-DD.
func Parse(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("civil: %q is not a date of the form YYYY-MM-DD", s)
	}
	return Of(t), nil
}

// ParseVN reads a day as Vietnamese write it, day first: d/m/yyyy or
// dd/mm/yyyy ("5/9/2024", "05/09/2024"), spaces around it ignored. The day
// must exist (31/9 and 29/2/2023 are refused).
func ParseVN(s string) (Date, error) {
	bad := fmt.Errorf("civil: %q is not a date of the form dd/mm/yyyy", s)
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 3 || len(parts[0]) < 1 || len(parts[0]) > 2 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return Date{}, bad
	}
	var n [3]int
	for i, p := range parts {
		for _, c := range p {
			if c < '0' || c > '9' {
				return Date{}, bad
			}
		}
		n[i], _ = strconv.Atoi(p)
	}
	d := New(n[2], time.Month(n[1]), n[0])
	if n[1] < 1 || n[1] > 12 || d.Day != n[0] || int(d.Month) != n[1] || d.Year != n[2] {
		return Date{}, bad
	}
	return d, nil
}

// ParseEntered reads a day a user typed in a form or a page address:
// dd/mm/yyyy (ParseVN) as entered and shown everywhere, or YYYY-MM-DD
// (Parse) as links and the API carry it.
func ParseEntered(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		return ParseVN(s)
	}
	d, err := Parse(s)
	if err != nil {
		return Date{}, fmt.Errorf("civil: %q is not a date of the form dd/mm/yyyy", s)
	}
	return d, nil
}

// MustParse is Parse for literals in tests and demo data.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) IsZero() bool { return d == Date{} }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// VN formats as dd/mm/yyyy, the way Vietnamese documents write dates.
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// UTC is midnight UTC of the day, a convenient carrier for arithmetic.
func (d Date) UTC() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Start is the first instant of the day in Asia/Ho_Chi_Minh.
func (d Date) Start() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Zone) }

// End is the first instant after the day in Asia/Ho_Chi_Minh: what a report
// at d knows is what was recorded before End.
func (d Date) End() time.Time { return d.AddDays(1).Start() }

func (d Date) AddDays(n int) Date { return New(d.Year, d.Month, d.Day+n) }

// AddMonths adds n months, clamping to the month's last day (31/1 + 1 month = 28 or 29/2).
func (d Date) AddMonths(n int) Date {
	first := New(d.Year, d.Month+time.Month(n), 1)
	last := first.EndOfMonth()
	if d.Day > last.Day {
		return last
	}
	return New(first.Year, first.Month, d.Day)
}

// AddYears adds n years (29/2 becomes 28/2 in a common year).
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

func (d Date) EndOfMonth() Date { return New(d.Year, d.Month+1, 0) }

// Quarter is 1..4.
func (d Date) Quarter() int { return (int(d.Month)-1)/3 + 1 }

func (d Date) Weekday() time.Weekday { return d.UTC().Weekday() }

// DaysSince is d - e in days.
func (d Date) DaysSince(e Date) int { return int(d.UTC().Sub(e.UTC()).Hours() / 24) }

func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }
func (d Date) After(e Date) bool  { return d.Compare(e) > 0 }

func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	default:
		return cmp(d.Day, e.Day)
	}
}

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Value stores the date in a PostgreSQL date column (NULL for the zero date).
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a PostgreSQL date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = Of(v)
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	default:
		return fmt.Errorf("civil: cannot scan %T into a date", src)
	}
	return nil
}

func (d *Date) scanString(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	p, err := Parse(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("civil: a date must be a string YYYY-MM-DD")
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	p, err := Parse(*s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
