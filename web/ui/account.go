package ui

import (
	"net/http"

	"cchc/accounts"
	"cchc/internal/i18n"
	"cchc/web/request"
)

func (h *Handler) AccountShow(w http.ResponseWriter, r *http.Request) {
	h.renderAccount(w, r, http.StatusOK, map[string]any{})
}

func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	ts, err := accounts.Tokens(r.Context(), h.db, request.Principal(r).User.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	data["Tokens"] = ts
	h.render(w, r, status, "account", data)
}

func (h *Handler) AccountPassword(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r).User
	lang := i18n.FromRequest(r)
	ok, err := accounts.CheckPassword(r.Context(), me.PasswordHash, r.PostFormValue("current"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !ok {
		h.renderAccount(w, r, http.StatusUnprocessableEntity, map[string]any{"PasswordError": i18n.T(lang, "account.current_password_wrong")})
		return
	}
	if r.PostFormValue("new") != r.PostFormValue("confirm") {
		h.renderAccount(w, r, http.StatusUnprocessableEntity, map[string]any{"PasswordError": i18n.T(lang, "account.two_new_passwords_differ")})
		return
	}
	if err := accounts.SetPassword(r.Context(), h.db, me.ID, r.PostFormValue("new")); err != nil {
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
	secret, _, err := accounts.CreateToken(r.Context(), h.db, request.Principal(r).User.ID, r.PostFormValue("name"))
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
	if err := accounts.RevokeToken(r.Context(), h.db, id, request.Principal(r).User.ID); err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "account.token_revoked"))
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
