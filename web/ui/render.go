package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"cchc/app"
	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/reports"
	"cchc/tasks"
	"cchc/web/request"
)

//go:embed templates
var templateFS embed.FS

// pages holds every page template, parsed once at boot for each language.
type pages struct {
	byLang map[i18n.Lang]map[string]*template.Template
}

func funcs(lang i18n.Lang, a *Assets) template.FuncMap {
	return template.FuncMap{
		"t":         func(msg string, args ...any) string { return i18n.T(lang, msg, args...) },
		"msg":       func(m i18n.Msg) string { return m.In(lang) },
		"who":       func(s app.Sentence) string { return s.Who(lang) },
		"what":      func(s app.Sentence) string { return s.What(lang) },
		"lang":      func() string { return string(lang) },
		"asset":     a.URL,
		"int":       vn.Int,
		"percent":   vn.Percent,
		"date":      func(d civil.Date) string { return d.VN() },
		"datetime":  func(t time.Time) string { return t.In(civil.Zone).Format("02/01/2006 15:04") },
		"isotime":   func(t time.Time) string { return t.In(civil.Zone).Format(time.RFC3339) },
		"status":    func(s tasks.Status) string { return i18n.T(lang, s.Label()) },
		"statuses":  func() []tasks.Status { return tasks.Statuses },
		"join":      func(sep string, xs []string) string { return strings.Join(xs, sep) },
		"add":       func(a, b int) int { return a + b },
		"seq":       func(n int) []int { return make([]int, n) },
		"list":      func(xs ...string) []string { return xs },
		"qset":      querySet,
		"statusbar": func(c tasks.Counts) template.HTML { return statusBar(lang, c) },
		"legend":    func() template.HTML { return chartLegend(lang) },
		"dict":      dict,
		"qadd":      queryAdd,
		"qnew":      func(path string, kv ...any) string { return querySet(path, nil, kv...) },
		"sortlink":  sortLink,
		"fig": func(x *float64) string {
			if x == nil {
				return ""
			}
			return vn.Number(*x, 2)
		},
		"yes": func(b *bool) bool { return b != nil && *b },
		"chainCount": func(c *reports.Chain) map[string]int {
			by, late := c.Count()
			out := map[string]int{"late": late}
			for s, n := range by {
				out[string(s)] = n
			}
			return out
		},
	}
}

func parsePages(a *Assets) (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byLang: map[i18n.Lang]map[string]*template.Template{}}
	for _, lang := range i18n.Langs {
		base, err := template.New("layout").Funcs(funcs(lang, a)).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
		if err != nil {
			return nil, fmt.Errorf("web: parse layout: %w", err)
		}
		p.byLang[lang] = map[string]*template.Template{}
		for _, name := range names {
			page := strings.TrimSuffix(path.Base(name), ".html")
			if page == "layout" || page == "partials" {
				continue
			}
			t, err := template.Must(base.Clone()).ParseFS(templateFS, name)
			if err != nil {
				return nil, fmt.Errorf("web: parse %s: %w", name, err)
			}
			p.byLang[lang][page] = t
		}
	}
	return p, nil
}

// render executes page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page. An htmx request for a page
// that defines a "fragment" block gets only that block.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page string, data map[string]any) {
	lang := i18n.FromRequest(r)
	t, ok := h.pages.byLang[lang][page]
	if !ok {
		h.log.Error("no such template", "page", page)
		http.Error(w, "template missing", http.StatusInternalServerError)
		return
	}
	if data == nil {
		data = map[string]any{}
	}
	data["Lang"] = string(lang)
	data["Path"] = r.URL.Path
	data["Query"] = r.URL.Query()
	if p := request.Principal(r); p != nil {
		data["Me"] = p
	}
	if _, ok := data["Flash"]; !ok && h.sessions.Exists(r.Context(), sessionFlash) {
		data["Flash"] = h.sessions.PopString(r.Context(), sessionFlash)
	}
	name := "layout"
	if r.Header.Get("HX-Request") == "true" && t.Lookup("fragment") != nil {
		name = "fragment"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		h.log.Error("render", "page", page, "err", err)
		http.Error(w, "Lỗi hiển thị trang", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// querySet is path with query q where each key of kv (key, value, key,
// value…) is set to its value, or removed when the value is empty: the
// links of filters and sortable columns, which keep the rest of the URL.
func querySet(path string, q url.Values, kv ...any) string {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k, v := fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1])
		if v == "" {
			out.Del(k)
		} else {
			out.Set(k, v)
		}
	}
	if len(out) == 0 {
		return path
	}
	return path + "?" + out.Encode()
}

// sortLink is the link of a sortable column's header: sorted by col, or
// by col descending when the list already is sorted by col.
func sortLink(path string, q url.Values, col string) string {
	if q.Get("sort") == col {
		col = "-" + col
	}
	return querySet(path, q, "sort", col)
}

// dict builds a map from key, value pairs: the argument of a partial that
// needs more than one value.
func dict(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// queryAdd is link with each key of kv set (or removed when empty), as querySet.
func queryAdd(link string, kv ...any) string {
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	out := querySet(u.Path, u.Query(), kv...)
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return out
}
