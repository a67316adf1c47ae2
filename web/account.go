package web

import (
	"net/http"

	"cchc/accounts"
	"cchc/internal/i18n"
)

func (h *handler) accountShow(w http.ResponseWriter, r *http.Request) {
	h.renderAccount(w, r, http.StatusOK, map[string]any{})
}

func (h *handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	ts, err := accounts.Tokens(r.Context(), h.db, principal(r).User.ID)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	data["Tokens"] = ts
	h.render(w, r, status, "account", data)
}

func (h *handler) accountPassword(w http.ResponseWriter, r *http.Request) {
	me := principal(r).User
	lang := i18n.FromRequest(r)
	if !accounts.CheckPassword(me.PasswordHash, r.PostFormValue("current")) {
		h.renderAccount(w, r, http.StatusUnprocessableEntity, map[string]any{"PasswordError": i18n.T(lang, "Mật khẩu hiện tại không đúng.")})
		return
	}
	if r.PostFormValue("new") != r.PostFormValue("confirm") {
		h.renderAccount(w, r, http.StatusUnprocessableEntity, map[string]any{"PasswordError": i18n.T(lang, "Hai lần nhập mật khẩu mới không khớp.")})
		return
	}
	if err := accounts.SetPassword(r.Context(), h.db, me.ID, r.PostFormValue("new")); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderAccount(w, r, status, map[string]any{"PasswordError": msg})
		return
	}
	// The change signed out every session, this one included: sign in anew.
	_ = h.sessions.Destroy(r.Context())
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

func (h *handler) tokenCreate(w http.ResponseWriter, r *http.Request) {
	secret, _, err := accounts.CreateToken(r.Context(), h.db, principal(r).User.ID, r.PostFormValue("name"))
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	// Shown once, on this response only.
	h.renderAccount(w, r, http.StatusCreated, map[string]any{"NewToken": secret})
}

func (h *handler) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "tokenID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	if err := accounts.RevokeToken(r.Context(), h.db, id, principal(r).User.ID); err != nil {
		h.pageError(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã thu hồi mã truy cập."))
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
