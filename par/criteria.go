package par

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/annex"
	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/units"
)

// Limits on what a criteria set holds.
const (
	maxTitle    = 1000
	maxGuidance = 4000
	maxItems    = 1000
)

// Criteria is a criteria set as read from a workbook (ReadCriteria) or
// built by a trusted caller: the tree InsertSet and ReplaceCriteria write.
type Criteria struct {
	Title string
	// Total is the stated total (the workbook's "Tổng điểm" row); 0 means
	// the sum of the areas.
	Total Points
	// TotalRow is the workbook row stating the total, for its error.
	TotalRow int
	Areas    []*Node
}

// Node is an area, a criterion or a component of Criteria.
type Node struct {
	Row    int // the workbook row, 0 when built in code
	Number string
	Title  string
	// Max is the stated maximum; for an area or a criterion with children
	// an unstated (zero, HasMax false) one is the sum of the children's.
	Max      Points
	HasMax   bool
	Guidance string
	Evidence bool
	Rule     Rule
	Children []*Node
}

// Sum is the node's maximum: its own for a leaf, else its children's sum.
func (n *Node) Sum() Points {
	if len(n.Children) == 0 {
		return n.Max
	}
	var s Points
	for _, c := range n.Children {
		s += c.Sum()
	}
	return s
}

// Sum is the set's points: the areas' sum.
func (c *Criteria) Sum() Points {
	var s Points
	for _, a := range c.Areas {
		s += a.Sum()
	}
	return s
}

// Counts are the criteria and the leaves (scored components).
func (c *Criteria) Counts() (criteria, leaves int) {
	for _, a := range c.Areas {
		criteria += len(a.Children)
		for _, cr := range a.Children {
			if len(cr.Children) == 0 {
				leaves++
			}
			leaves += len(cr.Children)
		}
	}
	return criteria, leaves
}

// Check validates the tree: titles, levels (an area holds criteria, a
// criterion components or points of its own), every stated maximum equal to
// its children's sum, and the stated total to the areas' sum. Every fault
// is a row error (row 0 for a tree built in code).
func (c *Criteria) Check() annex.Errors {
	var es annex.Errors
	add := func(row int, col string, text string, key string, args ...any) {
		es = append(es, annex.RowError{Row: row, Column: col, Text: text, Reason: i18n.M(key, args...)})
	}
	if len(c.Areas) == 0 {
		add(0, "", "", "par.no_area")
		return es
	}
	n := 0
	var walk func(nodes []*Node, depth int)
	walk = func(nodes []*Node, depth int) {
		for _, x := range nodes {
			n++
			if x.Title == "" {
				add(x.Row, ColTitle, x.Number, "par.title_required")
			}
			if utf8.RuneCountInString(x.Title) > maxTitle {
				add(x.Row, ColTitle, "", "par.title_long", maxTitle)
			}
			if utf8.RuneCountInString(x.Guidance) > maxGuidance {
				add(x.Row, ColGuidance, "", "par.guidance_long", maxGuidance)
			}
			switch {
			case depth == 0 && len(x.Children) == 0:
				add(x.Row, ColNumber, x.Number, "par.area_empty")
			case len(x.Children) == 0 && !x.HasMax:
				add(x.Row, ColMax, x.Number, "par.max_required")
			case len(x.Children) > 0 && x.HasMax && x.Max != x.Sum():
				add(x.Row, ColMax, "", "par.max_not_sum", x.Number, x.Max.String(), x.Sum().String())
			}
			if len(x.Children) > 0 && (x.Rule.Method != MethodSelf && x.Rule.Method != "" || x.Evidence) {
				add(x.Row, ColRule, x.Number, "par.rule_on_parent")
			}
			for _, s := range x.Rule.Steps {
				if s.Points > x.Max {
					add(x.Row, ColRule, x.Rule.Text(), "par.rule_step_over_max", Points(s.From).String()+"%", x.Max.String())
					break
				}
			}
			walk(x.Children, depth+1)
		}
	}
	walk(c.Areas, 0)
	if n > maxItems {
		add(0, "", "", "par.too_many_items", maxItems)
	}
	if c.Total != 0 && c.Total != c.Sum() {
		add(c.TotalRow, ColMax, "", "par.total_not_sum", c.Total.String(), c.Sum().String())
	}
	if c.Sum() <= 0 {
		add(c.TotalRow, ColMax, "", "par.total_zero")
	}
	return es
}

