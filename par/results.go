package par

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/vn"
	"cchc/units"
)

// Line is one scored component of a unit's card.
type Line struct {
	Item     *Item
	Score    Score
	Evidence []Evidence
	// Figure is what a computed component was computed from.
	Figure Figure
	// Computed are the points computed from Figure (computed components).
	Computed Points
	// Claimed are the unit's points before appraisal: its own score, the
	// computed points, the survey points.
	Claimed Points
	// Final are the points that count: the appraised score where there is
	// one, else the claimed points.
	Final Points
	// Scored: a self-scored component the unit has scored.
	Scored bool
}

// AreaScore is a unit's points in one area, beside the group's average.
type AreaScore struct {
	Item         *Item
	Claimed      Points
	Final        Points
	GroupAverage Points
}

// Card is a unit's assessment with its points: each component, each area,
// the totals, class, rank and change against last year.
type Card struct {
	Set        *Set
	Assessment *Assessment
	Unit       units.Unit
	Lines      []*Line
	byItem     map[int64]*Line
	Areas      []AreaScore
	// Self is the self-assessed total (the unit's scores with the computed
	// and survey points); Final the total that counts; Max the set's.
	Self, Final, Max Points
	// Scored of ToScore self-scored components have a score.
	Scored, ToScore int
	Missing         Missing
	Class           string
	// Rank within the group (ties share a rank); provisional before
	// publication.
	Rank int
	// Change against the unit's published final score of the year before;
	// nil when there is none.
	Change *Points
	Late   bool
}

// Line is the line of an item (nil for an area, a criterion with
// components, or another set's item).
func (c *Card) Line(itemID int64) *Line { return c.byItem[itemID] }

// ItemFinal is the final points of any item: a leaf's, or the sum below.
func (c *Card) ItemFinal(it *Item) Points {
	if l := c.byItem[it.ID]; l != nil {
		return l.Final
	}
	var s Points
	for _, ch := range it.Children {
		s += c.ItemFinal(ch)
	}
	return s
}

// ItemClaimed is the claimed points of any item.
func (c *Card) ItemClaimed(it *Item) Points {
	if l := c.byItem[it.ID]; l != nil {
		return l.Claimed
	}
	var s Points
	for _, ch := range it.Children {
		s += c.ItemClaimed(ch)
	}
	return s
}

type resultRow struct {
	bun.BaseModel `bun:"table:par_results"`

	SetID  int64       `bun:"set_id,pk"`
	UnitID int64       `bun:"unit_id,pk"`
	Self   Points      `bun:"self_total"`
	Final  Points      `bun:"final"`
	Max    Points      `bun:"max_total"`
	Class  string      `bun:"class"`
	Rank   int         `bun:"rank"`
	Areas  []areaFinal `bun:"areas,type:jsonb"`
}

type areaFinal struct {
	ItemID int64  `json:"item_id"`
	Final  Points `json:"final"`
}

// Cards computes the card of every unit of a set (in unit tree order):
// live before publication (computed points as the feeds give them today,
// provisional ranks), frozen after.
func Cards(ctx context.Context, db bun.IDB, s *Set, feeds Feeds, today civil.Date) (*Tree, []*Card, error) {
	t, err := LoadTree(ctx, db, s)
	if err != nil {
		return nil, nil, err
	}
	as, err := Assessments(ctx, db, s.ID)
	if err != nil {
		return nil, nil, err
	}
	cards, err := cardsOf(ctx, db, t, as, feeds, today)
	return t, cards, err
}

