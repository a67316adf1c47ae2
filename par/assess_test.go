package par_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/internal/errs"
	"cchc/par"
	"cchc/plans"
	"cchc/reminders"
	"cchc/tasks"
	"cchc/units"
)

// world is a small province with three departments and a set for them.
type world struct {
	db    *bun.DB
	body  *units.Unit
	units map[string]*units.Unit
	group *par.Group
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{db: dbtest.New(t), units: map[string]*units.Unit{}}
	w.body = &units.Unit{Code: "P", Name: "UBND tỉnh Thử", Kind: units.KindProvince}
	require.NoError(t, units.Create(ctx, w.db, w.body))
	for _, c := range []string{"A", "B", "C"} {
		u := &units.Unit{Code: c, Name: "Sở " + c, Kind: units.KindDepartment, ParentID: w.body.ID}
		require.NoError(t, units.Create(ctx, w.db, u))
		w.units[c] = u
	}
	w.group = &par.Group{BodyID: w.body.ID, Code: "P.SO", Name: "Các sở", Kinds: []string{"department"}}
	require.NoError(t, par.InsertGroup(ctx, w.db, w.group))
	return w
}

// criteria: 1 area of 2 criteria: 1.1 with a self-scored component
// requiring evidence (2 points) and one not (1 point), 1.2 a survey (2).
func smallCriteria() *par.Criteria {
	return &par.Criteria{Title: "Bộ chỉ số thử", Areas: []*par.Node{{Number: "1", Title: "Chỉ đạo", Children: []*par.Node{
		{Number: "1.1", Title: "Kế hoạch", Children: []*par.Node{
			{Number: "1.1.1", Title: "Ban hành", Max: 200, HasMax: true, Evidence: true, Rule: par.Rule{Method: par.MethodSelf}},
			{Number: "1.1.2", Title: "Kiểm tra", Max: 100, HasMax: true, Rule: par.Rule{Method: par.MethodSelf}},
		}},
		{Number: "1.2", Title: "Hài lòng", Max: 200, HasMax: true, Rule: par.Rule{Method: par.MethodSurvey}},
	}}}}
}

func (w *world) openSet(t *testing.T, year int, from, to civil.Date) (*par.Set, *par.Tree, map[string]par.Assessment) {
	t.Helper()
	ctx := context.Background()
	s, err := par.InsertSet(ctx, w.db, par.NewSet{GroupID: w.group.ID, Year: year}, smallCriteria())
	require.NoError(t, err)
	s, err = par.Configure(ctx, w.db, s.ID, s.Version, par.Settings{SelfFrom: from, SelfTo: to, AnswerDays: 3, Bands: s.Bands})
	require.NoError(t, err)
	as, err := par.Open(ctx, w.db, s.ID, s.Version)
	require.NoError(t, err)
	require.NotEmpty(t, as)
	s, err = par.GetSet(ctx, w.db, s.ID)
	require.NoError(t, err)
	tree, err := par.LoadTree(ctx, w.db, s)
	require.NoError(t, err)
	all, err := par.Assessments(ctx, w.db, s.ID)
	require.NoError(t, err)
	byCode := map[string]par.Assessment{}
	for _, a := range all {
		byCode[a.Unit.Code] = a
	}
	return s, tree, byCode
}

func pts(p par.Points) *par.Points { return &p }

func requireInvalid(t *testing.T, err error, key string) {
	t.Helper()
	require.Error(t, err)
	e, ok := errs.As(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, errs.Invalid, e.Kind, "%v", err)
	require.Equal(t, key, e.Key, "%v", err)
}

func auditCount(t *testing.T, db bun.IDB) int {
	t.Helper()
	n, err := db.NewSelect().Table("audit_log").Count(context.Background())
	require.NoError(t, err)
	return int(n)
}

