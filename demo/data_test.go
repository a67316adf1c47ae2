package demo

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

const day = "2006-01-02"

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(day, s)
	require.NoError(t, err, "date %q", s)
	return d
}

// units indexes Units by code.
func unitIndex() map[string]Unit {
	m := make(map[string]Unit, len(Units))
	for _, u := range Units {
		m[u.Code] = u
	}
	return m
}

// rootOf returns the code of the root above code.
func rootOf(idx map[string]Unit, code string) string {
	for idx[code].Parent != "" {
		code = idx[code].Parent
	}
	return code
}

// below reports whether code is in the subtree of top (top itself included).
func below(idx map[string]Unit, code, top string) bool {
	for ; code != ""; code = idx[code].Parent {
		if code == top {
			return true
		}
	}
	return false
}

// --- deadlines, as §4 of docs/DOMAIN.md reads them, restricted to the forms the
// demo may use.

var (
	reDate      = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	reBefore    = regexp.MustCompile(`^Trước (\d{1,2})/(\d{1,2})$`)
	reBeforeDay = regexp.MustCompile(`^Trước ngày (\d{1,2})/(\d{1,2})/(\d{4})$`)
	reMonthYear = regexp.MustCompile(`^Tháng (\d{1,2})/(\d{4})$`)
	reMonth     = regexp.MustCompile(`^Tháng (\d{1,2})$`)
	reQuarter   = regexp.MustCompile(`^Quý (I|II|III|IV)(?:/(\d{4}))?$`)
	reYear      = regexp.MustCompile(`^Năm (\d{4})$`)
	quarters    = map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4}
)

// deadlineKind is what a deadline text means.
type deadlineKind int

const (
	fixed deadlineKind = iota
	continuous
	recurring
)

// resolve returns the day a deadline text means in a plan of year, or an
// error for any text outside the accepted forms.
func resolve(text string, year int) (time.Time, deadlineKind, error) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	mkdate := func(d, m, y int) (time.Time, deadlineKind, error) {
		tm := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if tm.Day() != d || int(tm.Month()) != m || m < 1 || m > 12 {
			return time.Time{}, fixed, fmt.Errorf("no such day in %q", text)
		}
		return tm, fixed, nil
	}
	lastOfMonth := func(m, y int) (time.Time, deadlineKind, error) {
		if m < 1 || m > 12 {
			return time.Time{}, fixed, fmt.Errorf("no such month in %q", text)
		}
		return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC), fixed, nil
	}
	switch text {
	case "Thường xuyên":
		return time.Time{}, continuous, nil
	case "Hằng quý", "Hằng tháng":
		return time.Time{}, recurring, nil
	case "6 tháng đầu năm":
		return mkdate(30, 6, year)
	case "6 tháng cuối năm", "Trong năm":
		return mkdate(31, 12, year)
	}
	if m := reDate.FindStringSubmatch(text); m != nil {
		return mkdate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := reBefore.FindStringSubmatch(text); m != nil {
		return mkdate(atoi(m[1]), atoi(m[2]), year)
	}
	if m := reBeforeDay.FindStringSubmatch(text); m != nil {
		return mkdate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := reMonthYear.FindStringSubmatch(text); m != nil {
		return lastOfMonth(atoi(m[1]), atoi(m[2]))
	}
	if m := reMonth.FindStringSubmatch(text); m != nil {
		return lastOfMonth(atoi(m[1]), year)
	}
	if m := reQuarter.FindStringSubmatch(text); m != nil {
		y := year
		if m[2] != "" {
			y = atoi(m[2])
		}
		return lastOfMonth(3*quarters[m[1]], y)
	}
	if m := reYear.FindStringSubmatch(text); m != nil {
		return mkdate(31, 12, atoi(m[1]))
	}
	return time.Time{}, fixed, fmt.Errorf("deadline %q is not an accepted form", text)
}

func TestResolve(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"30/6/2024": "2024-06-30", "Trước 30/6": "2024-06-30", "Trước ngày 30/6/2024": "2024-06-30",
		"Tháng 6/2024": "2024-06-30", "Tháng 2": "2024-02-29", "Quý II": "2024-06-30",
		"Quý III/2024": "2024-09-30", "6 tháng đầu năm": "2024-06-30", "6 tháng cuối năm": "2024-12-31",
		"Năm 2024": "2024-12-31", "Trong năm": "2024-12-31",
	} {
		got, kind, err := resolve(text, 2024)
		require.NoError(t, err, text)
		require.Equal(t, fixed, kind, text)
		require.Equal(t, want, got.Format(day), text)
	}
	for _, bad := range []string{"31/6/2024", "Quý V", "Tháng 13", "Cuối năm", "15/6"} {
		_, _, err := resolve(bad, 2024)
		require.Error(t, err, bad)
	}
}