// criteriaOf turns a stored tree back into Criteria (clone, export).
func criteriaOf(t *Tree) *Criteria {
	c := &Criteria{Title: t.Set.Title, Total: t.Set.Total}
	var conv func(items []*Item) []*Node
	conv = func(items []*Item) []*Node {
		out := make([]*Node, 0, len(items))
		for _, it := range items {
			out = append(out, &Node{Number: it.Number, Title: it.Title, Max: it.Max, HasMax: true, Guidance: it.Guidance,
				Evidence: it.EvidenceRequired, Rule: it.Rule(), Children: conv(it.Children)})
		}
		return out
	}
	c.Areas = conv(t.Areas)
	return c
}

// CriteriaOf is a set's criteria as a tree of nodes.
func CriteriaOf(ctx context.Context, db bun.IDB, s *Set) (*Criteria, error) {
	t, err := LoadTree(ctx, db, s)
	if err != nil {
		return nil, err
	}
	return criteriaOf(t), nil
}

// insertItems writes c's nodes under set in pre-order.
func insertItems(ctx context.Context, db bun.IDB, setID int64, c *Criteria) (int, error) {
	pos := 0
	var write func(nodes []*Node, parent int64, depth int) error
	write = func(nodes []*Node, parent int64, depth int) error {
		for _, n := range nodes {
			pos++
			level := []Level{LevelArea, LevelCriterion, LevelComponent}[min(depth, 2)]
			it := &Item{SetID: setID, ParentID: parent, Level: level, Position: pos, Number: vn.OneLine(n.Number),
				Title: vn.Clean(n.Title), Max: n.Sum(), Guidance: vn.Clean(n.Guidance), EvidenceRequired: n.Evidence && len(n.Children) == 0,
				Method: MethodSelf}
			if len(n.Children) == 0 {
				it.Method, it.Source, it.SourceRef, it.Steps = n.Rule.Method, n.Rule.Source, n.Rule.Ref, n.Rule.Steps
				if it.Method == "" {
					it.Method = MethodSelf
				}
			}
			if _, err := db.NewInsert().Model(it).Returning("id").Exec(ctx); err != nil {
				return fmt.Errorf("par: insert item %s: %w", it.Number, err)
			}
			if err := write(n.Children, it.ID, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	err := write(c.Areas, 0, 0)
	return pos, err
}

// NewSet is what InsertSet needs besides the criteria.
type NewSet struct {
	GroupID    int64
	Year       int
	Bands      []Band // nil: DefaultBands
	AnswerDays int    // 0: 5
}

// InsertSet creates a group's draft criteria set for a year from c, which
// must pass Check (its errors are returned otherwise, nothing written).
func InsertSet(ctx context.Context, db bun.IDB, in NewSet, c *Criteria) (*Set, error) {
	if es := c.Check(); len(es) > 0 {
		return nil, es
	}
	if in.Year < 2000 || in.Year > 2100 {
		return nil, invalid("year", "par.year_range")
	}
	s := &Set{GroupID: in.GroupID, Year: in.Year, Title: vn.OneLine(c.Title), Total: c.Sum(), State: StateDraft,
		AnswerDays: in.AnswerDays, Bands: in.Bands, Version: 1}
	if s.Title == "" {
		s.Title = DefaultTitle(in.Year)
	}
	if s.AnswerDays == 0 {
		s.AnswerDays = 5
	}
	if s.Bands == nil {
		s.Bands = DefaultBands(s.Total)
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(s).ExcludeColumn("created_at", "updated_at").Returning("*").Exec(ctx); err != nil {
			if database.IsUniqueViolation(err) {
				return ErrSetExists.With(fmt.Sprintf("par: group %d has a set for %d", in.GroupID, in.Year), in.Year)
			}
			return fmt.Errorf("par: insert set: %w", err)
		}
		n, err := insertItems(ctx, tx, s.ID, c)
		if err != nil {
			return err
		}
		after := s.auditView()
		after["items"] = n
		return audit.Record(ctx, tx, audit.Change{Action: "create", Entity: "par_set", EntityID: s.ID, After: after})
	})
	if err != nil {
		return nil, err
	}
	return GetSet(ctx, db, s.ID)
}

// DefaultTitle names a year's criteria set.
func DefaultTitle(year int) string {
	return fmt.Sprintf("Bộ chỉ số đánh giá kết quả cải cách hành chính năm %d", year)
}

// ReplaceCriteria replaces a draft set's whole tree with c (an imported
// workbook), all or nothing.
func ReplaceCriteria(ctx context.Context, db bun.IDB, setID int64, version int, c *Criteria) (*Set, error) {
	if es := c.Check(); len(es) > 0 {
		return nil, es
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSet(ctx, tx, setID, version)
		if err != nil {
			return err
		}
		if err := s.Editable(); err != nil {
			return err
		}
		before, oldTotal := s.auditView(), s.Total
		if _, err := tx.NewDelete().Model((*Item)(nil)).Where("set_id = ?", setID).Exec(ctx); err != nil {
			return fmt.Errorf("par: clear items: %w", err)
		}
		n, err := insertItems(ctx, tx, setID, c)
		if err != nil {
			return err
		}
		s.Total = c.Sum()
		if t := vn.OneLine(c.Title); t != "" {
			s.Title = t
		}
		s.Bands = rescaleBands(s.Bands, oldTotal, s.Total)
		s.Version++
		if _, err := tx.NewUpdate().Model(s).Column("title", "total_points", "bands", "version").Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("par: update set: %w", err)
		}
		after := s.auditView()
		after["items"] = n
		return audit.Record(ctx, tx, audit.Change{Action: "import", Entity: "par_set", EntityID: s.ID, Before: before, After: after})
	})
	if err != nil {
		return nil, err
	}
	return GetSet(ctx, db, setID)
}

