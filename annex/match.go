package annex

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/uptrace/bun"

	"cchc/internal/i18n"
	"cchc/internal/vn"
	"cchc/units"
)

// A Matcher resolves unit names as an annex writes them to the units of one
// subtree: the importing unit and every unit below it. Build one per import
// with NewMatcher; it is safe for concurrent use.
//
// A name is looked up in four steps; the first step that finds anything
// decides, and more than one unit found is an ambiguity (an error naming the
// candidates), never a guess:
//
//  1. the admin's aliases (AddAlias), exactly (by Key);
//  2. unit names, exactly (by Key: case, NFC/NFD, old and new tone placement
//     "Uỷ"/"Ủy", spaces, punctuation, "và"/"&" and the abbreviations UBND,
//     HĐND, UB, MTTQ, TP, VP, TX, X., Q., H., CCHC do not matter; the
//     ambiguous "P." (Phòng or Phường) and "TT" (Trung tâm or Thị trấn) are
//     read every way);
//  3. the short forms of either side: without a leading "Phòng", "Sở" or
//     "UBND" (and after "UBND" without the kind word: "UBND phường Hòa An",
//     "Phường Hòa An", "Hòa An"), without the trailing locality of an
//     ancestor ("Sở Tư pháp" for "Sở Tư pháp tỉnh Đông Giang"), and "UBND
//     thành phố" (the kind word alone) for the importing unit itself; a
//     short form of the written name is compared with full unit names and
//     the written name with the short forms of unit names, never short form
//     with short form, so "Phòng Tư pháp" never finds "Sở Tư pháp";
//  4. acronyms: "Phòng TC-KH", "Phòng LĐ-TB&XH", "Sở KH&ĐT".
//
// Diacritics are significant: "Phòng Tư phap" is not found, and the error
// suggests "Phòng Tư pháp".
//
// A cell may also name groups (see List).
type Matcher struct {
	root    units.Unit
	units   []units.Unit // the subtree, in tree order
	aliases map[string][]int
	full    map[string][]int
	short   map[string][]int
	forms   [][][]string // per unit, every form (full and short) for acronyms
	folds   map[string][]int
	rootLoc [][2][]string

	mu    sync.Mutex
	cache map[string]Item
}

// NewMatcher loads root's subtree and the aliases pointing into it.
func NewMatcher(ctx context.Context, db bun.IDB, root *units.Unit) (*Matcher, error) {
	sub, err := units.Subtree(ctx, db, root)
	if err != nil {
		return nil, fmt.Errorf("annex: %w", err)
	}
	above, err := units.ByIDs(ctx, db, root.AncestorIDs())
	if err != nil {
		return nil, fmt.Errorf("annex: %w", err)
	}
	var as []Alias
	if err := db.NewSelect().Model(&as).Where("unit_id IN (SELECT id FROM units WHERE path LIKE ?)", root.Path+"%").
		Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("annex: aliases: %w", err)
	}
	var ancestors []units.Unit
	for _, u := range above {
		if u.ID != root.ID {
			ancestors = append(ancestors, u)
		}
	}
	return newMatcher(*root, sub, ancestors, as), nil
}