// The whole life of an index: self-assessment with its checks, appraisal,
// one answer, decisions, publication with ranks and classes, the next
// year's change.
func TestAssessmentLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	day := func(s string) time.Time { return civil.MustParse(s).Start().Add(9 * time.Hour) }
	_, tree, as := w.openSet(t, 2025, civil.MustParse("2025-12-01"), civil.MustParse("2025-12-20"))
	c111, c112, c12 := tree.Leaves[0], tree.Leaves[1], tree.Leaves[2]
	a := as["A"]

	// Above the maximum, below zero, a survey component, an unknown one:
	// refused, naming the component, nothing written.
	n0 := auditCount(t, w.db)
	_, err := par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: c112.ID, Points: pts(100)}, {ItemID: c111.ID, Points: pts(250)}})
	requireInvalid(t, err, "par.points_over_max")
	require.Contains(t, err.Error(), "1.1.1")
	_, err = par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: c111.ID, Points: pts(-1)}})
	requireInvalid(t, err, "par.points_negative")
	_, err = par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: c12.ID, Points: pts(1)}})
	requireInvalid(t, err, "par.not_self_scored")
	_, err = par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: 999999, Points: pts(1)}})
	requireInvalid(t, err, "par.item_unknown")
	require.Equal(t, n0, auditCount(t, w.db))
	sc, err := par.Scores(ctx, w.db, a.ID)
	require.NoError(t, err)
	require.Empty(t, sc)

	// Evidence over the size limit, or whose content is not its type.
	_, err = par.AddEvidence(ctx, w.db, a.ID, c111.ID, par.Attachment{Upload: tasks.Upload{Name: "a.pdf", Data: append([]byte("%PDF-"), make([]byte, tasks.MaxEvidenceSize)...)}}, 0)
	requireInvalid(t, err, "tasks.file_large")
	_, err = par.AddEvidence(ctx, w.db, a.ID, c111.ID, par.Attachment{Upload: tasks.Upload{Name: "a.pdf", Data: []byte("not a pdf")}}, 0)
	requireInvalid(t, err, "tasks.file_content")

	// Submitting half done: the missing components are named.
	_, err = par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: c111.ID, Points: pts(200)}})
	require.NoError(t, err)
	_, err = par.Submit(ctx, w.db, a.ID, a.Version, 0, day("2025-12-10"))
	requireInvalid(t, err, "par.submit_unscored")
	require.Contains(t, err.Error(), "1.1.2")
	_, err = par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: c112.ID, Points: pts(100), Version: 0}})
	require.NoError(t, err)
	_, err = par.Submit(ctx, w.db, a.ID, a.Version, 0, day("2025-12-10"))
	requireInvalid(t, err, "par.submit_evidence")
	require.Contains(t, err.Error(), "1.1.1")
	e, err := par.AddEvidence(ctx, w.db, a.ID, c111.ID, par.Attachment{Upload: tasks.Upload{Name: "ke-hoach.pdf", Data: demo.PDF("Ke hoach")}}, 0)
	require.NoError(t, err)
	require.Equal(t, "ke-hoach.pdf", e.Filename)
	// A stale score version.
	_, err = par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: c111.ID, Points: pts(150), Version: 7}})
	require.ErrorIs(t, err, par.ErrStale)
	sub, err := par.Submit(ctx, w.db, a.ID, a.Version, 0, day("2025-12-10"))
	require.NoError(t, err)
	require.Equal(t, par.AssessmentSubmitted, sub.State)

	// Locked once submitted.
	_, err = par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: c111.ID, Points: pts(100), Version: 1}})
	requireInvalid(t, err, "par.assessment_locked")
	require.ErrorIs(t, par.RemoveEvidence(ctx, w.db, e.ID), errs.Invalid)

	// B submits late (after the 20th); C never does.
	b := as["B"]
	_, err = par.SelfScore(ctx, w.db, b.ID, []par.SelfInput{{ItemID: c111.ID, Points: pts(150), Explanation: "Kế hoạch số 3"}, {ItemID: c112.ID, Points: pts(100)}})
	require.NoError(t, err)
	subB, err := par.Submit(ctx, w.db, b.ID, b.Version, 0, day("2025-12-22"))
	require.NoError(t, err)
	s, err := par.GetSet(ctx, w.db, a.SetID)
	require.NoError(t, err)
	require.True(t, subB.Late(s, civil.MustParse("2025-12-23")))
	require.False(t, sub.Late(s, civil.MustParse("2025-12-23")))
	c := as["C"]
	require.True(t, c.Late(s, civil.MustParse("2025-12-21")))
	_, err = par.SelfScore(ctx, w.db, c.ID, []par.SelfInput{{ItemID: c112.ID, Points: pts(50)}})
	require.NoError(t, err)

	// The appraisal of an assessment still in draft must wait for the close.
	_, err = par.Appraise(ctx, w.db, c.ID, par.AppraiseInput{ItemID: c112.ID, Points: pts(0)})
	requireInvalid(t, err, "par.not_in_appraisal")
	require.NoError(t, par.CloseSelfAssessment(ctx, w.db, s.ID, s.Version))
	// Closed: no more scores.
	_, err = par.SelfScore(ctx, w.db, c.ID, []par.SelfInput{{ItemID: c112.ID, Points: pts(100), Version: 1}})
	requireInvalid(t, err, "par.assessment_closed")

	// Survey points, all or nothing.
	err = par.SetSurvey(ctx, w.db, s.ID, []par.SurveyInput{{UnitID: a.UnitID, ItemID: c12.ID, Points: pts(180)}, {UnitID: b.UnitID, ItemID: c12.ID, Points: pts(201)}})
	requireInvalid(t, err, "par.survey_invalid")
	require.NoError(t, par.SetSurvey(ctx, w.db, s.ID, []par.SurveyInput{
		{UnitID: a.UnitID, ItemID: c12.ID, Points: pts(180)}, {UnitID: b.UnitID, ItemID: c12.ID, Points: pts(200)}, {UnitID: c.UnitID, ItemID: c12.ID, Points: pts(100)}}))
	_, err = par.Appraise(ctx, w.db, a.ID, par.AppraiseInput{ItemID: c12.ID, Points: pts(1)})
	requireInvalid(t, err, "par.survey_not_appraised")

	// The group: A loses half a point on 1.1.1, B and C are kept as scored.
	scA, err := par.Scores(ctx, w.db, a.ID)
	require.NoError(t, err)
	_, err = par.Appraise(ctx, w.db, a.ID, par.AppraiseInput{ItemID: c111.ID, Points: pts(150), Comment: "thiếu phụ lục", Version: scA[c111.ID].Version})
	require.NoError(t, err)
	// Answering before the appraisal is complete is refused.
	_, err = par.Answer(ctx, w.db, a.ID, par.AnswerInput{Text: "xin giải trình", Version: sub.Version}, 0, day("2026-01-05"))
	requireInvalid(t, err, "par.not_appraised_yet")
	done, err := par.CompleteAppraisal(ctx, w.db, a.ID, sub.Version, 0, day("2026-01-05"))
	require.NoError(t, err)
	require.Equal(t, civil.MustParse("2026-01-08"), done.AnswerDue)
	for _, x := range []par.Assessment{b, c} {
		_, err := par.CompleteAppraisal(ctx, w.db, x.ID, 0, 0, day("2026-01-05"))
		require.NoError(t, err)
	}
	// Deciding while A may still answer is refused; A answers once.
	_, err = par.Decide(ctx, w.db, a.ID, done.Version, 0, day("2026-01-06"))
	requireInvalid(t, err, "par.answer_window_open")
	ans, err := par.Answer(ctx, w.db, a.ID, par.AnswerInput{Text: "Phụ lục đã gửi kèm", ByItem: map[int64]string{c111.ID: "Có phụ lục"}, Version: done.Version}, 0, day("2026-01-07"))
	require.NoError(t, err)
	_, err = par.Answer(ctx, w.db, a.ID, par.AnswerInput{Text: "lần hai", Version: ans.Version}, 0, day("2026-01-07"))
	requireInvalid(t, err, "par.answered_once")
	// B's window has passed without an answer.
	bb, err := par.GetAssessment(ctx, w.db, b.ID)
	require.NoError(t, err)
	_, err = par.Answer(ctx, w.db, b.ID, par.AnswerInput{Text: "muộn", Version: bb.Version}, 0, day("2026-01-09"))
	requireInvalid(t, err, "par.answer_closed")

	// Publication needs every unit decided.
	s, err = par.GetSet(ctx, w.db, s.ID)
	require.NoError(t, err)
	err = par.Publish(ctx, w.db, s.ID, s.Version, par.DefaultFeeds(), "1/QĐ-UBND", 0, day("2026-01-20"))
	requireInvalid(t, err, "par.publish_pending")
	for _, id := range []int64{a.ID, b.ID, c.ID} {
		x, err := par.GetAssessment(ctx, w.db, id)
		require.NoError(t, err)
		_, err = par.Decide(ctx, w.db, id, x.Version, 0, day("2026-01-10"))
		require.NoError(t, err, "%d", id)
	}
	require.NoError(t, par.Publish(ctx, w.db, s.ID, s.Version, par.DefaultFeeds(), "1/QĐ-UBND", 0, day("2026-01-20")))
	s, err = par.GetSet(ctx, w.db, s.ID)
	require.NoError(t, err)
	_, cards, err := par.Cards(ctx, w.db, s, par.DefaultFeeds(), civil.MustParse("2026-02-01"))
	require.NoError(t, err)
	final := map[string]par.Points{}
	ranks := map[string]int{}
	for _, cd := range cards {
		final[cd.Unit.Code], ranks[cd.Unit.Code] = cd.Final, cd.Rank
	}
	// A: 1,5 (appraised) + 1 + 1,8; B: 1,5 + 1 + 2; C: 0 (never scored) + 0,5 + 1.
	require.Equal(t, map[string]par.Points{"A": 430, "B": 450, "C": 150}, final)
	require.Equal(t, map[string]int{"B": 1, "A": 2, "C": 3}, ranks)
	for _, cd := range cards {
		require.Equal(t, par.ClassOf(s.Bands, cd.Final), cd.Class)
		require.Nil(t, cd.Change)
	}
	// Published: nothing changes any more.
	err = par.SetSurvey(ctx, w.db, s.ID, []par.SurveyInput{{UnitID: a.UnitID, ItemID: c12.ID, Points: pts(200)}})
	requireInvalid(t, err, "par.survey_closed")

	// The next year, cloned: the change against last year.
	s2, err := par.CloneSet(ctx, w.db, s, 2026)
	require.NoError(t, err)
	require.Equal(t, 2026, s2.Year)
	require.Equal(t, s.Total, s2.Total)
	require.Equal(t, par.StateDraft, s2.State)
	_, err = par.CloneSet(ctx, w.db, s, 2026)
	require.ErrorIs(t, err, par.ErrSetExists)
}

