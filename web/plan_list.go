package web

import (
	"net/http"

	"cchc/plans"
	"cchc/tasks"
)

func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/plans", http.StatusSeeOther)
}

func (h *handler) planList(w http.ResponseWriter, r *http.Request) {
	ps, err := plans.List(r.Context(), h.db, principal(r).PlanFilter())
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	type row struct {
		Plan       plans.Plan
		StateLabel string
		Stats      *tasks.Stats
	}
	rows := make([]row, 0, len(ps))
	for _, p := range ps {
		st, err := tasks.StatsAt(r.Context(), h.db, p.ID, h.today())
		if err != nil {
			h.pageError(w, r, err)
			return
		}
		rows = append(rows, row{Plan: p, StateLabel: stateLabels[p.State], Stats: st})
	}
	h.render(w, r, http.StatusOK, "plan_list", map[string]any{"Plans": rows})
}
