package ui

import (
	"fmt"
	"html/template"
	"strings"

	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/tasks"
)

// Charts are drawn on the server as inline SVG: no script, nothing from a
// CDN, and the same in the page, the report preview and on paper. Each
// status has its own texture as well as its own colour (charts must read
// without colour: printed in black and white, or by someone who does not
// tell red from green), each chart's title says its figures in words, and
// the figures are always in a table beside the chart.

// statusLook is how a status is drawn: a fill colour and a pattern over it.
type statusLook struct {
	fill    string
	pattern string // the id of a pattern in chartDefs, or "" for a plain fill
}

var looks = map[tasks.Status]statusLook{
	tasks.StatusCompletedOnTime: {"#15803d", ""},
	tasks.StatusCompletedLate:   {"#0f766e", "pat-diag"},
	tasks.StatusInProgress:      {"#2563eb", "pat-dots"},
	tasks.StatusOverdue:         {"#b91c1c", "pat-cross"},
	tasks.StatusNotStarted:      {"#9ca3af", "pat-horiz"},
	tasks.StatusContinuous:      {"#7e22ce", "pat-vert"},
}

// chartDefs are the patterns the status fills use: white strokes over the
// colour, so that the shapes stay apart in grey.
const chartDefs = `<defs>` +
	`<pattern id="pat-diag" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>` +
	`<pattern id="pat-dots" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.3" fill="#fff"/></pattern>` +
	`<pattern id="pat-cross" width="8" height="8" patternUnits="userSpaceOnUse"><path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-width="1.4"/></pattern>` +
	`<pattern id="pat-horiz" width="6" height="6" patternUnits="userSpaceOnUse"><line x1="0" y1="3" x2="6" y2="3" stroke="#fff" stroke-width="1.5"/></pattern>` +
	`<pattern id="pat-vert" width="6" height="6" patternUnits="userSpaceOnUse"><line x1="3" y1="0" x2="3" y2="6" stroke="#fff" stroke-width="1.5"/></pattern>` +
	`</defs>`

// fillRect is a rectangle in a status's look: the colour, then its pattern.
func fillRect(b *strings.Builder, s tasks.Status, x, y, w, h float64) {
	l := looks[s]
	fmt.Fprintf(b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>`, x, y, w, h, l.fill)
	if l.pattern != "" {
		fmt.Fprintf(b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="url(#%s)"/>`, x, y, w, h, l.pattern)
	}
}

// statusBar is one bar split by status; its title says the counts in words.
func statusBar(lang i18n.Lang, c tasks.Counts) template.HTML {
	const width, height = 300.0, 22.0
	var b strings.Builder
	var words []string
	for _, s := range tasks.Statuses {
		if n := c.Of(s); n > 0 {
			words = append(words, fmt.Sprintf("%s: %s", i18n.T(lang, s.Label()), vn.Int(n)))
		}
	}
	title := i18n.T(lang, "chart.bar_title", vn.Int(c.Completed), vn.Int(c.Total), vn.Percent(c.Percent)) + " " + strings.Join(words, "; ")
	fmt.Fprintf(&b, `<svg class="chart-bar" viewBox="0 0 %.0f %.0f" preserveAspectRatio="none" role="img" aria-label="%s"><title>%s</title>`,
		width, height, template.HTMLEscapeString(title), template.HTMLEscapeString(title))
	b.WriteString(chartDefs)
	if c.Total == 0 {
		fmt.Fprintf(&b, `<rect x="0" y="0" width="%.0f" height="%.0f" fill="#f3f4f6" stroke="#9ca3af"/></svg>`, width, height)
		return template.HTML(b.String())
	}
	x := 0.0
	for _, s := range tasks.Statuses {
		n := c.Of(s)
		if n == 0 {
			continue
		}
		w := width * float64(n) / float64(c.Total)
		fillRect(&b, s, x, 0, w, height)
		x += w
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartLegend names each status beside a swatch of its look.
func chartLegend(lang i18n.Lang) template.HTML {
	var b strings.Builder
	b.WriteString(`<ul class="chart-legend">`)
	for _, s := range tasks.Statuses {
		b.WriteString(`<li><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">`)
		b.WriteString(chartDefs)
		fillRect(&b, s, 0, 0, 16, 16)
		fmt.Fprintf(&b, `</svg>%s</li>`, template.HTMLEscapeString(i18n.T(lang, s.Label())))
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String())
}

// trendPoint is a column of a trend chart.
type trendPoint struct {
	Label   string
	Percent float64
	Note    string // "54/59"
	Href    string // the tasks completed by then; "" for none
}

// trendChart draws the completion rate at each cut-off as columns on a
// 0–100 % scale, each labelled with its rate and its count.
func trendChart(lang i18n.Lang, points []trendPoint) template.HTML {
	const width, height, top, bottom, left = 480.0, 220.0, 24.0, 44.0, 40.0
	plot := height - top - bottom
	var b strings.Builder
	var words []string
	for _, p := range points {
		words = append(words, fmt.Sprintf("%s: %s (%s)", p.Label, vn.Percent(p.Percent), p.Note))
	}
	title := i18n.T(lang, "chart.trend_title") + ": " + strings.Join(words, "; ")
	fmt.Fprintf(&b, `<svg class="chart-trend" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s"><title>%s</title>`,
		width, height, template.HTMLEscapeString(title), template.HTMLEscapeString(title))
	for _, pct := range []float64{0, 50, 100} {
		y := top + plot*(1-pct/100)
		dash := ""
		if pct != 0 {
			dash = ` stroke-dasharray="4 3"`
		}
		fmt.Fprintf(&b, `<line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#9ca3af" stroke-width="1"%s/>`, left, y, width-8, y, dash)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end" font-size="12" fill="#374151">%s</text>`, left-6, y+4, vn.Percent(pct))
	}
	n := len(points)
	if n == 0 {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle" font-size="13" fill="#374151">%s</text></svg>`, width/2, height/2, template.HTMLEscapeString(i18n.T(lang, "chart.no_cutoff_yet")))
		return template.HTML(b.String())
	}
	slot := (width - left - 8) / float64(max(n, 4))
	for i, p := range points {
		h := plot * p.Percent / 100
		x := left + slot*float64(i) + slot*0.2
		w := slot * 0.6
		y := top + plot - h
		if p.Href != "" {
			fmt.Fprintf(&b, `<a href="%s">`, template.HTMLEscapeString(p.Href))
		}
		fillRect(&b, tasks.StatusCompletedOnTime, x, y, w, h)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="13" font-weight="700" fill="#111827">%s</text>`, x+w/2, y-6, vn.Percent(p.Percent))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="12" fill="#111827">%s</text>`, x+w/2, height-bottom+16, template.HTMLEscapeString(p.Label))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11" fill="#374151">%s</text>`, x+w/2, height-bottom+32, template.HTMLEscapeString(p.Note))
		if p.Href != "" {
			b.WriteString(`</a>`)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