// rescaleBands keeps the default bands proportional when a set's total
// changes; bands a province set itself stay.
func rescaleBands(bands []Band, from, to Points) []Band {
	if from == to || !slices.Equal(bands, DefaultBands(from)) {
		return bands
	}
	return DefaultBands(to)
}

var yearRe = regexp.MustCompile(`\b(19|20)\d\d\b`)

// CloneSet copies a set's criteria, bands and answer window into a new
// draft set of the same group for year (the years in its title moved).
func CloneSet(ctx context.Context, db bun.IDB, from *Set, year int) (*Set, error) {
	t, err := LoadTree(ctx, db, from)
	if err != nil {
		return nil, err
	}
	c := criteriaOf(t)
	shift := year - from.Year
	c.Title = yearRe.ReplaceAllStringFunc(c.Title, func(y string) string {
		var n int
		fmt.Sscan(y, &n)
		return fmt.Sprint(n + shift)
	})
	return InsertSet(ctx, db, NewSet{GroupID: from.GroupID, Year: year, Bands: from.Bands, AnswerDays: from.AnswerDays}, c)
}

// ItemEdit is a change to one item of a draft set.
type ItemEdit struct {
	Title    string
	Guidance string
	Evidence bool
	// Max and Rule apply to leaves only.
	Max  Points
	Rule Rule
}