// Ties share a rank: 1, 2, 2, 4.
func TestTiesShareARank(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	d := &units.Unit{Code: "D", Name: "Sở D", Kind: units.KindDepartment, ParentID: w.body.ID}
	require.NoError(t, units.Create(ctx, w.db, d))
	s, tree, as := w.openSet(t, 2025, civil.MustParse("2025-12-01"), civil.MustParse("2025-12-20"))
	self := tree.LeavesBy(par.MethodSelf)
	give := map[string][2]par.Points{"A": {200, 100}, "B": {150, 100}, "C": {200, 50}, "D": {100, 0}}
	for code, p := range give {
		a := as[code]
		_, err := par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: self[0].ID, Points: pts(p[0]), Explanation: "x"}, {ItemID: self[1].ID, Points: pts(p[1])}})
		require.NoError(t, err)
	}
	_, cards, err := par.Cards(ctx, w.db, s, par.DefaultFeeds(), civil.MustParse("2025-12-05"))
	require.NoError(t, err)
	ranks := map[string]int{}
	for _, c := range cards {
		ranks[c.Unit.Code] = c.Rank
	}
	require.Equal(t, map[string]int{"A": 1, "B": 2, "C": 2, "D": 4}, ranks)
	require.Equal(t, []string{"A", "B", "C", "D"}, func() []string {
		var out []string
		for _, c := range par.Ranked(cards) {
			out = append(out, c.Unit.Code)
		}
		return out
	}())
}

