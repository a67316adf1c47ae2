package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/annex"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// importForm is the upload form as typed.
type importForm struct {
	Unit, Title, Number string
	Year                int
}

// importRequest is a parsed upload: the form, the unit and the file.
type importRequest struct {
	Form     importForm
	Unit     *units.Unit
	File     []byte
	FileName string
}

var errUploadTooLarge = &tasks.InvalidError{Field: "file", Message: "Tệp quá lớn — một phụ lục kế hoạch thường chỉ vài chục KB"}

// parseImport reads a multipart upload (fields unit, year, title, number,
// file) and checks that the principal may create the unit's plan and that
// the unit has none that year yet. The form is returned even on error.
func (h *handler) parseImport(w http.ResponseWriter, r *http.Request, me *accounts.Principal) (*importRequest, error) {
	r.Body = http.MaxBytesReader(w, r.Body, annex.MaxFileSize+1<<20)
	req := &importRequest{}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, errUploadTooLarge
		}
		return req, &badRequest{msg: "Không đọc được biểu mẫu tải lên (cần multipart/form-data)."}
	}
	defer r.MultipartForm.RemoveAll()
	req.Form = importForm{Unit: r.FormValue("unit"), Title: r.FormValue("title"), Number: r.FormValue("number")}
	year, err := formInt(r, "year", 0)
	if err != nil {
		return req, err
	}
	req.Form.Year = year
	if req.Unit, err = h.unitByCode(r.Context(), req.Form.Unit, "unit"); err != nil {
		return req, err
	}
	if err := me.CanCreatePlanFor(req.Unit); err != nil {
		return req, err
	}
	if year < 2000 || year > 2100 {
		return req, &tasks.InvalidError{Field: "year", Message: "năm kế hoạch phải từ 2000 đến 2100"}
	}
	if _, err := plans.ByUnitYear(r.Context(), h.db, req.Unit.ID, year); !errors.Is(err, plans.ErrNotFound) {
		if err == nil {
			err = fmt.Errorf("%w (%d)", plans.ErrExists, year)
		}
		return req, err
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return req, &tasks.InvalidError{Field: "file", Message: "cần chọn tệp phụ lục (.xlsx)"}
	}
	defer f.Close()
	if hdr.Size > annex.MaxFileSize {
		return req, errUploadTooLarge
	}
	req.FileName = hdr.Filename
	if req.File, err = io.ReadAll(io.LimitReader(f, annex.MaxFileSize+1)); err != nil {
		return req, fmt.Errorf("web: read upload: %w", err)
	}
	return req, nil
}

// readDraft reads an uploaded annex for a unit and year. A file that is not
// an annex at all is bad input; a draft with faulty rows comes back with
// its Errors (and no error).
func (h *handler) readDraft(ctx context.Context, unit *units.Unit, year int, file []byte) (*annex.Draft, error) {
	m, err := annex.NewMatcher(ctx, h.db, unit)
	if err != nil {
		return nil, err
	}
	d, err := annex.Read(bytes.NewReader(file), int64(len(file)), m, year)
	var rows annex.Errors
	if errors.As(err, &rows) {
		return d, nil
	}
	if err != nil {
		return nil, annexError(err)
	}
	if d.TaskCount() == 0 {
		d.Errors = annex.Errors{{Reason: "Phụ lục không có nhiệm vụ nào"}}
	}
	return d, nil
}

// applyDraft creates the plan of a draft (and forgets the upload, if any),
// in one transaction.
func (h *handler) applyDraft(ctx context.Context, d *annex.Draft, unitID int64, f importForm, uploadID int64) (int64, error) {
	var id int64
	err := h.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if id, err = annex.Apply(ctx, tx, d, unitID, f.Year, f.Title, f.Number); err != nil {
			return err
		}
		if uploadID != 0 {
			return annex.DeleteUpload(ctx, tx, uploadID)
		}
		return nil
	})
	return id, annexError(err)
}

func (h *handler) importUnits(w http.ResponseWriter, r *http.Request) ([]units.Unit, bool) {
	us, err := h.creatableUnits(r.Context(), principal(r))
	if err != nil {
		h.pageError(w, r, err)
		return nil, false
	}
	if len(us) == 0 {
		h.pageError(w, r, fmt.Errorf("%w: no unit to import a plan for", accounts.ErrForbidden))
		return nil, false
	}
	return us, true
}

func (h *handler) importShow(w http.ResponseWriter, r *http.Request) {
	us, ok := h.importUnits(w, r)
	if !ok {
		return
	}
	h.render(w, r, http.StatusOK, "plan_import", map[string]any{"Units": us, "Form": importForm{Unit: principal(r).Scope.Code, Year: h.today().Year}})
}

