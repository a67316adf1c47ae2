package bench

// Names and texts of the generated data: the 34 provinces and centrally
// run cities after 1/7/2025, the departments of a province, the reform
// areas of a plan (docs/DOMAIN.md §3) and task titles per area.

var provinces = []struct {
	Name string
	City bool // thành phố trực thuộc trung ương
}{
	{"Hà Nội", true}, {"Huế", true}, {"Lai Châu", false}, {"Điện Biên", false}, {"Sơn La", false},
	{"Lạng Sơn", false}, {"Quảng Ninh", false}, {"Thanh Hóa", false}, {"Nghệ An", false}, {"Hà Tĩnh", false},
	{"Cao Bằng", false}, {"Tuyên Quang", false}, {"Lào Cai", false}, {"Thái Nguyên", false}, {"Phú Thọ", false},
	{"Bắc Ninh", false}, {"Hưng Yên", false}, {"Hải Phòng", true}, {"Ninh Bình", false}, {"Quảng Trị", false},
	{"Đà Nẵng", true}, {"Quảng Ngãi", false}, {"Gia Lai", false}, {"Khánh Hòa", false}, {"Lâm Đồng", false},
	{"Đắk Lắk", false}, {"Hồ Chí Minh", true}, {"Đồng Nai", false}, {"Tây Ninh", false}, {"Cần Thơ", true},
	{"Vĩnh Long", false}, {"Đồng Tháp", false}, {"Cà Mau", false}, {"An Giang", false},
}

// departments: the first is the secretariat (Sở Nội vụ), the second the
// justice department (Sở Tư pháp), as the demo logins expect.
var departments = []struct{ Code, Name string }{
	{"SNV", "Sở Nội vụ"}, {"STP", "Sở Tư pháp"}, {"STC", "Sở Tài chính"}, {"SXD", "Sở Xây dựng"},
	{"SCT", "Sở Công Thương"}, {"SNNMT", "Sở Nông nghiệp và Môi trường"}, {"SGDDT", "Sở Giáo dục và Đào tạo"},
	{"SYT", "Sở Y tế"}, {"SKHCN", "Sở Khoa học và Công nghệ"}, {"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"},
	{"VP", "Văn phòng UBND"}, {"TTR", "Thanh tra"}, {"SDTTG", "Sở Dân tộc và Tôn giáo"},
	{"BQLKCN", "Ban Quản lý các khu công nghiệp"}, {"CA", "Công an"},
}

var communeStems = []string{
	"An Bình", "Tân Phú", "Hòa Bình", "Phú Mỹ", "Tân Hiệp", "Vĩnh Phúc", "Thạnh Lợi", "Đông Hưng", "Bình Minh",
	"Hưng Đạo", "Quang Trung", "Trung Sơn", "Đồng Tâm", "Yên Thế", "Thanh Xuân", "Long Hải", "Phước An", "Kim Sơn",
	"Hồng Phong", "Lạc Long", "Nghĩa Hưng", "Tân Lập", "Đại Đồng", "Hợp Thành",
}

var areaNames = []string{
	"Công tác chỉ đạo, điều hành cải cách hành chính",
	"Cải cách thể chế",
	"Cải cách thủ tục hành chính",
	"Cải cách tổ chức bộ máy hành chính nhà nước",
	"Cải cách chế độ công vụ",
	"Cải cách tài chính công",
	"Xây dựng và phát triển chính quyền điện tử, chính quyền số",
	"Công tác thông tin, tuyên truyền cải cách hành chính",
}