// Criteria are edited until the assessment opens, then locked.
func TestCriteriaEditableUntilOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	s, err := par.InsertSet(ctx, w.db, par.NewSet{GroupID: w.group.ID, Year: 2025}, smallCriteria())
	require.NoError(t, err)
	require.Equal(t, par.Points(500), s.Total)
	tree, err := par.LoadTree(ctx, w.db, s)
	require.NoError(t, err)
	leaf := tree.Leaves[1]
	err = par.UpdateItem(ctx, w.db, leaf.ID, s.Version, par.ItemEdit{Title: "Kiểm tra CCHC", Max: 300,
		Rule: par.Rule{Method: par.MethodComputed, Source: par.SourceOwnPlan, Steps: []par.Step{{From: 10000, Points: 300}}}})
	require.NoError(t, err)
	s, err = par.GetSet(ctx, w.db, s.ID)
	require.NoError(t, err)
	require.Equal(t, par.Points(700), s.Total, "the maxima above follow")
	require.Equal(t, par.DefaultBands(700), s.Bands, "default bands follow the total")
	// A stale version, a step above the maximum.
	err = par.UpdateItem(ctx, w.db, leaf.ID, s.Version-1, par.ItemEdit{Title: "x", Max: 100})
	require.ErrorIs(t, err, par.ErrStale)
	err = par.UpdateItem(ctx, w.db, leaf.ID, s.Version, par.ItemEdit{Title: "x", Max: 100,
		Rule: par.Rule{Method: par.MethodComputed, Source: par.SourcePlan, Steps: []par.Step{{From: 10000, Points: 300}}}})
	requireInvalid(t, err, "par.rule_step_over_max")
	s, err = par.Configure(ctx, w.db, s.ID, s.Version, par.Settings{SelfFrom: civil.MustParse("2025-12-01"), SelfTo: civil.MustParse("2025-12-20"), AnswerDays: 5, Bands: s.Bands})
	require.NoError(t, err)
	_, err = par.Open(ctx, w.db, s.ID, s.Version)
	require.NoError(t, err)
	s, err = par.GetSet(ctx, w.db, s.ID)
	require.NoError(t, err)
	err = par.UpdateItem(ctx, w.db, leaf.ID, s.Version, par.ItemEdit{Title: "x", Max: 100})
	requireInvalid(t, err, "par.set_not_draft")
	_, err = par.ReplaceCriteria(ctx, w.db, s.ID, s.Version, smallCriteria())
	requireInvalid(t, err, "par.set_not_draft")
	// Bands: the lowest from 0, names, distinct thresholds.
	_, err = par.ParseBands("Tốt: 80; Khá: 80; Yếu: 0")
	requireInvalid(t, err, "par.bands_order")
	_, err = par.ParseBands("Tốt: 80; Khá: 50")
	requireInvalid(t, err, "par.bands_lowest")
	bs, err := par.ParseBands("Yếu: 0; Xuất sắc: 90; Tốt: 80")
	require.NoError(t, err)
	require.Equal(t, "Xuất sắc: 90; Tốt: 80; Yếu: 0", par.BandsText(bs))
}

