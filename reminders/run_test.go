package reminders_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/reminders"
)

// The digest reaches a real SMTP server: one message per recipient, with a
// UTF-8 subject counting the tasks, the tasks overdue first, absolute links,
// plain text and HTML; not the continuous, other units' or completed tasks;
// not the officer who turned e-mail off (who still sees them in-app).
func TestDigestBySMTP(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	overdue := f.task("5", "Kiểm tra văn bản quy phạm pháp luật do UBND các xã ban hành", f.justice, dueIn(-10))
	soon := f.task("6", "Theo dõi tình hình thi hành pháp luật; báo cáo kết quả", f.justice, dueIn(3))
	f.progress(soon, 40, false, day(-2))
	continuous := f.task("7", "Phổ biến, giáo dục pháp luật", f.justice, "Thường xuyên")
	other := f.task("8", "Cấp phép xây dựng", f.empty, dueIn(3))
	done := f.task("9", "Rà soát văn bản hết hiệu lực", f.justice, dueIn(1))
	f.progress(done, 100, true, day(-1))
	mb := startSMTP(t)

	res, err := reminders.Run(f.ctx, f.db, monday, cfg(mb))
	require.NoError(t, err)
	require.True(t, res.WorkingDay)
	require.Equal(t, 4, res.Created, "2 tasks × 2 officers")
	require.Equal(t, 4, res.InApp)
	require.Equal(t, 1, res.Email)
	require.Equal(t, 5, res.Delivered)
	require.Zero(t, res.Failed)

	msgs := mb.all()
	require.Len(t, msgs, 1)
	m := msgs[0]
	require.Equal(t, []string{"tuphap@cchc.test"}, m.To)
	require.Equal(t, "nhacviec@cchc.example.gov.vn", m.From)
	require.Equal(t, "[CCHC] 1 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn — Phòng Tư pháp", m.Subject)
	require.True(t, strings.HasPrefix(m.Header.Get("Subject"), "=?UTF-8?"), "the subject is MIME-encoded UTF-8: %s", m.Header.Get("Subject"))
	require.Equal(t, "auto-generated", m.Header.Get("Auto-Submitted"))
	for _, body := range []string{m.Text, m.HTML} {
		require.Contains(t, body, "Kiểm tra văn bản quy phạm pháp luật do UBND các xã ban hành")
		require.Contains(t, body, "Theo dõi tình hình thi hành pháp luật; báo cáo kết quả")
		require.Contains(t, body, fmt.Sprintf("%s/tasks/%d", baseURL, overdue.ID))
		require.Contains(t, body, fmt.Sprintf("%s/tasks/%d", baseURL, soon.ID))
		require.Contains(t, body, baseURL+"/notifications")
		require.NotContains(t, body, continuous.Title)
		require.NotContains(t, body, other.Title)
		require.NotContains(t, body, done.Title)
	}
	require.Less(t, strings.Index(m.Text, "Nhiệm vụ quá hạn"), strings.Index(m.Text, "Nhiệm vụ sắp đến hạn"), "overdue first")
	require.Contains(t, m.Text, "Quá hạn 10 ngày")
	require.Contains(t, m.Text, "còn 3 ngày")
	require.Contains(t, m.Text, "Tiến độ: 40%")
	require.Contains(t, m.HTML, fmt.Sprintf(`<a href="%s/tasks/%d"`, baseURL, overdue.ID))

	// The quiet officer has the same notices in-app, not by e-mail.
	quiet := of(f.notices(), 0, f.quiet.ID)
	require.Len(t, quiet, 2)
	for _, n := range quiet {
		require.Equal(t, "none", n.Outbound)
	}
	// The unit head and the leader hear of nothing before escalation.
	require.Empty(t, of(f.notices(), 0, f.head.ID))
	require.Empty(t, of(f.notices(), 0, f.leader.ID))

	again, err := reminders.Run(f.ctx, f.db, monday.Add(2*time.Hour), cfg(mb))
	require.NoError(t, err)
	require.Zero(t, again.Created)
	require.Zero(t, again.Delivered)
	require.Len(t, mb.all(), 1)
}

