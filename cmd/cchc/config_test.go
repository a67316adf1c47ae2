package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// loadConfig reads the process environment, so these tests use t.Setenv and
// cannot run in parallel.

// clearEnv blanks every variable loadConfig reads (blank counts as unset).
func clearEnv(t *testing.T) {
	t.Helper()
	for _, v := range variables {
		t.Setenv(v.name, "")
	}
}

func TestConfigDefaults(t *testing.T) {
	clearEnv(t)
	c, err := loadConfig()
	require.NoError(t, err)
	require.Equal(t, config{
		Addr:             "127.0.0.1:8080",
		DatabaseURL:      "",
		DataDir:          "./var",
		BaseURL:          "http://127.0.0.1:8080",
		SMTPURL:          "",
		ReminderSchedule: "0 7 * * 1-5",
	}, c)

	// Blank and white space count as unset.
	t.Setenv("CCHC_ADDR", "   ")
	t.Setenv("CCHC_DATA_DIR", "\t")
	c, err = loadConfig()
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8080", c.Addr)
	require.Equal(t, "./var", c.DataDir)
}

func TestConfigDocumentsEveryVariable(t *testing.T) {
	// The variables of docs/CONTRACT.md, each with its default.
	want := map[string]string{
		"CCHC_ADDR":              "127.0.0.1:8080",
		"CCHC_DATABASE_URL":      "",
		"CCHC_DATA_DIR":          "./var",
		"CCHC_BASE_URL":          "http://CCHC_ADDR",
		"CCHC_SMTP_URL":          "",
		"PG_BINDIR":              "(searched)",
		"CCHC_REMINDER_SCHEDULE": "0 7 * * 1-5",
		"CCHC_TRUSTED_PROXIES":   "",
	}
	got := map[string]string{}
	for _, v := range variables {
		got[v.name] = v.def
		require.NotEmpty(t, v.meaning, v.name)
	}
	require.Equal(t, want, got)
}

func TestConfigFromEnvironment(t *testing.T) {
	clearEnv(t)
	t.Setenv("CCHC_ADDR", " 0.0.0.0:9090 ")
	t.Setenv("CCHC_DATABASE_URL", "postgres://cchc@db.example.vn/cchc")
	t.Setenv("CCHC_DATA_DIR", "/srv/cchc")
	t.Setenv("CCHC_SMTP_URL", "smtp://user:pa%24s@mail.example.vn:587")
	t.Setenv("CCHC_REMINDER_SCHEDULE", "30 6 * * 1-6")
	c, err := loadConfig()
	require.NoError(t, err)
	require.Equal(t, config{
		Addr:             "0.0.0.0:9090",
		DatabaseURL:      "postgres://cchc@db.example.vn/cchc",
		DataDir:          "/srv/cchc",
		BaseURL:          "http://localhost:9090", // derived from CCHC_ADDR; 0.0.0.0 is no host for a link
		SMTPURL:          "smtp://user:pa%24s@mail.example.vn:587",
		ReminderSchedule: "30 6 * * 1-6",
	}, c)
}

func TestConfigBaseURL(t *testing.T) {
	clearEnv(t)
	t.Setenv("CCHC_ADDR", "127.0.0.1:18080")
	c, err := loadConfig()
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:18080", c.BaseURL, "derived from CCHC_ADDR")

	t.Setenv("CCHC_ADDR", "[::1]:8443")
	c, err = loadConfig()
	require.NoError(t, err)
	require.Equal(t, "http://[::1]:8443", c.BaseURL)

	t.Setenv("CCHC_ADDR", "127.0.0.1:18080")
	// An explicit one wins, without its trailing slash.
	for in, want := range map[string]string{
		"https://cchc.sonha.gov.vn/":      "https://cchc.sonha.gov.vn",
		"https://sonha.gov.vn/cchc//":     "https://sonha.gov.vn/cchc",
		"http://10.0.0.5:8080":            "http://10.0.0.5:8080",
		" https://cchc.example.vn/app/  ": "https://cchc.example.vn/app",
	} {
		t.Setenv("CCHC_BASE_URL", in)
		c, err := loadConfig()
		require.NoError(t, err, in)
		require.Equal(t, want, c.BaseURL, in)
		require.Equal(t, "127.0.0.1:18080", c.Addr, "CCHC_ADDR is independent of CCHC_BASE_URL")
	}
}

