package main

import (
	"fmt"
	"net"
	"net/netip"
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
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (CCHC_TRUSTED_PROXIES); none by default.
	TrustedProxies []netip.Prefix
}

// variables documents every setting for `cchc --help`.
var variables = []struct{ name, def, meaning string }{
	{"CCHC_ADDR", "127.0.0.1:8080", "listen address"},
	{"CCHC_DATABASE_URL", "", "PostgreSQL URL; empty starts a private server from the local PostgreSQL binaries"},
	{"CCHC_DATA_DIR", "./var", "where the private PostgreSQL keeps its data"},
	{"CCHC_BASE_URL", "http://CCHC_ADDR", "absolute links in e-mails and feeds"},
	{"CCHC_SMTP_URL", "", "smtp://user:pass@host:port; empty turns e-mail off (notices stay in-app)"},
	{"CCHC_REMINDER_SCHEDULE", "0 7 * * 1-5", "when reminders run (cron spec, Asia/Ho_Chi_Minh)"},
	{"CCHC_TRUSTED_PROXIES", "", "CIDRs (or addresses) of reverse proxies whose X-Forwarded-For is believed, comma-separated; empty: none"},
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
		ReminderSchedule: get("CCHC_REMINDER_SCHEDULE", "0 7 * * 1-5"),
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
	if c.TrustedProxies, err = parseProxies(get("CCHC_TRUSTED_PROXIES", "")); err != nil {
		return c, fmt.Errorf("CCHC_TRUSTED_PROXIES: %v", err)
	}
	return c, nil
}

// parseProxies reads CIDRs or single addresses separated by commas or
// spaces ("10.0.0.0/8, 192.168.1.10, ::1").
func parseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither a CIDR (10.0.0.0/8) nor an address", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
