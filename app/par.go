package app

// The PAR index of units (package par): criteria sets, self-assessment,
// appraisal, results and their documents. Each function checks the right
// (authz), runs in one transaction with its audit entries (written by par)
// and its notices, as the other use cases do.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/annex"
	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/par"
	"cchc/reminders"
	"cchc/reports"
	"cchc/tasks"
	"cchc/units"
)

// parFeeds are where computed components read cchc's data: the body's
// plan, the units' own plans, the reporting chain's submissions and the
// indicators (par.DefaultFeeds; see the par package comment). They are
// passed to par as a value.
func (a *App) parFeeds() par.Feeds { return par.DefaultFeeds() }

// ErrPARNotPublished: a ranking asked for before publication by someone
// who may not see it yet — answered as not found.
var ErrPARNotPublished = errs.New(errs.NotFound, "not_found", "par.not_published")

// PARGroups are the groups of the bodies the principal sees.
func (a *App) PARGroups(ctx context.Context, me *authz.Principal) ([]par.Group, error) {
	return par.Groups(ctx, a.db, me.UnitsRoot())
}

// PARSets are the criteria sets of the bodies the principal sees (year 0:
// every year), newest first.
func (a *App) PARSets(ctx context.Context, me *authz.Principal, year int) ([]par.Set, error) {
	return par.Sets(ctx, a.db, par.SetFilter{Year: year, Root: me.UnitsRoot()})
}

// CreatePARGroup defines a group of units a body ranks together.
func (a *App) CreatePARGroup(ctx context.Context, me *authz.Principal, bodyCode, code, name string, kinds []string) (*par.Group, error) {
	body, err := a.UnitByCode(ctx, bodyCode, "body")
	if err != nil {
		return nil, err
	}
	if err := me.CanManagePAR(body); err != nil {
		return nil, err
	}
	g := &par.Group{BodyID: body.ID, Code: code, Name: name, Kinds: kinds}
	if err := par.InsertGroup(ctx, a.db, g); err != nil {
		return nil, err
	}
	return par.GroupByCode(ctx, a.db, g.Code)
}

// PARGroup loads a group the principal sees.
func (a *App) PARGroup(ctx context.Context, me *authz.Principal, code string) (*par.Group, error) {
	g, err := par.GroupByCode(ctx, a.db, code)
	if err != nil {
		return nil, err
	}
	if err := me.SeesPARBody(g.Body); err != nil {
		return nil, err
	}
	return g, nil
}

// PARImportResult is what an import of criteria did, or why it did not.
type PARImportResult struct {
	Set      *par.Set
	Criteria *par.Criteria
	// Errors are every faulty row; nothing was written when there are any.
	Errors annex.Errors
}

// ImportPARCriteria reads a criteria workbook for a group's year and, when
// it has no faulty row, creates the set or replaces the criteria of its
// draft, all or nothing. Faulty rows come back in the result (and as the
// error): nothing is written.
func (a *App) ImportPARCriteria(ctx context.Context, me *authz.Principal, groupCode string, year int, file []byte) (*PARImportResult, error) {
	g, err := par.GroupByCode(ctx, a.db, groupCode)
	if errors.Is(err, errs.NotFound) {
		return nil, errs.Bad("group", "par.group_unknown", groupCode)
	}
	if err != nil {
		return nil, err
	}
	if err := me.CanManagePAR(g.Body); err != nil {
		return nil, err
	}
	return ImportPARCriteria(ctx, a.db, g, year, file)
}

// ImportPARCriteria is App.ImportPARCriteria for the command line (no
// principal: the operator runs it).
func ImportPARCriteria(ctx context.Context, db *bun.DB, g *par.Group, year int, file []byte) (*PARImportResult, error) {
	if year < 2000 || year > 2100 {
		return nil, errs.Bad("year", "par.year_range")
	}
	c, err := par.ReadCriteria(bytes.NewReader(file), int64(len(file)))
	var rows annex.Errors
	if errors.As(err, &rows) {
		return &PARImportResult{Criteria: c, Errors: rows}, rows
	}
	if err != nil {
		return nil, err
	}
	res := &PARImportResult{Criteria: c}
	existing, err := par.SetOf(ctx, db, g.ID, year)
	switch {
	case errors.Is(err, errs.NotFound):
		res.Set, err = par.InsertSet(ctx, db, par.NewSet{GroupID: g.ID, Year: year}, c)
	case err == nil:
		res.Set, err = par.ReplaceCriteria(ctx, db, existing.ID, existing.Version, c)
	}
	if errors.As(err, &rows) {
		res.Errors = rows
	}
	return res, err
}

