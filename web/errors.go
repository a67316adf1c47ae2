package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"cchc/internal/i18n"
	"cchc/plans"
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
	var bad *badRequest
	switch {
	case errors.As(err, &inv):
		return http.StatusUnprocessableEntity, "invalid_input", inv.Message
	case errors.As(err, &bad):
		return http.StatusUnprocessableEntity, "invalid_input", bad.msg
	case errors.Is(err, tasks.ErrStale):
		return http.StatusConflict, "stale_version", "Nhiệm vụ vừa được người khác cập nhật; hãy tải lại trang và nhập lại."
	case errors.Is(err, tasks.ErrNotFound), errors.Is(err, plans.ErrNotFound), errors.Is(err, units.ErrNotFound), errors.Is(err, errNoRoute):
		return http.StatusNotFound, "not_found", "Không tìm thấy."
	case errors.Is(err, plans.ErrExists):
		return http.StatusConflict, "exists", "Đơn vị đã có kế hoạch của năm này."
	}
	return http.StatusInternalServerError, "internal", "Lỗi hệ thống; đã ghi nhận để xử lý."
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
