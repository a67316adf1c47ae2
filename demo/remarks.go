package demo

// Remark is what a unit wrote with an update besides its progress: why the
// task is late, the difficulties it meets, what it proposes. The reports
// quote them (sections II, III and V).
type Remark struct {
	Reason, Difficulties, Proposals string
}

// Remarks2024 are the remarks on entries of the 2024 plan: by task number,
// then by the entry's index in its history. The four tasks completed late
// (3, 11, 16 and 47) say why.
var Remarks2024 = map[string]map[int]Remark{
	"3": {1: {Reason: "Kết quả Chỉ số cải cách hành chính năm 2023 được công bố muộn hơn dự kiến, trong khi Kế hoạch phải căn cứ kết quả này để xác định các tiêu chí cần khắc phục."}},
	"11": {1: {Reason: "Một số xã gửi văn bản để kiểm tra muộn.",
		Difficulties: "Công chức tư pháp cấp xã kiêm nhiệm nhiều việc, việc gửi văn bản quy phạm pháp luật để kiểm tra chưa kịp thời."}},
	"16": {1: {Reason: "Phòng Tài nguyên và Môi trường chậm hoàn thiện phương án đơn giản hóa thủ tục hành chính lĩnh vực đất đai.",
		Proposals: "Đề nghị UBND tỉnh sớm công bố danh mục thủ tục hành chính lĩnh vực đất đai được sửa đổi theo Luật Đất đai năm 2024."}},
	"47": {1: {Reason: "Chờ ý kiến thẩm định hồ sơ đề xuất cấp độ của Sở Thông tin và Truyền thông.",
		Difficulties: "Thành phố chưa có cán bộ chuyên trách về an toàn thông tin.",
		Proposals:    "Đề nghị Sở Thông tin và Truyền thông hỗ trợ thẩm định hồ sơ đề xuất cấp độ và tập huấn về an toàn thông tin cho cán bộ phụ trách."}},
	"50": {0: {Proposals: "Đề nghị Sở Y tế hướng dẫn kết nối dữ liệu sổ sức khỏe điện tử giữa các cơ sở khám bệnh, chữa bệnh."}},
	"56": {0: {Difficulties: "Một bộ phận người dân, nhất là người cao tuổi, chưa quen sử dụng dịch vụ công trực tuyến.",
		Proposals: "Đề nghị UBND tỉnh tiếp tục nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính, bảo đảm kết nối ổn định với Cổng Dịch vụ công quốc gia."}},
}

// RemarksCurrent are the remarks on entries of the current-year province
// plan, by task number and entry index: the overdue tasks say why.
var RemarksCurrent = map[string]map[int]Remark{
	"6": {1: {Reason: "UBND xã Lâm Sơn, UBND đặc khu Hòn Ngọc chưa gửi văn bản để kiểm tra.",
		Difficulties: "Việc gửi văn bản quy phạm pháp luật của cấp xã để kiểm tra chưa kịp thời sau khi sắp xếp đơn vị hành chính.",
		Proposals:    "Đề nghị UBND tỉnh chỉ đạo UBND các xã, phường, đặc khu gửi văn bản quy phạm pháp luật để kiểm tra đúng thời hạn."}},
	"8": {1: {Reason: "Hồ sơ trình HĐND tỉnh phải chờ kỳ họp chuyên đề.",
		Proposals: "Đề nghị Thường trực HĐND tỉnh xem xét tổ chức kỳ họp chuyên đề để thông qua Nghị quyết."}},
	"15": {0: {Reason: "Số lượng hồ sơ cấp chứng chỉ hành nghề tăng đột biến.", Difficulties: "Thiếu nhân lực thẩm định hồ sơ chuyên môn."}},
	"18": {1: {Reason: "Sở Giáo dục và Đào tạo chưa gửi hồ sơ đề án vị trí việc làm của các trường học."}},
	"20": {0: {Reason: "Chờ Sở Nội vụ thẩm định phương án sắp xếp."}},
	"42": {0: {Reason: "Chưa bố trí được thời gian tổ chức đối thoại trước khi hoàn thành sắp xếp tổ dân phố.",
		Proposals: "Đề nghị Văn phòng UBND tỉnh hướng dẫn quy trình tổ chức đối thoại với người dân, doanh nghiệp."}},
}

// laggardRemark is what a laggard unit says of its overdue own plan.
var laggardRemark = Remark{Reason: "Cán bộ phụ trách công tác cải cách hành chính kiêm nhiệm nhiều việc, chưa hoàn thiện được dự thảo.",
	Difficulties: "Đơn vị chưa bố trí được công chức chuyên trách công tác cải cách hành chính."}