// --- text

// strings calls fn for every string reachable from v, with its path.
func eachString(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			eachString(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}

// newStyleTone matches a tone mark put on the second vowel of a final
// "oa", "oe", "uy" (hoá, thuý): the demo writes the older, official style
// (hóa, thủy) throughout. "quý" is exempt: there "u" belongs to "qu".
var newStyleTone = regexp.MustCompile(`(?i)(o[àáảãạ]|o[èéẻẽẹ]|(^|[^q])u[ỳýỷỹỵ])(\P{L}|$)`)

func TestText(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"hoá", "Thuý.", "xoà", "khoẻ"} {
		require.True(t, newStyleTone.MatchString(s), s)
	}
	for _, s := range []string{"hóa", "Sơn Thủy", "Quý II", "hoàn thành", "khỏe", "quý."} {
		require.False(t, newStyleTone.MatchString(s), s)
	}
	check := func(path, s string) {
		require.True(t, norm.NFC.IsNormalString(s), "%s is not NFC: %q", path, s)
		require.Equal(t, strings.Join(strings.Fields(s), " "), s, "%s has stray spaces: %q", path, s)
		require.False(t, newStyleTone.MatchString(s), "%s: tone mark placement %q", path, newStyleTone.FindString(s))
		require.NotContains(t, s, "\"", "%s: use “ ” quotes", path)
	}
	eachString(reflect.ValueOf(Units), "Units", check)
	eachString(reflect.ValueOf(Plan2024), "Plan2024", check)
	eachString(reflect.ValueOf(PlanCurrent), "PlanCurrent", check)
}

// --- units

