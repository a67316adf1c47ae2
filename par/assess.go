package par

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/tasks"
	"cchc/units"
)

// AssessmentState is where a unit's assessment stands.
type AssessmentState string

const (
	AssessmentDraft     AssessmentState = "draft"
	AssessmentSubmitted AssessmentState = "submitted"
	AssessmentAppraised AssessmentState = "appraised"
	AssessmentAnswered  AssessmentState = "answered"
	AssessmentFinal     AssessmentState = "final"
)

// Label is the message ID of the state's name.
func (s AssessmentState) Label() string { return assessmentLabels[s] }

var assessmentLabels = map[AssessmentState]string{AssessmentDraft: "par.assessment_draft", AssessmentSubmitted: "par.assessment_submitted",
	AssessmentAppraised: "par.assessment_appraised", AssessmentAnswered: "par.assessment_answered", AssessmentFinal: "par.assessment_final"}

const maxText = 4000

// Assessment is one unit's assessment in a set.
type Assessment struct {
	bun.BaseModel `bun:"table:par_assessments,alias:a"`

	ID          int64           `bun:"id,pk,autoincrement"`
	SetID       int64           `bun:"set_id"`
	UnitID      int64           `bun:"unit_id"`
	State       AssessmentState `bun:"state"`
	SubmittedAt time.Time       `bun:"submitted_at,nullzero"`
	SubmittedBy int64           `bun:"submitted_by,nullzero"`
	AppraisedAt time.Time       `bun:"appraised_at,nullzero"`
	AppraisedBy int64           `bun:"appraised_by,nullzero"`
	AnswerDue   civil.Date      `bun:"answer_due,type:date"`
	Answer      string          `bun:"answer"`
	AnsweredAt  time.Time       `bun:"answered_at,nullzero"`
	AnsweredBy  int64           `bun:"answered_by,nullzero"`
	DecidedAt   time.Time       `bun:"decided_at,nullzero"`
	DecidedBy   int64           `bun:"decided_by,nullzero"`
	Version     int             `bun:"version"`
	UpdatedAt   time.Time       `bun:"updated_at,nullzero,default:now()"`

	Unit *units.Unit `bun:"rel:belongs-to,join:unit_id=id"`
}

// Submitted reports whether the unit has submitted (or the assessment
// went further).
func (a *Assessment) Submitted() bool { return a.State != AssessmentDraft }

// Late reports whether the unit missed the set's due day: it submitted
// after it, or it is past and the unit has not submitted.
func (a *Assessment) Late(s *Set, today civil.Date) bool {
	if s.SelfTo.IsZero() {
		return false
	}
	if !a.SubmittedAt.IsZero() {
		return civil.In(a.SubmittedAt).After(s.SelfTo)
	}
	return a.State == AssessmentDraft && today.After(s.SelfTo)
}

// InAppraisal reports whether the appraisal group may score it: submitted,
// or never submitted once the self-assessment is closed; not yet decided.
func (a *Assessment) InAppraisal(s *Set) bool {
	switch a.State {
	case AssessmentSubmitted, AssessmentAppraised, AssessmentAnswered:
		return !s.Published()
	case AssessmentDraft:
		return s.State == StateAppraising
	}
	return false
}

func (a *Assessment) auditView() map[string]any {
	return map[string]any{"set_id": a.SetID, "unit_id": a.UnitID, "state": a.State, "answer_due": a.AnswerDue, "version": a.Version}
}

// Score is a unit's points on one component.
type Score struct {
	bun.BaseModel `bun:"table:par_scores,alias:sc"`

	AssessmentID int64     `bun:"assessment_id,pk"`
	ItemID       int64     `bun:"item_id,pk"`
	Self         *Points   `bun:"self_points"`
	Explanation  string    `bun:"explanation"`
	Appraised    *Points   `bun:"appraised_points"`
	Comment      string    `bun:"comment"`
	Answer       string    `bun:"answer"`
	Survey       *Points   `bun:"survey_points"`
	Computed     *Points   `bun:"computed_points"`
	ComputedNote string    `bun:"computed_note"`
	Version      int       `bun:"version"`
	UpdatedAt    time.Time `bun:"updated_at,nullzero,default:now()"`
}