// Two runs at the same instant, in parallel: every notice is written once
// and every digest sent once.
func TestParallelRunsDeliverOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for i := range 4 {
		f.task(fmt.Sprint(i+1), fmt.Sprintf("Nhiệm vụ quá hạn %d", i+1), f.justice, dueIn(-20-i))
		f.task(fmt.Sprint(i+11), fmt.Sprintf("Nhiệm vụ của Nội vụ %d", i+1), f.secretariat, dueIn(i))
	}
	mb := startSMTP(t)

	var wg sync.WaitGroup
	results := make([]reminders.Result, 4)
	errs := make([]error, 4)
	for i := range results {
		wg.Go(func() { results[i], errs[i] = reminders.Run(f.ctx, f.db, monday, cfg(mb)) })
	}
	wg.Wait()
	created, emails := 0, 0
	for i := range results {
		require.NoError(t, errs[i])
		created += results[i].Created
		emails += results[i].Email
	}
	ns := f.notices()
	require.Equal(t, len(ns), created, "each notice written by exactly one run")
	// Officer and quiet officer: 4 overdue each; secretariat: its 4 due
	// soon; PTP's head and the plan's leader: 4 escalations each.
	require.Len(t, of(ns, 0, f.officer.ID), 4)
	require.Len(t, of(ns, 0, f.secretary.ID), 4)
	require.Len(t, of(ns, 0, f.head.ID), 4)
	require.Len(t, of(ns, 0, f.leader.ID), 4)
	for _, n := range ns {
		if n.Outbound == "queued" {
			require.Equal(t, "sent", n.Status)
		}
	}
	require.Equal(t, 4, emails, "officer, secretariat, head, leader")
	require.Len(t, mb.all(), 4)
	for _, u := range []*accounts.User{f.officer, f.secretary, f.head, f.leader} {
		require.Len(t, mb.to(u.Email), 1, u.Email)
	}
	require.Empty(t, mb.to(f.quiet.Email))
}

// A run that stopped after recording (a crash before sending) leaves its
// deliveries pending; the next run sends each once; a run after that sends
// nothing.
func TestCrashBetweenRecordingAndSending(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.task("1", "Nhiệm vụ quá hạn", f.justice, dueIn(-3))
	f.task("2", "Nhiệm vụ sắp đến hạn của Nội vụ", f.secretariat, dueIn(1))
	mb := startSMTP(t)

	rec, err := reminders.Record(f.ctx, f.db, monday, cfg(mb))
	require.NoError(t, err)
	require.Equal(t, 3, rec.Created)
	require.Equal(t, 2, rec.Deliveries)
	require.Empty(t, mb.all(), "recording sends nothing")

	res, err := reminders.Run(f.ctx, f.db, monday.Add(30*time.Minute), cfg(mb))
	require.NoError(t, err)
	require.Zero(t, res.Created)
	require.Equal(t, 2, res.Email)
	require.Len(t, mb.to(f.officer.Email), 1)
	require.Len(t, mb.to(f.secretary.Email), 1)

	res, err = reminders.Run(f.ctx, f.db, monday.Add(5*time.Hour), cfg(mb))
	require.NoError(t, err)
	require.Zero(t, res.Email)
	require.Len(t, mb.all(), 2)
}

// An SMTP server refusing the first message: the delivery is retried with
// backoff, not before its time, and arrives once.
func TestSMTPFailureRetried(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.task("1", "Nhiệm vụ quá hạn", f.justice, dueIn(-3))
	mb := startSMTP(t)
	mb.refuse(1)

	res, err := reminders.Run(f.ctx, f.db, monday, cfg(mb))
	require.NoError(t, err)
	require.Equal(t, 1, res.Failed)
	require.Zero(t, res.Email)
	require.Empty(t, mb.all())
	var d struct {
		Status    string    `bun:"status"`
		Attempts  int       `bun:"attempts"`
		Next      time.Time `bun:"next_attempt_at"`
		LastError string    `bun:"last_error"`
	}
	require.NoError(t, f.db.NewRaw("SELECT status, attempts, next_attempt_at, last_error FROM deliveries").Scan(f.ctx, &d))
	require.Equal(t, "pending", d.Status)
	require.Equal(t, 1, d.Attempts)
	require.True(t, d.Next.Equal(monday.Add(2*time.Minute)), "%s", d.Next)
	require.Contains(t, d.LastError, "try again later")

	res, err = reminders.Deliver(f.ctx, f.db, monday.Add(time.Minute), cfg(mb))
	require.NoError(t, err)
	require.Zero(t, res.Email+res.Failed, "not before the backoff")

	res, err = reminders.Deliver(f.ctx, f.db, monday.Add(3*time.Minute), cfg(mb))
	require.NoError(t, err)
	require.Equal(t, 1, res.Email)
	require.Len(t, mb.to(f.officer.Email), 1)

	res, err = reminders.Run(f.ctx, f.db, monday.Add(time.Hour), cfg(mb))
	require.NoError(t, err)
	require.Zero(t, res.Email)
	require.Len(t, mb.all(), 1)
}

