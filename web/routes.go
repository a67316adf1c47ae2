package web

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"cchc/web/request"
	"cchc/web/response"
)

// routes is the whole route table, pages and API, in one place.
func (s *server) routes() http.Handler {
	u, a := s.ui, s.api
	r := chi.NewRouter()
	r.Use(middleware.Recoverer, securityHeaders, limitBody(MaxBody), csrf, request.Inputs(s.refuse))

	r.Get("/healthz", s.healthz)
	// Calendar applications send no cookie: the secret in the name is the credential.
	r.Get("/feeds/{name}", u.FeedShow)
	r.Handle("/static/*", http.StripPrefix("/static/", u.Static()))
	r.Get("/favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently).ServeHTTP)

	// Pages: session cookie; everything but sign-in needs a signed-in user.
	r.Group(func(r chi.Router) {
		r.Use(s.sess.LoadAndSave)
		r.Get("/signin", u.SigninShow)
		r.Post("/signin", u.SigninCreate)
		r.Post("/lang", u.LangSet)

		r.Group(func(r chi.Router) {
			r.Use(u.RequireSession)
			r.Get("/", u.Home)
			r.Post("/signout", u.Signout)
			r.Post("/signout/all", u.SignoutAll)
			r.Get("/account", u.AccountShow)
			r.Post("/account/password", u.AccountPassword)
			r.Post("/account/tokens", u.TokenCreate)
			r.Post("/account/tokens/{tokenID}/revoke", u.TokenRevoke)

			r.Get("/notifications", u.NotificationsShow)
			r.Get("/notifications/count", u.NotificationsCount)
			r.Post("/notifications/read-all", u.NotificationsReadAll)
			r.Post("/notifications/settings", u.NotificationPrefs)
			r.Post("/notifications/feed", u.FeedCreate)
			r.Post("/notifications/feed/delete", u.FeedDelete)
			r.Post("/notifications/{noticeID}/read", u.NotificationRead)

			r.Get("/dashboard", u.DashboardShow)
			r.Get("/tasks", u.TaskList)
			r.Get("/queue", u.QueueShow)
			r.Get("/reviews", u.ReviewInbox)
			r.Post("/reviews", u.ReviewDecide)
			r.Get("/plans", u.PlanList)
			r.Get("/plans/new", u.PlanNew)
			r.Post("/plans/new", u.PlanCreate)
			r.Get("/plans/import", u.ImportShow)
			r.Post("/plans/import", u.ImportPreview)
			r.Post("/plans/import/{uploadID}", u.ImportConfirm)
			r.Post("/plans/import/{uploadID}/cancel", u.ImportCancel)
			r.Get("/plans/{planID}", u.PlanShow)
			r.Get("/plans/{planID}/edit", u.PlanEdit)
			r.Post("/plans/{planID}/edit", u.PlanUpdate)
			r.Post("/plans/{planID}/state", u.PlanState)
			r.Post("/plans/{planID}/delete", u.PlanDelete)
			r.Post("/plans/{planID}/clone", u.PlanClone)
			r.Get("/plans/{planID}/cascade", u.CascadeShow)
			r.Post("/plans/{planID}/cascade", u.CascadeCreate)
			r.Get("/plans/{planID}/export.xlsx", u.PlanExport)
			r.Post("/plans/{planID}/areas", u.AreaCreate)
			r.Post("/areas/{areaID}", u.AreaUpdate)
			r.Post("/areas/{areaID}/move", u.AreaMove)
			r.Post("/areas/{areaID}/delete", u.AreaDelete)
			r.Get("/plans/{planID}/tasks/new", u.TaskNew)
			r.Post("/plans/{planID}/tasks", u.TaskCreate)
			r.Get("/plans/{planID}/report", u.ReportShow)
			r.Post("/plans/{planID}/report/narrative", u.ReportNarrative)
			r.Post("/plans/{planID}/report/finalize", u.ReportFinalize)
			r.Get("/plans/{planID}/report/download", u.ReportDownload)
			r.Post("/plans/{planID}/report/reset", u.ReportReset)
			r.Get("/plans/{planID}/report/settings", u.ReportSettings)
			r.Post("/plans/{planID}/report/settings", u.ReportSettingsSave)
			r.Get("/plans/{planID}/indicators", u.IndicatorsShow)
			r.Post("/plans/{planID}/indicators", u.IndicatorCreate)
			r.Post("/plans/{planID}/indicators/values", u.IndicatorValueCreate)
			r.Post("/plans/{planID}/indicators/{indicatorID}/target", u.IndicatorTarget)
			r.Get("/plans/{planID}/indicators/template.xlsx", u.IndicatorTemplate)
			r.Post("/plans/{planID}/indicators/import", u.IndicatorImport)
			r.Get("/plans/{planID}/submissions", u.SubmissionsShow)
			r.Post("/plans/{planID}/submissions/remind", u.SubmissionsRemind)
			r.Get("/plans/{planID}/reminders", u.PlanReminders)
			r.Post("/plans/{planID}/reminders", u.PlanRemindersSave)
			r.Post("/plans/{planID}/reminders/webhooks", u.PlanWebhookCreate)
			r.Post("/plans/{planID}/reminders/webhooks/{webhookID}/active", u.PlanWebhookActive)

			r.Get("/tasks/{taskID}", u.TaskShow)
			r.Post("/tasks/{taskID}/progress", u.ProgressCreate)
			r.Post("/tasks/{taskID}/review", u.TaskReview)
			r.Post("/tasks/{taskID}/extensions", u.ExtensionRequest)
			r.Post("/tasks/{taskID}/extensions/decide", u.ExtensionDecide)
			r.Get("/tasks/{taskID}/edit", u.TaskEdit)
			r.Post("/tasks/{taskID}/edit", u.TaskUpdate)
			r.Post("/tasks/{taskID}/move", u.TaskMove)
			r.Post("/tasks/{taskID}/delete", u.TaskDelete)
			r.Get("/tasks/{taskID}/links", u.TaskLinks)
			r.Get("/evidence/{fileID}", u.EvidenceDownload)
			r.Get("/deadline", u.DeadlinePreview)

			r.Get("/units/search", u.UnitSearch)
			r.Get("/units/pick", u.UnitPick)
			r.Get("/units/{code}/webhooks", u.UnitWebhooks)
			r.Post("/units/{code}/webhooks", u.UnitWebhookCreate)
			r.Post("/units/{code}/webhooks/{webhookID}/active", u.UnitWebhookActive)

			r.Route("/admin", func(r chi.Router) {
				r.Get("/users", u.AdminUsers)
				r.Post("/users", u.AdminUserCreate)
				r.Get("/users/{userID}", u.AdminUserEdit)
				r.Post("/users/{userID}", u.AdminUserUpdate)
				r.Post("/users/{userID}/password", u.AdminUserPassword)
				r.Get("/units", u.AdminUnits)
				r.Post("/units", u.AdminUnitCreate)
				r.Get("/aliases", u.AdminAliases)
				r.Post("/aliases", u.AdminAliasCreate)
				r.Post("/aliases/{aliasID}/delete", u.AdminAliasDelete)
				r.Get("/audit", u.AdminAudit)
				r.Get("/holidays", u.AdminHolidays)
				r.Post("/holidays", u.AdminHolidayCreate)
				r.Post("/holidays/{date}/delete", u.AdminHolidayDelete)
			})
		})
	})

	// JSON API: bearer tokens only, no cookies.
	r.Route("/api/v1", func(r chi.Router) {
		r.Use(a.RequireToken)
		r.Get("/me", a.Me)
		r.Get("/dashboard", a.Dashboard)
		r.Get("/tasks", a.Tasks)
		r.Get("/queue", a.Queue)
		r.Get("/reviews", a.Reviews)
		r.Get("/units", a.Units)
		r.Get("/units/{code}/webhooks", a.UnitWebhooks)
		r.Post("/units/{code}/webhooks", a.UnitWebhookCreate)

		r.Get("/plans", a.PlanList)
		r.Post("/plans", a.PlanCreate)
		r.Post("/plans/import", a.PlanImport)
		r.Get("/plans/{planID}", a.PlanShow)
		r.Patch("/plans/{planID}", a.PlanUpdate)
		r.Delete("/plans/{planID}", a.PlanDelete)
		r.Get("/plans/{planID}/stats", a.PlanStats)
		r.Get("/plans/{planID}/tasks", a.PlanTasks)
		r.Get("/plans/{planID}/report", a.Report)
		r.Post("/plans/{planID}/issue", a.PlanTransition("issue"))
		r.Post("/plans/{planID}/close", a.PlanTransition("close"))
		r.Post("/plans/{planID}/reopen", a.PlanTransition("reopen"))
		r.Post("/plans/{planID}/clone", a.PlanClone)
		r.Post("/plans/{planID}/cascade", a.PlanCascade)
		r.Get("/plans/{planID}/export.xlsx", a.PlanExport)
		r.Post("/plans/{planID}/areas", a.AreaCreate)
		r.Post("/plans/{planID}/tasks", a.TaskCreate)
		r.Get("/plans/{planID}/indicators", a.Indicators)
		r.Post("/plans/{planID}/indicators", a.IndicatorCreate)
		r.Get("/plans/{planID}/indicators/template.xlsx", a.IndicatorTemplate)
		r.Post("/plans/{planID}/indicators/import", a.IndicatorImport)
		r.Put("/plans/{planID}/indicators/{indicatorID}/target", a.IndicatorTarget)
		r.Post("/plans/{planID}/indicators/{indicatorID}/values", a.IndicatorValueCreate)
		r.Get("/plans/{planID}/submissions", a.Submissions)
		r.Post("/plans/{planID}/submissions/remind", a.SubmissionsRemind)
		r.Get("/plans/{planID}/report-settings", a.ReportSettings)
		r.Put("/plans/{planID}/report-settings", a.ReportSettingsSet)
		r.Get("/plans/{planID}/reminder-settings", a.ReminderSettings)
		r.Put("/plans/{planID}/reminder-settings", a.ReminderSettingsSet)
		r.Get("/plans/{planID}/webhooks", a.PlanWebhooks)
		r.Post("/plans/{planID}/webhooks", a.PlanWebhookCreate)
		r.Patch("/areas/{areaID}", a.AreaUpdate)
		r.Delete("/areas/{areaID}", a.AreaDelete)

		r.Get("/tasks/{taskID}", a.TaskShow)
		r.Patch("/tasks/{taskID}", a.TaskUpdate)
		r.Delete("/tasks/{taskID}", a.TaskDelete)
		r.Post("/tasks/{taskID}/progress", a.ProgressCreate)
		r.Get("/tasks/{taskID}/links", a.TaskLinks)

		r.Get("/notifications", a.Notifications)
		r.Post("/notifications/{noticeID}/read", a.NotificationRead)
		r.Post("/webhooks/{webhookID}/active", a.WebhookActive)
		r.Get("/holidays", a.Holidays)
		r.Post("/holidays", a.HolidaySet)
		r.Delete("/holidays/{date}", a.HolidayDelete)
		r.NotFound(a.NoRoute)
	})
	return r
}

// refuse answers input that request.Inputs refused: JSON under /api/, the
// error page (with the session loaded, as every page) elsewhere.
func (s *server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		response.Error(w, r, s.log, err)
		return
	}
	s.sess.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.ui.Error(w, r, err) })).ServeHTTP(w, r)
}
