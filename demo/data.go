// Package demo holds the demo data of cchc: a fictional province (Sơn Hà)
// with its departments and communes since the two-level local government of
// 1/7/2025, and its plan for the current year — whose dates are relative to
// the day the demo is loaded — cascaded to the units that lead its tasks;
// and, under the province as it was before, the city of Sơn Hà with its
// administrative reform (CCHC) plan for 2024. Everything here is plain
// data; the loader inserts it.
//
// The data is checked by data_test.go: unit tree, codes, Vietnamese text in
// NFC, deadline forms, progress histories, and the state of the 2024 plan as
// of 2024-09-20 (54 of 59 tasks completed, the other 5 continuous tasks
// still under way), which the 9-month report must reproduce.
package demo

// Unit is one unit of the demo tree. Units are listed parents first; the
// order within a parent is the order to show them in.
type Unit struct {
	Code        string // short ASCII code, e.g. "TP", "PNV", "PTP", "P-HOAAN"
	Name        string // e.g. "UBND thành phố Sơn Hà", "Phòng Nội vụ", "UBND phường Hòa An"
	Kind        string // one of: province, city, district, commune, department, agency
	Parent      string // parent's Code, "" for a root
	Secretariat bool   // the unit that compiles the CCHC reports of its tree
}

// Area is one content area (nội dung) of a plan, e.g. "I. Cải cách thể chế".
type Area struct {
	Label string // Roman numeral "I".."VIII"
	Name  string
	Tasks []Task
}

// Task is one row of a plan annex.
type Task struct {
	Number string   // "1", "2", … numbered across areas, as annexes do
	Title  string   // nội dung nhiệm vụ
	Lead   string   // unit Code of the cơ quan chủ trì
	Coord  []string // unit Codes of the cơ quan phối hợp (may be empty)
	Output string   // sản phẩm (kết quả)
	// Deadline is the "thời gian hoàn thành" cell exactly as the annex writes
	// it, one of: "30/6/2024", "Trước 30/6", "Trước ngày 30/6/2024",
	// "Tháng 6/2024", "Tháng 6", "Quý II", "Quý II/2024", "6 tháng đầu năm",
	// "6 tháng cuối năm", "Năm 2024", "Trong năm", "Thường xuyên".
	// The 2024 plan has no recurring ("Hằng quý", "Hằng tháng") task.
	Deadline string
	History  []Entry // progress history, oldest first
}

// Entry is one progress update. Dates are "YYYY-MM-DD".
type Entry struct {
	Recorded       string // day it was recorded
	Percent        int    // 0..100, never decreasing along a history; 100 when Completed
	Note           string // what the unit wrote, one or two sentences
	Completed      bool   // the unit reports the task done
	EvidenceNumber string // number of the evidence document, e.g. "125/KH-UBND" (only with Completed)
	EvidenceDate   string // date of the evidence document, <= Recorded; "" without evidence
}

// Plan is a plan with absolute dates (the 2024 plan).
type Plan struct {
	Number   string // "215/KH-UBND"
	Title    string
	IssuedOn string // "YYYY-MM-DD"
	Issuer   string // unit Code of the issuing unit
	Areas    []Area
}

// RelArea is a content area of the current-year plan.
type RelArea struct {
	Label string
	Name  string
	Tasks []RelTask
}

// RelTask is a task of the current-year plan; its dates are relative to the
// day the demo is loaded.
type RelTask struct {
	Number, Title, Lead string
	Coord               []string
	Output              string
	// DueInDays is the deadline relative to the load day (negative = past);
	// the loader writes it as "dd/mm/yyyy".
	// Deadline, if non-empty, is used as written instead ("Thường xuyên",
	// "Hằng quý"); DueInDays is then 0 and meaningless.
	DueInDays int
	Deadline  string
	History   []RelEntry // oldest first (DaysAgo decreasing)
}

// RelEntry is a progress update of the current-year plan.
type RelEntry struct {
	DaysAgo         int // recorded this many days before the load day (>= 0)
	Percent         int
	Note            string
	Completed       bool
	EvidenceNumber  string
	EvidenceDaysAgo int // evidence date, days before the load day (>= DaysAgo); 0 without evidence
}

// RelPlan is the current-year plan. "{YEAR}" in Title (and Number, should it
// ever contain it) is replaced by the year of the load day.
type RelPlan struct {
	Number        string
	Title         string
	IssuedDaysAgo int    // the plan was issued this many days before the load day
	Issuer        string // unit Code of the issuing unit
	Areas         []RelArea
}

// Kinds of unit, as the units package spells them.
const (
	KindProvince   = "province"
	KindCity       = "city"
	KindDistrict   = "district"
	KindCommune    = "commune"
	KindDepartment = "department"
	KindAgency     = "agency"
)

// Codes of the units the demo users belong to.
const (
	RootCode          = "SH"  // UBND tỉnh Sơn Hà: the province, issuer of the current-year plan
	CityCode          = "TP"  // UBND thành phố Sơn Hà: the city (before 1/7/2025) that issued the 2024 plan
	SecretariatCode   = "SNV" // Sở Nội vụ: the province's secretariat
	JusticeCode       = "STP" // Sở Tư pháp: the justice department
	OtherProvinceCode = "DG"  // UBND tỉnh Đông Giang: the unrelated second tree
	CityJusticeCode   = "PTP" // Phòng Tư pháp of the city of 2024
	ContinuousText    = "Thường xuyên"
)

// Units is the demo unit tree. First the province of Sơn Hà as it stands
// since the two-level local government of 1/7/2025: its departments and
// agencies, then its communes (xã, phường, đặc khu). Then, under the
// province as it was before 1/7/2025, the city of Sơn Hà with its 12
// specialised departments, 2 agencies and 9 communes: it issued the 2024
// plan, which stays visible. Last, an unrelated province tree (Đông Giang)
// for scope tests. Parents come before their children.
var Units = []Unit{
	{Code: "SH", Name: "UBND tỉnh Sơn Hà", Kind: KindProvince},
	{Code: "VPUB", Name: "Văn phòng UBND tỉnh", Kind: KindDepartment, Parent: "SH"},
	{Code: "SNV", Name: "Sở Nội vụ", Kind: KindDepartment, Parent: "SH", Secretariat: true},
	{Code: "STP", Name: "Sở Tư pháp", Kind: KindDepartment, Parent: "SH"},
	{Code: "STC", Name: "Sở Tài chính", Kind: KindDepartment, Parent: "SH"},
	{Code: "SXD", Name: "Sở Xây dựng", Kind: KindDepartment, Parent: "SH"},
	{Code: "SNNMT", Name: "Sở Nông nghiệp và Môi trường", Kind: KindDepartment, Parent: "SH"},
	{Code: "SCT", Name: "Sở Công Thương", Kind: KindDepartment, Parent: "SH"},
	{Code: "SKHCN", Name: "Sở Khoa học và Công nghệ", Kind: KindDepartment, Parent: "SH"},
	{Code: "SGDDT", Name: "Sở Giáo dục và Đào tạo", Kind: KindDepartment, Parent: "SH"},
	{Code: "SYT", Name: "Sở Y tế", Kind: KindDepartment, Parent: "SH"},
	{Code: "SVHTTDL", Name: "Sở Văn hóa, Thể thao và Du lịch", Kind: KindDepartment, Parent: "SH"},
	{Code: "SDTTG", Name: "Sở Dân tộc và Tôn giáo", Kind: KindDepartment, Parent: "SH"},
	{Code: "TTRT", Name: "Thanh tra tỉnh", Kind: KindDepartment, Parent: "SH"},
	{Code: "TTPVHCC-SH", Name: "Trung tâm Phục vụ hành chính công tỉnh", Kind: KindAgency, Parent: "SH"},
	{Code: "CAT", Name: "Công an tỉnh", Kind: KindAgency, Parent: "SH"},
	{Code: "PH-SONHA", Name: "UBND phường Sơn Hà", Kind: KindCommune, Parent: "SH"},
	{Code: "PH-BACHDANG", Name: "UBND phường Bạch Đằng", Kind: KindCommune, Parent: "SH"},
	{Code: "PH-TRUNGVUONG", Name: "UBND phường Trưng Vương", Kind: KindCommune, Parent: "SH"},
	{Code: "XA-TIENPHONG", Name: "UBND xã Tiên Phong", Kind: KindCommune, Parent: "SH"},
	{Code: "XA-DONGSON", Name: "UBND xã Đông Sơn", Kind: KindCommune, Parent: "SH"},
	{Code: "XA-HOPTHANH", Name: "UBND xã Hợp Thành", Kind: KindCommune, Parent: "SH"},
	{Code: "XA-LAMSON", Name: "UBND xã Lâm Sơn", Kind: KindCommune, Parent: "SH"},
	{Code: "XA-NAMHUNG", Name: "UBND xã Nam Hưng", Kind: KindCommune, Parent: "SH"},
	{Code: "XA-THUONGLAM", Name: "UBND xã Thượng Lâm", Kind: KindCommune, Parent: "SH"},
	{Code: "DK-HONNGOC", Name: "UBND đặc khu Hòn Ngọc", Kind: KindCommune, Parent: "SH"},

	{Code: "TP", Name: "UBND thành phố Sơn Hà", Kind: KindCity, Parent: "SH"},
	{Code: "VP", Name: "Văn phòng HĐND và UBND thành phố", Kind: KindDepartment, Parent: "TP"},
	{Code: "PNV", Name: "Phòng Nội vụ", Kind: KindDepartment, Parent: "TP", Secretariat: true},
	{Code: "PTP", Name: "Phòng Tư pháp", Kind: KindDepartment, Parent: "TP"},
	{Code: "PTCKH", Name: "Phòng Tài chính - Kế hoạch", Kind: KindDepartment, Parent: "TP"},
	{Code: "PKT", Name: "Phòng Kinh tế", Kind: KindDepartment, Parent: "TP"},
	{Code: "PQLDT", Name: "Phòng Quản lý đô thị", Kind: KindDepartment, Parent: "TP"},
	{Code: "PTNMT", Name: "Phòng Tài nguyên và Môi trường", Kind: KindDepartment, Parent: "TP"},
	{Code: "PVHTT", Name: "Phòng Văn hóa và Thông tin", Kind: KindDepartment, Parent: "TP"},
	{Code: "PGDDT", Name: "Phòng Giáo dục và Đào tạo", Kind: KindDepartment, Parent: "TP"},
	{Code: "PYT", Name: "Phòng Y tế", Kind: KindDepartment, Parent: "TP"},
	{Code: "PLDTBXH", Name: "Phòng Lao động - Thương binh và Xã hội", Kind: KindDepartment, Parent: "TP"},
	{Code: "TTR", Name: "Thanh tra thành phố", Kind: KindDepartment, Parent: "TP"},
	{Code: "TTPVHCC", Name: "Trung tâm Phục vụ hành chính công thành phố", Kind: KindAgency, Parent: "TP"},
	{Code: "CA", Name: "Công an thành phố", Kind: KindAgency, Parent: "TP"},
	{Code: "P-HOAAN", Name: "UBND phường Hòa An", Kind: KindCommune, Parent: "TP"},
	{Code: "P-TANTIEN", Name: "UBND phường Tân Tiến", Kind: KindCommune, Parent: "TP"},
	{Code: "P-BACSON", Name: "UBND phường Bắc Sơn", Kind: KindCommune, Parent: "TP"},
	{Code: "P-NAMTHANH", Name: "UBND phường Nam Thành", Kind: KindCommune, Parent: "TP"},
	{Code: "P-DONGHAI", Name: "UBND phường Đông Hải", Kind: KindCommune, Parent: "TP"},
	{Code: "P-MINHKHAI", Name: "UBND phường Minh Khai", Kind: KindCommune, Parent: "TP"},
	{Code: "X-HOANGPHONG", Name: "UBND xã Hoàng Phong", Kind: KindCommune, Parent: "TP"},
	{Code: "X-TANLAP", Name: "UBND xã Tân Lập", Kind: KindCommune, Parent: "TP"},
	{Code: "X-SONTHUY", Name: "UBND xã Sơn Thủy", Kind: KindCommune, Parent: "TP"},

	{Code: "DG", Name: "UBND tỉnh Đông Giang", Kind: KindProvince},
	{Code: "SNV-DG", Name: "Sở Nội vụ tỉnh Đông Giang", Kind: KindDepartment, Parent: "DG", Secretariat: true},
	{Code: "STP-DG", Name: "Sở Tư pháp tỉnh Đông Giang", Kind: KindDepartment, Parent: "DG"},
	{Code: "X-THACHBAN", Name: "UBND xã Thạch Bàn", Kind: KindCommune, Parent: "DG"},
}

