package annex

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"cchc/internal/vn"
)

// Unit names are compared by key: the name lowered, NFD-decomposed, cut into
// words at every space or punctuation mark, each word's tone mark moved to
// the end of the word as a digit ("Uỷ", "Ủy" → "uy3"; "Hoà", "Hòa" → "hoa2"),
// which makes the old and new tone placements (and NFC/NFD) compare equal
// while "Tư pháp" still differs from "Tư phap". The word "và" (and "&") is
// dropped: "Phòng Tài nguyên Môi trường" is "Phòng Tài nguyên và Môi trường".

// toneDigits numbers the five tone marks as combining characters.
var toneDigits = map[rune]byte{
	'\u0301': '1', '\u0341': '1', // sắc
	'\u0300': '2', '\u0340': '2', // huyền
	'\u0309': '3', // hỏi
	'\u0303': '4', // ngã
	'\u0323': '5', // nặng
}

// wordVa is words("và")[0] (checked by a test).
const wordVa = "va2"

// words cuts s into normalised words (see above), "và" included.
func words(s string) []string {
	var out []string
	var b strings.Builder
	var tone byte
	flush := func() {
		if b.Len() > 0 {
			w := norm.NFC.String(b.String())
			if tone != 0 {
				w += string(tone)
			}
			out = append(out, w)
		}
		b.Reset()
		tone = 0
	}
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if d, ok := toneDigits[r]; ok {
			if b.Len() > 0 {
				tone = d
			}
			continue
		}
		switch {
		case unicode.Is(unicode.Mn, r):
			if b.Len() > 0 {
				b.WriteRune(r) // â, ă, ê, ô, ơ, ư keep their marks
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '&':
			flush()
			out = append(out, wordVa)
		default:
			flush()
		}
	}
	flush()
	return out
}

// tokens is words without "và" and with leading zeros dropped from numbers
// ("Phường 01" is "Phường 1").
func tokens(s string) []string {
	ws := words(s)
	out := ws[:0]
	for _, w := range ws {
		if w == wordVa {
			continue
		}
		if isDigits(w) {
			w = strings.TrimLeft(w, "0")
			if w == "" {
				w = "0"
			}
		}
		out = append(out, w)
	}
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func join(ts []string) string { return strings.Join(ts, " ") }

// abbreviations maps an abbreviation (as a word) to what it may stand for.
// Several expansions mean the abbreviation is ambiguous ("P." is Phòng or
// Phường): every reading is tried and a name matches only if exactly one
// unit answers to them.
var abbreviations = map[string][][]string{}

func init() {
	for abbr, exps := range map[string][]string{
		"ubnd":    {"ủy ban nhân dân"},
		"hđnd":    {"hội đồng nhân dân"},
		"ub":      {"ủy ban"},
		"mttq":    {"mặt trận tổ quốc"},
		"tp":      {"thành phố"},
		"vp":      {"văn phòng"},
		"tx":      {"thị xã"},
		"p":       {"phòng", "phường"},
		"tt":      {"trung tâm", "thị trấn"},
		"x":       {"xã"},
		"q":       {"quận"},
		"h":       {"huyện"},
		"cchc":    {"cải cách hành chính"},
		"ttpvhcc": {"trung tâm phục vụ hành chính công"},
	} {
		for _, e := range exps {
			abbreviations[abbr] = append(abbreviations[abbr], tokens(e))
		}
	}
}

// maxVariants bounds the readings of one name (each ambiguous abbreviation
// doubles them).
const maxVariants = 16

// readings returns the ways ts may be read with abbreviations expanded. An
// unambiguous abbreviation is always expanded; an ambiguous one is also kept
// as written, so the first reading is the canonical key (the one aliases
// are stored under).
func readings(ts []string) [][]string {
	out := [][]string{nil}
	for _, t := range ts {
		exps, ok := abbreviations[t]
		var options [][]string
		switch {
		case !ok:
			options = [][]string{{t}}
		case len(exps) == 1:
			options = exps
		default:
			options = append([][]string{{t}}, exps...)
		}
		next := make([][]string, 0, len(out)*len(options))
		for _, prefix := range out {
			for _, o := range options {
				if len(next) == maxVariants {
					break
				}
				r := make([]string, 0, len(prefix)+len(o))
				r = append(append(r, prefix...), o...)
				next = append(next, r)
			}
		}
		out = next
	}
	return out
}

// Key is the canonical form under which a unit name or alias is compared:
// see the package documentation. Two names with the same key are the same
// name written differently.
func Key(name string) string { return join(readings(tokens(name))[0]) }

// canonical is the words of name with abbreviations expanded (the key's words).
func canonical(name string) []string { return readings(tokens(name))[0] }

// fold is a name without any diacritics or tone digits, abbreviations
// expanded: a loose form for suggestions only ("Phòng Tư phap" → did you
// mean "Phòng Tư pháp"?).
func fold(s string) string { return foldTokens(readings(tokens(s))[0]) }

func foldTokens(ts []string) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		if n := len(t); n > 1 && t[n-1] >= '1' && t[n-1] <= '5' && !isDigits(t) {
			t = t[:n-1]
		}
		out[i] = vn.Fold(t)
	}
	return join(out)
}

