package reminders

import (
	"bytes"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"

	"cchc/internal/civil"
)

// A digest is one message per recipient per run that groups every notice
// not sent out yet: overdue tasks first, then tasks due soon, then
// reporting reminders, then other notices (returned claims, extensions).

// Digest is a rendered e-mail.
type Digest struct {
	Subject string
	Text    string
	HTML    string
}

type digestItem struct {
	Kind   string
	Title  string
	Lines  []string
	URL    string
	TaskID int64
	Due    civil.Date
}

type digestSection struct {
	Heading string
	Items   []digestItem
}

type digestData struct {
	Greeting string
	Intro    string
	Sections []digestSection
	InboxURL string
	Footer   string
}

var sectionHeadings = [...]string{"Nhiệm vụ quá hạn", "Nhiệm vụ sắp đến hạn", "Nhắc cập nhật tiến độ để báo cáo", "Thông báo khác"}

// taskURL is the absolute link to a task page.
func taskURL(base string, taskID int64) string {
	return fmt.Sprintf("%s/tasks/%d", strings.TrimRight(base, "/"), taskID)
}

// sortNotices orders notices as a digest lists them: by section, then the
// earliest deadline first, then as written.
func sortNotices(ns []Notice) {
	slices.SortStableFunc(ns, func(a, b Notice) int {
		if c := section(a.Kind) - section(b.Kind); c != 0 {
			return c
		}
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
}

// subjectLine counts what a digest holds: "[CCHC] 3 nhiệm vụ quá hạn, 2
// nhiệm vụ sắp đến hạn — Phòng Tư pháp".
func subjectLine(ns []Notice, to string) string {
	var tasksBy [4]map[int64]bool
	var others [4]int
	for i := range tasksBy {
		tasksBy[i] = map[int64]bool{}
	}
	for _, n := range ns {
		s := section(n.Kind)
		if n.TaskID != 0 && s < 2 {
			tasksBy[s][n.TaskID] = true
		} else {
			others[s]++
		}
	}
	var parts []string
	if k := len(tasksBy[0]); k > 0 {
		parts = append(parts, fmt.Sprintf("%d nhiệm vụ quá hạn", k))
	}
	if k := len(tasksBy[1]); k > 0 {
		parts = append(parts, fmt.Sprintf("%d nhiệm vụ sắp đến hạn", k))
	}
	if others[2] > 0 {
		parts = append(parts, fmt.Sprintf("%d nhắc cập nhật tiến độ", others[2]))
	}
	if k := others[3] + len(tasksBy[3]); k > 0 {
		parts = append(parts, fmt.Sprintf("%d thông báo", k))
	}
	s := "[CCHC] " + strings.Join(parts, ", ")
	if to != "" {
		s += " — " + to
	}
	return s
}

func digestOf(base string, ns []Notice) []digestSection {
	ns = slices.Clone(ns)
	sortNotices(ns)
	var out []digestSection
	for _, n := range ns {
		s := section(n.Kind)
		if len(out) == 0 || out[len(out)-1].Heading != sectionHeadings[s] {
			out = append(out, digestSection{Heading: sectionHeadings[s]})
		}
		it := digestItem{Kind: n.Kind, Title: n.Title, TaskID: n.TaskID, Due: n.Due}
		if n.Body != "" {
			it.Lines = strings.Split(n.Body, "\n")
		}
		if n.TaskID != 0 {
			it.URL = taskURL(base, n.TaskID)
		}
		last := &out[len(out)-1]
		last.Items = append(last.Items, it)
	}
	return out
}

var digestText = texttemplate.Must(texttemplate.New("text").Parse(`{{.Greeting}}

{{.Intro}}
{{range .Sections}}
{{.Heading}} ({{len .Items}})
{{range .Items}}
- {{.Title}}
{{- range .Lines}}
  {{.}}
{{- end}}
{{- if .URL}}
  {{.URL}}
{{- end}}
{{end}}{{end}}
Xem tất cả thông báo: {{.InboxURL}}

--
{{.Footer}}
`))

var digestHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>CCHC</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #1f2937; line-height: 1.45">
<p>{{.Greeting}}</p>
<p>{{.Intro}}</p>
{{range .Sections}}
<h2 style="font-size: 16px; margin: 20px 0 8px">{{.Heading}} ({{len .Items}})</h2>
<ul style="padding-left: 20px; margin: 0">
{{range .Items}}<li style="margin-bottom: 10px">
{{if .URL}}<a href="{{.URL}}" style="font-weight: bold; color: #1d4ed8">{{.Title}}</a>{{else}}<strong>{{.Title}}</strong>{{end}}
{{range .Lines}}<br>{{.}}{{end}}
</li>
{{end}}</ul>
{{end}}
<p><a href="{{.InboxURL}}">Xem tất cả thông báo</a></p>
<p style="color: #6b7280; font-size: 12px">{{.Footer}}</p>
</body></html>
`))

// renderDigest writes the e-mail digest of notices for a user.
func renderDigest(base, name, unit string, ns []Notice) (Digest, error) {
	inbox := strings.TrimRight(base, "/") + "/notifications"
	data := digestData{
		Greeting: "Kính gửi " + name + " (" + unit + "),",
		Intro:    "Hệ thống theo dõi kế hoạch cải cách hành chính xin nhắc các nhiệm vụ cần quan tâm:",
		Sections: digestOf(base, ns),
		InboxURL: inbox,
		Footer:   "Thư gửi tự động từ hệ thống theo dõi kế hoạch CCHC, xin không trả lời thư này. Để thôi nhận thư nhắc việc, vào " + inbox + ".",
	}
	if name == "" {
		data.Greeting = "Kính gửi " + unit + ","
	}
	var text, html bytes.Buffer
	if err := digestText.Execute(&text, data); err != nil {
		return Digest{}, fmt.Errorf("reminders: digest text: %w", err)
	}
	if err := digestHTML.Execute(&html, data); err != nil {
		return Digest{}, fmt.Errorf("reminders: digest html: %w", err)
	}
	return Digest{Subject: subjectLine(ns, unit), Text: text.String(), HTML: html.String()}, nil
}

// WebhookPayload is the JSON body posted to a webhook: a subject and a
// plain-text digest ready for a chat message, and the notices themselves.
type WebhookPayload struct {
	Source  string          `json:"source"` // "cchc"
	Scope   WebhookScope    `json:"scope"`
	Subject string          `json:"subject"`
	Text    string          `json:"text"`
	SentAt  time.Time       `json:"created_at"`
	Notices []WebhookNotice `json:"notices"`
}

type WebhookScope struct {
	Type string `json:"type"` // "unit" or "plan"
	ID   int64  `json:"id"`
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
}

type WebhookNotice struct {
	ID     int64      `json:"id"`
	Kind   string     `json:"kind"`
	Title  string     `json:"title"`
	Body   string     `json:"body"`
	TaskID int64      `json:"task_id,omitempty"`
	URL    string     `json:"url,omitempty"`
	Due    civil.Date `json:"due"`
}

// renderWebhook writes the payload of notices for a webhook.
func renderWebhook(base string, scope WebhookScope, ns []Notice, at time.Time) ([]byte, error) {
	ns = slices.Clone(ns)
	sortNotices(ns)
	var text strings.Builder
	for _, sec := range digestOf(base, ns) {
		fmt.Fprintf(&text, "%s (%d)\n", sec.Heading, len(sec.Items))
		for _, it := range sec.Items {
			text.WriteString("- " + it.Title + "\n")
			if it.URL != "" {
				text.WriteString("  " + it.URL + "\n")
			}
		}
	}
	p := WebhookPayload{Source: "cchc", Scope: scope, Subject: subjectLine(ns, scope.Name), Text: strings.TrimSpace(text.String()), SentAt: at.UTC()}
	for _, n := range ns {
		wn := WebhookNotice{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, TaskID: n.TaskID, Due: n.Due}
		if n.TaskID != 0 {
			wn.URL = taskURL(base, n.TaskID)
		}
		p.Notices = append(p.Notices, wn)
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("reminders: webhook payload: %w", err)
	}
	return b, nil
}
