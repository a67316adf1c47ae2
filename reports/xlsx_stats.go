package reports

import (
	"fmt"
	"strings"

	"cchc/indicators"
	"cchc/internal/civil"
)

// The sheets of the statistics: the plan's indicators, and the units
// reporting to the issuer. Figures are numbers (percentages as fractions
// with a percent format), so that a reader that does not calculate gets
// 50176 and 0.8345.

// figure is an indicator's figure as a cell: a fraction for a percentage.
func figure(ind indicators.Indicator, x float64) float64 {
	if ind.Percent() {
		return x / 100
	}
	return x
}

func (x *xlsxWriter) indicatorsSheet() {
	const sheet = SheetIndicators
	heads := []string{"TT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Chỉ tiêu kế hoạch", "Kết quả thực hiện",
		"Tử số", "Mẫu số", "Đánh giá"}
	x.table(sheet, heads, []float64{5, 18, 46, 11, 9, 13, 13, 12, 12, 14})
	x.titles(sheet, strings.ToUpper("Kết quả thực hiện các chỉ tiêu cải cách hành chính "+x.r.Period.Title(x.r.Plan.Year)))
	row := headerRow
	for i, ind := range x.r.Indicators {
		row++
		x.set(sheet, 1, row, i+1, x.st.center)
		x.set(sheet, 2, row, ind.Code, x.st.text)
		x.set(sheet, 3, row, ind.Name, x.st.text)
		x.set(sheet, 4, row, ind.UnitOfMeasure, x.st.center)
		pct := x.st.number
		if ind.Percent() {
			pct = x.st.percent2
		}
		if ind.Target != nil {
			x.set(sheet, 5, row, ind.Direction.Sign(), x.st.center)
			x.set(sheet, 6, row, figure(ind.Indicator, *ind.Target), pct)
		} else {
			x.set(sheet, 5, row, "", x.st.center)
			x.set(sheet, 6, row, nil, pct)
		}
		switch {
		case ind.Numerator != nil && ind.Denominator != nil:
			x.set(sheet, 8, row, *ind.Numerator, x.st.number)
			x.set(sheet, 9, row, *ind.Denominator, x.st.number)
			x.formula(sheet, 7, row, fmt.Sprintf("IF(I%d=0,0,H%d/I%d)", row, row, row), figure(ind.Indicator, *ind.Actual), pct)
		case ind.Actual != nil:
			x.set(sheet, 7, row, figure(ind.Indicator, *ind.Actual), pct)
			x.set(sheet, 8, row, nil, x.st.number)
			x.set(sheet, 9, row, nil, x.st.number)
		default:
			x.set(sheet, 7, row, nil, pct)
			x.set(sheet, 8, row, nil, x.st.number)
			x.set(sheet, 9, row, nil, x.st.number)
		}
		x.set(sheet, 10, row, Assessment(ind), x.st.center)
	}
	first, last := headerRow+1, max(row, headerRow+1)
	x.filter(sheet, len(heads), row)
	sum := x.r.IndicatorSummary()
	row += 2
	x.set(sheet, 3, row, "Số chỉ tiêu đạt", x.st.totalText)
	x.formula(sheet, 10, row, fmt.Sprintf(`COUNTIF(J%d:J%d,"Đạt")`, first, last), sum.Met, x.st.totalInt)
	row++
	x.set(sheet, 3, row, "Số chỉ tiêu có kế hoạch và số liệu", x.st.totalText)
	x.formula(sheet, 10, row, fmt.Sprintf(`COUNTIF(J%d:J%d,"Đạt")+COUNTIF(J%d:J%d,"Chưa đạt")`, first, last, first, last), sum.Assessed, x.st.totalInt)
	x.finish(sheet, "landscape")
}

