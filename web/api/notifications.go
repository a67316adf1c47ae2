package api

import (
	"cchc/internal/errs"
	"cchc/reminders"
	"cchc/web/request"
	"cchc/web/response"
	"net/http"
	"strconv"
	"strings"
	"time"
)

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

// Notifications lists the caller's notices, newest first:
// ?limit=1..500 (50), ?unread=true, ?before=ID for the next page.
func (h *Handler) Notifications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o := reminders.ListOptions{Limit: 50}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			h.fail(w, r, errs.Bad("limit", "notice.limit_range"))
			return
		}
		o.Limit = n
	}
	if s := q.Get("before"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			h.fail(w, r, errs.Bad("before", "notice.before_id"))
			return
		}
		o.BeforeID = n
	}
	switch strings.ToLower(q.Get("unread")) {
	case "", "0", "false":
	case "1", "true":
		o.UnreadOnly = true
	default:
		h.fail(w, r, errs.Bad("unread", "notice.unread_bool"))
		return
	}
	ns, err := h.app.Notices(r.Context(), request.Principal(r), o)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]noticeJSON, 0, len(ns))
	for _, n := range ns {
		out = append(out, noticeToJSON(n))
	}
	response.JSON(w, http.StatusOK, out)
}

// apiNotificationRead marks one of the caller's notices read and returns it.
func (h *Handler) NotificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "noticeID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := h.app.MarkRead(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, noticeToJSON(*n))
}
