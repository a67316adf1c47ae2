package web_test

// Issue 10: the attacks that broke, each replayed through the real router.

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/accounts"
	"cchc/demo"
	"cchc/web"
)

// trustLoopback makes the test server believe X-Forwarded-For from
// loopback, where the test client is: each request can then come from the
// address it names, as through a reverse proxy.
func trustLoopback(d *web.Deps) {
	d.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
}

// signIn posts the sign-in form from address addr (X-Forwarded-For) and
// returns the status and the Location.
func (e *env) signIn(email, password, addr, next string) (int, string) {
	v := url.Values{"email": {email}, "password": {password}}
	if next != "" {
		v.Set("next", next)
	}
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/signin", strings.NewReader(v.Encode()))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if addr != "" {
		req.Header.Set("X-Forwarded-For", addr)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode, res.Header.Get("Location")
}

func (e *env) attempts(email string) int {
	e.t.Helper()
	n, err := e.db.NewSelect().Table("login_attempts").Where("email_key = ?", email).Count(context.Background())
	require.NoError(e.t, err)
	return int(n)
}

// 40 wrong passwords for one account at once, from one address: at most
// five are checked, the rest are throttled; the owner still signs in from
// elsewhere.
func TestSignInThrottleIsAtomic(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, trustLoopback)
	const n = 40
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			codes[i], _ = e.signIn("tuphap@cchc.test", fmt.Sprintf("sai-mat-khau-%d", i), "198.51.100.7", "")
		})
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	require.Equal(t, n, count[http.StatusUnauthorized]+count[http.StatusTooManyRequests], "only 401 and 429: %v", count)
	require.LessOrEqual(t, count[http.StatusUnauthorized], accounts.MaxFailuresPerPair, "at most five passwords checked: %v", count)
	require.Equal(t, count[http.StatusUnauthorized], e.attempts("tuphap@cchc.test"), "one recorded attempt per check")

	code, _ := e.signIn("tuphap@cchc.test", demo.Password, "198.51.100.7", "")
	require.Equal(t, http.StatusTooManyRequests, code, "that address is refused for the account, right password or not")
	code, _ = e.signIn("tuphap@cchc.test", demo.Password, "203.0.113.20", "")
	require.Equal(t, http.StatusSeeOther, code, "the right password from another address signs in")
}

// Five wrong passwords from anywhere no longer lock the owner out, and one
// address cannot try many accounts.
func TestSignInLockOutNeedsTheAddress(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, trustLoopback)
	c := e.client()
	bad := url.Values{"email": {"tuphap@cchc.test"}, "password": {"sai-mat-khau"}}
	from := func(addr string) map[string]string { return map[string]string{"X-Forwarded-For": addr} }
	for range accounts.MaxFailuresPerPair {
		r := e.form(c, "/signin", bad, from("192.0.2.66"))
		require.Equal(t, http.StatusUnauthorized, r.Code)
		require.Contains(t, r.Body, "E-mail hoặc mật khẩu không đúng.")
	}
	// From the attacker's address even the right password waits, with a clear message…
	r := e.form(c, "/signin", url.Values{"email": {"tuphap@cchc.test"}, "password": {demo.Password}}, from("192.0.2.66"))
	require.Equal(t, http.StatusTooManyRequests, r.Code)
	require.Contains(t, r.Body, "Đăng nhập sai quá nhiều lần")
	// …but the owner, at their own desk, signs in.
	r = e.form(e.client(), "/signin", url.Values{"email": {"tuphap@cchc.test"}, "password": {demo.Password}}, from("203.0.113.5"))
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	// And another account from the attacker's address is not blocked by that.
	require.Equal(t, http.StatusSeeOther, e.form(e.client(), "/signin", url.Values{"email": {"xem@cchc.test"}, "password": {demo.Password}}, from("192.0.2.66")).Code)

	// Per address: many accounts tried from one address.
	for i := range accounts.MaxFailuresPerIP {
		e.form(e.client(), "/signin", url.Values{"email": {fmt.Sprintf("nobody%d@cchc.test", i)}, "password": {"x"}}, from("192.0.2.99"))
	}
	r = e.form(e.client(), "/signin", url.Values{"email": {"lanhdao@cchc.test"}, "password": {demo.Password}}, from("192.0.2.99"))
	require.Equal(t, http.StatusTooManyRequests, r.Code)
}