// PARSetView is a criteria set as its page shows it.
type PARSetView struct {
	Set         *par.Set
	Tree        *par.Tree
	Assessments []PARAssessmentRow
	Appraisers  []accounts.User
	// What the principal may do.
	CanManage, CanPublish, SeesProgress, IsAppraiser bool
	Today                                            civil.Date
}

// PARAssessmentRow is a unit's assessment in a set's list.
type PARAssessmentRow struct {
	Assessment par.Assessment
	Scored     int
	ToScore    int
	Late       bool
	Self       par.Points
	Final      par.Points
}

// PARSet loads a set the principal sees, with its criteria and — for the
// secretariat, leaders and appraisers — every unit's progress.
func (a *App) PARSet(ctx context.Context, me *authz.Principal, id int64) (*PARSetView, error) {
	s, err := par.GetSet(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	body := s.Group.Body
	if err := me.SeesPARBody(body); err != nil {
		return nil, err
	}
	member, err := par.IsAppraiser(ctx, a.db, s.ID, me.User.ID)
	if err != nil {
		return nil, err
	}
	v := &PARSetView{Set: s, CanManage: me.CanManagePAR(body) == nil, CanPublish: me.CanPublishPAR(body) == nil,
		SeesProgress: me.SeesPARProgress(body), IsAppraiser: member, Today: a.Today()}
	if v.SeesProgress || member || s.Published() {
		t, cards, err := par.Cards(ctx, a.db, s, a.parFeeds(), a.Today())
		if err != nil {
			return nil, err
		}
		v.Tree = t
		for _, c := range cards {
			row := PARAssessmentRow{Assessment: *c.Assessment, Scored: c.Scored, ToScore: c.ToScore, Late: c.Late, Self: c.Self, Final: c.Final}
			if !v.SeesProgress && !member {
				row = PARAssessmentRow{Assessment: *c.Assessment, Final: c.Final}
			}
			v.Assessments = append(v.Assessments, row)
		}
	} else if v.Tree, err = par.LoadTree(ctx, a.db, s); err != nil {
		return nil, err
	}
	if v.SeesProgress || member {
		if v.Appraisers, err = par.Appraisers(ctx, a.db, s.ID); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// managedSet loads a set the principal may manage.
func (a *App) managedSet(ctx context.Context, me *authz.Principal, id int64) (*par.Set, error) {
	s, err := par.GetSet(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanManagePAR(s.Group.Body); err != nil {
		return nil, err
	}
	return s, nil
}

// ExportPARCriteria writes a set's criteria as the workbook the import
// reads; anyone who sees the set may.
func (a *App) ExportPARCriteria(ctx context.Context, me *authz.Principal, id int64) (string, []byte, error) {
	s, err := par.GetSet(ctx, a.db, id)
	if err != nil {
		return "", nil, err
	}
	if err := me.SeesPARBody(s.Group.Body); err != nil {
		return "", nil, err
	}
	c, err := par.CriteriaOf(ctx, a.db, s)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	if err := par.WriteCriteria(&buf, c, s.Group.Name); err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("bo-chi-so-cchc-%d-%s.xlsx", s.Year, strings.ToLower(s.Group.Code)), buf.Bytes(), nil
}

// ClonePARSet copies a set's criteria into a new draft for another year.
func (a *App) ClonePARSet(ctx context.Context, me *authz.Principal, id int64, year int) (*par.Set, error) {
	s, err := a.managedSet(ctx, me, id)
	if err != nil {
		return nil, err
	}
	return par.CloneSet(ctx, a.db, s, year)
}

// UpdatePARItem edits an item of a draft set.
func (a *App) UpdatePARItem(ctx context.Context, me *authz.Principal, setID, itemID int64, setVersion int, e par.ItemEdit) error {
	if _, err := a.managedSet(ctx, me, setID); err != nil {
		return err
	}
	return par.UpdateItem(ctx, a.db, itemID, setVersion, e)
}

// ConfigurePARSet sets a set's window, answer days and bands.
func (a *App) ConfigurePARSet(ctx context.Context, me *authz.Principal, id int64, version int, in par.Settings) (*par.Set, error) {
	if _, err := a.managedSet(ctx, me, id); err != nil {
		return nil, err
	}
	return par.Configure(ctx, a.db, id, version, in)
}

// OpenPARSet opens the self-assessment; every unit of the group is told.
func (a *App) OpenPARSet(ctx context.Context, me *authz.Principal, id int64, version int) error {
	s, err := a.managedSet(ctx, me, id)
	if err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		as, err := par.Open(ctx, tx, s.ID, version)
		if err != nil {
			return err
		}
		for _, x := range as {
			if err := reminders.NotifyUnit(ctx, tx, reminders.UnitNotice{Kind: par.NoticeOpened, Subject: fmt.Sprintf("par:assessment:%d", x.ID),
				Due: s.SelfTo, UnitID: x.UnitID,
				Title: fmt.Sprintf("Tự đánh giá Chỉ số CCHC năm %d: gửi trước ngày %s", s.Year, s.SelfTo.VN()),
				Body:  s.Title + " (" + s.Group.Name + ")."}, a.now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// ClosePARSelfAssessment ends the self-assessment of a set.
func (a *App) ClosePARSelfAssessment(ctx context.Context, me *authz.Principal, id int64, version int) error {
	if _, err := a.managedSet(ctx, me, id); err != nil {
		return err
	}
	return par.CloseSelfAssessment(ctx, a.db, id, version)
}

// SetPARAppraisers names a set's appraisal group by e-mail; each must be
// a user of the body's tree.
func (a *App) SetPARAppraisers(ctx context.Context, me *authz.Principal, id int64, emails []string) error {
	s, err := a.managedSet(ctx, me, id)
	if err != nil {
		return err
	}
	var ids []int64
	for _, e := range emails {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		u, err := accounts.ByEmail(ctx, a.db, e)
		if errors.Is(err, errs.NotFound) {
			return errs.Bad("appraisers", "par.appraiser_unknown_email", e)
		}
		if err != nil {
			return err
		}
		unit, err := units.Get(ctx, a.db, u.UnitID)
		if err != nil {
			return err
		}
		if !s.Group.Body.Contains(*unit) || !u.Active {
			return errs.Bad("appraisers", "par.appraiser_outside", e)
		}
		ids = append(ids, u.ID)
	}
	return par.SetAppraisers(ctx, a.db, s.ID, ids)
}

// SetPARSurvey records survey points of a set's units, all or nothing.
func (a *App) SetPARSurvey(ctx context.Context, me *authz.Principal, id int64, ins []par.SurveyInput) error {
	if _, err := a.managedSet(ctx, me, id); err != nil {
		return err
	}
	return par.SetSurvey(ctx, a.db, id, ins)
}

// PublishPARSet publishes a set's results; every unit is told.
func (a *App) PublishPARSet(ctx context.Context, me *authz.Principal, id int64, version int, decisionNumber string) error {
	s, err := par.GetSet(ctx, a.db, id)
	if err != nil {
		return err
	}
	if err := me.CanPublishPAR(s.Group.Body); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := par.Publish(ctx, tx, id, version, a.parFeeds(), decisionNumber, me.User.ID, a.now()); err != nil {
			return err
		}
		as, err := par.Assessments(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, x := range as {
			if err := reminders.NotifyUnit(ctx, tx, reminders.UnitNotice{Kind: par.NoticePublished, Subject: fmt.Sprintf("par:assessment:%d", x.ID),
				Due: a.Today(), UnitID: x.UnitID, Leaders: true,
				Title: fmt.Sprintf("Đã công bố Chỉ số CCHC năm %d", s.Year), Body: s.Title + " (" + s.Group.Name + ")."}, a.now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// PARAssessmentView is a unit's assessment as its page shows it, with
// what the principal may do on it.
type PARAssessmentView struct {
	Set  *par.Set
	Tree *par.Tree
	Card *par.Card
	// Full: the principal sees explanations, evidence, comments and
	// answers; otherwise only the published points.
	Full bool
	// What the principal may do now.
	CanScore, CanSubmit, CanAppraise, CanComplete, CanAnswer, CanDecide bool
	// Own: the principal's own unit.
	Own bool
	// Ranked: Card's rank and the group's averages are computed (published,
	// or for those who see every unit's progress).
	Ranked bool
	Today  civil.Date
}

// PARAssessment loads an assessment as the principal may see it: whole for
// its unit, the body's secretariat and leaders and the appraisal group;
// its published points for anyone who sees the body once published;
// hidden otherwise.
func (a *App) PARAssessment(ctx context.Context, me *authz.Principal, id int64) (*PARAssessmentView, error) {
	x, err := par.GetAssessment(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	return a.assessmentView(ctx, me, x)
}

func (a *App) assessmentView(ctx context.Context, me *authz.Principal, x *par.Assessment) (*PARAssessmentView, error) {
	s, err := par.GetSet(ctx, a.db, x.SetID)
	if err != nil {
		return nil, err
	}
	body := s.Group.Body
	if err := me.SeesPARBody(body); err != nil {
		return nil, err
	}
	member, err := par.IsAppraiser(ctx, a.db, s.ID, me.User.ID)
	if err != nil {
		return nil, err
	}
	full := me.SeesPARAssessment(body, x.Unit, member)
	if !full && !s.Published() {
		return nil, errs.Missing("app: assessment %d before publication", x.ID)
	}
	today := a.Today()
	var t *par.Tree
	var card *par.Card
	if s.Published() {
		var cards []*par.Card
		if t, cards, err = par.Cards(ctx, a.db, s, a.parFeeds(), today); err != nil {
			return nil, err
		}
		for _, c := range cards {
			if c.Assessment.ID == x.ID {
				card = c
			}
		}
	} else if t, card, err = par.CardOf(ctx, a.db, s, x, a.parFeeds(), today); err != nil {
		return nil, err
	}
	v := &PARAssessmentView{Set: s, Tree: t, Card: card, Full: full, Own: me.Unit.ID == x.UnitID, Ranked: s.Published(), Today: today}
	appraise := me.CanAppraise(member, x.Unit) == nil && x.InAppraisal(s)
	v.CanScore = me.CanSelfAssess(x.Unit) == nil && x.State == par.AssessmentDraft && s.State == par.StateAssessing
	v.CanSubmit = v.CanScore && me.CanSubmitSelfAssessment(x.Unit) == nil
	v.CanAppraise = appraise
	v.CanComplete = appraise && (x.State == par.AssessmentSubmitted || x.State == par.AssessmentDraft)
	v.CanAnswer = me.CanSubmitSelfAssessment(x.Unit) == nil && x.State == par.AssessmentAppraised && !today.After(x.AnswerDue)
	v.CanDecide = appraise && (x.State == par.AssessmentAnswered || (x.State == par.AssessmentAppraised && today.After(x.AnswerDue)))
	return v, nil
}

// PARAssessmentOf finds the assessment of a unit (by code) in a year: the
// one of the set the unit is assessed in that year.
func (a *App) PARAssessmentOf(ctx context.Context, me *authz.Principal, year int, code string) (*PARAssessmentView, error) {
	u, err := units.ByCode(ctx, a.db, code)
	if err != nil {
		return nil, err
	}
	var found *par.Assessment
	as, err := par.AssessmentsOfUnit(ctx, a.db, u.ID)
	if err != nil {
		return nil, err
	}
	for i := range as {
		s, err := par.GetSet(ctx, a.db, as[i].SetID)
		if err != nil {
			return nil, err
		}
		if s.Year == year {
			found = &as[i]
			break
		}
	}
	if found == nil {
		return nil, errs.Missing("app: no PAR assessment of %s in %d", code, year)
	}
	return a.assessmentView(ctx, me, found)
}

// assessmentFor loads an assessment with its set and checks a right on
// it: a body the principal does not see is not found; an action they may
// not take on a visible body's assessment is forbidden (the groups and
// their units are no secret inside the body's tree).
func (a *App) assessmentFor(ctx context.Context, me *authz.Principal, id int64, can func(*par.Set, *par.Assessment, bool) error) (*par.Assessment, *par.Set, error) {
	x, err := par.GetAssessment(ctx, a.db, id)
	if err != nil {
		return nil, nil, err
	}
	s, err := par.GetSet(ctx, a.db, x.SetID)
	if err != nil {
		return nil, nil, err
	}
	if err := me.SeesPARBody(s.Group.Body); err != nil {
		return nil, nil, err
	}
	member, err := par.IsAppraiser(ctx, a.db, s.ID, me.User.ID)
	if err != nil {
		return nil, nil, err
	}
	if err := can(s, x, member); err != nil {
		return nil, nil, err
	}
	return x, s, nil
}

// PARAssessmentID is the id of a unit's (by code) assessment in a year, for
// a principal who sees the body: the API's actions name it so.
func (a *App) PARAssessmentID(ctx context.Context, me *authz.Principal, year int, code string) (int64, error) {
	u, err := units.ByCode(ctx, a.db, code)
	if err != nil {
		return 0, err
	}
	as, err := par.AssessmentsOfUnit(ctx, a.db, u.ID)
	if err != nil {
		return 0, err
	}
	for _, x := range as {
		s, err := par.GetSet(ctx, a.db, x.SetID)
		if err != nil {
			return 0, err
		}
		if s.Year == year {
			if err := me.SeesPARBody(s.Group.Body); err != nil {
				return 0, err
			}
			return x.ID, nil
		}
	}
	return 0, errs.Missing("app: no PAR assessment of %s in %d", code, year)
}

func (a *App) canSelfAssess(me *authz.Principal) func(*par.Set, *par.Assessment, bool) error {
	return func(_ *par.Set, x *par.Assessment, _ bool) error { return me.CanSelfAssess(x.Unit) }
}

func (a *App) canAppraise(me *authz.Principal) func(*par.Set, *par.Assessment, bool) error {
	return func(_ *par.Set, x *par.Assessment, member bool) error { return me.CanAppraise(member, x.Unit) }
}

// CanScorePAR checks that the principal may score the assessment (its
// unit's own); 403 otherwise, 404 for a body they do not see.
func (a *App) CanScorePAR(ctx context.Context, me *authz.Principal, id int64) error {
	_, _, err := a.assessmentFor(ctx, me, id, a.canSelfAssess(me))
	return err
}

// CanAppraisePAR checks that the principal may appraise the assessment:
// a member of the set's group, not of the unit.
func (a *App) CanAppraisePAR(ctx context.Context, me *authz.Principal, id int64) error {
	_, _, err := a.assessmentFor(ctx, me, id, a.canAppraise(me))
	return err
}

// ScorePAR records the unit's scores of components (one from the form as
// the user types, or several at once), all or nothing.
func (a *App) ScorePAR(ctx context.Context, me *authz.Principal, id int64, ins []par.SelfInput) ([]*par.Score, error) {
	if _, _, err := a.assessmentFor(ctx, me, id, a.canSelfAssess(me)); err != nil {
		return nil, err
	}
	return par.SelfScore(ctx, a.db, id, ins)
}

// AddPAREvidence attaches an uploaded file, or a task's evidence file the
// principal sees, to a component.
func (a *App) AddPAREvidence(ctx context.Context, me *authz.Principal, id, itemID int64, att par.Attachment) (*par.Evidence, error) {
	if _, _, err := a.assessmentFor(ctx, me, id, a.canSelfAssess(me)); err != nil {
		return nil, err
	}
	if att.FileID != 0 {
		f, err := tasks.EvidenceData(ctx, a.db, att.FileID)
		if errors.Is(err, errs.NotFound) {
			return nil, errs.Bad("file_id", "par.evidence_file_unknown")
		}
		if err != nil {
			return nil, err
		}
		if _, _, err := a.visibleTask(ctx, me, f.TaskID); err != nil {
			return nil, errs.Bad("file_id", "par.evidence_file_unknown")
		}
	}
	return par.AddEvidence(ctx, a.db, id, itemID, att, me.User.ID)
}

// PAREvidenceFiles are the task evidence files the principal's unit may
// point at as evidence: those of the year's tasks it leads or coordinates.
func (a *App) PAREvidenceFiles(ctx context.Context, me *authz.Principal, year int) ([]PAREvidenceChoice, error) {
	var rows []PAREvidenceChoice
	err := a.db.NewRaw(`SELECT f.id, f.filename, t.number AS task_number, t.title AS task_title
		FROM evidence_files f JOIN tasks t ON t.id = f.task_id JOIN plans p ON p.id = t.plan_id
		WHERE p.year = ? AND (t.lead_unit_id = ? OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.unit_id = ?))
		ORDER BY f.id DESC LIMIT 200`, year, me.Unit.ID, me.Unit.ID).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("app: evidence files: %w", err)
	}
	return rows, nil
}

// PAREvidenceChoice is a task evidence file offered as PAR evidence.
type PAREvidenceChoice struct {
	ID         int64  `bun:"id"`
	Filename   string `bun:"filename"`
	TaskNumber string `bun:"task_number"`
	TaskTitle  string `bun:"task_title"`
}

// RemovePAREvidence detaches a document from a component.
func (a *App) RemovePAREvidence(ctx context.Context, me *authz.Principal, evidenceID int64) (*par.Evidence, error) {
	e, err := par.GetEvidence(ctx, a.db, evidenceID)
	if err != nil {
		return nil, err
	}
	if _, _, err := a.assessmentFor(ctx, me, e.AssessmentID, a.canSelfAssess(me)); err != nil {
		return nil, err
	}
	return e, par.RemoveEvidence(ctx, a.db, evidenceID)
}

// PAREvidence is a document attached to a component, for whoever sees the
// whole assessment.
func (a *App) PAREvidence(ctx context.Context, me *authz.Principal, evidenceID int64) (name, contentType string, data []byte, err error) {
	e, err := par.GetEvidence(ctx, a.db, evidenceID)
	if err != nil {
		return "", "", nil, err
	}
	if _, _, err := a.assessmentFor(ctx, me, e.AssessmentID, func(s *par.Set, x *par.Assessment, member bool) error {
		if !me.SeesPARAssessment(s.Group.Body, x.Unit, member) {
			return errs.Missing("app: evidence %d of another unit", evidenceID)
		}
		return nil
	}); err != nil {
		return "", "", nil, err
	}
	return par.EvidenceData(ctx, a.db, e)
}

// SubmitPAR locks the unit's self-assessment, by its leader.
func (a *App) SubmitPAR(ctx context.Context, me *authz.Principal, id int64, version int) (*par.Assessment, error) {
	if _, _, err := a.assessmentFor(ctx, me, id, func(_ *par.Set, x *par.Assessment, _ bool) error {
		return me.CanSubmitSelfAssessment(x.Unit)
	}); err != nil {
		return nil, err
	}
	return par.Submit(ctx, a.db, id, version, me.User.ID, a.now())
}

// AppraisePAR records the appraisal group's scores of components, all or
// nothing.
func (a *App) AppraisePAR(ctx context.Context, me *authz.Principal, id int64, ins ...par.AppraiseInput) ([]*par.Score, error) {
	if _, _, err := a.assessmentFor(ctx, me, id, a.canAppraise(me)); err != nil {
		return nil, err
	}
	return par.Appraise(ctx, a.db, id, ins...)
}

// CompletePARAppraisal ends the group's scoring; the unit is told it may
// answer until the answer day.
func (a *App) CompletePARAppraisal(ctx context.Context, me *authz.Principal, id int64, version int) error {
	if _, _, err := a.assessmentFor(ctx, me, id, a.canAppraise(me)); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := par.CompleteAppraisal(ctx, tx, id, version, me.User.ID, a.now())
		if err != nil {
			return err
		}
		return reminders.NotifyUnit(ctx, tx, reminders.UnitNotice{Kind: par.NoticeAppraised, Subject: fmt.Sprintf("par:assessment:%d", x.ID),
			Due: x.AnswerDue, UnitID: x.UnitID, Leaders: true,
			Title: "Tổ thẩm định đã chấm điểm Chỉ số CCHC của đơn vị",
			Body:  "Đơn vị có thể giải trình một lần đến hết ngày " + x.AnswerDue.VN() + "."}, a.now())
	})
}

// AnswerPAR records the unit's one answer, by its leader.
func (a *App) AnswerPAR(ctx context.Context, me *authz.Principal, id int64, in par.AnswerInput) (*par.Assessment, error) {
	if _, _, err := a.assessmentFor(ctx, me, id, func(_ *par.Set, x *par.Assessment, _ bool) error {
		return me.CanSubmitSelfAssessment(x.Unit)
	}); err != nil {
		return nil, err
	}
	return par.Answer(ctx, a.db, id, in, me.User.ID, a.now())
}

// DecidePAR closes an assessment, by the appraisal group.
func (a *App) DecidePAR(ctx context.Context, me *authz.Principal, id int64, version int) (*par.Assessment, error) {
	if _, _, err := a.assessmentFor(ctx, me, id, a.canAppraise(me)); err != nil {
		return nil, err
	}
	return par.Decide(ctx, a.db, id, version, me.User.ID, a.now())
}

// PARQueueRow is an assessment awaiting the appraisal group.
type PARQueueRow struct {
	Set        par.Set
	Assessment par.Assessment
	// Waiting says what the group has to do: "appraise", "decide", or
	// "answer" (the unit may still answer).
	Waiting string
}

// PARQueue is the appraiser's queue: the assessments of the sets whose
// group the principal belongs to, their own unit's excepted, that await
// the group — to appraise (oldest submission first), to decide — then
// those awaiting the unit's answer.
func (a *App) PARQueue(ctx context.Context, me *authz.Principal) ([]PARQueueRow, error) {
	var setIDs []int64
	if err := a.db.NewRaw("SELECT set_id FROM par_appraisers WHERE user_id = ?", me.User.ID).Scan(ctx, &setIDs); err != nil {
		return nil, fmt.Errorf("app: appraisal sets: %w", err)
	}
	today := a.Today()
	var out []PARQueueRow
	for _, id := range setIDs {
		s, err := par.GetSet(ctx, a.db, id)
		if err != nil {
			return nil, err
		}
		if s.Published() {
			continue
		}
		as, err := par.Assessments(ctx, a.db, id)
		if err != nil {
			return nil, err
		}
		for _, x := range as {
			if x.UnitID == me.Unit.ID || !x.InAppraisal(s) {
				continue
			}
			w := "appraise"
			switch {
			case x.State == par.AssessmentAnswered || (x.State == par.AssessmentAppraised && today.After(x.AnswerDue)):
				w = "decide"
			case x.State == par.AssessmentAppraised:
				w = "answer"
			}
			out = append(out, PARQueueRow{Set: *s, Assessment: x, Waiting: w})
		}
	}
	order := map[string]int{"appraise": 0, "decide": 1, "answer": 2}
	slices.SortStableFunc(out, func(x, y PARQueueRow) int {
		if c := order[x.Waiting] - order[y.Waiting]; c != 0 {
			return c
		}
		return x.Assessment.SubmittedAt.Compare(y.Assessment.SubmittedAt)
	})
	return out, nil
}

// MyPARAssessments are the assessments of the principal's own unit.
func (a *App) MyPARAssessments(ctx context.Context, me *authz.Principal) ([]PARMine, error) {
	as, err := par.AssessmentsOfUnit(ctx, a.db, me.Unit.ID)
	if err != nil {
		return nil, err
	}
	out := make([]PARMine, 0, len(as))
	for _, x := range as {
		s, err := par.GetSet(ctx, a.db, x.SetID)
		if err != nil {
			return nil, err
		}
		out = append(out, PARMine{Set: *s, Assessment: x, Late: x.Late(s, a.Today())})
	}
	return out, nil
}

// PARMine is one of the principal's unit's assessments.
type PARMine struct {
	Set        par.Set
	Assessment par.Assessment
	Late       bool
}

// PARStandings are the rankings of a year the principal may see, one per
// group (group "" : every group): published ones for anyone who sees the
// body; those not yet published only for its secretariat and leaders
// (provisional). Nothing visible is ErrPARNotPublished (404).
func (a *App) PARStandings(ctx context.Context, me *authz.Principal, year int, group string) ([]par.Standing, error) {
	ss, err := par.Sets(ctx, a.db, par.SetFilter{Year: year, Root: me.UnitsRoot(), GroupCode: strings.TrimSpace(group)})
	if err != nil {
		return nil, err
	}
	var out []par.Standing
	for i := range ss {
		s := &ss[i]
		if s.State == par.StateDraft || (!s.Published() && !me.SeesPARProgress(s.Group.Body)) {
			continue
		}
		t, cards, err := par.Cards(ctx, a.db, s, a.parFeeds(), a.Today())
		if err != nil {
			return nil, err
		}
		out = append(out, par.Standing{Set: s, Tree: t, Cards: par.Ranked(cards)})
	}
	if len(out) == 0 {
		return nil, ErrPARNotPublished.With(fmt.Sprintf("app: no PAR ranking of %d visible", year))
	}
	return out, nil
}

// PARRankingWorkbook is a year's ranking as .xlsx.
func (a *App) PARRankingWorkbook(ctx context.Context, me *authz.Principal, year int, group string) (string, []byte, error) {
	st, err := a.PARStandings(ctx, me, year, group)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	if err := par.WriteRanking(&buf, year, bodyNames(st), st); err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("xep-hang-chi-so-cchc-%d.xlsx", year), buf.Bytes(), nil
}

func bodyNames(st []par.Standing) string {
	var names []string
	for _, s := range st {
		if n := s.Set.Group.Body.Name; !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, "; ")
}

// PARDecision is the decision announcing a body's index of a year as
// .docx (the first body of the standings when code is empty).
func (a *App) PARDecision(ctx context.Context, me *authz.Principal, year int, bodyCode string) (*reports.Document, error) {
	st, err := a.PARStandings(ctx, me, year, "")
	if err != nil {
		return nil, err
	}
	var body *units.Unit
	var mine []par.Standing
	for _, s := range st {
		b := s.Set.Group.Body
		if body == nil && (bodyCode == "" || b.Code == bodyCode) {
			body = b
		}
		if body != nil && b.ID == body.ID {
			mine = append(mine, s)
		}
	}
	if body == nil {
		return nil, errs.Missing("app: no PAR index of %s in %d", bodyCode, year)
	}
	var parent, secretariat *units.Unit
	if body.ParentID != 0 {
		if parent, err = units.Get(ctx, a.db, body.ParentID); err != nil {
			return nil, err
		}
	}
	var sec units.Unit
	err = a.db.NewSelect().Model(&sec).Where("parent_id = ? AND is_secretariat", body.ID).Limit(1).Scan(ctx)
	if err == nil {
		secretariat = &sec
	}
	d := par.Decision(*body, parent, secretariat, year, mine, a.now())
	var buf bytes.Buffer
	if err := reports.WriteDecisionDOCX(&buf, d); err != nil {
		return nil, err
	}
	return &reports.Document{Body: buf.Bytes(), Filename: fmt.Sprintf("quyet-dinh-cong-bo-chi-so-cchc-%d-%s.docx", year, strings.ToLower(body.Code)),
		ContentType: reports.DOCX.ContentType()}, nil
}

// PARCard is a unit's score card in a year: its areas beside its group's
// average, its rank and class — once published for anyone who sees the
// body; before, for those who see the whole assessment.
func (a *App) PARCard(ctx context.Context, me *authz.Principal, year int, code string) (*PARAssessmentView, error) {
	v, err := a.PARAssessmentOf(ctx, me, year, code)
	if err != nil {
		return nil, err
	}
	if !v.Set.Published() && me.SeesPARProgress(v.Set.Group.Body) {
		// Group averages and a provisional rank need every card; a unit
		// sees only its own self-assessment before publication.
		_, cards, err := par.Cards(ctx, a.db, v.Set, a.parFeeds(), a.Today())
		if err != nil {
			return nil, err
		}
		for _, c := range cards {
			if c.Assessment.ID == v.Card.Assessment.ID {
				v.Card = c
			}
		}
		v.Ranked = true
	}
	return v, nil
}

// PARSetCards are every unit's card of a set, for those who see its
// progress (the secretariat, leaders, the appraisal group), or for anyone
// who sees the body once it is published.
func (a *App) PARSetCards(ctx context.Context, me *authz.Principal, id int64) (*par.Tree, []*par.Card, error) {
	s, err := par.GetSet(ctx, a.db, id)
	if err != nil {
		return nil, nil, err
	}
	if err := me.SeesPARBody(s.Group.Body); err != nil {
		return nil, nil, err
	}
	member, err := par.IsAppraiser(ctx, a.db, s.ID, me.User.ID)
	if err != nil {
		return nil, nil, err
	}
	if !s.Published() && !member && !me.SeesPARProgress(s.Group.Body) {
		return nil, nil, ErrPARNotPublished.With(fmt.Sprintf("app: set %d before publication", id))
	}
	return par.Cards(ctx, a.db, s, a.parFeeds(), a.Today())
}
