package ui

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// cssRule is a top-level rule of app.css: its selectors and declarations.
// Rules inside at-rules (@media print, forced colours) are skipped: they
// are not what a sighted user sees on screen.
type cssRule struct {
	selectors []string
	decls     map[string]string
}

var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

func parseCSS(t *testing.T, src string) []cssRule {
	t.Helper()
	src = cssComment.ReplaceAllString(src, "")
	var rules []cssRule
	depth, start := 0, 0
	var head string
	for i, c := range src {
		switch c {
		case '{':
			if depth == 0 {
				head = strings.TrimSpace(src[start:i])
				start = i + 1
			}
			depth++
		case '}':
			depth--
			require.GreaterOrEqual(t, depth, 0, "unbalanced braces in app.css")
			if depth == 0 {
				if !strings.HasPrefix(head, "@") {
					r := cssRule{decls: map[string]string{}}
					for _, s := range strings.Split(head, ",") {
						r.selectors = append(r.selectors, strings.Join(strings.Fields(s), " "))
					}
					for _, d := range strings.Split(src[start:i], ";") {
						if k, v, ok := strings.Cut(d, ":"); ok {
							r.decls[strings.TrimSpace(k)] = strings.TrimSpace(v)
						}
					}
					rules = append(rules, r)
				}
				start = i + 1
			}
		}
	}
	require.Zero(t, depth, "unbalanced braces in app.css")
	return rules
}

// cssValue is the last value property takes in the rules naming selector.
func cssValue(rules []cssRule, selector, property string) string {
	v := ""
	for _, r := range rules {
		for _, s := range r.selectors {
			if s == selector {
				if x, ok := r.decls[property]; ok {
					v = x
				}
			}
		}
	}
	return v
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// resolveColour reads #rgb, #rrggbb or var(--x) (from :root) as sRGB.
func resolveColour(t *testing.T, rules []cssRule, v string) [3]float64 {
	t.Helper()
	for i := 0; strings.HasPrefix(v, "var("); i++ {
		require.Less(t, i, 5, "var() loop in %q", v)
		v = cssValue(rules, ":root", strings.TrimSuffix(strings.TrimPrefix(v, "var("), ")"))
	}
	m := hexColour.FindStringSubmatch(v)
	require.NotNil(t, m, "colour %q is not a solid #hex", v)
	h := m[1]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var c [3]float64
	for i := range c {
		n, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		require.NoError(t, err)
		c[i] = float64(n) / 255
	}
	return c
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, x := range c {
			if x <= 0.04045 {
				l[i] = x / 12.92
			} else {
				l[i] = math.Pow((x+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	t.Parallel()
	black, white := [3]float64{0, 0, 0}, [3]float64{1, 1, 1}
	require.InDelta(t, 21, contrast(black, white), 1e-9)
	require.InDelta(t, 1, contrast(white, white), 1e-9)
	rules := parseCSS(t, ":root { --a: #1d4ed8; --bar: #1e3a5f; } .x { color: var(--a); }")
	// The blue of the links on the dark header, as the browser measured it.
	require.InDelta(t, 1.72, contrast(resolveColour(t, rules, cssValue(rules, ".x", "color")), resolveColour(t, rules, "var(--bar)")), 0.01)
}

// The header's sign-out and language buttons (.btn-link inside .topbar),
// and every other text colour set for the header, read at 4.5:1 or more on
// the header's background, also when hovered.
func TestHeaderContrast(t *testing.T) {
	t.Parallel()
	rules := parseCSS(t, string(embeddedFile(t, "app.css")))
	bg := resolveColour(t, rules, cssValue(rules, ".topbar", "background"))
	for _, sel := range []string{".topbar", ".topbar a", ".topbar .btn-link", ".topbar .btn-link:hover"} {
		v := cssValue(rules, sel, "color")
		require.NotEmpty(t, v, "%s sets no colour", sel)
		fg := resolveColour(t, rules, v)
		require.GreaterOrEqual(t, contrast(fg, bg), 4.5, "%s: %s on the header", sel, v)
	}
	// The rules that would otherwise win for the buttons are overridden:
	// .btn-link and .btn-link:hover set a colour, so the header must too.
	for _, sel := range []string{".btn-link", ".btn-link:hover"} {
		if cssValue(rules, sel, "color") != "" {
			require.NotEmpty(t, cssValue(rules, ".topbar "+sel, "color"), "%s inside the header keeps its own colour", sel)
		}
	}
}
