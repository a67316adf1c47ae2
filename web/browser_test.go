package web_test

// Browser tests: the three daily journeys of the home-pages issue, played
// in headless Chromium (Debian's chromium) on the demo, at a desktop width
// and at 390 px, where no page may scroll sideways.

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"cchc/demo"
)

// widths are the two screens every journey runs on: a 1366 px laptop and
// a 390 px phone.
var widths = []int{1366, 390}

var chromium struct {
	once sync.Once
	ctx  context.Context // the browser every test opens its tabs in
	err  error
}

// chromiumPath finds the browser: $CHROME, else Debian's chromium, else
// Google Chrome. A missing browser skips the test, except in CI, which
// installs it and so must fail.
func chromiumPath(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("CHROME"), "chromium", "chromium-browser", "google-chrome"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found on PATH; CI must install it (scripts/deps.sh --ci)")
	}
	t.Skip("chromium not found on PATH (apt-get install chromium, or make test)")
	return ""
}

// tab is a browser tab of its own browser context (its own cookies), at a
// width, on the test's server.
type tab struct {
	t     *testing.T
	ctx   context.Context
	base  string
	width int
}

func (e *env) tab(width int) *tab {
	t := e.t
	t.Helper()
	path := chromiumPath(t)
	chromium.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
			chromedp.Flag("lang", "vi-VN"), chromedp.Flag("disable-gpu", true))
		alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		chromium.ctx, _ = chromedp.NewContext(alloc)
		chromium.err = chromedp.Do(chromium.ctx) // starts the browser; it ends with the test binary
	})
	require.NoError(t, chromium.err, "start chromium")
	ctx, cancel := chromedp.NewContext(chromium.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	b := &tab{t: t, ctx: ctx, base: e.srv.URL, width: width}
	b.do(chromedp.EmulateViewport(int64(width), 844))
	return b
}

func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	require.NoError(b.t, chromedp.Do(b.ctx, steps...), "at %d px", b.width)
}

// follow runs a step that loads a new page (a click on a link, a form
// submitted) and waits for that page.
func (b *tab) follow(step chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, step))
	require.NoError(b.t, err, "at %d px", b.width)
}

func (b *tab) open(path string) { b.t.Helper(); b.do(chromedp.Navigate(b.base + path)) }

func eval[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	require.NoError(b.t, err, js)
	return v
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(b.t, err, sel)
	return s
}

func (b *tab) path() string {
	return strings.TrimPrefix(eval[string](b, "location.pathname + location.search"), b.base)
}

// signIn signs in on the sign-in page and lands on the user's home.
func (b *tab) signIn(email string) {
	b.t.Helper()
	b.open("/signin")
	b.do(chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), demo.Password))
	b.follow(chromedp.Submit(chromedp.CSS(`input[name=password]`)))
}

// fitsWidth asserts that the page does not scroll sideways.
func (b *tab) fitsWidth() {
	b.t.Helper()
	sw := eval[int](b, "document.documentElement.scrollWidth")
	require.LessOrEqual(b.t, sw, b.width, "%s scrolls sideways at %d px (%d px wide)", b.path(), b.width, sw)
}

// The leader opens the dashboard, sees the ranking and drills into an
// overdue task.
func TestBrowserLeaderDrillsIntoOverdueTask(t *testing.T) {
	t.Parallel()
	for _, w := range widths {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			b := newEnv(t).tab(w)
			b.signIn("lanhdao@cchc.test")
			require.Equal(t, "/dashboard", b.path())
			require.Contains(t, b.text("h1"), "Tình hình thực hiện CCHC năm")
			b.fitsWidth()

			ranked := eval[int](b, `document.querySelectorAll("#ranking-table tbody tr").length`)
			require.GreaterOrEqual(t, ranked, 20, "every lead unit ranked")
			require.Equal(t, "1", strings.TrimSpace(b.text("#ranking-table tbody tr:first-child .rank")))
			require.True(t, eval[bool](b, `document.querySelector("#ranking-table").checkVisibility()`), "the ranking shows")

			overdue := strings.TrimSpace(b.text(`#status-cards a[href*="status=overdue"] .card-value`))
			b.follow(chromedp.Click(chromedp.CSS(`#status-cards a[href*="status=overdue"]`)))
			require.Contains(t, b.path(), "/tasks?status=overdue")
			require.Equal(t, overdue, fmt.Sprint(eval[int](b, `document.querySelectorAll("#task-list tbody .col-task a").length`)))
			b.fitsWidth()

			title := strings.TrimSpace(b.text("#task-list tbody tr:first-child .col-task a"))
			b.follow(chromedp.Click(chromedp.CSS("#task-list tbody tr:first-child .col-task a")))
			require.True(t, strings.HasPrefix(b.path(), "/tasks/"), b.path())
			require.Contains(t, b.text("h1"), title)
			require.Contains(t, b.text("#task-panel .meta"), "Quá hạn")
			b.fitsWidth()
		})
	}
}

