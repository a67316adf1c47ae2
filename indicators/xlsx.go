package indicators

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/plans"
	"cchc/units"
)

// The .xlsx template units fill in: one row per indicator and unit, the
// codes fixed, the figures to type. Read reads it back.
const (
	SheetTemplate = "Số liệu chỉ tiêu"
	sheetMeta     = "cchc"
	templateHead  = 5 // header row; rows 1–4 hold the title and the instructions
	// MaxTemplateSize bounds an uploaded template.
	MaxTemplateSize = 5 << 20
)

// Columns of the template.
const (
	tcCode = iota + 1
	tcName
	tcUOM
	tcKind
	tcUnitCode
	tcUnitName
	tcValue
	tcNumerator
	tcDenominator
	tcEvidence
	tcCount = tcEvidence
)

var templateHeads = []string{"Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Loại", "Mã đơn vị", "Cơ quan, đơn vị",
	"Giá trị", "Tử số", "Mẫu số", "Tài liệu kiểm chứng"}

var templateWidths = []float64{20, 50, 11, 12, 16, 34, 14, 14, 14, 40}

var kindWords = map[Kind]string{Count: "Số lượng", Ratio: "Tỷ lệ", Value: "Giá trị"}

// WriteTemplate writes the template of a plan's indicators for a period:
// a row per indicator and unit (us, in order), prefilled with what was
// reported (vs).
func WriteTemplate(w io.Writer, p *plans.Plan, period plans.Period, inds []Indicator, us []units.Unit, vs []Reported) error {
	f := excelize.NewFile()
	defer f.Close()
	var first error
	check := func(err error) {
		if first == nil && err != nil {
			first = err
		}
	}
	check(f.SetSheetName("Sheet1", SheetTemplate))
	check(f.SetDefaultFont("Times New Roman"))
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		check(err)
		return id
	}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	bold := &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	sTitle := style(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	sNote := style(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11, Italic: true}, Alignment: wrap})
	sHead := style(&excelize.Style{Font: bold, Border: border, Fill: grey, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	sFixed := style(&excelize.Style{Font: font, Border: border, Fill: grey, Alignment: wrap})
	sInput := style(&excelize.Style{Font: font, Border: border, Fill: yellow, Alignment: wrap})
	sText := style(&excelize.Style{Font: font, Border: border, Fill: yellow, Alignment: wrap})
	set := func(col, row int, v any, s int) {
		c, _ := excelize.CoordinatesToCellName(col, row)
		check(f.SetCellValue(SheetTemplate, c, v))
		check(f.SetCellStyle(SheetTemplate, c, c, s))
	}
	last, _ := excelize.ColumnNumberToName(tcCount)
	set(1, 1, strings.ToUpper("Số liệu chỉ tiêu cải cách hành chính "+period.Title(p.Year)), sTitle)
	check(f.MergeCell(SheetTemplate, "A1", last+"1"))
	unit := ""
	if p.Unit != nil {
		unit = " của " + p.Unit.Name
	}
	set(1, 2, p.Title+unit, sNote)
	check(f.MergeCell(SheetTemplate, "A2", last+"2"))
	set(1, 3, "Mỗi cơ quan, đơn vị nhập số liệu của chính mình (không cộng số liệu của đơn vị cấp dưới). Chỉ tiêu số lượng và giá trị: nhập cột Giá trị; chỉ tiêu tỷ lệ: nhập Tử số và Mẫu số (tỷ lệ được tính tự động). Để trống dòng chưa có số liệu; không sửa các cột màu xám.", sNote)
	check(f.MergeCell(SheetTemplate, "A3", last+"3"))
	check(f.SetRowHeight(SheetTemplate, 3, 48))
	for i, h := range templateHeads {
		set(i+1, templateHead, h, sHead)
		col, _ := excelize.ColumnNumberToName(i + 1)
		check(f.SetColWidth(SheetTemplate, col, col, templateWidths[i]))
	}
	check(f.SetRowHeight(SheetTemplate, templateHead, 32))
	have := map[[2]int64]Reported{}
	for _, v := range vs {
		have[[2]int64{v.IndicatorID, v.UnitID}] = v
	}
	row := templateHead
	for _, ind := range inds {
		for _, u := range us {
			row++
			set(tcCode, row, ind.Code, sFixed)
			set(tcName, row, ind.Name, sFixed)
			set(tcUOM, row, ind.UnitOfMeasure, sFixed)
			set(tcKind, row, kindWords[ind.Kind], sFixed)
			set(tcUnitCode, row, u.Code, sFixed)
			set(tcUnitName, row, u.Name, sFixed)
			v, ok := have[[2]int64{ind.ID, u.ID}]
			num := func(x *float64) any {
				if !ok || x == nil {
					return nil
				}
				return *x
			}
			set(tcValue, row, num(v.Value), sInput)
			set(tcNumerator, row, num(v.Numerator), sInput)
			set(tcDenominator, row, num(v.Denominator), sInput)
			evidence := ""
			if ok {
				evidence = v.Evidence
			}
			set(tcEvidence, row, evidence, sText)
			lines := max(len([]rune(ind.Name))/45, len([]rune(u.Name))/30) + 1
			check(f.SetRowHeight(SheetTemplate, row, float64(lines)*15.5+3))
		}
	}
	check(f.SetPanes(SheetTemplate, &excelize.Panes{Freeze: true, YSplit: templateHead, TopLeftCell: fmt.Sprintf("A%d", templateHead+1), ActivePane: "bottomLeft"}))
	landscape := "landscape"
	check(f.SetPageLayout(SheetTemplate, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: &landscape, FitToWidth: ptr(1), FitToHeight: ptr(0)}))
	check(f.SetSheetProps(SheetTemplate, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	// Which plan and period the template is for, so that Read can tell.
	_, err := f.NewSheet(sheetMeta)
	check(err)
	check(f.SetCellValue(sheetMeta, "A1", "plan"))
	check(f.SetCellValue(sheetMeta, "B1", p.ID))
	check(f.SetCellValue(sheetMeta, "A2", "period"))
	check(f.SetCellValue(sheetMeta, "B2", string(period)))
	check(f.SetSheetVisible(sheetMeta, false))
	f.SetActiveSheet(0)
	if first != nil {
		return fmt.Errorf("indicators: template: %w", first)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("indicators: template: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func ptr[T any](v T) *T { return &v }

// Row is a filled row of the template.
type Row struct {
	Line                          int // the Excel row
	Code, UnitCode                string
	Value, Numerator, Denominator *float64
	Evidence                      string
}

// RowError is a faulty row: its Excel row, the column at fault and why.
type RowError struct {
	Line   int
	Column string
	Reason i18n.Msg
}

// Msg is the row error as a message: "dòng 7, cột Tử số: …".
func (e RowError) Msg() i18n.Msg {
	return i18n.M("indicators.row_error", e.Line, e.Column, e.Reason)
}

// ColumnOf names a field of Entry as the template's column does.
func ColumnOf(field string) string {
	switch field {
	case "value":
		return templateHeads[tcValue-1]
	case "numerator":
		return templateHeads[tcNumerator-1]
	case "denominator":
		return templateHeads[tcDenominator-1]
	case "evidence":
		return templateHeads[tcEvidence-1]
	case "unit":
		return templateHeads[tcUnitCode-1]
	}
	return templateHeads[tcCode-1]
}

// Failed is the error of an import with faulty rows: all of them, nothing
// written.
func Failed(rows []RowError) error {
	ms := make([]i18n.Msg, len(rows))
	for i, r := range rows {
		ms[i] = r.Msg()
	}
	return errs.Bad("file", "indicators.import_failed", ms)
}

// Read reads a filled template of plan planID for period: the rows with any
// figure or evidence (empty rows are skipped), or every faulty cell.
func Read(r io.Reader, planID int64, period plans.Period) ([]Row, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxTemplateSize+1))
	if err != nil {
		return nil, fmt.Errorf("indicators: read: %w", err)
	}
	if len(b) > MaxTemplateSize {
		return nil, errs.Bad("file", "indicators.file_large", MaxTemplateSize>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 50 << 20, UnzipXMLSizeLimit: 20 << 20})
	if err != nil {
		return nil, errs.Bad("file", "indicators.not_template")
	}
	defer f.Close()
	if idx, err := f.GetSheetIndex(SheetTemplate); err != nil || idx < 0 {
		return nil, errs.Bad("file", "indicators.not_template")
	}
	if plan, _ := f.GetCellValue(sheetMeta, "B1"); plan != "" && plan != strconv.FormatInt(planID, 10) {
		return nil, errs.Bad("file", "indicators.template_other_plan")
	}
	if p, _ := f.GetCellValue(sheetMeta, "B2"); p != "" && p != string(period) {
		return nil, errs.Bad("period", "indicators.template_other_period", plans.Period(p).Name(), period.Name())
	}
	head, err := f.GetCellValue(SheetTemplate, fmt.Sprintf("A%d", templateHead))
	if err != nil || vn.Fold(head) != vn.Fold(templateHeads[0]) {
		return nil, errs.Bad("file", "indicators.not_template")
	}
	rows, err := f.GetRows(SheetTemplate, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, errs.Bad("file", "indicators.not_template")
	}
	var out []Row
	var bad []RowError
	for i := templateHead; i < len(rows); i++ {
		cells := rows[i]
		cell := func(col int) string {
			if col-1 < len(cells) {
				return strings.TrimSpace(cells[col-1])
			}
			return ""
		}
		line := i + 1
		row := Row{Line: line, Code: cell(tcCode), UnitCode: cell(tcUnitCode), Evidence: cell(tcEvidence)}
		number := func(col int) *float64 {
			s := cell(col)
			if s == "" {
				return nil
			}
			x, ok := vn.ParseNumber(s)
			if !ok {
				bad = append(bad, RowError{Line: line, Column: templateHeads[col-1], Reason: i18n.M("indicators.not_number", s)})
				return nil
			}
			return &x
		}
		row.Value, row.Numerator, row.Denominator = number(tcValue), number(tcNumerator), number(tcDenominator)
		if row.Value == nil && row.Numerator == nil && row.Denominator == nil && row.Evidence == "" &&
			cell(tcValue)+cell(tcNumerator)+cell(tcDenominator) == "" {
			continue
		}
		if row.Code == "" {
			bad = append(bad, RowError{Line: line, Column: templateHeads[tcCode-1], Reason: i18n.M("indicators.code_missing")})
		}
		if row.UnitCode == "" {
			bad = append(bad, RowError{Line: line, Column: templateHeads[tcUnitCode-1], Reason: i18n.M("indicators.unit_required")})
		}
		out = append(out, row)
	}
	if len(bad) > 0 {
		return nil, Failed(bad)
	}
	if len(out) == 0 {
		return nil, errs.Bad("file", "indicators.template_empty")
	}
	return out, nil
}

// TemplateName is the file name of a plan's template for a period.
func TemplateName(p *plans.Plan, period plans.Period) string {
	code := "ke-hoach"
	if p.Unit != nil {
		code = strings.ToLower(vn.Fold(strings.ReplaceAll(p.Unit.Code, " ", "-")))
	}
	return fmt.Sprintf("chi-tieu-%s-%d-%s.xlsx", period, p.Year, code)
}