// An account under a distributed attack is slowed, not blocked: addresses
// that already failed on it wait their turn, an address with no recent
// failure is checked at once.
func TestSignInDistributedAttackIsSlowed(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, trustLoopback)
	// AttackThreshold failures, two from each of many addresses: each is
	// checked (no address, nor pair, reaches its own limit).
	for i := range accounts.AttackThreshold / 2 {
		for range 2 {
			code, _ := e.signIn("lanhdao@cchc.test", "doan-mo", fmt.Sprintf("198.51.100.%d", i+1), "")
			require.Equal(t, http.StatusUnauthorized, code)
		}
	}
	require.Equal(t, accounts.AttackThreshold, e.attempts("lanhdao@cchc.test"))
	// The steps below come within AttackSpacing of each other.
	code, _ := e.signIn("lanhdao@cchc.test", "doan-tiep", "198.51.100.2", "")
	require.Equal(t, http.StatusTooManyRequests, code, "an attacking address waits for the account's next slot")
	code, _ = e.signIn("lanhdao@cchc.test", demo.Password, "203.0.113.44", "")
	require.Equal(t, http.StatusSeeOther, code, "the owner from a clean address gets through at once")
	code, _ = e.signIn("lanhdao@cchc.test", "doan-moi", "203.0.113.45", "")
	require.Equal(t, http.StatusUnauthorized, code, "a new address is checked")
	code, _ = e.signIn("lanhdao@cchc.test", "doan-nua", "203.0.113.45", "")
	require.Equal(t, http.StatusTooManyRequests, code, "and then waits like the others")
}

// Without a trusted proxy, X-Forwarded-For is not believed: rotating it
// does not escape the limit of the real address.
func TestForwardedForNotBelievedByDefault(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for i := range accounts.MaxFailuresPerPair {
		code, _ := e.signIn("noivu@cchc.test", "sai", fmt.Sprintf("203.0.113.%d", i+1), "")
		require.Equal(t, http.StatusUnauthorized, code)
	}
	code, _ := e.signIn("noivu@cchc.test", demo.Password, "203.0.113.200", "")
	require.Equal(t, http.StatusTooManyRequests, code, "every attempt came from loopback, whatever the header said")
}

// Redirects after sign-in and after choosing a language stay on this site.
func TestOpenRedirectsRefused(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, trustLoopback)
	bypasses := []string{
		"/\t/evil.example", "/\\evil.example", "//evil.example", "/\n/evil.example", "\\\\evil.example",
		"https://evil.example", "javascript:alert(1)", "/%2F%2Fevil.example", "/%5Cevil.example", "/%09/evil.example",
		"/%252F/evil.example", " //evil.example", "http:evil.example",
	}
	for _, back := range bypasses {
		// The form encodes what a crafted page would post.
		r := e.form(e.client(), "/lang", url.Values{"lang": {"en"}, "back": {back}}, nil)
		require.Equal(t, http.StatusSeeOther, r.Code, "%q", back)
		require.Equal(t, "/", r.Head.Get("Location"), "back=%q", back)
	}
	r := e.form(e.client(), "/lang", url.Values{"lang": {"en"}, "back": {"/plans/1?as_of=2024-09-20"}}, nil)
	require.Equal(t, "/plans/1?as_of=2024-09-20", r.Head.Get("Location"))

	for i, next := range append(bypasses[:6:6], "/%2F%2Fevil.example") {
		code, loc := e.signIn("xem@cchc.test", demo.Password, fmt.Sprintf("203.0.113.%d", 100+i), next)
		require.Equal(t, http.StatusSeeOther, code, "%q", next)
		require.Equal(t, "/", loc, "next=%q: home", next)
	}
	code, loc := e.signIn("xem@cchc.test", demo.Password, "203.0.113.99", "/plans/1?as_of=2024-09-20")
	require.Equal(t, http.StatusSeeOther, code)
	require.Equal(t, "/plans/1?as_of=2024-09-20", loc)
	// The sign-in page does not carry a bad next into its form either.
	page := e.page(e.client(), "/signin?next="+url.QueryEscape("/\t/evil.example"))
	require.NotContains(t, page.Body, "evil.example")
}