// UpdateItem changes an item of a draft set; the maxima above a changed
// leaf and the set's total follow. setVersion is the set's version the
// editor read.
func UpdateItem(ctx context.Context, db bun.IDB, itemID int64, setVersion int, in ItemEdit) error {
	in.Title, in.Guidance = vn.Clean(in.Title), vn.Clean(in.Guidance)
	switch {
	case in.Title == "":
		return invalid("title", "par.title_required")
	case utf8.RuneCountInString(in.Title) > maxTitle:
		return invalid("title", "par.title_long", maxTitle)
	case utf8.RuneCountInString(in.Guidance) > maxGuidance:
		return invalid("guidance", "par.guidance_long", maxGuidance)
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		it := new(Item)
		if err := tx.NewSelect().Model(it).Where("id = ?", itemID).Scan(ctx); err != nil {
			if isNoRows(err) {
				return errs.Missing("par: item %d", itemID)
			}
			return fmt.Errorf("par: item %d: %w", itemID, err)
		}
		s, err := lockSet(ctx, tx, it.SetID, setVersion)
		if err != nil {
			return err
		}
		if err := s.Editable(); err != nil {
			return err
		}
		t, err := LoadTree(ctx, tx, s)
		if err != nil {
			return err
		}
		node := t.Item(itemID)
		before := map[string]any{"title": node.Title, "guidance": node.Guidance, "evidence_required": node.EvidenceRequired,
			"max": node.Max, "rule": node.Rule().Text()}
		node.Title, node.Guidance = in.Title, in.Guidance
		if node.Leaf() {
			for _, st := range in.Rule.Steps {
				if st.Points > in.Max {
					return invalid("rule", "par.rule_step_over_max", Points(st.From).String()+"%", in.Max.String())
				}
			}
			if in.Rule.Method == MethodComputed && in.Rule.Source == "" {
				return invalid("source", "par.source_required")
			}
			if in.Rule.Source == SourceIndicator && !groupCode(in.Rule.Ref) {
				return invalid("source_ref", "par.indicator_required")
			}
			if in.Rule.Method == "" {
				in.Rule.Method = MethodSelf
			}
			if in.Rule.Method != MethodComputed {
				in.Rule = Rule{Method: in.Rule.Method}
			}
			node.EvidenceRequired = in.Evidence
			node.Max = in.Max
			node.Method, node.Source, node.SourceRef, node.Steps = in.Rule.Method, in.Rule.Source, in.Rule.Ref, in.Rule.Steps
		}
		if _, err := tx.NewUpdate().Model(node).Column("title", "guidance", "evidence_required", "max_points", "method", "source", "source_ref", "steps").
			WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("par: update item: %w", err)
		}
		// The maxima above follow the leaf.
		for p := node.Parent; p != nil; p = p.Parent {
			var sum Points
			for _, c := range p.Children {
				sum += c.Max
			}
			p.Max = sum
			if _, err := tx.NewUpdate().Model(p).Column("max_points").WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("par: update item: %w", err)
			}
		}
		var total Points
		for _, a := range t.Areas {
			total += a.Max
		}
		oldTotal := s.Total
		s.Total = total
		s.Bands = rescaleBands(s.Bands, oldTotal, total)
		s.Version++
		if _, err := tx.NewUpdate().Model(s).Column("total_points", "bands", "version").Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("par: update set: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "update", Entity: "par_item", EntityID: itemID, Before: before,
			After: map[string]any{"title": node.Title, "guidance": node.Guidance, "evidence_required": node.EvidenceRequired,
				"max": node.Max, "rule": node.Rule().Text(), "set_total": total}})
	})
}

// Settings are a set's window, answer days and bands.
type Settings struct {
	SelfFrom, SelfTo civil.Date
	AnswerDays       int
	Bands            []Band
}

func (in Settings) check() error {
	switch {
	case in.SelfFrom.IsZero():
		return invalid("self_from", "par.window_required")
	case in.SelfTo.IsZero():
		return invalid("self_to", "par.window_required")
	case in.SelfTo.Before(in.SelfFrom):
		return invalid("self_to", "par.window_order")
	case in.AnswerDays < 1 || in.AnswerDays > 60:
		return invalid("answer_days", "par.answer_days_range")
	}
	return checkBands(in.Bands)
}

