package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes is the whole route table, in one place.
func (h *handler) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RealIP, middleware.Recoverer, securityHeaders, limitBody(12<<20), csrf)

	r.Get("/healthz", h.healthz)
	// Calendar applications send no cookie: the secret in the name is the credential.
	r.Get("/feeds/{name}", h.feedShow)
	r.Handle("/static/*", http.StripPrefix("/static/", h.assets.Handler()))
	r.Get("/favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently).ServeHTTP)

	// Pages: session cookie; everything but sign-in needs a signed-in user.
	r.Group(func(r chi.Router) {
		r.Use(h.sessions.LoadAndSave)
		r.Get("/signin", h.signinShow)
		r.Post("/signin", h.signinCreate)
		r.Post("/lang", h.langSet)

		r.Group(func(r chi.Router) {
			r.Use(h.requireSession)
			r.Get("/", h.home)
			r.Post("/signout", h.signout)
			r.Post("/signout/all", h.signoutAll)
			r.Get("/account", h.accountShow)
			r.Post("/account/password", h.accountPassword)
			r.Post("/account/tokens", h.tokenCreate)
			r.Post("/account/tokens/{tokenID}/revoke", h.tokenRevoke)

			r.Get("/notifications", h.notificationsShow)
			r.Get("/notifications/count", h.notificationsCount)
			r.Post("/notifications/read-all", h.notificationsReadAll)
			r.Post("/notifications/settings", h.notificationPrefs)
			r.Post("/notifications/feed", h.feedCreate)
			r.Post("/notifications/feed/delete", h.feedDelete)
			r.Post("/notifications/{noticeID}/read", h.notificationRead)

			r.Get("/plans", h.planList)
			r.Get("/plans/{planID}", h.planShow)
			r.Get("/tasks/{taskID}", h.taskShow)
			r.Post("/tasks/{taskID}/progress", h.progressCreate)
			r.Post("/tasks/{taskID}/review", h.taskReview)
			r.Get("/evidence/{fileID}", h.evidenceDownload)
			r.Post("/tasks/{taskID}/extensions", h.extensionRequest)
			r.Post("/tasks/{taskID}/extensions/decide", h.extensionDecide)
			r.Get("/plans/{planID}/report", h.reportShow)
			r.Post("/plans/{planID}/report/narrative", h.reportNarrative)
			r.Post("/plans/{planID}/report/finalize", h.reportFinalize)
			r.Get("/plans/{planID}/report/download", h.reportDownload)
			r.Get("/plans/{planID}/reminders", h.planReminders)
			r.Post("/plans/{planID}/reminders", h.planRemindersSave)
			r.Post("/plans/{planID}/reminders/webhooks", h.planWebhookCreate)
			r.Post("/plans/{planID}/reminders/webhooks/{webhookID}/active", h.planWebhookActive)
			r.Get("/units/{code}/webhooks", h.unitWebhooks)
			r.Post("/units/{code}/webhooks", h.unitWebhookCreate)
			r.Post("/units/{code}/webhooks/{webhookID}/active", h.unitWebhookActive)

			h.authoringPages(r)
			r.Route("/admin", func(r chi.Router) {
				r.Get("/users", h.adminUsers)
				r.Post("/users", h.adminUserCreate)
				r.Get("/users/{userID}", h.adminUserEdit)
				r.Post("/users/{userID}", h.adminUserUpdate)
				r.Post("/users/{userID}/password", h.adminUserPassword)
				r.Get("/units", h.adminUnits)
				r.Post("/units", h.adminUnitCreate)
				r.Get("/audit", h.adminAudit)
				r.Get("/holidays", h.adminHolidays)
				r.Post("/holidays", h.adminHolidayCreate)
				r.Post("/holidays/{date}/delete", h.adminHolidayDelete)
				h.authoringAdmin(r)
			})
		})
	})

	// JSON API: bearer tokens only, no cookies.
	r.Route("/api/v1", func(r chi.Router) {
		r.Use(h.requireToken)
		r.Get("/me", h.apiMe)
		r.Get("/units", h.apiUnits)
		r.Get("/plans", h.apiPlanList)
		r.Get("/plans/{planID}", h.apiPlanShow)
		r.Get("/plans/{planID}/stats", h.apiPlanStats)
		r.Get("/plans/{planID}/report", h.apiReport)
		r.Get("/tasks/{taskID}", h.apiTaskShow)
		r.Post("/tasks/{taskID}/progress", h.apiProgressCreate)
		r.Get("/notifications", h.apiNotifications)
		r.Post("/notifications/{noticeID}/read", h.apiNotificationRead)
		h.authoringAPI(r)
		r.Get("/plans/{planID}/reminder-settings", h.apiReminderSettings)
		r.Put("/plans/{planID}/reminder-settings", h.apiReminderSettingsSet)
		r.Get("/plans/{planID}/webhooks", h.apiPlanWebhooks)
		r.Post("/plans/{planID}/webhooks", h.apiPlanWebhookCreate)
		r.Get("/units/{code}/webhooks", h.apiUnitWebhooks)
		r.Post("/units/{code}/webhooks", h.apiUnitWebhookCreate)
		r.Post("/webhooks/{webhookID}/active", h.apiWebhookActive)
		r.Get("/holidays", h.apiHolidays)
		r.Post("/holidays", h.apiHolidaySet)
		r.Delete("/holidays/{date}", h.apiHolidayDelete)
		r.NotFound(func(w http.ResponseWriter, r *http.Request) { h.apiError(w, r, errNoRoute) })
	})
	return r
}

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

// limitBody caps request bodies (an evidence file is at most 10 MiB).
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r)
		})
	}
}
