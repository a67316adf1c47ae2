package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// The demo loads whatever the hour: just after midnight in Hà Nội (when
// "now minus a few minutes" is still yesterday), just before it, and on
// the first day of a year.
func TestLoadAtAnyHour(t *testing.T) {
	t.Parallel()
	for _, at := range []string{"2026-12-02T00:20:00+07:00", "2026-12-01T23:59:30+07:00", "2027-01-01T00:30:00+07:00", "2026-07-01T12:00:00+07:00"} {
		t.Run(at, func(t *testing.T) {
			t.Parallel()
			now, err := time.Parse(time.RFC3339, at)
			require.NoError(t, err)
			sum, err := demo.Load(context.Background(), dbtest.New(t), now.In(civil.Zone))
			require.NoError(t, err)
			require.Positive(t, sum.Tasks)
		})
	}
}
