// Package i18n writes the product's messages in the reader's language.
// Every user-visible text is a message ID ("task.percent_range") looked up
// in one catalog per language: the JSON files under vi/ (Vietnamese, the
// default) and en/ (English), one file per area of the product. Both
// catalogs hold exactly the same IDs (TestCatalogsAgree), and every ID the
// code or a template uses is in them (TestUsedKeysExist).
package i18n

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

type Lang string

const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Langs are the languages offered, the default first.
var Langs = []Lang{VI, EN}

//go:embed vi/*.json en/*.json
var catalogFS embed.FS

var catalogs = map[Lang]map[string]string{}

func init() {
	for _, l := range Langs {
		c, err := load(l)
		if err != nil {
			panic(err)
		}
		catalogs[l] = c
	}
}

// load reads the catalog of a language, refusing an ID defined twice.
func load(l Lang) (map[string]string, error) {
	files, err := fs.Glob(catalogFS, string(l)+"/*.json")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := fs.ReadFile(catalogFS, f)
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", f, err)
		}
		for k, v := range m {
			if _, dup := out[k]; dup {
				return nil, fmt.Errorf("i18n: %s defines %q again", path.Base(f), k)
			}
			out[k] = v
		}
	}
	return out, nil
}

// Parse returns the language named by s ("en", "en-US", "vi"…), or
// Vietnamese.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "en") {
		return EN
	}
	return VI
}

type langKey struct{}

// WithLang is ctx carrying the language the signed-in user chose; it wins
// over the browser's cookie in FromRequest.
func WithLang(ctx context.Context, l Lang) context.Context {
	return context.WithValue(ctx, langKey{}, l)
}

// FromRequest is the language of a page request: the signed-in user's
// choice (WithLang), else the "lang" cookie, else Vietnamese — the product
// is Vietnamese first, whatever the browser says.
func FromRequest(r *http.Request) Lang {
	if l, ok := r.Context().Value(langKey{}).(Lang); ok {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil {
		return Parse(c.Value)
	}
	return VI
}

// FromAcceptLanguage is the language of an API request: English when the
// first language of Accept-Language is English, else Vietnamese.
func FromAcceptLanguage(r *http.Request) Lang {
	first, _, _ := strings.Cut(r.Header.Get("Accept-Language"), ",")
	first, _, _ = strings.Cut(first, ";")
	return Parse(first)
}

// Msg is a message ID with its arguments, written out when shown. An
// argument that is itself a Msg is translated too; a []Msg becomes its
// messages, one per line.
type Msg struct {
	Key  string
	Args []any
}

// M makes a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// In writes m in language l.
func (m Msg) In(l Lang) string { return T(l, m.Key, m.Args...) }

// T writes the message key in language l, applying args with fmt.Sprintf.
// A key missing from English falls back to Vietnamese; a key missing from
// both shows as itself (the tests keep that from happening).
func T(l Lang, key string, args ...any) string {
	msg, ok := catalogs[l][key]
	if !ok {
		if msg, ok = catalogs[VI][key]; !ok {
			msg = key
		}
	}
	if len(args) == 0 {
		return msg
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch m := a.(type) {
		case Msg:
			a = m.In(l)
		case []Msg: // a list, one item per line
			items := make([]string, len(m))
			for j, x := range m {
				items[j] = x.In(l)
			}
			a = strings.Join(items, "\n")
		}
		out[i] = a
	}
	return fmt.Sprintf(msg, out...)
}

// Has reports whether language l has a message for key.
func Has(l Lang, key string) bool { _, ok := catalogs[l][key]; return ok }

// Keys lists the IDs of language l, sorted.
func Keys(l Lang) []string {
	out := make([]string, 0, len(catalogs[l]))
	for k := range catalogs[l] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Capitalize starts s with a capital letter, as a sentence shown alone.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func (l Lang) String() string { return string(l) }
