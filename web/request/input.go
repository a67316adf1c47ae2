package request

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"unicode"
	"unicode/utf8"

	"cchc/internal/errs"
)

// MultipartMemory is how much of a multipart body is kept in memory; the
// rest of its files goes to temporary files, removed when the request ends.
const MultipartMemory = 1 << 20

type multipartErrKey struct{}

// Inputs is the one place where what a request carries is decoded before
// any handler sees it: the path, the query, a url-encoded or multipart form
// (its fields and file names, not its files' bytes) and a JSON body. Text
// holding a control character other than tab, newline and carriage return
// (a NUL byte, an escape…) or bytes that are not UTF-8 is refused with 422
// (errs.Invalid), whatever the endpoint: PostgreSQL would refuse it later
// as a failure of ours. fail writes the refusal (the error page, or the
// API's JSON).
//
// Inputs also owns multipart bodies: it parses them once (handlers read
// them with Multipart) and removes their temporary files when the request
// ends, on every path.
func Inputs(fail func(http.ResponseWriter, *http.Request, error)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := checkURL(r); err != nil {
				fail(w, r, err)
				return
			}
			var err error
			switch mediaType(r) {
			case "application/x-www-form-urlencoded":
				err = checkForm(r)
			case "multipart/form-data":
				if perr := r.ParseMultipartForm(MultipartMemory); perr != nil {
					// The handler decides what to say (its own limits, or a
					// refusal before the form matters); nothing was kept.
					r = r.WithContext(context.WithValue(r.Context(), multipartErrKey{}, perr))
					break
				}
				defer r.MultipartForm.RemoveAll() //nolint:errcheck
				err = checkMultipart(r.MultipartForm)
			default:
				if hasBody(r) {
					err = checkJSON(r)
				}
			}
			if err != nil {
				fail(w, r, err)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Multipart is the multipart form of r, parsed by Inputs, or why it could
// not be read (an *http.MaxBytesError when too large).
func Multipart(r *http.Request) (*multipart.Form, error) {
	if err, ok := r.Context().Value(multipartErrKey{}).(error); ok {
		return nil, err
	}
	if r.MultipartForm == nil {
		// Not through Inputs (or not multipart at all).
		if err := r.ParseMultipartForm(MultipartMemory); err != nil {
			return nil, err
		}
	}
	return r.MultipartForm, nil
}

// ErrControl is text with characters refused everywhere (see Inputs).
func errControl(field string) error { return errs.Bad(field, "error.control_characters", field) }

// cleanText reports whether s is UTF-8 without control characters other
// than tab, newline and carriage return (a browser sends CR LF).
func cleanText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, c := range s {
		if unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func mediaType(r *http.Request) string {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt
}

func hasBody(r *http.Request) bool {
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0
	}
	return false
}

func checkValues(vs map[string][]string) error {
	for k, list := range vs {
		if !cleanText(k) {
			return errControl("?")
		}
		for _, v := range list {
			if !cleanText(v) {
				return errControl(k)
			}
		}
	}
	return nil
}

func checkURL(r *http.Request) error {
	if !cleanText(r.URL.Path) {
		return errControl("URL")
	}
	if !cleanText(r.URL.RawQuery) {
		return errControl("URL")
	}
	return checkValues(r.URL.Query())
}

func checkForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			return errs.Bad("body", "error.body_too_large")
		}
		return errs.Bad("body", "error.bad_form")
	}
	return checkValues(r.PostForm)
}

func checkMultipart(f *multipart.Form) error {
	if err := checkValues(f.Value); err != nil {
		return err
	}
	for field, fhs := range f.File {
		if !cleanText(field) {
			return errControl("?")
		}
		for _, fh := range fhs {
			if !cleanText(fh.Filename) {
				return errControl(field)
			}
		}
	}
	return nil
}

// checkJSON reads the body and, if it is JSON, checks every string in it
// (keys and values); the body is then given back to the handler as read.
// A body that is not JSON is left for the handler to refuse.
func checkJSON(r *http.Request) error {
	data, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			return errs.Bad("body", "error.body_too_large")
		}
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(data), errReader{err}))
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// Which string is a key: a stack of the open containers, true for an
	// object still waiting for its next key.
	var wantKey []bool
	isObj := []bool{}
	key := "body"
	done := func() { // a value ended: an object wants its next key
		if n := len(wantKey); n > 0 && isObj[n-1] {
			wantKey[n-1] = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or not JSON: the handler says so
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				isObj = append(isObj, v == '{')
				wantKey = append(wantKey, v == '{')
			default:
				isObj, wantKey = isObj[:len(isObj)-1], wantKey[:len(wantKey)-1]
				done()
			}
		case string:
			if n := len(wantKey); n > 0 && isObj[n-1] && wantKey[n-1] {
				wantKey[n-1] = false
				if !cleanText(v) {
					return errControl("?")
				}
				key = v
				continue
			}
			if !cleanText(v) {
				return errControl(key)
			}
			done()
		default:
			done()
		}
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
