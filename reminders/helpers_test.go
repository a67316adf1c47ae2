package reminders_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const baseURL = "https://cchc.example.gov.vn"

// monday is a working-day morning: Monday 23/11/2026, 07:00 in Hà Nội.
var monday = time.Date(2026, 11, 23, 7, 0, 0, 0, civil.Zone)

// day is the morning of monday + n days.
func day(n int) time.Time { return monday.AddDate(0, 0, n) }

// fixture is a small city: the People's Committee (TP) with its leader, its
// secretariat (PNV), the justice office (PTP: two officers, one of whom
// reads no e-mail, and a head) and an office with nobody in the system
// (PX); and the city's issued plan for 2026.
type fixture struct {
	t    *testing.T
	db   *bun.DB
	ctx  context.Context
	plan *plans.Plan
	area *plans.Area

	city, secretariat, justice, empty       int64
	leader, secretary, officer, quiet, head *accounts.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, db: dbtest.New(t), ctx: context.Background()}
	unit := func(code, name string, parent int64, secretariat bool) int64 {
		kind := units.KindDepartment
		if parent == 0 {
			kind = units.KindCity
		}
		u := &units.Unit{Code: code, Name: name, Kind: kind, ParentID: parent, IsSecretariat: secretariat}
		require.NoError(t, units.Create(f.ctx, f.db, u))
		return u.ID
	}
	f.city = unit("TP", "UBND thành phố Sơn Hà", 0, false)
	f.secretariat = unit("PNV", "Phòng Nội vụ", f.city, true)
	f.justice = unit("PTP", "Phòng Tư pháp", f.city, false)
	f.empty = unit("PX", "Phòng Xây dựng", f.city, false)
	user := func(email, name string, role accounts.Role, unit int64) *accounts.User {
		u, err := accounts.Create(f.ctx, f.db, accounts.NewUser{Email: email, Name: name, Role: role, UnitID: unit, PasswordHash: "no-login"})
		require.NoError(t, err)
		return u
	}
	f.leader = user("lanhdao@cchc.test", "Nguyễn Văn Lãnh", accounts.RoleLeader, f.city)
	f.secretary = user("noivu@cchc.test", "Trần Thị Nội", accounts.RoleSecretariat, f.secretariat)
	f.officer = user("tuphap@cchc.test", "Lê Minh Pháp", accounts.RoleOfficer, f.justice)
	f.quiet = user("tuphap2@cchc.test", "Đỗ Thị Lặng", accounts.RoleOfficer, f.justice)
	f.head = user("truongphong@cchc.test", "Hoàng Văn Trưởng", accounts.RoleLeader, f.justice)
	require.NoError(t, reminders.SetPrefs(f.ctx, f.db, reminders.Prefs{UserID: f.quiet.ID, Email: false}))
	user("xem@cchc.test", "Phạm Thu Xem", accounts.RoleViewer, f.justice)

	f.plan = &plans.Plan{UnitID: f.city, Year: 2026, Number: "226/KH-UBND", Title: "Kế hoạch cải cách hành chính năm 2026",
		IssuedOn: civil.MustParse("2026-01-05"), State: plans.StateIssued}
	require.NoError(t, plans.Insert(f.ctx, f.db, f.plan))
	var err error
	f.area, err = plans.InsertArea(f.ctx, f.db, f.plan.ID, "Cải cách thể chế")
	require.NoError(t, err)
	return f
}

// task adds a task of the plan; due is a date or a deadline as written.
func (f *fixture) task(number, title string, lead int64, due string) *tasks.Task {
	f.t.Helper()
	tk, err := tasks.Insert(f.ctx, f.db, tasks.NewTask{PlanID: f.plan.ID, AreaID: f.area.ID, Number: number, Title: title,
		LeadUnitID: lead, Deadline: due, PlanYear: f.plan.Year})
	require.NoError(f.t, err)
	return tk
}

// dueIn is the deadline n days after monday, as written in a plan.
func dueIn(n int) string { return civil.In(day(n)).VN() }

// progress records an entry on a task at instant at (completions confirmed).
func (f *fixture) progress(tk *tasks.Task, percent int, completed bool, at time.Time) {
	f.t.Helper()
	cur, err := tasks.Get(f.ctx, f.db, tk.ID)
	require.NoError(f.t, err)
	_, err = tasks.Post(f.ctx, f.db, tk.ID, tasks.Progress{UnitID: cur.LeadUnitID, Percent: percent, Completed: completed,
		Note: "cập nhật", Version: cur.Version, At: at, Confirm: completed})
	require.NoError(f.t, err)
}