// Evidence is a document attached to a component (Data is loaded only by
// EvidenceData).
type Evidence struct {
	bun.BaseModel `bun:"table:par_evidence,alias:ev"`

	ID           int64     `bun:"id,pk,autoincrement"`
	AssessmentID int64     `bun:"assessment_id"`
	ItemID       int64     `bun:"item_id"`
	FileID       int64     `bun:"file_id,nullzero"`
	Filename     string    `bun:"filename"`
	ContentType  string    `bun:"content_type"`
	Size         int       `bun:"size"`
	SHA256       []byte    `bun:"sha256"`
	Data         []byte    `bun:"data"`
	CreatedBy    int64     `bun:"created_by,nullzero"`
	CreatedAt    time.Time `bun:"created_at,nullzero,default:now()"`
}

// Reference reports whether the evidence points at a task's evidence file.
func (e Evidence) Reference() bool { return e.FileID != 0 }

// GetAssessment loads an assessment with its unit.
func GetAssessment(ctx context.Context, db bun.IDB, id int64) (*Assessment, error) {
	a := new(Assessment)
	err := db.NewSelect().Model(a).Relation("Unit").Where("a.id = ?", id).Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("par: assessment %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("par: assessment %d: %w", id, err)
	}
	return a, nil
}

// AssessmentOf is a unit's assessment in a set.
func AssessmentOf(ctx context.Context, db bun.IDB, setID, unitID int64) (*Assessment, error) {
	a := new(Assessment)
	err := db.NewSelect().Model(a).Relation("Unit").Where("a.set_id = ? AND a.unit_id = ?", setID, unitID).Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("par: set %d unit %d", setID, unitID)
	}
	if err != nil {
		return nil, fmt.Errorf("par: assessment: %w", err)
	}
	return a, nil
}

// Assessments lists a set's assessments in unit tree order.
func Assessments(ctx context.Context, db bun.IDB, setID int64) ([]Assessment, error) {
	var as []Assessment
	if err := db.NewSelect().Model(&as).Relation("Unit").Where("a.set_id = ?", setID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: assessments of %d: %w", setID, err)
	}
	sortByUnit(as)
	return as, nil
}

// AssessmentsOfUnit lists a unit's assessments, newest year first.
func AssessmentsOfUnit(ctx context.Context, db bun.IDB, unitID int64) ([]Assessment, error) {
	var as []Assessment
	err := db.NewSelect().Model(&as).Relation("Unit").Join("JOIN par_sets AS s ON s.id = a.set_id").
		Where("a.unit_id = ?", unitID).OrderExpr("s.year DESC, s.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("par: assessments of unit %d: %w", unitID, err)
	}
	return as, nil
}

func sortByUnit(as []Assessment) {
	us := make([]units.Unit, len(as))
	for i := range as {
		us[i] = *as[i].Unit
	}
	units.SortTree(us)
	order := make(map[int64]int, len(us))
	for i, u := range us {
		order[u.ID] = i
	}
	slices.SortFunc(as, func(a, b Assessment) int { return order[a.UnitID] - order[b.UnitID] })
}

// Scores are an assessment's scores by item.
func Scores(ctx context.Context, db bun.IDB, assessmentID int64) (map[int64]*Score, error) {
	var ss []*Score
	if err := db.NewSelect().Model(&ss).Where("assessment_id = ?", assessmentID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: scores of %d: %w", assessmentID, err)
	}
	out := make(map[int64]*Score, len(ss))
	for _, s := range ss {
		out[s.ItemID] = s
	}
	return out, nil
}

// EvidenceOf lists an assessment's evidence (without the bytes) by item.
func EvidenceOf(ctx context.Context, db bun.IDB, assessmentID int64) (map[int64][]Evidence, error) {
	var es []Evidence
	if err := db.NewSelect().Model(&es).ExcludeColumn("data").Where("assessment_id = ?", assessmentID).Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: evidence of %d: %w", assessmentID, err)
	}
	out := map[int64][]Evidence{}
	for _, e := range es {
		out[e.ItemID] = append(out[e.ItemID], e)
	}
	return out, nil
}