// provinceCommunesAnd returns codes followed by the codes of the province's
// ten communes: the annex's "…; UBND các xã, phường, đặc khu". It always
// returns a new slice.
func provinceCommunesAnd(codes ...string) []string {
	out := make([]string, 0, len(codes)+10)
	out = append(out, codes...)
	return append(out,
		"PH-SONHA", "PH-BACHDANG", "PH-TRUNGVUONG", "XA-TIENPHONG", "XA-DONGSON",
		"XA-HOPTHANH", "XA-LAMSON", "XA-NAMHUNG", "XA-THUONGLAM", "DK-HONNGOC")
}

// communesAnd returns codes followed by the codes of the city's nine
// communes: the annex's "…; UBND các xã, phường". It always returns a new slice.
func communesAnd(codes ...string) []string {
	out := make([]string, 0, len(codes)+9)
	out = append(out, codes...)
	return append(out,
		"P-HOAAN", "P-TANTIEN", "P-BACSON", "P-NAMTHANH", "P-DONGHAI",
		"P-MINHKHAI", "X-HOANGPHONG", "X-TANLAP", "X-SONTHUY")
}

// The eight content areas, in order, shared by both plans.
const (
	area1 = "Công tác chỉ đạo, điều hành cải cách hành chính"
	area2 = "Cải cách thể chế"
	area3 = "Cải cách thủ tục hành chính"
	area4 = "Cải cách tổ chức bộ máy hành chính nhà nước"
	area5 = "Cải cách chế độ công vụ"
	area6 = "Cải cách tài chính công"
	area7 = "Xây dựng và phát triển chính quyền điện tử, chính quyền số"
	area8 = "Công tác thông tin, tuyên truyền cải cách hành chính"
)

// Plan2024Cutoff is the day of the 9-month report: as of this day 54 of the
// 59 tasks are completed and the other 5 are continuous tasks under way.
const Plan2024Cutoff = "2024-09-20"

