package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/demo"
	"cchc/internal/dbtest"
	"cchc/web"
)

// BenchmarkPlanPage renders the demo 2024 plan page (59 tasks, states and
// counts at a day) and its stats through the real router, signed in.
func BenchmarkPlanPage(b *testing.B) {
	db := dbtest.Seeded(b, "demo", func(ctx context.Context, db *bun.DB) error {
		_, err := demo.Load(ctx, db, now)
		return err
	})
	h, err := web.New(web.Deps{DB: db, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	signin := httptest.NewRequest(http.MethodPost, "/signin", strings.NewReader(url.Values{"email": {"lanhdao@cchc.test"}, "password": {demo.Password}}.Encode()))
	signin.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, signin)
	cookie := rec.Result().Cookies()[0]
	u, err := accounts.ByEmail(context.Background(), db, "lanhdao@cchc.test")
	if err != nil {
		b.Fatal(err)
	}
	tok, _, err := accounts.CreateToken(context.Background(), db, u.ID, "bench")
	if err != nil {
		b.Fatal(err)
	}
	var planID int64
	if err := db.NewSelect().Table("plans").Column("id").Where("year = 2024").Scan(context.Background(), &planID); err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, path string, auth func(*http.Request)) {
		for b.Loop() {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			auth(req)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: %d", path, rec.Code)
			}
		}
	}
	b.Run("html", func(b *testing.B) {
		run(b, fmt.Sprintf("/plans/%d?as_of=2024-09-20", planID), func(r *http.Request) { r.AddCookie(cookie) })
	})
	b.Run("api-stats", func(b *testing.B) {
		run(b, fmt.Sprintf("/api/v1/plans/%d/stats?as_of=2024-09-20", planID), func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+tok) })
	})
}
