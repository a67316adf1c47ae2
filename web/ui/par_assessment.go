package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"cchc/app"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/par"
	"cchc/web/request"
)

// parComponent is a component of the assessment page, with what was typed
// into its forms and their error.
type parComponent struct {
	Line     *par.Line
	Error    string
	Points   string // the unit's score, as typed or stored
	Explain  string
	Apprais  string // the group's score, as typed or stored
	Comment  string
	Saved    bool
	Criteria *par.Item
	Page     *parAssessmentPage
}

type parCriterion struct {
	Item       *par.Item
	Components []*parComponent
}

type parArea struct {
	Item     *par.Item
	Score    par.AreaScore
	Criteria []parCriterion
}

// parAssessmentPage is what the assessment page shows.
type parAssessmentPage struct {
	V     *app.PARAssessmentView
	Areas []parArea
	byID  map[int64]*parComponent
	// Choices are the task evidence files the unit may point at.
	Choices []app.PAREvidenceChoice
	// Disputable are the components whose appraised points differ from
	// the unit's: what its answer may take up.
	Disputable []*parComponent
}

func componentOf(l *par.Line) *parComponent {
	c := &parComponent{Line: l, Explain: l.Score.Explanation, Comment: l.Score.Comment}
	if l.Score.Self != nil {
		c.Points = l.Score.Self.Input()
	}
	if l.Score.Appraised != nil {
		c.Apprais = l.Score.Appraised.Input()
	}
	return c
}

