package ui

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"cchc/internal/i18n"
	"cchc/reminders"
	"cchc/web/request"
)

// The in-app side of reminders: the notices page with its channel
// preferences and calendar feed, the bell's unread count, and the JSON list.

const noticesPerPage = 50

// noticeView is a notice with its body split into lines for display.
type noticeView struct {
	reminders.Notice
	Lines []string
}

func (h *Handler) NotificationsShow(w http.ResponseWriter, r *http.Request) {
	h.renderNotifications(w, r, http.StatusOK, map[string]any{})
}

func (h *Handler) renderNotifications(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	me := request.Principal(r)
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	ns, err := h.app.Notices(r.Context(), me, reminders.ListOptions{Limit: noticesPerPage, BeforeID: before})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	unread, err := h.app.UnreadCount(r.Context(), me)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	prefs, err := h.app.NotificationPrefs(r.Context(), me)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	feed, err := h.app.CalendarFeed(r.Context(), me)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	views := make([]noticeView, len(ns))
	for i, n := range ns {
		views[i] = noticeView{Notice: n, Lines: strings.Split(n.Body, "\n")}
	}
	next, err := h.app.NextReminderRun(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	data["Notices"], data["Unread"], data["Prefs"], data["Feed"], data["NextRun"] = views, unread, prefs, feed, next
	if len(ns) == noticesPerPage {
		data["Older"] = ns[len(ns)-1].ID
	}
	h.render(w, r, status, "notifications", data)
}

func (h *Handler) NotificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "noticeID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if _, err := h.app.MarkRead(r.Context(), request.Principal(r), id); err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

func (h *Handler) NotificationsReadAll(w http.ResponseWriter, r *http.Request) {
	n, err := h.app.MarkAllRead(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "notice.marked_n_notifications_read", n))
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

// notificationPrefs saves the user's channels: in-app always, e-mail if ticked.
func (h *Handler) NotificationPrefs(w http.ResponseWriter, r *http.Request) {
	if err := h.app.SetNotificationPrefs(r.Context(), request.Principal(r), r.PostFormValue("email") != ""); err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "notice.notification_settings_saved"))
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

// unreadCount is the number on the bell (0 if it cannot be read: the bell
// must never break a page).
func (h *Handler) unreadCount(r *http.Request) int {
	p := request.Principal(r)
	if p == nil {
		return 0
	}
	n, err := h.app.UnreadCount(r.Context(), p)
	if err != nil {
		h.log.Warn("unread count", "user_id", p.User.ID, "err", err)
		return 0
	}
	return n
}

// notificationsCount answers the bell alone, for htmx to poll and swap.
func (h *Handler) NotificationsCount(w http.ResponseWriter, r *http.Request) {
	t := h.pages.byLang[i18n.FromRequest(r)]["notifications"]
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "bell", map[string]any{"Unread": h.unreadCount(r)}); err != nil {
		h.log.Error("render bell", "err", err)
		http.Error(w, "Lỗi hiển thị trang", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = buf.WriteTo(w)
}
