// Package par owns the annual PAR index of units (Chỉ số cải cách hành
// chính, docs/DOMAIN.md §11): the criteria sets a body (a province, a city)
// issues per year and group of units, each unit's self-assessment with its
// evidence, the appraisal group's scores and the unit's one answer, the
// points cchc computes from its own data, and the published results: final
// scores, classes from the body's bands, ranks within each group and the
// change against last year, as a ranking workbook and a decision.
//
// A set goes draft (its criteria are imported, cloned, edited) → assessing
// (opened with a window: units score their components and submit; submitted
// assessments may already be appraised) → appraising (the secretariat closed
// the self-assessment) → published (a leader published it: results frozen).
// An assessment goes draft → submitted (locked) → appraised (the unit may
// answer once within answer_days) → answered → final.
//
// A component's final points: appraised points for a self-scored component
// (the unit's own score where the group kept it), computed points for a
// computed one, survey points for a survey one (docs/DOMAIN.md §11).
//
// The package checks the states and the input; who may act is authz's,
// and the use cases (app) open the transactions and send the notices.
// Naming as everywhere: Create… is checked, Insert… is for trusted callers
// (the demo, a clone); both are audited.
package par

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/units"
)

var (
	// ErrStale: the set or the score changed since the caller read it.
	ErrStale = errs.New(errs.Stale, "stale_version", "par.stale")
	// ErrGroupExists: another group has that code.
	ErrGroupExists = errs.New(errs.Conflict, "exists", "par.group_exists")
	// ErrSetExists: the group already has a criteria set for that year.
	ErrSetExists = errs.New(errs.Conflict, "exists", "par.set_exists")
)

func invalid(field, key string, args ...any) *errs.Error { return errs.Bad(field, key, args...) }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// State is a set's stage.
type State string

const (
	StateDraft      State = "draft"
	StateAssessing  State = "assessing"
	StateAppraising State = "appraising"
	StatePublished  State = "published"
)

// Label is the message ID of the state's name.
func (s State) Label() string { return stateLabels[s] }

var stateLabels = map[State]string{StateDraft: "par.state_draft", StateAssessing: "par.state_assessing",
	StateAppraising: "par.state_appraising", StatePublished: "par.state_published"}

// Level is an item's place in the tree.
type Level string

const (
	LevelArea      Level = "area"
	LevelCriterion Level = "criterion"
	LevelComponent Level = "component"
)

// Group is a group of units a body ranks together.
type Group struct {
	bun.BaseModel `bun:"table:par_groups,alias:g"`

	ID        int64     `bun:"id,pk,autoincrement"`
	BodyID    int64     `bun:"body_id"`
	Code      string    `bun:"code"`
	Name      string    `bun:"name"`
	Kinds     []string  `bun:"kinds,array"`
	Position  int       `bun:"position"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`

	Body *units.Unit `bun:"rel:belongs-to,join:body_id=id"`
}

// Band is a class: a final score of at least From gets Name.
type Band struct {
	Name string `json:"name"`
	From Points `json:"from"`
}

// DefaultBands are the classes provinces commonly use, scaled to a set
// worth total: Xuất sắc from 90 %, Tốt from 80 %, Khá from 70 %, Trung bình
// from 50 %, Yếu below.
func DefaultBands(total Points) []Band {
	pct := func(p int64) Points { return scale(total, p, 100) }
	return []Band{{"Xuất sắc", pct(90)}, {"Tốt", pct(80)}, {"Khá", pct(70)}, {"Trung bình", pct(50)}, {"Yếu", 0}}
}

// ClassOf is the class of a final score: the first band (highest first)
// whose threshold it reaches.
func ClassOf(bands []Band, score Points) string {
	for _, b := range bands {
		if score >= b.From {
			return b.Name
		}
	}
	if len(bands) > 0 {
		return bands[len(bands)-1].Name
	}
	return ""
}

// Set is a criteria set: one per group and year.
type Set struct {
	bun.BaseModel `bun:"table:par_sets,alias:s"`

	ID             int64      `bun:"id,pk,autoincrement"`
	GroupID        int64      `bun:"group_id"`
	Year           int        `bun:"year"`
	Title          string     `bun:"title"`
	Total          Points     `bun:"total_points"`
	State          State      `bun:"state"`
	SelfFrom       civil.Date `bun:"self_from,type:date"`
	SelfTo         civil.Date `bun:"self_to,type:date"`
	AnswerDays     int        `bun:"answer_days"`
	Bands          []Band     `bun:"bands,type:jsonb"`
	PublishedAt    time.Time  `bun:"published_at,nullzero"`
	PublishedBy    int64      `bun:"published_by,nullzero"`
	DecisionNumber string     `bun:"decision_number"`
	Version        int        `bun:"version"`
	CreatedAt      time.Time  `bun:"created_at,nullzero,default:now()"`
	UpdatedAt      time.Time  `bun:"updated_at,nullzero,default:now()"`

	Group *Group `bun:"rel:belongs-to,join:group_id=id"`
}

