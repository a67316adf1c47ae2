package web

import (
	"net/http"

	"cchc/internal/i18n"
	"cchc/units"
)

var unitKinds = []units.Kind{units.KindProvince, units.KindCity, units.KindDistrict, units.KindCommune, units.KindDepartment, units.KindAgency}

var unitKindLabels = map[units.Kind]string{
	units.KindProvince: "Tỉnh, thành phố trực thuộc TW", units.KindCity: "Thành phố", units.KindDistrict: "Huyện (trước 7/2025)",
	units.KindCommune: "Xã, phường, đặc khu", units.KindDepartment: "Sở, ban, ngành, phòng", units.KindAgency: "Cơ quan, đơn vị khác",
}

type unitForm struct {
	Code, Name, Kind, Parent string
	Secretariat              bool
}

func (h *handler) adminUnits(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	h.renderAdminUnits(w, r, http.StatusOK, unitForm{Kind: string(units.KindDepartment)}, "")
}

func (h *handler) renderAdminUnits(w http.ResponseWriter, r *http.Request, status int, f unitForm, formErr string) {
	all, err := units.All(r.Context(), h.db)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	lang := i18n.FromRequest(r)
	kinds := make([]map[string]string, 0, len(unitKinds))
	for _, k := range unitKinds {
		kinds = append(kinds, map[string]string{"Value": string(k), "Label": i18n.T(lang, unitKindLabels[k])})
	}
	h.render(w, r, status, "admin_units", map[string]any{"Units": all, "Kinds": kinds, "KindLabels": unitKindLabels, "Form": f, "FormError": formErr})
}

func (h *handler) adminUnitCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	f := unitForm{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: r.PostFormValue("kind"), Parent: r.PostFormValue("parent"), Secretariat: r.PostFormValue("secretariat") != ""}
	lang := i18n.FromRequest(r)
	u := &units.Unit{Code: f.Code, Name: f.Name, Kind: units.Kind(f.Kind), IsSecretariat: f.Secretariat}
	var err error
	if f.Parent != "" {
		var parent *units.Unit
		if parent, err = units.ByCode(r.Context(), h.db, f.Parent); err == nil {
			u.ParentID = parent.ID
		}
	}
	if err == nil {
		err = units.Create(r.Context(), h.db, u)
	}
	if err != nil {
		status, _, msg := classify(err)
		if status >= 500 {
			h.pageError(w, r, err)
			return
		}
		if status == http.StatusNotFound {
			status, msg = http.StatusUnprocessableEntity, "Đơn vị cấp trên không tồn tại."
		}
		h.renderAdminUnits(w, r, status, f, i18n.T(lang, msg))
		return
	}
	h.flash(r, i18n.T(lang, "Đã thêm đơn vị %s.", u.Name))
	http.Redirect(w, r, "/admin/units", http.StatusSeeOther)
}
