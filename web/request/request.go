// Package request reads what a request carries — its signed-in principal,
// route parameters, dates, forms and JSON bodies — for the pages (web/ui)
// and the JSON API (web/api) alike. Bad input becomes an *errs.Error.
package request

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"cchc/app"
	"cchc/audit"
	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/reports"
	"cchc/tasks"
)

type principalKey struct{}

// WithPrincipal is ctx carrying the signed-in principal, who is also the
// actor of every audit entry written under it.
func WithPrincipal(ctx context.Context, p *authz.Principal) context.Context {
	ctx = context.WithValue(ctx, principalKey{}, p)
	return audit.WithActor(ctx, audit.Actor{UserID: p.User.ID, Name: p.User.Email})
}

// Principal is the signed-in user of the request; the auth middleware
// guarantees one on every protected route.
func Principal(r *http.Request) *authz.Principal {
	p, _ := r.Context().Value(principalKey{}).(*authz.Principal)
	return p
}

// ErrNoRoute is a request for nothing we serve.
var ErrNoRoute = errs.New(errs.NotFound, "not_found", "error.not_found")

// ID reads a numeric route parameter; anything else is "not found".
func ID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil || id <= 0 {
		return 0, ErrNoRoute
	}
	return id, nil
}

// AsOf reads ?as_of=YYYY-MM-DD, defaulting to today.
func AsOf(r *http.Request, today civil.Date) (civil.Date, error) {
	s := r.URL.Query().Get("as_of")
	if s == "" {
		return today, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return civil.Date{}, errs.Bad("as_of", "error.bad_date", s)
	}
	return d, nil
}

// DecodeJSON reads exactly one JSON object into v, refusing unknown fields.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errs.Bad("body", "error.body_too_large")
		}
		return errs.Bad("body", "error.bad_json", err.Error())
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return errs.Bad("body", "error.json_one_object")
	}
	return nil
}

// DecodeOptionalJSON decodes a JSON body if there is one.
func DecodeOptionalJSON(r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return DecodeJSON(r, v)
}

// FormInt reads an integer form field; empty is def.
func FormInt(r *http.Request, name string, def int) (int, error) {
	s := strings.TrimSpace(r.FormValue(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errs.Bad(name, "error.not_a_number", s)
	}
	return n, nil
}

// FormVersion reads the hidden version field every edit form carries.
func FormVersion(r *http.Request) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(r.FormValue("version")))
	if err != nil {
		return 0, errs.Bad("version", "error.version_missing_form")
	}
	return v, nil
}

// FormDate reads a YYYY-MM-DD form field; empty is the zero date.
func FormDate(r *http.Request, name string) (civil.Date, error) {
	s := strings.TrimSpace(r.FormValue(name))
	if s == "" {
		return civil.Date{}, nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return d, errs.Bad(name, "error.bad_date", s)
	}
	return d, nil
}

// QueryVersion reads ?version=N of a DELETE.
func QueryVersion(r *http.Request) (int, error) {
	v, err := strconv.Atoi(r.URL.Query().Get("version"))
	if err != nil {
		return 0, errs.Bad("version", "error.version_missing_query")
	}
	return v, nil
}

// MissingVersion is a JSON body without its "version".
func MissingVersion() error { return errs.Bad("version", "error.version_missing_json") }

// ReportFormat reads ?format (docx or xlsx) and ?version (N ≥ 1, or absent)
// of a report download.
func ReportFormat(r *http.Request) (reports.Format, int, error) {
	format, err := reports.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		return "", 0, err
	}
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			return "", 0, errs.Bad("version", "report.invalid_report_version")
		}
	}
	return format, version, nil
}

// Year reads ?year=YYYY, defaulting to the year of today.
func Year(r *http.Request, today civil.Date) (int, error) {
	s := strings.TrimSpace(r.URL.Query().Get("year"))
	if s == "" {
		return today.Year, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2200 {
		return 0, errs.Bad("year", "error.bad_year", s)
	}
	return y, nil
}

// Day reads a YYYY-MM-DD route parameter; anything else is not found.
func Day(r *http.Request, name string) (civil.Date, error) {
	d, err := civil.Parse(chi.URLParam(r, name))
	if err != nil {
		return civil.Date{}, ErrNoRoute
	}
	return d, nil
}

// Dashboard reads ?year, ?unit and ?as_of of a dashboard (zero: defaults).
func Dashboard(r *http.Request, today civil.Date) (app.DashboardQuery, error) {
	q := app.DashboardQuery{Unit: strings.TrimSpace(r.URL.Query().Get("unit"))}
	var err error
	if q.AsOf, err = AsOf(r, today); err != nil {
		return q, err
	}
	if s := strings.TrimSpace(r.URL.Query().Get("year")); s != "" {
		if q.Year, err = strconv.Atoi(s); err != nil {
			return q, errs.Bad("year", "error.bad_year", s)
		}
	}
	return q, nil
}

// TaskFilter reads the filters of a task list from the query string
// (status, lead, area, deadline, q, sort); a value no list knows is an
// *errs.Error naming the parameter.
func TaskFilter(r *http.Request) (tasks.Filter, error) {
	q := r.URL.Query()
	f := tasks.Filter{
		Status:   vn.Clean(q.Get("status")),
		Lead:     vn.Clean(q.Get("lead")),
		Area:     vn.OneLine(q.Get("area")),
		Deadline: vn.Clean(q.Get("deadline")),
		Q:        vn.OneLine(q.Get("q")),
		Sort:     vn.Clean(q.Get("sort")),
	}
	return f, f.Check()
}
