package main

import (
	"cchc/reminders"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/robfig/cron/v3"
)

// config is read once from the environment and passed down explicitly.
type config struct {
	Addr             string
	DatabaseURL      string
	DataDir          string
	BaseURL          string
	SMTPURL          string
	ReminderSchedule string
}

// variables documents every setting for `cchc --help`.
var variables = []struct{ name, def, meaning string }{
	{"CCHC_ADDR", "127.0.0.1:8080", "listen address"},
	{"CCHC_DATABASE_URL", "", "PostgreSQL URL; empty starts a private server from the local PostgreSQL binaries"},
	{"CCHC_DATA_DIR", "./var", "where the private PostgreSQL keeps its data"},
	{"CCHC_BASE_URL", "http://CCHC_ADDR", "absolute links in e-mails and feeds"},
	{"CCHC_SMTP_URL", "", "smtp://user:pass@host:port; empty turns e-mail off (notices stay in-app)"},
	{"CCHC_REMINDER_SCHEDULE", reminders.DefaultSpec, "when reminders run (cron spec, Asia/Ho_Chi_Minh)"},
	{"PG_BINDIR", "(searched)", "PostgreSQL server binaries for the private server (else pg_config --bindir, else /usr/lib/postgresql/*/bin)"},
}

func loadConfig() (config, error) {
	get := func(name, def string) string {
		if v, ok := os.LookupEnv(name); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		return def
	}
	c := config{
		Addr:             get("CCHC_ADDR", "127.0.0.1:8080"),
		DatabaseURL:      get("CCHC_DATABASE_URL", ""),
		DataDir:          get("CCHC_DATA_DIR", "./var"),
		SMTPURL:          get("CCHC_SMTP_URL", ""),
		ReminderSchedule: get("CCHC_REMINDER_SCHEDULE", reminders.DefaultSpec),
	}
	host, port, err := net.SplitHostPort(c.Addr)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return c, fmt.Errorf("CCHC_ADDR %q is not host:port with a port from 0 to 65535", c.Addr)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost" // listening on every interface: links still need a host
	}
	c.BaseURL = strings.TrimRight(get("CCHC_BASE_URL", "http://"+net.JoinHostPort(host, port)), "/")
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("CCHC_BASE_URL %q is not an absolute http(s) URL", c.BaseURL)
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" {
			return c, fmt.Errorf("CCHC_SMTP_URL must look like smtp://user:pass@host:port")
		}
	}
	if _, err := cron.ParseStandard(c.ReminderSchedule); err != nil {
		return c, fmt.Errorf("CCHC_REMINDER_SCHEDULE %q: %v", c.ReminderSchedule, err)
	}
	return c, nil
}
