package par

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cchc/internal/i18n"
	"cchc/internal/vn"
)

// Method is how a component's points are found.
type Method string

const (
	// MethodSelf: the unit scores it with evidence; the appraisal group
	// checks and may change the score.
	MethodSelf Method = "self"
	// MethodComputed: cchc computes it from its own data (Source).
	MethodComputed Method = "computed"
	// MethodSurvey: points from an external survey (SIPAS, officials'
	// satisfaction), entered by the secretariat.
	MethodSurvey Method = "survey"
)

// Label is the message ID of the method's name.
func (m Method) Label() string { return methodLabels[m] }

var methodLabels = map[Method]string{MethodSelf: "par.method_self", MethodComputed: "par.method_computed", MethodSurvey: "par.method_survey"}

// Source is where a computed component's figure comes from (compute.go).
type Source string

const (
	// SourcePlan: completion of the tasks the unit leads in the plan of the
	// body that scores it, at the plan's year-end cut-off.
	SourcePlan Source = "plan"
	// SourcePlanInvolved: the same over the tasks it leads or coordinates
	// (communes carry out the "UBND các xã, phường" tasks as coordinators).
	SourcePlanInvolved Source = "plan_involved"
	// SourceOwnPlan: completion of the unit's own plan of the year, at its
	// year-end cut-off.
	SourceOwnPlan Source = "own_plan"
	// SourceReports: the unit's periodic CCHC reports sent on time.
	SourceReports Source = "reports"
	// SourceIndicator: an indicator's actual over its target (Ref: the
	// indicator's code), e.g. dossiers resolved on time.
	SourceIndicator Source = "indicator"
)

// SourceList lists every source, in the order forms offer them.
var SourceList = []Source{SourcePlan, SourcePlanInvolved, SourceOwnPlan, SourceReports, SourceIndicator}

// Label is the message ID of the source's name.
func (s Source) Label() string { return sourceLabels[s] }

var sourceLabels = map[Source]string{SourcePlan: "par.source_plan", SourcePlanInvolved: "par.source_plan_involved",
	SourceOwnPlan: "par.source_own_plan", SourceReports: "par.source_reports", SourceIndicator: "par.source_indicator"}

// Step is one row of a step table: at least From (a percentage in
// hundredths: 9000 is 90 %) gives Points.
type Step struct {
	From   int    `json:"from"`
	Points Points `json:"points"`
}

// Rule is a component's method, with its source and step table when
// computed.
type Rule struct {
	Method Method
	Source Source
	Ref    string // the indicator's code
	// Steps, highest From first; nil means points proportional to the rate
	// (full points at 100 %).
	Steps []Step
}

// Apply turns a rate done/total into points out of max: by the step table
// when there is one, else proportionally (full points at 100 %, rounded
// half up to hundredths).
func (r Rule) Apply(max Points, done, total int64) Points {
	if total <= 0 {
		return 0
	}
	if len(r.Steps) == 0 {
		return scale(max, done, total)
	}
	pct := int(min(done, total) * 10000 / total)
	for _, s := range r.Steps {
		if pct >= s.From {
			return min(s.Points, max)
		}
	}
	return 0
}

// Canonical texts of the "Cách tính điểm" column (Text writes them; ParseRule
// reads them and their usual variants).
const (
	textSelf     = "Đơn vị tự chấm"
	textSurvey   = "Điều tra xã hội học"
	textAuto     = "Tự động: "
	textSteps    = "bậc: "
	textPlan     = "hoàn thành kế hoạch"
	textInvolved = "hoàn thành kế hoạch (chủ trì, phối hợp)"
	textOwnPlan  = "hoàn thành kế hoạch của đơn vị"
	textReports  = "báo cáo đúng hạn"
	textIndic    = "chỉ tiêu "
)

// Text writes the rule as the criteria workbook's "Cách tính điểm" column
// does: "Đơn vị tự chấm", "Điều tra xã hội học", "Tự động: hoàn thành kế
// hoạch; bậc: 100%=4; 80%=2".
func (r Rule) Text() string {
	switch r.Method {
	case MethodSurvey:
		return textSurvey
	case MethodComputed:
	default:
		return textSelf
	}
	s := textAuto
	switch r.Source {
	case SourcePlan:
		s += textPlan
	case SourcePlanInvolved:
		s += textInvolved
	case SourceOwnPlan:
		s += textOwnPlan
	case SourceReports:
		s += textReports
	case SourceIndicator:
		s += textIndic + r.Ref
	}
	if len(r.Steps) > 0 {
		parts := make([]string, len(r.Steps))
		for i, st := range r.Steps {
			parts[i] = fmt.Sprintf("%s%%=%s", Points(st.From).String(), st.Points.String())
		}
		s += "; " + textSteps + strings.Join(parts, "; ")
	}
	return s
}