// GetEvidence loads one evidence row without its bytes.
func GetEvidence(ctx context.Context, db bun.IDB, id int64) (*Evidence, error) {
	e := new(Evidence)
	err := db.NewSelect().Model(e).ExcludeColumn("data").Where("id = ?", id).Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("par: evidence %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("par: evidence %d: %w", id, err)
	}
	return e, nil
}

// EvidenceData is the document of an evidence row: its own bytes, or the
// task evidence file it points at.
func EvidenceData(ctx context.Context, db bun.IDB, e *Evidence) (name, contentType string, data []byte, err error) {
	if e.FileID != 0 {
		f, err := tasks.EvidenceData(ctx, db, e.FileID)
		if err != nil {
			return "", "", nil, err
		}
		return f.Filename, f.ContentType, f.Data, nil
	}
	var raw []byte
	if err := db.NewSelect().Table("par_evidence").Column("data").Where("id = ?", e.ID).Scan(ctx, &raw); err != nil {
		return "", "", nil, fmt.Errorf("par: evidence %d: %w", e.ID, err)
	}
	return e.Filename, e.ContentType, raw, nil
}

// locked loads an assessment for update with its set and the set's tree,
// checking the version the caller read (0: no check).
func locked(ctx context.Context, tx bun.IDB, id int64, version int) (*Assessment, *Set, *Tree, error) {
	a := new(Assessment)
	err := tx.NewSelect().Model(a).Relation("Unit").Where("a.id = ?", id).For("UPDATE OF a").Scan(ctx)
	if isNoRows(err) {
		return nil, nil, nil, errs.Missing("par: assessment %d", id)
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("par: lock assessment %d: %w", id, err)
	}
	if version != 0 && a.Version != version {
		return nil, nil, nil, ErrStale.With(fmt.Sprintf("par: assessment %d is at version %d, not %d", id, a.Version, version))
	}
	s, err := GetSet(ctx, tx, a.SetID)
	if err != nil {
		return nil, nil, nil, err
	}
	t, err := LoadTree(ctx, tx, s)
	if err != nil {
		return nil, nil, nil, err
	}
	return a, s, t, nil
}

// selfOpen reports an error unless the unit may still change its
// self-assessment: not submitted, and the set still taking them.
func selfOpen(a *Assessment, s *Set) error {
	switch {
	case a.State != AssessmentDraft:
		return invalid("assessment", "par.assessment_locked")
	case s.State != StateAssessing:
		return invalid("assessment", "par.assessment_closed")
	}
	return nil
}

// component returns the leaf itemID of t or an error naming what it is.
func component(t *Tree, itemID int64, want Method) (*Item, error) {
	it := t.Item(itemID)
	if it == nil || !it.Leaf() {
		return nil, invalid("item", "par.item_unknown")
	}
	if want != "" && it.Method != want {
		key := "par.not_self_scored"
		if want == MethodSurvey {
			key = "par.not_survey"
		}
		return nil, invalid("item", key, it.Number)
	}
	return it, nil
}

func checkPoints(field string, it *Item, p *Points) error {
	if p == nil {
		return nil
	}
	if *p < 0 {
		return invalid(field, "par.points_negative", it.Number)
	}
	if *p > it.Max {
		return invalid(field, "par.points_over_max", it.Number, p.String(), it.Max.String())
	}
	return nil
}

func checkText(field, s string) error {
	if utf8.RuneCountInString(s) > maxText {
		return invalid(field, "par.text_long", vn.Int(maxText))
	}
	return nil
}

// SelfInput is a unit's score of one component.
type SelfInput struct {
	ItemID int64
	// Points nil clears the score.
	Points      *Points
	Explanation string
	// Version is the score's version the unit read (0: not scored yet).
	Version int
}

