package par

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"cchc/internal/vn"
)

// Points are index points in hundredths: 1,25 points is Points(125). Sums
// of components are exact; a score is written with at most two decimals.
type Points int

// Float is the points as a number (1.25), for JSON and spreadsheets.
func (p Points) Float() float64 { return float64(p) / 100 }

// String writes the points as Vietnamese documents do: "1,25", "90", "-3,5".
func (p Points) String() string {
	neg := p < 0
	if neg {
		p = -p
	}
	s := vn.Int(int(p / 100))
	if frac := int(p % 100); frac != 0 {
		f := fmt.Sprintf("%02d", frac)
		s += "," + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Input writes the points for a form field: "1.25", "90".
func (p Points) Input() string {
	return strconv.FormatFloat(p.Float(), 'f', -1, 64)
}

// ParsePoints reads points as typed or found in a cell: "1,5", "1.5",
// "0,25", "10". A comma or a dot is the decimal mark; at most two decimals;
// never negative. ok is false for anything else.
func ParsePoints(s string) (Points, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 100000 {
		return 0, false
	}
	h := math.Round(f * 100)
	if math.Abs(h-f*100) > 1e-6 {
		return 0, false // more than two decimals
	}
	return Points(h), true
}

// scale is max × num ÷ den rounded half up to hundredths (0 when den is 0).
func scale(max Points, num, den int64) Points {
	if den <= 0 || num <= 0 {
		return 0
	}
	if num >= den {
		return max
	}
	return Points((int64(max)*num*2/den + 1) / 2)
}