// noticeRow is what the tests read back of a notice.
type noticeRow struct {
	ID       int64  `bun:"id"`
	Kind     string `bun:"kind"`
	Step     int    `bun:"step"`
	UserID   int64  `bun:"user_id"`
	Webhook  int64  `bun:"webhook_id"`
	TaskID   int64  `bun:"task_id"`
	Title    string `bun:"title"`
	Outbound string `bun:"outbound"`
	Status   string `bun:"status"` // of its delivery
}

func notices(t *testing.T, db bun.IDB) []noticeRow {
	t.Helper()
	var ns []noticeRow
	require.NoError(t, db.NewRaw(`SELECT n.id, n.kind, n.step, coalesce(n.user_id, 0) AS user_id, coalesce(n.webhook_id, 0) AS webhook_id,
	        coalesce(n.task_id, 0) AS task_id, n.title, n.outbound, coalesce(d.status, '') AS status
	    FROM notices n LEFT JOIN deliveries d ON d.id = n.delivery_id ORDER BY n.id`).Scan(context.Background(), &ns))
	return ns
}

func (f *fixture) notices() []noticeRow { return notices(f.t, f.db) }

// of keeps the notices about a task, for a user (0: any).
func of(ns []noticeRow, taskID, userID int64) []noticeRow {
	var out []noticeRow
	for _, n := range ns {
		if (taskID == 0 || n.TaskID == taskID) && (userID == 0 || n.UserID == userID) {
			out = append(out, n)
		}
	}
	return out
}

func kindsOf(ns []noticeRow) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, fmt.Sprintf("%s:%d", n.Kind, n.Step))
	}
	return out
}

// mailbox is an in-process SMTP server (github.com/emersion/go-smtp) that
// keeps what it receives; it asks for PLAIN authentication and can refuse
// the next messages.
type mailbox struct {
	mu       sync.Mutex
	messages []message
	failNext int // DATA commands still to refuse
	url      string
}

type message struct {
	From    string
	To      []string
	Raw     string
	Subject string
	Header  mail.Header
	Text    string
	HTML    string
}

func startSMTP(t testing.TB) *mailbox {
	t.Helper()
	mb := &mailbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &smtpSession{mb: mb}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	mb.url = "smtp://cchc:mat-khau@" + l.Addr().String() + "?from=nhacviec@cchc.example.gov.vn"
	return mb
}

func (mb *mailbox) all() []message {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return append([]message(nil), mb.messages...)
}

func (mb *mailbox) to(addr string) []message {
	var out []message
	for _, m := range mb.all() {
		for _, to := range m.To {
			if to == addr {
				out = append(out, m)
			}
		}
	}
	return out
}

func (mb *mailbox) refuse(n int) {
	mb.mu.Lock()
	mb.failNext = n
	mb.mu.Unlock()
}

type smtpSession struct {
	mb   *mailbox
	auth bool
	from string
	to   []string
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "cchc" || pass != "mat-khau" {
			return errors.New("bad credentials")
		}
		s.auth = true
		return nil
	}), nil
}
func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.auth {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }
func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.mb.mu.Lock()
	defer s.mb.mu.Unlock()
	if s.mb.failNext > 0 {
		s.mb.failNext--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	m, err := parseMessage(string(b))
	if err != nil {
		return err
	}
	m.From, m.To = s.from, append([]string(nil), s.to...)
	s.mb.messages = append(s.mb.messages, m)
	return nil
}
func (s *smtpSession) Reset()        { s.from, s.to = "", nil }
func (s *smtpSession) Logout() error { return nil }

// parseMessage reads a multipart/alternative message: decoded subject,
// plain text and HTML parts.
func parseMessage(raw string) (message, error) {
	m := message{Raw: raw}
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		return m, err
	}
	m.Header = msg.Header
	if m.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return m, err
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return m, err
	}
	if !strings.HasPrefix(mt, "multipart/") {
		return m, fmt.Errorf("not multipart: %s", mt)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return m, err
		}
		// NextPart decodes quoted-printable itself (and drops the header).
		b, err := io.ReadAll(p)
		if err != nil {
			return m, err
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		switch ct {
		case "text/plain":
			m.Text = string(b)
		case "text/html":
			m.HTML = string(b)
		}
	}
	return m, nil
}

// cfg is the reminders configuration of the tests, with e-mail to mb (nil: off).
func cfg(mb *mailbox) reminders.Config {
	c := reminders.Config{BaseURL: baseURL}
	if mb != nil {
		c.SMTPURL = mb.url
	}
	return c
}
