package ui

import (
	"net/http"

	"cchc/app"
	"cchc/reminders"
	"cchc/web/request"
)

// queueNotices is how many of the latest notices the work queue shows.
const queueNotices = 5

// queueCard is an item of the work queue as drawn: the task, its inline
// progress form (open after an error), and what the last post said.
type queueCard struct {
	Item    app.QueueItem
	CanPost bool
	Form    progressForm
	Open    bool
	Error   string
	Saved   string
}

// QueueShow is the home of unit officers: their unit's open tasks across
// plans, most urgent first, each with the progress form at hand, and the
// notices they received.
func (h *Handler) QueueShow(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	items, err := h.app.Queue(r.Context(), me)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	notices, err := h.app.Notices(r.Context(), me, reminders.ListOptions{Limit: queueNotices})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	cards := make([]queueCard, len(items))
	counts := map[string]int{}
	for i, it := range items {
		cards[i] = queueCard{Item: it, CanPost: me.CanPostProgress(&it.Plan, &it.Task) == nil, Form: progressForm{Percent: it.State.Percent}}
		counts[it.Reason]++
	}
	var summary []reasonCount
	for _, reason := range app.QueueReasons {
		if counts[reason] > 0 {
			summary = append(summary, reasonCount{reason, counts[reason]})
		}
	}
	next, err := h.app.NextReminderRun(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "queue", map[string]any{"Cards": cards, "Summary": summary, "Notices": notices, "NextRun": next})
}

type reasonCount struct {
	Reason string
	N      int
}

// renderQueueCard answers a progress post made from the work queue with
// the task's card as it now stands (htmx swaps it in place).
func (h *Handler) renderQueueCard(w http.ResponseWriter, r *http.Request, status int, taskID int64, f progressForm, formErr, saved string) {
	me := request.Principal(r)
	it, err := h.app.QueueItemOf(r.Context(), me, taskID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	c := queueCard{Item: *it, CanPost: me.CanPostProgress(&it.Plan, &it.Task) == nil, Form: f, Error: formErr, Saved: saved, Open: formErr != ""}
	h.render(w, r, status, "queue_card", map[string]any{"Card": c})
}
