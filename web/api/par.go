package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"cchc/annex"
	"cchc/app"
	"cchc/authz"
	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/par"
	"cchc/plans"
	"cchc/web/request"
	"cchc/web/response"
)

// The PAR index (docs/API.md, "PAR index").

type parRankJSON struct {
	Group     string       `json:"group"`
	GroupName string       `json:"group_name"`
	Rank      int          `json:"rank"`
	Unit      unitRef      `json:"unit"`
	Self      float64      `json:"self_score"`
	Final     float64      `json:"final_score"`
	Max       float64      `json:"max_score"`
	Class     string       `json:"class"`
	Change    *float64     `json:"change"`
	Published bool         `json:"published"`
	Areas     []parAreaPts `json:"areas"`
}

type parAreaPts struct {
	Number       string  `json:"number"`
	Title        string  `json:"title"`
	Max          float64 `json:"max"`
	Self         float64 `json:"self"`
	Final        float64 `json:"final"`
	GroupAverage float64 `json:"group_average"`
}

func pointsPtr(p *par.Points) *float64 {
	if p == nil {
		return nil
	}
	f := p.Float()
	return &f
}

func areasJSON(c *par.Card, withAverage bool) []parAreaPts {
	out := make([]parAreaPts, 0, len(c.Areas))
	for _, a := range c.Areas {
		x := parAreaPts{Number: a.Item.Number, Title: a.Item.Title, Max: a.Item.Max.Float(), Self: a.Claimed.Float(), Final: a.Final.Float()}
		if withAverage {
			x.GroupAverage = a.GroupAverage.Float()
		}
		out = append(out, x)
	}
	return out
}

// ParRanking is GET /par/{year}/ranking[?group=G]: every group's units in
// rank order (ties share a rank). 404 before publication, except for the
// body's secretariat and leaders, who see the provisional ranking.
func (h *Handler) ParRanking(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, err := h.app.PARStandings(r.Context(), request.Principal(r), year, r.URL.Query().Get("group"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []parRankJSON{}
	for _, s := range st {
		for _, c := range s.Cards {
			out = append(out, parRankJSON{Group: s.Set.Group.Code, GroupName: s.Set.Group.Name, Rank: c.Rank, Unit: unitJSON(&c.Unit),
				Self: c.Self.Float(), Final: c.Final.Float(), Max: c.Max.Float(), Class: c.Class, Change: pointsPtr(c.Change),
				Published: s.Set.Published(), Areas: areasJSON(c, true)})
		}
	}
	response.JSON(w, http.StatusOK, out)
}

type parFigureJSON struct {
	Known bool       `json:"known"`
	Done  int64      `json:"done"`
	Total int64      `json:"total"`
	AsOf  civil.Date `json:"as_of"`
	Kind  string     `json:"kind"`
	// An indicator's: the period read, the figure and the target.
	Period    plans.Period         `json:"period,omitempty"`
	Actual    *float64             `json:"actual,omitempty"`
	Target    *float64             `json:"target,omitempty"`
	Direction indicators.Direction `json:"direction,omitempty"`
}

type parEvidenceJSON struct {
	ID        int64  `json:"id"`
	Filename  string `json:"filename"`
	Size      int    `json:"size"`
	Reference bool   `json:"reference"`
	URL       string `json:"url"`
}

type parComponentJSON struct {
	ID          int64             `json:"id"`
	Number      string            `json:"number"`
	Title       string            `json:"title"`
	Area        string            `json:"area"`
	Max         float64           `json:"max"`
	Method      par.Method        `json:"method"`
	Source      par.Source        `json:"source,omitempty"`
	Evidence    bool              `json:"evidence_required"`
	Self        *float64          `json:"self"`
	Computed    *float64          `json:"computed"`
	Figure      *parFigureJSON    `json:"figure,omitempty"`
	Survey      *float64          `json:"survey"`
	Appraised   *float64          `json:"appraised"`
	Final       float64           `json:"final"`
	Version     int               `json:"version"`
	Explanation string            `json:"explanation,omitempty"`
	Comment     string            `json:"comment,omitempty"`
	Answer      string            `json:"answer,omitempty"`
	Files       []parEvidenceJSON `json:"evidence,omitempty"`
}

type parCardJSON struct {
	Year       int                 `json:"year"`
	Group      string              `json:"group"`
	GroupName  string              `json:"group_name"`
	Unit       unitRef             `json:"unit"`
	State      par.AssessmentState `json:"state"`
	Published  bool                `json:"published"`
	Late       bool                `json:"late"`
	Version    int                 `json:"version"`
	Scored     int                 `json:"scored"`
	ToScore    int                 `json:"to_score"`
	Self       float64             `json:"self_score"`
	Final      float64             `json:"final_score"`
	Max        float64             `json:"max_score"`
	Class      string              `json:"class,omitempty"`
	Rank       int                 `json:"rank,omitempty"`
	Change     *float64            `json:"change"`
	AnswerDue  civil.Date          `json:"answer_due,omitempty"`
	Answer     string              `json:"answer,omitempty"`
	Areas      []parAreaPts        `json:"areas"`
	Components []parComponentJSON  `json:"components"`
	Missing    *parMissingJSON     `json:"missing,omitempty"`
}

type parMissingJSON struct {
	Unscored []string `json:"unscored"`
	Evidence []string `json:"evidence"`
}

func numbersOf(items []*par.Item) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.Number)
	}
	return out
}

