package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/accounts"
)

// The language is the user's, not the browser's: chosen on one computer,
// it is the language of their pages on another; the cookie serves the pages
// before sign-in.
func TestLanguagePerUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	english := func(r response) bool {
		t.Helper()
		require.Equal(t, http.StatusOK, r.Code)
		return regexpHTMLLang.FindStringSubmatch(r.Body)[1] == "en"
	}

	// At the office: the officer switches to English.
	office := e.browser("tuphap@cchc.test")
	require.False(t, english(e.page(office, "/plans")))
	r := e.form(office, "/lang", url.Values{"lang": {"en"}, "back": {"/plans"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code)
	require.Equal(t, "/plans", r.Head.Get("Location"))
	require.True(t, english(e.page(office, "/plans")))
	u, err := accounts.ByEmail(context.Background(), e.db, "tuphap@cchc.test")
	require.NoError(t, err)
	require.Equal(t, "en", u.Lang, "kept on the user")

	// At home, a browser that never chose (or chose Vietnamese): English
	// once signed in.
	home := e.client()
	require.False(t, english(e.page(home, "/signin")))
	require.Equal(t, http.StatusSeeOther, e.form(home, "/lang", url.Values{"lang": {"vi"}, "back": {"/signin"}}, nil).Code)
	require.Equal(t, http.StatusSeeOther, e.form(home, "/signin", url.Values{"email": {"tuphap@cchc.test"}, "password": {"cchc-demo"}}, nil).Code)
	require.True(t, english(e.page(home, "/plans")))
	require.True(t, english(e.page(home, "/account")))
	// Signed out, that browser now follows the user's language.
	require.Equal(t, http.StatusSeeOther, e.form(home, "/signout", nil, nil).Code)
	require.True(t, english(e.page(home, "/signin")))

	// Another user who chose Vietnamese gets Vietnamese in the officer's
	// English browser.
	leader := e.browser("lanhdao@cchc.test")
	require.Equal(t, http.StatusSeeOther, e.form(leader, "/lang", url.Values{"lang": {"vi"}, "back": {"/plans"}}, nil).Code)
	require.Equal(t, http.StatusSeeOther, e.form(office, "/signout", nil, nil).Code)
	require.True(t, english(e.page(office, "/signin")), "signed out: the browser's cookie")
	require.Equal(t, http.StatusSeeOther, e.form(office, "/signin", url.Values{"email": {"lanhdao@cchc.test"}, "password": {"cchc-demo"}}, nil).Code)
	require.False(t, english(e.page(office, "/plans")))

	// Errors speak the user's language too.
	r = e.page(home, "/plans/999999")
	require.Equal(t, http.StatusSeeOther, r.Code, "signed out")
	require.Equal(t, http.StatusSeeOther, e.form(home, "/signin", url.Values{"email": {"tuphap@cchc.test"}, "password": {"cchc-demo"}}, nil).Code)
	r = e.page(home, "/plans/999999")
	require.Equal(t, http.StatusNotFound, r.Code)
	require.Contains(t, r.Body, `lang="en"`)
}

var regexpHTMLLang = regexp.MustCompile(`<html lang="([a-z]+)">`)
