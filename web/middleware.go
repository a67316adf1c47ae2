package web

import (
	"net/http"
	"strings"

	"cchc/internal/database"
	"cchc/web/response"
)

// securityHeaders forbids framing, sniffing and any script or style that is
// not one of our own files.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// MaxBody caps every request body: one evidence file or plan annex (at most
// 10 MB each) with the rest of its form and the multipart framing.
const MaxBody = 12 << 20

// limitBody caps request bodies.
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r)
		})
	}
}

// csrf rejects cross-origin state changes (Sec-Fetch-Site / Origin checks);
// the session cookie is also SameSite=Lax.
func csrf(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			response.JSON(w, http.StatusForbidden, map[string]string{"error": "Yêu cầu từ nguồn khác bị từ chối.", "code": "cross_origin"})
			return
		}
		http.Error(w, "Yêu cầu từ trang web khác bị từ chối (CSRF).", http.StatusForbidden)
	}))
	return cop.Handler(next)
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := database.Ping(r.Context(), s.db.DB); err != nil {
		s.log.Warn("healthz: database does not answer", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}