// multipartFiles builds a progress form with the given fields and evidence files.
func multipartFiles(t *testing.T, fields map[string]string, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	for name, data := range files {
		fw, err := mw.CreateFormFile("evidence_file", name)
		require.NoError(t, err)
		_, err = fw.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return &buf, mw.FormDataContentType()
}

// noisePNG is a valid PNG of about size bytes (noise does not compress).
func noisePNG(t *testing.T, size int) []byte {
	t.Helper()
	side := 1
	for side*side*4 < size {
		side++
	}
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	img.Set(0, 0, color.NRGBA{0, 0, 0, 255})
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

// Every progress-form upload over the in-memory part leaves no temporary
// file, accepted or refused. Not parallel: it points TMPDIR at a directory
// of its own.
func TestUploadsLeaveNoTempFiles(t *testing.T) {
	e := newEnv(t) // first: the test server's directory is not ours to watch
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	own := e.firstTaskOf(demoJustice, "overdue")
	_, _, other := e.justiceTasks()
	officer := e.browser("tuphap@cchc.test")
	viewer := e.browser("xem@cchc.test")
	big := noisePNG(t, 2<<20)
	require.Greater(t, len(big), 1<<20, "over the in-memory part of a multipart form")

	post := func(c *http.Client, taskID int64, version int, files map[string][]byte) int {
		body, ct := multipartFiles(t, map[string]string{"percent": "80", "note": "Kèm ảnh chụp", "version": fmt.Sprint(version)}, files)
		return e.send(c, http.MethodPost, fmt.Sprintf("/tasks/%d/progress", taskID), body, map[string]string{"Content-Type": ct}).Code
	}
	version := func(id int64) int {
		var cur taskJSON
		e.getJSON(fmt.Sprintf("/api/v1/tasks/%d", id), &cur)
		return cur.Version
	}
	leftovers := func() []string {
		names, err := filepath.Glob(filepath.Join(tmp, "multipart-*"))
		require.NoError(t, err)
		return names
	}
	for _, c := range []struct {
		what   string
		client *http.Client
		task   int64
		stale  bool
		files  map[string][]byte
		want   int
	}{
		{"accepted", officer, own.ID, false, map[string][]byte{"anh-chup.png": big}, http.StatusSeeOther},
		{"wrong type", officer, own.ID, false, map[string][]byte{"chay-thu.exe": big}, http.StatusUnprocessableEntity},
		{"lying type", officer, own.ID, false, map[string][]byte{"anh.png": append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("<svg/>"), 300_000)...)}, http.StatusUnprocessableEntity},
		{"stale version", officer, own.ID, true, map[string][]byte{"anh-chup.png": big}, http.StatusConflict},
		{"viewer", viewer, own.ID, false, map[string][]byte{"anh-chup.png": big}, http.StatusForbidden},
		{"hidden task", officer, other.ID, false, map[string][]byte{"anh-chup.png": big}, http.StatusNotFound},
		{"over the body limit", officer, own.ID, false, map[string][]byte{"a.png": big, "b.png": big, "c.png": big, "d.png": big, "e.png": big, "f.png": big, "g.png": big}, http.StatusUnprocessableEntity},
	} {
		v := version(c.task)
		if c.stale {
			v--
		}
		require.Equal(t, c.want, post(c.client, c.task, v, c.files), c.what)
		require.Empty(t, leftovers(), "%s: temporary files left", c.what)
	}
	// The import page and the API's import were already clean; checked here too.
	r := e.upload(e.browser("lanhdao@cchc.test"), "", "/plans/import", map[string]string{"unit": "TP", "year": "2027"}, big, "ke-hoach.xlsx")
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Empty(t, leftovers(), "import: temporary files left")
}