// Published reports whether the results are public.
func (s *Set) Published() bool { return s.State == StatePublished }

// Editable reports an error unless the criteria may still change: until the
// assessment opens.
func (s *Set) Editable() error {
	if s.State != StateDraft {
		return invalid("state", "par.set_not_draft")
	}
	return nil
}

// Late reports whether a self-assessment not submitted by day is late.
func (s *Set) Late(day civil.Date) bool { return !s.SelfTo.IsZero() && day.After(s.SelfTo) }

// auditView is what the trail keeps of a set.
func (s *Set) auditView() map[string]any {
	return map[string]any{"group_id": s.GroupID, "year": s.Year, "title": s.Title, "total": s.Total, "state": s.State,
		"self_from": s.SelfFrom, "self_to": s.SelfTo, "answer_days": s.AnswerDays, "bands": s.Bands,
		"decision_number": s.DecisionNumber, "version": s.Version}
}

// Item is a node of a set's tree: an area, a criterion or a component.
type Item struct {
	bun.BaseModel `bun:"table:par_items,alias:i"`

	ID               int64  `bun:"id,pk,autoincrement"`
	SetID            int64  `bun:"set_id"`
	ParentID         int64  `bun:"parent_id,nullzero"`
	Level            Level  `bun:"level"`
	Position         int    `bun:"position"`
	Number           string `bun:"number"`
	Title            string `bun:"title"`
	Max              Points `bun:"max_points"`
	Guidance         string `bun:"guidance"`
	EvidenceRequired bool   `bun:"evidence_required"`
	Method           Method `bun:"method"`
	Source           Source `bun:"source"`
	SourceRef        string `bun:"source_ref"`
	Steps            []Step `bun:"steps,type:jsonb,nullzero"`

	Children []*Item `bun:"-"`
	Parent   *Item   `bun:"-"`
}

// Rule is the item's method with its source and steps.
func (it *Item) Rule() Rule {
	return Rule{Method: it.Method, Source: it.Source, Ref: it.SourceRef, Steps: it.Steps}
}

// Leaf reports whether the item carries points itself (a component, or a
// criterion without components).
func (it *Item) Leaf() bool { return len(it.Children) == 0 && it.Level != LevelArea }

// Label is "1.2.3. Title".
func (it *Item) Label() string { return it.Number + ". " + it.Title }

// Area is the area the item belongs to (itself for an area).
func (it *Item) Area() *Item {
	for it.Parent != nil {
		it = it.Parent
	}
	return it
}

// Tree is a set with its items.
type Tree struct {
	Set *Set
	// Areas are the top items, in order; each holds its children.
	Areas []*Item
	// Leaves are the scored items in order.
	Leaves []*Item
	byID   map[int64]*Item
}

// Item is the item with that id, or nil.
func (t *Tree) Item(id int64) *Item { return t.byID[id] }

// LeavesBy are the leaves of a method.
func (t *Tree) LeavesBy(m Method) []*Item {
	var out []*Item
	for _, it := range t.Leaves {
		if it.Method == m {
			out = append(out, it)
		}
	}
	return out
}

// CriteriaCount is the number of criteria.
func (t *Tree) CriteriaCount() int {
	n := 0
	for _, a := range t.Areas {
		n += len(a.Children)
	}
	return n
}

// InsertGroup adds a group of units of body, unchecked but for its code.
func InsertGroup(ctx context.Context, db bun.IDB, g *Group) error {
	g.Code, g.Name = strings.TrimSpace(g.Code), vn.OneLine(g.Name)
	if g.Kinds == nil {
		g.Kinds = []string{}
	}
	switch {
	case !groupCode(g.Code):
		return invalid("group", "par.group_code_invalid", g.Code)
	case g.Name == "":
		return invalid("name", "par.group_name_required")
	}
	for _, k := range g.Kinds {
		if !units.Kind(k).Valid() {
			return invalid("kinds", "units.kind_invalid", k)
		}
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(g).ExcludeColumn("created_at").Returning("*").Exec(ctx); err != nil {
			if database.IsUniqueViolation(err) {
				return ErrGroupExists.With("par: group "+g.Code, g.Code)
			}
			return fmt.Errorf("par: insert group: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "create", Entity: "par_group", EntityID: g.ID,
			After: map[string]any{"body_id": g.BodyID, "code": g.Code, "name": g.Name, "kinds": g.Kinds}})
	})
}

func groupCode(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// GroupByCode finds a group with its body.
func GroupByCode(ctx context.Context, db bun.IDB, code string) (*Group, error) {
	g := new(Group)
	err := db.NewSelect().Model(g).Relation("Body").Where("g.code = ?", strings.TrimSpace(code)).Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("par: group %q", code)
	}
	if err != nil {
		return nil, fmt.Errorf("par: group %q: %w", code, err)
	}
	return g, nil
}

