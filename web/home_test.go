package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/demo"
	"cchc/internal/civil"
)

type countsJSON struct {
	Total, Completed, Overdue, Continuous int
	CompletedOnTime                       int     `json:"completed_on_time"`
	CompletedLate                         int     `json:"completed_late"`
	InProgress                            int     `json:"in_progress"`
	NotStarted                            int     `json:"not_started"`
	Percent                               float64 `json:"percent_completed"`
}

type rankedUnitJSON struct {
	Rank       int
	Code, Name string
	countsJSON
	OnTimeRate float64 `json:"on_time_rate"`
}

type dashboardJSON struct {
	AsOf   string `json:"as_of"`
	Year   int
	Unit   struct{ Code, Name string }
	Totals countsJSON
	Plans  []struct {
		ID                        int64
		Title                     string
		Total, Completed, Overdue int
		Percent                   float64 `json:"percent_completed"`
	}
	Units   []rankedUnitJSON
	Overdue []struct {
		taskJSON
		PlanID      int64 `json:"plan_id"`
		DaysOverdue int   `json:"days_overdue"`
	}
	DueSoon []struct {
		taskJSON
		PlanID   int64 `json:"plan_id"`
		DaysLeft int   `json:"days_left"`
	} `json:"due_soon"`
	Trend []struct {
		Period string
		countsJSON
	}
}

func TestDashboardAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	path := fmt.Sprintf("/api/v1/dashboard?year=%d", now.Year())
	r := e.api("lanhdao@cchc.test", http.MethodGet, path, "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	var d dashboardJSON
	require.NoError(t, json.Unmarshal([]byte(r.Body), &d))
	require.Equal(t, demo.RootCode, d.Unit.Code, "the leader's scope by default")
	require.Equal(t, civil.In(now).String(), d.AsOf)
	require.Len(t, d.Plans, 1+len(demo.UnitProfiles), "the province's plan and every unit's")

	// Totals are the sum over the plans; each plan's figures are its /stats.
	var sum, overdue int
	for _, p := range d.Plans {
		sum += p.Total
		overdue += p.Overdue
		var st countsJSON
		e.getJSON(fmt.Sprintf("/api/v1/plans/%d/stats?as_of=%s", p.ID, d.AsOf), &st)
		require.Equal(t, st.Total, p.Total, p.Title)
		require.Equal(t, st.Completed, p.Completed, p.Title)
		require.Equal(t, st.Overdue, p.Overdue, p.Title)
		require.Equal(t, st.Percent, p.Percent, p.Title)
	}
	require.Equal(t, sum, d.Totals.Total)
	require.Equal(t, overdue, d.Totals.Overdue)
	require.Len(t, d.Overdue, d.Totals.Overdue)

	// The ranking: by completion, then on-time rate, then fewer overdue;
	// the two communes with the same record share a rank.
	require.Equal(t, 1, d.Units[0].Rank)
	rank := map[string]int{}
	for i, u := range d.Units {
		rank[u.Code] = u.Rank
		if i > 0 {
			prev := d.Units[i-1]
			require.GreaterOrEqual(t, prev.Percent, u.Percent, "ranked by completion")
			if prev.Percent == u.Percent && prev.OnTimeRate == u.OnTimeRate && prev.Overdue == u.Overdue {
				require.Equal(t, prev.Rank, u.Rank, "ties share a rank")
			} else {
				require.Equal(t, i+1, u.Rank)
			}
		}
		if u.Completed > 0 {
			onTime := float64(u.CompletedOnTime) * 100 / float64(u.Completed)
			require.InDelta(t, onTime, u.OnTimeRate, 0.05, u.Code)
		}
	}
	require.Equal(t, rank["XA-LAMSON"], rank["XA-NAMHUNG"], "a tie")
	require.Less(t, rank["SVHTTDL"], rank["SNNMT"], "a leader before a laggard")

	// Overdue most days first; due soon nearest first.
	for i := 1; i < len(d.Overdue); i++ {
		require.GreaterOrEqual(t, d.Overdue[i-1].DaysOverdue, d.Overdue[i].DaysOverdue)
	}
	require.NotEmpty(t, d.DueSoon)
	for i := 1; i < len(d.DueSoon); i++ {
		require.LessOrEqual(t, d.DueSoon[i-1].DaysLeft, d.DueSoon[i].DaysLeft)
	}
	require.NotEmpty(t, d.Trend, "the year's passed cut-offs")

	// A past day, a unit below, and who may see it.
	r = e.api("lanhdao@cchc.test", http.MethodGet, path+"&unit="+demo.JusticeCode+"&as_of=2026-06-30", "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	var sub dashboardJSON
	require.NoError(t, json.Unmarshal([]byte(r.Body), &sub))
	require.Equal(t, "2026-06-30", sub.AsOf)
	require.Len(t, sub.Plans, 1, "Sở Tư pháp's own plan")
	require.Equal(t, http.StatusNotFound, e.api("lanhdao@cchc.test", http.MethodGet, path+"&unit="+demo.OtherProvinceCode, "").Code)
	require.Equal(t, http.StatusForbidden, e.api("tuphap@cchc.test", http.MethodGet, path, "").Code)
	bad := e.api("lanhdao@cchc.test", http.MethodGet, path+"&as_of=30/6/2026", "")
	require.Equal(t, http.StatusUnprocessableEntity, bad.Code, bad.Body)
}

type queueItemJSON struct {
	taskJSON
	PlanID int64 `json:"plan_id"`
	Role   string
	Reason string
}

func TestQueueAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.api("tuphap@cchc.test", http.MethodGet, "/api/v1/queue", "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	var q []queueItemJSON
	require.NoError(t, json.Unmarshal([]byte(r.Body), &q))
	require.NotEmpty(t, q)
	order := []string{"overdue", "returned", "due_soon", "no_update", "continuous", "upcoming", "awaiting_confirmation"}
	pos := func(reason string) int {
		for i, o := range order {
			if o == reason {
				return i
			}
		}
		t.Fatalf("unknown reason %q", reason)
		return 0
	}
	roles := map[string]bool{}
	for i, it := range q {
		roles[it.Role] = true
		require.NotContains(t, []string{"completed_on_time", "completed_late"}, it.Status, "open tasks only")
		if i > 0 {
			require.LessOrEqual(t, pos(q[i-1].Reason), pos(it.Reason), "urgency order")
		}
	}
	require.Equal(t, "overdue", q[0].Reason)
	require.True(t, roles["lead"] && roles["coordinate"], "as lead and as coordinator")

	// A claim the secretariat returns comes right after the overdue tasks.
	var soon queueItemJSON
	for _, it := range q {
		if it.Reason == "due_soon" && it.Role == "lead" {
			soon = it
			break
		}
	}
	require.NotZero(t, soon.ID)
	r = e.api("tuphap@cchc.test", http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", soon.ID),
		fmt.Sprintf(`{"completed": true, "note": "Đã ban hành báo cáo", "version": %d}`, soon.Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	rv := e.api("noivu@cchc.test", http.MethodGet, "/api/v1/reviews", "")
	require.Contains(t, rv.Body, fmt.Sprintf(`"id":%d,`, soon.ID), "the secretariat sees the claim")
	c := e.browser("noivu@cchc.test")
	require.Equal(t, http.StatusSeeOther, e.form(c, fmt.Sprintf("/tasks/%d/review", soon.ID), map[string][]string{"decision": {"return"}, "reason": {"Thiếu văn bản kiểm chứng"}}, nil).Code)
	r = e.api("tuphap@cchc.test", http.MethodGet, "/api/v1/queue", "")
	require.NoError(t, json.Unmarshal([]byte(r.Body), &q))
	found := false
	for _, it := range q {
		if it.ID == soon.ID {
			found = true
			require.Equal(t, "returned", it.Reason)
			require.Equal(t, 80, it.ProgressPercent, "the progress reported before the claim")
		}
	}
	require.True(t, found)
}

func TestReviewsAPIAndClaimNotice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var rs []struct {
		Task      taskJSON
		PlanID    int64                       `json:"plan_id"`
		ClaimedAt string                      `json:"claimed_at"`
		ClaimedBy struct{ Name, Unit string } `json:"claimed_by"`
	}
	e.apiJSON("noivu@cchc.test", "/api/v1/reviews", &rs)
	require.NotEmpty(t, rs, "the demo leaves claims awaiting confirmation")
	for i := range rs {
		require.True(t, rs[i].Task.PendingConfirmation)
		require.NotEmpty(t, rs[i].ClaimedBy.Unit)
		if i > 0 {
			require.LessOrEqual(t, rs[i-1].ClaimedAt, rs[i].ClaimedAt, "oldest first")
		}
	}
	var none []any
	e.apiJSON("tuphap@cchc.test", "/api/v1/reviews", &none)
	require.Empty(t, none, "an officer verifies nothing")

	// A unit's claim reaches the secretariat's bell at once.
	var before []apiNoticeJSON
	e.apiJSON("noivu@cchc.test", "/api/v1/notifications", &before)
	tk := e.firstTaskOf(demo.JusticeCode, "in_progress")
	r := e.api("tuphap@cchc.test", http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", tk.ID),
		fmt.Sprintf(`{"completed": true, "note": "Đã xong", "version": %d}`, tk.Version))
	require.Equal(t, http.StatusCreated, r.Code, r.Body)
	var after []apiNoticeJSON
	e.apiJSON("noivu@cchc.test", "/api/v1/notifications", &after)
	require.Len(t, after, len(before)+1)
	require.Equal(t, "claim_submitted", after[0].Kind)
	require.Contains(t, after[0].Body, "Sở Tư pháp báo đã hoàn thành")
}

type apiNoticeJSON struct {
	Kind, Title, Body string
}

func (e *env) apiJSON(email, path string, v any) {
	e.t.Helper()
	r := e.api(email, http.MethodGet, path, "")
	require.Equal(e.t, http.StatusOK, r.Code, r.Body)
	require.NoError(e.t, json.Unmarshal([]byte(r.Body), v), r.Body)
}
