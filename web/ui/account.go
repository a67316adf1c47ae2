package ui

import (
	"net/http"

	"cchc/internal/i18n"
	"cchc/web/request"
)

func (h *Handler) AccountShow(w http.ResponseWriter, r *http.Request) {
	h.renderAccount(w, r, http.StatusOK, map[string]any{})
}

func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	ts, err := h.app.Tokens(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	data["Tokens"] = ts
	h.render(w, r, status, "account", data)
}

func (h *Handler) AccountPassword(w http.ResponseWriter, r *http.Request) {
	err := h.app.ChangePassword(r.Context(), request.Principal(r), r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm"))
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderAccount(w, r, status, map[string]any{"PasswordError": msg})
		return
	}
	// The change signed out every session, this one included: sign in anew.
	_ = h.sessions.Destroy(r.Context())
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

func (h *Handler) TokenCreate(w http.ResponseWriter, r *http.Request) {
	secret, err := h.app.CreateToken(r.Context(), request.Principal(r), r.PostFormValue("name"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// Shown once, on this response only.
	h.renderAccount(w, r, http.StatusCreated, map[string]any{"NewToken": secret})
}

func (h *Handler) TokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "tokenID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.app.RevokeToken(r.Context(), request.Principal(r), id); err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "account.token_revoked"))
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