func cardsOf(ctx context.Context, db bun.IDB, t *Tree, as []Assessment, feeds Feeds, today civil.Date) ([]*Card, error) {
	s := t.Set
	var scores []*Score
	if err := db.NewSelect().Model(&scores).Where("assessment_id IN (SELECT id FROM par_assessments WHERE set_id = ?)", s.ID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: scores of set %d: %w", s.ID, err)
	}
	byA := map[int64]map[int64]*Score{}
	for _, sc := range scores {
		if byA[sc.AssessmentID] == nil {
			byA[sc.AssessmentID] = map[int64]*Score{}
		}
		byA[sc.AssessmentID][sc.ItemID] = sc
	}
	var evs []Evidence
	if err := db.NewSelect().Model(&evs).ExcludeColumn("data").Where("assessment_id IN (SELECT id FROM par_assessments WHERE set_id = ?)", s.ID).Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("par: evidence of set %d: %w", s.ID, err)
	}
	evBy := map[int64]map[int64][]Evidence{}
	for _, e := range evs {
		if evBy[e.AssessmentID] == nil {
			evBy[e.AssessmentID] = map[int64][]Evidence{}
		}
		evBy[e.AssessmentID][e.ItemID] = append(evBy[e.AssessmentID][e.ItemID], e)
	}
	us := make([]units.Unit, len(as))
	for i := range as {
		us[i] = *as[i].Unit
	}
	var comp *computation
	if !s.Published() {
		var err error
		if comp, err = compute(ctx, db, t, feeds, us, today); err != nil {
			return nil, err
		}
	}
	cards := make([]*Card, len(as))
	for i := range as {
		a := &as[i]
		c := &Card{Set: s, Assessment: a, Unit: *a.Unit, byItem: map[int64]*Line{}, Max: s.Total, Late: a.Late(s, today)}
		sc := byA[a.ID]
		for _, it := range t.Leaves {
			l := &Line{Item: it, Evidence: evBy[a.ID][it.ID]}
			if x := sc[it.ID]; x != nil {
				l.Score = *x
			}
			switch it.Method {
			case MethodSelf:
				c.ToScore++
				if l.Score.Self != nil {
					l.Scored = true
					c.Scored++
					l.Claimed = *l.Score.Self
				}
			case MethodComputed:
				if comp != nil {
					l.Computed, l.Figure = comp.points(it, a.UnitID)
				} else {
					if l.Score.Computed != nil {
						l.Computed = *l.Score.Computed
					}
					l.Figure = noteFigure(l.Score.ComputedNote)
				}
				l.Claimed = l.Computed
			case MethodSurvey:
				if l.Score.Survey != nil {
					l.Claimed = *l.Score.Survey
				}
			}
			l.Final = l.Claimed
			if l.Score.Appraised != nil && it.Method != MethodSurvey {
				l.Final = *l.Score.Appraised
			}
			c.Self += l.Claimed
			c.Final += l.Final
			c.Lines = append(c.Lines, l)
			c.byItem[it.ID] = l
		}
		c.Missing = MissingOf(t, sc, evBy[a.ID])
		for _, area := range t.Areas {
			c.Areas = append(c.Areas, AreaScore{Item: area, Claimed: c.ItemClaimed(area), Final: c.ItemFinal(area)})
		}
		c.Class = ClassOf(s.Bands, c.Final)
		cards[i] = c
	}
	rank(cards)
	if s.Published() {
		var rs []resultRow
		if err := db.NewSelect().Model(&rs).Where("set_id = ?", s.ID).Scan(ctx); err != nil {
			return nil, fmt.Errorf("par: results of set %d: %w", s.ID, err)
		}
		byUnit := map[int64]resultRow{}
		for _, r := range rs {
			byUnit[r.UnitID] = r
		}
		for _, c := range cards {
			if r, ok := byUnit[c.Unit.ID]; ok {
				c.Rank, c.Class, c.Final, c.Self = r.Rank, r.Class, r.Final, r.Self
			}
		}
	}
	for i := range t.Areas {
		var sum int64
		for _, c := range cards {
			sum += int64(c.Areas[i].Final)
		}
		avg := Points(0)
		if len(cards) > 0 {
			avg = Points((2*sum/int64(len(cards)) + 1) / 2)
		}
		for _, c := range cards {
			c.Areas[i].GroupAverage = avg
		}
	}
	if err := changes(ctx, db, s.Year, cards); err != nil {
		return nil, err
	}
	return cards, nil
}

// rank ranks cards by final score within the set: ties share a rank (1,
// 2, 2, 4).
func rank(cards []*Card) {
	order := slices.Clone(cards)
	sortRanked(order)
	for i, c := range order {
		if i > 0 && c.Final == order[i-1].Final {
			c.Rank = order[i-1].Rank
		} else {
			c.Rank = i + 1
		}
	}
}

// sortRanked orders cards by score, highest first, then by name in
// Vietnamese order.
func sortRanked(cards []*Card) {
	vn.SortFunc(cards, func(c *Card) string { return c.Unit.Name }, func(a, b *Card) int { return int(b.Final - a.Final) })
}