func checkBands(bs []Band) error {
	if len(bs) == 0 {
		return invalid("bands", "par.bands_required")
	}
	for i, b := range bs {
		if b.Name == "" {
			return invalid("bands", "par.band_name_required")
		}
		if i > 0 && b.From >= bs[i-1].From {
			return invalid("bands", "par.bands_order")
		}
	}
	if bs[len(bs)-1].From != 0 {
		return invalid("bands", "par.bands_lowest")
	}
	return nil
}

// ParseBands reads "Xuất sắc: 90; Tốt: 80; Khá: 70; Trung bình: 50; Yếu: 0"
// (or one band per line), highest first.
func ParseBands(s string) ([]Band, error) {
	var out []Band
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		part = vn.OneLine(part)
		if part == "" {
			continue
		}
		i := strings.LastIndexAny(part, ":=")
		if i < 0 {
			return nil, invalid("bands", "par.band_invalid", part)
		}
		p, ok := ParsePoints(strings.TrimSpace(part[i+1:]))
		if !ok {
			return nil, invalid("bands", "par.band_invalid", part)
		}
		out = append(out, Band{Name: strings.TrimSpace(part[:i]), From: p})
	}
	slices.SortStableFunc(out, func(a, b Band) int { return int(b.From - a.From) })
	if err := checkBands(out); err != nil {
		return nil, err
	}
	return out, nil
}

// BandsText writes bands as ParseBands reads them.
func BandsText(bs []Band) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.Name + ": " + b.From.String()
	}
	return strings.Join(parts, "; ")
}

// Configure sets the window, the answer days and the bands of a set not yet
// published (the window may be moved while units assess).
func Configure(ctx context.Context, db bun.IDB, setID int64, version int, in Settings) (*Set, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSet(ctx, tx, setID, version)
		if err != nil {
			return err
		}
		if s.Published() {
			return invalid("state", "par.set_published")
		}
		before := s.auditView()
		s.SelfFrom, s.SelfTo, s.AnswerDays, s.Bands = in.SelfFrom, in.SelfTo, in.AnswerDays, in.Bands
		s.Version++
		if _, err := tx.NewUpdate().Model(s).Column("self_from", "self_to", "answer_days", "bands", "version").Set("updated_at = now()").
			WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("par: configure set: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "configure", Entity: "par_set", EntityID: s.ID, Before: before, After: s.auditView()})
	})
	if err != nil {
		return nil, err
	}
	return GetSet(ctx, db, setID)
}

// Open starts the self-assessment of a draft set whose window is set: an
// assessment for every member of the group. It returns them, for the
// notices.
func Open(ctx context.Context, db bun.IDB, setID int64, version int) ([]Assessment, error) {
	var out []Assessment
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSet(ctx, tx, setID, version)
		if err != nil {
			return err
		}
		if err := s.Editable(); err != nil {
			return err
		}
		if s.SelfFrom.IsZero() || s.SelfTo.IsZero() {
			return invalid("self_to", "par.window_required")
		}
		members, err := Members(ctx, tx, s.Group)
		if err != nil {
			return err
		}
		if len(members) == 0 {
			return invalid("group", "par.group_empty", s.Group.Name)
		}
		before := s.auditView()
		s.State = StateAssessing
		s.Version++
		if _, err := tx.NewUpdate().Model(s).Column("state", "version").Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("par: open set: %w", err)
		}
		for _, u := range members {
			a := Assessment{SetID: s.ID, UnitID: u.ID, State: AssessmentDraft, Version: 1}
			if _, err := tx.NewInsert().Model(&a).ExcludeColumn("updated_at").Returning("id").Exec(ctx); err != nil {
				return fmt.Errorf("par: open assessment of %s: %w", u.Code, err)
			}
			out = append(out, a)
		}
		after := s.auditView()
		after["assessments"] = len(members)
		return audit.Record(ctx, tx, audit.Change{Action: "open", Entity: "par_set", EntityID: s.ID, Before: before, After: after})
	})
	return out, err
}

