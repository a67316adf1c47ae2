package ui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func newTestAssets(t *testing.T) *Assets {
	t.Helper()
	a, err := NewAssets()
	require.NoError(t, err)
	return a
}

func embeddedFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := staticFS.ReadFile("static/" + name)
	require.NoError(t, err)
	return b
}

func getAsset(t *testing.T, h http.Handler, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAssetsURLCarriesContentHash(t *testing.T) {
	t.Parallel()
	a := newTestAssets(t)

	sum := sha256.Sum256(embeddedFile(t, "app.css"))
	require.Equal(t, "/static/app.css?v="+hex.EncodeToString(sum[:])[:assetHashLen], a.URL("app.css"))
	require.Equal(t, a.URL("app.css"), a.URL("/app.css"))
	require.Equal(t, "/static/nope.css", a.URL("nope.css"), "unknown names stay unversioned (and 404)")
}

func TestAssetsServeVersionedURL(t *testing.T) {
	t.Parallel()
	a := newTestAssets(t)

	tests := []struct {
		name, contentType string
	}{
		{"app.css", "text/css; charset=utf-8"},
		{"app.js", "text/javascript; charset=utf-8"},
		{"htmx.min.js", "text/javascript; charset=utf-8"},
		{"favicon.svg", "image/svg+xml"},
		{"icons/bell.svg", "image/svg+xml"},
		{"vendor/htmx-LICENSE.txt", "text/plain; charset=utf-8"},
	}
	mounts := map[string]http.Handler{
		"direct":      a.Handler(),
		"stripPrefix": http.StripPrefix("/static/", a.Handler()),
	}
	for _, tt := range tests {
		for mount, h := range mounts {
			t.Run(tt.name+"/"+mount, func(t *testing.T) {
				t.Parallel()
				url := a.URL(tt.name)
				require.Contains(t, url, "?v=")

				rec := getAsset(t, h, url, nil)
				require.Equal(t, http.StatusOK, rec.Code)
				require.Equal(t, tt.contentType, rec.Header().Get("Content-Type"))
				require.Equal(t, "public, max-age=31536000, immutable", rec.Header().Get("Cache-Control"))
				require.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
				require.Empty(t, rec.Header().Get("Content-Encoding"))
				file := strings.TrimPrefix(strings.SplitN(url, "?", 2)[0], "/static/")
				require.Equal(t, embeddedFile(t, file), rec.Body.Bytes())
			})
		}
	}
}

func TestAssetsUnversionedOrStaleURLRevalidates(t *testing.T) {
	t.Parallel()
	a := newTestAssets(t)

	for _, target := range []string{"/static/app.css", "/static/app.css?v=000000000000"} {
		rec := getAsset(t, a.Handler(), target, nil)
		require.Equal(t, http.StatusOK, rec.Code, target)
		require.Equal(t, "no-cache", rec.Header().Get("Cache-Control"), target)
		require.NotEmpty(t, rec.Header().Get("ETag"), target)
	}
}

func TestAssetsNotFound(t *testing.T) {
	t.Parallel()
	a := newTestAssets(t)

	for _, target := range []string{
		"/static/nope.css",
		"/static/",
		"/static/vendor",
		"/static/vendor/",
		"/static/vendor/README.md", // docs are embedded but not served
		"/static/htmx.min.js",      // aliases are for URL(), not paths
		"/static/../assets.go",
	} {
		rec := getAsset(t, a.Handler(), target, nil)
		require.Equal(t, http.StatusNotFound, rec.Code, target)
		require.Empty(t, rec.Header().Get("Cache-Control"), target)
	}

	req := httptest.NewRequest(http.MethodPost, a.URL("app.css"), nil)
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, req)
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	require.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))
}

func TestAssetsHTMXResolvesToVendoredVersion(t *testing.T) {
	t.Parallel()
	a := newTestAssets(t)

	url := a.URL("htmx.min.js")
	m := regexp.MustCompile(`^/static/vendor/htmx-(2\.\d+\.\d+)\.min\.js\?v=[0-9a-f]{12}$`).FindStringSubmatch(url)
	require.NotNil(t, m, url)

	rec := getAsset(t, a.Handler(), url, nil)
	require.Equal(t, http.StatusOK, rec.Code)
	// The file name must not lie about the version inside.
	require.Contains(t, rec.Body.String(), `version:"`+m[1]+`"`)
}

func TestAssetsGzipAndETag(t *testing.T) {
	t.Parallel()
	a := newTestAssets(t)
	url := a.URL("htmx.min.js")

	rec := getAsset(t, a.Handler(), url, http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
	require.Equal(t, "Accept-Encoding", rec.Header().Get("Vary"))
	require.Equal(t, "text/javascript; charset=utf-8", rec.Header().Get("Content-Type"))
	zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	require.NoError(t, err)
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	file := strings.TrimPrefix(strings.SplitN(url, "?", 2)[0], "/static/")
	require.Equal(t, embeddedFile(t, file), plain)

	refused := getAsset(t, a.Handler(), url, http.Header{"Accept-Encoding": {"*, gzip;q=0"}})
	require.Empty(t, refused.Header().Get("Content-Encoding"))
	require.Equal(t, embeddedFile(t, file), refused.Body.Bytes())

	etag := rec.Header().Get("ETag")
	notModified := getAsset(t, a.Handler(), url, http.Header{
		"Accept-Encoding": {"gzip"},
		"If-None-Match":   {etag},
	})
	require.Equal(t, http.StatusNotModified, notModified.Code)
	require.Empty(t, notModified.Body.Bytes())
}

func TestAssetsAliasNeedsExactlyOneMatch(t *testing.T) {
	t.Parallel()

	file := &fstest.MapFile{Data: []byte("x")}
	_, err := newAssets(fstest.MapFS{"app.css": file})
	require.ErrorContains(t, err, "htmx.min.js")

	_, err = newAssets(fstest.MapFS{
		"vendor/htmx-2.0.10.min.js": file,
		"vendor/htmx-2.0.11.min.js": file,
	})
	require.ErrorContains(t, err, "exactly one")

	a, err := newAssets(fstest.MapFS{"vendor/htmx-2.0.11.min.js": file})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(a.URL("htmx.min.js"), "/static/vendor/htmx-2.0.11.min.js?v="))
}

// url(...) references in app.css resolve against /static/app.css, so they
// must name files that exist.
func TestAssetsCSSReferencesExist(t *testing.T) {
	t.Parallel()
	a := newTestAssets(t)

	css := string(embeddedFile(t, "app.css"))
	refs := regexp.MustCompile(`url\("([^"]+)"\)`).FindAllStringSubmatch(css, -1)
	require.NotEmpty(t, refs)
	for _, ref := range refs {
		name := path.Clean(ref[1])
		require.Contains(t, a.files, name, "app.css references %s", ref[1])
	}
}

func TestAssetsAcceptsGzip(t *testing.T) {
	t.Parallel()
	for header, want := range map[string]bool{
		"":                     false,
		"gzip":                 true,
		"gzip, deflate, br":    true,
		"br;q=1.0, gzip;q=0.5": true,
		"GZIP":                 true,
		"gzip;q=0":             false,
		"gzip; q=0.000":        false,
		"*":                    true,
		"*, gzip;q=0":          false,
		"identity":             false,
		"x-gzip-not":           false,
	} {
		require.Equal(t, want, acceptsGzip(header), "%q", header)
	}
}