var (
	wordsUBND   = tokens("ủy ban nhân dân")
	prefixWords = [][]string{tokens("phòng"), tokens("sở")}
	// kindWords begin the name of a territorial unit (and of its People's
	// Committee once "UBND" is removed).
	kindWords = [][]string{
		tokens("thành phố"), tokens("tỉnh"), tokens("huyện"), tokens("quận"), tokens("thị xã"),
		tokens("thị trấn"), tokens("xã"), tokens("phường"), tokens("đặc khu"),
	}
)

func hasPrefix(ts, p []string) bool {
	if len(ts) < len(p) {
		return false
	}
	for i := range p {
		if ts[i] != p[i] {
			return false
		}
	}
	return true
}

func hasSuffix(ts, s []string) bool {
	if len(ts) < len(s) {
		return false
	}
	return hasPrefix(ts[len(ts)-len(s):], s)
}

// locality splits a territorial name ("UBND thành phố Sơn Hà", "Xã Tân Lập")
// into its kind word ("thành phố") and its proper name ("sơn hà").
func locality(ts []string) (kind, name []string, ok bool) {
	if hasPrefix(ts, wordsUBND) {
		ts = ts[len(wordsUBND):]
	}
	for _, k := range kindWords {
		if hasPrefix(ts, k) && len(ts) > len(k) {
			return k, ts[len(k):], true
		}
	}
	return nil, nil, false
}

// shortForms are the other ways a name is commonly written, given the
// localities (kind word + proper name) it may end with: without a leading
// "Phòng"/"Sở"/"UBND" (and, after "UBND", without the kind word: "UBND
// phường Hòa An" → "phường Hòa An" → "Hòa An"), and without a trailing
// locality ("Sở Tư pháp tỉnh Đông Giang" → "Sở Tư pháp tỉnh", "Sở Tư pháp").
func shortForms(ts []string, localities [][2][]string) [][]string {
	var ends [][]string
	ends = append(ends, ts)
	for _, l := range localities {
		kind, name := l[0], l[1]
		full := append(append([]string{}, kind...), name...)
		if hasSuffix(ts, full) && len(ts) > len(full) {
			base := ts[:len(ts)-len(full)]
			ends = append(ends, base, append(append([]string{}, base...), kind...))
		} else if hasSuffix(ts, kind) && len(ts) > len(kind) {
			ends = append(ends, ts[:len(ts)-len(kind)])
		}
	}
	var out [][]string
	add := func(v []string) {
		if len(v) > 0 && !equal(v, ts) {
			out = append(out, v)
		}
	}
	for _, e := range ends {
		add(e)
		for _, p := range prefixWords {
			if hasPrefix(e, p) && len(e) > len(p) {
				add(e[len(p):])
			}
		}
		if hasPrefix(e, wordsUBND) && len(e) > len(wordsUBND) {
			rest := e[len(wordsUBND):]
			add(rest)
			for _, k := range kindWords {
				if hasPrefix(rest, k) && len(rest) > len(k) {
					add(rest[len(k):])
					break
				}
			}
		}
	}
	return out
}

func equal(a, b []string) bool { return len(a) == len(b) && hasPrefix(a, b) }

// acronym reports whether in matches name when each word of in either equals
// the next word of name or is an acronym of the next few words of name
// ("TC-KH" for "Tài chính - Kế hoạch", "LĐ-TB&XH", "GDĐT"), with every word
// of both used.
func acronym(in, name []string) bool {
	if len(in) == 0 || len(in) > len(name) {
		return false
	}
	var match func(i, j int) bool
	match = func(i, j int) bool {
		if i == len(in) {
			return j == len(name)
		}
		if j == len(name) {
			return false
		}
		if in[i] == name[j] && match(i+1, j+1) {
			return true
		}
		letters := []rune(in[i])
		if len(letters) < 2 || len(letters) > 10 || j+len(letters) > len(name) || !isLetters(letters) {
			return false
		}
		for k, r := range letters {
			if initial(name[j+k]) != baseLetter(r) {
				return false
			}
		}
		return match(i+1, j+len(letters))
	}
	return match(0, 0)
}

func isLetters(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func initial(word string) rune {
	for _, r := range word {
		return baseLetter(r)
	}
	return 0
}

// baseLetter strips a letter's marks: "â" → "a", "đ" → "d".
func baseLetter(r rune) rune {
	if r == 'đ' {
		return 'd'
	}
	for _, b := range norm.NFD.String(string(r)) {
		return b
	}
	return r
}
