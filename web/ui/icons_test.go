package ui

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"

	"cchc/internal/i18n"
)

// isEmoji is a character that needs an emoji font: pictographs, dingbats,
// the misc. symbols block and the emoji variation selector.
func isEmoji(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || r == 0xFE0F ||
		unicode.Is(unicode.So, r) && r >= 0x2B00 && r <= 0x2BFF
}

// No template prints an emoji (an empty box on office PCs without an
// emoji font); icons are inline SVG.
func TestTemplatesHaveNoEmoji(t *testing.T) {
	t.Parallel()
	files, err := fs.Glob(templateFS, "templates/*.html")
	require.NoError(t, err)
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			for _, r := range line {
				require.False(t, isEmoji(r), "%s:%d prints %q: use {{template \"icon\" …}}", f, i+1, r)
			}
		}
	}
	require.True(t, isEmoji('📎'))
}

// Every icon a template asks for draws an SVG path.
func TestIconsDefined(t *testing.T) {
	t.Parallel()
	p, err := parsePages(newTestAssets(t))
	require.NoError(t, err)
	use := regexp.MustCompile(`\{\{template "icon" "([a-z-]+)"\}\}`)
	files, err := fs.Glob(templateFS, "templates/*.html")
	require.NoError(t, err)
	names := map[string]bool{}
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		require.NoError(t, err)
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			names[m[1]] = true
		}
	}
	require.True(t, names["paperclip"], "the evidence files are marked with the paperclip")
	tpl := p.byLang[i18n.VI]["task_show"]
	for name := range names {
		var buf bytes.Buffer
		require.NoError(t, tpl.ExecuteTemplate(&buf, "icon", name))
		require.Contains(t, buf.String(), "<svg", name)
		require.Contains(t, buf.String(), "<path", "icon %q has no drawing", name)
		require.Contains(t, buf.String(), `aria-hidden="true"`, name)
	}
	var buf bytes.Buffer
	require.NoError(t, tpl.ExecuteTemplate(&buf, "icon", "no-such-icon"))
	require.NotContains(t, buf.String(), "<path")
}
