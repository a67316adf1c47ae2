package request

import (
	"net/url"
	"strings"
	"unicode"
)

// LocalPath is s if it is a path of this site that is safe to redirect to
// (after sign-in, after choosing a language), else def.
//
// Browsers drop tabs and newlines anywhere in a URL and spaces and control
// characters around it, and read a backslash as a slash: "/\t/evil.example"
// and "/\evil.example" both lead to evil.example. So the control characters
// are removed first, then only a path starting with one "/" is accepted,
// never "//" or "/\" (nor encoded forms of them, however often encoded), a
// scheme, a host, a backslash or a dot segment. The result is re-encoded.
func LocalPath(s, def string) string {
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
	if !strings.HasPrefix(s, "/") || strings.ContainsRune(s, '\\') {
		return def
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return def
	}
	// u.Path is decoded once; decode again what was encoded twice or more.
	p := u.Path
	for range 4 {
		d, err := url.PathUnescape(p)
		if err != nil || d == p {
			break
		}
		p = d
	}
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsRune(p, '\\') || strings.ContainsFunc(p, unicode.IsControl) {
		return def
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return def
		}
	}
	out := (&url.URL{Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery, Fragment: u.Fragment}).String()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") {
		return def
	}
	return out
}
