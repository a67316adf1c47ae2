package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cchc/internal/i18n"
	"cchc/reminders"
)

// The in-app side of reminders: the notices page with its channel
// preferences and calendar feed, the bell's unread count, and the JSON list.

const noticesPerPage = 50

// noticeView is a notice with its body split into lines for display.
type noticeView struct {
	reminders.Notice
	Lines []string
}

func (h *handler) notificationsShow(w http.ResponseWriter, r *http.Request) {
	h.renderNotifications(w, r, http.StatusOK, map[string]any{})
}

func (h *handler) renderNotifications(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	me := principal(r).User
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	ns, err := reminders.List(r.Context(), h.db, me.ID, reminders.ListOptions{Limit: noticesPerPage, BeforeID: before})
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	unread, err := reminders.UnreadCount(r.Context(), h.db, me.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	prefs, err := reminders.PrefsOf(r.Context(), h.db, me.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	feed, err := reminders.FeedOf(r.Context(), h.db, me.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	views := make([]noticeView, len(ns))
	for i, n := range ns {
		views[i] = noticeView{Notice: n, Lines: strings.Split(n.Body, "\n")}
	}
	data["Notices"], data["Unread"], data["Prefs"], data["Feed"] = views, unread, prefs, feed
	if len(ns) == noticesPerPage {
		data["Older"] = ns[len(ns)-1].ID
	}
	h.render(w, r, status, "notifications", data)
}

func (h *handler) notificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "noticeID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	if _, err := reminders.MarkRead(r.Context(), h.db, principal(r).User.ID, id, h.now()); err != nil {
		h.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

func (h *handler) notificationsReadAll(w http.ResponseWriter, r *http.Request) {
	n, err := reminders.MarkAllRead(r.Context(), h.db, principal(r).User.ID, h.now())
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã đánh dấu %d thông báo là đã đọc.", n))
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

// notificationPrefs saves the user's channels: in-app always, e-mail if ticked.
func (h *handler) notificationPrefs(w http.ResponseWriter, r *http.Request) {
	p := reminders.Prefs{UserID: principal(r).User.ID, Email: r.PostFormValue("email") != ""}
	if err := reminders.SetPrefs(r.Context(), h.db, p); err != nil {
		h.pageError(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã lưu cài đặt thông báo."))
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

// unreadCount is the number on the bell (0 if it cannot be read: the bell
// must never break a page).
func (h *handler) unreadCount(r *http.Request) int {
	p := principal(r)
	if p == nil {
		return 0
	}
	n, err := reminders.UnreadCount(r.Context(), h.db, p.User.ID)
	if err != nil {
		h.log.Warn("unread count", "user_id", p.User.ID, "err", err)
		return 0
	}
	return n
}

// notificationsCount answers the bell alone, for htmx to poll and swap.
func (h *handler) notificationsCount(w http.ResponseWriter, r *http.Request) {
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

// noticeJSON is a notice in GET /api/v1/notifications.
type noticeJSON struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	TaskID    *int64     `json:"task_id"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

func noticeToJSON(n reminders.Notice) noticeJSON {
	j := noticeJSON{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, CreatedAt: n.CreatedAt}
	if n.TaskID != 0 {
		id := n.TaskID
		j.TaskID = &id
	}
	if !n.ReadAt.IsZero() {
		at := n.ReadAt
		j.ReadAt = &at
	}
	return j
}

// apiNotifications lists the caller's notices, newest first:
// ?limit=1..500 (50), ?unread=true, ?before=ID for the next page.
func (h *handler) apiNotifications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o := reminders.ListOptions{Limit: 50}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			h.apiError(w, r, &badRequest{msg: "limit phải là số từ 1 đến 500."})
			return
		}
		o.Limit = n
	}
	if s := q.Get("before"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			h.apiError(w, r, &badRequest{msg: "before phải là mã của một thông báo."})
			return
		}
		o.BeforeID = n
	}
	switch strings.ToLower(q.Get("unread")) {
	case "", "0", "false":
	case "1", "true":
		o.UnreadOnly = true
	default:
		h.apiError(w, r, &badRequest{msg: "unread phải là true hoặc false."})
		return
	}
	ns, err := reminders.List(r.Context(), h.db, principal(r).User.ID, o)
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	out := make([]noticeJSON, 0, len(ns))
	for _, n := range ns {
		out = append(out, noticeToJSON(n))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiNotificationRead marks one of the caller's notices read and returns it.
func (h *handler) apiNotificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "noticeID")
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	n, err := reminders.MarkRead(r.Context(), h.db, principal(r).User.ID, id, h.now())
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, noticeToJSON(*n))
}
