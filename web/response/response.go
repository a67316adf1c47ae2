// Package response writes answers: JSON bodies, and the one mapping from
// an error's kind (internal/errs) to an HTTP status and API code that both
// the pages and the JSON API use.
package response

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/reports"
)

// Status is the HTTP status and machine code of err: the only place that
// decides them. The code is the error's own, else its kind's.
func Status(err error) (status int, code string) {
	kind := errs.KindOf(err)
	st, ok := statuses[kind]
	if !ok {
		return http.StatusInternalServerError, "internal"
	}
	if e, ok := errs.As(err); ok && e.Code != "" {
		return st.status, e.Code
	}
	return st.status, st.code
}

var statuses = map[*errs.Kind]struct {
	status int
	code   string
}{
	errs.Invalid:         {http.StatusUnprocessableEntity, "invalid_input"},
	errs.NotFound:        {http.StatusNotFound, "not_found"},
	errs.Stale:           {http.StatusConflict, "stale_version"},
	errs.Conflict:        {http.StatusConflict, "conflict"},
	errs.Forbidden:       {http.StatusForbidden, "forbidden"},
	errs.Unauthenticated: {http.StatusUnauthorized, "unauthenticated"},
	errs.Throttled:       {http.StatusTooManyRequests, "throttled"},
}

// JSON writes v with the status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// Error answers the JSON API's {"error", "code"} for err, in the request's
// language (Accept-Language: en for English), logging internal failures.
func Error(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status, code := Status(err)
	if status >= 500 && r.Context().Err() == nil { // a client that went away is no failure of ours
		log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := map[string]string{"error": errs.Message(i18n.FromAcceptLanguage(r), err), "code": code}
	if e, ok := errs.As(err); ok && e.Field != "" {
		body["field"] = e.Field // which input was refused, for forms built on the API
	}
	JSON(w, status, body)
}

// Attachment sends a document to download, named name (UTF-8 allowed).
func Attachment(w http.ResponseWriter, name, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, asciiName(name), url.PathEscape(name)))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}

// asciiName is name with anything but printable ASCII (and quotes) replaced,
// for the plain filename parameter.
func asciiName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			b[i] = '_'
		}
	}
	return string(b)
}

// Report sends a report document, saying which finalised version it is.
func Report(w http.ResponseWriter, doc *reports.Document) {
	if doc.Version > 0 {
		w.Header().Set("X-CCHC-Report-Version", strconv.Itoa(doc.Version))
	}
	Attachment(w, doc.Filename, doc.ContentType, doc.Body)
}