// newMatcher builds a Matcher from loaded units: sub is the subtree of root
// (root included), ancestors the units above root.
func newMatcher(root units.Unit, sub []units.Unit, ancestors []units.Unit, as []Alias) *Matcher {
	m := &Matcher{
		root: root, units: sub,
		aliases: map[string][]int{}, full: map[string][]int{}, short: map[string][]int{},
		folds: map[string][]int{}, cache: map[string]Item{},
	}
	all := map[int64]units.Unit{}
	for _, u := range ancestors {
		all[u.ID] = u
	}
	pos := map[int64]int{}
	for i, u := range sub {
		all[u.ID] = u
		pos[u.ID] = i
	}
	localities := func(u units.Unit) [][2][]string {
		var out [][2][]string
		seen := map[int64]bool{}
		for id := u.ParentID; id != 0 && !seen[id]; id = all[id].ParentID {
			seen[id] = true
			p, ok := all[id]
			if !ok {
				break
			}
			if kind, name, ok := locality(canonical(p.Name)); ok {
				out = append(out, [2][]string{kind, name})
			}
		}
		return out
	}
	m.rootLoc = localities(root)
	if kind, name, ok := locality(canonical(root.Name)); ok {
		m.rootLoc = append([][2][]string{{kind, name}}, m.rootLoc...)
	}
	m.forms = make([][][]string, len(sub))
	for i, u := range sub {
		locs := localities(u)
		for _, r := range readings(tokens(u.Name)) {
			addIndex(m.full, join(r), i)
			m.forms[i] = append(m.forms[i], r)
			for _, s := range shortForms(r, locs) {
				addIndex(m.short, join(s), i)
				m.forms[i] = append(m.forms[i], s)
			}
			if u.ID == root.ID {
				if kind, _, ok := locality(r); ok {
					s := append(append([]string{}, wordsUBND...), kind...)
					addIndex(m.short, join(s), i)
				}
			}
		}
		for _, f := range m.forms[i] {
			addIndex(m.folds, foldTokens(f), i)
		}
	}
	for _, a := range as {
		if i, ok := pos[a.UnitID]; ok {
			addIndex(m.aliases, a.AliasKey, i)
		}
	}
	return m
}

func addIndex(idx map[string][]int, key string, i int) {
	if key != "" && !slices.Contains(idx[key], i) {
		idx[key] = append(idx[key], i)
	}
}

// Root is the unit whose subtree m searches.
func (m *Matcher) Root() units.Unit { return m.root }

// ItemKind says what a name in a cell turned out to be.
type ItemKind int

const (
	// ItemUnit is one unit.
	ItemUnit ItemKind = iota + 1
	// ItemGroup is a phrase naming a set of units: "UBND các xã, phường",
	// "các xã, phường, thị trấn", "UBND cấp xã" (every commune of the
	// subtree), "UBND các phường" (the communes named Phường …), "các
	// huyện, thị xã, thành phố", "UBND cấp huyện" (district-level units).
	ItemGroup
	// ItemNote is a phrase that names no particular unit: "Các cơ quan, đơn
	// vị liên quan", "các đơn vị liên quan", "Các sở, ban, ngành", "các
	// phòng, ban", "Sở, ngành liên quan", "các tổ chức chính trị - xã hội".
	// It is kept as text (see DraftTask.Notes).
	ItemNote
	itemUnknown // no unit has that name
	itemInvalid // a name recognised but unusable: ambiguous, or a group with no unit
)

// Item is one name read from a cell.
type Item struct {
	Text  string // as written, on one line
	Kind  ItemKind
	Units []units.Unit // the unit, or the group's units in tree order; nil for a note

	err *MatchError
}

// MatchError is a name that could not be resolved.
type MatchError struct {
	Text       string
	Reason     i18n.Msg
	Candidates []units.Unit // for an ambiguous name
}

func (e *MatchError) Error() string { return "“" + e.Text + "” — " + e.Reason.In(i18n.VI) }

var reasonUnknown = i18n.M("annex.unit_unknown")

// Resolve finds the one unit name refers to. A group, a note, an unknown or
// an ambiguous name is a *MatchError.
func (m *Matcher) Resolve(name string) (units.Unit, error) {
	it := m.classify(cleanName(name))
	switch it.Kind {
	case ItemUnit:
		return it.Units[0], nil
	case ItemGroup:
		return units.Unit{}, &MatchError{Text: it.Text, Reason: i18n.M("annex.is_group", len(it.Units))}
	case ItemNote:
		return units.Unit{}, &MatchError{Text: it.Text, Reason: i18n.M("annex.not_a_unit")}
	}
	return units.Unit{}, it.err
}

// cleanName is a name on one line without list bullets or trailing
// punctuation.
func cleanName(s string) string {
	s = vn.OneLine(s)
	s = strings.TrimLeft(s, "-+•*–—·> ")
	s = strings.TrimRight(s, ".,;: ")
	return strings.TrimSpace(s)
}

// classify resolves one name, caching the answer.
func (m *Matcher) classify(text string) Item {
	m.mu.Lock()
	it, ok := m.cache[text]
	m.mu.Unlock()
	if ok {
		return it
	}
	it = m.classifyUncached(text)
	m.mu.Lock()
	m.cache[text] = it
	m.mu.Unlock()
	return it
}

