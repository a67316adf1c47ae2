package ui

import (
	"net/http"
	"strconv"
	"strings"

	"cchc/accounts"
	"cchc/app"
	"cchc/internal/i18n"
	"cchc/web/request"
)

// adminOnly answers 403 unless the user is an administrator.
func (h *Handler) adminOnly(w http.ResponseWriter, r *http.Request) bool {
	if err := request.Principal(r).CanAdminister(); err != nil {
		h.Error(w, r, err)
		return false
	}
	return true
}

// userForm is the user form as typed, re-shown on error.
type userForm struct {
	Email, Name, Role, UnitCode string
	Active                      bool
}

func (h *Handler) AdminUsers(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	h.renderAdminUsers(w, r, http.StatusOK, userForm{Role: string(accounts.RoleOfficer)}, "")
}

func (h *Handler) renderAdminUsers(w http.ResponseWriter, r *http.Request, status int, f userForm, formErr string) {
	us, err := h.app.Users(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	all, err := h.app.AdminUnits(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "admin_users", map[string]any{"Users": us, "Units": all, "Roles": accounts.Roles, "Form": f, "FormError": formErr})
}

func (h *Handler) AdminUserCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	f := userForm{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: r.PostFormValue("role"), UnitCode: r.PostFormValue("unit")}
	_, err := h.app.CreateUser(r.Context(), request.Principal(r), app.NewUserInput{Email: f.Email, Name: f.Name, Role: accounts.Role(f.Role), Unit: f.UnitCode, Password: r.PostFormValue("password")})
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderAdminUsers(w, r, status, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "user.account_x_created", strings.ToLower(strings.TrimSpace(f.Email))))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

func (h *Handler) AdminUserEdit(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := request.ID(r, "userID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u, err := h.app.User(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderAdminUserEdit(w, r, http.StatusOK, u, userForm{Email: u.Email, Name: u.Name, Role: string(u.Role), UnitCode: u.Unit.Code, Active: u.Active}, "")
}

func (h *Handler) renderAdminUserEdit(w http.ResponseWriter, r *http.Request, status int, u *accounts.User, f userForm, formErr string) {
	all, err := h.app.AdminUnits(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "admin_user_edit", map[string]any{"User": u, "Units": all, "Roles": accounts.Roles, "Form": f, "FormError": formErr})
}

func (h *Handler) AdminUserUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := request.ID(r, "userID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u, err := h.app.User(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := userForm{Email: u.Email, Name: r.PostFormValue("name"), Role: r.PostFormValue("role"), UnitCode: r.PostFormValue("unit"), Active: r.PostFormValue("active") != ""}
	if err := h.app.UpdateUser(r.Context(), request.Principal(r), id, app.UserEdit{Name: f.Name, Role: accounts.Role(f.Role), Unit: f.UnitCode, Active: f.Active}); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderAdminUserEdit(w, r, status, u, f, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "user.account_x_saved", u.Email))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// adminUserPassword is the administrator's password reset.
func (h *Handler) AdminUserPassword(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := request.ID(r, "userID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u, err := h.app.User(r.Context(), request.Principal(r), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.app.ResetPassword(r.Context(), request.Principal(r), id, r.PostFormValue("password")); err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderAdminUserEdit(w, r, status, u, userForm{Email: u.Email, Name: u.Name, Role: string(u.Role), UnitCode: u.Unit.Code, Active: u.Active}, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "user.password_x_reset_all_sessions", u.Email))
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
