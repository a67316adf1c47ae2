package ui

import (
	"net/http"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/web/response"
)

// userError is the message shown in a form for an error a user can fix
// (4xx), or false for one that deserves the error page.
func userError(r *http.Request, err error) (int, string, bool) {
	status, _ := response.Status(err)
	if status >= 500 || status == http.StatusNotFound || status == http.StatusForbidden || status == http.StatusUnauthorized {
		return status, "", false
	}
	return status, errs.Message(i18n.FromRequest(r), err), true
}

// Error renders the error page with the status response.Status decides.
func (h *Handler) Error(w http.ResponseWriter, r *http.Request, err error) {
	status, _ := response.Status(err)
	if status >= 500 && r.Context().Err() == nil { // a browser that went away is no failure of ours
		h.log.Error("page", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	h.render(w, r, status, "error", map[string]any{"Status": status, "Message": errs.Message(i18n.FromRequest(r), err)})
}