func (m *Matcher) classifyUncached(text string) Item {
	ts := tokens(text)
	if len(ts) == 0 {
		return Item{Text: text, Kind: itemUnknown, err: &MatchError{Text: text, Reason: reasonUnknown}}
	}
	if found := m.find(ts); len(found) == 1 {
		return Item{Text: text, Kind: ItemUnit, Units: []units.Unit{m.units[found[0]]}}
	} else if len(found) > 1 {
		cands := make([]units.Unit, len(found))
		names := make([]string, len(found))
		for i, f := range found {
			cands[i] = m.units[f]
			names[i] = m.units[f].Name
		}
		return Item{Text: text, Kind: itemInvalid, err: &MatchError{Text: text, Candidates: cands,
			Reason: i18n.M("annex.ambiguous", strings.Join(names, "; "))}}
	}
	canon := readings(ts)[0]
	if us, ok, reason := m.group(canon); ok {
		if reason.Key != "" {
			return Item{Text: text, Kind: itemInvalid, err: &MatchError{Text: text, Reason: reason}}
		}
		return Item{Text: text, Kind: ItemGroup, Units: us}
	}
	if isNote(canon) {
		return Item{Text: text, Kind: ItemNote}
	}
	reason := reasonUnknown
	if s := m.suggest(text); s != "" {
		reason = i18n.M("annex.unit_unknown_suggest", s)
	}
	return Item{Text: text, Kind: itemUnknown, err: &MatchError{Text: text, Reason: reason}}
}

// find returns the positions of the units ts names, by the steps of the
// Matcher's documentation.
func (m *Matcher) find(ts []string) []int {
	rs := readings(ts)
	lookup := func(idx map[string][]int, forms [][]string, found []int) []int {
		for _, f := range forms {
			for _, i := range idx[join(f)] {
				if !slices.Contains(found, i) {
					found = append(found, i)
				}
			}
		}
		return found
	}
	if found := lookup(m.aliases, rs, nil); len(found) > 0 {
		return sorted(found)
	}
	if found := lookup(m.full, rs, nil); len(found) > 0 {
		return sorted(found)
	}
	var shorts [][]string
	for _, r := range rs {
		shorts = append(shorts, shortForms(r, m.rootLoc)...)
	}
	if found := lookup(m.full, shorts, lookup(m.short, rs, nil)); len(found) > 0 {
		return sorted(found)
	}
	var found []int
	ins := append([][]string{ts}, rs...)
	for i, forms := range m.forms {
		for _, f := range forms {
			if slices.ContainsFunc(ins, func(in []string) bool { return acronym(in, f) }) {
				found = append(found, i)
				break
			}
		}
	}
	return found
}

func sorted(is []int) []int { slices.Sort(is); return is }

// suggest names the unit a misspelt name most likely meant, or "".
func (m *Matcher) suggest(text string) string {
	f := fold(text)
	if f == "" {
		return ""
	}
	if found := m.folds[f]; len(found) == 1 {
		return m.units[found[0]].Name
	}
	best, bestD, tie := -1, 3, false
	if len([]rune(f)) < 8 {
		bestD = 2
	}
	for key, found := range m.folds {
		if len(found) != 1 {
			continue
		}
		d := distance(f, key, bestD)
		switch {
		case d < bestD:
			best, bestD, tie = found[0], d, false
		case d == bestD && best != found[0]:
			tie = true
		}
	}
	if best < 0 || tie {
		return ""
	}
	return m.units[best].Name
}

// distance is the Levenshtein distance between a and b, or max if it is
// larger.
func distance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

var (
	wordCac      = tokens("các")
	wordsCapXa   = tokens("cấp xã")
	wordsCapHuy  = tokens("cấp huyện")
	communeKind  = [][]string{tokens("thị trấn"), tokens("xã"), tokens("phường"), tokens("đặc khu")}
	districtKind = [][]string{tokens("thị xã"), tokens("huyện"), tokens("quận"), tokens("thành phố")}
)

