package web

import (
	"net/http"
	"strconv"
	"strings"

	"cchc/accounts"
	"cchc/internal/i18n"
	"cchc/units"
)

// adminOnly answers 403 unless the user is an administrator.
func (h *handler) adminOnly(w http.ResponseWriter, r *http.Request) bool {
	if err := principal(r).CanAdminister(); err != nil {
		h.pageError(w, r, err)
		return false
	}
	return true
}

// userForm is the user form as typed, re-shown on error.
type userForm struct {
	Email, Name, Role, UnitCode string
	Active                      bool
}

func (h *handler) adminUsers(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	h.renderAdminUsers(w, r, http.StatusOK, userForm{Role: string(accounts.RoleOfficer)}, "")
}

func (h *handler) renderAdminUsers(w http.ResponseWriter, r *http.Request, status int, f userForm, formErr string) {
	us, err := accounts.List(r.Context(), h.db, "")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	all, err := units.All(r.Context(), h.db)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, status, "admin_users", map[string]any{"Users": us, "Units": all, "Roles": accounts.Roles, "Form": f, "FormError": formErr})
}

func (h *handler) adminUserCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	f := userForm{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: r.PostFormValue("role"), UnitCode: r.PostFormValue("unit")}
	u, err := units.ByCode(r.Context(), h.db, f.UnitCode)
	if err == nil {
		_, err = accounts.Create(r.Context(), h.db, accounts.NewUser{Email: f.Email, Name: f.Name, Role: accounts.Role(f.Role), UnitID: u.ID, Password: r.PostFormValue("password")})
	}
	if err != nil {
		status, _, msg := classify(err)
		if status >= 500 {
			h.pageError(w, r, err)
			return
		}
		if status == http.StatusNotFound {
			status, msg = http.StatusUnprocessableEntity, "Đơn vị không tồn tại."
		}
		h.renderAdminUsers(w, r, status, f, i18n.T(i18n.FromRequest(r), msg))
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã tạo tài khoản %s.", strings.ToLower(strings.TrimSpace(f.Email))))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

func (h *handler) adminUserEdit(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := idParam(r, "userID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	u, err := accounts.Get(r.Context(), h.db, id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.renderAdminUserEdit(w, r, http.StatusOK, u, userForm{Email: u.Email, Name: u.Name, Role: string(u.Role), UnitCode: u.Unit.Code, Active: u.Active}, "")
}

func (h *handler) renderAdminUserEdit(w http.ResponseWriter, r *http.Request, status int, u *accounts.User, f userForm, formErr string) {
	all, err := units.All(r.Context(), h.db)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, status, "admin_user_edit", map[string]any{"User": u, "Units": all, "Roles": accounts.Roles, "Form": f, "FormError": formErr})
}

func (h *handler) adminUserUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := idParam(r, "userID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	u, err := accounts.Get(r.Context(), h.db, id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	f := userForm{Email: u.Email, Name: r.PostFormValue("name"), Role: r.PostFormValue("role"), UnitCode: r.PostFormValue("unit"), Active: r.PostFormValue("active") != ""}
	unit, err := units.ByCode(r.Context(), h.db, f.UnitCode)
	if err == nil {
		err = accounts.Update(r.Context(), h.db, id, f.Name, accounts.Role(f.Role), unit.ID, f.Active)
	}
	if err != nil {
		status, _, msg := classify(err)
		if status >= 500 {
			h.pageError(w, r, err)
			return
		}
		h.renderAdminUserEdit(w, r, http.StatusUnprocessableEntity, u, f, i18n.T(i18n.FromRequest(r), msg))
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã lưu tài khoản %s.", u.Email))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// adminUserPassword is the administrator's password reset.
func (h *handler) adminUserPassword(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := idParam(r, "userID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	u, err := accounts.Get(r.Context(), h.db, id)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	if err := accounts.SetPassword(r.Context(), h.db, id, r.PostFormValue("password")); err != nil {
		status, _, msg := classify(err)
		if status >= 500 {
			h.pageError(w, r, err)
			return
		}
		h.renderAdminUserEdit(w, r, status, u, userForm{Email: u.Email, Name: u.Name, Role: string(u.Role), UnitCode: u.Unit.Code, Active: u.Active}, i18n.T(i18n.FromRequest(r), msg))
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã đặt lại mật khẩu cho %s; mọi phiên đăng nhập của tài khoản này đã kết thúc.", u.Email))
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