// Run on Monday, none on Tuesday, run on Wednesday: Tuesday's "due in 3
// days" goes out on Wednesday, once.
func TestCatchUpAfterSkippedDay(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	friday := f.task("1", "Hoàn thiện báo cáo", f.justice, dueIn(4))
	f.progress(friday, 30, false, day(-1))
	mb := startSMTP(t)

	mon, err := reminders.Run(f.ctx, f.db, monday, cfg(mb))
	require.NoError(t, err)
	require.Zero(t, mon.Since.Year)
	require.Equal(t, []string{"due_soon:7"}, kindsOf(of(f.notices(), friday.ID, f.officer.ID)))

	wed, err := reminders.Run(f.ctx, f.db, day(2), cfg(mb))
	require.NoError(t, err)
	require.Equal(t, civil.In(monday), wed.Since, "caught up since Monday's run")
	require.Equal(t, []string{"due_soon:7", "due_soon:3"}, kindsOf(of(f.notices(), friday.ID, f.officer.ID)))
	msgs := mb.to(f.officer.Email)
	require.Len(t, msgs, 2)
	require.Contains(t, msgs[1].Text, "còn 2 ngày")

	again, err := reminders.Run(f.ctx, f.db, day(2).Add(3*time.Hour), cfg(mb))
	require.NoError(t, err)
	require.Zero(t, again.Created)
	require.Len(t, mb.to(f.officer.Email), 2)
}

// Weekends and holidays send nothing; the next working day catches up.
func TestDaysOff(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tk := f.task("1", "Nhiệm vụ", f.justice, dueIn(-1))
	require.NoError(t, reminders.SetHoliday(f.ctx, f.db, civil.In(day(1)), "Ngày nghỉ bù"))

	for _, at := range []time.Time{day(-2), day(-1), day(1)} { // Saturday, Sunday, the holiday
		res, err := reminders.Run(f.ctx, f.db, at, cfg(nil))
		require.NoError(t, err)
		require.False(t, res.WorkingDay, at)
		require.Zero(t, res.Created)
	}
	require.Empty(t, f.notices())
	res, err := reminders.Run(f.ctx, f.db, day(2), cfg(nil))
	require.NoError(t, err)
	require.True(t, res.WorkingDay)
	require.Equal(t, []string{"overdue:1"}, kindsOf(of(f.notices(), tk.ID, f.officer.ID)), "the first overdue notice, on the first working day after")
}

// Continuous tasks get no deadline or overdue notice, ever; they do get the
// reporting reminder when nothing was recorded in the period.
func TestContinuousTasks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.task("1", "Phổ biến pháp luật thường xuyên", f.justice, "Thường xuyên")
	busy := f.task("2", "Kiểm soát thủ tục hành chính", f.justice, "Thường xuyên, liên tục")
	f.progress(busy, 40, false, time.Date(2026, 10, 1, 9, 0, 0, 0, civil.Zone))
	for _, at := range []time.Time{monday, day(30), day(60)} {
		_, err := reminders.Run(f.ctx, f.db, at, cfg(nil))
		require.NoError(t, err)
	}
	for _, n := range f.notices() {
		require.Equal(t, reminders.KindReport, n.Kind, "%+v", n)
	}

	// 3/12/2026 is 7 working days before the quarter IV cut-off (14/12).
	g := newFixture(t)
	idle := g.task("1", "Phổ biến pháp luật thường xuyên", g.justice, "Thường xuyên")
	busy = g.task("2", "Kiểm soát thủ tục hành chính", g.justice, "Thường xuyên, liên tục")
	g.progress(busy, 40, false, time.Date(2026, 10, 1, 9, 0, 0, 0, civil.Zone))
	g.task("3", "Nhiệm vụ của Nội vụ đã cập nhật", g.secretariat, "31/12/2026")
	dec3 := time.Date(2026, 12, 3, 7, 0, 0, 0, civil.Zone)
	_, err := reminders.Run(g.ctx, g.db, dec3, cfg(nil))
	require.NoError(t, err)
	ns := of(g.notices(), 0, g.officer.ID)
	require.Equal(t, []string{"report:7"}, kindsOf(ns))
	require.Contains(t, ns[0].Title, "quý IV năm 2026 (14/12/2026)")
	var body string
	require.NoError(t, g.db.NewRaw("SELECT body FROM notices WHERE id = ?", ns[0].ID).Scan(g.ctx, &body))
	require.Contains(t, body, idle.Title)
	require.NotContains(t, body, busy.Title, "updated in the period")
	// The secretariat's own task has no progress either: it is reminded too.
	require.Equal(t, []string{"report:7"}, kindsOf(of(g.notices(), 0, g.secretary.ID)))
	// Two working days before the cut-off: once more.
	_, err = reminders.Run(g.ctx, g.db, time.Date(2026, 12, 10, 7, 0, 0, 0, civil.Zone), cfg(nil))
	require.NoError(t, err)
	require.Equal(t, []string{"report:7", "report:2"}, kindsOf(of(g.notices(), 0, g.officer.ID)))
}

