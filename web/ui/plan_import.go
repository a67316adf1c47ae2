package ui

import (
	"errors"
	"fmt"
	"net/http"

	"cchc/annex"
	"cchc/app"
	"cchc/authz"
	"cchc/internal/errs"
	"cchc/internal/i18n"
	"cchc/units"
	"cchc/web/request"
)

// parseImport reads the upload and checks that the principal may create
// the unit's plan that year (request.ReadAnnexUpload).
func (h *Handler) parseImport(w http.ResponseWriter, r *http.Request, me *authz.Principal) (*request.AnnexUpload, error) {
	return request.ReadAnnexUpload(w, r, func(code string, year int) (*units.Unit, error) {
		return h.app.ImportTarget(r.Context(), me, code, year)
	})
}

func (h *Handler) importUnits(w http.ResponseWriter, r *http.Request) ([]units.Unit, bool) {
	us, err := h.app.CreatableUnits(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return nil, false
	}
	if len(us) == 0 {
		h.Error(w, r, errs.Deny("ui: no unit to import a plan for"))
		return nil, false
	}
	return us, true
}

func (h *Handler) ImportShow(w http.ResponseWriter, r *http.Request) {
	us, ok := h.importUnits(w, r)
	if !ok {
		return
	}
	h.render(w, r, http.StatusOK, "plan_import", map[string]any{"Units": us, "Form": request.AnnexForm{Unit: request.Principal(r).Scope.Code, Year: h.app.Today().Year}})
}

// rowErrors indexes a draft's errors by row, for the preview table.
func rowErrors(es annex.Errors) map[int][]annex.RowError {
	out := map[int][]annex.RowError{}
	for _, e := range es {
		out[e.Row] = append(out[e.Row], e)
	}
	return out
}

func (h *Handler) ImportPreview(w http.ResponseWriter, r *http.Request) {
	me := request.Principal(r)
	us, ok := h.importUnits(w, r)
	if !ok {
		return
	}
	data := map[string]any{"Units": us}
	req, err := h.parseImport(w, r, me)
	data["Form"] = req.Form
	var d *annex.Draft
	if err == nil {
		d, err = h.app.ReadAnnex(r.Context(), req.Unit, req.Form.Year, req.File)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		data["FormError"] = msg
		h.render(w, r, status, "plan_import", data)
		return
	}
	data["Draft"], data["FileName"], data["RowErrors"] = d, req.FileName, rowErrors(d.Errors)
	if len(d.Errors) > 0 {
		h.render(w, r, http.StatusUnprocessableEntity, "plan_import", data)
		return
	}
	up := &annex.Upload{UserID: me.User.ID, UnitID: req.Unit.ID, Year: req.Form.Year, Title: req.Form.Title, Number: req.Form.Number, FileName: req.FileName, File: req.File}
	if err := h.app.SaveUpload(r.Context(), me, up); err != nil {
		h.Error(w, r, err)
		return
	}
	data["Upload"], data["UnitName"] = up, req.Unit.Name
	// An annex of another year keeps that year's title, number and dated
	// deadlines unless the user moves them: say so, and offer to.
	if fy := d.FileYear(); fy != 0 && fy != req.Form.Year {
		data["FileYear"], data["Moved"] = fy, d.Shifted(fy)
	}
	h.render(w, r, http.StatusOK, "plan_import", data)
}

func (h *Handler) ImportConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "uploadID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	me := request.Principal(r)
	lang := i18n.FromRequest(r)
	up, unit, err := h.app.Upload(r.Context(), me, id)
	if errors.Is(err, annex.ErrUploadNotFound) {
		h.flash(r, i18n.T(lang, "import.upload_has_expired_or_was"))
		http.Redirect(w, r, "/plans/import", http.StatusSeeOther)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := request.AnnexForm{Unit: unit.Code, Year: up.Year, Title: up.Title, Number: up.Number}
	d, err := h.app.ReadAnnex(r.Context(), unit, up.Year, up.File)
	var planID int64
	if err == nil {
		if len(d.Errors) > 0 { // the unit tree changed since the preview
			err = errs.Bad("file", "import.annex_no_longer_matches")
		} else {
			planID, err = h.app.ImportPlan(r.Context(), me, unit, d, app.ImportInput{Year: f.Year, Title: f.Title, Number: f.Number,
				ShiftYears: r.PostFormValue("shift_years") != "", UploadID: up.ID})
		}
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		us, ok := h.importUnits(w, r)
		if !ok {
			return
		}
		h.render(w, r, status, "plan_import", map[string]any{"Units": us, "Form": f, "FormError": msg})
		return
	}
	h.flash(r, i18n.T(lang, "import.plan_imported_from_annex_x", d.Summary()))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", planID), http.StatusSeeOther)
}

func (h *Handler) ImportCancel(w http.ResponseWriter, r *http.Request) {
	id, err := request.ID(r, "uploadID")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.app.CancelUpload(r.Context(), request.Principal(r), id); err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans/import", http.StatusSeeOther)
}

// Aliases (admin): other names of units, used by the import.

func (h *Handler) AdminAliases(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	h.renderAliases(w, r, http.StatusOK, "", "", "")
}

func (h *Handler) renderAliases(w http.ResponseWriter, r *http.Request, status int, unit, alias, formErr string) {
	as, err := h.app.Aliases(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	all, err := h.app.AdminUnits(r.Context(), request.Principal(r))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	names := map[int64]units.Unit{}
	for _, u := range all {
		names[u.ID] = u
	}
	type row struct {
		Alias annex.Alias
		Unit  units.Unit
	}
	rows := make([]row, 0, len(as))
	for _, a := range as {
		rows = append(rows, row{Alias: a, Unit: names[a.UnitID]})
	}
	h.render(w, r, status, "admin_aliases", map[string]any{"Aliases": rows, "Units": all, "Unit": unit, "Alias": alias, "FormError": formErr})
}

func (h *Handler) AdminAliasCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	code, alias := r.PostFormValue("unit"), r.PostFormValue("alias")
	a, u, err := h.app.AddAlias(r.Context(), request.Principal(r), code, alias)
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.Error(w, r, err)
			return
		}
		h.renderAliases(w, r, status, code, alias, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "import.other_name_x_added_x", a.Alias, u.Name))
	http.Redirect(w, r, "/admin/aliases", http.StatusSeeOther)
}

func (h *Handler) AdminAliasDelete(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := request.ID(r, "aliasID")
	if err == nil {
		err = h.app.RemoveAlias(r.Context(), request.Principal(r), id)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "import.other_name_deleted"))
	http.Redirect(w, r, "/admin/aliases", http.StatusSeeOther)
}