// Groups lists the groups of the bodies inside root's subtree or above it
// (nil: every group), by body then position.
func Groups(ctx context.Context, db bun.IDB, root *units.Unit) ([]Group, error) {
	var gs []Group
	q := db.NewSelect().Model(&gs).Relation("Body").OrderExpr("body.path, g.position, g.code")
	if root != nil {
		q = q.Where("(body.path LIKE ? OR ? LIKE body.path || '%')", root.Path+"%", root.Path)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: groups: %w", err)
	}
	return gs, nil
}

// Members are the units a group holds: those of its kinds in its body's
// subtree (the body itself excluded), in tree order.
func Members(ctx context.Context, db bun.IDB, g *Group) ([]units.Unit, error) {
	body := g.Body
	if body == nil {
		var err error
		if body, err = units.Get(ctx, db, g.BodyID); err != nil {
			return nil, err
		}
	}
	all, err := units.Subtree(ctx, db, body)
	if err != nil {
		return nil, err
	}
	var out []units.Unit
	for _, u := range all {
		if u.ID == body.ID {
			continue
		}
		for _, k := range g.Kinds {
			// Only the units the body scores directly: not those of a body
			// below it (the city's departments under the province).
			if string(u.Kind) == k && u.ParentID == body.ID {
				out = append(out, u)
				break
			}
		}
	}
	return out, nil
}

func selectSet(db bun.IDB, s any) *bun.SelectQuery {
	return db.NewSelect().Model(s).Relation("Group").Relation("Group.Body")
}

// GetSet loads a set with its group and body.
func GetSet(ctx context.Context, db bun.IDB, id int64) (*Set, error) {
	s := new(Set)
	err := selectSet(db, s).Where("s.id = ?", id).Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("par: set %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("par: set %d: %w", id, err)
	}
	return s, nil
}

// lockSet loads a set for update, checking the version the caller read
// (0: do not check).
func lockSet(ctx context.Context, db bun.IDB, id int64, version int) (*Set, error) {
	s := new(Set)
	err := selectSet(db, s).Where("s.id = ?", id).For("UPDATE OF s").Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("par: set %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("par: lock set %d: %w", id, err)
	}
	if version != 0 && s.Version != version {
		return nil, ErrStale.With(fmt.Sprintf("par: set %d is at version %d, not %d", id, s.Version, version))
	}
	return s, nil
}

// SetOf finds a group's set of a year.
func SetOf(ctx context.Context, db bun.IDB, groupID int64, year int) (*Set, error) {
	s := new(Set)
	err := selectSet(db, s).Where("s.group_id = ? AND s.year = ?", groupID, year).Scan(ctx)
	if isNoRows(err) {
		return nil, errs.Missing("par: group %d year %d", groupID, year)
	}
	if err != nil {
		return nil, fmt.Errorf("par: set of group %d in %d: %w", groupID, year, err)
	}
	return s, nil
}

// SetFilter narrows Sets.
type SetFilter struct {
	Year int
	// Root keeps the sets of bodies inside its subtree or above it.
	Root *units.Unit
	// GroupCode keeps one group's sets.
	GroupCode string
	// Published keeps published sets only.
	Published bool
}

// Sets lists sets newest year first, then by body and group.
func Sets(ctx context.Context, db bun.IDB, f SetFilter) ([]Set, error) {
	var ss []Set
	q := selectSet(db, &ss).OrderExpr(`s.year DESC, "group__body".path, "group".position, "group".code`)
	if f.Year != 0 {
		q = q.Where("s.year = ?", f.Year)
	}
	if f.Root != nil {
		q = q.Where(`("group__body".path LIKE ? OR ? LIKE "group__body".path || '%')`, f.Root.Path+"%", f.Root.Path)
	}
	if f.GroupCode != "" {
		q = q.Where(`"group".code = ?`, f.GroupCode)
	}
	if f.Published {
		q = q.Where("s.state = ?", StatePublished)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: sets: %w", err)
	}
	return ss, nil
}

// LoadTree loads a set's items as a tree.
func LoadTree(ctx context.Context, db bun.IDB, s *Set) (*Tree, error) {
	var items []*Item
	if err := db.NewSelect().Model(&items).Where("set_id = ?", s.ID).Order("position").Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: items of set %d: %w", s.ID, err)
	}
	t := &Tree{Set: s, byID: make(map[int64]*Item, len(items))}
	for _, it := range items {
		t.byID[it.ID] = it
	}
	for _, it := range items {
		if p := t.byID[it.ParentID]; p != nil {
			it.Parent = p
			p.Children = append(p.Children, it)
		} else {
			t.Areas = append(t.Areas, it)
		}
	}
	for _, it := range items {
		if it.Leaf() {
			t.Leaves = append(t.Leaves, it)
		}
	}
	return t, nil
}