// group reads a group phrase. ok is false if ts is not one; reason is set
// when it is one but names no unit of the subtree.
func (m *Matcher) group(ts []string) (us []units.Unit, ok bool, reason i18n.Msg) {
	rest := ts
	if hasPrefix(rest, wordsUBND) {
		rest = rest[len(wordsUBND):]
	}
	cac := hasPrefix(rest, wordCac)
	if cac {
		rest = rest[len(wordCac):]
	}
	var level string
	var kinds [][]string
	switch {
	case equal(rest, wordsCapXa):
		level = "commune"
	case equal(rest, wordsCapHuy):
		level = "district"
	default:
	next:
		for len(rest) > 0 {
			for _, lv := range []struct {
				name  string
				kinds [][]string
			}{{"commune", communeKind}, {"district", districtKind}} {
				for _, k := range lv.kinds {
					if hasPrefix(rest, k) && (level == "" || level == lv.name) {
						level = lv.name
						kinds = append(kinds, k)
						rest = rest[len(k):]
						continue next
					}
				}
			}
			return nil, false, reason
		}
		if len(kinds) == 0 || (!cac && len(kinds) < 2) {
			return nil, false, reason
		}
	}
	for _, u := range m.units {
		if u.ID == m.root.ID {
			continue
		}
		switch level {
		case "commune":
			if u.Kind != units.KindCommune {
				continue
			}
		case "district":
			if u.Kind != units.KindDistrict && u.Kind != units.KindCity {
				continue
			}
		}
		if len(kinds) == 1 {
			// "UBND các phường": only the communes named "Phường …".
			if k, _, isLoc := locality(canonical(u.Name)); !isLoc || !equal(k, kinds[0]) {
				continue
			}
		}
		us = append(us, u)
	}
	if len(us) == 0 {
		return nil, true, i18n.M("annex.group_empty", m.root.Name)
	}
	return us, true, reason
}

// noteWords are the words of phrases that name no particular unit.
var noteWords = func() [][]string {
	var out [][]string
	for _, w := range []string{
		"các", "có", "liên quan", "khác", "sở", "ban", "ngành", "phòng", "cơ quan", "đơn vị", "chuyên môn",
		"đoàn thể", "địa phương", "tổ chức", "chính trị xã hội", "hội", "trực thuộc", "thuộc", "cấp", "doanh nghiệp",
		"cá nhân", "ủy ban nhân dân", "thành phố", "tỉnh", "huyện", "quận", "thị xã", "trên địa bàn", "được giao",
		"nhà nước", "hành chính", "cơ sở", "dọc", "các cấp", "tham mưu", "quản lý",
	} {
		out = append(out, tokens(w))
	}
	// Longest first, so that "chính trị xã hội" is read before shorter words.
	slices.SortStableFunc(out, func(a, b []string) int { return len(b) - len(a) })
	return out
}()

// orgWords name kinds of organisation: two of them make a note on their own
// ("Phòng, ban", "sở, ngành").
var orgWords = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range []string{"sở", "ban", "ngành", "phòng", "cơ quan", "đơn vị", "đoàn thể", "địa phương", "tổ chức", "hội"} {
		out[join(tokens(w))] = true
	}
	return out
}()

var wordsLienQuan = tokens("liên quan")