// The reminders: 7, 3 and 1 day(s) before the due day and on it, to units
// that have not submitted, once each; then once that they are late.
func TestSelfAssessmentReminders(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	_, _, as := w.openSet(t, 2025, civil.MustParse("2025-12-01"), civil.MustParse("2025-12-20"))
	a := as["A"]
	_, err := par.SelfScore(ctx, w.db, a.ID, []par.SelfInput{{ItemID: 0}})
	requireInvalid(t, err, "par.item_unknown")
	notices := func(d string) map[string][]int {
		ns, err := par.Reminders{}.Notices(ctx, w.db, civil.MustParse(d))
		require.NoError(t, err)
		out := map[string][]int{}
		for _, n := range ns {
			require.NotEmpty(t, n.Title)
			out[n.Kind] = append(out[n.Kind], n.Step)
		}
		return out
	}
	require.Empty(t, notices("2025-12-05"), "15 days before")
	require.Equal(t, map[string][]int{par.NoticeDue: {7, 7, 7}}, notices("2025-12-13"))
	require.Equal(t, map[string][]int{par.NoticeDue: {3, 3, 3}}, notices("2025-12-18"), "2 days left: the 3-day reminder")
	require.Equal(t, map[string][]int{par.NoticeDue: {0, 0, 0}}, notices("2025-12-20"))
	require.Equal(t, map[string][]int{par.NoticeLate: {1, 1, 1}}, notices("2025-12-22"))
	// Submitted units are not chased.
	for _, code := range []string{"A", "B", "C"} {
		x := as[code]
		self, err := par.LoadTree(ctx, w.db, mustSet(t, w.db, x.SetID))
		require.NoError(t, err)
		var ins []par.SelfInput
		for _, it := range self.LeavesBy(par.MethodSelf) {
			ins = append(ins, par.SelfInput{ItemID: it.ID, Points: pts(0), Explanation: "không có"})
		}
		_, err = par.SelfScore(ctx, w.db, x.ID, ins)
		require.NoError(t, err)
		if code != "C" {
			_, err = par.Submit(ctx, w.db, x.ID, x.Version, 0, civil.MustParse("2025-12-10").Start())
			require.NoError(t, err)
		}
	}
	require.Equal(t, map[string][]int{par.NoticeDue: {7}}, notices("2025-12-13"))

	// Through a reminder run, the existing channels: the officer of Sở C
	// gets the notice in-app (and by e-mail and webhook when configured),
	// once.
	u, err := accounts.Create(ctx, w.db, accounts.NewUser{Email: "c@example.test", Name: "Cán bộ C", Role: accounts.RoleOfficer,
		UnitID: w.units["C"].ID, Password: "mat-khau-dai"})
	require.NoError(t, err)
	cfg := reminders.Config{Sources: []reminders.Source{par.Reminders{}}}
	at := civil.MustParse("2025-12-15").Start().Add(7 * time.Hour) // a Monday
	res, err := reminders.Record(ctx, w.db, at, cfg)
	require.NoError(t, err)
	require.Equal(t, 1, res.InApp)
	inbox, err := reminders.List(ctx, w.db, u.ID, reminders.ListOptions{})
	require.NoError(t, err)
	require.Len(t, inbox, 1)
	require.Equal(t, par.NoticeDue, inbox[0].Kind)
	require.Contains(t, inbox[0].Title, "Còn 5 ngày")
	require.Contains(t, inbox[0].Body, "Đã chấm 2/2")
	res, err = reminders.Record(ctx, w.db, at.Add(time.Hour), cfg)
	require.NoError(t, err)
	require.Zero(t, res.Created, "once")
}

