package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"cchc/internal/civil"
)

func (h *handler) planShow(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "planID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	asOf, err := h.asOfParam(r)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	v, err := h.loadPlanView(r.Context(), principal(r), id, asOf)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "plan_show", map[string]any{
		"Plan": v.Plan, "Stats": v.Stats, "Areas": v.Areas, "AsOf": asOf.String(),
		"IsToday": asOf == h.today(), "StateLabel": stateLabels[v.Plan.State], "Partial": v.Partial,
		"CanEdit": principal(r).CanEditPlan(v.Plan) == nil, "CanRemind": principal(r).CanVerify(v.Plan) == nil,
	})
}

// idParam reads a numeric route parameter; anything else is "not found".
func idParam(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNoRoute
	}
	return id, nil
}

// asOfParam reads ?as_of=YYYY-MM-DD, defaulting to today.
func (h *handler) asOfParam(r *http.Request) (civil.Date, error) {
	s := r.URL.Query().Get("as_of")
	if s == "" {
		return h.today(), nil
	}
	d, err := civil.Parse(s)
	if err != nil {
		return civil.Date{}, &badRequest{msg: "Ngày “" + s + "” không hợp lệ (dạng YYYY-MM-DD)."}
	}
	return d, nil
}
