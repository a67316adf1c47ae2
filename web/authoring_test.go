package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"cchc/annex"
	"cchc/audit"
	"cchc/demo"
	"cchc/internal/fixture"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

const (
	leader      = "lanhdao@cchc.test"
	secretariat = "noivu@cchc.test"
	officer     = "tuphap@cchc.test"
	viewer      = "xem@cchc.test"
)

type planDetail struct {
	ID      int64  `json:"id"`
	Year    int    `json:"year"`
	Title   string `json:"title"`
	Number  string `json:"number"`
	State   string `json:"state"`
	Version int    `json:"version"`
	Unit    struct{ Code, Name string }
}

type areaDetail struct {
	ID       int64  `json:"id"`
	Position int    `json:"position"`
	Label    string `json:"label"`
	Name     string `json:"name"`
	Version  int    `json:"version"`
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(r.Body), &v), r.Body)
	return v
}

func (e *env) count(table string) int {
	e.t.Helper()
	n, err := e.db.NewSelect().Table(table).Count(context.Background())
	require.NoError(e.t, err)
	return int(n)
}

// lastAudit is the newest audit row about an entity.
func (e *env) lastAudit(entity string, id int64) audit.Entry {
	e.t.Helper()
	return fixture.LastAudit(e.t, e.db, entity, id)
}

func jsonField(t *testing.T, raw json.RawMessage, key string) any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m[key]
}

