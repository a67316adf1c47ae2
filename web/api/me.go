package api

import (
	"net/http"

	"cchc/web/request"
	"cchc/web/response"
)

func (h *Handler) Me(w http.ResponseWriter, r *http.Request) {
	p := request.Principal(r)
	response.JSON(w, http.StatusOK, map[string]any{
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

// Units lists the caller's visible unit tree, flat, parents first.
func (h *Handler) Units(w http.ResponseWriter, r *http.Request) {
	us, err := h.app.VisibleUnits(r.Context(), request.Principal(r))
	if err != nil {
		h.fail(w, r, err)
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
	response.JSON(w, http.StatusOK, out)
}
