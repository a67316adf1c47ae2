package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"cchc/accounts"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/reminders"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

var (
	errNoRoute = errors.New("web: no such route")
	// errBadRequest wraps input that could not even be read (bad JSON, bad date).
	errBadRequest = errors.New("web: bad request")
)

// badRequest is unreadable input with a message for the user.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return "web: " + e.msg }
func (e *badRequest) Unwrap() error { return errBadRequest }

// classify maps a domain error to its HTTP status, machine code and the
// message a user may see. It is the only place that decides a status.
func classify(err error) (status int, code, msg string) {
	var inv *tasks.InvalidError
	var accInv *accounts.InvalidError
	var unitInv *units.InvalidError
	var bad *badRequest
	var throttled *accounts.ThrottledError
	var remInv *reminders.InvalidError
	switch {
	case errors.Is(err, accounts.ErrUnauthenticated):
		return http.StatusUnauthorized, "unauthenticated", "Cần đăng nhập (hoặc mã truy cập API không hợp lệ)."
	case errors.Is(err, accounts.ErrForbidden):
		return http.StatusForbidden, "forbidden", "Bạn không có quyền thực hiện thao tác này."
	case errors.Is(err, accounts.ErrHidden):
		return http.StatusNotFound, "not_found", "Không tìm thấy."
	case errors.As(err, &throttled):
		return http.StatusTooManyRequests, "throttled", fmt.Sprintf("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút.", throttled.Minutes())
	case errors.Is(err, accounts.ErrBadCredentials):
		return http.StatusUnauthorized, "bad_credentials", "E-mail hoặc mật khẩu không đúng."
	case errors.Is(err, accounts.ErrEmailTaken):
		return http.StatusConflict, "exists", "E-mail này đã được dùng cho tài khoản khác."
	case errors.Is(err, units.ErrCodeTaken):
		return http.StatusConflict, "exists", "Mã đơn vị này đã được dùng."
	case errors.As(err, &unitInv):
		return http.StatusUnprocessableEntity, "invalid_input", capitalize(unitInv.Message)
	case errors.As(err, &accInv):
		return http.StatusUnprocessableEntity, "invalid_input", capitalize(accInv.Message)
	case errors.Is(err, accounts.ErrNotFound):
		return http.StatusNotFound, "not_found", "Không tìm thấy."
	case errors.As(err, &inv):
		return http.StatusUnprocessableEntity, "invalid_input", capitalize(inv.Message)
	case errors.As(err, &remInv):
		return http.StatusUnprocessableEntity, "invalid_input", capitalize(remInv.Message)
	case errors.As(err, &bad):
		return http.StatusUnprocessableEntity, "invalid_input", bad.msg
	case errors.Is(err, reports.ErrInvalid):
		return http.StatusUnprocessableEntity, "invalid_input", capitalize(strings.TrimPrefix(err.Error(), reports.ErrInvalid.Error()+": "))
	case errors.Is(err, tasks.ErrNothingToReview):
		return http.StatusConflict, "nothing_to_review", "Nhiệm vụ không có báo cáo hoàn thành nào đang chờ xác nhận."
	case errors.Is(err, tasks.ErrNoPendingExtension):
		return http.StatusConflict, "nothing_to_decide", "Nhiệm vụ không có đề nghị gia hạn nào đang chờ quyết định."
	case errors.Is(err, plans.ErrStale):
		return http.StatusConflict, "stale_version", "Kế hoạch vừa được người khác cập nhật; hãy tải lại trang và nhập lại."
	case errors.Is(err, tasks.ErrStale):
		return http.StatusConflict, "stale_version", "Nhiệm vụ vừa được người khác cập nhật; hãy tải lại trang và nhập lại."
	case errors.Is(err, tasks.ErrNotFound), errors.Is(err, plans.ErrNotFound), errors.Is(err, units.ErrNotFound), errors.Is(err, reminders.ErrNotFound), errors.Is(err, errNoRoute):
		return http.StatusNotFound, "not_found", "Không tìm thấy."
	case errors.Is(err, plans.ErrExists):
		return http.StatusConflict, "exists", "Đơn vị đã có kế hoạch của năm này."
	}
	return http.StatusInternalServerError, "internal", "Lỗi hệ thống; đã ghi nhận để xử lý."
}

// userError is the message shown in a form for an error a user can fix
// (4xx), or false for one that deserves the error page.
func userError(r *http.Request, err error) (int, string, bool) {
	status, _, msg := classify(err)
	if status >= 500 || status == http.StatusNotFound || status == http.StatusForbidden || status == http.StatusUnauthorized {
		return status, "", false
	}
	return status, i18n.T(i18n.FromRequest(r), msg), true
}

// apiError answers {"error","code"} with the status classify decides.
func (h *handler) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status, code, msg := classify(err)
	if status >= 500 {
		h.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, status, map[string]string{"error": msg, "code": code})
}

// pageError renders the error page with the status classify decides.
func (h *handler) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, _, msg := classify(err)
	if status >= 500 {
		h.log.Error("page", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	h.render(w, r, status, "error", map[string]any{"Status": status, "Message": i18n.T(i18n.FromRequest(r), msg)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// capitalize starts a domain message with a capital letter for display.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