func TestConfigSMTPAndSchedule(t *testing.T) {
	clearEnv(t)
	for _, s := range []string{"smtp://mail.example.vn:25", "smtps://u:p@mail.example.vn:465", "smtp://localhost:1025"} {
		t.Setenv("CCHC_SMTP_URL", s)
		c, err := loadConfig()
		require.NoError(t, err, s)
		require.Equal(t, s, c.SMTPURL)
	}
	t.Setenv("CCHC_SMTP_URL", "")
	for _, s := range []string{"*/15 * * * *", "0 7 * * MON-FRI", "@daily", "0 7,13 * * 1-5"} {
		t.Setenv("CCHC_REMINDER_SCHEDULE", s)
		c, err := loadConfig()
		require.NoError(t, err, s)
		require.Equal(t, s, c.ReminderSchedule)
	}
}

func TestConfigRejects(t *testing.T) {
	for _, c := range []struct{ name, value string }{
		{"CCHC_ADDR", "localhost"},
		{"CCHC_ADDR", "127.0.0.1"},
		{"CCHC_ADDR", "http://127.0.0.1:8080"},
		{"CCHC_ADDR", "[::1"},
		{"CCHC_ADDR", "a:b:c"},
		{"CCHC_BASE_URL", "cchc.sonha.gov.vn"},
		{"CCHC_BASE_URL", "ftp://cchc.sonha.gov.vn"},
		{"CCHC_BASE_URL", "http://"},
		{"CCHC_BASE_URL", "/cchc"},
		{"CCHC_BASE_URL", "://nope"},
		{"CCHC_BASE_URL", "http://bad host/"},
		{"CCHC_SMTP_URL", "mail.example.vn:25"},
		{"CCHC_SMTP_URL", "http://mail.example.vn"},
		{"CCHC_SMTP_URL", "smtp://"},
		{"CCHC_SMTP_URL", "smtp://user:p%zz@mail.example.vn:25"},
		{"CCHC_REMINDER_SCHEDULE", "every weekday at 7"},
		{"CCHC_REMINDER_SCHEDULE", "0 7 * *"},
		{"CCHC_REMINDER_SCHEDULE", "61 7 * * 1-5"},
		{"CCHC_REMINDER_SCHEDULE", "0 25 * * *"},
		{"CCHC_REMINDER_SCHEDULE", "0 7 * * 1-5 2024"},
		{"CCHC_TRUSTED_PROXIES", "proxy.example.vn"},
		{"CCHC_TRUSTED_PROXIES", "10.0.0.0/33"},
		{"CCHC_TRUSTED_PROXIES", "10.0.0.1, nope"},
	} {
		t.Run(c.name+"="+c.value, func(t *testing.T) {
			clearEnv(t)
			t.Setenv(c.name, c.value)
			_, err := loadConfig()
			require.Error(t, err)
			require.Contains(t, err.Error(), c.name, "the message names the variable")
			require.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}

func TestConfigSMTPErrorHidesPassword(t *testing.T) {
	clearEnv(t)
	// Not a valid smtp URL, but it holds a secret: the message must not echo it.
	t.Setenv("CCHC_SMTP_URL", "submission://mailer:s3cr3t-Pa55@mail.example.vn:587")
	_, err := loadConfig()
	require.ErrorContains(t, err, "CCHC_SMTP_URL")
	require.NotContains(t, err.Error(), "s3cr3t-Pa55")
}

func TestConfigTrustedProxies(t *testing.T) {
	clearEnv(t)
	t.Setenv("CCHC_TRUSTED_PROXIES", " 10.0.0.0/8, 192.168.1.10 ::1,172.16.5.7/12 ")
	c, err := loadConfig()
	require.NoError(t, err)
	var got []string
	for _, p := range c.TrustedProxies {
		got = append(got, p.String())
	}
	require.Equal(t, []string{"10.0.0.0/8", "192.168.1.10/32", "::1/128", "172.16.0.0/12"}, got)
}

func TestConfigRejectsBadPort(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:99999", "127.0.0.1:65536", "127.0.0.1:-1"} {
		clearEnv(t)
		t.Setenv("CCHC_ADDR", addr)
		_, err := loadConfig()
		require.ErrorContains(t, err, "CCHC_ADDR", addr)
	}
}