// SelfScore records a unit's scores of one or more components, all or
// nothing: every input is checked (a self-scored component of the set,
// points between zero and its maximum, the version read) before anything
// is written. It returns the scores written.
func SelfScore(ctx context.Context, db bun.IDB, assessmentID int64, ins []SelfInput) ([]*Score, error) {
	var out []*Score
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, s, t, err := locked(ctx, tx, assessmentID, 0)
		if err != nil {
			return err
		}
		if err := selfOpen(a, s); err != nil {
			return err
		}
		scores, err := Scores(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		for i := range ins {
			in := &ins[i]
			in.Explanation = vn.Clean(in.Explanation)
			it, err := component(t, in.ItemID, MethodSelf)
			if err != nil {
				return err
			}
			if err := checkPoints("points", it, in.Points); err != nil {
				return err
			}
			if err := checkText("explanation", in.Explanation); err != nil {
				return err
			}
			if err := staleScore(a, scores, in.ItemID, in.Version); err != nil {
				return err
			}
		}
		out, err = writeScores(ctx, tx, a, scores, ins, func(in SelfInput) int64 { return in.ItemID },
			func(sc *Score, in SelfInput) { sc.Self, sc.Explanation = in.Points, in.Explanation }, "self_score")
		return err
	})
	return out, err
}

// staleScore refuses a score edit made on another version of the
// component's score than the one stored (0: none yet).
func staleScore(a *Assessment, scores map[int64]*Score, itemID int64, version int) error {
	if cur := scores[itemID]; (cur == nil && version != 0) || (cur != nil && cur.Version != version) {
		return ErrStale.With(fmt.Sprintf("par: score %d/%d changed", a.ID, itemID))
	}
	return nil
}

// writeScores applies checked inputs to the assessment's scores (a score
// made for a component scored for the first time), saves them and records
// one audit entry under action; it returns the scores written.
func writeScores[In any](ctx context.Context, tx bun.IDB, a *Assessment, scores map[int64]*Score, ins []In,
	item func(In) int64, apply func(*Score, In), action string) ([]*Score, error) {
	var out []*Score
	var ch scoreChanges
	for _, in := range ins {
		id := item(in)
		sc := scores[id]
		before := scoreView(sc)
		if sc == nil {
			sc = &Score{AssessmentID: a.ID, ItemID: id}
			scores[id] = sc
		}
		apply(sc, in)
		out = append(out, sc)
		ch.add(before, sc)
	}
	if err := saveScores(ctx, tx, out); err != nil {
		return nil, err
	}
	return out, ch.record(ctx, tx, action, a.ID)
}

func scoreView(s *Score) map[string]any {
	if s == nil {
		return nil
	}
	v := map[string]any{"item_id": s.ItemID, "explanation": s.Explanation, "comment": s.Comment, "answer": s.Answer, "version": s.Version}
	for k, p := range map[string]*Points{"self": s.Self, "appraised": s.Appraised, "survey": s.Survey, "computed": s.Computed} {
		if p != nil {
			v[k] = *p
		}
	}
	return v
}

// saveScores inserts or updates scores in one statement, bumping their
// versions.
func saveScores(ctx context.Context, tx bun.IDB, scs []*Score) error {
	if len(scs) == 0 {
		return nil
	}
	for _, sc := range scs {
		sc.Version++
	}
	_, err := tx.NewInsert().Model(&scs).ExcludeColumn("updated_at").
		On("CONFLICT (assessment_id, item_id) DO UPDATE").
		Set("self_points = EXCLUDED.self_points, explanation = EXCLUDED.explanation").
		Set("appraised_points = EXCLUDED.appraised_points, comment = EXCLUDED.comment, answer = EXCLUDED.answer").
		Set("survey_points = EXCLUDED.survey_points, computed_points = EXCLUDED.computed_points, computed_note = EXCLUDED.computed_note").
		Set("version = EXCLUDED.version, updated_at = now()").Exec(ctx)
	if err != nil {
		return fmt.Errorf("par: save scores: %w", err)
	}
	return nil
}

// scoreChanges collects the before and after of the scores a call
// changes, for its one audit entry.
type scoreChanges struct{ before, after []map[string]any }

func (c *scoreChanges) add(before map[string]any, sc *Score) {
	if before == nil {
		before = map[string]any{"item_id": sc.ItemID}
	}
	c.before = append(c.before, before)
	c.after = append(c.after, scoreView(sc))
}