// The officer posts progress from the work queue and sees the status change.
func TestBrowserOfficerPostsFromQueue(t *testing.T) {
	t.Parallel()
	for _, w := range widths {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			b := newEnv(t).tab(w)
			b.signIn("tuphap@cchc.test")
			require.Equal(t, "/queue", b.path())
			b.fitsWidth()

			// The first task the unit leads that falls due soon.
			card := eval[string](b, `[...document.querySelectorAll(".queue-card.reason-due_soon")].find(c => c.querySelector(".tag").textContent.trim() === "Chủ trì").id`)
			require.NotEmpty(t, card)
			id := strings.TrimPrefix(card, "q-")
			require.NotContains(t, b.text("#"+card+" .queue-state"), "Chờ xác nhận")
			b.do(
				chromedp.Click(chromedp.CSS("#"+card+" summary")),
				chromedp.WaitVisible(chromedp.ID("q"+id+"-note")),
				chromedp.SendKeys(chromedp.ID("q"+id+"-note"), "Đã ban hành Kế hoạch số 45/KH-STP"),
				chromedp.Click(chromedp.CSS("#"+card+` input[name=completed]`)),
				chromedp.Click(chromedp.CSS("#"+card+" button.btn-primary")),
				chromedp.WaitVisible(chromedp.CSS("#"+card+" .flash-ok")),
			)
			saved := b.text("#" + card + " .flash-ok")
			require.Contains(t, saved, "Đã lưu")
			require.Contains(t, saved, "chờ xác nhận")
			require.Contains(t, b.text("#"+card+" .queue-state"), "Chờ xác nhận", "the status changed in place")
			require.True(t, eval[bool](b, `document.activeElement && document.activeElement.classList.contains("flash-ok")`), "focus on the message")
			b.fitsWidth()

			// After a reload the claim waits last in the queue.
			b.open("/queue")
			require.Equal(t, card, eval[string](b, `[...document.querySelectorAll(".queue-card")].pop().id`))
		})
	}
}

// The secretariat confirms a claim from the inbox and downloads the
// 9-month report.
func TestBrowserSecretariatConfirmsAndDownloads(t *testing.T) {
	t.Parallel()
	for _, w := range widths {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			plan := e.planID(now.Year())
			b := e.tab(w)
			b.signIn("noivu@cchc.test")
			require.Equal(t, "/dashboard", b.path())
			b.follow(chromedp.Click(chromedp.CSS("#waiting a")))
			require.Equal(t, "/reviews", b.path())
			b.fitsWidth()

			before := eval[int](b, `document.querySelectorAll(".inbox-item").length`)
			require.Positive(t, before)
			first := eval[string](b, `document.querySelector(".inbox-item").id`)
			b.do(chromedp.Click(chromedp.CSS("#" + first + ` input[name=task]`)))
			b.follow(chromedp.Click(chromedp.CSS(`button[name=decision][value=confirm]`)))
			require.Contains(t, b.text(".flash-ok"), "Đã xác nhận hoàn thành 1 nhiệm vụ.")
			require.Equal(t, before-1, eval[int](b, `document.querySelectorAll(".inbox-item").length`))
			require.Zero(t, eval[int](b, fmt.Sprintf(`document.querySelectorAll("#%s").length`, first)))
			b.fitsWidth()

			b.open(fmt.Sprintf("/plans/%d/report?period=9m", plan))
			b.fitsWidth()
			dir := t.TempDir()
			progress := chromedp.BrowserEvents(b.ctx, browser.DownloadProgress)
			b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
					Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true),
					BrowserContextID: chromedp.FromContext(ctx).BrowserContextID})
				return err
			}), chromedp.Click(chromedp.CSS(`a[href*="format=docx"]`)))
			var file string
			for ev, err := range progress {
				require.NoError(t, err)
				// The browser is shared: a parallel test's download reports
				// here too, but its file is in its own directory.
				if ev.State == browser.DownloadProgressStateCompleted {
					if _, err := os.Stat(filepath.Join(dir, ev.GUID)); err == nil {
						file = filepath.Join(dir, ev.GUID)
						break
					}
				}
				require.NotEqual(t, browser.DownloadProgressStateCanceled, ev.State)
			}
			zr, err := zip.OpenReader(file)
			require.NoError(t, err, "a .docx is a zip")
			defer zr.Close()
			rc, err := zr.Open("word/document.xml")
			require.NoError(t, err)
			doc, err := io.ReadAll(rc)
			rc.Close()
			require.NoError(t, err)
			require.Contains(t, string(doc), "9 tháng", "the 9-month report")
		})
	}
}

// Every page the secretariat works on fits a phone without sideways
// scrolling: wide tables scroll inside their frame (their hidden labels
// too), long buttons wrap, form grids do not grow with their tables.
func TestBrowserSecretariatPagesFit(t *testing.T) {
	t.Parallel()
	for _, w := range widths {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			plan := e.planID(now.Year())
			b := e.tab(w)
			b.signIn("noivu@cchc.test")
			for _, path := range []string{"/plans", fmt.Sprintf("/plans/%d", plan), fmt.Sprintf("/plans/%d/indicators?period=q3", plan),
				fmt.Sprintf("/plans/%d/submissions?period=q3", plan), fmt.Sprintf("/plans/%d/report/settings", plan),
				fmt.Sprintf("/plans/%d/reminders", plan), "/tasks", "/par", "/notifications", "/account"} {
				b.open(path)
				require.NotContains(t, b.text("h1"), "Lỗi", path)
				b.fitsWidth()
			}
		})
	}
}