func cardJSON(v *app.PARAssessmentView) parCardJSON {
	c := v.Card
	out := parCardJSON{Year: v.Set.Year, Group: v.Set.Group.Code, GroupName: v.Set.Group.Name, Unit: unitJSON(&c.Unit),
		State: c.Assessment.State, Published: v.Set.Published(), Late: c.Late, Version: c.Assessment.Version,
		Scored: c.Scored, ToScore: c.ToScore, Self: c.Self.Float(), Final: c.Final.Float(), Max: c.Max.Float(),
		Change: pointsPtr(c.Change), AnswerDue: c.Assessment.AnswerDue, Areas: areasJSON(c, v.Ranked), Components: []parComponentJSON{}}
	if v.Ranked {
		out.Class, out.Rank = c.Class, c.Rank
	}
	if v.Full {
		out.Answer = c.Assessment.Answer
		out.Missing = &parMissingJSON{Unscored: numbersOf(c.Missing.Unscored), Evidence: numbersOf(c.Missing.Evidence)}
	}
	for _, l := range c.Lines {
		it := l.Item
		x := parComponentJSON{ID: it.ID, Number: it.Number, Title: it.Title, Area: it.Area().Number, Max: it.Max.Float(), Method: it.Method,
			Source: it.Source, Evidence: it.EvidenceRequired, Self: pointsPtr(l.Score.Self), Survey: pointsPtr(l.Score.Survey),
			Appraised: pointsPtr(l.Score.Appraised), Final: l.Final.Float(), Version: l.Score.Version}
		if it.Method == par.MethodComputed {
			pts := l.Computed
			x.Computed = pointsPtr(&pts)
			f := l.Figure
			x.Figure = &parFigureJSON{Known: f.Known, Done: f.Done, Total: f.Total, AsOf: f.AsOf, Kind: f.Kind,
				Period: f.Period, Actual: f.Actual, Target: f.Target, Direction: f.Direction}
		}
		if v.Full {
			x.Explanation, x.Comment, x.Answer = l.Score.Explanation, l.Score.Comment, l.Score.Answer
			for _, e := range l.Evidence {
				x.Files = append(x.Files, parEvidenceJSON{ID: e.ID, Filename: e.Filename, Size: e.Size, Reference: e.Reference(),
					URL: "/par/evidence/" + strconv.FormatInt(e.ID, 10)})
			}
		} else if !v.Set.Published() {
			x.Appraised = nil
		}
		out.Components = append(out.Components, x)
	}
	return out
}