// Escalation comes once the task is 14 days overdue, not before, to the
// unit head (its leader, else the secretariat) and the plan's leader; a
// moment falling on a weekend fires on Monday.
func TestEscalationTiming(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	justice := f.task("1", "Nhiệm vụ của Tư pháp", f.justice, dueIn(-13))    // 14 days overdue on Tuesday
	nobody := f.task("2", "Nhiệm vụ của Phòng Xây dựng", f.empty, dueIn(-9)) // 14 days overdue on Saturday 28/11

	_, err := reminders.Run(f.ctx, f.db, monday, cfg(nil))
	require.NoError(t, err)
	for _, n := range f.notices() {
		require.NotEqual(t, reminders.KindEscalation, n.Kind, "13 days overdue: not yet")
	}

	_, err = reminders.Run(f.ctx, f.db, day(1), cfg(nil))
	require.NoError(t, err)
	esc := func(taskID int64) map[int64]bool {
		out := map[int64]bool{}
		for _, n := range of(f.notices(), taskID, 0) {
			if n.Kind == reminders.KindEscalation {
				require.Equal(t, 14, n.Step)
				require.False(t, out[n.UserID], "once per user")
				out[n.UserID] = true
			}
		}
		return out
	}
	require.Equal(t, map[int64]bool{f.head.ID: true, f.leader.ID: true}, esc(justice.ID))
	require.Empty(t, esc(nobody.ID))

	_, err = reminders.Run(f.ctx, f.db, day(4), cfg(nil)) // Friday: 13 days
	require.NoError(t, err)
	require.Empty(t, esc(nobody.ID))
	_, err = reminders.Run(f.ctx, f.db, day(7), cfg(nil)) // Monday: 16 days
	require.NoError(t, err)
	require.Equal(t, map[int64]bool{f.secretary.ID: true, f.leader.ID: true}, esc(nobody.ID), "no head in PX: the secretariat")

	for i := 8; i <= 20; i++ {
		_, err = reminders.Run(f.ctx, f.db, day(i), cfg(nil))
		require.NoError(t, err)
	}
	require.Len(t, esc(justice.ID), 2, "escalated once only")
	// Overdue reminders went on weekly: days 1, 8, 15, 22, 29 after the deadline.
	require.Equal(t, []string{"overdue:8", "overdue:15", "overdue:22", "overdue:29"}, kindsOf(onlyKind(of(f.notices(), justice.ID, f.officer.ID), reminders.KindOverdue)))
}