func (h *Handler) parAssessmentPage(r *http.Request, id int64) (*parAssessmentPage, error) {
	v, err := h.app.PARAssessment(r.Context(), request.Principal(r), id)
	if err != nil {
		return nil, err
	}
	p := &parAssessmentPage{V: v, byID: map[int64]*parComponent{}}
	for i, a := range v.Tree.Areas {
		pa := parArea{Item: a, Score: v.Card.Areas[i]}
		for _, cr := range a.Children {
			pc := parCriterion{Item: cr}
			leaves := cr.Children
			if len(leaves) == 0 {
				leaves = []*par.Item{cr}
			}
			for _, it := range leaves {
				c := componentOf(v.Card.Line(it.ID))
				c.Criteria, c.Page = cr, p
				if l := c.Line; l.Score.Appraised != nil && *l.Score.Appraised != l.Claimed {
					p.Disputable = append(p.Disputable, c)
				}
				pc.Components = append(pc.Components, c)
				p.byID[it.ID] = c
			}
			pa.Criteria = append(pa.Criteria, pc)
		}
		p.Areas = append(p.Areas, pa)
	}
	if v.CanScore {
		if p.Choices, err = h.app.PAREvidenceFiles(r.Context(), request.Principal(r), v.Set.Year); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// ParAssessmentShow is a unit's assessment: its self-assessment form while
// open (save as you go, evidence, what is missing), the appraisal for the
// group, the answer for the unit, the points once published.
func (h *Handler) ParAssessmentShow(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "assessmentID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p, err := h.parAssessmentPage(r, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "par_assessment", map[string]any{"P": p})
}

// parComponentAction runs an action on one component of an assessment:
// an htmx request gets the component again (with the progress, out of
// band), a plain form goes back to the page.
func (h *Handler) parComponentAction(w http.ResponseWriter, r *http.Request, done string,
	act func(id, itemID int64) error, typed func(c *parComponent)) {
	id, err := request.ID(r, "assessmentID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, errs.Bad("body", "error.bad_form"))
		return
	}
	itemID, _ := strconv.ParseInt(r.PostFormValue("item_id"), 10, 64)
	h.afterComponent(w, r, id, itemID, act(id, itemID), done, func(c *parComponent, failed bool) {
		if failed {
			typed(c)
		} else {
			c.Saved = true
		}
	})
}

// renderComponent answers an htmx request on a component: the component
// again, and the progress out of band.
func (h *Handler) renderComponent(w http.ResponseWriter, r *http.Request, status int, p *parAssessmentPage, c *parComponent) {
	h.renderBlocks(w, r, status, "par_assessment", []block{{"component", c}, {"progress", map[string]any{"P": p, "OOB": true}}})
}

// block is a named template of a page and its data.
type block struct {
	name string
	data any
}

// renderBlocks renders named blocks of a page's template, one after the
// other (an htmx fragment and its out-of-band companions).
func (h *Handler) renderBlocks(w http.ResponseWriter, r *http.Request, status int, page string, blocks []block) {
	lang := i18n.FromRequest(r)
	t, ok := h.pages.byLang[lang][page]
	if !ok {
		http.Error(w, "template missing", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	for _, b := range blocks {
		if err := t.ExecuteTemplate(&buf, b.name, b.data); err != nil {
			h.log.Error("render", "page", page, "block", b.name, "err", err)
			http.Error(w, "Lỗi hiển thị trang", http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// ParScore saves the unit's score and explanation of a component.
func (h *Handler) ParScore(w http.ResponseWriter, r *http.Request) {
	points, explain := r.FormValue("points"), r.FormValue("explanation")
	h.parComponentAction(w, r, "parui.score_saved", func(id, itemID int64) error {
		version, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
		if err != nil {
			return errs.Bad("version", "error.version_missing_form")
		}
		p, err := request.Points(points, "points", r.PostFormValue("number"))
		if err != nil {
			return err
		}
		_, err = h.app.ScorePAR(r.Context(), request.Principal(r), id, []par.SelfInput{{ItemID: itemID, Points: p, Explanation: explain, Version: version}})
		return err
	}, func(c *parComponent) { c.Points, c.Explain = points, explain })
}

// ParAppraise saves the appraisal group's score and comment on a component.
func (h *Handler) ParAppraise(w http.ResponseWriter, r *http.Request) {
	points, comment := r.FormValue("points"), r.FormValue("comment")
	h.parComponentAction(w, r, "parui.appraisal_saved", func(id, itemID int64) error {
		version, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
		if err != nil {
			return errs.Bad("version", "error.version_missing_form")
		}
		p, err := request.Points(points, "points", r.PostFormValue("number"))
		if err != nil {
			return err
		}
		_, err = h.app.AppraisePAR(r.Context(), request.Principal(r), id, par.AppraiseInput{ItemID: itemID, Points: p, Comment: comment, Version: version})
		return err
	}, func(c *parComponent) { c.Apprais, c.Comment = points, comment })
}

// ParEvidenceAdd attaches a file, or a task's evidence document, to a
// component.
func (h *Handler) ParEvidenceAdd(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "assessmentID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	up, err := request.EvidenceUpload(r)
	itemID, _ := strconv.ParseInt(r.FormValue("item_id"), 10, 64)
	if err == nil {
		att := par.Attachment{Upload: up}
		if up.Name == "" {
			att.FileID, _ = strconv.ParseInt(r.FormValue("file_id"), 10, 64)
			if att.FileID == 0 {
				err = errs.Bad("evidence_file", "parui.evidence_choose")
			}
		}
		if err == nil {
			_, err = h.app.AddPAREvidence(r.Context(), request.Principal(r), id, itemID, att)
		}
	}
	h.afterComponent(w, r, id, itemID, err, "parui.evidence_added", nil)
}

// ParEvidenceDelete detaches a document.
func (h *Handler) ParEvidenceDelete(w http.ResponseWriter, r *http.Request) {
	eid, err := request.ID(r, "evidenceID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	e, err := h.app.RemovePAREvidence(r.Context(), request.Principal(r), eid)
	if e == nil {
		h.Error(w, r, err)
		return
	}
	h.afterComponent(w, r, e.AssessmentID, e.ItemID, err, "parui.evidence_removed", nil)
}

// afterComponent ends an action on one component of an assessment (err
// its outcome, done the message of success): a plain form goes back to
// the page with the message; an htmx request gets the component again,
// with the error beside it, after mark (if any) says how it went.
func (h *Handler) afterComponent(w http.ResponseWriter, r *http.Request, id, itemID int64, err error, done string,
	mark func(c *parComponent, failed bool)) {
	status, msg := http.StatusOK, ""
	if err != nil {
		var ok bool
		if status, msg, ok = userError(r, err); !ok {
			h.Error(w, r, err)
			return
		}
	}
	if r.Header.Get("HX-Request") != "true" {
		if err != nil {
			h.flash(r, msg)
		} else {
			h.flash(r, i18n.T(i18n.FromRequest(r), done))
		}
		http.Redirect(w, r, fmt.Sprintf("/par/assessments/%d#c-%d", id, itemID), http.StatusSeeOther)
		return
	}
	p, perr := h.parAssessmentPage(r, id)
	if perr != nil {
		h.Error(w, r, perr)
		return
	}
	c := p.byID[itemID]
	if c == nil {
		h.Error(w, r, errs.Bad("item", "par.item_unknown"))
		return
	}
	if mark != nil {
		mark(c, err != nil)
	}
	c.Error = msg
	h.renderComponent(w, r, status, p, c)
}

// ParEvidenceDownload serves an evidence document to whoever sees the
// whole assessment, always as a download.
func (h *Handler) ParEvidenceDownload(w http.ResponseWriter, r *http.Request) {
	eid, err := request.ID(r, "evidenceID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	name, ct, data, err := h.app.PAREvidence(r.Context(), request.Principal(r), eid)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="par-evidence-%d"; filename*=UTF-8''%s`, eid, url.PathEscape(name)))
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
}

// parAssessmentAction runs a whole-assessment action (submit, complete,
// answer, decide) and goes back to the page, or shows it with the error.
func (h *Handler) parAssessmentAction(w http.ResponseWriter, r *http.Request, done string, act func(id int64, version int) error) {
	id, err := request.ID(r, "assessmentID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, errs.Bad("body", "error.bad_form"))
		return
	}
	version, err := request.FormVersion(r)
	if err == nil {
		err = act(id, version)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		p, perr := h.parAssessmentPage(r, id)
		if perr != nil {
			h.Error(w, r, perr)
			return
		}
		h.render(w, r, status, "par_assessment", map[string]any{"P": p, "FormError": msg, "Answer": r.PostFormValue("answer")})
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), done))
	http.Redirect(w, r, fmt.Sprintf("/par/assessments/%d", id), http.StatusSeeOther)
}

// ParSubmit locks the unit's self-assessment (its leader).
func (h *Handler) ParSubmit(w http.ResponseWriter, r *http.Request) {
	h.parAssessmentAction(w, r, "parui.submitted", func(id int64, version int) error {
		_, err := h.app.SubmitPAR(r.Context(), request.Principal(r), id, version)
		return err
	})
}

// ParAppraisalComplete ends the group's scoring.
func (h *Handler) ParAppraisalComplete(w http.ResponseWriter, r *http.Request) {
	h.parAssessmentAction(w, r, "parui.appraisal_completed", func(id int64, version int) error {
		return h.app.CompletePARAppraisal(r.Context(), request.Principal(r), id, version)
	})
}

// ParAnswer records the unit's one answer (its leader).
func (h *Handler) ParAnswer(w http.ResponseWriter, r *http.Request) {
	h.parAssessmentAction(w, r, "parui.answered", func(id int64, version int) error {
		in := par.AnswerInput{Text: r.PostFormValue("answer"), ByItem: map[int64]string{}, Version: version}
		for k, vs := range r.PostForm {
			if n, ok := strings.CutPrefix(k, "a_"); ok && len(vs) > 0 {
				if itemID, err := strconv.ParseInt(n, 10, 64); err == nil {
					in.ByItem[itemID] = vs[0]
				}
			}
		}
		_, err := h.app.AnswerPAR(r.Context(), request.Principal(r), id, in)
		return err
	})
}

// ParDecide closes the assessment (the appraisal group).
func (h *Handler) ParDecide(w http.ResponseWriter, r *http.Request) {
	h.parAssessmentAction(w, r, "parui.decided", func(id int64, version int) error {
		_, err := h.app.DecidePAR(r.Context(), request.Principal(r), id, version)
		return err
	})
}

// ParQueue is the appraiser's queue.
func (h *Handler) ParQueue(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.PARQueue(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "par_queue", map[string]any{"Rows": rows, "Today": h.app.Today()})
}