func TestUnits(t *testing.T) {
	t.Parallel()
	idx := map[string]Unit{}
	names := map[string]bool{}
	codeRe := regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$`)
	kinds := []string{KindProvince, KindCity, KindDistrict, KindCommune, KindDepartment, KindAgency}
	var roots []string
	for _, u := range Units {
		require.Regexp(t, codeRe, u.Code)
		require.NotContains(t, idx, u.Code, "duplicate code")
		require.False(t, names[u.Name], "duplicate name %q", u.Name)
		require.Contains(t, kinds, u.Kind, u.Code)
		require.NotEmpty(t, u.Name, u.Code)
		if u.Parent == "" {
			roots = append(roots, u.Code)
		} else {
			require.Contains(t, idx, u.Parent, "%s: parent must exist and come first", u.Code)
		}
		if u.Kind == KindCommune {
			require.True(t, strings.HasPrefix(u.Name, "UBND xã ") || strings.HasPrefix(u.Name, "UBND phường ") || strings.HasPrefix(u.Name, "UBND đặc khu "), u.Name)
		}
		idx[u.Code] = u
		names[u.Name] = true
	}
	require.Equal(t, []string{RootCode, OtherProvinceCode}, roots)
	require.Equal(t, KindProvince, idx[RootCode].Kind)
	require.Equal(t, KindCity, idx[CityCode].Kind)
	require.Equal(t, RootCode, idx[CityCode].Parent, "the city of 2024 stays under the province")
	require.Equal(t, KindProvince, idx[OtherProvinceCode].Kind)

	count := map[string]int{}
	secretariats := map[string][]string{}
	for _, u := range Units {
		r := rootOf(idx, u.Code)
		count[r]++
		if u.Secretariat {
			secretariats[r] = append(secretariats[r], u.Code)
		}
	}
	require.GreaterOrEqual(t, count[RootCode], 40)
	require.Equal(t, []string{SecretariatCode, "PNV"}, secretariats[RootCode], "one secretariat for the province, one for the city of 2024")
	require.Equal(t, []string{"SNV-DG"}, secretariats[OtherProvinceCode], "exactly one secretariat in the other province")
	require.Equal(t, "Sở Nội vụ", idx[SecretariatCode].Name)
	require.Equal(t, "Sở Tư pháp", idx[JusticeCode].Name)
	require.Equal(t, RootCode, idx[JusticeCode].Parent)

	// The province since 1/7/2025: at least 12 departments and 8 communes.
	departments, communes := 0, 0
	for _, u := range Units {
		switch {
		case u.Parent == RootCode && u.Kind == KindDepartment:
			departments++
		case u.Parent == RootCode && u.Kind == KindCommune:
			communes++
		}
	}
	require.GreaterOrEqual(t, departments, 12)
	require.Equal(t, len(provinceCommunesAnd()), communes)
	for _, c := range provinceCommunesAnd() {
		require.Equal(t, KindCommune, idx[c].Kind, c)
		require.Equal(t, RootCode, idx[c].Parent, c)
	}
	communes = 0
	for _, u := range Units {
		if u.Kind == KindCommune && u.Parent == CityCode {
			communes++
		}
	}
	require.Equal(t, len(communesAnd()), communes)
	for _, c := range communesAnd() {
		require.Equal(t, KindCommune, idx[c].Kind, c)
		require.Equal(t, CityCode, idx[c].Parent, c)
	}
}

// checkTaskUnits checks the lead and coordinating units of one task.
func checkTaskUnits(t *testing.T, idx map[string]Unit, issuer, number, lead string, coord []string) {
	t.Helper()
	require.Contains(t, idx, lead, "task %s: lead", number)
	require.True(t, below(idx, lead, issuer), "task %s: lead outside the plan's tree", number)
	require.NotEqual(t, issuer, lead, "task %s: the issuer itself leads", number)
	seen := map[string]bool{}
	for _, c := range coord {
		require.Contains(t, idx, c, "task %s: coordinator", number)
		require.True(t, below(idx, c, issuer), "task %s: coordinator %s outside the tree", number, c)
		require.NotEqual(t, lead, c, "task %s: lead also coordinates", number)
		require.False(t, seen[c], "task %s: coordinator %s twice", number, c)
		seen[c] = true
	}
}

var areaNames = []string{area1, area2, area3, area4, area5, area6, area7, area8}
var areaLabels = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}

// --- the 2024 plan

// state2024 is a task's state at a day, computed from its history alone.
type state2024 struct {
	completed bool
	doneOn    time.Time // evidence date, else the day it was recorded
	percent   int
	started   bool
}

func stateAt(t *testing.T, task Task, at time.Time) state2024 {
	var s state2024
	for _, e := range task.History {
		if date(t, e.Recorded).After(at) {
			break
		}
		s.started = true
		s.percent = e.Percent
		s.completed = e.Completed
		if e.Completed {
			s.doneOn = date(t, e.Recorded)
			if e.EvidenceDate != "" {
				s.doneOn = date(t, e.EvidenceDate)
			}
		}
	}
	return s
}

func allTasks2024() []Task {
	var ts []Task
	for _, a := range Plan2024.Areas {
		ts = append(ts, a.Tasks...)
	}
	return ts
}

func TestPlan2024Structure(t *testing.T) {
	t.Parallel()
	idx := unitIndex()
	require.Equal(t, "Kế hoạch cải cách hành chính năm 2024", Plan2024.Title)
	require.Regexp(t, `^\d+/KH-UBND$`, Plan2024.Number)
	require.Equal(t, "2023-12-26", Plan2024.IssuedOn)
	require.Equal(t, CityCode, Plan2024.Issuer)
	require.Len(t, Plan2024.Areas, 8)
	n := 0
	for i, a := range Plan2024.Areas {
		require.Equal(t, areaLabels[i], a.Label)
		require.Equal(t, areaNames[i], a.Name)
		require.NotEmpty(t, a.Tasks, a.Label)
		for _, task := range a.Tasks {
			n++
			require.Equal(t, strconv.Itoa(n), task.Number, "tasks are numbered 1, 2, … across areas")
			require.NotEmpty(t, task.Title, task.Number)
			require.NotEmpty(t, task.Output, task.Number)
			checkTaskUnits(t, idx, Plan2024.Issuer, task.Number, task.Lead, task.Coord)
			_, kind, err := resolve(task.Deadline, 2024)
			require.NoError(t, err, "task %s", task.Number)
			require.NotEqual(t, recurring, kind, "task %s: no recurring task in the 2024 plan", task.Number)
		}
	}
	require.Equal(t, 59, n)

	led := 0
	coordinated := 0
	for _, task := range allTasks2024() {
		if task.Lead == CityJusticeCode {
			led++
		}
		if slices.Contains(task.Coord, CityJusticeCode) {
			coordinated++
		}
	}
	require.GreaterOrEqual(t, led, 5, "Phòng Tư pháp leads several tasks")
	require.GreaterOrEqual(t, coordinated, 3, "Phòng Tư pháp coordinates some tasks")
	for _, task := range Plan2024.Areas[1].Tasks {
		if task.Lead == CityJusticeCode {
			led--
		}
	}
	require.Less(t, led, 5, "most of Phòng Tư pháp's tasks are in II. Cải cách thể chế")
}

func TestPlan2024Histories(t *testing.T) {
	t.Parallel()
	issued := date(t, Plan2024.IssuedOn)
	first, last := date(t, "2024-01-02"), date(t, "2024-12-31")
	evidence := map[string]string{}
	for _, task := range allTasks2024() {
		require.NotEmpty(t, task.History, "task %s has no history", task.Number)
		require.LessOrEqual(t, len(task.History), 4, "task %s", task.Number)
		var prev time.Time
		prevPct := 0
		for i, e := range task.History {
			at := fmt.Sprintf("task %s entry %d", task.Number, i)
			rec := date(t, e.Recorded)
			require.False(t, rec.Before(first) || rec.After(last), "%s: recorded %s outside 2024", at, e.Recorded)
			require.True(t, rec.After(prev), "%s: entries must be in date order", at)
			require.GreaterOrEqual(t, e.Percent, prevPct, "%s: percent decreases", at)
			require.True(t, e.Percent >= 0 && e.Percent <= 100, at)
			require.NotEmpty(t, e.Note, at)
			require.True(t, strings.HasSuffix(e.Note, "."), "%s: a note is a sentence", at)
			if e.Completed {
				require.Equal(t, 100, e.Percent, "%s: completed means 100%%", at)
				require.Equal(t, len(task.History)-1, i, "%s: nothing after completion", at)
				require.NotEmpty(t, e.EvidenceNumber, "%s: completion comes with evidence", at)
			} else {
				require.Less(t, e.Percent, 100, "%s: 100%% without completion", at)
			}
			require.Equal(t, e.EvidenceNumber == "", e.EvidenceDate == "", "%s: evidence number and date go together", at)
			if e.EvidenceNumber != "" {
				require.True(t, e.Completed, "%s: evidence only with completion", at)
				ev := date(t, e.EvidenceDate)
				require.False(t, ev.After(rec), "%s: evidence after the day it was recorded", at)
				require.True(t, ev.After(issued), "%s: evidence before the plan", at)
				require.True(t, rec.Sub(ev) <= 7*24*time.Hour, "%s: evidence recorded more than a week late", at)
				require.NotContains(t, evidence, e.EvidenceNumber, "%s: evidence %s proves two tasks", at, e.EvidenceNumber)
				evidence[e.EvidenceNumber] = task.Number
				require.Contains(t, e.Note, e.EvidenceNumber, "%s: the note names the evidence", at)
			}
			prev, prevPct = rec, e.Percent
		}
		require.True(t, task.History[len(task.History)-1].Completed, "task %s: the year must end completed", task.Number)
	}
}

// TestPlan2024Cutoff checks the state the 9-month report must show.
func TestPlan2024Cutoff(t *testing.T) {
	t.Parallel()
	cutoff := date(t, Plan2024Cutoff)
	var completed, late, underWay, earlyYearEnd []string
	for _, task := range allTasks2024() {
		due, kind, err := resolve(task.Deadline, 2024)
		require.NoError(t, err)
		s := stateAt(t, task, cutoff)
		if !s.completed {
			underWay = append(underWay, task.Number)
			require.Equal(t, continuous, kind, "task %s: only continuous tasks are still open at the cut-off", task.Number)
			require.True(t, s.started, "task %s: under way, so it has progress", task.Number)
			require.Less(t, s.percent, 100)
			// completed in December
			end := stateAt(t, task, date(t, "2024-12-31"))
			require.True(t, end.completed)
			require.Equal(t, time.December, end.doneOn.Month(), "task %s", task.Number)
			continue
		}
		completed = append(completed, task.Number)
		require.False(t, s.doneOn.After(cutoff))
		if kind == continuous {
			continue // never late
		}
		if s.doneOn.After(due) {
			late = append(late, task.Number)
		}
		if due.After(cutoff) && due.Month() > time.September {
			earlyYearEnd = append(earlyYearEnd, task.Number)
		}
	}
	require.Len(t, completed, 54)
	require.Len(t, underWay, 5)
	require.Equal(t, "91,5%", strings.Replace(strconv.FormatFloat(float64(len(completed))*100/59, 'f', 1, 64), ".", ",", 1)+"%")
	require.True(t, len(late) >= 3 && len(late) <= 5, "late: %v", late)
	require.LessOrEqual(t, len(earlyYearEnd), 5, "year-end tasks completed early: %v", earlyYearEnd)
	t.Logf("under way at %s: %v; completed late: %v; year-end tasks done early: %v", Plan2024Cutoff, underWay, late, earlyYearEnd)

	// Before the cut-off every deadline that passed was met (late or not),
	// so the 9-month report shows no overdue task.
	for _, task := range allTasks2024() {
		due, kind, _ := resolve(task.Deadline, 2024)
		if kind == fixed && !due.After(cutoff) {
			require.True(t, stateAt(t, task, cutoff).completed, "task %s overdue at the cut-off", task.Number)
		}
	}
}

// docRef matches "số 125/KH-UBND ngày 08/04/2024" in notes.
var docRef = regexp.MustCompile(`(\d+)/([\p{L}\d-]+) ngày (\d{2})/(\d{2})/(\d{4})`)

// TestPlan2024Documents checks that document numbers and dates quoted in the
// notes are consistent: one date per number, and within one series (e.g.
// "KH-UBND") numbers grow with dates, as registers number them.
func TestPlan2024Documents(t *testing.T) {
	t.Parallel()
	type doc struct {
		n    int
		date time.Time
	}
	series := map[string][]doc{}
	dates := map[string]time.Time{}
	add := func(where string, n int, s string, d time.Time) {
		key := fmt.Sprintf("%d/%s", n, s)
		if old, ok := dates[key]; ok {
			require.Equal(t, old, d, "%s: %s quoted with two dates", where, key)
			return
		}
		dates[key] = d
		series[s] = append(series[s], doc{n, d})
	}
	for _, task := range allTasks2024() {
		for i, e := range task.History {
			where := fmt.Sprintf("task %s entry %d", task.Number, i)
			for _, m := range docRef.FindAllStringSubmatch(e.Note, -1) {
				n, _ := strconv.Atoi(m[1])
				d := date(t, m[5]+"-"+m[4]+"-"+m[3])
				require.False(t, d.After(date(t, e.Recorded)), "%s: quotes a document from the future", where)
				add(where, n, m[2], d)
			}
			if e.EvidenceNumber != "" {
				num, s, ok := strings.Cut(e.EvidenceNumber, "/")
				require.True(t, ok, where)
				n, err := strconv.Atoi(num)
				require.NoError(t, err, where)
				add(where, n, s, date(t, e.EvidenceDate))
			}
		}
	}
	require.Greater(t, len(dates), 60, "documents quoted")
	for s, docs := range series {
		slices.SortFunc(docs, func(a, b doc) int { return a.n - b.n })
		for i := 1; i < len(docs); i++ {
			require.False(t, docs[i].date.Before(docs[i-1].date),
				"series %s: %d dated %s before %d dated %s", s,
				docs[i].n, docs[i].date.Format(day), docs[i-1].n, docs[i-1].date.Format(day))
		}
	}
}

// --- the current-year plan

func allTasksCurrent() []RelTask {
	var ts []RelTask
	for _, a := range PlanCurrent.Areas {
		ts = append(ts, a.Tasks...)
	}
	return ts
}

func TestPlanCurrent(t *testing.T) {
	t.Parallel()
	idx := unitIndex()
	require.Equal(t, "Kế hoạch cải cách hành chính năm {YEAR}", PlanCurrent.Title)
	require.Regexp(t, `^\d+/KH-UBND$`, PlanCurrent.Number)
	require.Equal(t, RootCode, PlanCurrent.Issuer)
	require.Len(t, PlanCurrent.Areas, 8)

	numbers := map[string]bool{}
	n := 0
	for i, a := range PlanCurrent.Areas {
		require.Equal(t, areaLabels[i], a.Label)
		require.Equal(t, areaNames[i], a.Name)
		require.NotEmpty(t, a.Tasks)
		for _, task := range a.Tasks {
			n++
			require.False(t, numbers[task.Number], "task %s twice", task.Number)
			numbers[task.Number] = true
			require.Equal(t, strconv.Itoa(n), task.Number)
			require.NotEmpty(t, task.Title)
			require.NotEmpty(t, task.Output)
			require.NotContains(t, task.Title, "{YEAR}")
			checkTaskUnits(t, idx, PlanCurrent.Issuer, task.Number, task.Lead, task.Coord)
			if task.Deadline != "" {
				_, kind, err := resolve(task.Deadline, 2000)
				require.NoError(t, err, task.Number)
				require.NotEqual(t, fixed, kind, "task %s: a fixed deadline is given as DueInDays", task.Number)
				require.Zero(t, task.DueInDays, task.Number)
			} else {
				require.True(t, task.DueInDays >= -60 && task.DueInDays <= 200 && task.DueInDays != 0, "task %s: DueInDays %d", task.Number, task.DueInDays)
			}
			prevAgo, prevPct := 1<<30, 0
			for j, e := range task.History {
				at := fmt.Sprintf("task %s entry %d", task.Number, j)
				require.True(t, e.DaysAgo >= 0 && e.DaysAgo <= 90, at)
				require.Less(t, e.DaysAgo, prevAgo, "%s: oldest first", at)
				require.LessOrEqual(t, e.DaysAgo, PlanCurrent.IssuedDaysAgo, "%s: before the plan was issued", at)
				require.GreaterOrEqual(t, e.Percent, prevPct, at)
				require.NotEmpty(t, e.Note, at)
				require.True(t, strings.HasSuffix(e.Note, "."), at)
				require.NotRegexp(t, `\d{1,2}/\d{1,2}/\d{4}|quý (I|II|III|IV)\b|tháng \d`, e.Note, "%s: relative notes name no date", at)
				if e.Completed {
					require.Equal(t, 100, e.Percent, at)
					require.Equal(t, len(task.History)-1, j, at)
					require.NotEmpty(t, e.EvidenceNumber, at)
					require.Contains(t, e.Note, e.EvidenceNumber, at)
				} else {
					require.Less(t, e.Percent, 100, at)
				}
				if e.EvidenceNumber != "" {
					require.True(t, e.Completed, at)
					require.GreaterOrEqual(t, e.EvidenceDaysAgo, e.DaysAgo, at)
					require.LessOrEqual(t, e.EvidenceDaysAgo, PlanCurrent.IssuedDaysAgo, at)
				} else {
					require.Zero(t, e.EvidenceDaysAgo, at)
				}
				prevAgo, prevPct = e.DaysAgo, e.Percent
			}
		}
	}
	require.True(t, n >= 30 && n <= 60, "%d tasks", n)

	// Categories the demo must show.
	cat := map[string][]string{}
	for _, task := range allTasksCurrent() {
		h := task.History
		done := len(h) > 0 && h[len(h)-1].Completed
		var c string
		switch {
		case task.Deadline == "Hằng quý":
			c = "recurring"
		case task.Deadline == "Thường xuyên":
			require.False(t, done, "task %s", task.Number)
			require.NotEmpty(t, h, "task %s", task.Number)
			c = "continuous"
		case done:
			require.LessOrEqual(t, -h[len(h)-1].EvidenceDaysAgo, task.DueInDays, "task %s completed late", task.Number)
			c = "completed"
		case task.DueInDays < 0 && len(h) == 0:
			c = "overdue, not started"
		case task.DueInDays < 0:
			c = "overdue"
		case task.DueInDays <= 7:
			require.NotEmpty(t, h, "task %s: due within 7 days and in progress", task.Number)
			c = "due within 7 days"
		case len(h) == 0:
			c = "not started"
		default:
			c = "in progress"
		}
		cat[c] = append(cat[c], task.Number)
		if task.Lead == JusticeCode {
			cat["PTP leads: "+c] = append(cat["PTP leads: "+c], task.Number)
		} else if slices.Contains(task.Coord, JusticeCode) {
			cat["PTP coordinates"] = append(cat["PTP coordinates"], task.Number)
		}
	}
	t.Logf("current plan: %v", cat)
	for _, c := range []string{"completed", "due within 7 days", "overdue", "overdue, not started", "not started", "continuous", "in progress"} {
		require.GreaterOrEqual(t, len(cat[c]), 2, c)
	}
	require.Len(t, cat["recurring"], 1)
	require.NotEmpty(t, cat["PTP leads: overdue"])
	require.NotEmpty(t, cat["PTP leads: due within 7 days"])
	require.NotEmpty(t, cat["PTP leads: completed"])
	require.NotEmpty(t, cat["PTP coordinates"])
}

// --- indicators, remarks and the reporting chain

// TestIndicators2024: the units' figures add up to what the 9-month report
// quotes (50.176 dossiers, 98% on time, 83,45% online, SIPAS 90,2%).
func TestIndicators2024(t *testing.T) {
	t.Parallel()
	idx := unitIndex()
	sums := map[string][3]float64{}
	for _, d := range Indicators2024 {
		var s [3]float64
		seen := map[string]bool{}
		for _, f := range d.Figures {
			require.Contains(t, idx, f.Unit, d.Code)
			require.True(t, below(idx, f.Unit, CityCode), "%s: %s reports to the city", d.Code, f.Unit)
			require.False(t, seen[f.Unit], "%s: %s twice", d.Code, f.Unit)
			seen[f.Unit] = true
			require.LessOrEqual(t, f.Num, f.Den, "%s of %s", d.Code, f.Unit)
			require.LessOrEqual(t, f.EvidenceIndex, len(d.Evidence))
			s[0], s[1], s[2] = s[0]+f.Value, s[1]+f.Num, s[2]+f.Den
		}
		sums[d.Code] = s
	}
	require.Equal(t, float64(Received2024), sums["TTHC_RECEIVED"][0])
	require.Equal(t, [3]float64{0, OnTime2024, Resolved2024}, sums["TTHC_ON_TIME"])
	require.Equal(t, "98,00", strings.Replace(strconv.FormatFloat(OnTime2024*100.0/Resolved2024, 'f', 2, 64), ".", ",", 1))
	require.Equal(t, [3]float64{0, Online2024, Received2024}, sums["TTHC_ONLINE"])
	require.Equal(t, "83,45", strings.Replace(strconv.FormatFloat(Online2024*100.0/Received2024, 'f', 2, 64), ".", ",", 1))
	require.Less(t, sums["TTHC_PAID_ONLINE"][1]*2, sums["TTHC_PAID_ONLINE"][2], "paid online stays under its 50% target")
	require.Equal(t, SIPAS2024, sums["SIPAS"][0])
}

// TestRemarks: the remarks name existing entries, read as the demo's other
// texts do, and every task completed late in 2024 says why.
func TestRemarks(t *testing.T) {
	t.Parallel()
	check := func(path, s string) {
		require.True(t, norm.NFC.IsNormalString(s), "%s is not NFC: %q", path, s)
		require.Equal(t, strings.Join(strings.Fields(s), " "), s, "%s has stray spaces", path)
		require.False(t, newStyleTone.MatchString(s), "%s: tone mark placement %q", path, newStyleTone.FindString(s))
		require.NotContains(t, s, "\"", path)
		if s != "" {
			require.True(t, strings.HasSuffix(s, "."), "%s: a remark is a sentence", path)
		}
	}
	eachString(reflect.ValueOf(laggardRemark), "laggardRemark", check)
	entries2024 := map[string]int{}
	for _, task := range allTasks2024() {
		entries2024[task.Number] = len(task.History)
	}
	for number, rs := range Remarks2024 {
		for i, r := range rs {
			require.Less(t, i, entries2024[number], "task %s has no entry %d", number, i)
			eachString(reflect.ValueOf(r), "Remarks2024."+number, check)
		}
	}
	for _, number := range []string{"3", "11", "16", "47"} {
		found := false
		for _, r := range Remarks2024[number] {
			found = found || r.Reason != ""
		}
		require.True(t, found, "task %s was completed late: its reason", number)
	}
	entriesCurrent := map[string]int{}
	for _, task := range allTasksCurrent() {
		entriesCurrent[task.Number] = len(task.History)
	}
	for number, rs := range RemarksCurrent {
		for i, r := range rs {
			require.Less(t, i, entriesCurrent[number], "task %s has no entry %d", number, i)
			eachString(reflect.ValueOf(r), "RemarksCurrent."+number, check)
			require.NotRegexp(t, `\d{1,2}/\d{1,2}/\d{4}|quý (I|II|III|IV)\b|tháng \d`, r.Reason+r.Difficulties+r.Proposals, "relative remarks name no date")
		}
	}
}

// TestSubmissionStates: every unit of the province with a plan has a
// report state, and every state is there, some late.
func TestSubmissionStates(t *testing.T) {
	t.Parallel()
	require.Len(t, Submissions, len(UnitProfiles))
	count := map[Submission]int{}
	for code, s := range Submissions {
		require.Contains(t, UnitProfiles, code)
		count[s]++
	}
	for _, s := range []Submission{NotReported, Drafted, SentOnTime, SentLate} {
		require.Positive(t, count[s], "state %d", s)
	}
	require.Equal(t, Drafted, Submissions[JusticeCode], "the justice officer has a report to send: the reminder reaches them")
	for _, d := range quarterDossiers {
		require.Contains(t, Submissions, d.Unit)
		require.True(t, d.OnTime <= 1 && d.Online <= 1, d.Unit)
	}
}
