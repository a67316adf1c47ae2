package web_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Pages, the API's JSON and the assets go out gzipped to a browser that
// accepts it, and as is to one that does not.
func TestCompressed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.browser("lanhdao@cchc.test")
	get := func(path, enc string) (*http.Response, []byte) {
		t.Helper()
		// A transport that neither asks for nor undoes compression by itself.
		cl := &http.Client{Jar: c.Jar, Transport: &http.Transport{DisableCompression: true}}
		req, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
		require.NoError(t, err)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		if strings.HasPrefix(path, "/api/") {
			req.Header.Set("Authorization", "Bearer "+e.token("lanhdao@cchc.test"))
		}
		res, err := cl.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		return res, b
	}
	id := e.planID(2024)
	for _, path := range []string{fmt.Sprintf("/plans/%d", id), fmt.Sprintf("/api/v1/plans/%d", id)} {
		plain, raw := get(path, "")
		require.Empty(t, plain.Header.Get("Content-Encoding"), path)
		zipped, gz := get(path, "gzip, deflate, br")
		require.Equal(t, "gzip", zipped.Header.Get("Content-Encoding"), path)
		require.Contains(t, zipped.Header.Values("Vary"), "Accept-Encoding", path)
		require.Less(t, len(gz)*3, len(raw), "%s: %d bytes gzipped, %d plain", path, len(gz), len(raw))
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		require.NoError(t, err)
		unzipped, err := io.ReadAll(zr)
		require.NoError(t, err)
		require.Equal(t, string(raw), string(unzipped), path)
	}
	// The stylesheet is served precompressed, once.
	_, html := get(fmt.Sprintf("/plans/%d", id), "")
	href := regexp.MustCompile(`href="(/static/app\.css\?v=[0-9a-f]+)"`).FindSubmatch(html)
	require.NotNil(t, href)
	css, gz := get(string(href[1]), "gzip")
	require.Equal(t, "gzip", css.Header.Get("Content-Encoding"))
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Contains(t, string(b), ".topbar", "gzipped once, not twice")
}