func (c *scoreChanges) record(ctx context.Context, tx bun.IDB, action string, assessmentID int64) error {
	return audit.Record(ctx, tx, audit.Change{Action: action, Entity: "par_assessment", EntityID: assessmentID,
		Before: map[string]any{"scores": c.before}, After: map[string]any{"scores": c.after}})
}

// Attachment is evidence to attach: an uploaded file, or a reference to a
// task's evidence file (FileID).
type Attachment struct {
	Upload tasks.Upload
	FileID int64
}

// AddEvidence attaches a document to a self-scored component of a unit's
// assessment still open. An upload is checked as task evidence is (type by
// content, at most tasks.MaxEvidenceSize).
func AddEvidence(ctx context.Context, db bun.IDB, assessmentID, itemID int64, att Attachment, by int64) (*Evidence, error) {
	e := &Evidence{AssessmentID: assessmentID, ItemID: itemID, CreatedBy: by}
	if att.FileID != 0 {
		f := new(tasks.EvidenceFile)
		if err := db.NewSelect().Model(f).ExcludeColumn("data").Where("id = ?", att.FileID).Scan(ctx); err != nil {
			if isNoRows(err) {
				return nil, invalid("file_id", "par.evidence_file_unknown")
			}
			return nil, fmt.Errorf("par: evidence file %d: %w", att.FileID, err)
		}
		e.FileID, e.Filename, e.ContentType, e.Size, e.SHA256 = f.ID, f.Filename, f.ContentType, f.Size, f.SHA256
	} else {
		name, ct, err := tasks.CheckUpload(att.Upload)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(att.Upload.Data)
		e.Filename, e.ContentType, e.Size, e.SHA256, e.Data = name, ct, len(att.Upload.Data), sum[:], att.Upload.Data
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, s, t, err := locked(ctx, tx, assessmentID, 0)
		if err != nil {
			return err
		}
		if err := selfOpen(a, s); err != nil {
			return err
		}
		if _, err := component(t, itemID, MethodSelf); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(e).ExcludeColumn("created_at").Returning("id, created_at").Exec(ctx); err != nil {
			return fmt.Errorf("par: add evidence: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "add_evidence", Entity: "par_assessment", EntityID: a.ID,
			After: map[string]any{"evidence_id": e.ID, "item_id": itemID, "filename": e.Filename, "size": e.Size, "file_id": e.FileID}})
	})
	if err != nil {
		return nil, err
	}
	e.Data = nil
	return e, nil
}

// RemoveEvidence detaches a document while the assessment is open.
func RemoveEvidence(ctx context.Context, db bun.IDB, evidenceID int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		e, err := GetEvidence(ctx, tx, evidenceID)
		if err != nil {
			return err
		}
		a, s, _, err := locked(ctx, tx, e.AssessmentID, 0)
		if err != nil {
			return err
		}
		if err := selfOpen(a, s); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*Evidence)(nil)).Where("id = ?", e.ID).Exec(ctx); err != nil {
			return fmt.Errorf("par: remove evidence: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "remove_evidence", Entity: "par_assessment", EntityID: a.ID,
			Before: map[string]any{"evidence_id": e.ID, "item_id": e.ItemID, "filename": e.Filename}})
	})
}

// Missing is what a self-assessment still lacks before it can be
// submitted: components not scored, and components whose evidence is
// required that have neither a document nor an explanation.
type Missing struct {
	Unscored []*Item
	Evidence []*Item
}

// Empty reports whether nothing is missing.
func (m Missing) Empty() bool { return len(m.Unscored) == 0 && len(m.Evidence) == 0 }

// MissingOf computes what an assessment's self-assessment lacks.
func MissingOf(t *Tree, scores map[int64]*Score, evidence map[int64][]Evidence) Missing {
	var m Missing
	for _, it := range t.LeavesBy(MethodSelf) {
		sc := scores[it.ID]
		if sc == nil || sc.Self == nil {
			m.Unscored = append(m.Unscored, it)
			continue
		}
		if it.EvidenceRequired && len(evidence[it.ID]) == 0 && strings.TrimSpace(sc.Explanation) == "" {
			m.Evidence = append(m.Evidence, it)
		}
	}
	return m
}

