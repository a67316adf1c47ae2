package web_test

import (
	"archive/zip"
	"bytes"
	"cchc/demo"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCompletionClaimIsReviewed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own := e.firstTaskOf(demoJustice, "overdue")
	path := fmt.Sprintf("/api/v1/tasks/%d", own.ID)
	claim := func(version int) {
		r := e.api("tuphap@cchc.test", http.MethodPost, path+"/progress", fmt.Sprintf(`{"completed": true, "note": "Đã ban hành", "evidence": {"number": "12/QĐ-UBND"}, "version": %d}`, version))
		require.Equal(t, http.StatusCreated, r.Code, r.Body)
	}
	claim(own.Version)
	var got struct {
		taskJSON
		Pending bool `json:"pending_confirmation"`
	}
	e.getJSON(path, &got)
	require.True(t, got.Pending, "the officer's claim awaits the secretariat")
	require.NotContains(t, []string{"completed_on_time", "completed_late"}, got.Status)

	// The officer cannot confirm their own claim.
	officer := e.browser("tuphap@cchc.test")
	r := e.form(officer, fmt.Sprintf("/tasks/%d/review", own.ID), url.Values{"decision": {"confirm"}}, nil)
	require.Equal(t, http.StatusForbidden, r.Code)

	// The secretariat returns it with a reason: back in progress, the history says why.
	sec := e.browser("noivu@cchc.test")
	page := e.page(sec, fmt.Sprintf("/tasks/%d", own.ID))
	require.Contains(t, page.Body, "Xác nhận hoàn thành")
	r = e.form(sec, fmt.Sprintf("/tasks/%d/review", own.ID), url.Values{"decision": {"return"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, "a return needs a reason")
	r = e.form(sec, fmt.Sprintf("/tasks/%d/review", own.ID), url.Values{"decision": {"return"}, "reason": {"Thiếu văn bản kiểm chứng"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	e.getJSON(path, &got)
	require.False(t, got.Pending)
	require.Contains(t, e.page(officer, fmt.Sprintf("/tasks/%d", own.ID)).Body, "Trả lại: Thiếu văn bản kiểm chứng")

	// Claimed again and confirmed: now it counts.
	claim(got.Version)
	r = e.form(sec, fmt.Sprintf("/tasks/%d/review", own.ID), url.Values{"decision": {"confirm"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	e.getJSON(path, &got)
	require.Contains(t, []string{"completed_on_time", "completed_late"}, got.Status)
	r = e.form(sec, fmt.Sprintf("/tasks/%d/review", own.ID), url.Values{"decision": {"confirm"}}, nil)
	require.Equal(t, http.StatusConflict, r.Code, "nothing left to review")
}

func TestDeadlineExtension(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tk := e.firstTask(now.Year(), "overdue")
	officerOf := map[string]string{demo.JusticeCode: "tuphap@cchc.test"}
	requester := officerOf[tk.LeadUnit.Code]
	if requester == "" {
		requester = "noivu@cchc.test"
	}
	c := e.browser(requester)
	ext := func(newDate string) response {
		return e.form(c, fmt.Sprintf("/tasks/%d/extensions", tk.ID), url.Values{"new_date": {newDate}, "reason": {"Chờ hướng dẫn của tỉnh"}}, nil)
	}
	require.Equal(t, http.StatusUnprocessableEntity, ext("2020-01-01").Code, "the new deadline must be later")
	require.Equal(t, http.StatusSeeOther, ext("2026-12-15").Code)
	require.Equal(t, http.StatusUnprocessableEntity, ext("2026-12-20").Code, "one pending request at a time")

	// Only a leader decides.
	r := e.form(e.browser("noivu@cchc.test"), fmt.Sprintf("/tasks/%d/extensions/decide", tk.ID), url.Values{"decision": {"approve"}}, nil)
	require.Equal(t, http.StatusForbidden, r.Code)
	leader := e.browser("lanhdao@cchc.test")
	require.Contains(t, e.page(leader, fmt.Sprintf("/tasks/%d", tk.ID)).Body, "Đồng ý gia hạn")
	r = e.form(leader, fmt.Sprintf("/tasks/%d/extensions/decide", tk.ID), url.Values{"decision": {"approve"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)

	var got struct {
		taskJSON
		Original *string `json:"original_deadline"`
	}
	e.getJSON(fmt.Sprintf("/api/v1/tasks/%d", tk.ID), &got)
	require.Equal(t, "2026-12-15", got.Deadline.Date)
	require.NotNil(t, got.Original)
	require.Equal(t, tk.Deadline.Date, *got.Original, "the original deadline is kept")
	require.NotEqual(t, "overdue", got.Status, "within the extended deadline")

	// A second extension is allowed, a third is not.
	require.Equal(t, http.StatusSeeOther, ext("2026-12-28").Code)
	require.Equal(t, http.StatusSeeOther, e.form(leader, fmt.Sprintf("/tasks/%d/extensions/decide", tk.ID), url.Values{"decision": {"approve"}}, nil).Code)
	r = ext("2026-12-30")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "gia hạn 2 lần")
}

func docxText(t *testing.T, body []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestReportPreviewFinaliseDownload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.planID(2024)
	sec := e.browser("noivu@cchc.test")
	r := e.page(sec, fmt.Sprintf("/plans/%d/report?period=9m", id))
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "54/59 nhiệm vụ, đạt 91,5%")
	require.Contains(t, r.Body, "Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2024")
	require.Contains(t, r.Body, "Chốt báo cáo")

	// The API document, with a proper type and name.
	d := e.api("lanhdao@cchc.test", http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/report?period=9m&format=docx", id), "")
	require.Equal(t, http.StatusOK, d.Code, d.Body)
	require.Equal(t, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", d.Head.Get("Content-Type"))
	require.Contains(t, d.Head.Get("Content-Disposition"), `filename="bao-cao-cchc-9m-2024-tp.docx"`)
	text := docxText(t, []byte(d.Body))
	require.Contains(t, text, "54/59")
	require.Contains(t, text, "91,5%")
	x := e.api("lanhdao@cchc.test", http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/report?period=9m&format=xlsx", id), "")
	require.Equal(t, http.StatusOK, x.Code)
	require.Equal(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x.Head.Get("Content-Type"))
	for _, bad := range []string{"period=9m&format=pdf", "period=q5&format=docx", "format=docx"} {
		r := e.api("lanhdao@cchc.test", http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/report?%s", id, bad), "")
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, bad)
	}

	// Save the narrative, finalise; later progress does not change the download.
	r = e.form(sec, fmt.Sprintf("/plans/%d/report/narrative?period=9m", id), url.Values{"assessment": {"Nhận xét riêng của Phòng Nội vụ."}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.Equal(t, http.StatusForbidden, e.form(e.browser("xem@cchc.test"), fmt.Sprintf("/plans/%d/report/finalize?period=9m", id), nil, nil).Code)
	r = e.form(sec, fmt.Sprintf("/plans/%d/report/finalize?period=9m", id), nil, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	d = e.api("lanhdao@cchc.test", http.MethodGet, fmt.Sprintf("/api/v1/plans/%d/report?period=9m&format=docx", id), "")
	require.Equal(t, "1", d.Head.Get("X-CCHC-Report-Version"))
	require.Contains(t, docxText(t, []byte(d.Body)), "Nhận xét riêng của Phòng Nội vụ.")
	page := e.page(sec, fmt.Sprintf("/plans/%d/report/download?period=9m&format=docx&version=1", id))
	require.Equal(t, http.StatusOK, page.Code)
	require.Equal(t, http.StatusNotFound, e.page(sec, fmt.Sprintf("/plans/%d/report/download?period=9m&format=docx&version=7", id)).Code)

	// An officer sees only part of the province plan: no report for them;
	// the city's plan of 2024 is not in their tree at all.
	require.Equal(t, http.StatusForbidden, e.page(e.browser("tuphap@cchc.test"), fmt.Sprintf("/plans/%d/report", e.planID(now.Year()))).Code)
	require.Equal(t, http.StatusNotFound, e.page(e.browser("tuphap@cchc.test"), fmt.Sprintf("/plans/%d/report", id)).Code)
	require.True(t, strings.Contains(e.page(sec, fmt.Sprintf("/plans/%d/report?period=9m", id)).Body, "hiện hành"))
}

const demoJustice = demo.JusticeCode

// firstTaskOf is the first task of the current plan led by unit code in that status.
func (e *env) firstTaskOf(code, status string) taskJSON {
	e.t.Helper()
	var p planJSON
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", e.planID(now.Year())), &p)
	for _, a := range p.Areas {
		for _, tk := range a.Tasks {
			if tk.LeadUnit.Code == code && tk.Status == status {
				return tk
			}
		}
	}
	e.t.Fatalf("no %s task led by %s", status, code)
	return taskJSON{}
}

func multipartForm(t *testing.T, fields map[string]string, fileName string, data []byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("evidence_file", fileName)
		require.NoError(t, err)
		_, err = fw.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return &buf, mw.FormDataContentType()
}

func TestEvidenceFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own := e.firstTaskOf(demoJustice, "overdue")
	officer := e.browser("tuphap@cchc.test")
	post := func(name string, data []byte) response {
		var cur taskJSON
		e.getJSON(fmt.Sprintf("/api/v1/tasks/%d", own.ID), &cur)
		body, ct := multipartForm(t, map[string]string{"percent": "80", "note": "Kèm dự thảo", "version": fmt.Sprint(cur.Version)}, name, data)
		return e.send(officer, http.MethodPost, fmt.Sprintf("/tasks/%d/progress", own.ID), body, map[string]string{"Content-Type": ct})
	}
	before := e.entries(own.ID)
	// A script renamed .pdf is refused, and nothing is written.
	r := post("bao-cao.pdf", []byte("<script>alert(1)</script>"))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "không đúng loại pdf")
	r = post("virus.exe", []byte("MZ\x90\x00"))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Equal(t, before, e.entries(own.ID))

	pdf := minimalPDF("Quyết định số 45/QĐ-UBND")
	r = post("Quyết định 45.pdf", pdf)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	page := e.page(officer, fmt.Sprintf("/tasks/%d", own.ID))
	require.Contains(t, page.Body, "Quyết định 45.pdf")
	i := strings.Index(page.Body, `href="/evidence/`)
	require.Positive(t, i)
	link := page.Body[i+6 : i+6+strings.Index(page.Body[i+6:], `"`)]

	d := e.page(officer, link)
	require.Equal(t, http.StatusOK, d.Code)
	require.Equal(t, "application/pdf", d.Head.Get("Content-Type"))
	require.Contains(t, d.Head.Get("Content-Disposition"), "attachment")
	require.Equal(t, string(pdf), d.Body)
	// Users who see the task get the file; anonymous visitors are sent to sign in.
	require.Equal(t, http.StatusOK, e.page(e.browser("xem@cchc.test"), link).Code)
	require.Equal(t, http.StatusSeeOther, e.page(e.client(), link).Code, "anonymous: sign in first")
}
