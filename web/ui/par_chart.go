package ui

import (
	"fmt"
	"unicode/utf8"

	"cchc/internal/vn"
	"cchc/par"
)

// The PAR charts are SVG drawn on the server: no library, no script, no
// inline style (the CSP forbids it) — only SVG attributes. Areas are told
// apart by grey patterns as well as by their numbers, so the charts read
// without colour and print as they show.

// svgChart is the geometry of a chart, drawn by the "chart" template.
type svgChart struct {
	ID            string // prefix of the pattern ids, unique in the page
	Width, Height int
	Label         string // aria-label
	Rows          []svgRow
	Ticks         []svgTick
	Legend        []svgLegend
	PlotX, PlotW  int
	AxisY         int
}

type svgRow struct {
	Y, H     int // of the row's band
	TextY    int
	Label    string
	Href     string
	Segments []svgSeg
	ValueX   int
	Value    string
}

type svgSeg struct {
	X, Y, W, H int
	Pattern    int // 0..7
	Title      string
	Mark       string // written inside when it fits
	MarkX      int
	MarkY      int
	Dark       bool // the mark is written in white
}

type svgTick struct {
	X     int
	Label string
	Y1    int
	Y2    int
}

type svgLegend struct {
	X, Y    int
	Pattern int
	Text    string
}

// patterns: 0 solid black, 1 diagonal, 2 dots, 3 solid grey, 4 cross, 5
// horizontal, 6 reverse diagonal, 7 light grey; then again.
func patternOf(i int) int { return i % 8 }

// darkPattern: a mark inside such a segment is written in white.
func darkPattern(p int) bool { return p == 0 || p == 3 }

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// rankingChart draws a group's final scores per area: one stacked bar per
// unit in rank order, a segment per area, with the class thresholds.
func rankingChart(id string, sd par.Standing, cardHref func(*par.Card) string) svgChart {
	const labelW, valueW, rowH, barH, top = 250, 56, 24, 16, 22
	c := svgChart{ID: id, Width: 860, PlotX: labelW, Label: sd.Set.Group.Name}
	c.PlotW = c.Width - labelW - valueW
	max := float64(sd.Set.Total)
	x := func(p par.Points) int { return c.PlotX + int(float64(p)/max*float64(c.PlotW)+0.5) }
	y := top
	for _, card := range sd.Cards {
		row := svgRow{Y: y, H: rowH, TextY: y + rowH/2 + 5, Label: fmt.Sprintf("%d. %s", card.Rank, shorten(card.Unit.Name, 34)), Href: cardHref(card)}
		var acc par.Points
		for i, a := range card.Areas {
			x0, x1 := x(acc), x(acc+a.Final)
			acc += a.Final
			s := svgSeg{X: x0, Y: y + (rowH-barH)/2, W: x1 - x0, H: barH, Pattern: patternOf(i),
				Title: fmt.Sprintf("%s — %s. %s: %s/%s", card.Unit.Name, a.Item.Number, a.Item.Title, a.Final.String(), a.Item.Max.String())}
			s.Dark = darkPattern(s.Pattern)
			if s.W >= 22 {
				s.Mark, s.MarkX, s.MarkY = a.Item.Number, x0+s.W/2, y+rowH/2+4
			}
			row.Segments = append(row.Segments, s)
		}
		row.ValueX, row.Value = x(acc)+6, card.Final.String()
		c.Rows = append(c.Rows, row)
		y += rowH
	}
	c.AxisY = y
	for _, b := range sd.Set.Bands {
		if b.From <= 0 || float64(b.From) > max {
			continue
		}
		c.Ticks = append(c.Ticks, svgTick{X: x(b.From), Label: b.Name + " " + b.From.String(), Y1: top - 4, Y2: y})
	}
	// The legend: four areas per line.
	ly := y + 24
	if len(sd.Cards) > 0 {
		for i, a := range sd.Cards[0].Areas {
			lx := 10 + (i%2)*(c.Width/2)
			if i > 0 && i%2 == 0 {
				ly += 20
			}
			c.Legend = append(c.Legend, svgLegend{X: lx, Y: ly, Pattern: patternOf(i), Text: shorten(a.Item.Number+". "+a.Item.Title, 56) + " (" + a.Item.Max.String() + ")"})
		}
	}
	c.Height = ly + 16
	return c
}

// cardChart draws a unit's points in each area beside its group's
// average, as shares of the area's maximum.
func cardChart(id string, card *par.Card, withAverage bool) svgChart {
	const labelW, valueW, barH, top = 300, 110, 12, 24
	rowH := 22
	if withAverage {
		rowH = 34
	}
	c := svgChart{ID: id, Width: 860, PlotX: labelW, Label: card.Unit.Name}
	c.PlotW = c.Width - labelW - valueW
	share := func(p, of par.Points) int {
		if of <= 0 {
			return 0
		}
		return int(float64(p) / float64(of) * float64(c.PlotW))
	}
	y := top
	for _, a := range card.Areas {
		row := svgRow{Y: y, H: rowH, TextY: y + 14, Label: shorten(a.Item.Number+". "+a.Item.Title, 44)}
		s := svgSeg{X: c.PlotX, Y: y + 4, W: share(a.Final, a.Item.Max), H: barH, Pattern: 0, Dark: true,
			Title: fmt.Sprintf("%s: %s/%s", card.Unit.Name, a.Final.String(), a.Item.Max.String())}
		row.Segments = append(row.Segments, s)
		row.ValueX = c.PlotX + c.PlotW + 8
		row.Value = a.Final.String() + "/" + a.Item.Max.String()
		if withAverage {
			avg := svgSeg{X: c.PlotX, Y: y + 4 + barH + 2, W: share(a.GroupAverage, a.Item.Max), H: barH, Pattern: 1,
				Title: fmt.Sprintf("%s: %s/%s", "TB", a.GroupAverage.String(), a.Item.Max.String())}
			row.Segments = append(row.Segments, avg)
			row.Value += " · " + a.GroupAverage.String()
		}
		c.Rows = append(c.Rows, row)
		y += rowH
	}
	c.AxisY = y
	for _, pct := range []int{25, 50, 75, 100} {
		c.Ticks = append(c.Ticks, svgTick{X: c.PlotX + c.PlotW*pct/100, Label: vn.Int(pct) + "%", Y1: top - 4, Y2: y})
	}
	c.Height = y + 10
	if withAverage {
		c.Legend = []svgLegend{{X: 10, Y: y + 24, Pattern: 0}, {X: c.Width / 2, Y: y + 24, Pattern: 1}}
		c.Height = y + 40
	}
	return c
}
