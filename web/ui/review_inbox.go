package ui

import (
	"net/http"
	"strconv"

	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/web/request"
)

// ReviewInbox is the secretariat's inbox: the completion claims awaiting
// confirmation in its scope, oldest first, each with its evidence.
func (h *Handler) ReviewInbox(w http.ResponseWriter, r *http.Request) {
	h.renderInbox(w, r, http.StatusOK, nil, "")
}

// ReviewDecide confirms or returns the claims ticked in the inbox, all or
// none: one refused (already decided, not the caller's to decide, a return
// without a reason) leaves every claim as it was.
func (h *Handler) ReviewDecide(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, errs.Bad("body", "error.bad_form"))
		return
	}
	var ids []int64
	ticked := map[int64]bool{}
	raw := r.PostForm["task"]
	if one := r.PostFormValue("only"); one != "" {
		raw = []string{one}
	}
	for _, s := range raw {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			h.Error(w, r, errs.Bad("task", "error.bad_form"))
			return
		}
		ids = append(ids, id)
		ticked[id] = true
	}
	confirm := r.PostFormValue("decision") != "return"
	reason := r.PostFormValue("reason")
	err := h.app.ReviewClaims(r.Context(), request.Principal(r), ids, confirm, reason)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderInbox(w, r, status, ticked, msg)
		return
	}
	lang := i18n.FromRequest(r)
	if confirm {
		h.flash(r, i18n.T(lang, "inbox.confirmed_n", len(ids)))
	} else {
		h.flash(r, i18n.T(lang, "inbox.returned_n", len(ids)))
	}
	http.Redirect(w, r, "/reviews", http.StatusSeeOther)
}

func (h *Handler) renderInbox(w http.ResponseWriter, r *http.Request, status int, ticked map[int64]bool, formErr string) {
	items, err := h.app.Reviews(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "review_inbox", map[string]any{"Items": items, "Ticked": ticked, "FormError": formErr,
		"Reason": r.PostFormValue("reason"), "Today": h.app.Today()})
}
