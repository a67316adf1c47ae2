// Package i18n translates the interface. Messages are written in Vietnamese,
// the default language, and looked up in the English catalog when the user
// chose English; a message missing there shows in Vietnamese.
package i18n

import (
	"fmt"
	"net/http"
	"strings"
)

type Lang string

const (
	VI Lang = "vi"
	EN Lang = "en"
)

var Langs = []Lang{VI, EN}

// Parse returns the language named by s, or Vietnamese.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "en") {
		return EN
	}
	return VI
}

// FromRequest reads the "lang" cookie; without one, Vietnamese: the product
// is Vietnamese first, whatever the browser's language.
func FromRequest(r *http.Request) Lang {
	if c, err := r.Cookie("lang"); err == nil {
		return Parse(c.Value)
	}
	return VI
}

// T translates msg; args are applied with fmt.Sprintf when given.
func T(l Lang, msg string, args ...any) string {
	if l == EN {
		if en, ok := english[msg]; ok {
			msg = en
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether msg has an English translation (for tests).
func Has(msg string) bool { _, ok := english[msg]; return ok }
