package ui

import (
	"context"
	"net/http"

	"cchc/authz"
	"cchc/plans"
	"cchc/web/request"
)

// pagePlan is the plan of the route's {planID} as load gives it (which
// checks the caller's right); otherwise it answers the error page itself
// and returns nil.
func (h *Handler) pagePlan(w http.ResponseWriter, r *http.Request, load func(context.Context, *authz.Principal, int64) (*plans.Plan, error)) *plans.Plan {
	id, err := request.ID(r, "planID")
	if err == nil {
		var p *plans.Plan
		if p, err = load(r.Context(), request.Principal(r), id); err == nil {
			return p
		}
	}
	h.Error(w, r, err)
	return nil
}