// isNote tells whether ts is a phrase that names no particular unit: made
// only of noteWords, and plural ("các …"), or ending in "liên quan", or made
// of two or more kinds of organisation.
func isNote(ts []string) bool {
	rest := ts
	var parts []string
	for len(rest) > 0 {
		found := false
		for _, w := range noteWords {
			if hasPrefix(rest, w) {
				parts = append(parts, join(w))
				rest = rest[len(w):]
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if hasPrefix(ts, wordCac) || hasSuffix(ts, wordsLienQuan) {
		return true
	}
	orgs := 0
	for _, p := range parts {
		if orgWords[p] {
			orgs++
		} else {
			return false
		}
	}
	return orgs >= 2
}

// List reads a cell naming units — the "Cơ quan phối hợp" column — into
// items, in the order written, and the names it could not resolve.
//
// Names are separated by semicolons, commas, line breaks and " và "/" & ",
// but a separator only splits where the pieces on both sides are names:
// "UBND các xã, phường" is one group, "Phòng Tài nguyên và Môi trường" one
// unit and "Phòng Lao động, Thương binh và Xã hội" one unit, while "Phòng Tư
// pháp, Phòng Nội vụ và Phòng Y tế" are three units. Semicolons always
// split. Of the ways to cut a cell, List takes the one with the fewest names.
func (m *Matcher) List(cell string) ([]Item, []*MatchError) {
	var items []Item
	var errs []*MatchError
	for _, group := range strings.Split(strings.ReplaceAll(vn.Clean(cell), "\r", "\n"), ";") {
		segs := splitSegments(group)
		for _, it := range m.cut(segs) {
			if it.err != nil {
				errs = append(errs, it.err)
			} else {
				items = append(items, it)
			}
		}
	}
	return items, errs
}

type segment struct {
	text string
	sep  string // what followed it: ", ", " " (a line break), " và " or " & "
}

var separatorRe = regexp.MustCompile(`(?i)\s+(và|&)\s+|,|\n`)

// splitSegments cuts s at every comma, line break and " và "/" & ".
func splitSegments(s string) []segment {
	var out []segment
	start := 0
	add := func(end int, sep string) {
		if t := cleanName(s[start:end]); t != "" {
			out = append(out, segment{text: t, sep: sep})
		} else if len(out) > 0 && sep == ", " {
			out[len(out)-1].sep = sep
		}
	}
	for _, m := range separatorRe.FindAllStringSubmatchIndex(s, -1) {
		sep := ", "
		switch {
		case m[2] >= 0:
			sep = " " + strings.ToLower(s[m[2]:m[3]]) + " "
		case s[m[0]] == '\n':
			sep = " "
		}
		add(m[0], sep)
		start = m[1]
	}
	add(len(s), "")
	return out
}

const (
	maxJoin     = 10   // segments one name may span
	costUnknown = 1000 // an unresolved segment
)

// cut finds the cheapest way to read segs as a sequence of names: each
// name costs 1, each segment that is no name costs costUnknown. Unknown
// segments joined by "và" are reported as one name.
func (m *Matcher) cut(segs []segment) []Item {
	n := len(segs)
	type step struct {
		cost int
		item Item
		from int
	}
	best := make([]step, n+1)
	for i := 1; i <= n; i++ {
		best[i].cost = -1
		for j := max(0, i-maxJoin); j < i; j++ {
			if best[j].cost < 0 {
				continue
			}
			it := m.classify(joinSegments(segs[j:i]))
			if it.Kind != ItemUnit && it.Kind != itemInvalid && spansLine(segs[j:i]) {
				// Only a unit's name is long enough to wrap onto a second
				// line; phrases on two lines are two phrases.
				continue
			}
			cost := 1
			if it.Kind == itemUnknown {
				if i-j > 1 {
					continue
				}
				cost = costUnknown
			}
			if c := best[j].cost + cost; best[i].cost < 0 || c < best[i].cost {
				best[i] = step{cost: c, item: it, from: j}
			}
		}
	}
	var steps []step
	for i := n; i > 0; i = best[i].from {
		steps = append(steps, best[i])
	}
	slices.Reverse(steps)
	var out []Item
	for k, st := range steps {
		if k > 0 && st.item.Kind == itemUnknown && out[len(out)-1].Kind == itemUnknown {
			if sep := segs[st.from-1].sep; sep == " và " || sep == " & " {
				text := out[len(out)-1].Text + sep + st.item.Text
				out[len(out)-1] = Item{Text: text, Kind: itemUnknown, err: &MatchError{Text: text, Reason: reasonUnknown}}
				continue
			}
		}
		out = append(out, st.item)
	}
	return out
}

func spansLine(segs []segment) bool {
	for _, s := range segs[:len(segs)-1] {
		if s.sep == " " {
			return true
		}
	}
	return false
}

func joinSegments(segs []segment) string {
	var b strings.Builder
	for i, s := range segs {
		b.WriteString(s.text)
		if i < len(segs)-1 {
			b.WriteString(s.sep)
		}
	}
	return b.String()
}
