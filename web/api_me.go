package web

import (
	"net/http"

	"cchc/units"
)

func (h *handler) apiMe(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"email": p.User.Email, "name": p.User.Name, "role": p.User.Role,
		"unit": unitJSON(&p.Unit), "scope": unitJSON(&p.Scope),
	})
}

type unitTreeJSON struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	ParentCode string `json:"parent_code"`
}

// apiUnits lists the caller's visible unit tree, flat, parents first.
func (h *handler) apiUnits(w http.ResponseWriter, r *http.Request) {
	var us []units.Unit
	var err error
	if root := principal(r).UnitsRoot(); root != nil {
		us, err = units.Subtree(r.Context(), h.db, root)
	} else {
		us, err = units.All(r.Context(), h.db)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	codes := make(map[int64]string, len(us))
	for _, u := range us {
		codes[u.ID] = u.Code
	}
	out := make([]unitTreeJSON, 0, len(us))
	for _, u := range us {
		out = append(out, unitTreeJSON{Code: u.Code, Name: u.Name, Kind: string(u.Kind), ParentCode: codes[u.ParentID]})
	}
	writeJSON(w, http.StatusOK, out)
}
