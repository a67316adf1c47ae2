package demo

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/audit"
	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/par"
	"cchc/tasks"
	"cchc/units"
)

// The PAR index of the demo (docs/DOMAIN.md §11): the city of Sơn Hà's
// published index of 2024 for its departments and agencies and for its
// communes, and the province's index of the current year in progress — its
// departments' self-assessment still open (some submitted, one under
// appraisal, Sở Tư pháp half way), its communes' due day passed (most
// submitted, one late, one appraised and free to answer).

// PARGroup is a group of units a body ranks.
type PARGroup struct {
	Code, Name, Body string
	Kinds            []string
	// Communes: the commune variant of the criteria.
	Communes bool
}

// PARGroups are the demo's groups.
var PARGroups = []PARGroup{
	{Code: "TP.PHONG", Name: "Các cơ quan chuyên môn, đơn vị thuộc UBND thành phố", Body: CityCode, Kinds: []string{KindDepartment, KindAgency}},
	{Code: "TP.XA", Name: "UBND các xã, phường", Body: CityCode, Kinds: []string{KindCommune}, Communes: true},
	{Code: "SH.SO", Name: "Các sở, ban, ngành tỉnh", Body: RootCode, Kinds: []string{KindDepartment, KindAgency}},
	{Code: "SH.XA", Name: "UBND các xã, phường, đặc khu", Body: RootCode, Kinds: []string{KindCommune}, Communes: true},
}

// PARAppraisers are the appraisal group of every demo set: the province's
// secretariat and the justice department's officer — who may not appraise
// their own units.
var PARAppraisers = []string{"noivu@cchc.test", "tuphap@cchc.test"}

// PARQuality2024 is how well each unit of the city did in 2024 (its share
// of the points, before the plan's computed figure): Phường Tân Tiến and
// Phường Bắc Sơn did equally well, and tie.
var PARQuality2024 = map[string]float64{
	"VP": .90, "PNV": .95, "PTP": .93, "PTCKH": .86, "PKT": .80, "PQLDT": .74, "PTNMT": .69, "PVHTT": .88,
	"PGDDT": .84, "PYT": .78, "PLDTBXH": .60, "TTR": .82, "TTPVHCC": .92, "CA": .72,
	"P-HOAAN": .91, "P-TANTIEN": .83, "P-BACSON": .83, "P-NAMTHANH": .76, "P-DONGHAI": .70, "P-MINHKHAI": .62,
	"X-HOANGPHONG": .55, "X-TANLAP": .45, "X-SONTHUY": .79,
}

// PARCurrent says how far each province unit is with the current year's
// self-assessment.
type PARCurrent struct {
	Quality float64
	// Scored is the share of self-scored components scored; Submitted: sent
	// (DaysAgo before the load day).
	Scored    float64
	Submitted bool
	DaysAgo   int
}

// PARProgress is the current year's self-assessment of the province's
// units. Sở Xây dựng is under appraisal; Phường Sơn Hà has been appraised
// and may answer; Xã Thượng Lâm missed the due day; Xã Lâm Sơn sent late.
var PARProgress = map[string]PARCurrent{
	"VPUB": {.88, 1, true, 9}, "SNV": {.94, 1, true, 12}, "STP": {.86, .6, false, 0}, "STC": {.85, 1, true, 4},
	"SXD": {.91, 1, true, 11}, "SNNMT": {.70, .3, false, 0}, "SCT": {.82, 1, true, 6}, "SKHCN": {.80, 1, true, 3},
	"SGDDT": {.72, .8, false, 0}, "SYT": {.83, 1, true, 2}, "SVHTTDL": {.89, 1, true, 7}, "SDTTG": {.68, .5, false, 0},
	"TTRT": {.87, 1, true, 5}, "TTPVHCC-SH": {.92, .9, false, 0}, "CAT": {.81, 1, true, 1},
	"PH-SONHA": {.90, 1, true, 15}, "PH-BACHDANG": {.66, 1, true, 4}, "PH-TRUNGVUONG": {.78, 1, true, 6},
	"XA-TIENPHONG": {.80, 1, true, 5}, "XA-DONGSON": {.64, 1, true, 3}, "XA-HOPTHANH": {.77, 1, true, 8},
	"XA-LAMSON": {.85, 1, true, 1}, "XA-NAMHUNG": {.85, 1, true, 9}, "XA-THUONGLAM": {.60, .4, false, 0},
	"DK-HONNGOC": {.79, 1, true, 10},
}

