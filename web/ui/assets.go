package ui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

const (
	staticPrefix    = "/static/"
	assetHashLen    = 12 // hex characters of the SHA-256 kept in URLs
	immutableCache  = "public, max-age=31536000, immutable"
	revalidateCache = "no-cache" // unversioned or stale URL: cache, but check the ETag
)

// assetAliases maps stable names used by templates to the one file matching a
// pattern, so bumping a vendored library is a file rename and nothing else.
var assetAliases = map[string]string{
	"htmx.min.js": "vendor/htmx-*.min.js",
}

// Assets serves /static/{name} with long cache headers; URLs carry a content
// hash so a change busts caches.
//
// URLs have the form /static/{name}?v={hash}, hash being the first 12 hex
// characters of the file's SHA-256. A request whose v matches is served as
// immutable for a year; without v or with a stale v the current file is
// served with "no-cache" and an ETag, so an old page never pins new content
// under an old URL. Every file under static/ is served except *.md.
type Assets struct {
	files   map[string]*asset // by path relative to static/
	aliases map[string]string // stable name -> path
}

type asset struct {
	body        []byte
	gzipped     []byte // nil when compression does not pay
	hash        string
	contentType string
}

// NewAssets hashes (and pre-compresses) every embedded file once, at boot.
func NewAssets() (*Assets, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	return newAssets(sub)
}

func newAssets(fsys fs.FS) (*Assets, error) {
	a := &Assets{files: map[string]*asset{}, aliases: map[string]string{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) == ".md" {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := assetContentType(name)
		a.files[name] = &asset{
			body:        body,
			gzipped:     maybeGzip(ct, body),
			hash:        hex.EncodeToString(sum[:])[:assetHashLen],
			contentType: ct,
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	for alias, pattern := range assetAliases {
		var matches []string
		for name := range a.files {
			if ok, _ := path.Match(pattern, name); ok {
				matches = append(matches, name)
			}
		}
		if len(matches) != 1 {
			return nil, fmt.Errorf("web: assets: %s: want exactly one file matching %s, found %q", alias, pattern, matches)
		}
		a.aliases[alias] = matches[0]
	}
	return a, nil
}

// URL returns the versioned URL of a file under static/, e.g.
// URL("app.css") == "/static/app.css?v=3f2a9c1b04de". Aliases resolve:
// URL("htmx.min.js") == "/static/vendor/htmx-2.0.11.min.js?v=…". An unknown
// name yields its unversioned path, which the handler answers with 404.
func (a *Assets) URL(name string) string {
	name = strings.TrimPrefix(name, "/")
	if target, ok := a.aliases[name]; ok {
		name = target
	}
	f, ok := a.files[name]
	if !ok {
		return staticPrefix + name
	}
	return staticPrefix + name + "?v=" + f.hash
}

// Handler serves the files. Mount it at /static/ as is
// (mux.Handle("GET /static/", a.Handler()), chi r.Handle("/static/*", …)) or
// behind http.StripPrefix("/static/", …): both request forms are understood.
func (a *Assets) Handler() http.Handler {
	return http.HandlerFunc(a.serve)
}

func (a *Assets) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, staticPrefix)
	if !ok {
		name = strings.TrimPrefix(r.URL.Path, "/")
	}
	f, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}

	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", immutableCache)
	} else {
		h.Set("Cache-Control", revalidateCache)
	}
	body, etag := f.body, `"`+f.hash+`"`
	if f.gzipped != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			body, etag = f.gzipped, `"`+f.hash+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	// ServeContent handles HEAD, If-None-Match (304) and Range.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// assetContentType does not rely on mime.TypeByExtension alone: its answers
// for some extensions depend on the host's /etc/mime.types.
func assetContentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".ico":
		return "image/x-icon"
	case ".png":
		return "image/png"
	case ".woff2":
		return "font/woff2"
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func maybeGzip(contentType string, body []byte) []byte {
	compressible := strings.HasPrefix(contentType, "text/") ||
		contentType == "image/svg+xml" || contentType == "application/json"
	if !compressible || len(body) < 1024 {
		return nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // level is valid
	if _, err := zw.Write(body); err != nil || zw.Close() != nil {
		return nil
	}
	if buf.Len() >= len(body)*9/10 {
		return nil
	}
	return buf.Bytes()
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip:
// listed (or covered by "*") without q=0; an explicit gzip entry wins over "*".
func acceptsGzip(header string) bool {
	gzipQ, starQ := -1.0, -1.0
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		q := 1.0
		for param := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(param), "=")
			if strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip":
			gzipQ = q
		case "*":
			starQ = q
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}