func onlyKind(ns []noticeRow, kind string) []noticeRow {
	var out []noticeRow
	for _, n := range ns {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// Webhooks get a signed JSON post that a receiver can verify with the
// secret; a refusal is retried and the post arrives once.
func TestWebhookSignature(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tk := f.task("1", "Cấp phép xây dựng đúng hạn", f.empty, dueIn(2))
	f.task("2", "Nhiệm vụ quá hạn của Tư pháp", f.justice, dueIn(-20))

	type post struct {
		hook    string
		payload reminders.WebhookPayload
	}
	var mu sync.Mutex
	var posts []post
	refusals := 1
	secrets := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		hook := strings.TrimPrefix(r.URL.Path, "/")
		if !reminders.Verify(secrets[hook], body, r.Header.Get("X-CCHC-Signature")) {
			t.Errorf("%s: the signature %q does not verify", hook, r.Header.Get("X-CCHC-Signature"))
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if r.Header.Get("X-CCHC-Delivery") == "" || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("%s: headers %v", hook, r.Header)
		}
		if hook == "plan" && refusals > 0 {
			refusals--
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		var p reminders.WebhookPayload
		if err := json.Unmarshal(body, &p); err != nil {
			t.Errorf("%s: %v", hook, err)
		}
		posts = append(posts, post{hook, p})
	}))
	t.Cleanup(srv.Close)

	unitHook := &reminders.Webhook{UnitID: f.empty, Name: "Nhóm Zalo Phòng Xây dựng", URL: srv.URL + "/unit"}
	require.NoError(t, reminders.CreateWebhook(f.ctx, f.db, unitHook))
	require.Len(t, unitHook.Secret, 64, "a random secret")
	planHook := &reminders.Webhook{PlanID: f.plan.ID, URL: srv.URL + "/plan", Secret: "bi-mat-cua-thuong-truc-cchc"}
	require.NoError(t, reminders.CreateWebhook(f.ctx, f.db, planHook))
	secrets["unit"], secrets["plan"] = unitHook.Secret, planHook.Secret
	require.Error(t, reminders.CreateWebhook(f.ctx, f.db, &reminders.Webhook{UnitID: f.empty, URL: "ftp://x"}))

	res, err := reminders.Run(f.ctx, f.db, monday, cfg(nil))
	require.NoError(t, err)
	require.Equal(t, 1, res.Webhook)
	require.Equal(t, 1, res.Failed)
	mu.Lock()
	require.Len(t, posts, 1)
	p := posts[0]
	mu.Unlock()
	require.Equal(t, "unit", p.hook)
	require.Equal(t, "cchc", p.payload.Source)
	require.Equal(t, reminders.WebhookScope{Type: "unit", ID: f.empty, Code: "PX", Name: "Phòng Xây dựng"}, p.payload.Scope)
	require.Equal(t, "[CCHC] 1 nhiệm vụ sắp đến hạn — Phòng Xây dựng", p.payload.Subject)
	require.Len(t, p.payload.Notices, 1)
	require.Equal(t, tk.ID, p.payload.Notices[0].TaskID)
	require.Equal(t, fmt.Sprintf("%s/tasks/%d", baseURL, tk.ID), p.payload.Notices[0].URL)
	require.Contains(t, p.payload.Text, tk.Title)

	_, err = reminders.Run(f.ctx, f.db, monday.Add(time.Hour), cfg(nil))
	require.NoError(t, err)
	mu.Lock()
	require.Len(t, posts, 2)
	p = posts[1]
	mu.Unlock()
	require.Equal(t, "plan", p.hook)
	require.Equal(t, "plan", p.payload.Scope.Type)
	kinds := map[string]int{}
	for _, n := range p.payload.Notices {
		kinds[n.Kind]++
	}
	require.Equal(t, map[string]int{reminders.KindDueSoon: 1, reminders.KindOverdue: 1}, kinds, "escalations are for people")

	_, err = reminders.Run(f.ctx, f.db, monday.Add(3*time.Hour), cfg(nil))
	require.NoError(t, err)
	mu.Lock()
	require.Len(t, posts, 2, "nothing new")
	mu.Unlock()
}

// Events raised by other code (a returned claim) are written in the
// caller's transaction, once per reference, shown in-app at once and sent
// in the next digest.
func TestNotify(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tk := f.task("4", "Rà soát văn bản", f.justice, dueIn(30))
	ev := reminders.Event{Kind: reminders.EventClaimReturned, TaskID: tk.ID, Text: "Thiếu văn bản kiểm chứng số 215/QĐ-UBND.", Ref: "review:9", At: day(-1)}

	err := f.db.RunInTx(f.ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		require.NoError(t, reminders.Notify(ctx, tx, ev))
		return fmt.Errorf("rolled back")
	})
	require.Error(t, err)
	require.Empty(t, f.notices())

	require.NoError(t, reminders.Notify(f.ctx, f.db, ev))
	require.NoError(t, reminders.Notify(f.ctx, f.db, ev))
	ns := f.notices()
	require.Len(t, ns, 2, "the two officers, once")
	require.Contains(t, ns[0].Title, "Báo cáo hoàn thành bị trả lại")
	n, err := reminders.UnreadCount(f.ctx, f.db, f.officer.ID)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Error(t, reminders.Notify(f.ctx, f.db, reminders.Event{Kind: reminders.KindOverdue, TaskID: tk.ID}), "rule kinds are not events")

	mb := startSMTP(t)
	res, err := reminders.Run(f.ctx, f.db, monday, cfg(mb))
	require.NoError(t, err)
	require.Zero(t, res.Created)
	msgs := mb.to(f.officer.Email)
	require.Len(t, msgs, 1)
	require.Equal(t, "[CCHC] 1 thông báo — Phòng Tư pháp", msgs[0].Subject)
	require.Contains(t, msgs[0].Text, "Thiếu văn bản kiểm chứng số 215/QĐ-UBND.")
}

