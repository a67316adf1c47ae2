package app

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/audit"
	"cchc/internal/i18n"
)

var names = AuditNames{
	Users: map[int64]string{7: "Nguyễn Văn A", 8: "Trần Văn B", 1: "Quản trị"},
	Units: map[int64]string{4: "Sở Tư pháp", 5: "Sở Nội vụ", 6: "Sở Tài chính"},
	Plans: map[int64]string{2: "Kế hoạch cải cách hành chính năm 2026", 1: "Kế hoạch cải cách hành chính năm 2025"},
	Areas: map[int64]string{10: "II. Cải cách thể chế", 11: "III. Cải cách thủ tục hành chính"},
	Tasks: map[int64]string{65: "6. Kiểm tra văn bản"},
}

func raw(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// task is a task's audit view as tasks.Task.auditView writes it.
func task(changes map[string]any) map[string]any {
	v := map[string]any{"number": "6", "title": "Kiểm tra văn bản", "description": "", "area_id": 10, "lead_unit_id": 4,
		"output": "Báo cáo", "deadline": "Quý II/2026", "position": 6, "version": 3, "coordinators": []int64{5}}
	for k, x := range changes {
		v[k] = x
	}
	return v
}

// Every kind of entry reads as a sentence in both languages: names, not
// ids; labels, not codes; dates day first; never JSON.
func TestDescribeAudit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		e      audit.Entry
		vi, en string
	}{
		{"deadline changed",
			audit.Entry{ActorID: 7, Actor: "a@cchc.test", Action: "update", Entity: "task", EntityID: 65, TaskID: 65,
				Before: raw(task(nil)), After: raw(task(map[string]any{"deadline": "30/9/2026", "version": 4}))},
			"Nguyễn Văn A đổi hạn từ Quý II/2026 thành 30/9/2026",
			"Nguyễn Văn A changed the deadline from Quý II/2026 to 30/9/2026"},
		{"units and title changed",
			audit.Entry{ActorID: 7, Action: "update", Entity: "task", EntityID: 65,
				Before: raw(task(nil)), After: raw(task(map[string]any{"lead_unit_id": 6, "coordinators": []int64{5, 4}, "title": "Kiểm tra"}))},
			"Nguyễn Văn A đổi tên nhiệm vụ từ “Kiểm tra văn bản” thành “Kiểm tra”; đổi cơ quan chủ trì từ Sở Tư pháp thành Sở Tài chính; đổi cơ quan phối hợp từ Sở Nội vụ thành Sở Nội vụ, Sở Tư pháp",
			"Nguyễn Văn A changed the title from “Kiểm tra văn bản” to “Kiểm tra”; changed the lead unit from Sở Tư pháp to Sở Tài chính; changed the coordinating units from Sở Nội vụ to Sở Nội vụ, Sở Tư pháp"},
		{"output cleared, description edited, moved",
			audit.Entry{ActorID: 7, Action: "update", Entity: "task", EntityID: 65,
				Before: raw(task(nil)), After: raw(task(map[string]any{"output": "", "description": "Mới", "area_id": 11}))},
			"Nguyễn Văn A bỏ sản phẩm (“Báo cáo”); đổi nội dung từ II. Cải cách thể chế thành III. Cải cách thủ tục hành chính; sửa mô tả",
			"Nguyễn Văn A removed the output (“Báo cáo”); changed the area from II. Cải cách thể chế to III. Cải cách thủ tục hành chính; edited the description"},
		{"nothing changed",
			audit.Entry{ActorID: 7, Action: "update", Entity: "task", EntityID: 65, Before: raw(task(nil)), After: raw(task(map[string]any{"version": 4}))},
			"Nguyễn Văn A lưu mà không thay đổi gì", "Nguyễn Văn A saved without changing anything"},
		{"reassigned",
			audit.Entry{ActorID: 7, Action: "reassign", Entity: "task", EntityID: 65,
				Before: raw(map[string]any{"lead_unit_id": 4}), After: raw(map[string]any{"lead_unit_id": 6})},
			"Nguyễn Văn A giao chủ trì nhiệm vụ cho Sở Tài chính thay cho Sở Tư pháp",
			"Nguyễn Văn A gave the lead of the task to Sở Tài chính instead of Sở Tư pháp"},
		{"progress with evidence",
			audit.Entry{ActorID: 8, Action: "progress", Entity: "task", EntityID: 65,
				Before: raw(map[string]any{"version": 2}), After: raw(map[string]any{"version": 3, "entry_id": 140, "unit_id": 4, "percent": 60,
					"completed": false, "confirmed": false, "note": "Đã kiểm tra 8/10 xã", "evidence_number": "12/BC-STP", "evidence_date": "2026-09-05"})},
			"Trần Văn B cập nhật tiến độ 60%; ghi chú “Đã kiểm tra 8/10 xã”; văn bản kiểm chứng 12/BC-STP ngày 05/09/2026",
			"Trần Văn B reported progress of 60%; note “Đã kiểm tra 8/10 xã”; evidence 12/BC-STP of 05/09/2026"},
		{"claim",
			audit.Entry{ActorID: 8, Action: "progress", Entity: "task", EntityID: 65,
				After: raw(map[string]any{"percent": 100, "completed": true, "confirmed": false, "evidence_date": nil})},
			"Trần Văn B báo hoàn thành, chờ xác nhận", "Trần Văn B reported the task completed, awaiting confirmation"},
		{"claim returned",
			audit.Entry{ActorID: 7, Action: "returned", Entity: "task", EntityID: 65,
				After: raw(map[string]any{"version": 5, "decision": "returned", "reason": "Thiếu văn bản"})},
			"Nguyễn Văn A trả lại báo cáo hoàn thành: “Thiếu văn bản”", "Nguyễn Văn A returned the completion claim: “Thiếu văn bản”"},
		{"extension approved",
			audit.Entry{ActorID: 7, Action: "extension_approved", Entity: "task", EntityID: 65,
				Before: raw(map[string]any{"deadline": "2026-06-30"}), After: raw(map[string]any{"extension_id": 3, "state": "approved", "new_date": "2026-09-30", "note": ""})},
			"Nguyễn Văn A đồng ý gia hạn đến 30/09/2026", "Nguyễn Văn A approved moving the deadline to 30/09/2026"},
		{"system creates",
			audit.Entry{Actor: "system", Action: "create", Entity: "task", EntityID: 65, After: raw(task(nil))},
			"Hệ thống tạo nhiệm vụ 6. Kiểm tra văn bản", "The system created the task 6. Kiểm tra văn bản"},
		{"plan issued",
			audit.Entry{ActorID: 1, Action: "issue", Entity: "plan", EntityID: 2, PlanID: 2,
				Before: raw(map[string]any{"state": "draft"}), After: raw(map[string]any{"state": "issued"})},
			"Quản trị ban hành kế hoạch", "Quản trị issued the plan"},
		{"plan edited",
			audit.Entry{ActorID: 1, Action: "update", Entity: "plan", EntityID: 2,
				Before: raw(map[string]any{"title": "KH 2026", "number": "", "issued_on": nil, "require_confirmation": false, "cutoff_scheme": "decree", "state": "draft"}),
				After:  raw(map[string]any{"title": "KH 2026", "number": "5/KH-UBND", "issued_on": "2026-12-26", "require_confirmation": true, "cutoff_scheme": "calendar", "state": "draft"})},
			"Quản trị đặt số hiệu là 5/KH-UBND; đặt ngày ban hành là 26/12/2026; đổi yêu cầu xác nhận hoàn thành từ không thành có; đổi kỳ báo cáo từ Theo Nghị định 09/2019 (kỳ báo cáo chốt ngày 14) thành Theo quý dương lịch",
			"Quản trị set the number to 5/KH-UBND; set the issue date to 26/12/2026; changed confirmation of completions from no to yes; changed the reporting periods from Decree 09/2019 (data cut-off on the 14th) to Calendar quarters"},
		{"plan cloned",
			audit.Entry{ActorID: 1, Action: "clone", Entity: "plan", EntityID: 2,
				After: raw(map[string]any{"source_plan_id": 1, "year": 2026, "areas": 8, "tasks": 42})},
			"Quản trị tạo kế hoạch năm 2026 bằng cách sao chép kế hoạch “Kế hoạch cải cách hành chính năm 2025” (42 nhiệm vụ)",
			"Quản trị created the plan of 2026 as a copy of “Kế hoạch cải cách hành chính năm 2025” (42 tasks)"},
		{"user role",
			audit.Entry{ActorID: 1, Action: "update", Entity: "user", EntityID: 8,
				Before: raw(map[string]any{"email": "b@x.vn", "name": "Trần Văn B", "role": "officer", "unit_id": 4, "active": true}),
				After:  raw(map[string]any{"email": "b@x.vn", "name": "Trần Văn B", "role": "leader", "unit_id": 4, "active": false})},
			"Quản trị sửa tài khoản Trần Văn B; đổi vai trò từ Chuyên viên đơn vị thành Lãnh đạo; đổi quyền đăng nhập từ có thành không",
			"Quản trị edited the account of Trần Văn B; changed the role from Unit officer to Leader; changed sign-in allowed from yes to no"},
		{"own password, by a removed user",
			audit.Entry{ActorID: 99, Actor: "cu@cchc.test", Action: "password", Entity: "user", EntityID: 99},
			"cu@cchc.test đổi mật khẩu của mình", "cu@cchc.test changed their password"},
		{"holiday",
			audit.Entry{ActorID: 1, Action: "update", Entity: "holiday", EntityID: 20261224, After: raw(map[string]any{"day": "2026-12-24", "name": "Nghỉ bù"})},
			"Quản trị đặt ngày nghỉ 24/12/2026: “Nghỉ bù”", "Quản trị set 24/12/2026 as a day off: “Nghỉ bù”"},
		{"area renamed",
			audit.Entry{ActorID: 1, Action: "update", Entity: "area", EntityID: 10,
				Before: raw(map[string]any{"ID": 10, "Label": "II", "Name": "Thể chế"}), After: raw(map[string]any{"ID": 10, "Label": "II", "Name": "Cải cách thể chế"})},
			"Quản trị đổi tên nội dung II. Thể chế thành “Cải cách thể chế”", "Quản trị renamed the area II. Thể chế to “Cải cách thể chế”"},
		{"PAR self-assessment submitted",
			audit.Entry{ActorID: 8, Action: "submit", Entity: "par_assessment", EntityID: 3,
				Before: raw(map[string]any{"set_id": 1, "unit_id": 4, "state": "draft"}), After: raw(map[string]any{"set_id": 1, "unit_id": 4, "state": "submitted"})},
			"Trần Văn B gửi bản tự đánh giá của Sở Tư pháp", "Trần Văn B submitted the self-assessment of Sở Tư pháp"},
		{"PAR published",
			audit.Entry{ActorID: 1, Action: "publish", Entity: "par_set", EntityID: 1,
				After: raw(map[string]any{"title": "Bộ chỉ số CCHC năm 2026", "state": "published", "units": 15})},
			"Quản trị công bố kết quả bộ chỉ số “Bộ chỉ số CCHC năm 2026” (15 đơn vị)",
			"Quản trị published the results of the index set “Bộ chỉ số CCHC năm 2026” (15 units)"},
		{"PAR self-scores",
			audit.Entry{ActorID: 8, Action: "self_score", Entity: "par_assessment", EntityID: 3,
				After: raw(map[string]any{"scores": []map[string]any{{"item_id": 1}, {"item_id": 2}}})},
			"Trần Văn B tự chấm 2 tiêu chí thành phần", "Trần Văn B self-scored 2 components"},
		{"something new",
			audit.Entry{ActorID: 1, Action: "frobnicate", Entity: "widget", EntityID: 5},
			"Quản trị thực hiện “frobnicate” trên widget #5", "Quản trị did “frobnicate” on widget #5"},
	} {
		s := DescribeAudit(c.e, names)
		require.Equal(t, c.vi, s.In(i18n.VI), c.name)
		require.Equal(t, c.en, s.In(i18n.EN), c.name)
		for _, l := range i18n.Langs {
			require.NotContains(t, s.In(l), "{", c.name)
			require.NotContains(t, s.In(l), "_id", c.name)
		}
	}
}

// What an entry is about: a link while it exists, its last name once gone.
func TestAuditObject(t *testing.T) {
	t.Parallel()
	obj, link := auditObject(audit.Entry{Entity: "task", EntityID: 65}, names)
	require.Equal(t, "Nhiệm vụ 6. Kiểm tra văn bản", obj.In(i18n.VI))
	require.Equal(t, "Task 6. Kiểm tra văn bản", obj.In(i18n.EN))
	require.Equal(t, "/tasks/65", link)
	obj, link = auditObject(audit.Entry{Entity: "task", EntityID: 70, Action: "delete", Before: raw(task(map[string]any{"number": "7", "title": "Tập huấn"}))}, names)
	require.Equal(t, "Nhiệm vụ 7. Tập huấn", obj.In(i18n.VI))
	require.Empty(t, link, "a deleted task has no page")
	obj, link = auditObject(audit.Entry{Entity: "plan", EntityID: 2}, names)
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2026", obj.In(i18n.EN))
	require.Equal(t, "/plans/2", link)
}