// rowErrors indexes a draft's errors by row, for the preview table.
func rowErrors(es annex.Errors) map[int][]annex.RowError {
	out := map[int][]annex.RowError{}
	for _, e := range es {
		out[e.Row] = append(out[e.Row], e)
	}
	return out
}

func (h *handler) importPreview(w http.ResponseWriter, r *http.Request) {
	me := principal(r)
	us, ok := h.importUnits(w, r)
	if !ok {
		return
	}
	data := map[string]any{"Units": us}
	req, err := h.parseImport(w, r, me)
	data["Form"] = req.Form
	var d *annex.Draft
	if err == nil {
		d, err = h.readDraft(r.Context(), req.Unit, req.Form.Year, req.File)
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
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
	if err := annex.SaveUpload(r.Context(), h.db, up); err != nil {
		h.pageError(w, r, err)
		return
	}
	data["Upload"], data["UnitName"] = up, req.Unit.Name
	h.render(w, r, http.StatusOK, "plan_import", data)
}

func (h *handler) importConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "uploadID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	me := principal(r)
	lang := i18n.FromRequest(r)
	up, err := annex.UploadOf(r.Context(), h.db, id, me.User.ID)
	if errors.Is(err, annex.ErrUploadNotFound) {
		h.flash(r, i18n.T(lang, "Tệp tải lên đã hết hạn hoặc đã được dùng; hãy tải lại tệp."))
		http.Redirect(w, r, "/plans/import", http.StatusSeeOther)
		return
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	unit, err := units.Get(r.Context(), h.db, up.UnitID)
	if err == nil {
		err = me.CanCreatePlanFor(unit)
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	f := importForm{Unit: unit.Code, Year: up.Year, Title: up.Title, Number: up.Number}
	d, err := h.readDraft(r.Context(), unit, up.Year, up.File)
	var planID int64
	if err == nil {
		if len(d.Errors) > 0 { // the unit tree changed since the preview
			err = &tasks.InvalidError{Field: "file", Message: "phụ lục không còn khớp với danh sách đơn vị; hãy tải lại tệp để xem lỗi"}
		} else {
			planID, err = h.applyDraft(r.Context(), d, unit.ID, f, up.ID)
		}
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		us, ok := h.importUnits(w, r)
		if !ok {
			return
		}
		h.render(w, r, status, "plan_import", map[string]any{"Units": us, "Form": f, "FormError": msg})
		return
	}
	h.flash(r, i18n.T(lang, "Đã nhập kế hoạch từ phụ lục: %s.", d.Summary()))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/edit", planID), http.StatusSeeOther)
}

func (h *handler) importCancel(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "uploadID")
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	if _, err := annex.UploadOf(r.Context(), h.db, id, principal(r).User.ID); err == nil {
		if err := annex.DeleteUpload(r.Context(), h.db, id); err != nil {
			h.pageError(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/plans/import", http.StatusSeeOther)
}

// Aliases (admin): other names of units, used by the import.

func (h *handler) adminAliases(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	h.renderAliases(w, r, http.StatusOK, "", "", "")
}

func (h *handler) renderAliases(w http.ResponseWriter, r *http.Request, status int, unit, alias, formErr string) {
	as, err := annex.Aliases(r.Context(), h.db)
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	all, err := units.All(r.Context(), h.db)
	if err != nil {
		h.pageError(w, r, err)
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

func (h *handler) adminAliasCreate(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	code, alias := r.PostFormValue("unit"), r.PostFormValue("alias")
	u, err := h.unitByCode(r.Context(), code, "unit")
	var a *annex.Alias
	if err == nil {
		a, err = annex.AddAlias(r.Context(), h.db, u.ID, alias)
	}
	if errors.Is(err, annex.ErrAliasExists) || errors.Is(err, annex.ErrAliasEmpty) {
		err = &tasks.InvalidError{Field: "alias", Message: strings.TrimPrefix(err.Error(), "annex: ")}
	}
	if err != nil {
		status, msg, ok := userError(r, err)
		if !ok {
			h.pageError(w, r, err)
			return
		}
		h.renderAliases(w, r, status, code, alias, msg)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã thêm tên gọi khác “%s” cho %s.", a.Alias, u.Name))
	http.Redirect(w, r, "/admin/aliases", http.StatusSeeOther)
}

func (h *handler) adminAliasDelete(w http.ResponseWriter, r *http.Request) {
	if !h.adminOnly(w, r) {
		return
	}
	id, err := idParam(r, "aliasID")
	if err == nil {
		err = annex.RemoveAlias(r.Context(), h.db, id)
		if errors.Is(err, annex.ErrAliasNotFound) {
			err = errNoRoute
		}
	}
	if err != nil {
		h.pageError(w, r, err)
		return
	}
	h.flash(r, i18n.T(i18n.FromRequest(r), "Đã xóa tên gọi khác."))
	http.Redirect(w, r, "/admin/aliases", http.StatusSeeOther)
}