func numbers(items []*Item, n int) string {
	var out []string
	for i, it := range items {
		if i == n {
			out = append(out, "…")
			break
		}
		out = append(out, it.Number)
	}
	return strings.Join(out, ", ")
}

// Submit locks a unit's self-assessment: every self-scored component must
// have a score, and each whose evidence is required a document or an
// explanation.
func Submit(ctx context.Context, db bun.IDB, assessmentID int64, version int, by int64, at time.Time) (*Assessment, error) {
	var out *Assessment
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, s, t, err := locked(ctx, tx, assessmentID, version)
		if err != nil {
			return err
		}
		if err := selfOpen(a, s); err != nil {
			return err
		}
		scores, err := Scores(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		ev, err := EvidenceOf(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		m := MissingOf(t, scores, ev)
		if len(m.Unscored) > 0 {
			return invalid("components", "par.submit_unscored", len(m.Unscored), numbers(m.Unscored, 8))
		}
		if len(m.Evidence) > 0 {
			return invalid("components", "par.submit_evidence", len(m.Evidence), numbers(m.Evidence, 8))
		}
		before := a.auditView()
		a.State, a.SubmittedAt, a.SubmittedBy = AssessmentSubmitted, at, by
		if err := saveAssessment(ctx, tx, a, "state", "submitted_at", "submitted_by"); err != nil {
			return err
		}
		after := a.auditView()
		after["late"] = a.Late(s, civil.In(at))
		out = a
		return audit.Record(ctx, tx, audit.Change{Action: "submit", Entity: "par_assessment", EntityID: a.ID, Before: before, After: after})
	})
	return out, err
}

func saveAssessment(ctx context.Context, tx bun.IDB, a *Assessment, cols ...string) error {
	a.Version++
	cols = append(cols, "version")
	if _, err := tx.NewUpdate().Model(a).Column(cols...).Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("par: update assessment %d: %w", a.ID, err)
	}
	return nil
}

// AppraiseInput is the appraisal group's score of one component.
type AppraiseInput struct {
	ItemID int64
	// Points nil clears the appraised score (the unit's own stands).
	Points  *Points
	Comment string
	Version int // the score's version read (0: none yet)
}

// Appraise records the appraisal group's scores and comments on
// components of an assessment in appraisal, all or nothing: a self-scored
// component, or a computed one whose figure the group corrects (a comment
// is then required). Survey points are entered with SetSurvey. It returns
// the scores written.
func Appraise(ctx context.Context, db bun.IDB, assessmentID int64, ins ...AppraiseInput) ([]*Score, error) {
	var out []*Score
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, s, t, err := locked(ctx, tx, assessmentID, 0)
		if err != nil {
			return err
		}
		if !a.InAppraisal(s) {
			return invalid("assessment", "par.not_in_appraisal")
		}
		scores, err := Scores(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		for i := range ins {
			in := &ins[i]
			in.Comment = vn.Clean(in.Comment)
			it, err := component(t, in.ItemID, "")
			if err != nil {
				return err
			}
			if it.Method == MethodSurvey {
				return invalid("item", "par.survey_not_appraised", it.Number)
			}
			if err := checkPoints("points", it, in.Points); err != nil {
				return err
			}
			if err := checkText("comment", in.Comment); err != nil {
				return err
			}
			if it.Method == MethodComputed && in.Points != nil && in.Comment == "" {
				return invalid("comment", "par.override_comment", it.Number)
			}
			if err := staleScore(a, scores, in.ItemID, in.Version); err != nil {
				return err
			}
		}
		out, err = writeScores(ctx, tx, a, scores, ins, func(in AppraiseInput) int64 { return in.ItemID },
			func(sc *Score, in AppraiseInput) { sc.Appraised, sc.Comment = in.Points, in.Comment }, "appraise")
		return err
	})
	return out, err
}

