package ui

import (
	"net/http"

	"cchc/app"
	"cchc/internal/i18n"
	"cchc/units"
	"cchc/web/request"
)

type unitForm struct {
	Code, Name, Kind, Parent string
	Secretariat              bool
}

func (h *Handler) AdminUnits(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	h.renderAdminUnits(w, r, http.StatusOK, unitForm{Kind: string(units.KindDepartment)}, "")
}

func (h *Handler) renderAdminUnits(w http.ResponseWriter, r *http.Request, status int, f unitForm, formErr string) {
	all, err := h.app.AdminUnits(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lang := i18n.FromRequest(r)
	kinds := make([]map[string]string, 0, len(units.Kinds))
	for _, k := range units.Kinds {
		kinds = append(kinds, map[string]string{"Value": string(k), "Label": i18n.T(lang, k.Label())})
	}
	h.render(w, r, status, "admin_units", map[string]any{"Units": all, "Kinds": kinds, "Form": f, "FormError": formErr})
}

func (h *Handler) AdminUnitCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	f := unitForm{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: r.PostFormValue("kind"), Parent: r.PostFormValue("parent"), Secretariat: r.PostFormValue("secretariat") != ""}
	lang := i18n.FromRequest(r)
	u, err := h.app.CreateUnit(r.Context(), request.Principal(r), app.NewUnitInput{Code: f.Code, Name: f.Name, Kind: units.Kind(f.Kind), Parent: f.Parent, Secretariat: f.Secretariat})
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderAdminUnits(w, r, status, f, msg)
		return
	}
	h.flash(r, i18n.T(lang, "unit.added", u.Name))
	http.Redirect(w, r, "/admin/units", http.StatusSeeOther)
}
