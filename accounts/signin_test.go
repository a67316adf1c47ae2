package accounts

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/dbtest"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// An unknown e-mail and a disabled account cost a password hash like a
// real account does: the time of the answer does not tell which exist.
func TestEverySignInCostsAHash(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	u := &units.Unit{Code: "TP", Name: "UBND thành phố", Kind: units.KindCity}
	require.NoError(t, units.Create(ctx, db, u))
	active, err := Create(ctx, db, NewUser{Email: "co@cchc.test", Name: "Có", Role: RoleOfficer, UnitID: u.ID, Password: "mat-khau-dung"})
	require.NoError(t, err)
	disabled, err := Create(ctx, db, NewUser{Email: "nghi@cchc.test", Name: "Nghỉ", Role: RoleOfficer, UnitID: u.ID, Password: "mat-khau-dung"})
	require.NoError(t, err)
	require.NoError(t, Update(ctx, db, disabled.ID, disabled.Name, disabled.Role, disabled.UnitID, false))
	dummyHash() // made once, on first use

	for i, c := range []struct{ email, password string }{
		{"khong-co@cchc.test", "mat-khau-dung"},
		{"nghi@cchc.test", "mat-khau-dung"},
		{"co@cchc.test", "sai"},
	} {
		before := hashed.Load()
		_, err := SignIn(ctx, db, c.email, c.password, "192.0.2.1")
		require.ErrorIs(t, err, ErrBadCredentials, c.email)
		require.Equal(t, before+1, hashed.Load(), "%d: %s costs one hash", i, c.email)
	}
	got, err := SignIn(ctx, db, "CO@cchc.test ", "mat-khau-dung", "192.0.2.1")
	require.NoError(t, err)
	require.Equal(t, active.ID, got.ID)
}