var (
	stepRe      = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)\s*%?\s*[=:→]\s*(\d+(?:[.,]\d+)?)$`)
	indicatorRe = regexp.MustCompile(`^chi tieu\s+([A-Za-z0-9_.-]{1,40})$`)
)

// ParseRule reads the "Cách tính điểm" cell of a component worth max: empty
// or "Đơn vị tự chấm"/"Tự chấm"/"Tự đánh giá" (self); "Điều tra xã hội
// học"/"Khảo sát"/"SIPAS" (survey); "Tự động: hoàn thành kế hoạch", "… (chủ
// trì, phối hợp)", "… của đơn vị", "Tự động: báo cáo đúng hạn", "Tự động:
// chỉ tiêu CODE" (computed), each optionally followed by "; bậc: 100%=4;
// 80%=2" (a step table). The reason of a refusal is a message.
func ParseRule(s string, max Points) (Rule, *i18n.Msg) {
	text := vn.OneLine(s)
	head, steps, _ := strings.Cut(text, ";")
	f := vn.Fold(head)
	f = strings.TrimSpace(strings.TrimSuffix(f, "."))
	var r Rule
	switch {
	case f == "" || f == "don vi tu cham" || f == "tu cham" || f == "tu danh gia" || f == "don vi tu danh gia":
		r.Method = MethodSelf
	case f == "dieu tra xa hoi hoc" || f == "khao sat" || f == "sipas" || strings.HasPrefix(f, "khao sat ") || strings.HasPrefix(f, "dieu tra "):
		r.Method = MethodSurvey
	case strings.HasPrefix(f, "tu dong"):
		r.Method = MethodComputed
		f = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(f, "tu dong"), ": -"))
		switch {
		case f == "hoan thanh ke hoach (chu tri, phoi hop)" || f == "hoan thanh ke hoach chu tri, phoi hop":
			r.Source = SourcePlanInvolved
		case f == "hoan thanh ke hoach cua don vi":
			r.Source = SourceOwnPlan
		case f == "hoan thanh ke hoach":
			r.Source = SourcePlan
		case f == "bao cao dung han":
			r.Source = SourceReports
		case indicatorRe.MatchString(f):
			r.Source = SourceIndicator
			fields := strings.Fields(head) // the code as written, not folded
			r.Ref = fields[len(fields)-1]
		default:
			m := i18n.M("par.rule_source_unknown", text)
			return r, &m
		}
	default:
		m := i18n.M("par.rule_unknown", text)
		return r, &m
	}
	if strings.TrimSpace(steps) == "" {
		return r, nil
	}
	if r.Method != MethodComputed {
		m := i18n.M("par.rule_steps_computed_only")
		return r, &m
	}
	label, rest, ok := strings.Cut(strings.TrimSpace(steps), ":")
	if !ok || vn.Fold(strings.TrimSpace(label)) != "bac" {
		m := i18n.M("par.rule_steps_invalid", vn.OneLine(steps))
		return r, &m
	}
	for _, part := range strings.FieldsFunc(rest, func(c rune) bool { return c == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		m := stepRe.FindStringSubmatch(part)
		if m == nil {
			msg := i18n.M("par.rule_steps_invalid", part)
			return r, &msg
		}
		from, ok1 := ParsePoints(m[1])
		pts, ok2 := ParsePoints(m[2])
		if !ok1 || !ok2 || from > 10000 {
			msg := i18n.M("par.rule_steps_invalid", part)
			return r, &msg
		}
		if pts > max {
			msg := i18n.M("par.rule_step_over_max", part, max.String())
			return r, &msg
		}
		r.Steps = append(r.Steps, Step{From: int(from), Points: pts})
	}
	slices.SortFunc(r.Steps, func(a, b Step) int { return b.From - a.From })
	for i := 1; i < len(r.Steps); i++ {
		if r.Steps[i].From == r.Steps[i-1].From {
			msg := i18n.M("par.rule_steps_invalid", strconv.Itoa(r.Steps[i].From/100)+"%")
			return r, &msg
		}
	}
	return r, nil
}