func mustSet(t *testing.T, db bun.IDB, id int64) *par.Set {
	t.Helper()
	s, err := par.GetSet(context.Background(), db, id)
	require.NoError(t, err)
	return s
}

// Evidence may point at a document already attached to a task in cchc:
// the same bytes, nothing copied.
func TestEvidenceReference(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	_, tree, as := w.openSet(t, 2025, civil.MustParse("2025-12-01"), civil.MustParse("2025-12-20"))
	a := as["A"]
	p, err := plans.Create(ctx, w.db, plans.NewPlan{UnitID: w.units["A"].ID, Year: 2025, Title: "Kế hoạch CCHC năm 2025 của Sở A"})
	require.NoError(t, err)
	area, err := plans.InsertArea(ctx, w.db, p.ID, "Chỉ đạo, điều hành")
	require.NoError(t, err)
	tk, err := tasks.Insert(ctx, w.db, tasks.NewTask{PlanID: p.ID, AreaID: area.ID, Number: "1", Title: "Ban hành kế hoạch CCHC",
		LeadUnitID: w.units["A"].ID, Deadline: "Quý I", PlanYear: 2025})
	require.NoError(t, err)
	pdf := demo.PDF("Ke hoach 12/KH-SA")
	_, err = tasks.Post(ctx, w.db, tk.ID, tasks.Progress{UnitID: w.units["A"].ID, Percent: 100, Completed: true, Note: "Đã ban hành",
		EvidenceNumber: "12/KH-SA", EvidenceDate: civil.MustParse("2025-01-10"), Version: tk.Version, At: civil.MustParse("2025-01-11").Start(),
		Files: []tasks.Upload{{Name: "ke-hoach.pdf", Data: pdf}}})
	require.NoError(t, err)
	files, err := tasks.EvidenceFiles(ctx, w.db, tk.ID)
	require.NoError(t, err)
	require.Len(t, files, 1)

	e, err := par.AddEvidence(ctx, w.db, a.ID, tree.Leaves[0].ID, par.Attachment{FileID: files[0].ID}, 0)
	require.NoError(t, err)
	require.True(t, e.Reference())
	require.Equal(t, "ke-hoach.pdf", e.Filename)
	name, ct, data, err := par.EvidenceData(ctx, w.db, e)
	require.NoError(t, err)
	require.Equal(t, "ke-hoach.pdf", name)
	require.Equal(t, "application/pdf", ct)
	require.Equal(t, pdf, data)
	_, err = par.AddEvidence(ctx, w.db, a.ID, tree.Leaves[0].ID, par.Attachment{FileID: 987654}, 0)
	requireInvalid(t, err, "par.evidence_file_unknown")
	// Not on a survey component.
	_, err = par.AddEvidence(ctx, w.db, a.ID, tree.Leaves[2].ID, par.Attachment{FileID: files[0].ID}, 0)
	requireInvalid(t, err, "par.not_self_scored")
}
