package request

import (
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"
)

// Known ways to smuggle another site into a redirect target: each must
// fall back to the default (issue 10: "/<TAB>/evil.example" came back as a
// Location browsers read as "//evil.example", and "/\evil.example" passed).
func TestLocalPathRefusesBypasses(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"", "plans", "evil.example", "//evil.example", "///evil.example", "////evil.example",
		"/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example",
		"/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", " //evil.example",
		"/\x00/evil.example", "/\x0b/evil.example", "/\u0085/evil.example", "\x01//evil.example",
		"https://evil.example", "http:evil.example", "http:/evil.example", "HTTPS://evil.example/plans",
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
		"/%2F/evil.example", "/%2f%2fevil.example", "%2F%2Fevil.example", "/%5Cevil.example", "/%5cevil.example",
		"/%09/evil.example", "/%0A/evil.example", "/%00/evil.example", "/%252F/evil.example", "/%25252F%25252Fevil.example",
		"/%255Cevil.example", "/./evil.example", "/.//evil.example", "/../evil.example", "/plans/../../evil.example",
		"/%2E%2E/evil.example", "//evil.example/%2F..", "/@evil.example\\", "//user@evil.example",
	} {
		require.Equal(t, "/plans", LocalPath(s, "/plans"), "%q", s)
	}
}

func TestLocalPathKeepsOurPages(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/":                         "/",
		"/plans":                    "/plans",
		"/plans/1?as_of=2024-09-20": "/plans/1?as_of=2024-09-20",
		"/tasks/12#history":         "/tasks/12#history",
		"/plans?q=k%E1%BA%BF+ho%E1%BA%A1ch&year=2024": "/plans?q=k%E1%BA%BF+ho%E1%BA%A1ch&year=2024",
		"/plans/1\t":                 "/plans/1", // what a browser would do
		"/plans/kế hoạch":            "/plans/k%E1%BA%BF%20ho%E1%BA%A1ch",
		"/@evil.example":             "/@evil.example", // a path of ours, not a host
		"/plans?next=//evil.example": "/plans?next=//evil.example",
	} {
		require.Equal(t, want, LocalPath(in, "/x"), "%q", in)
	}
}

func TestClientIP(t *testing.T) {
	t.Parallel()
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	for _, c := range []struct {
		peer    string
		xff     []string
		trusted []netip.Prefix
		want    string
	}{
		// No trusted proxy: the header is ignored, however it is written.
		{"203.0.113.7:5555", []string{"198.51.100.1"}, nil, "203.0.113.7"},
		{"10.0.0.2:5555", []string{"198.51.100.1"}, nil, "10.0.0.2"},
		// A peer that is not a trusted proxy is the client, header or not.
		{"203.0.113.7:5555", []string{"198.51.100.1"}, proxies, "203.0.113.7"},
		// Through a trusted proxy: the address it appended.
		{"10.0.0.2:5555", []string{"198.51.100.1"}, proxies, "198.51.100.1"},
		// What the client wrote itself (left of it) is not believed.
		{"10.0.0.2:5555", []string{"1.2.3.4, 5.6.7.8, 198.51.100.1"}, proxies, "198.51.100.1"},
		{"10.0.0.2:5555", []string{"1.2.3.4", "198.51.100.1"}, proxies, "198.51.100.1"},
		// Two trusted proxies in a row: the right-most untrusted address.
		{"10.0.0.2:5555", []string{"1.2.3.4, 198.51.100.1, 10.0.0.9"}, proxies, "198.51.100.1"},
		{"[::1]:5555", []string{"2001:db8::5, 10.1.1.1"}, proxies, "2001:db8::5"},
		// Garbage the proxy passed on: the last address we believe.
		{"10.0.0.2:5555", []string{"<script>, 10.0.0.9"}, proxies, "10.0.0.9"},
		{"10.0.0.2:5555", nil, proxies, "10.0.0.2"},
		// Ports and mapped addresses are normalised.
		{"10.0.0.2:5555", []string{"198.51.100.1:4444"}, proxies, "198.51.100.1"},
		{"10.0.0.2:5555", []string{"::ffff:198.51.100.1"}, proxies, "198.51.100.1"},
		{"[::ffff:10.0.0.2]:5555", []string{"198.51.100.1"}, proxies, "198.51.100.1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		for _, v := range c.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		require.Equal(t, c.want, ClientIP(r, c.trusted), "%s %v", c.peer, c.xff)
	}
}