func TestAPIPlanAuthoring(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	// Who may create a plan, and what is bad input.
	body := `{"unit": "SH", "year": 2027, "number": "12/KH-UBND", "cutoff_scheme": "calendar"}`
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodPost, "/api/v1/plans", body).Code)
	require.Equal(t, http.StatusForbidden, e.api(viewer, http.MethodPost, "/api/v1/plans", body).Code)
	for _, bad := range []string{`{"unit": "TP", "year": 1990}`, `{"unit": "NOPE", "year": 2027}`, `{"unit": "TP", "year": 2027, "cutoff_scheme": "moon"}`, `{"unit": "TP"`, `{"unit": "TP", "year": 2027, "x": 1}`} {
		r := e.api(leader, http.MethodPost, "/api/v1/plans", bad)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, bad+" → "+r.Body)
		require.Contains(t, r.Body, `"code":"invalid_input"`)
	}
	r := e.api(leader, http.MethodPost, "/api/v1/plans", body)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	p := decode[planDetail](t, r)
	require.Equal(t, "draft", p.State)
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2027", p.Title)
	require.Equal(t, http.StatusConflict, e.api(leader, http.MethodPost, "/api/v1/plans", body).Code)

	// Plan fields: stale is 409 and changes nothing.
	path := fmt.Sprintf("/api/v1/plans/%d", p.ID)
	r = e.api(secretariat, http.MethodPatch, path, fmt.Sprintf(`{"version": %d, "title": "Khác"}`, p.Version+3))
	require.Equal(t, http.StatusConflict, r.Code, r.Body)
	require.Contains(t, r.Body, `"code":"stale_version"`)
	var same planJSON
	e.getJSON(path, &same)
	require.Equal(t, p.Title, same.Title)
	require.Equal(t, http.StatusUnprocessableEntity, e.api(secretariat, http.MethodPatch, path, `{"title": "X"}`).Code, "version is required")
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodPatch, path, fmt.Sprintf(`{"version": %d, "title": "X"}`, p.Version)).Code)
	r = e.api(secretariat, http.MethodPatch, path, fmt.Sprintf(`{"version": %d, "title": "Kế hoạch CCHC năm 2027", "issued_on": "2026-12-20"}`, p.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	p = decode[planDetail](t, r)
	require.Equal(t, "Kế hoạch CCHC năm 2027", p.Title)
	a := e.lastAudit("plan", p.ID)
	require.Equal(t, "update", a.Action)
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2027", jsonField(t, a.Before, "title"))
	require.Equal(t, "Kế hoạch CCHC năm 2027", jsonField(t, a.After, "title"))

	// Areas.
	r = e.api(secretariat, http.MethodPost, path+"/areas", `{"name": "Cải cách thể chế"}`)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	a1 := decode[areaDetail](t, r)
	r = e.api(secretariat, http.MethodPost, path+"/areas", `{"name": "Công tác chỉ đạo, điều hành"}`)
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	a2 := decode[areaDetail](t, r)
	require.Equal(t, "II", a2.Label)
	require.Equal(t, http.StatusUnprocessableEntity, e.api(secretariat, http.MethodPost, path+"/areas", `{"name": " "}`).Code)
	r = e.api(secretariat, http.MethodPatch, fmt.Sprintf("/api/v1/areas/%d", a2.ID), fmt.Sprintf(`{"version": %d, "position": 1, "name": "Công tác chỉ đạo, điều hành CCHC"}`, a2.Version+1))
	require.Equal(t, http.StatusConflict, r.Code, r.Body)
	r = e.api(secretariat, http.MethodPatch, fmt.Sprintf("/api/v1/areas/%d", a2.ID), fmt.Sprintf(`{"version": %d, "position": 1, "name": "Công tác chỉ đạo, điều hành CCHC"}`, a2.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	a2 = decode[areaDetail](t, r)
	require.Equal(t, "I", a2.Label)
	require.Equal(t, "Công tác chỉ đạo, điều hành CCHC", a2.Name)
	require.Equal(t, "move", e.lastAudit("area", a2.ID).Action)

	// Tasks: the deadline is read as written, with a Vietnamese reason when it cannot be.
	tasksPath := path + "/tasks"
	r = e.api(secretariat, http.MethodPost, tasksPath, fmt.Sprintf(`{"area_id": %d, "number": "1", "title": "Rà soát thủ tục", "lead_unit": "PTP", "deadline": "Quý V"}`, a1.ID))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "có quý không tồn tại")
	r = e.api(secretariat, http.MethodPost, tasksPath, fmt.Sprintf(`{"area_id": %d, "number": "1", "title": "Rà soát thủ tục", "lead_unit": "DG", "deadline": "Quý II"}`, a1.ID))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "không thuộc đơn vị ban hành")
	r = e.api(secretariat, http.MethodPost, tasksPath, fmt.Sprintf(`{"area_id": %d, "number": "1", "title": "Rà soát thủ tục", "lead_unit": "PTP", "coordinating_units": ["PNV", "VP"], "output": "Báo cáo", "deadline": "Quý II"}`, a1.ID))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	tk := decode[taskJSON](t, r)
	require.Equal(t, "2027-06-30", tk.Deadline.Date)
	require.Len(t, tk.CoordinatingUnits, 2)
	r = e.api(secretariat, http.MethodPost, tasksPath, fmt.Sprintf(`{"area_id": %d, "number": "2", "title": "Kiểm tra", "lead_unit": "PNV", "deadline": "Thường xuyên"}`, a2.ID))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	tk2 := decode[taskJSON](t, r)

	taskPath := fmt.Sprintf("/api/v1/tasks/%d", tk.ID)
	r = e.api(secretariat, http.MethodPatch, taskPath, fmt.Sprintf(`{"version": %d, "title": "Khác"}`, tk.Version-1))
	require.Equal(t, http.StatusConflict, r.Code, r.Body)
	var cur taskJSON
	e.getJSON(taskPath, &cur)
	require.Equal(t, "Rà soát thủ tục", cur.Title)
	require.Equal(t, tk.Version, cur.Version)
	require.Equal(t, http.StatusForbidden, e.api(viewer, http.MethodPatch, taskPath, fmt.Sprintf(`{"version": %d, "title": "X"}`, tk.Version)).Code)
	r = e.api(secretariat, http.MethodPatch, taskPath, fmt.Sprintf(`{"version": %d, "title": "Rà soát, đơn giản hóa thủ tục", "deadline": "Trước 15/3", "coordinating_units": ["VP"], "area_id": %d, "position": 1}`, tk.Version, a2.ID))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	tk = decode[taskJSON](t, r)
	require.Equal(t, "2027-03-15", tk.Deadline.Date)
	require.Equal(t, []struct{ Code, Name string }{{"VP", "Văn phòng HĐND và UBND thành phố"}}, tk.CoordinatingUnits)
	var full planJSON
	e.getJSON(path, &full)
	require.Equal(t, []int64{tk.ID, tk2.ID}, []int64{full.Areas[0].Tasks[0].ID, full.Areas[0].Tasks[1].ID}, "moved first in area I")
	var trail []audit.Entry
	require.NoError(t, e.db.NewSelect().Model(&trail).Where("entity = 'task' AND entity_id = ?", tk.ID).Order("id").Scan(context.Background()))
	require.Equal(t, []string{"create", "update", "move"}, []string{trail[0].Action, trail[1].Action, trail[2].Action})
	require.Equal(t, "Rà soát thủ tục", jsonField(t, trail[1].Before, "title"))
	require.Equal(t, "Rà soát, đơn giản hóa thủ tục", jsonField(t, trail[1].After, "title"))

	// Delete: version in the query.
	require.Equal(t, http.StatusUnprocessableEntity, e.api(secretariat, http.MethodDelete, fmt.Sprintf("/api/v1/tasks/%d", tk2.ID), "").Code)
	require.Equal(t, http.StatusConflict, e.api(secretariat, http.MethodDelete, fmt.Sprintf("/api/v1/tasks/%d?version=%d", tk2.ID, tk2.Version+1), "").Code)
	require.Equal(t, http.StatusNoContent, e.api(secretariat, http.MethodDelete, fmt.Sprintf("/api/v1/tasks/%d?version=%d", tk2.ID, tk2.Version), "").Code)
	require.Equal(t, http.StatusNotFound, e.api(admin, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%d", tk2.ID), "").Code)
	require.Equal(t, http.StatusUnprocessableEntity, e.api(secretariat, http.MethodDelete, fmt.Sprintf("/api/v1/areas/%d?version=%d", a2.ID, a2.Version), "").Code, "area I still has a task")
	require.Equal(t, http.StatusNoContent, e.api(secretariat, http.MethodDelete, fmt.Sprintf("/api/v1/areas/%d?version=%d", a1.ID, a1.Version), "").Code)

	// States: the secretariat edits but does not issue; a leader issues and closes; only an admin reopens.
	require.Equal(t, http.StatusForbidden, e.api(secretariat, http.MethodPost, path+"/issue", fmt.Sprintf(`{"version": %d}`, p.Version)).Code)
	require.Equal(t, http.StatusConflict, e.api(leader, http.MethodPost, path+"/issue", fmt.Sprintf(`{"version": %d}`, p.Version-1)).Code)
	r = e.api(leader, http.MethodPost, path+"/issue", fmt.Sprintf(`{"version": %d}`, p.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	cp := decode[planDetail](t, r)
	require.Equal(t, "issued", cp.State)
	r = e.api(leader, http.MethodPost, path+"/close", fmt.Sprintf(`{"version": %d}`, cp.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	cp = decode[planDetail](t, r)
	require.Equal(t, http.StatusUnprocessableEntity, e.api(secretariat, http.MethodPatch, taskPath, fmt.Sprintf(`{"version": %d, "title": "X"}`, tk.Version)).Code, "a closed plan is frozen")
	require.Equal(t, http.StatusForbidden, e.api(leader, http.MethodPost, path+"/reopen", fmt.Sprintf(`{"version": %d}`, cp.Version)).Code)
	r = e.api(admin, http.MethodPost, path+"/reopen", fmt.Sprintf(`{"version": %d}`, cp.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Equal(t, "issued", decode[planDetail](t, r).State)

	// Another province's plan is not found.
	foreign, err := tasks.Get(context.Background(), e.db, e.foreignTask())
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, e.api(leader, http.MethodPatch, fmt.Sprintf("/api/v1/plans/%d", foreign.PlanID), `{"version": 1, "title": "X"}`).Code)
	require.Equal(t, http.StatusNotFound, e.api(leader, http.MethodPatch, fmt.Sprintf("/api/v1/tasks/%d", foreign.ID), `{"version": 1, "title": "X"}`).Code)
	require.Equal(t, http.StatusNotFound, e.api(leader, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/tasks", foreign.PlanID), `{}`).Code)
}

func TestPlanPagesPermissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(now.Year())
	foreign, err := tasks.Get(context.Background(), e.db, e.foreignTask())
	require.NoError(t, err)
	tk := e.firstTask(now.Year(), "not_started")
	for email, want := range map[string][3]int{ // edit page, task edit page, foreign edit page
		admin: {200, 200, 200}, leader: {200, 200, 404}, secretariat: {200, 200, 404}, officer: {403, 403, 404}, viewer: {403, 403, 404},
	} {
		c := e.browser(email)
		require.Equal(t, want[0], e.page(c, fmt.Sprintf("/plans/%d/edit", id)).Code, email)
		require.Equal(t, want[1], e.page(c, fmt.Sprintf("/tasks/%d/edit", tk.ID)).Code, email)
		require.Equal(t, want[2], e.page(c, fmt.Sprintf("/plans/%d/edit", foreign.PlanID)).Code, email)
		if want[1] != http.StatusOK {
			r := e.form(c, fmt.Sprintf("/tasks/%d/edit", tk.ID), url.Values{"version": {fmt.Sprint(tk.Version)}, "title": {"X"}, "lead_unit": {"PTP"}, "deadline": {"Quý IV"}}, nil)
			require.Equal(t, want[1], r.Code, email)
		}
	}
	var cur taskJSON
	e.getJSON(fmt.Sprintf("/api/v1/tasks/%d", tk.ID), &cur)
	require.Equal(t, tk.Title, cur.Title, "refused edits wrote nothing")
	require.Equal(t, tk.Version, cur.Version)

	// The page shows only the actions the user may take.
	page := e.page(e.browser(secretariat), fmt.Sprintf("/plans/%d/edit", id))
	require.Contains(t, page.Body, "Thêm nhiệm vụ")
	require.NotContains(t, page.Body, `value="close"`, "the secretariat does not close plans")
	page = e.page(e.browser(leader), fmt.Sprintf("/plans/%d/edit", id))
	require.Contains(t, page.Body, `value="close"`)
	require.NotContains(t, page.Body, `value="reopen"`)
	require.Equal(t, http.StatusForbidden, e.page(e.browser(officer), "/plans/new").Code)
	require.Equal(t, http.StatusForbidden, e.page(e.browser(viewer), "/plans/import").Code)
}

func TestPlanPagesFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.browser(secretariat)

	require.Equal(t, http.StatusOK, e.page(c, "/plans/new").Code)
	r := e.form(c, "/plans/new", url.Values{"unit": {"TP"}, "year": {"2024"}, "title": {"Trùng"}, "cutoff_scheme": {"decree"}}, nil)
	require.Equal(t, http.StatusConflict, r.Code)
	require.Contains(t, r.Body, "Đơn vị đã có kế hoạch của năm này.")
	require.Contains(t, r.Body, `value="Trùng"`, "the form keeps what was typed")
	r = e.form(c, "/plans/new", url.Values{"unit": {"TP"}, "year": {"2027"}, "number": {"5/KH-UBND"}, "cutoff_scheme": {"decree"}, "require_confirmation": {"1"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	edit := r.Head.Get("Location")
	require.Regexp(t, `^/plans/\d+/edit$`, edit)
	var planID int64
	_, err := fmt.Sscanf(edit, "/plans/%d/edit", &planID)
	require.NoError(t, err)

	r = e.form(c, fmt.Sprintf("/plans/%d/areas", planID), url.Values{"name": {"Cải cách thủ tục hành chính"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	areas, err := plans.Areas(context.Background(), e.db, planID)
	require.NoError(t, err)
	require.Len(t, areas, 1)

	newTask := fmt.Sprintf("/plans/%d/tasks/new?area=%d", planID, areas[0].ID)
	page := e.page(c, newTask)
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, `hx-get="/deadline?year=2027"`)
	require.Contains(t, page.Body, `hx-get="/units/search?within=TP"`)

	form := url.Values{"area": {fmt.Sprint(areas[0].ID)}, "number": {"1"}, "title": {"Công bố thủ tục hành chính"}, "lead_unit": {"PTP"},
		"coordinators": {"PNV", "VP"}, "output": {"Quyết định"}, "deadline": {"Trước 31/2"}}
	r = e.form(c, fmt.Sprintf("/plans/%d/tasks", planID), form, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "có ngày không tồn tại")
	require.Contains(t, r.Body, "Công bố thủ tục hành chính", "the form keeps the title")
	require.Contains(t, r.Body, `value="PNV" checked`, "and the coordinators")
	form.Set("deadline", "Quý III")
	r = e.form(c, fmt.Sprintf("/plans/%d/tasks", planID), form, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	ts, err := tasks.ForPlan(context.Background(), e.db, planID)
	require.NoError(t, err)
	require.Len(t, ts, 1)
	tk := ts[0]
	require.Len(t, tk.Coordinators, 2)

	// Edit with a stale version: 409, what was typed is kept, nothing written.
	edit2 := url.Values{"version": {fmt.Sprint(tk.Version + 1)}, "number": {"1"}, "title": {"Tiêu đề mới"}, "lead_unit": {"PNV"}, "coordinators": {"VP"}, "deadline": {"Quý IV"}}
	r = e.form(c, fmt.Sprintf("/tasks/%d/edit", tk.ID), edit2, nil)
	require.Equal(t, http.StatusConflict, r.Code)
	require.Contains(t, r.Body, "Tiêu đề mới")
	same, err := tasks.Get(context.Background(), e.db, tk.ID)
	require.NoError(t, err)
	require.Equal(t, tk.Title, same.Title)
	edit2.Set("version", fmt.Sprint(tk.Version))
	r = e.form(c, fmt.Sprintf("/tasks/%d/edit", tk.ID), edit2, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	same, err = tasks.Get(context.Background(), e.db, tk.ID)
	require.NoError(t, err)
	require.Equal(t, "Tiêu đề mới", same.Title)
	require.Equal(t, "PNV", same.LeadUnit.Code)
	require.Equal(t, "update", e.lastAudit("task", tk.ID).Action)

	// Move, remove; then the plan page lists it no more.
	r = e.form(c, fmt.Sprintf("/tasks/%d/delete", tk.ID), url.Values{"version": {fmt.Sprint(same.Version)}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Equal(t, "delete", e.lastAudit("task", tk.ID).Action)
	page = e.page(c, edit)
	require.Contains(t, page.Body, "Chưa có nhiệm vụ nào.")

	// The draft is deleted from its edit page.
	p, err := plans.Get(context.Background(), e.db, planID)
	require.NoError(t, err)
	r = e.form(c, fmt.Sprintf("/plans/%d/delete", planID), url.Values{"version": {fmt.Sprint(p.Version)}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Equal(t, http.StatusNotFound, e.page(c, edit).Code)
}

func TestIssuedTaskReassignmentIsAudited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own, _, _ := e.justiceTasks()
	r := e.api(secretariat, http.MethodPatch, fmt.Sprintf("/api/v1/tasks/%d", own.ID), fmt.Sprintf(`{"version": %d, "lead_unit": "PNV"}`, own.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	a := e.lastAudit("task", own.ID)
	require.Equal(t, "reassign", a.Action)
	require.Equal(t, "noivu@cchc.test", a.Actor)
}

func TestDeadlinePreview(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.browser(officer)
	hx := map[string]string{"HX-Request": "true"}
	r := e.send(c, http.MethodGet, "/deadline?year=2026&deadline="+url.QueryEscape("Quý II"), nil, hx)
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "30/06/2026")
	require.Contains(t, r.Body, `id="deadline-preview"`)
	require.NotContains(t, r.Body, "<html")
	r = e.send(c, http.MethodGet, "/deadline?year=2026&deadline="+url.QueryEscape("Thường xuyên"), nil, hx)
	require.Contains(t, r.Body, "không bao giờ quá hạn")
	r = e.send(c, http.MethodGet, "/deadline?year=2026&deadline="+url.QueryEscape("Quý V"), nil, hx)
	require.Contains(t, r.Body, "field-error")
	require.Contains(t, r.Body, "Thời hạn “Quý V” có quý không tồn tại")
	r = e.send(c, http.MethodGet, "/deadline?year=2026&deadline="+url.QueryEscape("Trước tháng 6"), nil, hx)
	require.Contains(t, r.Body, "không rõ")
	require.Equal(t, http.StatusSeeOther, e.page(e.client(), "/deadline?deadline=x").Code, "signed-in users only")
}

func TestUnitSearch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hx := map[string]string{"HX-Request": "true"}
	r := e.send(e.browser(viewer), http.MethodGet, "/units/search?q="+url.QueryEscape("Phong Tu phap"), nil, hx)
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "Phòng Tư pháp")
	require.Contains(t, r.Body, `hx-get="/units/pick?code=PTP"`)
	require.NotContains(t, r.Body, "Phòng Nội vụ")
	r = e.send(e.browser(leader), http.MethodGet, "/units/search?q="+url.QueryEscape("dong giang"), nil, hx)
	require.NotContains(t, r.Body, "Đông Giang", "another province is not in the tree the leader sees")
	r = e.send(e.browser(admin), http.MethodGet, "/units/search?q="+url.QueryEscape("so noi vu dong giang"), nil, hx)
	require.Contains(t, r.Body, "Sở Nội vụ tỉnh Đông Giang")
	r = e.send(e.browser(leader), http.MethodGet, "/units/search?within=TP&q="+url.QueryEscape("HOA AN"), nil, hx)
	require.Contains(t, r.Body, "UBND phường Hòa An")
	r = e.send(e.browser(leader), http.MethodGet, "/units/pick?code=PTP", nil, hx)
	require.Contains(t, r.Body, `name="coordinators" value="PTP" checked`)
	require.Equal(t, http.StatusNotFound, e.send(e.browser(leader), http.MethodGet, "/units/pick?code=DG", nil, hx).Code)
}

func TestCloneThroughAPIAndPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	src := e.planID(2024)
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/clone", e.planID(now.Year())), "").Code)
	r := e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/clone", src), "")
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	c := decode[planDetail](t, r)
	require.Equal(t, 2025, c.Year)
	require.Equal(t, "draft", c.State)
	var orig, cloned planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", src), &orig)
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", c.ID), &cloned)
	require.Len(t, cloned.Areas, 8)
	n, continuous := 0, 0
	for i, a := range orig.Areas {
		require.Equal(t, a.Name, cloned.Areas[i].Name)
		for j, tk := range a.Tasks {
			ct := cloned.Areas[i].Tasks[j]
			n++
			require.Equal(t, tk.Title, ct.Title)
			require.Equal(t, tk.LeadUnit.Code, ct.LeadUnit.Code)
			require.Equal(t, tk.Deadline.Kind, ct.Deadline.Kind)
			switch tk.Deadline.Kind {
			case "continuous":
				continuous++
				require.Equal(t, tk.Deadline.Text, ct.Deadline.Text)
			case "recurring":
				require.Equal(t, tk.Deadline.Text, ct.Deadline.Text)
			default:
				require.Equal(t, strings.Replace(tk.Deadline.Date, "2024", "2025", 1)[:7], ct.Deadline.Date[:7], "%s → %s", tk.Deadline.Text, ct.Deadline.Text)
				require.NotContains(t, ct.Deadline.Text, "2024")
			}
		}
	}
	require.Equal(t, 59, n)
	require.Positive(t, continuous)
	require.Equal(t, http.StatusConflict, e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/clone", src), `{"year": 2025}`).Code)

	// The page's clone form makes the current plan next year's draft.
	br := e.browser(leader)
	cur := e.planID(now.Year())
	resp := e.form(br, fmt.Sprintf("/plans/%d/clone", cur), url.Values{"year": {"2027"}}, nil)
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body)
	page := e.page(br, resp.Head.Get("Location"))
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, "2027")
	require.Contains(t, page.Body, "Dự thảo")
	resp = e.form(br, fmt.Sprintf("/plans/%d/clone", cur), url.Values{"year": {"2027"}}, nil)
	require.Equal(t, http.StatusConflict, resp.Code)
}

func TestCascadeVisibleOnParentTask(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	parentPlan := e.planID(now.Year())
	// Every unit of the demo province has its plan already: a new department
	// leads a new task of the province plan.
	ctx := context.Background()
	root, err := units.ByCode(ctx, e.db, demo.RootCode)
	require.NoError(t, err)
	require.NoError(t, units.Create(ctx, e.db, &units.Unit{Code: "SNGV", Name: "Sở Ngoại vụ", Kind: units.KindDepartment, ParentID: root.ID}))
	areas, err := plans.Areas(ctx, e.db, parentPlan)
	require.NoError(t, err)
	r := e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/tasks", parentPlan),
		fmt.Sprintf(`{"area_id": %d, "title": "Cải cách thủ tục lãnh sự", "lead_unit": "SNGV", "deadline": "Quý IV"}`, areas[0].ID))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/cascade", parentPlan), `{"unit": "SNGV"}`).Code)
	require.Equal(t, http.StatusUnprocessableEntity, e.api(leader, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/cascade", parentPlan), `{"unit": "TP"}`).Code)

	// The page offers the units that lead tasks.
	br := e.browser(leader)
	page := e.page(br, fmt.Sprintf("/plans/%d/cascade", parentPlan))
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, `<option value="SNGV"`)
	r = e.form(br, fmt.Sprintf("/plans/%d/cascade", parentPlan), url.Values{"unit": {"SNGV"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	var childID int64
	_, err = fmt.Sscanf(r.Head.Get("Location"), "/plans/%d/edit", &childID)
	require.NoError(t, err)
	require.Equal(t, http.StatusConflict, e.api(leader, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/cascade", parentPlan), `{"unit": "SNGV"}`).Code)

	var parent, child planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", parentPlan), &parent)
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", childID), &child)
	require.Equal(t, "SNGV", child.Unit.Code)
	led := 0
	for _, a := range parent.Areas {
		for _, tk := range a.Tasks {
			if tk.LeadUnit.Code == "SNGV" {
				led++
			}
		}
	}
	var childTasks []taskJSON
	for _, a := range child.Areas {
		childTasks = append(childTasks, a.Tasks...)
	}
	require.Len(t, childTasks, led)
	first, err := tasks.Get(ctx, e.db, childTasks[0].ID)
	require.NoError(t, err)
	require.NotZero(t, first.ParentTaskID)

	// The unit's plan is issued; the secretariat records the unit's task as done.
	cp, err := plans.Get(context.Background(), e.db, childID)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, e.api(leader, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/issue", childID), fmt.Sprintf(`{"version": %d}`, cp.Version)).Code)
	r = e.api(secretariat, http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", first.ID),
		fmt.Sprintf(`{"completed": true, "note": "Đã ban hành văn bản", "evidence": {"number": "77/QĐ-PTP", "date": "2026-11-20"}, "version": %d}`, first.Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)

	// The parent task shows it (the lead's task page embeds this block).
	page = e.send(br, http.MethodGet, fmt.Sprintf("/tasks/%d/links", first.ParentTaskID), nil, map[string]string{"HX-Request": "true"})
	require.Equal(t, http.StatusOK, page.Code)
	require.Contains(t, page.Body, `id="linked-tasks"`)
	require.Contains(t, page.Body, "Sở Ngoại vụ")
	require.Contains(t, page.Body, "Hoàn thành")
	require.Contains(t, page.Body, fmt.Sprintf(`href="/tasks/%d"`, first.ID))
	r = e.api(viewer, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%d/links", first.ParentTaskID), "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	links := decode[struct {
		Parent   *struct{ Task taskJSON }
		Children []struct {
			Plan planJSON
			Task taskJSON
		}
	}](t, r)
	require.Nil(t, links.Parent)
	require.Len(t, links.Children, 1)
	require.Contains(t, links.Children[0].Task.Status, "completed")
	r = e.api(viewer, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%d/links", first.ID), "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, `"parent":{`)
}

// annexOf is the exported annex of a plan, built as the export does.
func (e *env) annexOf(planID int64) []byte {
	e.t.Helper()
	ctx := context.Background()
	p, err := plans.Get(ctx, e.db, planID)
	require.NoError(e.t, err)
	as, err := plans.Areas(ctx, e.db, planID)
	require.NoError(e.t, err)
	ts, err := tasks.ForPlan(ctx, e.db, planID)
	require.NoError(e.t, err)
	var buf bytes.Buffer
	require.NoError(e.t, annex.Write(&buf, p, as, ts))
	return buf.Bytes()
}

// upload posts a multipart form with a file, from a browser or (c nil) the API as email.
func (e *env) upload(c *http.Client, email, path string, fields map[string]string, file []byte, name string) response {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(e.t, mw.WriteField(k, v))
	}
	if file != nil {
		fw, err := mw.CreateFormFile("file", name)
		require.NoError(e.t, err)
		_, err = fw.Write(file)
		require.NoError(e.t, err)
	}
	require.NoError(e.t, mw.Close())
	hdr := map[string]string{"Content-Type": mw.FormDataContentType()}
	if c == nil {
		hdr["Authorization"] = "Bearer " + e.token(email)
		c = http.DefaultClient
	}
	return e.send(c, http.MethodPost, path, &buf, hdr)
}

var confirmAction = regexp.MustCompile(`action="/plans/import/(\d+)"`)

func TestUploadPreviewAndConfirm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	file := e.annexOf(e.planID(2024))
	c := e.browser(secretariat)
	require.Equal(t, http.StatusOK, e.page(c, "/plans/import").Code)
	plansBefore := e.count("plans")

	r := e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2025", "title": "Kế hoạch CCHC năm 2025"}, file, "phu-luc.xlsx")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, "8 nội dung, 59 nhiệm vụ")
	require.Contains(t, r.Body, "Phòng Tư pháp")
	require.Contains(t, r.Body, "30/06/2025", "deadlines are shown as read for the year")
	m := confirmAction.FindStringSubmatch(r.Body)
	require.NotNil(t, m, r.Body)
	require.Equal(t, plansBefore, e.count("plans"), "a preview writes no plan")

	// Someone else cannot confirm another user's upload.
	other := e.form(e.browser(leader), "/plans/import/"+m[1], nil, nil)
	require.Equal(t, http.StatusSeeOther, other.Code)
	require.Equal(t, "/plans/import", other.Head.Get("Location"))
	require.Equal(t, plansBefore, e.count("plans"))

	r = e.form(c, "/plans/import/"+m[1], nil, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	var id int64
	_, err := fmt.Sscanf(r.Head.Get("Location"), "/plans/%d/edit", &id)
	require.NoError(t, err)
	var p planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", id), &p)
	require.Equal(t, 2025, p.Year)
	require.Equal(t, "Kế hoạch CCHC năm 2025", p.Title)
	require.Equal(t, "draft", p.State)
	require.Len(t, p.Areas, 8)
	require.Zero(t, e.count("plan_imports"), "the upload is forgotten once used")
	again := e.form(c, "/plans/import/"+m[1], nil, nil)
	require.Equal(t, http.StatusSeeOther, again.Code)
	require.Equal(t, plansBefore+1, e.count("plans"))
}

// faultyAnnex has an unknown unit, a bad deadline, a missing lead and an empty title.
func faultyAnnex(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm (Kết quả)", "Thời gian hoàn thành"},
		{"I", "Cải cách thể chế"},
		{"1", "Rà soát văn bản", "Phòng Tư pháp", "Phòng Nội vụ", "Báo cáo", "Quý II"},
		{"2", "Kiểm tra", "Sở Không Có", "", "Báo cáo", "Quý II"},
		{"3", "Tập huấn", "Phòng Nội vụ", "", "Hội nghị", "Sớm nhất có thể"},
		{"4", "Tuyên truyền", "", "", "Tin bài", "Quý III"},
		{"5", "", "Phòng Nội vụ", "", "Báo cáo", "Quý IV"},
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	require.NoError(t, f.MergeCell("Sheet1", "B2", "F2"))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

func TestFaultyUploadWritesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c, off := e.browser(secretariat), e.browser(officer)
	before := [3]int{e.count("plans"), e.count("tasks"), e.count("audit_log")}

	r := e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2025"}, faultyAnnex(t), "loi.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, `id="import-errors"`)
	for _, want := range []string{"Sở Không Có", "Sớm nhất có thể", ">4<", ">5<", ">6<", ">7<"} {
		require.Contains(t, r.Body, want)
	}
	require.NotRegexp(t, confirmAction, r.Body, "no confirmation offered")
	require.Equal(t, before, [3]int{e.count("plans"), e.count("tasks"), e.count("audit_log")})
	require.Zero(t, e.count("plan_imports"))

	// A Word file renamed .xlsx, and no file at all.
	r = e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2025"}, []byte("PK\x03\x04 not really a workbook"), "ke-hoach.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "không phải bảng tính Excel")
	r = e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2025"}, nil, "")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	r = e.upload(c, "", "/plans/import", map[string]string{"unit": "TP", "year": "2024"}, faultyAnnex(t), "x.xlsx")
	require.Equal(t, http.StatusConflict, r.Code, "the unit has that year's plan")
	r = e.upload(off, "", "/plans/import", map[string]string{"unit": "PTP", "year": "2025"}, faultyAnnex(t), "x.xlsx")
	require.Equal(t, http.StatusForbidden, r.Code)
	require.Equal(t, before, [3]int{e.count("plans"), e.count("tasks"), e.count("audit_log")})
}

func TestExportImportRoundTripAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, src := range []int64{e.planID(2024), e.planID(now.Year())} {
		r := e.api(admin, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/export.xlsx", src), "")
		require.Equal(t, http.StatusOK, r.Code, r.Body)
		require.Equal(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Head.Get("Content-Type"))
		require.Contains(t, r.Head.Get("Content-Disposition"), ".xlsx")
		file := []byte(r.Body)

		var orig planJSON
		e.getJSON(fmt.Sprintf("/api/v1/plans/%d", src), &orig)
		year := "2028"
		if orig.Year == 2024 {
			year = "2023" // the 2024 annex's deadlines without a year stay in range either way
		}
		dry := e.upload(nil, secretariat, "/api/v1/plans/import", map[string]string{"unit": orig.Unit.Code, "year": year, "dry_run": "true"}, file, "x.xlsx")
		require.Equal(t, http.StatusOK, dry.Code, dry.Body)
		require.Contains(t, dry.Body, `"summary":"8 nội dung,`)
		require.Equal(t, http.StatusCreated, e.upload(nil, secretariat, "/api/v1/plans/import", map[string]string{"unit": orig.Unit.Code, "year": year}, file, "x.xlsx").Code)
		var ps []planJSON
		e.getJSON("/api/v1/plans", &ps)
		var copyID int64
		for _, p := range ps {
			if fmt.Sprint(p.Year) == year {
				copyID = p.ID
			}
		}
		var imported planJSON
		e.getJSON(fmt.Sprintf("/api/v1/plans/%d", copyID), &imported)
		require.Equal(t, len(orig.Areas), len(imported.Areas))
		for i, a := range orig.Areas {
			require.Equal(t, a.Name, imported.Areas[i].Name)
			require.Equal(t, a.Label, imported.Areas[i].Label)
			require.Equal(t, len(a.Tasks), len(imported.Areas[i].Tasks))
			for j, tk := range a.Tasks {
				got := imported.Areas[i].Tasks[j]
				require.Equal(t, tk.Number, got.Number)
				require.Equal(t, tk.Title, got.Title)
				require.Equal(t, tk.LeadUnit, got.LeadUnit)
				require.Equal(t, tk.CoordinatingUnits, got.CoordinatingUnits)
				require.Equal(t, tk.Deadline.Text, got.Deadline.Text)
				require.Equal(t, tk.Deadline.Kind, got.Deadline.Kind)
			}
		}
	}

	// The API refuses a faulty annex with every faulty row.
	r := e.upload(nil, secretariat, "/api/v1/plans/import", map[string]string{"unit": "TP", "year": "2030"}, faultyAnnex(t), "x.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	var bad struct {
		Code string
		Rows []struct {
			Row            int
			Column, Reason string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(r.Body), &bad))
	require.Equal(t, "invalid_input", bad.Code)
	rows := map[int]bool{}
	for _, x := range bad.Rows {
		rows[x.Row] = true
		require.NotEmpty(t, x.Reason)
	}
	require.Equal(t, map[int]bool{4: true, 5: true, 6: true, 7: true}, rows)
	require.Equal(t, http.StatusForbidden, e.api(officer, http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/export.xlsx", e.planID(now.Year())), "").Code, "a partial view does not export the whole annex")
	c := e.browser(viewer)
	page := e.send(c, http.MethodGet, fmt.Sprintf("/plans/%d/export.xlsx", e.planID(2024)), nil, nil)
	require.Equal(t, http.StatusOK, page.Code)
	_, err := excelize.OpenReader(strings.NewReader(page.Body))
	require.NoError(t, err)
}

func TestAliasesPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	require.Equal(t, http.StatusForbidden, e.page(e.browser(secretariat), "/admin/aliases").Code)
	c := e.browser(admin)
	require.Equal(t, http.StatusOK, e.page(c, "/admin/aliases").Code)
	r := e.form(c, "/admin/aliases", url.Values{"alias": {"Phòng TP"}, "unit": {"PTP"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	page := e.page(c, "/admin/aliases")
	require.Contains(t, page.Body, "Phòng TP")
	r = e.form(c, "/admin/aliases", url.Values{"alias": {"PHÒNG  TP"}, "unit": {"PNV"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "đã được dùng")
	as, err := annex.Aliases(context.Background(), e.db)
	require.NoError(t, err)
	require.Len(t, as, 1)
	r = e.form(c, fmt.Sprintf("/admin/aliases/%d/delete", as[0].ID), nil, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.Equal(t, http.StatusNotFound, e.form(c, fmt.Sprintf("/admin/aliases/%d/delete", as[0].ID), nil, nil).Code)
}

func TestPlanStateAndAreaForms(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	p := decode[planDetail](t, e.api(leader, http.MethodPost, "/api/v1/plans", `{"unit": "TP", "year": 2027}`))
	a1 := decode[areaDetail](t, e.api(leader, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/areas", p.ID), `{"name": "Cải cách thể chế"}`))
	a2 := decode[areaDetail](t, e.api(leader, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/areas", p.ID), `{"name": "Công tác chỉ đạo"}`))
	require.Equal(t, http.StatusCreated, e.api(leader, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/tasks", p.ID),
		fmt.Sprintf(`{"area_id": %d, "number": "1", "title": "Rà soát", "lead_unit": "PTP", "deadline": "Quý II"}`, a1.ID)).Code)

	c := e.browser(leader)
	r := e.form(c, fmt.Sprintf("/areas/%d/move", a2.ID), url.Values{"version": {fmt.Sprint(a2.Version)}, "position": {"1"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	r = e.form(c, fmt.Sprintf("/areas/%d", a2.ID), url.Values{"version": {fmt.Sprint(a2.Version)}, "name": {"X"}}, nil)
	require.Equal(t, http.StatusConflict, r.Code, "the move bumped the version")
	require.Contains(t, r.Body, `id="form-error"`)
	r = e.form(c, fmt.Sprintf("/areas/%d", a2.ID), url.Values{"version": {fmt.Sprint(a2.Version + 1)}, "name": {"Công tác chỉ đạo, điều hành"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	r = e.form(c, fmt.Sprintf("/areas/%d/delete", a1.ID), url.Values{"version": {fmt.Sprint(a1.Version)}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "còn 1 nhiệm vụ")
	page := e.page(c, fmt.Sprintf("/plans/%d/edit", p.ID))
	require.Contains(t, page.Body, "I. Công tác chỉ đạo, điều hành")
	require.Contains(t, page.Body, "II. Cải cách thể chế")

	// Issue and close from the page; the secretariat may not.
	require.Equal(t, http.StatusForbidden, e.form(e.browser(secretariat), fmt.Sprintf("/plans/%d/state", p.ID), url.Values{"action": {"issue"}, "version": {fmt.Sprint(p.Version)}}, nil).Code)
	r = e.form(c, fmt.Sprintf("/plans/%d/state", p.ID), url.Values{"action": {"issue"}, "version": {fmt.Sprint(p.Version)}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	r = e.form(c, fmt.Sprintf("/plans/%d/state", p.ID), url.Values{"action": {"close"}, "version": {fmt.Sprint(p.Version)}}, nil)
	require.Equal(t, http.StatusConflict, r.Code)
	cur, err := plans.Get(context.Background(), e.db, p.ID)
	require.NoError(t, err)
	require.Equal(t, plans.StateIssued, cur.State)
	require.False(t, cur.IssuedOn.IsZero())
	page = e.page(c, fmt.Sprintf("/plans/%d/edit", p.ID))
	require.Contains(t, page.Body, `value="close"`)
	require.NotContains(t, page.Body, `value="issue"`)
	require.NotContains(t, page.Body, "Xóa dự thảo", "an issued plan is not deleted")
}

func TestOversizedUpload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	big := bytes.Repeat([]byte("PK\x03\x04"), (10<<20+1<<19)/4) // 10.5 MiB: over annex.MaxFileSize, under the body limits
	r := e.upload(e.browser(secretariat), "", "/plans/import", map[string]string{"unit": "TP", "year": "2025"}, big, "lon.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "Tệp quá lớn")
	r = e.upload(nil, secretariat, "/api/v1/plans/import", map[string]string{"unit": "TP", "year": "2025"}, big, "lon.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "Tệp quá lớn")
	require.Zero(t, e.count("plan_imports"))
}
