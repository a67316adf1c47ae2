package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/internal/i18n"
)

// Both catalogs hold the same IDs, none empty, each with the same verbs in
// the same order (a translation cannot drop or swap an argument).
func TestCatalogsAgree(t *testing.T) {
	t.Parallel()
	vi, en := i18n.Keys(i18n.VI), i18n.Keys(i18n.EN)
	require.NotEmpty(t, vi)
	require.Equal(t, vi, en, "both catalogs hold the same message IDs")
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for _, k := range vi {
		v, e := i18n.T(i18n.VI, k), i18n.T(i18n.EN, k)
		require.NotEmpty(t, strings.TrimSpace(v), k)
		require.NotEmpty(t, strings.TrimSpace(e), k)
		require.Equal(t, verbs.FindAllString(v, -1), verbs.FindAllString(e, -1), "the verbs of %s", k)
	}
}

// keyPattern is what a message ID looks like: "group.name" (not a file
// name such as "app.xml", nor a prefix such as "tasks.status_").
var keyPattern = regexp.MustCompile(`^[a-z][a-z_]*\.[a-z0-9_]*[a-z0-9]$`)

var fileName = regexp.MustCompile(`\.(xml|rels|css|js|svg|json|html|png|ico|txt|go)$`)

// dynamic are the prefixes of IDs the code builds ("tasks.status_" +
// status): such an ID counts as used when its prefix is.
var dynamic = []string{"tasks.status_", "plans.state_", "units.kind_", "accounts.role_", "filter.deadline_", "queue.reason_", "queue.role_", "period.",
	"indicators.kind_", "indicators.direction_", "reports.submission_"}

// Every message ID the code or a template names is in the catalogs, and
// every ID in the catalogs is named somewhere: the catalogs cannot drift
// from the code in either direction. An ID is a string literal of the form
// "group.name" whose group is a catalog file, in a Go file that is not a
// test, or the argument of {{t "…"}} in a template.
func TestUsedKeysExist(t *testing.T) {
	t.Parallel()
	root := moduleRoot(t)
	groups := map[string]bool{}
	for _, k := range i18n.Keys(i18n.VI) {
		groups[strings.SplitN(k, ".", 2)[0]] = true
	}
	used := map[string][]string{} // key → where
	tmpl := regexp.MustCompile(`(?:\{\{-?\s*|\()t "([^"]+)"`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if strings.HasPrefix(name, ".") || name == "var" || name == "bin" || name == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"):
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err == nil && keyPattern.MatchString(s) && !fileName.MatchString(s) && groups[strings.SplitN(s, ".", 2)[0]] {
					used[s] = append(used[s], rel)
				}
				return true
			})
		case strings.HasSuffix(name, ".html"):
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range tmpl.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = append(used[m[1]], rel)
			}
		}
		return nil
	})
	require.NoError(t, err)
	var missing []string
	for k, where := range used {
		for _, l := range i18n.Langs {
			if !i18n.Has(l, k) {
				missing = append(missing, l.String()+" "+k+" (in "+where[0]+")")
			}
		}
	}
	sort.Strings(missing)
	require.Empty(t, missing, "message IDs used but not in the catalogs")
	var unused []string
	for _, k := range i18n.Keys(i18n.VI) {
		if _, ok := used[k]; ok || hasDynamicPrefix(k) {
			continue
		}
		unused = append(unused, k)
	}
	require.Empty(t, unused, "message IDs in the catalogs that nothing uses")
}

func hasDynamicPrefix(k string) bool {
	for _, p := range dynamic {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, parent, dir, "no go.mod above the test")
		dir = parent
	}
}