// taskTitles by area (same order as areaNames), with their output.
var taskTitles = [][]struct{ Title, Output string }{
	{
		{"Xây dựng, ban hành Kế hoạch cải cách hành chính năm", "Kế hoạch"},
		{"Kiện toàn Ban Chỉ đạo cải cách hành chính và Tổ giúp việc", "Quyết định"},
		{"Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị", "Thông báo kết luận kiểm tra"},
		{"Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính", "Báo cáo định kỳ"},
		{"Tự đánh giá, chấm điểm Chỉ số cải cách hành chính kèm tài liệu kiểm chứng", "Báo cáo tự đánh giá"},
		{"Khắc phục hạn chế, nâng cao Chỉ số cải cách hành chính và Chỉ số hài lòng (SIPAS)", "Kế hoạch khắc phục"},
	},
	{
		{"Xây dựng, ban hành văn bản quy phạm pháp luật theo chương trình đã được phê duyệt", "Văn bản quy phạm pháp luật"},
		{"Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Báo cáo kết quả rà soát"},
		{"Kiểm tra, xử lý văn bản quy phạm pháp luật sau khi ban hành", "Báo cáo kiểm tra"},
		{"Theo dõi tình hình thi hành pháp luật trong các lĩnh vực trọng tâm", "Báo cáo"},
		{"Phổ biến, giáo dục pháp luật cho cán bộ, công chức và người dân", "Kế hoạch, báo cáo"},
	},
	{
		{"Rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân", "Phương án đơn giản hóa"},
		{"Công bố, công khai thủ tục hành chính đầy đủ, kịp thời", "Quyết định công bố"},
		{"Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục đủ điều kiện", "Danh mục dịch vụ công"},
		{"Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Báo cáo số hóa"},
		{"Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính", "Báo cáo"},
		{"Nâng cao tỷ lệ hồ sơ giải quyết đúng hạn tại Trung tâm Phục vụ hành chính công", "Báo cáo"},
	},
	{
		{"Rà soát chức năng, nhiệm vụ, cơ cấu tổ chức của các cơ quan chuyên môn", "Đề án, quyết định"},
		{"Thực hiện tinh giản biên chế theo kế hoạch", "Báo cáo tinh giản biên chế"},
		{"Sắp xếp, tổ chức lại đơn vị sự nghiệp công lập", "Đề án"},
		{"Thực hiện phân cấp, ủy quyền giải quyết công việc", "Quyết định phân cấp"},
	},
	{
		{"Xây dựng vị trí việc làm, bản mô tả công việc và khung năng lực", "Quyết định phê duyệt"},
		{"Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", "Kế hoạch đào tạo"},
		{"Đánh giá, xếp loại chất lượng cán bộ, công chức theo kết quả công việc", "Báo cáo đánh giá"},
		{"Tăng cường kỷ luật, kỷ cương hành chính, đạo đức công vụ", "Kế hoạch kiểm tra công vụ"},
		{"Thực hiện tuyển dụng, nâng ngạch công chức theo quy định", "Kết quả tuyển dụng"},
	},
	{
		{"Thực hiện cơ chế tự chủ tài chính của cơ quan hành chính và đơn vị sự nghiệp", "Báo cáo"},
		{"Công khai dự toán, quyết toán ngân sách theo quy định", "Văn bản công khai"},
		{"Quản lý, sử dụng tài sản công đúng quy định", "Báo cáo kiểm kê"},
		{"Giải ngân vốn đầu tư công đúng tiến độ", "Báo cáo giải ngân"},
	},
	{
		{"Vận hành Hệ thống thông tin giải quyết thủ tục hành chính", "Báo cáo vận hành"},
		{"Gửi, nhận văn bản điện tử có ký số trên Hệ thống quản lý văn bản", "Báo cáo"},
		{"Triển khai các nhiệm vụ chuyển đổi số, phát triển chính quyền số", "Kế hoạch chuyển đổi số"},
		{"Bảo đảm an toàn thông tin mạng cho hệ thống thông tin", "Báo cáo an toàn thông tin"},
		{"Kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia về dân cư", "Báo cáo kết nối"},
	},
	{
		{"Tuyên truyền về cải cách hành chính trên cổng thông tin điện tử và phương tiện thông tin đại chúng", "Tin, bài tuyên truyền"},
		{"Tổ chức hội thi tìm hiểu về cải cách hành chính", "Kế hoạch hội thi"},
		{"Đối thoại với người dân, doanh nghiệp về thủ tục hành chính", "Biên bản đối thoại"},
	},
}

var evidenceKinds = []string{"KH-UBND", "QĐ-UBND", "BC-UBND", "TB-UBND", "CV-UBND"}

// evidencePDF is the file attached to some completions: a minimal PDF.
var evidencePDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