// Plan2024 is the city's CCHC plan for 2024: 8 areas, 59 tasks.
//
// As of Plan2024Cutoff: 54 completed (50 on time, 4 late: tasks 3, 11, 16
// and 47), 5 continuous tasks under way (6, 17, 34, 44, 54), which are
// completed by entries recorded in December 2024, so the year ends 59/59.
var Plan2024 = Plan{
	Number:   "215/KH-UBND",
	Title:    "Kế hoạch cải cách hành chính năm 2024",
	IssuedOn: "2023-12-26",
	Issuer:   "TP",
	Areas: []Area{
		{Label: "I", Name: area1, Tasks: []Task{
			{
				Number: "1", Title: "Kiện toàn Ban Chỉ đạo cải cách hành chính thành phố và Tổ giúp việc Ban Chỉ đạo",
				Lead: "PNV", Coord: []string{"VP"},
				Output: "Quyết định kiện toàn Ban Chỉ đạo, Tổ giúp việc", Deadline: "Quý I/2024",
				History: []Entry{
					{Recorded: "2024-01-22", Percent: 50, Note: "Đã dự thảo Quyết định kiện toàn, trình lãnh đạo UBND thành phố xem xét."},
					{Recorded: "2024-02-21", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Quyết định số 352/QĐ-UBND ngày 19/02/2024 kiện toàn Ban Chỉ đạo cải cách hành chính thành phố.", EvidenceNumber: "352/QĐ-UBND", EvidenceDate: "2024-02-19"},
				},
			},
			{
				Number: "2", Title: "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2023 của UBND thành phố kèm tài liệu kiểm chứng",
				Lead: "PNV", Coord: []string{"VP", "PTP", "PTCKH", "PVHTT", "TTPVHCC"},
				Output: "Báo cáo tự đánh giá, chấm điểm Chỉ số CCHC năm 2023", Deadline: "Trước ngày 20/1/2024",
				History: []Entry{
					{Recorded: "2024-01-10", Percent: 60, Note: "Đã đề nghị các cơ quan chuyên môn cung cấp tài liệu kiểm chứng; đang tổng hợp bảng điểm tự đánh giá."},
					{Recorded: "2024-01-19", Percent: 100, Completed: true, Note: "Đã hoàn thành tự chấm điểm, gửi Sở Nội vụ kèm Báo cáo số 14/BC-UBND ngày 17/01/2024.", EvidenceNumber: "14/BC-UBND", EvidenceDate: "2024-01-17"},
				},
			},
			{
				Number: "3", Title: "Xây dựng, ban hành Kế hoạch khắc phục hạn chế, nâng cao Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số hài lòng của người dân, tổ chức (SIPAS) năm 2024",
				Lead: "PNV", Coord: []string{"VP", "PTP", "TTPVHCC"},
				Output: "Kế hoạch", Deadline: "Tháng 3/2024",
				History: []Entry{
					{Recorded: "2024-03-25", Percent: 50, Note: "Đang chờ Sở Nội vụ công bố kết quả Chỉ số CCHC năm 2023 để xác định các tiêu chí, tiêu chí thành phần bị mất điểm."},
					{Recorded: "2024-04-10", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 98/KH-UBND ngày 08/04/2024; chậm so với thời hạn do kết quả Chỉ số CCHC năm 2023 được công bố muộn.", EvidenceNumber: "98/KH-UBND", EvidenceDate: "2024-04-08"},
				},
			},
			{
				Number: "4", Title: "Xây dựng, ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2024",
				Lead: "PNV", Coord: []string{"VP", "TTR"},
				Output: "Kế hoạch kiểm tra", Deadline: "Quý I",
				History: []Entry{
					{Recorded: "2024-02-05", Percent: 40, Note: "Đã xây dựng dự thảo Kế hoạch, lấy ý kiến Thanh tra thành phố và Văn phòng HĐND và UBND thành phố."},
					{Recorded: "2024-03-01", Percent: 100, Completed: true, Note: "Đã ban hành Kế hoạch số 52/KH-UBND ngày 27/02/2024.", EvidenceNumber: "52/KH-UBND", EvidenceDate: "2024-02-27"},
				},
			},
			{
				Number: "5", Title: "Kiểm tra công tác cải cách hành chính tại các cơ quan chuyên môn thuộc UBND thành phố và UBND các xã, phường",
				Lead: "PNV", Coord: []string{"VP", "PTP", "TTR"},
				Output: "Thông báo kết luận kiểm tra", Deadline: "Quý III",
				History: []Entry{
					{Recorded: "2024-05-20", Percent: 30, Note: "Đã kiểm tra tại 03 cơ quan chuyên môn và 02 phường theo Kế hoạch số 52/KH-UBND ngày 27/02/2024."},
					{Recorded: "2024-07-26", Percent: 70, Note: "Đã kiểm tra 08 cơ quan, đơn vị; đang kiểm tra tại UBND xã Hoàng Phong và UBND xã Sơn Thủy."},
					{Recorded: "2024-09-13", Percent: 100, Completed: true, Note: "Đã hoàn thành kiểm tra 12 cơ quan, đơn vị; UBND thành phố ban hành Thông báo kết luận số 286/TB-UBND ngày 11/09/2024.", EvidenceNumber: "286/TB-UBND", EvidenceDate: "2024-09-11"},
				},
			},
			{
				Number: "6", Title: "Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính (quý, 6 tháng, 9 tháng, năm) theo quy định",
				Lead: "PNV", Coord: communesAnd("VP"),
				Output: "Báo cáo định kỳ", Deadline: "Thường xuyên",
				History: []Entry{
					{Recorded: "2024-03-19", Percent: 25, Note: "Đã ban hành Báo cáo số 76/BC-UBND ngày 18/03/2024 về kết quả CCHC quý I năm 2024."},
					{Recorded: "2024-06-19", Percent: 50, Note: "Đã ban hành Báo cáo số 178/BC-UBND ngày 18/06/2024 về kết quả CCHC 6 tháng đầu năm 2024."},
					{Recorded: "2024-09-18", Percent: 75, Note: "Đã ban hành Báo cáo số 262/BC-UBND ngày 17/09/2024 về kết quả CCHC 9 tháng năm 2024; tiếp tục thực hiện báo cáo năm."},
					{Recorded: "2024-12-18", Percent: 100, Completed: true, Note: "Đã ban hành Báo cáo số 352/BC-UBND ngày 16/12/2024 về kết quả CCHC năm 2024.", EvidenceNumber: "352/BC-UBND", EvidenceDate: "2024-12-16"},
				},
			},
			{
				Number: "7", Title: "Triển khai đánh giá Chỉ số năng lực cạnh tranh cấp sở, ngành, địa phương (DDCI); xây dựng kế hoạch cải thiện môi trường đầu tư, kinh doanh năm 2024",
				Lead: "PKT", Coord: []string{"PTCKH", "TTPVHCC"},
				Output: "Kế hoạch cải thiện môi trường đầu tư, kinh doanh", Deadline: "Tháng 4/2024",
				History: []Entry{
					{Recorded: "2024-03-28", Percent: 50, Note: "Đã phối hợp với Phòng Tài chính - Kế hoạch phân tích kết quả Chỉ số DDCI năm 2023, xây dựng dự thảo kế hoạch."},
					{Recorded: "2024-04-26", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 112/KH-UBND ngày 24/04/2024.", EvidenceNumber: "112/KH-UBND", EvidenceDate: "2024-04-24"},
				},
			},
			{
				Number: "8", Title: "Tổ chức khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn thành phố năm 2024",
				Lead: "PNV", Coord: communesAnd("TTPVHCC"),
				Output: "Báo cáo kết quả khảo sát", Deadline: "Quý III/2024",
				History: []Entry{
					{Recorded: "2024-07-15", Percent: 40, Note: "Đã phát 1.200 phiếu khảo sát tại Trung tâm Phục vụ hành chính công và Bộ phận Một cửa các xã, phường."},
					{Recorded: "2024-09-06", Percent: 100, Completed: true, Note: "Mức độ hài lòng chung đạt 92,6%; UBND thành phố đã ban hành Báo cáo số 248/BC-UBND ngày 04/09/2024.", EvidenceNumber: "248/BC-UBND", EvidenceDate: "2024-09-04"},
				},
			},
		}},

		{Label: "II", Name: area2, Tasks: []Task{
			{
				Number: "9", Title: "Ban hành Kế hoạch kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2024 trên địa bàn thành phố",
				Lead: "PTP", Coord: communesAnd("VP"),
				Output: "Kế hoạch", Deadline: "Trước 31/1",
				History: []Entry{
					{Recorded: "2024-01-16", Percent: 50, Note: "Đã xây dựng dự thảo Kế hoạch, trình UBND thành phố."},
					{Recorded: "2024-01-26", Percent: 100, Completed: true, Note: "UBND thành phố đã ban hành Kế hoạch số 21/KH-UBND ngày 24/01/2024.", EvidenceNumber: "21/KH-UBND", EvidenceDate: "2024-01-24"},
				},
			},
			{
				Number: "10", Title: "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND thành phố ban hành; công bố danh mục văn bản hết hiệu lực toàn bộ hoặc một phần",
				Lead: "PTP", Coord: []string{"VP"},
				Output: "Quyết định công bố danh mục văn bản QPPL hết hiệu lực", Deadline: "Quý I",
				History: []Entry{
					{Recorded: "2024-02-22", Percent: 60, Note: "Đã rà soát 47 văn bản QPPL; xác định 05 văn bản hết hiệu lực toàn bộ, 02 văn bản hết hiệu lực một phần."},
					{Recorded: "2024-03-27", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Quyết định số 598/QĐ-UBND ngày 25/03/2024 công bố danh mục văn bản QPPL hết hiệu lực.", EvidenceNumber: "598/QĐ-UBND", EvidenceDate: "2024-03-25"},
				},
			},
			{
				Number: "11", Title: "Kiểm tra văn bản quy phạm pháp luật do HĐND, UBND các xã, phường ban hành theo thẩm quyền",
				Lead: "PTP", Coord: communesAnd(),
				Output: "Báo cáo kết quả kiểm tra văn bản", Deadline: "6 tháng đầu năm",
				History: []Entry{
					{Recorded: "2024-05-15", Percent: 50, Note: "Đã kiểm tra 18 văn bản của 05 xã, phường; phát hiện 02 văn bản sai sót về thể thức, kỹ thuật trình bày."},
					{Recorded: "2024-06-28", Percent: 80, Note: "Đang kiểm tra văn bản của UBND xã Tân Lập, UBND xã Sơn Thủy; chậm do các xã gửi văn bản muộn."},
					{Recorded: "2024-07-08", Percent: 100, Completed: true, Note: "Đã ban hành Báo cáo số 45/BC-PTP ngày 05/07/2024 về kết quả kiểm tra văn bản QPPL cấp xã.", EvidenceNumber: "45/BC-PTP", EvidenceDate: "2024-07-05"},
				},
			},
			{
				Number: "12", Title: "Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật năm 2024, trọng tâm lĩnh vực đất đai và xử lý vi phạm hành chính",
				Lead: "PTP", Coord: []string{"PTNMT", "CA"},
				Output: "Kế hoạch", Deadline: "Tháng 3",
				History: []Entry{
					{Recorded: "2024-03-14", Percent: 100, Completed: true, Note: "UBND thành phố đã ban hành Kế hoạch số 71/KH-UBND ngày 12/03/2024.", EvidenceNumber: "71/KH-UBND", EvidenceDate: "2024-03-12"},
				},
			},
			{
				Number: "13", Title: "Tổ chức triển khai thi hành Luật Đất đai năm 2024, Luật Nhà ở năm 2023, Luật Kinh doanh bất động sản năm 2023 trên địa bàn thành phố",
				Lead: "PTNMT", Coord: []string{"PTP", "PQLDT"},
				Output: "Kế hoạch triển khai; hội nghị quán triệt", Deadline: "Trong năm",
				History: []Entry{
					{Recorded: "2024-07-18", Percent: 50, Note: "UBND thành phố đã ban hành Kế hoạch số 196/KH-UBND ngày 15/07/2024 triển khai thi hành Luật Đất đai năm 2024."},
					{Recorded: "2024-08-30", Percent: 100, Completed: true, Note: "Đã tổ chức hội nghị quán triệt cho cán bộ, công chức thành phố và các xã, phường; Báo cáo số 156/BC-PTNMT ngày 29/08/2024.", EvidenceNumber: "156/BC-PTNMT", EvidenceDate: "2024-08-29"},
				},
			},
			{
				Number: "14", Title: "Ban hành Kế hoạch phổ biến, giáo dục pháp luật; hòa giải ở cơ sở; xây dựng xã, phường đạt chuẩn tiếp cận pháp luật năm 2024",
				Lead: "PTP", Coord: communesAnd("PVHTT"),
				Output: "Kế hoạch", Deadline: "Tháng 2",
				History: []Entry{
					{Recorded: "2024-01-30", Percent: 50, Note: "Đã dự thảo Kế hoạch, lấy ý kiến các thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố."},
					{Recorded: "2024-02-07", Percent: 100, Completed: true, Note: "Đã ban hành Kế hoạch số 35/KH-UBND ngày 05/02/2024.", EvidenceNumber: "35/KH-UBND", EvidenceDate: "2024-02-05"},
				},
			},
		}},

		{Label: "III", Name: area3, Tasks: []Task{
			{
				Number: "15", Title: "Ban hành Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2024",
				Lead: "VP", Coord: []string{"PTP", "PTNMT", "PKT", "PLDTBXH"},
				Output: "Kế hoạch", Deadline: "Tháng 2",
				History: []Entry{
					{Recorded: "2024-02-28", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 50/KH-UBND ngày 23/02/2024.", EvidenceNumber: "50/KH-UBND", EvidenceDate: "2024-02-23"},
				},
			},
			{
				Number: "16", Title: "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của UBND thành phố; đề xuất phương án đơn giản hóa",
				Lead: "VP", Coord: []string{"PTP", "PTNMT", "PKT", "PLDTBXH"},
				Output: "Báo cáo kết quả rà soát", Deadline: "Quý II",
				History: []Entry{
					{Recorded: "2024-04-22", Percent: 40, Note: "Đã rà soát 52 TTHC thuộc 08 lĩnh vực theo Kế hoạch số 50/KH-UBND ngày 23/02/2024."},
					{Recorded: "2024-06-25", Percent: 80, Note: "Đã tổng hợp phương án đơn giản hóa 09 TTHC; đang chờ Phòng Tài nguyên và Môi trường hoàn thiện phương án lĩnh vực đất đai."},
					{Recorded: "2024-07-11", Percent: 100, Completed: true, Note: "Đã ban hành Báo cáo số 199/BC-UBND ngày 10/07/2024 về kết quả rà soát, đề xuất đơn giản hóa 09 TTHC.", EvidenceNumber: "199/BC-UBND", EvidenceDate: "2024-07-10"},
				},
			},
			{
				Number: "17", Title: "Cập nhật, niêm yết công khai kịp thời, đầy đủ thủ tục hành chính đã được Chủ tịch UBND tỉnh công bố tại Trung tâm Phục vụ hành chính công thành phố và Bộ phận Một cửa các xã, phường",
				Lead: "TTPVHCC", Coord: communesAnd("VP"),
				Output: "Danh mục TTHC được niêm yết, công khai", Deadline: "Thường xuyên",
				History: []Entry{
					{Recorded: "2024-04-05", Percent: 30, Note: "Đã cập nhật, niêm yết 38 TTHC mới ban hành, sửa đổi, bổ sung theo các quyết định công bố của Chủ tịch UBND tỉnh trong quý I."},
					{Recorded: "2024-07-05", Percent: 55, Note: "Đã niêm yết bổ sung 26 TTHC; bãi bỏ niêm yết 11 TTHC."},
					{Recorded: "2024-09-16", Percent: 75, Note: "Đã cập nhật 43 TTHC lĩnh vực đất đai theo Luật Đất đai năm 2024 trên Hệ thống thông tin giải quyết TTHC của tỉnh."},
					{Recorded: "2024-12-20", Percent: 100, Completed: true, Note: "Đã niêm yết, công khai đầy đủ các TTHC được công bố trong năm 2024; Báo cáo số 118/BC-TTPVHCC ngày 18/12/2024.", EvidenceNumber: "118/BC-TTPVHCC", EvidenceDate: "2024-12-18"},
				},
			},
			{
				Number: "18", Title: "Tiếp nhận, giải quyết thủ tục hành chính không phụ thuộc vào địa giới hành chính trong phạm vi thành phố theo danh mục được phê duyệt",
				Lead: "TTPVHCC", Coord: communesAnd("VP"),
				Output: "Quyết định phê duyệt danh mục; Báo cáo kết quả thực hiện", Deadline: "Quý III/2024",
				History: []Entry{
					{Recorded: "2024-05-10", Percent: 50, Note: "Chủ tịch UBND thành phố đã ban hành Quyết định số 912/QĐ-UBND ngày 08/05/2024 phê duyệt danh mục 46 TTHC tiếp nhận không phụ thuộc vào địa giới hành chính."},
					{Recorded: "2024-09-12", Percent: 100, Completed: true, Note: "Đã triển khai tại 09/09 xã, phường, tiếp nhận 1.137 hồ sơ; Báo cáo số 87/BC-TTPVHCC ngày 10/09/2024.", EvidenceNumber: "87/BC-TTPVHCC", EvidenceDate: "2024-09-10"},
				},
			},
			{
				Number: "19", Title: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo Nghị định số 107/2021/NĐ-CP",
				Lead: "TTPVHCC", Coord: communesAnd("VP"),
				Output: "Báo cáo tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC", Deadline: "Tháng 8/2024",
				History: []Entry{
					{Recorded: "2024-04-15", Percent: 40, Note: "Tỷ lệ số hóa hồ sơ TTHC quý I đạt 62%; đang đôn đốc các xã, phường thực hiện."},
					{Recorded: "2024-08-27", Percent: 100, Completed: true, Note: "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC 8 tháng đạt 91,4%; Báo cáo số 79/BC-TTPVHCC ngày 26/08/2024.", EvidenceNumber: "79/BC-TTPVHCC", EvidenceDate: "2024-08-26"},
				},
			},
			{
				Number: "20", Title: "Rà soát, xây dựng quy trình nội bộ giải quyết thủ tục hành chính thuộc thẩm quyền của UBND thành phố, UBND cấp xã",
				Lead: "VP", Coord: []string{"TTPVHCC", "PTP"},
				Output: "Quyết định phê duyệt quy trình nội bộ", Deadline: "Quý II/2024",
				History: []Entry{
					{Recorded: "2024-04-29", Percent: 50, Note: "Đã xây dựng dự thảo 124 quy trình nội bộ, gửi Trung tâm Phục vụ hành chính công để cấu hình trên hệ thống."},
					{Recorded: "2024-06-21", Percent: 100, Completed: true, Note: "Chủ tịch UBND thành phố đã ban hành Quyết định số 1156/QĐ-UBND ngày 19/06/2024 phê duyệt quy trình nội bộ.", EvidenceNumber: "1156/QĐ-UBND", EvidenceDate: "2024-06-19"},
				},
			},
			{
				Number: "21", Title: "Kiện toàn đội ngũ cán bộ, công chức đầu mối thực hiện nhiệm vụ kiểm soát thủ tục hành chính tại các cơ quan chuyên môn và UBND các xã, phường",
				Lead: "VP", Coord: communesAnd("PNV"),
				Output: "Quyết định kiện toàn", Deadline: "Thường xuyên",
				History: []Entry{
					{Recorded: "2024-03-15", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Quyết định số 512/QĐ-UBND ngày 12/03/2024 kiện toàn đội ngũ cán bộ đầu mối kiểm soát TTHC.", EvidenceNumber: "512/QĐ-UBND", EvidenceDate: "2024-03-12"},
				},
			},
			{
				Number: "22", Title: "Thực hiện liên thông các nhóm thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; đăng ký khai tử, xóa đăng ký thường trú, hỗ trợ chi phí mai táng",
				Lead: "PTP", Coord: communesAnd("CA", "PLDTBXH"),
				Output: "Báo cáo kết quả thực hiện", Deadline: "Trước 30/6",
				History: []Entry{
					{Recorded: "2024-03-20", Percent: 40, Note: "Đã hướng dẫn công chức tư pháp - hộ tịch các xã, phường thực hiện liên thông trên Cổng Dịch vụ công quốc gia."},
					{Recorded: "2024-06-26", Percent: 100, Completed: true, Note: "Đã triển khai tại 09/09 xã, phường, tiếp nhận 1.528 hồ sơ liên thông; Báo cáo số 41/BC-PTP ngày 24/06/2024.", EvidenceNumber: "41/BC-PTP", EvidenceDate: "2024-06-24"},
				},
			},
			{
				Number: "23", Title: "Triển khai cấp bản sao điện tử từ sổ gốc, chứng thực bản sao điện tử từ bản chính tại Bộ phận Một cửa các xã, phường",
				Lead: "PTP", Coord: communesAnd("TTPVHCC"),
				Output: "Báo cáo kết quả thực hiện", Deadline: "Quý III",
				History: []Entry{
					{Recorded: "2024-06-14", Percent: 50, Note: "06/09 xã, phường đã thực hiện chứng thực bản sao điện tử; 03 xã, phường còn thiếu thiết bị ký số."},
					{Recorded: "2024-09-09", Percent: 100, Completed: true, Note: "100% xã, phường đã thực hiện chứng thực bản sao điện tử; Báo cáo số 58/BC-PTP ngày 06/09/2024.", EvidenceNumber: "58/BC-PTP", EvidenceDate: "2024-09-06"},
				},
			},
			{
				Number: "24", Title: "Rà soát, rút ngắn thời gian giải quyết thủ tục cấp Giấy chứng nhận quyền sử dụng đất lần đầu và cấp giấy phép xây dựng nhà ở riêng lẻ",
				Lead: "PTNMT", Coord: []string{"PQLDT", "TTPVHCC"},
				Output: "Báo cáo kết quả; phương án cắt giảm thời gian giải quyết", Deadline: "Trước ngày 31/8/2024",
				History: []Entry{
					{Recorded: "2024-06-10", Percent: 40, Note: "Đã rà soát quy trình phối hợp giữa Phòng Tài nguyên và Môi trường, Chi nhánh Văn phòng đăng ký đất đai và Chi cục Thuế."},
					{Recorded: "2024-08-23", Percent: 100, Completed: true, Note: "Đã cắt giảm 20% thời gian giải quyết đối với 02 nhóm thủ tục; Báo cáo số 148/BC-PTNMT ngày 21/08/2024.", EvidenceNumber: "148/BC-PTNMT", EvidenceDate: "2024-08-21"},
				},
			},
		}},

		{Label: "IV", Name: area4, Tasks: []Task{
			{
				Number: "25", Title: "Rà soát, kiện toàn chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các cơ quan chuyên môn thuộc UBND thành phố theo Nghị định số 108/2020/NĐ-CP",
				Lead: "PNV", Coord: []string{"VP", "PTP"},
				Output: "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức", Deadline: "Quý II",
				History: []Entry{
					{Recorded: "2024-04-18", Percent: 50, Note: "Đã hướng dẫn 12 cơ quan chuyên môn xây dựng dự thảo quyết định; Phòng Tư pháp đang thẩm định."},
					{Recorded: "2024-06-14", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành 12 quyết định quy định chức năng, nhiệm vụ của các cơ quan chuyên môn; Báo cáo số 172/BC-UBND ngày 12/06/2024.", EvidenceNumber: "172/BC-UBND", EvidenceDate: "2024-06-12"},
				},
			},
			{
				Number: "26", Title: "Rà soát, điều chỉnh Đề án vị trí việc làm của các cơ quan hành chính và đơn vị sự nghiệp công lập thuộc thành phố",
				Lead: "PNV", Coord: []string{"PGDDT", "PYT", "PVHTT"},
				Output: "Quyết định phê duyệt vị trí việc làm", Deadline: "Quý III",
				History: []Entry{
					{Recorded: "2024-05-27", Percent: 30, Note: "Đã hướng dẫn các cơ quan, đơn vị xây dựng, điều chỉnh vị trí việc làm theo các thông tư hướng dẫn của Bộ Nội vụ."},
					{Recorded: "2024-07-31", Percent: 70, Note: "Đã thẩm định đề án vị trí việc làm của 12 cơ quan hành chính; đang hoàn thiện đề án của các đơn vị sự nghiệp công lập."},
					{Recorded: "2024-09-13", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Quyết định số 1784/QĐ-UBND ngày 13/09/2024 phê duyệt vị trí việc làm trong các đơn vị sự nghiệp công lập thuộc thành phố.", EvidenceNumber: "1784/QĐ-UBND", EvidenceDate: "2024-09-13"},
				},
			},
			{
				Number: "27", Title: "Thực hiện tinh giản biên chế theo Nghị định số 29/2023/NĐ-CP; quản lý, sử dụng biên chế được giao năm 2024",
				Lead: "PNV", Coord: []string{"PTCKH", "PGDDT", "PYT"},
				Output: "Báo cáo kết quả tinh giản biên chế", Deadline: "Tháng 6/2024",
				History: []Entry{
					{Recorded: "2024-04-10", Percent: 40, Note: "Đã hướng dẫn các cơ quan, đơn vị rà soát đối tượng tinh giản biên chế đợt 1 năm 2024."},
					{Recorded: "2024-06-27", Percent: 100, Completed: true, Note: "Đã thẩm định, đề nghị tinh giản biên chế đợt 1 năm 2024 đối với 14 trường hợp; Báo cáo số 64/BC-PNV ngày 25/06/2024.", EvidenceNumber: "64/BC-PNV", EvidenceDate: "2024-06-25"},
				},
			},
			{
				Number: "28", Title: "Rà soát, sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập thuộc thành phố theo Nghị quyết số 19-NQ/TW",
				Lead: "PNV", Coord: []string{"PGDDT", "PYT", "PVHTT"},
				Output: "Đề án sắp xếp đơn vị sự nghiệp công lập", Deadline: "6 tháng cuối năm",
				History: []Entry{
					{Recorded: "2024-05-16", Percent: 40, Note: "Đã xây dựng dự thảo Đề án, lấy ý kiến các cơ quan, đơn vị liên quan."},
					{Recorded: "2024-08-19", Percent: 100, Completed: true, Note: "UBND thành phố đã trình UBND tỉnh Đề án tại Tờ trình số 142/TTr-UBND ngày 15/08/2024.", EvidenceNumber: "142/TTr-UBND", EvidenceDate: "2024-08-15"},
				},
			},
			{
				Number: "29", Title: "Rà soát, sắp xếp thôn, tổ dân phố; bố trí người hoạt động không chuyên trách ở cấp xã, ở thôn, tổ dân phố theo Nghị định số 33/2023/NĐ-CP",
				Lead: "PNV", Coord: communesAnd("PTCKH"),
				Output: "Báo cáo kết quả rà soát, bố trí", Deadline: "Trước 31/3",
				History: []Entry{
					{Recorded: "2024-02-19", Percent: 50, Note: "09/09 xã, phường đã rà soát, xây dựng phương án bố trí người hoạt động không chuyên trách."},
					{Recorded: "2024-03-28", Percent: 100, Completed: true, Note: "Đã hoàn thành bố trí người hoạt động không chuyên trách theo quy định; Báo cáo số 29/BC-PNV ngày 26/03/2024.", EvidenceNumber: "29/BC-PNV", EvidenceDate: "2024-03-26"},
				},
			},
			{
				Number: "30", Title: "Rà soát, sắp xếp mạng lưới trường, lớp học trên địa bàn thành phố gắn với tinh giản biên chế",
				Lead: "PGDDT", Coord: communesAnd("PNV"),
				Output: "Phương án sắp xếp trường, lớp học", Deadline: "Tháng 8/2024",
				History: []Entry{
					{Recorded: "2024-06-05", Percent: 40, Note: "Đã rà soát quy mô 38 trường mầm non, tiểu học, trung học cơ sở; đề xuất sáp nhập 02 trường tiểu học."},
					{Recorded: "2024-08-16", Percent: 100, Completed: true, Note: "UBND thành phố đã phê duyệt phương án tại Quyết định số 1602/QĐ-UBND ngày 14/08/2024.", EvidenceNumber: "1602/QĐ-UBND", EvidenceDate: "2024-08-14"},
				},
			},
		}},

		{Label: "V", Name: area5, Tasks: []Task{
			{
				Number: "31", Title: "Xây dựng, ban hành Kế hoạch tuyển dụng công chức, viên chức năm 2024",
				Lead: "PNV", Coord: []string{"PGDDT", "PYT"},
				Output: "Kế hoạch tuyển dụng", Deadline: "Tháng 5/2024",
				History: []Entry{
					{Recorded: "2024-04-12", Percent: 50, Note: "Đã tổng hợp nhu cầu tuyển dụng 86 chỉ tiêu viên chức giáo dục và 04 chỉ tiêu công chức."},
					{Recorded: "2024-05-13", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 128/KH-UBND ngày 10/05/2024.", EvidenceNumber: "128/KH-UBND", EvidenceDate: "2024-05-10"},
				},
			},
			{
				Number: "32", Title: "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2023 theo Nghị định số 90/2020/NĐ-CP và Nghị định số 48/2023/NĐ-CP",
				Lead: "PNV", Coord: []string{"VP"},
				Output: "Báo cáo kết quả đánh giá, xếp loại", Deadline: "Tháng 1/2024",
				History: []Entry{
					{Recorded: "2024-01-29", Percent: 100, Completed: true, Note: "Đã tổng hợp kết quả đánh giá, xếp loại; Báo cáo số 08/BC-PNV ngày 25/01/2024.", EvidenceNumber: "08/BC-PNV", EvidenceDate: "2024-01-25"},
				},
			},
			{
				Number: "33", Title: "Xây dựng, triển khai Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2024",
				Lead: "PNV", Coord: communesAnd("PTCKH"),
				Output: "Kế hoạch đào tạo, bồi dưỡng", Deadline: "Quý I",
				History: []Entry{
					{Recorded: "2024-03-08", Percent: 100, Completed: true, Note: "Đã ban hành Kế hoạch số 66/KH-UBND ngày 06/03/2024.", EvidenceNumber: "66/KH-UBND", EvidenceDate: "2024-03-06"},
				},
			},
			{
				Number: "34", Title: "Tăng cường kỷ luật, kỷ cương hành chính; kiểm tra công vụ đột xuất việc chấp hành nội quy, quy chế làm việc, văn hóa công sở tại các cơ quan, đơn vị",
				Lead: "PNV", Coord: []string{"VP", "TTR"},
				Output: "Thông báo kết quả kiểm tra công vụ", Deadline: "Thường xuyên",
				History: []Entry{
					{Recorded: "2024-04-08", Percent: 25, Note: "Đã kiểm tra công vụ đột xuất tại 03 cơ quan, đơn vị; chấn chỉnh 02 trường hợp vi phạm thời giờ làm việc."},
					{Recorded: "2024-07-08", Percent: 50, Note: "Đã kiểm tra đột xuất 07 cơ quan, đơn vị trong 6 tháng đầu năm; Thông báo số 52/TB-PNV ngày 04/07/2024."},
					{Recorded: "2024-09-19", Percent: 70, Note: "Đã kiểm tra công vụ tại 11 cơ quan, đơn vị; đang kiểm tra tại UBND các xã, phường."},
					{Recorded: "2024-12-16", Percent: 100, Completed: true, Note: "Đã kiểm tra công vụ tại 16 cơ quan, đơn vị trong năm; UBND thành phố ban hành Thông báo số 402/TB-UBND ngày 12/12/2024.", EvidenceNumber: "402/TB-UBND", EvidenceDate: "2024-12-12"},
				},
			},
			{
				Number: "35", Title: "Thực hiện chuyển đổi vị trí công tác đối với công chức, viên chức không giữ chức vụ lãnh đạo, quản lý theo Nghị định số 59/2019/NĐ-CP",
				Lead: "PNV", Coord: []string{"PTNMT", "PTCKH", "TTPVHCC"},
				Output: "Kế hoạch chuyển đổi vị trí công tác", Deadline: "Quý II",
				History: []Entry{
					{Recorded: "2024-04-26", Percent: 100, Completed: true, Note: "Đã ban hành Kế hoạch số 115/KH-UBND ngày 25/04/2024 chuyển đổi vị trí công tác đối với 09 công chức.", EvidenceNumber: "115/KH-UBND", EvidenceDate: "2024-04-25"},
				},
			},
			{
				Number: "36", Title: "Thanh tra trách nhiệm thực hiện các quy định về công vụ, tuyển dụng, sử dụng và quản lý công chức, viên chức tại một số cơ quan, đơn vị",
				Lead: "TTR", Coord: []string{"PNV"},
				Output: "Kết luận thanh tra", Deadline: "Quý III",
				History: []Entry{
					{Recorded: "2024-06-17", Percent: 40, Note: "Đã ban hành quyết định thanh tra tại Phòng Giáo dục và Đào tạo và 03 trường học trực thuộc."},
					{Recorded: "2024-09-10", Percent: 100, Completed: true, Note: "Đã ban hành Kết luận thanh tra số 07/KL-TTr ngày 06/09/2024.", EvidenceNumber: "07/KL-TTr", EvidenceDate: "2024-09-06"},
				},
			},
			{
				Number: "37", Title: "Tổ chức bồi dưỡng kiến thức, kỹ năng chuyên môn cho công chức cấp xã (Tư pháp - Hộ tịch, Văn phòng - Thống kê, Địa chính - Xây dựng)",
				Lead: "PNV", Coord: communesAnd("PTP", "PTNMT"),
				Output: "Lớp bồi dưỡng; Báo cáo kết quả", Deadline: "Tháng 7",
				History: []Entry{
					{Recorded: "2024-06-20", Percent: 30, Note: "Đã xây dựng chương trình, mời giảng viên; dự kiến khai giảng lớp bồi dưỡng giữa tháng 7."},
					{Recorded: "2024-07-29", Percent: 100, Completed: true, Note: "Đã tổ chức 03 lớp bồi dưỡng cho 126 lượt công chức cấp xã; Báo cáo số 78/BC-PNV ngày 26/07/2024.", EvidenceNumber: "78/BC-PNV", EvidenceDate: "2024-07-26"},
				},
			},
		}},

		{Label: "VI", Name: area6, Tasks: []Task{
			{
				Number: "38", Title: "Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập thuộc thành phố theo Nghị định số 60/2021/NĐ-CP",
				Lead: "PTCKH", Coord: []string{"PNV", "PGDDT", "PYT"},
				Output: "Quyết định giao quyền tự chủ tài chính", Deadline: "Quý II",
				History: []Entry{
					{Recorded: "2024-04-23", Percent: 50, Note: "Đã thẩm định phương án tự chủ tài chính của 41 đơn vị sự nghiệp công lập."},
					{Recorded: "2024-06-07", Percent: 100, Completed: true, Note: "UBND thành phố đã ban hành Quyết định số 1087/QĐ-UBND ngày 05/06/2024 giao quyền tự chủ tài chính giai đoạn 2023 - 2025.", EvidenceNumber: "1087/QĐ-UBND", EvidenceDate: "2024-06-05"},
				},
			},
			{
				Number: "39", Title: "Thực hiện công khai dự toán, quyết toán ngân sách nhà nước theo Thông tư số 343/2016/TT-BTC",
				Lead: "PTCKH", Coord: communesAnd(),
				Output: "Quyết định công bố công khai", Deadline: "Thường xuyên",
				History: []Entry{
					{Recorded: "2024-01-12", Percent: 40, Note: "Đã công khai dự toán ngân sách năm 2024 trên Cổng thông tin điện tử thành phố."},
					{Recorded: "2024-08-02", Percent: 100, Completed: true, Note: "Đã công bố công khai quyết toán ngân sách năm 2023 tại Quyết định số 1478/QĐ-UBND ngày 30/07/2024.", EvidenceNumber: "1478/QĐ-UBND", EvidenceDate: "2024-07-30"},
				},
			},
			{
				Number: "40", Title: "Thực hiện chi trả trợ cấp xã hội, chính sách an sinh xã hội không dùng tiền mặt",
				Lead: "PLDTBXH", Coord: communesAnd("PTCKH"),
				Output: "Báo cáo kết quả thực hiện", Deadline: "Tháng 5/2024",
				History: []Entry{
					{Recorded: "2024-03-12", Percent: 40, Note: "Đã phối hợp với Bưu điện thành phố và các ngân hàng mở tài khoản cho 2.315 đối tượng bảo trợ xã hội."},
					{Recorded: "2024-05-29", Percent: 100, Completed: true, Note: "Tỷ lệ chi trả trợ cấp xã hội không dùng tiền mặt đạt 86,7%; Báo cáo số 47/BC-LĐTBXH ngày 28/05/2024.", EvidenceNumber: "47/BC-LĐTBXH", EvidenceDate: "2024-05-28"},
				},
			},
			{
				Number: "41", Title: "Kiểm tra việc quản lý, sử dụng tài sản công; sắp xếp lại, xử lý nhà, đất theo Nghị định số 167/2017/NĐ-CP",
				Lead: "PTCKH", Coord: []string{"TTR", "PTNMT"},
				Output: "Báo cáo kết quả kiểm tra", Deadline: "Quý III",
				History: []Entry{
					{Recorded: "2024-07-12", Percent: 50, Note: "Đã kiểm tra tại 06/10 đơn vị theo kế hoạch."},
					{Recorded: "2024-09-13", Percent: 100, Completed: true, Note: "Đã hoàn thành kiểm tra 10 đơn vị; Báo cáo số 183/BC-TCKH ngày 11/09/2024.", EvidenceNumber: "183/BC-TCKH", EvidenceDate: "2024-09-11"},
				},
			},
			{
				Number: "42", Title: "Triển khai thu phí, lệ phí giải quyết thủ tục hành chính không dùng tiền mặt tại Trung tâm Phục vụ hành chính công và Bộ phận Một cửa các xã, phường",
				Lead: "PTCKH", Coord: communesAnd("TTPVHCC"),
				Output: "Báo cáo kết quả thực hiện", Deadline: "Năm 2024",
				History: []Entry{
					{Recorded: "2024-05-20", Percent: 40, Note: "Đã bố trí thiết bị thanh toán bằng mã QR tại Trung tâm Phục vụ hành chính công và 05 xã, phường."},
					{Recorded: "2024-09-13", Percent: 100, Completed: true, Note: "100% xã, phường đã thu phí, lệ phí không dùng tiền mặt; Báo cáo số 187/BC-TCKH ngày 13/09/2024.", EvidenceNumber: "187/BC-TCKH", EvidenceDate: "2024-09-13"},
				},
			},
		}},

		{Label: "VII", Name: area7, Tasks: []Task{
			{
				Number: "43", Title: "Xây dựng, ban hành Kế hoạch ứng dụng công nghệ thông tin, phát triển chính quyền số và bảo đảm an toàn thông tin mạng năm 2024",
				Lead: "PVHTT", Coord: []string{"VP", "TTPVHCC"},
				Output: "Kế hoạch", Deadline: "Quý I",
				History: []Entry{
					{Recorded: "2024-02-26", Percent: 50, Note: "Đã xây dựng dự thảo Kế hoạch, lấy ý kiến các cơ quan, đơn vị."},
					{Recorded: "2024-03-20", Percent: 100, Completed: true, Note: "Đã ban hành Kế hoạch số 78/KH-UBND ngày 18/03/2024.", EvidenceNumber: "78/KH-UBND", EvidenceDate: "2024-03-18"},
				},
			},
			{
				Number: "44", Title: "Vận hành hiệu quả Hệ thống quản lý văn bản và điều hành; gửi, nhận văn bản điện tử có ký số giữa các cơ quan, đơn vị (trừ văn bản mật)",
				Lead: "VP", Coord: communesAnd("PVHTT"),
				Output: "Báo cáo tỷ lệ văn bản điện tử", Deadline: "Thường xuyên",
				History: []Entry{
					{Recorded: "2024-04-10", Percent: 25, Note: "Tỷ lệ văn bản điện tử có ký số quý I đạt 96,2%."},
					{Recorded: "2024-07-10", Percent: 50, Note: "Tỷ lệ văn bản điện tử có ký số 6 tháng đầu năm đạt 97,8%; 100% xã, phường sử dụng hệ thống."},
					{Recorded: "2024-09-17", Percent: 75, Note: "Tỷ lệ văn bản điện tử có ký số 9 tháng đạt 98,1%; tiếp tục đôn đốc UBND xã Tân Lập nâng tỷ lệ ký số."},
					{Recorded: "2024-12-19", Percent: 100, Completed: true, Note: "Tỷ lệ văn bản điện tử có ký số năm 2024 đạt 98,5%; Báo cáo số 92/BC-VP ngày 17/12/2024.", EvidenceNumber: "92/BC-VP", EvidenceDate: "2024-12-17"},
				},
			},
			{
				Number: "45", Title: "Triển khai Đề án 06/CP: làm sạch dữ liệu dân cư, kết nối Cơ sở dữ liệu quốc gia về dân cư với các cơ sở dữ liệu chuyên ngành; phát triển tài khoản định danh điện tử",
				Lead: "CA", Coord: communesAnd("PTP", "PLDTBXH"),
				Output: "Báo cáo kết quả thực hiện Đề án 06", Deadline: "Tháng 6/2024",
				History: []Entry{
					{Recorded: "2024-03-25", Percent: 40, Note: "Đã làm sạch 94% dữ liệu dân cư; kích hoạt 68.420 tài khoản định danh điện tử mức độ 2."},
					{Recorded: "2024-06-27", Percent: 100, Completed: true, Note: "Đã hoàn thành làm sạch dữ liệu dân cư; Báo cáo số 215/BC-CATP ngày 25/06/2024.", EvidenceNumber: "215/BC-CATP", EvidenceDate: "2024-06-25"},
				},
			},
			{
				Number: "46", Title: "Số hóa sổ hộ tịch, dữ liệu hộ tịch lưu trữ tại UBND các xã, phường; cập nhật vào Cơ sở dữ liệu hộ tịch điện tử",
				Lead: "PTP", Coord: communesAnd(),
				Output: "Báo cáo kết quả số hóa dữ liệu hộ tịch", Deadline: "Quý II/2024",
				History: []Entry{
					{Recorded: "2024-03-29", Percent: 30, Note: "Đã số hóa 21.560 dữ liệu hộ tịch, đạt khoảng 37% khối lượng."},
					{Recorded: "2024-05-24", Percent: 70, Note: "Đã số hóa 44.310 dữ liệu hộ tịch; UBND xã Hoàng Phong, UBND xã Tân Lập đang bổ sung nhân lực nhập liệu."},
					{Recorded: "2024-06-28", Percent: 100, Completed: true, Note: "Đã số hóa, cập nhật 58.912 dữ liệu hộ tịch; Báo cáo số 43/BC-PTP ngày 27/06/2024.", EvidenceNumber: "43/BC-PTP", EvidenceDate: "2024-06-27"},
				},
			},
			{
				Number: "47", Title: "Xác định cấp độ và triển khai phương án bảo đảm an toàn thông tin theo cấp độ cho các hệ thống thông tin của thành phố",
				Lead: "PVHTT", Coord: []string{"VP", "CA"},
				Output: "Quyết định phê duyệt hồ sơ đề xuất cấp độ", Deadline: "30/6/2024",
				History: []Entry{
					{Recorded: "2024-05-13", Percent: 50, Note: "Đã xây dựng hồ sơ đề xuất cấp độ cho 03 hệ thống thông tin, gửi Sở Thông tin và Truyền thông thẩm định."},
					{Recorded: "2024-07-01", Percent: 80, Note: "Chưa hoàn thành do đang chờ ý kiến thẩm định của Sở Thông tin và Truyền thông."},
					{Recorded: "2024-07-24", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Quyết định số 1421/QĐ-UBND ngày 22/07/2024 phê duyệt hồ sơ đề xuất cấp độ.", EvidenceNumber: "1421/QĐ-UBND", EvidenceDate: "2024-07-22"},
				},
			},
			{
				Number: "48", Title: "Kiện toàn, duy trì hoạt động của Tổ công nghệ số cộng đồng tại các xã, phường",
				Lead: "PVHTT", Coord: communesAnd(),
				Output: "Báo cáo kết quả kiện toàn Tổ công nghệ số cộng đồng", Deadline: "Trước 31/3",
				History: []Entry{
					{Recorded: "2024-03-22", Percent: 100, Completed: true, Note: "100% xã, phường đã kiện toàn Tổ công nghệ số cộng đồng với 412 thành viên; Báo cáo số 18/BC-VHTT ngày 21/03/2024.", EvidenceNumber: "18/BC-VHTT", EvidenceDate: "2024-03-21"},
				},
			},
			{
				Number: "49", Title: "Tổ chức tuyển sinh trực tuyến vào lớp 1, lớp 6 năm học 2024 - 2025",
				Lead: "PGDDT", Coord: []string{"PVHTT"},
				Output: "Báo cáo kết quả tuyển sinh trực tuyến", Deadline: "Tháng 7/2024",
				History: []Entry{
					{Recorded: "2024-05-28", Percent: 40, Note: "Đã ban hành hướng dẫn tuyển sinh; hoàn thiện phần mềm tuyển sinh trực tuyến."},
					{Recorded: "2024-07-23", Percent: 100, Completed: true, Note: "Tỷ lệ hồ sơ đăng ký tuyển sinh trực tuyến đạt 93,8%; Báo cáo số 132/BC-GDĐT ngày 19/07/2024.", EvidenceNumber: "132/BC-GDĐT", EvidenceDate: "2024-07-19"},
				},
			},
			{
				Number: "50", Title: "Triển khai sổ sức khỏe điện tử; khám, chữa bệnh bằng căn cước công dân gắn chíp tại các cơ sở y tế trên địa bàn thành phố",
				Lead: "PYT", Coord: communesAnd("CA"),
				Output: "Báo cáo kết quả triển khai", Deadline: "Quý III",
				History: []Entry{
					{Recorded: "2024-06-12", Percent: 50, Note: "Trung tâm Y tế thành phố và 09/09 trạm y tế đã tiếp đón người bệnh bằng căn cước công dân gắn chíp."},
					{Recorded: "2024-09-05", Percent: 100, Completed: true, Note: "Đã tạo lập 85.640 sổ sức khỏe điện tử, đạt 78% dân số; Báo cáo số 96/BC-PYT ngày 04/09/2024.", EvidenceNumber: "96/BC-PYT", EvidenceDate: "2024-09-04"},
				},
			},
			{
				Number: "51", Title: "Xây dựng cơ sở dữ liệu quy hoạch xây dựng; công khai thông tin quy hoạch trên môi trường mạng",
				Lead: "PQLDT", Coord: []string{"PTNMT", "PVHTT"},
				Output: "Cơ sở dữ liệu quy hoạch được công khai trên Cổng thông tin điện tử thành phố", Deadline: "6 tháng đầu năm",
				History: []Entry{
					{Recorded: "2024-04-02", Percent: 50, Note: "Đã số hóa 24 đồ án quy hoạch chi tiết."},
					{Recorded: "2024-06-24", Percent: 100, Completed: true, Note: "Đã công khai 37 đồ án quy hoạch trên Cổng thông tin điện tử thành phố; Báo cáo số 66/BC-QLĐT ngày 21/06/2024.", EvidenceNumber: "66/BC-QLĐT", EvidenceDate: "2024-06-21"},
				},
			},
			{
				Number: "52", Title: "Cập nhật, đồng bộ dữ liệu vào Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức",
				Lead: "PNV", Coord: communesAnd("PGDDT", "PYT"),
				Output: "Báo cáo kết quả cập nhật dữ liệu", Deadline: "Tháng 4/2024",
				History: []Entry{
					{Recorded: "2024-03-04", Percent: 50, Note: "Đã cập nhật 1.864/2.912 hồ sơ cán bộ, công chức, viên chức."},
					{Recorded: "2024-04-25", Percent: 100, Completed: true, Note: "Đã cập nhật, đồng bộ 100% hồ sơ; Báo cáo số 38/BC-PNV ngày 23/04/2024.", EvidenceNumber: "38/BC-PNV", EvidenceDate: "2024-04-23"},
				},
			},
		}},

		{Label: "VIII", Name: area8, Tasks: []Task{
			{
				Number: "53", Title: "Xây dựng, ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024",
				Lead: "PNV", Coord: []string{"PVHTT"},
				Output: "Kế hoạch tuyên truyền", Deadline: "Tháng 2/2024",
				History: []Entry{
					{Recorded: "2024-02-02", Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 30/KH-UBND ngày 31/01/2024.", EvidenceNumber: "30/KH-UBND", EvidenceDate: "2024-01-31"},
				},
			},
			{
				Number: "54", Title: "Duy trì, cập nhật chuyên mục “Cải cách hành chính” trên Cổng thông tin điện tử thành phố; đăng tải tin, bài về kết quả cải cách hành chính",
				Lead: "PVHTT", Coord: []string{"PNV"},
				Output: "Tin, bài được đăng tải", Deadline: "Thường xuyên",
				History: []Entry{
					{Recorded: "2024-04-03", Percent: 25, Note: "Đã đăng tải 36 tin, bài về cải cách hành chính trong quý I."},
					{Recorded: "2024-07-03", Percent: 50, Note: "Lũy kế 6 tháng đầu năm đăng tải 78 tin, bài."},
					{Recorded: "2024-09-18", Percent: 70, Note: "Lũy kế đến nay đăng tải 112 tin, bài; đang xây dựng mục hỏi - đáp về thủ tục hành chính."},
					{Recorded: "2024-12-17", Percent: 100, Completed: true, Note: "Năm 2024 đăng tải 164 tin, bài về cải cách hành chính; Báo cáo số 71/BC-VHTT ngày 16/12/2024.", EvidenceNumber: "71/BC-VHTT", EvidenceDate: "2024-12-16"},
				},
			},
			{
				Number: "55", Title: "Tổ chức Hội thi tìm hiểu về cải cách hành chính năm 2024 cho cán bộ, công chức, viên chức và người dân",
				Lead: "PNV", Coord: communesAnd("PVHTT", "PGDDT"),
				Output: "Hội thi; Báo cáo tổng kết", Deadline: "Quý III",
				History: []Entry{
					{Recorded: "2024-06-24", Percent: 30, Note: "UBND thành phố đã ban hành Kế hoạch số 176/KH-UBND ngày 20/06/2024 tổ chức Hội thi."},
					{Recorded: "2024-08-26", Percent: 70, Note: "Đã tổ chức vòng sơ khảo trực tuyến với 4.812 lượt người tham gia."},
					{Recorded: "2024-09-13", Percent: 100, Completed: true, Note: "Đã tổ chức vòng chung kết và trao giải; Báo cáo tổng kết số 96/BC-PNV ngày 12/09/2024.", EvidenceNumber: "96/BC-PNV", EvidenceDate: "2024-09-12"},
				},
			},
			{
				Number: "56", Title: "Tuyên truyền, hướng dẫn người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia",
				Lead: "PVHTT", Coord: communesAnd("TTPVHCC"),
				Output: "Tin, bài, pa nô, tờ rơi tuyên truyền", Deadline: "6 tháng đầu năm",
				History: []Entry{
					{Recorded: "2024-03-15", Percent: 40, Note: "Đã in, phát hành 15.000 tờ rơi hướng dẫn nộp hồ sơ trực tuyến; treo 24 pa nô tại các xã, phường."},
					{Recorded: "2024-06-20", Percent: 100, Completed: true, Note: "Đã hoàn thành các nội dung tuyên truyền 6 tháng đầu năm; Báo cáo số 39/BC-VHTT ngày 18/06/2024.", EvidenceNumber: "39/BC-VHTT", EvidenceDate: "2024-06-18"},
				},
			},
			{
				Number: "57", Title: "Lồng ghép tuyên truyền cải cách hành chính, quy định về thủ tục hành chính trong các hội nghị phổ biến, giáo dục pháp luật và hoạt động hòa giải ở cơ sở",
				Lead: "PTP", Coord: communesAnd("PVHTT"),
				Output: "Báo cáo kết quả tuyên truyền", Deadline: "Quý II",
				History: []Entry{
					{Recorded: "2024-05-06", Percent: 50, Note: "Đã tổ chức 12 hội nghị phổ biến, giáo dục pháp luật có lồng ghép nội dung cải cách hành chính."},
					{Recorded: "2024-06-19", Percent: 100, Completed: true, Note: "Đã tổ chức 27 hội nghị với 3.450 lượt người tham dự; Báo cáo số 38/BC-PTP ngày 17/06/2024.", EvidenceNumber: "38/BC-PTP", EvidenceDate: "2024-06-17"},
				},
			},
			{
				Number: "58", Title: "Xây dựng chuyên mục cải cách hành chính trên hệ thống đài truyền thanh các xã, phường",
				Lead: "PVHTT", Coord: communesAnd(),
				Output: "Chuyên mục phát thanh định kỳ", Deadline: "Tháng 9/2024",
				History: []Entry{
					{Recorded: "2024-05-17", Percent: 40, Note: "05/09 xã, phường đã phát sóng chuyên mục cải cách hành chính định kỳ hai kỳ mỗi tháng."},
					{Recorded: "2024-09-12", Percent: 100, Completed: true, Note: "09/09 xã, phường đã duy trì chuyên mục; Báo cáo số 64/BC-VHTT ngày 11/09/2024.", EvidenceNumber: "64/BC-VHTT", EvidenceDate: "2024-09-11"},
				},
			},
			{
				Number: "59", Title: "Tổ chức đối thoại giữa Chủ tịch UBND thành phố với người dân, doanh nghiệp về thủ tục hành chính, môi trường đầu tư kinh doanh",
				Lead: "VP", Coord: []string{"PKT", "TTPVHCC"},
				Output: "Hội nghị đối thoại; Thông báo kết luận", Deadline: "Quý III/2024",
				History: []Entry{
					{Recorded: "2024-07-22", Percent: 40, Note: "Đã tổng hợp 46 kiến nghị của người dân, doanh nghiệp gửi trước hội nghị."},
					{Recorded: "2024-08-12", Percent: 100, Completed: true, Note: "Đã tổ chức hội nghị đối thoại; UBND thành phố ban hành Thông báo kết luận số 236/TB-UBND ngày 09/08/2024.", EvidenceNumber: "236/TB-UBND", EvidenceDate: "2024-08-09"},
				},
			},
		}},
	},
}

// PlanCurrent is the city's plan for the year of the load day, with dates
// relative to it: 26 tasks, of which 6 completed on time (1, 2, 4, 14, 17,
// 24), 4 in progress and due within the next 7 days (6, 7, 16, 21), 4 overdue
// (5, 12; 10 and 19 not started at all), 2 in progress with the deadline
// further ahead (9, 22), 5 not started with the deadline ahead (11, 13, 18,
// 23, 26), 4 continuous "Thường xuyên" in progress (8, 15, 20, 25) and 1
// recurring "Hằng quý" (3).
// Phòng Tư pháp leads tasks 4 (completed), 5 (overdue) and 6 (due in 5
// days) and coordinates tasks 2, 7, 11, 16 and 22.
var PlanCurrent = RelPlan{
	Number:        "226/KH-UBND",
	Title:         "Kế hoạch cải cách hành chính năm {YEAR}",
	IssuedDaysAgo: 92,
	Issuer:        RootCode,
	Areas: []RelArea{
		{Label: "I", Name: area1, Tasks: []RelTask{
			{
				Number: "1", Title: "Xây dựng, ban hành Kế hoạch kiểm tra công tác cải cách hành chính",
				Lead: "SNV", Coord: []string{"VPUB", "TTRT"}, Output: "Kế hoạch kiểm tra", DueInDays: -40,
				History: []RelEntry{
					{DaysAgo: 55, Percent: 50, Note: "Đã xây dựng dự thảo Kế hoạch, lấy ý kiến Thanh tra tỉnh và Văn phòng HĐND và UBND tỉnh."},
					{DaysAgo: 44, Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 38/KH-UBND.", EvidenceNumber: "38/KH-UBND", EvidenceDaysAgo: 45},
				},
			},
			{
				Number: "2", Title: "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm trước của UBND tỉnh kèm tài liệu kiểm chứng",
				Lead: "SNV", Coord: []string{"VPUB", "STP", "STC", "SKHCN"}, Output: "Báo cáo tự đánh giá, chấm điểm", DueInDays: -60,
				History: []RelEntry{
					{DaysAgo: 70, Percent: 60, Note: "Đang tổng hợp tài liệu kiểm chứng do các cơ quan chuyên môn cung cấp."},
					{DaysAgo: 62, Percent: 100, Completed: true, Note: "Đã gửi Sở Nội vụ Báo cáo tự đánh giá, chấm điểm số 12/BC-UBND.", EvidenceNumber: "12/BC-UBND", EvidenceDaysAgo: 63},
				},
			},
			{
				Number: "3", Title: "Báo cáo kết quả thực hiện công tác cải cách hành chính định kỳ hằng quý",
				Lead: "SNV", Coord: provinceCommunesAnd("VPUB"), Output: "Báo cáo quý", Deadline: "Hằng quý",
				History: []RelEntry{
					{DaysAgo: 20, Percent: 30, Note: "Đã đề nghị các cơ quan, đơn vị và UBND các xã, phường gửi báo cáo quý; đang tổng hợp số liệu."},
				},
			},
			{
				Number: "4", Title: "Tổ chức hội nghị triển khai Kế hoạch cải cách hành chính của tỉnh tới các sở, ngành và UBND cấp xã",
				Lead: "SNV", Coord: []string{"VPUB"}, Output: "Hội nghị triển khai; Thông báo kết luận", DueInDays: -58,
				History: []RelEntry{
					{DaysAgo: 66, Percent: 100, Completed: true, Note: "Đã tổ chức hội nghị triển khai, ban hành Thông báo kết luận số 102/TB-UBND.", EvidenceNumber: "102/TB-UBND", EvidenceDaysAgo: 67},
				},
			},
		}},

		{Label: "II", Name: area2, Tasks: []RelTask{
			{
				Number: "5", Title: "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành; công bố danh mục văn bản hết hiệu lực",
				Lead: "STP", Coord: []string{"VPUB"}, Output: "Quyết định công bố danh mục văn bản QPPL hết hiệu lực", DueInDays: -20,
				History: []RelEntry{
					{DaysAgo: 35, Percent: 60, Note: "Đã rà soát 52 văn bản QPPL; xác định 04 văn bản hết hiệu lực toàn bộ."},
					{DaysAgo: 22, Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Quyết định số 215/QĐ-UBND công bố danh mục văn bản hết hiệu lực.", EvidenceNumber: "215/QĐ-UBND", EvidenceDaysAgo: 23},
				},
			},
			{
				Number: "6", Title: "Kiểm tra văn bản quy phạm pháp luật do HĐND, UBND cấp xã ban hành theo thẩm quyền",
				Lead: "STP", Coord: provinceCommunesAnd(), Output: "Báo cáo kết quả kiểm tra văn bản", DueInDays: -12,
				History: []RelEntry{
					{DaysAgo: 40, Percent: 30, Note: "Đã kiểm tra văn bản của 04 xã, phường."},
					{DaysAgo: 10, Percent: 60, Note: "Đã kiểm tra 08/10 xã, phường, đặc khu; UBND xã Lâm Sơn, UBND đặc khu Hòn Ngọc chưa gửi văn bản để kiểm tra."},
				},
			},
			{
				Number: "7", Title: "Theo dõi tình hình thi hành pháp luật trong lĩnh vực xử lý vi phạm hành chính; báo cáo kết quả",
				Lead: "STP", Coord: []string{"CAT", "SNNMT"}, Output: "Báo cáo theo dõi tình hình thi hành pháp luật", DueInDays: 5,
				History: []RelEntry{
					{DaysAgo: 15, Percent: 40, Note: "Đã đề nghị Công an tỉnh, Sở Nông nghiệp và Môi trường cung cấp số liệu xử lý vi phạm hành chính."},
					{DaysAgo: 3, Percent: 80, Note: "Đã tổng hợp số liệu; đang hoàn thiện dự thảo báo cáo."},
				},
			},
			{
				Number: "8", Title: "Xây dựng, trình HĐND tỉnh ban hành Nghị quyết quy định mức chi bảo đảm công tác cải cách hành chính",
				Lead: "STC", Coord: []string{"STP", "SNV"}, Output: "Nghị quyết của HĐND tỉnh", DueInDays: -18,
				History: []RelEntry{
					{DaysAgo: 40, Percent: 40, Note: "Đã xây dựng dự thảo Nghị quyết, gửi Sở Tư pháp thẩm định."},
					{DaysAgo: 20, Percent: 70, Note: "Đã tiếp thu ý kiến thẩm định; đang hoàn thiện hồ sơ trình HĐND tỉnh."},
				},
			},
		}},

		{Label: "III", Name: area3, Tasks: []RelTask{
			{
				Number: "9", Title: "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của UBND tỉnh; đề xuất phương án đơn giản hóa",
				Lead: "VPUB", Coord: []string{"STP", "SNNMT", "SCT"}, Output: "Báo cáo kết quả rà soát", DueInDays: 3,
				History: []RelEntry{
					{DaysAgo: 30, Percent: 40, Note: "Đã rà soát 31 TTHC thuộc 06 lĩnh vực."},
					{DaysAgo: 6, Percent: 70, Note: "Đã dự thảo phương án đơn giản hóa 07 TTHC; đang lấy ý kiến Sở Tư pháp."},
				},
			},
			{
				Number: "10", Title: "Cập nhật, niêm yết công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh và Bộ phận Một cửa các xã, phường",
				Lead: "TTPVHCC-SH", Coord: provinceCommunesAnd("VPUB"), Output: "Danh mục TTHC được niêm yết, công khai", Deadline: "Thường xuyên",
				History: []RelEntry{
					{DaysAgo: 60, Percent: 20, Note: "Đã niêm yết 27 TTHC mới công bố."},
					{DaysAgo: 14, Percent: 45, Note: "Đã cập nhật, niêm yết bổ sung 18 TTHC; bãi bỏ niêm yết 06 TTHC."},
				},
			},
			{
				Number: "11", Title: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, bảo đảm tỷ lệ số hóa đạt trên 90%",
				Lead: "TTPVHCC-SH", Coord: provinceCommunesAnd(), Output: "Báo cáo tỷ lệ số hóa hồ sơ", DueInDays: 45,
				History: []RelEntry{
					{DaysAgo: 12, Percent: 50, Note: "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đến nay đạt 84,6%."},
				},
			},
			{
				Number: "12", Title: "Rà soát, đề xuất phương án cắt giảm thời gian giải quyết thủ tục hành chính lĩnh vực đất đai",
				Lead: "SNNMT", Coord: []string{"TTPVHCC-SH"}, Output: "Báo cáo đề xuất phương án cắt giảm", DueInDays: -8,
			},
			{
				Number: "13", Title: "Rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực xây dựng",
				Lead: "SXD", Coord: []string{"TTPVHCC-SH", "STP"}, Output: "Quyết định phê duyệt quy trình nội bộ", DueInDays: -35,
				History: []RelEntry{
					{DaysAgo: 50, Percent: 50, Note: "Đã rà soát 24 quy trình nội bộ lĩnh vực xây dựng."},
					{DaysAgo: 37, Percent: 100, Completed: true, Note: "UBND tỉnh đã ban hành Quyết định số 1187/QĐ-UBND phê duyệt quy trình nội bộ.", EvidenceNumber: "1187/QĐ-UBND", EvidenceDaysAgo: 38},
				},
			},
			{
				Number: "14", Title: "Công bố danh mục thủ tục hành chính lĩnh vực công thương được tiếp nhận trực tuyến toàn trình",
				Lead: "SCT", Coord: []string{"TTPVHCC-SH", "SKHCN"}, Output: "Quyết định công bố danh mục TTHC", DueInDays: 12,
				History: []RelEntry{
					{DaysAgo: 9, Percent: 60, Note: "Đã rà soát 41 TTHC; dự kiến 33 TTHC đủ điều kiện cung cấp trực tuyến toàn trình."},
				},
			},
			{
				Number: "15", Title: "Giải quyết hồ sơ thủ tục hành chính lĩnh vực y tế đúng hạn, giảm tỷ lệ hồ sơ quá hạn",
				Lead: "SYT", Coord: []string{"TTPVHCC-SH"}, Output: "Báo cáo kết quả giải quyết hồ sơ", DueInDays: -3,
				History: []RelEntry{
					{DaysAgo: 30, Percent: 40, Note: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,2%."},
				},
			},
			{
				Number: "16", Title: "Triển khai dịch vụ công trực tuyến liên thông đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi tại cấp xã",
				Lead: "PH-SONHA", Coord: []string{"STP", "CAT"}, Output: "Báo cáo kết quả thực hiện", DueInDays: -10,
				History: []RelEntry{
					{DaysAgo: 40, Percent: 100, Completed: true, Note: "Đã thực hiện liên thông 100% hồ sơ; UBND phường ban hành Báo cáo số 45/BC-UBND.", EvidenceNumber: "45/BC-UBND", EvidenceDaysAgo: 41},
				},
			},
		}},

		{Label: "IV", Name: area4, Tasks: []RelTask{
			{
				Number: "17", Title: "Rà soát, kiện toàn chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các cơ quan chuyên môn thuộc UBND tỉnh",
				Lead: "SNV", Coord: []string{"VPUB", "STP"}, Output: "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức", DueInDays: 30,
			},
			{
				Number: "18", Title: "Rà soát, điều chỉnh Đề án vị trí việc làm của các cơ quan hành chính và đơn vị sự nghiệp công lập thuộc tỉnh",
				Lead: "SNV", Coord: []string{"SGDDT", "SYT"}, Output: "Quyết định phê duyệt vị trí việc làm", DueInDays: -5,
				History: []RelEntry{
					{DaysAgo: 50, Percent: 30, Note: "Đã hướng dẫn các cơ quan, đơn vị rà soát vị trí việc làm."},
					{DaysAgo: 9, Percent: 60, Note: "Đã thẩm định đề án của 10 cơ quan hành chính; Sở Giáo dục và Đào tạo chưa gửi hồ sơ của các trường học."},
				},
			},
			{
				Number: "19", Title: "Rà soát, sắp xếp thôn, tổ dân phố không đủ tiêu chuẩn về quy mô số hộ gia đình",
				Lead: "SNV", Coord: provinceCommunesAnd(), Output: "Đề án sắp xếp thôn, tổ dân phố", DueInDays: 90,
			},
			{
				Number: "20", Title: "Sắp xếp, kiện toàn tổ chức bộ máy các phòng chuyên môn và đơn vị sự nghiệp thuộc Sở theo hướng tinh gọn",
				Lead: "SNNMT", Coord: []string{"SNV"}, Output: "Quyết định quy định cơ cấu tổ chức", DueInDays: -45,
				History: []RelEntry{
					{DaysAgo: 60, Percent: 30, Note: "Đã xây dựng phương án sắp xếp, gửi Sở Nội vụ thẩm định."},
				},
			},
			{
				Number: "21", Title: "Kiện toàn tổ chức bộ máy công tác dân tộc, tôn giáo sau sắp xếp",
				Lead: "SDTTG", Coord: []string{"SNV"}, Output: "Quyết định kiện toàn tổ chức bộ máy", DueInDays: 25,
				History: []RelEntry{
					{DaysAgo: 15, Percent: 40, Note: "Đã xây dựng dự thảo quy định chức năng, nhiệm vụ các phòng chuyên môn."},
				},
			},
		}},

		{Label: "V", Name: area5, Tasks: []RelTask{
			{
				Number: "22", Title: "Xây dựng, ban hành Kế hoạch tuyển dụng công chức, viên chức",
				Lead: "SNV", Coord: []string{"SGDDT", "SYT"}, Output: "Kế hoạch tuyển dụng", DueInDays: -30,
				History: []RelEntry{
					{DaysAgo: 33, Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 61/KH-UBND tuyển dụng 72 chỉ tiêu viên chức.", EvidenceNumber: "61/KH-UBND", EvidenceDaysAgo: 34},
				},
			},
			{
				Number: "23", Title: "Tăng cường kỷ luật, kỷ cương hành chính; kiểm tra công vụ đột xuất tại các cơ quan, đơn vị",
				Lead: "SNV", Coord: []string{"VPUB", "TTRT"}, Output: "Thông báo kết quả kiểm tra công vụ", Deadline: "Thường xuyên",
				History: []RelEntry{
					{DaysAgo: 45, Percent: 20, Note: "Đã kiểm tra công vụ đột xuất tại 02 cơ quan, đơn vị."},
					{DaysAgo: 8, Percent: 40, Note: "Đã kiểm tra đột xuất 05 cơ quan, đơn vị; nhắc nhở 01 trường hợp vi phạm thời giờ làm việc."},
				},
			},
			{
				Number: "24", Title: "Tổ chức bồi dưỡng nghiệp vụ cho công chức Tư pháp - Hộ tịch, Văn phòng - Thống kê cấp xã",
				Lead: "SNV", Coord: provinceCommunesAnd("STP"), Output: "Lớp bồi dưỡng; Báo cáo kết quả", DueInDays: 7,
				History: []RelEntry{
					{DaysAgo: 18, Percent: 40, Note: "Đã xây dựng chương trình bồi dưỡng, phối hợp với Sở Tư pháp mời giảng viên."},
				},
			},
			{
				Number: "25", Title: "Đánh giá, xếp loại chất lượng cán bộ, công chức cấp xã theo kết quả thực hiện nhiệm vụ",
				Lead: "XA-NAMHUNG", Coord: []string{"SNV"}, Output: "Báo cáo kết quả đánh giá", DueInDays: -25,
				History: []RelEntry{
					{DaysAgo: 30, Percent: 100, Completed: true, Note: "Đã hoàn thành đánh giá, xếp loại; ban hành Báo cáo số 12/BC-UBND.", EvidenceNumber: "12/BC-UBND", EvidenceDaysAgo: 31},
				},
			},
			{
				Number: "26", Title: "Bồi dưỡng kỹ năng tiếp công dân, giải quyết khiếu nại cho công chức cấp xã",
				Lead: "XA-LAMSON", Coord: []string{"TTRT"}, Output: "Lớp bồi dưỡng; Báo cáo kết quả", DueInDays: -25,
				History: []RelEntry{
					{DaysAgo: 30, Percent: 100, Completed: true, Note: "Đã tổ chức lớp bồi dưỡng cho 46 công chức; ban hành Báo cáo số 15/BC-UBND.", EvidenceNumber: "15/BC-UBND", EvidenceDaysAgo: 31},
				},
			},
			{
				Number: "27", Title: "Thanh tra công vụ việc chấp hành kỷ luật, kỷ cương hành chính tại các cơ quan, đơn vị",
				Lead: "TTRT", Coord: []string{"SNV"}, Output: "Kết luận thanh tra", DueInDays: 40,
				History: []RelEntry{
					{DaysAgo: 10, Percent: 20, Note: "Đã ban hành Quyết định thanh tra tại 03 cơ quan."},
				},
			},
		}},

		{Label: "VI", Name: area6, Tasks: []RelTask{
			{
				Number: "28", Title: "Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập thuộc tỉnh",
				Lead: "STC", Coord: []string{"SNV", "SGDDT", "SYT"}, Output: "Quyết định giao quyền tự chủ tài chính", DueInDays: -15,
				History: []RelEntry{
					{DaysAgo: 40, Percent: 50, Note: "Đã thẩm định phương án tự chủ tài chính của 39 đơn vị sự nghiệp công lập."},
					{DaysAgo: 17, Percent: 100, Completed: true, Note: "UBND tỉnh đã ban hành Quyết định số 246/QĐ-UBND giao quyền tự chủ tài chính.", EvidenceNumber: "246/QĐ-UBND", EvidenceDaysAgo: 18},
				},
			},
			{
				Number: "29", Title: "Kiểm tra việc quản lý, sử dụng tài sản công tại các cơ quan, đơn vị",
				Lead: "STC", Coord: []string{"TTRT"}, Output: "Báo cáo kết quả kiểm tra", DueInDays: 120,
			},
			{
				Number: "30", Title: "Đẩy mạnh thu phí, lệ phí giải quyết thủ tục hành chính không dùng tiền mặt",
				Lead: "STC", Coord: provinceCommunesAnd("TTPVHCC-SH"), Output: "Báo cáo kết quả thực hiện", DueInDays: -25,
			},
			{
				Number: "31", Title: "Thực hiện cơ chế tự chủ tài chính tại các trường trung học phổ thông",
				Lead: "SGDDT", Coord: []string{"STC"}, Output: "Báo cáo kết quả thực hiện tự chủ", DueInDays: -28,
			},
		}},

		{Label: "VII", Name: area7, Tasks: []RelTask{
			{
				Number: "32", Title: "Vận hành hiệu quả Hệ thống quản lý văn bản và điều hành; gửi, nhận văn bản điện tử có ký số giữa các cơ quan, đơn vị",
				Lead: "VPUB", Coord: provinceCommunesAnd("SKHCN"), Output: "Báo cáo tỷ lệ văn bản điện tử", Deadline: "Thường xuyên",
				History: []RelEntry{
					{DaysAgo: 35, Percent: 25, Note: "Tỷ lệ văn bản điện tử có ký số đạt 97,4%."},
				},
			},
			{
				Number: "33", Title: "Triển khai phương án bảo đảm an toàn thông tin theo cấp độ cho các hệ thống thông tin của tỉnh",
				Lead: "SKHCN", Coord: []string{"CAT"}, Output: "Báo cáo kết quả triển khai", DueInDays: 2,
				History: []RelEntry{
					{DaysAgo: 25, Percent: 50, Note: "Đã rà soát, cập nhật hồ sơ đề xuất cấp độ cho 03 hệ thống thông tin."},
					{DaysAgo: 4, Percent: 80, Note: "Đã kiểm tra, đánh giá an toàn thông tin; đang hoàn thiện báo cáo."},
				},
			},
			{
				Number: "34", Title: "Triển khai Đề án 06/CP: khai thác, sử dụng Cơ sở dữ liệu quốc gia về dân cư trong giải quyết thủ tục hành chính",
				Lead: "CAT", Coord: provinceCommunesAnd("STP"), Output: "Báo cáo kết quả thực hiện Đề án 06", DueInDays: 60,
				History: []RelEntry{
					{DaysAgo: 21, Percent: 40, Note: "Đã khai thác dữ liệu dân cư thay thế giấy tờ đối với 12 TTHC lĩnh vực hộ tịch, cư trú."},
				},
			},
			{
				Number: "35", Title: "Tổ chức tuyển sinh trực tuyến vào lớp 1, lớp 6",
				Lead: "SGDDT", Coord: []string{"SKHCN"}, Output: "Báo cáo kết quả tuyển sinh trực tuyến", DueInDays: 150,
			},
			{
				Number: "36", Title: "Triển khai nền tảng dữ liệu dùng chung của tỉnh, kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
				Lead: "SKHCN", Coord: []string{"VPUB", "CAT"}, Output: "Báo cáo kết quả kết nối", DueInDays: 6,
				History: []RelEntry{
					{DaysAgo: 20, Percent: 60, Note: "Đã kết nối 05 cơ sở dữ liệu chuyên ngành với nền tảng dữ liệu dùng chung."},
					{DaysAgo: 2, Percent: 85, Note: "Đang kiểm thử kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia."},
				},
			},
			{
				Number: "37", Title: "Ứng dụng chữ ký số cá nhân cho cán bộ, công chức cấp xã trong xử lý văn bản",
				Lead: "XA-TIENPHONG", Coord: []string{"SKHCN"}, Output: "Báo cáo tỷ lệ văn bản ký số", DueInDays: 70,
			},
		}},

		{Label: "VIII", Name: area8, Tasks: []RelTask{
			{
				Number: "38", Title: "Xây dựng, ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính",
				Lead: "SNV", Coord: []string{"SKHCN"}, Output: "Kế hoạch tuyên truyền", DueInDays: -50,
				History: []RelEntry{
					{DaysAgo: 54, Percent: 100, Completed: true, Note: "Đã tham mưu ban hành Kế hoạch số 24/KH-UBND.", EvidenceNumber: "24/KH-UBND", EvidenceDaysAgo: 56},
				},
			},
			{
				Number: "39", Title: "Duy trì, cập nhật chuyên mục “Cải cách hành chính” trên Cổng thông tin điện tử tỉnh",
				Lead: "SKHCN", Coord: []string{"SNV"}, Output: "Tin, bài được đăng tải", Deadline: "Thường xuyên",
				History: []RelEntry{
					{DaysAgo: 30, Percent: 25, Note: "Đã đăng tải 29 tin, bài về cải cách hành chính."},
				},
			},
			{
				Number: "40", Title: "Tổ chức Hội thi tìm hiểu về cải cách hành chính cho cán bộ, công chức, viên chức và người dân",
				Lead: "SNV", Coord: provinceCommunesAnd("SKHCN", "SGDDT"), Output: "Hội thi; Báo cáo tổng kết", DueInDays: 180,
			},
			{
				Number: "41", Title: "Tuyên truyền về cải cách hành chính, chuyển đổi số trên hệ thống thông tin cơ sở",
				Lead: "SVHTTDL", Coord: []string{"SKHCN", "PH-BACHDANG"}, Output: "Tin, bài tuyên truyền", DueInDays: -40,
				History: []RelEntry{
					{DaysAgo: 50, Percent: 100, Completed: true, Note: "Đã đăng tải 64 tin, bài; ban hành Báo cáo số 88/BC-SVHTTDL.", EvidenceNumber: "88/BC-SVHTTDL", EvidenceDaysAgo: 51},
				},
			},
			{
				Number: "42", Title: "Tổ chức đối thoại giữa lãnh đạo UBND phường với người dân, doanh nghiệp về giải quyết thủ tục hành chính",
				Lead: "PH-BACHDANG", Coord: []string{"VPUB"}, Output: "Biên bản đối thoại; Báo cáo kết quả", DueInDays: -6,
				History: []RelEntry{
					{DaysAgo: 25, Percent: 30, Note: "Đã xây dựng kế hoạch đối thoại, thông báo rộng rãi trên hệ thống loa truyền thanh."},
				},
			},
		}},
	},
}