// Codes of the demo's PAR story.
const (
	PARUnderAppraisal = "SXD"                 // submitted, the group is scoring it
	PARAppraised      = "PH-SONHA"            // appraised, may answer
	PARLate           = "XA-THUONGLAM"        // missed the due day
	PARIndicator      = indicators.CodeOnTime // the indicator of dossiers resolved on time
)

type critDef struct {
	num, title string
	max        float64
	rule       string // as the workbook writes it; "" self
	evidence   bool
	guidance   string
}

// parCriteria is the demo's criteria tree: 8 areas, 20 criteria, 43
// components, 100 points. planRule is the rule of component 1.1.2.
func parCriteria(year int, group PARGroup, planRule string) *par.Criteria {
	who := "cơ quan, đơn vị"
	if group.Communes {
		who = "UBND cấp xã"
	}
	defs := []critDef{
		{num: "1", title: "Công tác chỉ đạo, điều hành cải cách hành chính"},
		{num: "1.1", title: "Kế hoạch cải cách hành chính năm"},
		{"1.1.1", "Ban hành kế hoạch cải cách hành chính năm kịp thời, đầy đủ nội dung", 1, "", true, "Ban hành trước ngày 31/12 năm trước: 1 điểm; chậm: 0,5 điểm; không ban hành: 0 điểm."},
		{"1.1.2", "Mức độ hoàn thành kế hoạch cải cách hành chính năm", 4, planRule, false, "Tính tự động từ tiến độ nhiệm vụ trên hệ thống tại ngày chốt số liệu cuối năm."},
		{"1.1.3", "Bố trí kinh phí thực hiện kế hoạch cải cách hành chính", 1, "", true, "Có dự toán kinh phí riêng cho CCHC: 1 điểm."},
		{num: "1.2", title: "Báo cáo cải cách hành chính"},
		{"1.2.1", "Thực hiện đầy đủ, đúng hạn các báo cáo cải cách hành chính định kỳ", 1, "", true, "Đủ, đúng hạn: 1 điểm; mỗi báo cáo chậm trừ 0,25 điểm."},
		{"1.2.2", "Chất lượng báo cáo (đủ số liệu, đánh giá sát thực tế)", 1, "", false, ""},
		{num: "1.3", title: "Kiểm tra cải cách hành chính"},
		{"1.3.1", "Ban hành kế hoạch tự kiểm tra cải cách hành chính", 1, "", true, ""},
		{"1.3.2", "Mức độ thực hiện kế hoạch kiểm tra", 1, "", true, "Hoàn thành 100% kế hoạch: 1 điểm; dưới 100%: 0 điểm."},
		{"1.3.3", "Xử lý tồn tại, hạn chế phát hiện qua kiểm tra", 1, "", false, ""},
		{num: "1.4", title: "Sáng kiến, giải pháp mới trong cải cách hành chính"},
		{"1.4.1", "Có sáng kiến, giải pháp mới được cấp có thẩm quyền công nhận", 3, "", true, "Mỗi sáng kiến được công nhận: 1,5 điểm; tối đa 3 điểm."},
		{num: "2", title: "Cải cách thể chế"},
		{num: "2.1", title: "Xây dựng, ban hành văn bản quy phạm pháp luật"},
		{"2.1.1", "Tham mưu ban hành văn bản quy phạm pháp luật đúng tiến độ", 2, "", true, ""},
		{"2.1.2", "Chất lượng văn bản (không có văn bản bị kiến nghị xử lý)", 2, "", false, ""},
		{num: "2.2", title: "Rà soát, hệ thống hóa văn bản"},
		{"2.2.1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật theo quy định", 1.5, "", true, ""},
		{"2.2.2", "Xử lý hoặc kiến nghị xử lý văn bản sau rà soát", 1.5, "", false, ""},
		{num: "2.3", title: "Theo dõi thi hành pháp luật"},
		{"2.3.1", "Ban hành kế hoạch theo dõi thi hành pháp luật", 1.5, "", true, ""},
		{"2.3.2", "Thực hiện kế hoạch theo dõi thi hành pháp luật", 1.5, "", false, ""},
		{num: "3", title: "Cải cách thủ tục hành chính"},
		{num: "3.1", title: "Kiểm soát thủ tục hành chính"},
		{"3.1.1", "Rà soát, đánh giá, đơn giản hóa thủ tục hành chính", 2, "", true, ""},
		{"3.1.2", "Công bố, công khai thủ tục hành chính đầy đủ, đúng quy định", 2, "", true, ""},
		{"3.1.3", "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính", 2, "", false, ""},
		{num: "3.2", title: "Kết quả giải quyết thủ tục hành chính"},
		{"3.2.1", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", 5, "Tự động: chỉ tiêu " + PARIndicator + "; bậc: 100%=5; 98%=4; 95%=3; 90%=2",
			false, "Tính từ chỉ tiêu tỷ lệ hồ sơ giải quyết đúng hạn mà đơn vị báo cáo, so với mục tiêu của kế hoạch: đạt mục tiêu 5 điểm; đạt 98% mục tiêu 4 điểm; 95%: 3 điểm; 90%: 2 điểm. Đơn vị không trực tiếp tiếp nhận hồ sơ: Tổ thẩm định chấm theo Hệ thống thông tin giải quyết TTHC."},
		{"3.2.2", "Thực hiện xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn", 2, "", false, ""},
		{"3.2.3", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 3, "", true, ""},
		{num: "4", title: "Cải cách tổ chức bộ máy hành chính nhà nước"},
		{num: "4.1", title: "Sắp xếp tổ chức bộ máy"},
		{"4.1.1", "Thực hiện quy định về chức năng, nhiệm vụ, cơ cấu tổ chức của " + who, 2, "", true, ""},
		{"4.1.2", "Sắp xếp, kiện toàn tổ chức bên trong", 2, "", false, ""},
		{num: "4.2", title: "Quản lý biên chế"},
		{"4.2.1", "Sử dụng biên chế đúng số lượng được giao", 2, "", true, ""},
		{"4.2.2", "Thực hiện tinh giản biên chế theo lộ trình", 2, "", false, ""},
		{num: "5", title: "Cải cách chế độ công vụ"},
		{num: "5.1", title: "Vị trí việc làm"},
		{"5.1.1", "Xây dựng, điều chỉnh vị trí việc làm theo quy định", 1.5, "", true, ""},
		{"5.1.2", "Bố trí công chức theo vị trí việc làm được phê duyệt", 1.5, "", false, ""},
		{num: "5.2", title: "Tuyển dụng, đánh giá công chức"},
		{"5.2.1", "Tuyển dụng, nâng ngạch, bổ nhiệm đúng quy định", 1.5, "", false, ""},
		{"5.2.2", "Đánh giá, xếp loại chất lượng công chức đúng quy định", 1.5, "", true, ""},
		{num: "5.3", title: "Kỷ luật, kỷ cương hành chính"},
		{"5.3.1", "Chấp hành kỷ luật, kỷ cương hành chính, văn hóa công vụ", 2, "", false, ""},
		{"5.3.2", "Không có cán bộ, công chức bị xử lý kỷ luật", 2, "", false, "Có công chức bị kỷ luật: 0 điểm."},
		{num: "6", title: "Cải cách tài chính công"},
		{num: "6.1", title: "Quản lý tài chính, ngân sách"},
		{"6.1.1", "Thực hiện dự toán ngân sách đúng quy định", 2, "", true, ""},
		{"6.1.2", "Công khai ngân sách theo quy định", 2, "", true, ""},
		{num: "6.2", title: "Quản lý tài sản công"},
		{"6.2.1", "Quản lý, sử dụng tài sản công đúng quy định", 4, "", false, ""},
		{num: "7", title: "Xây dựng và phát triển chính quyền điện tử, chính quyền số"},
		{num: "7.1", title: "Ứng dụng công nghệ thông tin"},
		{"7.1.1", "Văn bản điện tử có chữ ký số trao đổi giữa các cơ quan", 2, "", true, ""},
		{"7.1.2", "Sử dụng hệ thống quản lý văn bản và điều hành", 2, "", false, ""},
		{"7.1.3", "Bảo đảm an toàn thông tin", 2, "", false, ""},
		{num: "7.2", title: "Dịch vụ công trực tuyến"},
		{"7.2.1", "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", 4, "", true, ""},
		{"7.2.2", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", 4, "", false, ""},
		{num: "8", title: "Tác động của cải cách hành chính"},
		{num: "8.1", title: "Sự hài lòng của người dân, tổ chức (SIPAS)"},
		{"8.1.1", "Mức độ hài lòng của người dân", 7, "Điều tra xã hội học", false, "Theo kết quả khảo sát SIPAS của tỉnh."},
		{"8.1.2", "Mức độ hài lòng của tổ chức", 5, "Điều tra xã hội học", false, ""},
		{num: "8.2", title: "Đánh giá của cán bộ, công chức và đại biểu"},
		{"8.2.1", "Đánh giá của lãnh đạo, công chức về công tác cải cách hành chính", 4, "Điều tra xã hội học", false, ""},
		{"8.2.2", "Đánh giá của đại biểu HĐND", 4, "Điều tra xã hội học", false, ""},
	}
	c := &par.Criteria{Title: fmt.Sprintf("Bộ chỉ số đánh giá kết quả cải cách hành chính năm %d", year), Total: 10000}
	var area, crit *par.Node
	for _, d := range defs {
		n := &par.Node{Number: d.num, Title: d.title, Guidance: d.guidance, Evidence: d.evidence}
		switch strings.Count(d.num, ".") {
		case 0:
			area = n
			c.Areas = append(c.Areas, n)
		case 1:
			crit = n
			area.Children = append(area.Children, n)
		default:
			n.Max, n.HasMax = par.Points(math.Round(d.max*100)), true
			rule, msg := par.ParseRule(d.rule, n.Max)
			if msg != nil {
				panic("demo: criteria rule " + d.rule)
			}
			n.Rule = rule
			crit.Children = append(crit.Children, n)
		}
	}
	return c
}

// jitter moves a unit's quality per component, the same way for every
// unit, so that units of equal quality score equally.
func jitter(number string) float64 {
	h := fnv.New32a()
	h.Write([]byte(number))
	return []float64{-.08, -.03, 0, .04}[h.Sum32()%4]
}

// quarter is q of max, rounded to a quarter point, within 0..max.
func quarter(max par.Points, q float64) par.Points {
	q = math.Max(0, math.Min(1, q))
	p := par.Points(math.Round(float64(max)*q/25) * 25)
	return min(p, max)
}

func ptr(p par.Points) *par.Points { return &p }

// PDF is a valid one-page PDF saying text (ASCII): the demo's evidence
// documents, and the tests'.
func PDF(text string) []byte {
	stream := fmt.Sprintf("BT /F1 14 Tf 72 760 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// loadPAR writes the demo's PAR index unless its groups exist already.
func loadPAR(ctx context.Context, tx bun.Tx, ids map[string]int64, now time.Time) error {
	ctx = audit.WithActor(ctx, audit.Actor{Name: "demo"})
	if _, err := par.GroupByCode(ctx, tx, PARGroups[0].Code); err == nil {
		return nil
	} else if !errors.Is(err, errs.NotFound) {
		return err
	}
	var appraisers []int64
	for _, e := range PARAppraisers {
		u, err := accounts.ByEmail(ctx, tx, e)
		if err != nil {
			return err
		}
		appraisers = append(appraisers, u.ID)
	}
	groups := map[string]*par.Group{}
	for i, g := range PARGroups {
		pg := &par.Group{BodyID: ids[g.Body], Code: g.Code, Name: g.Name, Kinds: g.Kinds, Position: i}
		if err := par.InsertGroup(ctx, tx, pg); err != nil {
			return err
		}
		groups[g.Code] = pg
	}
	for _, g := range PARGroups[:2] {
		if err := loadPAR2024(ctx, tx, g, groups[g.Code], appraisers); err != nil {
			return fmt.Errorf("demo: PAR 2024 %s: %w", g.Code, err)
		}
	}
	for _, g := range PARGroups[2:] {
		if err := loadPARCurrent(ctx, tx, g, groups[g.Code], appraisers, now); err != nil {
			return fmt.Errorf("demo: PAR %s: %w", g.Code, err)
		}
	}
	return nil
}

func at(s string, hour int) time.Time {
	return civil.MustParse(s).Start().Add(time.Duration(hour) * time.Hour)
}

// openSet creates a group's set from the demo criteria, names its
// appraisal group and opens it with a window.
func openSet(ctx context.Context, tx bun.Tx, g PARGroup, pg *par.Group, year int, rule string, from, to civil.Date, appraisers []int64) (*par.Set, []par.Assessment, error) {
	c := parCriteria(year, g, rule)
	name := g.Name
	if rest, ok := strings.CutPrefix(name, "Các "); ok {
		name = "các " + rest
	}
	c.Title += " của " + name
	s, err := par.InsertSet(ctx, tx, par.NewSet{GroupID: pg.ID, Year: year}, c)
	if err != nil {
		return nil, nil, err
	}
	if err := par.SetAppraisers(ctx, tx, s.ID, appraisers); err != nil {
		return nil, nil, err
	}
	if s, err = par.Configure(ctx, tx, s.ID, s.Version, par.Settings{SelfFrom: from, SelfTo: to, AnswerDays: 5, Bands: s.Bands}); err != nil {
		return nil, nil, err
	}
	if _, err := par.Open(ctx, tx, s.ID, s.Version); err != nil {
		return nil, nil, err
	}
	as, err := par.Assessments(ctx, tx, s.ID)
	return s, as, err
}

// selfScores scores a unit's self-scored components at quality q: all of
// them, or the first share of them. Evidence-required components get an
// explanation citing the document, and the first one a PDF.
func selfScores(ctx context.Context, tx bun.Tx, t *par.Tree, a *par.Assessment, q, share float64, docYear int) error {
	leaves := t.LeavesBy(par.MethodSelf)
	n := int(math.Round(share * float64(len(leaves))))
	var ins []par.SelfInput
	for i, it := range leaves[:n] {
		in := par.SelfInput{ItemID: it.ID, Points: ptr(quarter(it.Max, q+.05+jitter(it.Number)))}
		if it.EvidenceRequired {
			in.Explanation = fmt.Sprintf("Văn bản số %d/%s ngày %d/%d/%d.", 10+i*3, docSuffix(a.Unit.Code), 1+i%27, 1+i%12, docYear)
		}
		ins = append(ins, in)
	}
	if len(ins) == 0 {
		return nil
	}
	if _, err := par.SelfScore(ctx, tx, a.ID, ins); err != nil {
		return err
	}
	for _, it := range leaves[:n] {
		if it.EvidenceRequired {
			_, err := par.AddEvidence(ctx, tx, a.ID, it.ID, par.Attachment{Upload: tasks.Upload{
				Name: fmt.Sprintf("kiem-chung-%s-%s.pdf", it.Number, strings.ToLower(a.Unit.Code)),
				Data: PDF(fmt.Sprintf("Tai lieu kiem chung %s - %s - %d", it.Number, a.Unit.Code, docYear))}}, 0)
			return err
		}
	}
	return nil
}

func docSuffix(code string) string { return "KH-" + strings.SplitN(code, "-", 2)[0] }

// appraise scores where the group disagrees with the unit (the rest is
// kept when the appraisal completes) and, with indicator, scores the
// indicator component of a unit that has no figure on it (known: the units
// that have one) — its dossiers are received by the one-stop centre.
func appraise(ctx context.Context, tx bun.Tx, t *par.Tree, a *par.Assessment, q float64, indicator bool, known map[int64]bool) error {
	scores, err := par.Scores(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	var ins []par.AppraiseInput
	for _, it := range t.Leaves {
		sc := scores[it.ID]
		version := 0
		if sc != nil {
			version = sc.Version
		}
		var in par.AppraiseInput
		switch it.Method {
		case par.MethodSelf:
			want := quarter(it.Max, q+jitter(it.Number))
			if sc == nil || sc.Self == nil || *sc.Self == want {
				continue
			}
			in = par.AppraiseInput{ItemID: it.ID, Points: &want, Version: version,
				Comment: "Tài liệu kiểm chứng chưa chứng minh đầy đủ kết quả tự chấm."}
		case par.MethodComputed:
			if !indicator || it.Source != par.SourceIndicator || known[a.UnitID] {
				continue
			}
			in = par.AppraiseInput{ItemID: it.ID, Points: ptr(quarter(it.Max, q+.02)), Version: version,
				Comment: "Hồ sơ của đơn vị được tiếp nhận tại Trung tâm Phục vụ hành chính công; chấm theo số liệu Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh."}
		default:
			continue
		}
		ins = append(ins, in)
	}
	_, err = par.Appraise(ctx, tx, a.ID, ins...)
	return err
}

// withIndicator are the units of a set that have a figure on its indicator
// component on day today (the feed Publish and the cards read).
func withIndicator(ctx context.Context, tx bun.Tx, pg *par.Group, t *par.Tree, as []par.Assessment, today civil.Date) (map[int64]bool, error) {
	out := map[int64]bool{}
	body, err := units.Get(ctx, tx, pg.BodyID)
	if err != nil {
		return nil, err
	}
	us := make([]units.Unit, len(as))
	for i := range as {
		us[i] = *as[i].Unit
	}
	for _, it := range t.LeavesBy(par.MethodComputed) {
		if it.Source != par.SourceIndicator {
			continue
		}
		fs, err := par.DefaultFeeds()[par.SourceIndicator].Figures(ctx, tx, par.Query{Year: t.Set.Year, Body: *body, Units: us, Ref: it.SourceRef, Today: today})
		if err != nil {
			return nil, err
		}
		for id, f := range fs {
			out[id] = out[id] || f.Known
		}
	}
	return out, nil
}

// survey enters every survey component of the units at their quality.
func survey(ctx context.Context, tx bun.Tx, s *par.Set, t *par.Tree, as []par.Assessment, quality func(code string) float64) error {
	var ins []par.SurveyInput
	for _, a := range as {
		for _, it := range t.LeavesBy(par.MethodSurvey) {
			ins = append(ins, par.SurveyInput{UnitID: a.UnitID, ItemID: it.ID, Points: ptr(quarter(it.Max, quality(a.Unit.Code)-.02+jitter(it.Number)/2))})
		}
	}
	return par.SetSurvey(ctx, tx, s.ID, ins)
}

// loadPAR2024 writes the city's published index of 2024 for a group.
func loadPAR2024(ctx context.Context, tx bun.Tx, g PARGroup, pg *par.Group, appraisers []int64) error {
	rule := "Tự động: hoàn thành kế hoạch"
	if g.Communes {
		rule = "Tự động: hoàn thành kế hoạch (chủ trì, phối hợp); bậc: 100%=4; 90%=3; 80%=2; 50%=1"
	}
	s, as, err := openSet(ctx, tx, g, pg, 2024, rule, civil.MustParse("2024-12-16"), civil.MustParse("2025-01-10"), appraisers)
	if err != nil {
		return err
	}
	t, err := par.LoadTree(ctx, tx, s)
	if err != nil {
		return err
	}
	q := func(code string) float64 { return PARQuality2024[code] }
	for i := range as {
		a := &as[i]
		if err := selfScores(ctx, tx, t, a, q(a.Unit.Code), 1, 2024); err != nil {
			return err
		}
		if _, err := par.Submit(ctx, tx, a.ID, a.Version, 0, at("2025-01-02", 8).Add(time.Duration(i)*7*time.Hour)); err != nil {
			return err
		}
	}
	if err := par.CloseSelfAssessment(ctx, tx, s.ID, s.Version+1); err != nil {
		return err
	}
	if err := survey(ctx, tx, s, t, as, q); err != nil {
		return err
	}
	published := at("2025-02-14", 15)
	known, err := withIndicator(ctx, tx, pg, t, as, civil.In(published))
	if err != nil {
		return err
	}
	for i := range as {
		a := &as[i]
		if err := appraise(ctx, tx, t, a, q(a.Unit.Code), true, known); err != nil {
			return err
		}
		x, err := par.CompleteAppraisal(ctx, tx, a.ID, 0, 0, at("2025-01-20", 9))
		if err != nil {
			return err
		}
		decided := at("2025-02-03", 10)
		if code := a.Unit.Code; code == "PLDTBXH" || code == "X-TANLAP" {
			// These two answered once; the group gave back part of the points.
			it := t.LeavesBy(par.MethodSelf)[len(t.LeavesBy(par.MethodSelf))-1]
			x, err = par.Answer(ctx, tx, a.ID, par.AnswerInput{Version: x.Version,
				Text:   "Đơn vị xin giải trình và bổ sung tài liệu kiểm chứng như sau.",
				ByItem: map[int64]string{it.ID: "Đơn vị không có công chức bị kỷ luật trong năm; gửi kèm Báo cáo số 15/BC ngày 10/01/2025."}},
				0, at("2025-01-23", 15))
			if err != nil {
				return err
			}
			scores, err := par.Scores(ctx, tx, a.ID)
			if err != nil {
				return err
			}
			if _, err := par.Appraise(ctx, tx, a.ID, par.AppraiseInput{ItemID: it.ID, Points: ptr(it.Max), Version: scores[it.ID].Version,
				Comment: "Chấp nhận giải trình của đơn vị."}); err != nil {
				return err
			}
			decided = at("2025-01-28", 10)
		}
		if _, err := par.Decide(ctx, tx, a.ID, x.Version, 0, decided); err != nil {
			return err
		}
	}
	s, err = par.GetSet(ctx, tx, s.ID)
	if err != nil {
		return err
	}
	return par.Publish(ctx, tx, s.ID, s.Version, par.DefaultFeeds(), "25/QĐ-UBND", 0, published)
}

// loadPARCurrent writes the province's index of the current year, in
// progress.
func loadPARCurrent(ctx context.Context, tx bun.Tx, g PARGroup, pg *par.Group, appraisers []int64, now time.Time) error {
	today := civil.In(now)
	rule := "Tự động: hoàn thành kế hoạch của đơn vị"
	from, to := today.AddDays(-14), today.AddDays(5)
	if g.Communes {
		rule = "Tự động: hoàn thành kế hoạch (chủ trì, phối hợp)"
		from, to = today.AddDays(-20), today.AddDays(-2)
	}
	s, as, err := openSet(ctx, tx, g, pg, today.Year, rule, from, to, appraisers)
	if err != nil {
		return err
	}
	t, err := par.LoadTree(ctx, tx, s)
	if err != nil {
		return err
	}
	known, err := withIndicator(ctx, tx, pg, t, as, today)
	if err != nil {
		return err
	}
	for i := range as {
		a := &as[i]
		p := PARProgress[a.Unit.Code]
		if err := selfScores(ctx, tx, t, a, p.Quality, p.Scored, today.Year); err != nil {
			return err
		}
		if !p.Submitted {
			continue
		}
		sent := now.Add(-time.Duration(p.DaysAgo)*24*time.Hour - 2*time.Hour)
		if _, err := par.Submit(ctx, tx, a.ID, a.Version, 0, sent); err != nil {
			return err
		}
		switch a.Unit.Code {
		case PARUnderAppraisal:
			if err := appraise(ctx, tx, t, a, p.Quality, false, known); err != nil {
				return err
			}
		case PARAppraised:
			if err := appraise(ctx, tx, t, a, p.Quality, true, known); err != nil {
				return err
			}
			if _, err := par.CompleteAppraisal(ctx, tx, a.ID, 0, 0, now.Add(-24*time.Hour)); err != nil {
				return err
			}
		}
	}
	return nil
}