// ParUnit is GET /par/{year}/units/{code}: a unit's score card with its
// components — points always, explanations, evidence and comments when the
// caller sees the whole assessment.
func (h *Handler) ParUnit(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.PARCard(r.Context(), request.Principal(r), year, chi.URLParam(r, "code"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, cardJSON(v))
}

type parScoreIn struct {
	Component   string   `json:"component"`
	Points      *float64 `json:"points"`
	Explanation string   `json:"explanation"`
	Comment     string   `json:"comment"`
	Version     *int     `json:"version"`
}

// parAssessment resolves {year} and {code} to the unit's assessment.
func (h *Handler) parAssessment(w http.ResponseWriter, r *http.Request) (int64, bool) {
	year, err := request.PathYear(r)
	if err == nil {
		var id int64
		me := request.Principal(r)
		if id, err = h.app.PARAssessmentID(r.Context(), me, year, chi.URLParam(r, "code")); err == nil {
			return id, true
		}
	}
	h.fail(w, r, err)
	return 0, false
}

// parScore is a score of a request body read against the unit's card.
type parScore struct {
	ItemID               int64
	Points               *par.Points
	Version              int
	Explanation, Comment string
}

// parScoresIn reads {"scores": [{"component","points",…,"version"}]} for
// assessment id: the right (can) is checked before the card is read, every
// component must be on the card and every score carry its version.
func (h *Handler) parScoresIn(w http.ResponseWriter, r *http.Request, id int64,
	can func(context.Context, *authz.Principal, int64) error) ([]parScore, bool) {
	var body struct {
		Scores []parScoreIn `json:"scores"`
	}
	err := request.DecodeJSON(r, &body)
	me := request.Principal(r)
	if err == nil {
		err = can(r.Context(), me, id) // 403 before anything is read
	}
	var v *app.PARAssessmentView
	if err == nil {
		v, err = h.app.PARAssessment(r.Context(), me, id)
	}
	var out []parScore
	for _, s := range body.Scores {
		if err != nil {
			break
		}
		var l *par.Line
		l, err = componentLine(v, s.Component)
		if err == nil && s.Version == nil {
			err = request.MissingVersion()
		}
		var p *par.Points
		if err == nil {
			p, err = request.JSONPoints(s.Points, "points", s.Component)
		}
		if err == nil {
			out = append(out, parScore{ItemID: l.Item.ID, Points: p, Version: *s.Version, Explanation: s.Explanation, Comment: s.Comment})
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return out, true
}

// ParScores is POST /par/{year}/units/{code}/scores with {"scores":
// [{"component","points","explanation","version"}]}: the unit's own
// scores, all or nothing; 403 for another unit's.
func (h *Handler) ParScores(w http.ResponseWriter, r *http.Request) {
	id, ok := h.parAssessment(w, r)
	if !ok {
		return
	}
	me := request.Principal(r)
	scores, ok := h.parScoresIn(w, r, id, h.app.CanScorePAR)
	if !ok {
		return
	}
	var ins []par.SelfInput
	for _, sc := range scores {
		ins = append(ins, par.SelfInput{ItemID: sc.ItemID, Points: sc.Points, Explanation: sc.Explanation, Version: sc.Version})
	}
	if _, err := h.app.ScorePAR(r.Context(), me, id, ins); err != nil {
		h.fail(w, r, err)
		return
	}
	h.cardAfter(w, r, id)
}

// ParAppraisal is POST /par/{year}/units/{code}/appraisal with {"scores":
// [{"component","points","comment","version"}]}: the appraisal group's
// scores, all or nothing; 403 on one's own unit.
func (h *Handler) ParAppraisal(w http.ResponseWriter, r *http.Request) {
	id, ok := h.parAssessment(w, r)
	if !ok {
		return
	}
	me := request.Principal(r)
	scores, ok := h.parScoresIn(w, r, id, h.app.CanAppraisePAR)
	if !ok {
		return
	}
	var ins []par.AppraiseInput
	for _, sc := range scores {
		ins = append(ins, par.AppraiseInput{ItemID: sc.ItemID, Points: sc.Points, Comment: sc.Comment, Version: sc.Version})
	}
	if _, err := h.app.AppraisePAR(r.Context(), me, id, ins...); err != nil {
		h.fail(w, r, err)
		return
	}
	h.cardAfter(w, r, id)
}

// ParSubmit is POST /par/{year}/units/{code}/submit with {"version"}.
func (h *Handler) ParSubmit(w http.ResponseWriter, r *http.Request) {
	id, ok := h.parAssessment(w, r)
	if !ok {
		return
	}
	var body struct {
		Version *int `json:"version"`
	}
	if err := request.DecodeJSON(r, &body); err != nil {
		h.fail(w, r, err)
		return
	}
	if body.Version == nil {
		h.fail(w, r, request.MissingVersion())
		return
	}
	if _, err := h.app.SubmitPAR(r.Context(), request.Principal(r), id, *body.Version); err != nil {
		h.fail(w, r, err)
		return
	}
	h.cardAfter(w, r, id)
}

func (h *Handler) cardAfter(w http.ResponseWriter, r *http.Request, id int64) {
	v, err := h.app.PARAssessment(r.Context(), request.Principal(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, cardJSON(v))
}

// componentLine finds a component by its number.
func componentLine(v *app.PARAssessmentView, number string) (*par.Line, error) {
	number = strings.TrimSpace(number)
	for _, l := range v.Card.Lines {
		if l.Item.Number == number {
			return l, nil
		}
	}
	return nil, errs.Bad("component", "par.component_unknown", number)
}

// ParImport is POST /par/import (multipart: year, group, file): a criteria
// set, all or nothing; 422 with every faulty row.
func (h *Handler) ParImport(w http.ResponseWriter, r *http.Request) {
	file, err := request.Workbook(w, r)
	var year int
	if err == nil {
		year, err = request.FormInt(r, "year", 0)
	}
	var res *app.PARImportResult
	if err == nil {
		res, err = h.app.ImportPARCriteria(r.Context(), request.Principal(r), r.FormValue("group"), year, file)
	}
	var rows annex.Errors
	if errors.As(err, &rows) {
		lang := i18n.FromAcceptLanguage(r)
		out := make([]rowErrorJSON, 0, len(rows))
		for _, e := range rows {
			out = append(out, rowErrorJSON{Row: e.Row, Column: e.Column, Text: e.Text, Reason: e.ReasonIn(lang)})
		}
		response.JSON(w, http.StatusUnprocessableEntity, map[string]any{"error": i18n.T(lang, "import.annex_errors", len(out)), "code": "invalid_input", "rows": out})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	criteria, leaves := res.Criteria.Counts()
	response.JSON(w, http.StatusCreated, map[string]any{"id": res.Set.ID, "year": res.Set.Year, "group": res.Set.Group.Code,
		"title": res.Set.Title, "total": res.Set.Total.Float(), "criteria": criteria, "components": leaves, "state": res.Set.State})
}

// ParRankingWorkbook is GET /par/{year}/ranking.xlsx[?group=G].
func (h *Handler) ParRankingWorkbook(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	name, body, err := h.app.PARRankingWorkbook(r.Context(), request.Principal(r), year, r.URL.Query().Get("group"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.Attachment(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
}

// ParDecision is GET /par/{year}/decision.docx[?body=CODE].
func (h *Handler) ParDecision(w http.ResponseWriter, r *http.Request) {
	year, err := request.PathYear(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	doc, err := h.app.PARDecision(r.Context(), request.Principal(r), year, r.URL.Query().Get("body"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	response.Report(w, doc)
}
