package ui

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"cchc/internal/i18n"
	"cchc/par"
	"cchc/web/request"
	"cchc/web/response"
)

// parStanding is a group's ranking with its chart.
type parStanding struct {
	par.Standing
	Chart svgChart
}

// ParRanking is a year's ranking: per group, a chart of the final scores
// per area and the table of ranks, classes and changes; the workbook and
// the decision to download.
func (h *Handler) ParRanking(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	group := r.URL.Query().Get("group")
	st, err := h.app.PARStandings(r.Context(), request.Principal(r), year, group)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var out []parStanding
	published := true
	var bodies []string
	for i, s := range st {
		href := func(c *par.Card) string { return fmt.Sprintf("/par/%d/units/%s", year, c.Unit.Code) }
		out = append(out, parStanding{Standing: s, Chart: rankingChart(fmt.Sprintf("rk%d", i), s, href)})
		published = published && s.Set.Published()
		if b := s.Set.Group.Body.Code; len(bodies) == 0 || bodies[len(bodies)-1] != b {
			bodies = append(bodies, b)
		}
	}
	h.render(w, r, http.StatusOK, "par_ranking", map[string]any{"Year": year, "Group": group, "Standings": out,
		"Published": published, "Bodies": bodies})
}

// ParRankingExport downloads the ranking workbook.
func (h *Handler) ParRankingExport(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	name, body, err := h.app.PARRankingWorkbook(r.Context(), request.Principal(r), year, r.URL.Query().Get("group"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	response.Attachment(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
}

// ParDecisionDownload downloads the decision announcing the index.
func (h *Handler) ParDecisionDownload(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	doc, err := h.app.PARDecision(r.Context(), request.Principal(r), year, r.URL.Query().Get("body"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	response.Report(w, doc)
}

// ParCard is a unit's score card: its totals, class, rank and change, its
// areas beside its group's average, and its components.
func (h *Handler) ParCard(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v, err := h.app.PARCard(r.Context(), request.Principal(r), year, chi.URLParam(r, "code"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	chart := cardChart("card", v.Card, v.Ranked)
	lang := i18n.FromRequest(r)
	if len(chart.Legend) == 2 {
		chart.Legend[0].Text = v.Card.Unit.Name
		chart.Legend[1].Text = i18n.T(lang, "parui.group_average")
	}
	h.render(w, r, http.StatusOK, "par_card", map[string]any{"V": v, "Chart": chart, "Year": year})
}