// Control characters (a NUL byte above all) and bytes that are not UTF-8
// are refused with 422 wherever they come in — they gave 500 on about ten
// endpoints — while tabs and new lines (CR LF from a browser) are text.
func TestControlCharactersRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own, _, _ := e.justiceTasks()
	planID := e.planID(now.Year())
	var p struct{ Version int }
	e.getJSON(fmt.Sprintf("/api/v1/plans/%d", planID), &p)
	api := []struct{ method, path, body string }{
		{http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", own.ID), fmt.Sprintf(`{"percent": 10, "note": "ghi\u0000chú", "version": %d}`, own.Version)},
		{http.MethodPatch, fmt.Sprintf("/api/v1/tasks/%d", own.ID), fmt.Sprintf(`{"version": %d, "title": "Nhiệm vụ\u0000"}`, own.Version)},
		{http.MethodPatch, fmt.Sprintf("/api/v1/plans/%d", planID), fmt.Sprintf(`{"version": %d, "title": "\u0000Kế hoạch"}`, p.Version)},
		{http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/areas", planID), `{"name": "Cải cách\u0000"}`},
		{http.MethodPost, "/api/v1/holidays", `{"day": "2026-12-31", "name": "Nghỉ\u0000"}`},
		{http.MethodPost, "/api/v1/units/PTP/webhooks", `{"name": "Zalo\u001b[31m", "url": "https://hooks.example.test/x"}`},
		{http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/webhooks", planID), `{"na\u0000me": "x", "url": "https://hooks.example.test/x"}`},
		{http.MethodGet, "/api/v1/plans?q=%00", ""},
		{http.MethodGet, "/api/v1/units/%00/webhooks", ""},
	}
	for _, c := range api {
		r := e.api(admin, c.method, c.path, c.body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, "%s %s %s: %s", c.method, c.path, c.body, r.Body)
		require.Contains(t, r.Body, `"code":"invalid_input"`)
	}

	admin := e.browser(admin)
	pages := []struct {
		path string
		form url.Values
	}{
		{"/signin", url.Values{"email": {"tuphap@cchc.test\x00"}, "password": {"x"}}},
		{fmt.Sprintf("/tasks/%d/progress", own.ID), url.Values{"percent": {"20"}, "note": {"a\x00b"}, "version": {fmt.Sprint(own.Version)}}},
		{fmt.Sprintf("/tasks/%d/progress", own.ID), url.Values{"percent": {"20"}, "note": {"hỏng \xff\xfe"}, "version": {fmt.Sprint(own.Version)}}},
		{fmt.Sprintf("/plans/%d/areas", planID), url.Values{"name": {"\x00"}}},
		{"/admin/holidays", url.Values{"day": {"2026-12-31"}, "name": {"Tết\x00"}}},
		{"/plans/new", url.Values{"title": {"\x07Kế hoạch"}}},
	}
	for _, c := range pages {
		r := e.form(admin, c.path, c.form, nil)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, "%s %v: %s", c.path, c.form, r.Body)
		require.Contains(t, r.Body, "không được phép")
	}
	body, ct := multipartFiles(t, map[string]string{"percent": "20", "note": "x\x00", "version": fmt.Sprint(own.Version)}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, e.send(admin, http.MethodPost, fmt.Sprintf("/tasks/%d/progress", own.ID), body, map[string]string{"Content-Type": ct}).Code)
	body, ct = multipartFiles(t, map[string]string{"percent": "20", "version": fmt.Sprint(own.Version)}, map[string][]byte{"qd\x00.pdf": minimalPDF("x")})
	require.Equal(t, http.StatusUnprocessableEntity, e.send(admin, http.MethodPost, fmt.Sprintf("/tasks/%d/progress", own.ID), body, map[string]string{"Content-Type": ct}).Code)
	for _, path := range []string{"/plans?q=%00", "/units/%00/webhooks", "/units/search?q=%1B"} {
		require.Equal(t, http.StatusUnprocessableEntity, e.page(admin, path).Code, path)
	}
	require.Equal(t, own.Version, e.version(own.ID), "nothing was written")

	// Tabs and new lines are text.
	r := e.form(admin, fmt.Sprintf("/tasks/%d/progress", own.ID), url.Values{"percent": {"20"}, "note": {"Dòng một\r\nDòng hai\tcột"}, "version": {fmt.Sprint(own.Version)}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	r = e.api("noivu@cchc.test", http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", own.ID), fmt.Sprintf(`{"percent": 30, "note": "a\n\tb", "version": %d}`, own.Version+1))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
}

func (e *env) version(taskID int64) int {
	e.t.Helper()
	var cur taskJSON
	e.getJSON(fmt.Sprintf("/api/v1/tasks/%d", taskID), &cur)
	return cur.Version
}

// The README states the body limit the code enforces (issue 10: it said
// 8 MiB while the code took 12).
func TestBodyLimitAsDocumented(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	want := fmt.Sprintf("bodies are capped at %d MiB", web.MaxBody>>20)
	require.True(t, strings.Contains(strings.Join(strings.Fields(string(readme)), " "), want), "the README says %q", want)
	require.False(t, strings.Contains(string(readme), "8 MiB"), "the README still says 8 MiB")

	e := newEnv(t)
	own, _, _ := e.justiceTasks()
	officer := e.browser("tuphap@cchc.test")
	over := bytes.Repeat([]byte("x"), int(web.MaxBody)+1)
	r := e.send(officer, http.MethodPost, fmt.Sprintf("/tasks/%d/progress", own.ID), bytes.NewReader(over), map[string]string{"Content-Type": "application/json"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	require.Contains(t, r.Body, "quá lớn")
}

// minimalPDF is a PDF with a correct structure: header, objects,
// cross-reference table, trailer, startxref and %%EOF.
func minimalPDF(note string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n% " + note + "\n")
	o1 := b.Len()
	b.WriteString("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer << /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", o1, o2, xref)
	return b.Bytes()
}
