package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/accounts"
	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/units"
)

// The administration use cases refuse a non-admin themselves, before they
// touch the database (here: none), whatever the handler checked.
func TestAdminUseCasesNeedAnAdmin(t *testing.T) {
	a := New(nil, nil)
	ctx := context.Background()
	u := units.Unit{ID: 1, Code: "SNV", Path: "1"}
	for _, role := range []accounts.Role{accounts.RoleLeader, accounts.RoleSecretariat, accounts.RoleOfficer, accounts.RoleViewer} {
		me := &authz.Principal{User: &accounts.User{ID: 7, Role: role, UnitID: 1}, Unit: u, Scope: u}
		checks := map[string]error{}
		_, checks["Users"] = a.Users(ctx, me)
		_, checks["AdminUnits"] = a.AdminUnits(ctx, me)
		_, checks["User"] = a.User(ctx, me, 1)
		_, checks["CreateUser"] = a.CreateUser(ctx, me, NewUserInput{Email: "x@example.vn", Name: "X", Role: accounts.RoleAdmin, Unit: "SNV", Password: "mật khẩu dài đủ"})
		checks["UpdateUser"] = a.UpdateUser(ctx, me, 1, UserEdit{Name: "X", Role: accounts.RoleAdmin, Unit: "SNV", Active: true})
		checks["ResetPassword"] = a.ResetPassword(ctx, me, 1, "mật khẩu dài đủ")
		_, checks["CreateUnit"] = a.CreateUnit(ctx, me, NewUnitInput{Code: "X", Name: "X", Kind: units.KindDepartment})
		_, _, checks["SetHoliday"] = a.SetHoliday(ctx, me, civil.New(2026, 9, 2), "Quốc khánh")
		checks["DeleteHoliday"] = a.DeleteHoliday(ctx, me, civil.New(2026, 9, 2))
		_, checks["Aliases"] = a.Aliases(ctx, me)
		_, _, checks["AddAlias"] = a.AddAlias(ctx, me, "SNV", "Nội vụ")
		checks["RemoveAlias"] = a.RemoveAlias(ctx, me, 1)
		_, checks["UnitWebhooks"] = a.UnitWebhooks(ctx, me, 1)
		for name, err := range checks {
			require.ErrorIs(t, err, errs.Forbidden, "%s as %s", name, role)
		}
	}
}
