package reports

import (
	"fmt"

	"cchc/indicators"
	"cchc/internal/vn"
)

// The statistics appendix ("Phụ lục số liệu"): the plan's indicators for
// the period against their targets, and what each unit reporting to the
// issuer reported.

// Assessment is the verdict on an indicator's target: "Đạt", "Chưa đạt",
// "Chưa có số liệu", or "" without a target.
func Assessment(r indicators.Result) string {
	switch {
	case r.Actual == nil:
		return "Chưa có số liệu"
	case r.Met == nil:
		return ""
	case *r.Met:
		return "Đạt"
	}
	return "Chưa đạt"
}

// detail is the figures behind an indicator: the ratio's numerator and
// denominator, or how many units reported.
func detail(r indicators.Result) string {
	if r.Numerator != nil && r.Denominator != nil {
		num, den := r.NumeratorLabel, r.DenominatorLabel
		if num == "" {
			num = "Tử số"
		}
		if den == "" {
			den = "Mẫu số"
		}
		return fmt.Sprintf("%s: %s\n%s: %s", num, r.Format0(*r.Numerator), den, r.Format0(*r.Denominator))
	}
	if r.Units > 1 && r.Kind == indicators.Count {
		return fmt.Sprintf("Tổng hợp từ %d cơ quan, đơn vị", r.Units)
	}
	return ""
}

// IndicatorTable is the table of the plan's indicators.
func (r *Report) IndicatorTable() Table {
	t := Table{Columns: []TableColumn{{Title: "TT", Weight: 6, Center: true}, {Title: "Chỉ tiêu", Weight: 40},
		{Title: "Đơn vị tính", Weight: 10, Center: true}, {Title: "Chỉ tiêu kế hoạch", Weight: 13, Center: true},
		{Title: "Kết quả thực hiện", Weight: 14, Center: true}, {Title: "Số liệu chi tiết", Weight: 30}, {Title: "Đánh giá", Weight: 12, Center: true}}}
	for i, ind := range r.Indicators {
		t.Rows = append(t.Rows, TableRow{Cells: []string{fmt.Sprint(i + 1), ind.Name, ind.UnitOfMeasure, ind.TargetText(), ind.ActualText(),
			detail(ind), Assessment(ind)}})
	}
	sum := r.IndicatorSummary()
	t.Rows = append(t.Rows, TableRow{Bold: true, Cells: []string{"", "Số chỉ tiêu đạt", "", "", "", "", fmt.Sprintf("%d/%d", sum.Met, sum.Assessed)}})
	return t
}

// ChainIndicatorTable is what each unit reporting to the issuer reported,
// one column per indicator any of them reported; ok is false when none did.
func (r *Report) ChainIndicatorTable() (Table, bool) {
	if r.Chain == nil || len(r.Chain.Units) == 0 {
		return Table{}, false
	}
	var cols []indicators.Result
	for _, ind := range r.Indicators {
		for _, u := range r.Chain.Units {
			if _, ok := u.Indicators[ind.Code]; ok {
				cols = append(cols, ind)
				break
			}
		}
	}
	if len(cols) == 0 {
		return Table{}, false
	}
	t := Table{Columns: []TableColumn{{Title: "TT", Weight: 5, Center: true}, {Title: "Cơ quan, đơn vị", Weight: 28}}}
	for _, c := range cols {
		head := c.Name
		if c.UnitOfMeasure != "" {
			head += " (" + c.UnitOfMeasure + ")"
		}
		t.Columns = append(t.Columns, TableColumn{Title: head, Weight: 67 / len(cols), Center: true})
	}
	for i, u := range r.Chain.Units {
		row := []string{fmt.Sprint(i + 1), u.UnitName}
		for _, c := range cols {
			cell := ""
			if x, ok := u.Indicators[c.Code]; ok {
				cell = figureText(c, x)
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, TableRow{Cells: row})
	}
	total := []string{"", "Toàn " + areaWord(r.Plan.UnitName)}
	for _, c := range cols {
		cell := ""
		if c.Actual != nil {
			cell = figureText(c, *c.Actual)
		}
		total = append(total, cell)
	}
	t.Rows = append(t.Rows, TableRow{Bold: true, Cells: total})
	return t, true
}

// figureText writes a figure of an indicator without its unit when a count.
func figureText(ind indicators.Result, x float64) string {
	if ind.Percent() {
		return ind.Format(x)
	}
	return vn.Number(x, 2)
}

// areaWord is what "Toàn …" says of the issuer: "tỉnh" for "UBND tỉnh
// Sơn Hà", else "đơn vị".
func areaWord(issuer string) string {
	if area, ok := committeeArea(issuer); ok {
		if level, _ := splitLevel(area); level != "" {
			return level
		}
	}
	return "đơn vị"
}
