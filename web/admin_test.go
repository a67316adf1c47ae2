package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/accounts"
	"cchc/internal/errs"
	"cchc/units"
)

func TestAdminPagesAreForAdmins(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, email := range []string{"lanhdao@cchc.test", "noivu@cchc.test", "tuphap@cchc.test", "xem@cchc.test"} {
		c := e.browser(email)
		for _, path := range []string{"/admin/users", "/admin/units", "/admin/audit"} {
			require.Equal(t, http.StatusForbidden, e.page(c, path).Code, "%s %s", email, path)
		}
		r := e.form(c, "/admin/users", url.Values{"email": {"x@cchc.test"}, "name": {"X"}, "role": {"admin"}, "unit": {"TP"}, "password": {"mat-khau-123"}}, nil)
		require.Equal(t, http.StatusForbidden, r.Code)
	}
	_, err := accounts.ByEmail(context.Background(), e.db, "x@cchc.test")
	require.ErrorIs(t, err, errs.NotFound, "nobody could make themselves an admin")
}

func TestAdminManagesUsersAndUnits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.browser(admin)

	r := e.page(c, "/admin/users")
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "tuphap@cchc.test")

	// A bad form is re-shown with a Vietnamese message and creates nothing.
	r = e.form(c, "/admin/users", url.Values{"email": {"khong-hop-le"}, "name": {"Trần Văn B"}, "role": {"officer"}, "unit": {"PTP"}, "password": {"mat-khau-123"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "không hợp lệ")
	require.Contains(t, r.Body, `value="Trần Văn B"`, "what was typed stays")

	r = e.form(c, "/admin/users", url.Values{"email": {"canbo@cchc.test"}, "name": {"Trần Văn B"}, "role": {"officer"}, "unit": {"PTP"}, "password": {"mat-khau-123"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	u, err := accounts.ByEmail(context.Background(), e.db, "canbo@cchc.test")
	require.NoError(t, err)
	require.Equal(t, accounts.RoleOfficer, u.Role)

	// The admin resets the password: the new one signs in.
	r = e.form(c, "/admin/users/"+itoa(u.ID)+"/password", url.Values{"password": {"mat-khau-moi-9"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	r = e.form(e.client(), "/signin", url.Values{"email": {"canbo@cchc.test"}, "password": {"mat-khau-moi-9"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)

	// Disabling the account ends its sessions.
	other := e.client()
	e.form(other, "/signin", url.Values{"email": {"canbo@cchc.test"}, "password": {"mat-khau-moi-9"}}, nil)
	r = e.form(c, "/admin/users/"+itoa(u.ID), url.Values{"name": {"Trần Văn B"}, "role": {"officer"}, "unit": {"PTP"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Equal(t, http.StatusSeeOther, e.page(other, "/plans").Code)

	// Units: a bad code is refused, a good one lands under its parent.
	r = e.form(c, "/admin/units", url.Values{"code": {"có dấu"}, "name": {"UBND phường Mới"}, "kind": {"commune"}, "parent": {"TP"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "không hợp lệ")
	r = e.form(c, "/admin/units", url.Values{"code": {"P-MOI"}, "name": {"UBND phường Mới"}, "kind": {"commune"}, "parent": {"TP"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	nu, err := units.ByCode(context.Background(), e.db, "P-MOI")
	require.NoError(t, err)
	city, err := units.ByCode(context.Background(), e.db, "TP")
	require.NoError(t, err)
	require.True(t, city.Contains(*nu))
	r = e.form(c, "/admin/units", url.Values{"code": {"P-MOI"}, "name": {"Trùng mã"}, "kind": {"commune"}}, nil)
	require.Equal(t, http.StatusConflict, r.Code)

	// The audit page lists these changes, filterable by object.
	r = e.page(c, "/admin/audit?entity=user")
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "canbo@cchc.test")
	require.Contains(t, r.Body, "admin@cchc.test", "who did it")
	r = e.page(c, "/admin/audit?entity=unit")
	require.Contains(t, r.Body, "P-MOI")
	require.NotContains(t, r.Body, "canbo@cchc.test")
}

func itoa(n int64) string { return url.PathEscape(fmtInt(n)) }
