package reminders

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/wneessen/go-mail"
)

// senders sends deliveries: e-mail (nil when off) and webhooks.
type senders struct {
	mail   *mailer
	client *http.Client
}

// permanentError is a failure that retrying cannot cure.
type permanentError struct{ error }

func newSenders(cfg Config) (*senders, error) {
	s := &senders{client: cfg.HTTPClient}
	if cfg.SMTPURL != "" {
		m, err := newMailer(cfg.SMTPURL, cfg.BaseURL, cfg.AttemptTimeout)
		if err != nil {
			return nil, err
		}
		s.mail = m
	}
	return s, nil
}

func (s *senders) send(ctx context.Context, db bun.IDB, d *delivery) error {
	switch d.Channel {
	case channelEmail:
		if s.mail == nil {
			return fmt.Errorf("e-mail is off (CCHC_SMTP_URL is empty)")
		}
		return s.mail.send(ctx, d)
	case channelWebhook:
		var w Webhook
		err := db.NewSelect().Model(&w).Where("id = ?", d.WebhookID).Scan(ctx)
		if isNoRows(err) || (err == nil && !w.Active) {
			return permanentError{fmt.Errorf("webhook %d was deleted or turned off", d.WebhookID)}
		}
		if err != nil {
			return err
		}
		return s.post(ctx, d, w.Secret)
	}
	return fmt.Errorf("unknown channel %q", d.Channel)
}

// mailer sends e-mail through the SMTP server of CCHC_SMTP_URL.
type mailer struct {
	host   string
	opts   []mail.Option
	from   string
	domain string // for Message-IDs
}

// newMailer reads smtp://user:pass@host:port?from=…&tls=…&auth=… (port 587
// by default, STARTTLS when the server offers it) or smtps://… (TLS from
// the start, port 465). Every step of a session (connecting, each command
// and answer) must be done within timeout.
func newMailer(raw, baseURL string, timeout time.Duration) (*mailer, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("reminders: CCHC_SMTP_URL must look like smtp://user:pass@host:port")
	}
	m := &mailer{host: u.Hostname()}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("reminders: CCHC_SMTP_URL has a bad port %q", p)
		}
	}
	m.opts = []mail.Option{mail.WithPort(port), mail.WithTimeout(timeout)}
	q := u.Query()
	if u.Scheme == "smtps" {
		m.opts = append(m.opts, mail.WithSSL())
	} else {
		policy := mail.TLSOpportunistic
		switch strings.ToLower(q.Get("tls")) {
		case "none", "off":
			policy = mail.NoTLS
		case "required", "mandatory":
			policy = mail.TLSMandatory
		}
		m.opts = append(m.opts, mail.WithTLSPolicy(policy))
	}
	if user := u.User.Username(); user != "" {
		pass, _ := u.User.Password()
		auth := mail.SMTPAuthPlain
		if a := q.Get("auth"); a != "" {
			if err := auth.UnmarshalString(a); err != nil {
				return nil, fmt.Errorf("reminders: CCHC_SMTP_URL auth=%q: %w", a, err)
			}
		}
		m.opts = append(m.opts, mail.WithSMTPAuth(auth), mail.WithUsername(user), mail.WithPassword(pass))
	}

	m.domain = "localhost"
	if b, err := url.Parse(baseURL); err == nil && b.Hostname() != "" {
		m.domain = b.Hostname()
	}
	m.from = q.Get("from")
	if m.from == "" {
		host := m.domain
		if ip := net.ParseIP(host); ip != nil || !strings.Contains(host, ".") {
			host = "localhost"
		}
		m.from = "Hệ thống CCHC <no-reply@" + host + ">"
	}
	if _, err := netmail.ParseAddress(m.from); err != nil {
		return nil, fmt.Errorf("reminders: sender address %q: %w", m.from, err)
	}
	return m, nil
}

func (m *mailer) send(ctx context.Context, d *delivery) error {
	msg := mail.NewMsg()
	if err := msg.From(m.from); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	if err := msg.To(d.Address); err != nil {
		return fmt.Errorf("to %q: %w", d.Address, err)
	}
	msg.Subject(d.Subject)
	msg.SetMessageIDWithValue(fmt.Sprintf("cchc-delivery-%d@%s", d.ID, m.domain))
	msg.SetDate()
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(mail.TypeTextPlain, d.BodyText)
	if d.BodyHTML != "" {
		msg.AddAlternativeString(mail.TypeTextHTML, d.BodyHTML)
	}
	c, err := mail.NewClient(m.host, m.opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	return nil
}

// Sign is the X-CCHC-Signature header value of a webhook body:
// "sha256=" and the hex HMAC-SHA256 of the body under the webhook's secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a signature header against a body, in constant time.
func Verify(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(header))
}

func (s *senders) post(ctx context.Context, d *delivery, secret string) error {
	body := []byte(d.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Address, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "cchc-reminders/1")
	req.Header.Set("X-CCHC-Signature", Sign(secret, body))
	req.Header.Set("X-CCHC-Delivery", strconv.FormatInt(d.ID, 10))
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook answered %s: %s", resp.Status, strings.TrimSpace(string(msg)))
	}
	return nil
}