// CompleteAppraisal ends the group's scoring of an assessment: every
// self-scored component the group left unchanged keeps the unit's score
// (0 where the unit gave none), and the unit may answer once within the
// set's answer days. It returns the assessment (for the notice).
func CompleteAppraisal(ctx context.Context, db bun.IDB, assessmentID int64, version int, by int64, at time.Time) (*Assessment, error) {
	var out *Assessment
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, s, t, err := locked(ctx, tx, assessmentID, version)
		if err != nil {
			return err
		}
		if !a.InAppraisal(s) || a.State == AssessmentAppraised || a.State == AssessmentAnswered {
			return invalid("assessment", "par.not_in_appraisal")
		}
		scores, err := Scores(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		var kept []*Score
		var keptItems []int64
		for _, it := range t.LeavesBy(MethodSelf) {
			sc := scores[it.ID]
			if sc != nil && sc.Appraised != nil {
				continue
			}
			if sc == nil {
				sc = &Score{AssessmentID: a.ID, ItemID: it.ID}
			}
			p := Points(0)
			if sc.Self != nil {
				p = *sc.Self
			}
			sc.Appraised = &p
			kept = append(kept, sc)
			keptItems = append(keptItems, it.ID)
		}
		if err := saveScores(ctx, tx, kept); err != nil {
			return err
		}
		before := a.auditView()
		a.State, a.AppraisedAt, a.AppraisedBy = AssessmentAppraised, at, by
		a.AnswerDue = civil.In(at).AddDays(s.AnswerDays)
		if err := saveAssessment(ctx, tx, a, "state", "appraised_at", "appraised_by", "answer_due"); err != nil {
			return err
		}
		out = a
		after := a.auditView()
		after["kept_self_scores"] = keptItems
		return audit.Record(ctx, tx, audit.Change{Action: "complete_appraisal", Entity: "par_assessment", EntityID: a.ID, Before: before, After: after})
	})
	return out, err
}

// AnswerInput is the unit's one answer (giải trình) to the appraisal: a
// general text and, per component, what it disputes.
type AnswerInput struct {
	Text    string
	ByItem  map[int64]string
	Version int
}

// Answer records the unit's one answer, within the answer window.
func Answer(ctx context.Context, db bun.IDB, assessmentID int64, in AnswerInput, by int64, at time.Time) (*Assessment, error) {
	in.Text = vn.Clean(in.Text)
	var out *Assessment
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, _, t, err := locked(ctx, tx, assessmentID, in.Version)
		if err != nil {
			return err
		}
		switch {
		case a.State == AssessmentAnswered || a.State == AssessmentFinal && !a.AnsweredAt.IsZero():
			return invalid("answer", "par.answered_once")
		case a.State != AssessmentAppraised:
			return invalid("answer", "par.not_appraised_yet")
		case civil.In(at).After(a.AnswerDue):
			return invalid("answer", "par.answer_closed", a.AnswerDue.VN())
		}
		if err := checkText("answer", in.Text); err != nil {
			return err
		}
		n := 0
		var answered []*Score
		scores, err := Scores(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		ids := make([]int64, 0, len(in.ByItem))
		for id := range in.ByItem {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			text := vn.Clean(in.ByItem[id])
			if text == "" {
				continue
			}
			if _, err := component(t, id, ""); err != nil {
				return err
			}
			if err := checkText("answer", text); err != nil {
				return err
			}
			sc := scores[id]
			if sc == nil {
				sc = &Score{AssessmentID: a.ID, ItemID: id}
			}
			sc.Answer = text
			answered = append(answered, sc)
			n++
		}
		if err := saveScores(ctx, tx, answered); err != nil {
			return err
		}
		if in.Text == "" && n == 0 {
			return invalid("answer", "par.answer_required")
		}
		before := a.auditView()
		a.State, a.Answer, a.AnsweredAt, a.AnsweredBy = AssessmentAnswered, in.Text, at, by
		if err := saveAssessment(ctx, tx, a, "state", "answer", "answered_at", "answered_by"); err != nil {
			return err
		}
		after := a.auditView()
		after["answer"], after["components_answered"] = in.Text, n
		out = a
		return audit.Record(ctx, tx, audit.Change{Action: "answer", Entity: "par_assessment", EntityID: a.ID, Before: before, After: after})
	})
	return out, err
}

