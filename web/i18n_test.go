package web

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/i18n"
)

// Every message a template translates has an English version, so switching
// to English never leaves a page half Vietnamese.
func TestTemplatesTranslated(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`\{\{t "([^"]+)"`)
	files, err := fs.Glob(templateFS, "templates/*.html")
	require.NoError(t, err)
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			require.True(t, i18n.Has(m[1]), "%s: no English for %q", f, m[1])
		}
	}
	for _, s := range statusLabels {
		require.True(t, i18n.Has(s), "no English for status %q", s)
	}
	for _, s := range stateLabels {
		require.True(t, i18n.Has(s), "no English for plan state %q", s)
	}
}