// CloseSelfAssessment ends the self-assessment of an assessing set: no
// more scores nor submissions; the group appraises every unit, those that
// never submitted included.
func CloseSelfAssessment(ctx context.Context, db bun.IDB, setID int64, version int) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSet(ctx, tx, setID, version)
		if err != nil {
			return err
		}
		if s.State != StateAssessing {
			return invalid("state", "par.set_not_assessing")
		}
		before := s.auditView()
		s.State = StateAppraising
		s.Version++
		if _, err := tx.NewUpdate().Model(s).Column("state", "version").Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("par: close self-assessment: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "close_self_assessment", Entity: "par_set", EntityID: s.ID, Before: before, After: s.auditView()})
	})
}

// SetAppraisers replaces the appraisal group of a set.
func SetAppraisers(ctx context.Context, db bun.IDB, setID int64, userIDs []int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSet(ctx, tx, setID, 0)
		if err != nil {
			return err
		}
		if s.Published() {
			return invalid("state", "par.set_published")
		}
		before, err := AppraiserIDs(ctx, tx, setID)
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw("DELETE FROM par_appraisers WHERE set_id = ?", setID).Exec(ctx); err != nil {
			return fmt.Errorf("par: clear appraisers: %w", err)
		}
		ids := slices.Compact(slices.Sorted(slices.Values(userIDs)))
		for _, id := range ids {
			if _, err := tx.NewRaw("INSERT INTO par_appraisers (set_id, user_id) VALUES (?, ?)", setID, id).Exec(ctx); err != nil {
				if database.IsForeignKeyViolation(err) {
					return invalid("appraisers", "par.appraiser_unknown")
				}
				return fmt.Errorf("par: add appraiser: %w", err)
			}
		}
		return audit.Record(ctx, tx, audit.Change{Action: "appraisers", Entity: "par_set", EntityID: setID,
			Before: map[string]any{"appraisers": before}, After: map[string]any{"appraisers": ids}})
	})
}

// AppraiserIDs are the user ids of a set's appraisal group.
func AppraiserIDs(ctx context.Context, db bun.IDB, setID int64) ([]int64, error) {
	ids := []int64{}
	if err := db.NewRaw("SELECT user_id FROM par_appraisers WHERE set_id = ? ORDER BY user_id", setID).Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("par: appraisers of %d: %w", setID, err)
	}
	return ids, nil
}

// Appraisers are the users of a set's appraisal group, with their units,
// by unit then name.
func Appraisers(ctx context.Context, db bun.IDB, setID int64) ([]accounts.User, error) {
	var us []accounts.User
	err := db.NewSelect().Model(&us).ModelTableExpr("users AS u").ColumnExpr("u.*").
		Join("JOIN units AS un ON un.id = u.unit_id").
		Where("u.id IN (SELECT user_id FROM par_appraisers WHERE set_id = ?)", setID).OrderExpr("un.path, u.name").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("par: appraisers of %d: %w", setID, err)
	}
	ids := make([]int64, len(us))
	for i, u := range us {
		ids[i] = u.UnitID
	}
	byID, err := units.ByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	for i := range us {
		u := byID[us[i].UnitID]
		us[i].Unit = &u
	}
	return us, nil
}

// IsAppraiser reports whether the user is in the set's appraisal group.
func IsAppraiser(ctx context.Context, db bun.IDB, setID, userID int64) (bool, error) {
	n, err := db.NewSelect().Table("par_appraisers").Where("set_id = ? AND user_id = ?", setID, userID).Count(ctx)
	if err != nil {
		return false, fmt.Errorf("par: appraiser: %w", err)
	}
	return n > 0, nil
}