// Decide closes an assessment: the group has read the unit's answer (or the
// answer window has passed without one); the appraised points are final.
func Decide(ctx context.Context, db bun.IDB, assessmentID int64, version int, by int64, at time.Time) (*Assessment, error) {
	var out *Assessment
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, s, _, err := locked(ctx, tx, assessmentID, version)
		if err != nil {
			return err
		}
		if s.Published() {
			return invalid("assessment", "par.set_published")
		}
		switch {
		case a.State == AssessmentAnswered:
		case a.State == AssessmentAppraised && !civil.In(at).After(a.AnswerDue):
			return invalid("assessment", "par.answer_window_open", a.AnswerDue.VN())
		case a.State == AssessmentAppraised:
		default:
			return invalid("assessment", "par.not_appraised_yet")
		}
		before := a.auditView()
		a.State, a.DecidedAt, a.DecidedBy = AssessmentFinal, at, by
		if err := saveAssessment(ctx, tx, a, "state", "decided_at", "decided_by"); err != nil {
			return err
		}
		out = a
		return audit.Record(ctx, tx, audit.Change{Action: "decide", Entity: "par_assessment", EntityID: a.ID, Before: before, After: a.auditView()})
	})
	return out, err
}

// SurveyInput is a unit's points on a survey component.
type SurveyInput struct {
	UnitID int64
	ItemID int64
	Points *Points // nil clears
}

// SetSurvey records survey points (SIPAS, officials' satisfaction) for the
// units of a set not yet published, all or nothing: each input must name
// a survey component and a unit assessed in the set, with points between
// zero and the maximum.
func SetSurvey(ctx context.Context, db bun.IDB, setID int64, ins []SurveyInput) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSet(ctx, tx, setID, 0)
		if err != nil {
			return err
		}
		if s.State == StateDraft || s.Published() {
			return invalid("state", "par.survey_closed")
		}
		t, err := LoadTree(ctx, tx, s)
		if err != nil {
			return err
		}
		as, err := Assessments(ctx, tx, setID)
		if err != nil {
			return err
		}
		byUnit := map[int64]*Assessment{}
		for i := range as {
			byUnit[as[i].UnitID] = &as[i]
		}
		type change struct {
			a  *Assessment
			in SurveyInput
		}
		var cs []change
		for _, in := range ins {
			a := byUnit[in.UnitID]
			if a == nil {
				return invalid("unit", "par.unit_not_assessed")
			}
			it, err := component(t, in.ItemID, MethodSurvey)
			if err != nil {
				return err
			}
			if err := checkPoints("points", it, in.Points); err != nil {
				e, _ := errs.As(err)
				return invalid(e.Field, "par.survey_invalid", a.Unit.Name, i18n.M(e.Key, e.Args...))
			}
			cs = append(cs, change{a, in})
		}
		var changed []*Score
		var log []map[string]any
		byA := map[int64]map[int64]*Score{}
		for _, c := range cs {
			scores := byA[c.a.ID]
			if scores == nil {
				if scores, err = Scores(ctx, tx, c.a.ID); err != nil {
					return err
				}
				byA[c.a.ID] = scores
			}
			sc := scores[c.in.ItemID]
			if sc == nil {
				sc = &Score{AssessmentID: c.a.ID, ItemID: c.in.ItemID}
				scores[c.in.ItemID] = sc
			}
			if samePoints(sc.Survey, c.in.Points) {
				continue
			}
			entry := map[string]any{"unit_id": c.a.UnitID, "item_id": c.in.ItemID, "before": sc.Survey, "after": c.in.Points}
			sc.Survey = c.in.Points
			changed = append(changed, sc)
			log = append(log, entry)
		}
		if len(changed) == 0 {
			return nil
		}
		if err := saveScores(ctx, tx, changed); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{Action: "survey", Entity: "par_set", EntityID: s.ID, After: map[string]any{"survey": log}})
	})
}

func samePoints(a, b *Points) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