// changes sets each card's change against the unit's published final
// score of the year before.
func changes(ctx context.Context, db bun.IDB, year int, cards []*Card) error {
	if len(cards) == 0 {
		return nil
	}
	ids := make([]int64, len(cards))
	for i, c := range cards {
		ids[i] = c.Unit.ID
	}
	var prev []struct {
		UnitID int64  `bun:"unit_id"`
		Final  Points `bun:"final"`
	}
	err := db.NewRaw(`SELECT DISTINCT ON (r.unit_id) r.unit_id, r.final FROM par_results r JOIN par_sets s ON s.id = r.set_id
		WHERE s.year = ? AND s.state = 'published' AND r.unit_id IN (?) ORDER BY r.unit_id, s.id DESC`, year-1, bun.List(ids)).Scan(ctx, &prev)
	if err != nil {
		return fmt.Errorf("par: last year's results: %w", err)
	}
	last := map[int64]Points{}
	for _, p := range prev {
		last[p.UnitID] = p.Final
	}
	for _, c := range cards {
		if p, ok := last[c.Unit.ID]; ok {
			d := c.Final - p
			c.Change = &d
		}
	}
	return nil
}

// Publish freezes and publishes a set's results: every assessment must be
// final. The computed points are frozen with their figures, and each
// unit's totals, class, rank and area points are kept.
func Publish(ctx context.Context, db bun.IDB, setID int64, version int, feeds Feeds, decisionNumber string, by int64, at time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSet(ctx, tx, setID, version)
		if err != nil {
			return err
		}
		if s.State != StateAssessing && s.State != StateAppraising {
			return invalid("state", "par.set_not_publishable")
		}
		t, err := LoadTree(ctx, tx, s)
		if err != nil {
			return err
		}
		as, err := Assessments(ctx, tx, s.ID)
		if err != nil {
			return err
		}
		var pending []string
		for _, a := range as {
			if a.State != AssessmentFinal {
				pending = append(pending, a.Unit.Name)
			}
		}
		if len(pending) > 0 {
			more := ""
			if len(pending) > 5 {
				pending, more = pending[:5], ", …"
			}
			return invalid("state", "par.publish_pending", len(as)-countFinal(as), strings.Join(pending, ", ")+more)
		}
		cards, err := cardsOf(ctx, tx, t, as, feeds, civil.In(at))
		if err != nil {
			return err
		}
		var frozen []*Score
		var results []*resultRow
		for _, c := range cards {
			for _, l := range c.Lines {
				if l.Item.Method != MethodComputed {
					continue
				}
				sc := l.Score
				sc.AssessmentID, sc.ItemID = c.Assessment.ID, l.Item.ID
				pts := l.Computed
				sc.Computed, sc.ComputedNote = &pts, figureNote(l.Figure)
				frozen = append(frozen, &sc)
			}
			r := &resultRow{SetID: s.ID, UnitID: c.Unit.ID, Self: c.Self, Final: c.Final, Max: c.Max, Class: c.Class, Rank: c.Rank}
			for _, a := range c.Areas {
				r.Areas = append(r.Areas, areaFinal{ItemID: a.Item.ID, Final: a.Final})
			}
			results = append(results, r)
		}
		if err := saveScores(ctx, tx, frozen); err != nil {
			return err
		}
		if len(results) > 0 {
			if _, err := tx.NewInsert().Model(&results).Exec(ctx); err != nil {
				return fmt.Errorf("par: keep results: %w", err)
			}
		}
		before := s.auditView()
		s.State, s.PublishedAt, s.PublishedBy, s.DecisionNumber = StatePublished, at, by, vn.OneLine(decisionNumber)
		s.Version++
		if _, err := tx.NewUpdate().Model(s).Column("state", "published_at", "published_by", "decision_number", "version").
			Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("par: publish set %d: %w", s.ID, err)
		}
		after := s.auditView()
		after["units"] = len(cards)
		return audit.Record(ctx, tx, audit.Change{Action: "publish", Entity: "par_set", EntityID: s.ID, Before: before, After: after})
	})
}

func countFinal(as []Assessment) int {
	n := 0
	for _, a := range as {
		if a.State == AssessmentFinal {
			n++
		}
	}
	return n
}

// Ranked returns the cards in rank order (ties by Vietnamese name).
func Ranked(cards []*Card) []*Card {
	out := slices.Clone(cards)
	slices.SortStableFunc(out, func(a, b *Card) int {
		if a.Rank != b.Rank {
			return a.Rank - b.Rank
		}
		return vn.Compare(a.Unit.Name, b.Unit.Name)
	})
	return out
}

// CardOf computes one unit's card alone (its rank and the group's averages
// are not meaningful: use Cards for those).
func CardOf(ctx context.Context, db bun.IDB, s *Set, a *Assessment, feeds Feeds, today civil.Date) (*Tree, *Card, error) {
	t, err := LoadTree(ctx, db, s)
	if err != nil {
		return nil, nil, err
	}
	cards, err := cardsOf(ctx, db, t, []Assessment{*a}, feeds, today)
	if err != nil {
		return nil, nil, err
	}
	return t, cards[0], nil
}