// The in-app list: newest first, mark read, mark all read, and someone
// else's notice is hidden.
func TestInbox(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.task("1", "Nhiệm vụ một", f.justice, dueIn(-2))
	f.task("2", "Nhiệm vụ hai", f.justice, dueIn(1))
	_, err := reminders.Run(f.ctx, f.db, monday, cfg(nil))
	require.NoError(t, err)

	ns, err := reminders.List(f.ctx, f.db, f.officer.ID, reminders.ListOptions{})
	require.NoError(t, err)
	require.Len(t, ns, 2)
	require.Greater(t, ns[0].ID, ns[1].ID, "newest first")
	unread, err := reminders.UnreadCount(f.ctx, f.db, f.officer.ID)
	require.NoError(t, err)
	require.Equal(t, 2, unread)

	n, err := reminders.MarkRead(f.ctx, f.db, f.officer.ID, ns[1].ID, monday.Add(time.Hour))
	require.NoError(t, err)
	require.False(t, n.Unread())
	_, err = reminders.MarkRead(f.ctx, f.db, f.quiet.ID, ns[0].ID, monday)
	require.ErrorIs(t, err, errs.NotFound)
	page, err := reminders.List(f.ctx, f.db, f.officer.ID, reminders.ListOptions{Limit: 1, BeforeID: ns[0].ID})
	require.NoError(t, err)
	require.Equal(t, ns[1].ID, page[0].ID)
	only, err := reminders.List(f.ctx, f.db, f.officer.ID, reminders.ListOptions{UnreadOnly: true})
	require.NoError(t, err)
	require.Len(t, only, 1)

	k, err := reminders.MarkAllRead(f.ctx, f.db, f.officer.ID, monday.Add(2*time.Hour))
	require.NoError(t, err)
	require.Equal(t, 1, k)
	unread, err = reminders.UnreadCount(f.ctx, f.db, f.officer.ID)
	require.NoError(t, err)
	require.Zero(t, unread)
	unread, err = reminders.UnreadCount(f.ctx, f.db, f.quiet.ID)
	require.NoError(t, err)
	require.Equal(t, 2, unread, "each user reads their own")
}

// Settings are per plan and validated; turning reminders off silences it.
func TestSettings(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s, err := reminders.SettingsFor(f.ctx, f.db, f.plan.ID)
	require.NoError(t, err)
	require.Equal(t, []int{7, 3, 1}, s.DaysBefore)
	require.Equal(t, 7, s.OverdueEvery)
	require.Equal(t, 14, s.EscalateAfter)
	require.Equal(t, []int{7, 2}, s.ReportDaysBefore)

	s.DaysBefore = []int{0}
	var inv *errs.Error
	require.ErrorAs(t, reminders.SetSettings(f.ctx, f.db, s), &inv)
	s.DaysBefore, s.EscalateAfter, s.OverdueEvery = []int{2, 10, 10}, 5, 3
	require.NoError(t, reminders.SetSettings(f.ctx, f.db, s))
	got, err := reminders.SettingsFor(f.ctx, f.db, f.plan.ID)
	require.NoError(t, err)
	require.Equal(t, []int{10, 2}, got.DaysBefore)
	missing := reminders.DefaultSettings(f.plan.ID + 1000)
	require.ErrorIs(t, reminders.SetSettings(f.ctx, f.db, missing), errs.NotFound)

	tk := f.task("1", "Nhiệm vụ", f.justice, dueIn(-5))
	_, err = reminders.Run(f.ctx, f.db, monday, cfg(nil))
	require.NoError(t, err)
	require.Equal(t, []string{"overdue:4"}, kindsOf(of(f.notices(), tk.ID, f.officer.ID)))
	require.Equal(t, []string{"escalation:5"}, kindsOf(of(f.notices(), tk.ID, f.head.ID)))

	got.Enabled = false
	require.NoError(t, reminders.SetSettings(f.ctx, f.db, got))
	before := len(f.notices())
	_, err = reminders.Run(f.ctx, f.db, day(3), cfg(nil)) // 8 days overdue: a new step
	require.NoError(t, err)
	require.Len(t, f.notices(), before, "reminders off for this plan")
}
