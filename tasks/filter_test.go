package tasks

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/units"
)

func TestFilterMatch(t *testing.T) {
	day := civil.New(2026, 12, 1)
	stp := &units.Unit{Code: "STP", Name: "Sở Tư pháp"}
	tk := &Task{Number: "7", Title: "Rà soát văn bản quy phạm pháp luật", LeadUnit: stp, PlanYear: 2026,
		Coordinators: []units.Unit{{Code: "SNV", Name: "Sở Nội vụ"}}, DeadlineKind: deadline.KindDate}
	st := State{Status: StatusOverdue, DaysOverdue: 3, Due: civil.New(2026, 11, 28)}
	for f, want := range map[Filter]bool{
		{}:                                true,
		{Q: "tu phap"}:                    true,
		{Q: "TƯ PHÁP rà soát"}:            true,
		{Q: "noi vu"}:                     true, // a coordinator
		{Q: "tu phap y te"}:               false,
		{Status: "overdue"}:               true,
		{Status: FilterOpen}:              true,
		{Status: FilterCompleted}:         false,
		{Status: FilterPending}:           false,
		{Lead: "stp"}:                     true,
		{Lead: "SNV"}:                     false,
		{Area: "cải cách thể chế"}:        true,
		{Area: "Cai cach the che"}:        true,
		{Area: "Cải cách tài chính công"}: false,
		{Deadline: "past"}:                true,
		{Deadline: "next7"}:               false,
		{Deadline: "q4"}:                  true,
		{Deadline: "q3"}:                  false,
		{Deadline: "continuous"}:          false,
	} {
		require.Equal(t, want, f.Match(tk, st, "Cải cách thể chế", day), "%+v", f)
	}
	pending := State{Status: StatusOverdue, DaysOverdue: 3, Due: st.Due, Pending: true}
	require.True(t, Filter{Status: FilterPending}.Match(tk, pending, "", day))
}

func TestFilterCheck(t *testing.T) {
	require.NoError(t, Filter{Status: "completed_late", Deadline: "next14", Sort: "-percent"}.Check())
	for _, f := range []Filter{{Status: "done"}, {Deadline: "tomorrow"}, {Sort: "colour"}, {Sort: "--title"}} {
		require.Error(t, f.Check(), "%+v", f)
	}
	require.Error(t, Filter{Area: "Không có"}.CheckIn([]string{"Cải cách thể chế"}, nil))
	require.Error(t, Filter{Lead: "SYT"}.CheckIn(nil, []string{"STP"}))
	require.NoError(t, Filter{Lead: "stp", Area: "cai cach the che"}.CheckIn([]string{"Cải cách thể chế"}, []string{"STP"}))
}

func TestSortRows(t *testing.T) {
	type row struct {
		t  Task
		st State
	}
	rows := []row{
		{Task{Number: "10", Title: "Đào tạo"}, State{Status: StatusInProgress, Percent: 50, Due: civil.New(2026, 6, 30)}},
		{Task{Number: "2", Title: "An toàn"}, State{Status: StatusOverdue, DaysOverdue: 2, Due: civil.New(2026, 3, 31)}},
		{Task{Number: "1.10", Title: "Bảo đảm"}, State{Status: StatusContinuous}},
		{Task{Number: "1.2", Title: "Dân vận"}, State{Status: StatusOverdue, DaysOverdue: 9, Due: civil.New(2026, 1, 31), Pending: true}},
	}
	get := func(r row) (*Task, State) { return &r.t, r.st }
	numbers := func() []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.t.Number)
		}
		return out
	}
	SortRows(rows, "number", get)
	require.Equal(t, []string{"1.2", "1.10", "2", "10"}, numbers())
	SortRows(rows, "title", get)
	require.Equal(t, []string{"2", "1.10", "1.2", "10"}, numbers(), "Vietnamese order: A, B, D, Đ")
	SortRows(rows, "deadline", get)
	require.Equal(t, []string{"1.2", "2", "10", "1.10"}, numbers(), "continuous last")
	SortRows(rows, "-deadline", get)
	require.Equal(t, []string{"1.10", "10", "2", "1.2"}, numbers())
	SortRows(rows, "status", get)
	require.Equal(t, []string{"1.2", "2", "10", "1.10"}, numbers(), "awaiting confirmation, then overdue, then in progress")
}