func (x *xlsxWriter) chainSheet() {
	const sheet = SheetChain
	c := x.r.Chain
	heads := []string{"TT", "Cơ quan, đơn vị", "Tình trạng báo cáo", "Ngày gửi", "Hạn gửi", "Gửi chậm", "Tổng số nhiệm vụ",
		"Đã hoàn thành", "Tỷ lệ hoàn thành", "Quá hạn"}
	widths := []float64{5, 36, 16, 11, 11, 9, 10, 10, 10, 9}
	var cols []indicators.Result
	for _, ind := range x.r.Indicators {
		for _, u := range c.Units {
			if _, ok := u.Indicators[ind.Code]; ok {
				cols = append(cols, ind)
				break
			}
		}
	}
	for _, ind := range cols {
		head := ind.Name
		if ind.UnitOfMeasure != "" {
			head += " (" + ind.UnitOfMeasure + ")"
		}
		heads = append(heads, head)
		widths = append(widths, 16)
	}
	x.table(sheet, heads, widths)
	x.titles(sheet, strings.ToUpper("Tình hình báo cáo và kết quả thực hiện của các cơ quan, đơn vị "+x.r.Period.Title(x.r.Plan.Year)))
	row := headerRow
	for i, u := range c.Units {
		row++
		sent := civil.Date{}
		if u.State == SubmissionFinalised {
			sent = civil.In(u.FinalisedAt)
		}
		late := ""
		if u.Late {
			late = "Chậm"
		}
		x.set(sheet, 1, row, i+1, x.st.center)
		x.set(sheet, 2, row, u.UnitName, x.st.text)
		x.set(sheet, 3, row, u.State.Text(), x.st.center)
		x.set(sheet, 4, row, sent, x.st.date)
		x.set(sheet, 5, row, u.Due, x.st.date)
		x.set(sheet, 6, row, late, x.st.center)
		x.set(sheet, 7, row, u.Counts.Total, x.st.int)
		x.set(sheet, 8, row, u.Counts.Completed, x.st.int)
		x.formula(sheet, 9, row, rate(fmt.Sprintf("H%d", row), fmt.Sprintf("G%d", row)), rateOf(u.Counts.Completed, u.Counts.Total), x.st.percent)
		x.set(sheet, 10, row, u.Counts.Overdue, x.st.int)
		for j, ind := range cols {
			style := x.st.number
			if ind.Percent() {
				style = x.st.percent2
			}
			var v any
			if f, ok := u.Indicators[ind.Code]; ok {
				v = figure(ind.Indicator, f)
			}
			x.set(sheet, 11+j, row, v, style)
		}
	}
	first, last := headerRow+1, row
	x.filter(sheet, len(heads), row)
	row++
	x.set(sheet, 1, row, "", x.st.totalText)
	x.set(sheet, 2, row, "Tổng cộng", x.st.totalText)
	by, late := c.Count()
	x.set(sheet, 3, row, fmt.Sprintf("%d/%d đã gửi", by[SubmissionFinalised], len(c.Units)), x.st.totalText)
	x.set(sheet, 4, row, "", x.st.totalText)
	x.set(sheet, 5, row, "", x.st.totalText)
	x.formula(sheet, 6, row, fmt.Sprintf(`COUNTIF(F%d:F%d,"Chậm")`, first, last), late, x.st.totalInt)
	var total, done, overdue int
	for _, u := range c.Units {
		total, done, overdue = total+u.Counts.Total, done+u.Counts.Completed, overdue+u.Counts.Overdue
	}
	x.formula(sheet, 7, row, fmt.Sprintf("SUM(G%d:G%d)", first, last), total, x.st.totalInt)
	x.formula(sheet, 8, row, fmt.Sprintf("SUM(H%d:H%d)", first, last), done, x.st.totalInt)
	x.formula(sheet, 9, row, rate(fmt.Sprintf("H%d", row), fmt.Sprintf("G%d", row)), rateOf(done, total), x.st.totalPercent)
	x.formula(sheet, 10, row, fmt.Sprintf("SUM(J%d:J%d)", first, last), overdue, x.st.totalInt)
	for j, ind := range cols {
		style := x.st.totalNumber
		if ind.Percent() {
			style = x.st.totalPercent2
		}
		var v any
		if ind.Actual != nil {
			v = figure(ind.Indicator, *ind.Actual)
		}
		x.set(sheet, 11+j, row, v, style)
	}
	x.finish(sheet, "landscape")
}
