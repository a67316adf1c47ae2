package ui

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/tasks"
)

// Every message a template translates is in both catalogs, so switching to
// English never leaves a page half Vietnamese.
func TestTemplatesTranslated(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`\{\{t "([^"]+)"`)
	files, err := fs.Glob(templateFS, "templates/*.html")
	require.NoError(t, err)
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			for _, l := range i18n.Langs {
				require.True(t, i18n.Has(l, m[1]), "%s: no %s message %q", f, l, m[1])
			}
		}
	}
	for _, l := range i18n.Langs {
		for _, s := range tasks.Statuses {
			require.True(t, i18n.Has(l, s.Label()), "no %s name of status %q", l, s)
		}
		for _, s := range []plans.State{plans.StateDraft, plans.StateIssued, plans.StateClosed} {
			require.True(t, i18n.Has(l, s.Label()), "no %s name of plan state %q", l, s)
		}
	}
}
