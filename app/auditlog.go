package app

// The audit trail in words: each entry becomes a sentence in the reader's
// language ("Nguyễn Văn A đổi hạn từ Quý II thành 30/9/2026"), with the
// names of users, units, plans, areas and tasks instead of their ids and
// the labels of states and roles instead of their codes. DescribeAudit is
// the one place that knows how; the task page and the admin trail show its
// sentences.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cchc/accounts"
	"cchc/audit"
	"cchc/authz"
	"cchc/internal/civil"
	"cchc/internal/i18n"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// Sentence is what an audit entry says happened: who, then one clause per
// change, joined by "; ".
type Sentence struct {
	Actor   string // the acting user's name; "" for the system
	Clauses []i18n.Msg
}

// In writes the sentence in language l.
func (s Sentence) In(l i18n.Lang) string { return s.Who(l) + " " + s.What(l) }

// Who is the actor's name, or "the system" in language l.
func (s Sentence) Who(l i18n.Lang) string {
	if s.Actor == "" {
		return i18n.T(l, "audit.system")
	}
	return s.Actor
}

// What is the sentence without its subject: the clauses in language l.
func (s Sentence) What(l i18n.Lang) string {
	parts := make([]string, len(s.Clauses))
	for i, c := range s.Clauses {
		parts[i] = c.In(l)
	}
	return strings.Join(parts, "; ")
}

// AuditLine is an audit entry as the pages show it.
type AuditLine struct {
	Entry    audit.Entry
	Sentence Sentence
	// ActorEmail is the e-mail the trail kept of who acted (a title on the
	// name), empty for the system.
	ActorEmail string
	// Object names what the entry is about ("Nhiệm vụ 3. …"), Link is its
	// page ("" when there is none, or it is gone).
	Object i18n.Msg
	Link   string
}

// AuditNames are the names DescribeAudit puts in place of ids; an id
// missing from them (a deleted task) is written from the entry itself or
// as "#id".
type AuditNames struct {
	Users, Units, Plans, Areas, Tasks map[int64]string
}

// AuditTrail is the audit trail filtered by f, in words, for an admin.
func (a *App) AuditTrail(ctx context.Context, me *authz.Principal, f audit.Filter) ([]AuditLine, error) {
	if err := me.CanAdminister(); err != nil {
		return nil, err
	}
	es, err := audit.List(ctx, a.db, f)
	if err != nil {
		return nil, err
	}
	return a.auditLines(ctx, es)
}

// auditLines describes entries, loading the names they need in one query
// per kind of thing.
func (a *App) auditLines(ctx context.Context, es []audit.Entry) ([]AuditLine, error) {
	var ids struct{ users, units, plans, areas, tasks []int64 }
	for _, e := range es {
		ids.users = append(ids.users, e.ActorID)
		ids.plans = append(ids.plans, e.PlanID)
		ids.tasks = append(ids.tasks, e.TaskID)
		switch e.Entity {
		case "user":
			ids.users = append(ids.users, e.EntityID)
		case "unit":
			ids.units = append(ids.units, e.EntityID)
		case "area":
			ids.areas = append(ids.areas, e.EntityID)
		}
		for _, p := range []payload{decode(e.Before), decode(e.After)} {
			for _, k := range []string{"unit_id", "lead_unit_id", "parent_id"} {
				ids.units = append(ids.units, p.id(k))
			}
			ids.units = append(ids.units, p.ids("coordinators")...)
			ids.areas = append(ids.areas, p.id("area_id"))
			ids.users = append(ids.users, p.id("user_id"))
			for _, k := range []string{"source_plan_id", "parent_plan_id", "plan_id"} {
				ids.plans = append(ids.plans, p.id(k))
			}
		}
	}
	var n AuditNames
	var err error
	if n.Users, err = accounts.Names(ctx, a.db, compact(ids.users)); err != nil {
		return nil, err
	}
	us, err := units.ByIDs(ctx, a.db, compact(ids.units))
	if err != nil {
		return nil, err
	}
	n.Units = map[int64]string{}
	for id, u := range us {
		n.Units[id] = u.Name
	}
	if n.Plans, err = plans.Titles(ctx, a.db, compact(ids.plans)); err != nil {
		return nil, err
	}
	if n.Areas, err = plans.AreaNames(ctx, a.db, compact(ids.areas)); err != nil {
		return nil, err
	}
	if n.Tasks, err = tasks.Labels(ctx, a.db, compact(ids.tasks)); err != nil {
		return nil, err
	}
	out := make([]AuditLine, len(es))
	for i, e := range es {
		out[i] = AuditLine{Entry: e, Sentence: DescribeAudit(e, n)}
		if e.ActorID != 0 || e.Actor != "system" {
			out[i].ActorEmail = e.Actor
		}
		out[i].Object, out[i].Link = auditObject(e, n)
	}
	return out, nil
}

// compact drops zeros and repeats.
func compact(ids []int64) []int64 {
	out := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id == 0 })
	slices.Sort(out)
	return slices.Compact(out)
}

// payload is the before or after of an entry, numbers kept exact.
type payload map[string]any

func decode(raw json.RawMessage) payload {
	p := payload{}
	if len(raw) == 0 {
		return p
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	_ = dec.Decode(&p) // what the trail holds was written by json.Marshal
	return p
}

func (p payload) has(k string) bool { _, ok := p[k]; return ok }

func (p payload) str(k string) string {
	switch v := p[k].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func (p payload) id(k string) int64 {
	n, _ := p[k].(json.Number)
	v, _ := n.Int64()
	return v
}

func (p payload) int(k string) int { return int(p.id(k)) }

func (p payload) bool(k string) bool { b, _ := p[k].(bool); return b }

func (p payload) len(k string) int { xs, _ := p[k].([]any); return len(xs) }

func (p payload) ids(k string) []int64 {
	xs, _ := p[k].([]any)
	out := make([]int64, 0, len(xs))
	for _, x := range xs {
		n, _ := x.(json.Number)
		if v, err := n.Int64(); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// date reads a civil date kept as "YYYY-MM-DD" and writes it dd/mm/yyyy.
func (p payload) date(k string) string {
	d, err := civil.Parse(p.str(k))
	if err != nil {
		return p.str(k)
	}
	return d.VN()
}

// name is an id's name, else "#id".
func name(names map[int64]string, id int64) string {
	if s, ok := names[id]; ok {
		return s
	}
	return "#" + strconv.FormatInt(id, 10)
}

// quote puts free text in quotes, shortened to a line.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:79])) + "…"
	}
	return "“" + s + "”"
}

// DescribeAudit writes an audit entry as a sentence: the actor's name
// (from n, else as the trail kept it), then what they did.
func DescribeAudit(e audit.Entry, n AuditNames) Sentence {
	s := Sentence{Actor: n.Users[e.ActorID]}
	if s.Actor == "" && (e.ActorID != 0 || e.Actor != "system") {
		s.Actor = e.Actor
	}
	before, after := decode(e.Before), decode(e.After)
	s.Clauses = describe(e, before, after, n)
	if len(s.Clauses) == 0 {
		s.Clauses = []i18n.Msg{i18n.M("audit.unknown", e.Action, e.Entity, e.EntityID)}
	}
	return s
}

func describe(e audit.Entry, before, after payload, n AuditNames) []i18n.Msg {
	m := i18n.M
	switch e.Entity + " " + e.Action {
	case "task create":
		return []i18n.Msg{m("audit.task_created", tasks.Label(after.str("number"), after.str("title")))}
	case "task update":
		cs := diff(before, after, taskFields, n)
		if len(cs) == 0 {
			return []i18n.Msg{m("audit.saved_unchanged")}
		}
		return cs
	case "task reassign":
		return []i18n.Msg{m("audit.task_reassigned", name(n.Units, after.id("lead_unit_id")), name(n.Units, before.id("lead_unit_id")))}
	case "task move":
		if before.id("area_id") != after.id("area_id") {
			return []i18n.Msg{m("audit.task_moved_area", name(n.Areas, after.id("area_id")), after.int("position"))}
		}
		return []i18n.Msg{m("audit.task_moved", after.int("position"))}
	case "task delete":
		return []i18n.Msg{m("audit.task_deleted", tasks.Label(before.str("number"), before.str("title")))}
	case "task progress":
		return progressClauses(after)
	case "task " + tasks.ReviewConfirmed:
		return []i18n.Msg{m("audit.claim_confirmed")}
	case "task " + tasks.ReviewReturned:
		return []i18n.Msg{m("audit.claim_returned", quote(after.str("reason")))}
	case "task extension_request":
		return []i18n.Msg{m("audit.extension_requested", after.date("old_date"), after.date("new_date"), quote(after.str("reason")))}
	case "task extension_" + tasks.ExtensionApproved:
		return []i18n.Msg{m("audit.extension_approved", after.date("new_date"))}
	case "task extension_" + tasks.ExtensionRefused:
		return []i18n.Msg{m("audit.extension_refused", after.date("new_date"), quote(after.str("note")))}

	case "plan create":
		return []i18n.Msg{m("audit.plan_created", quote(after.str("title")))}
	case "plan update", "plan settings":
		cs := diff(before, after, planFields, n)
		if len(cs) == 0 {
			return []i18n.Msg{m("audit.saved_unchanged")}
		}
		return cs
	case "plan issue":
		return []i18n.Msg{m("audit.plan_issued")}
	case "plan close":
		return []i18n.Msg{m("audit.plan_closed")}
	case "plan reopen":
		return []i18n.Msg{m("audit.plan_reopened")}
	case "plan delete":
		return []i18n.Msg{m("audit.plan_deleted", quote(before.str("title")), before.int("tasks"))}
	case "plan clone":
		return []i18n.Msg{m("audit.plan_cloned", after.int("year"), quote(name(n.Plans, after.id("source_plan_id"))), after.int("tasks"))}
	case "plan cascade":
		return []i18n.Msg{m("audit.plan_cascaded", name(n.Units, after.id("unit_id")), quote(name(n.Plans, after.id("parent_plan_id"))), after.int("tasks"))}

	case "area create":
		return []i18n.Msg{m("audit.area_created", after.str("Label")+". "+after.str("Name"))}
	case "area update":
		return []i18n.Msg{m("audit.area_renamed", before.str("Label")+". "+before.str("Name"), quote(after.str("Name")))}
	case "area move":
		return []i18n.Msg{m("audit.area_moved", before.str("Label")+". "+before.str("Name"), after.str("Label"))}
	case "area delete":
		return []i18n.Msg{m("audit.area_deleted", before.str("Label")+". "+before.str("Name"))}

	case "user create":
		return []i18n.Msg{m("audit.user_created", after.str("name"), after.str("email"), m(accounts.Role(after.str("role")).Label()), name(n.Units, after.id("unit_id")))}
	case "user update":
		return append([]i18n.Msg{m("audit.user_updated", name(n.Users, e.EntityID))}, diff(before, after, userFields, n)...)
	case "user password":
		if e.ActorID == e.EntityID {
			return []i18n.Msg{m("audit.own_password")}
		}
		return []i18n.Msg{m("audit.user_password", name(n.Users, e.EntityID))}
	case "unit create":
		return []i18n.Msg{m("audit.unit_created", after.str("name"), after.str("code"))}
	case "api_token create":
		return []i18n.Msg{m("audit.token_created", quote(after.str("name")))}
	case "api_token revoke":
		return []i18n.Msg{m("audit.token_revoked")}
	case "unit_alias create":
		return []i18n.Msg{m("audit.alias_created", quote(after.str("alias")), name(n.Units, after.id("unit_id")))}
	case "unit_alias delete":
		return []i18n.Msg{m("audit.alias_deleted", quote(before.str("alias")), name(n.Units, before.id("unit_id")))}

	case "holiday update":
		return []i18n.Msg{m("audit.holiday_set", holiday(e.EntityID), quote(after.str("name")))}
	case "holiday delete":
		return []i18n.Msg{m("audit.holiday_deleted", holiday(e.EntityID))}
	case "reminder_settings update":
		return []i18n.Msg{m("audit.reminders_changed")}
	case "webhook create":
		return []i18n.Msg{m("audit.webhook_created", quote(after.str("name")))}
	case "webhook update":
		if after.bool("active") {
			return []i18n.Msg{m("audit.webhook_on")}
		}
		return []i18n.Msg{m("audit.webhook_off")}
	case "report narrative":
		return []i18n.Msg{m("audit.report_narrative", plans.Period(after.str("period")).Name())}
	case "report finalize":
		return []i18n.Msg{m("audit.report_finalized", plans.Period(after.str("period")).Name(), after.int("version"), after.str("headline"))}
	}
	return describePAR(e, before, after, n)
}

// describePAR writes the entries of the PAR index (package par).
func describePAR(e audit.Entry, before, after payload, n AuditNames) []i18n.Msg {
	m := i18n.M
	set := quote(after.str("title"))
	if !after.has("title") {
		set = quote(before.str("title"))
	}
	unit := name(n.Units, after.id("unit_id"))
	switch e.Entity + " " + e.Action {
	case "par_group create":
		return []i18n.Msg{m("audit.par_group_created", quote(after.str("name")))}
	case "par_set create":
		return []i18n.Msg{m("audit.par_set_created", set)}
	case "par_set import":
		return []i18n.Msg{m("audit.par_set_imported", set)}
	case "par_item update":
		return []i18n.Msg{m("audit.par_item_updated", quote(after.str("title")))}
	case "par_set configure":
		return []i18n.Msg{m("audit.par_set_configured", set)}
	case "par_set open":
		return []i18n.Msg{m("audit.par_set_opened", set)}
	case "par_set close_self_assessment":
		return []i18n.Msg{m("audit.par_set_closed", set)}
	case "par_set appraisers":
		return []i18n.Msg{m("audit.par_appraisers")}
	case "par_set survey":
		return []i18n.Msg{m("audit.par_survey")}
	case "par_set publish":
		return []i18n.Msg{m("audit.par_published", set, after.int("units"))}
	case "par_assessment self_score":
		return []i18n.Msg{m("audit.par_self_scored", after.len("scores"))}
	case "par_assessment appraise":
		return []i18n.Msg{m("audit.par_appraised", after.len("scores"))}
	case "par_assessment add_evidence":
		return []i18n.Msg{m("audit.par_evidence_added", quote(after.str("filename")))}
	case "par_assessment remove_evidence":
		return []i18n.Msg{m("audit.par_evidence_removed", quote(before.str("filename")))}
	case "par_assessment submit":
		return []i18n.Msg{m("audit.par_submitted", unit)}
	case "par_assessment complete_appraisal":
		return []i18n.Msg{m("audit.par_appraisal_completed", unit)}
	case "par_assessment answer":
		return []i18n.Msg{m("audit.par_answered", unit)}
	case "par_assessment decide":
		return []i18n.Msg{m("audit.par_decided", unit)}
	}
	return nil
}

// holiday is the day of a holiday entry, whose id is yyyymmdd.
func holiday(id int64) string {
	return civil.New(int(id/10000), time.Month(id/100%100), int(id%100)).VN()
}

// progressClauses: the percent or the claim, the note, the evidence.
func progressClauses(p payload) []i18n.Msg {
	var out []i18n.Msg
	switch {
	case p.bool("completed") && p.bool("confirmed"):
		out = append(out, i18n.M("audit.progress_completed_confirmed"))
	case p.bool("completed"):
		out = append(out, i18n.M("audit.progress_completed"))
	default:
		out = append(out, i18n.M("audit.progress", p.int("percent")))
	}
	if note := p.str("note"); note != "" {
		out = append(out, i18n.M("audit.note", quote(note)))
	}
	if num := p.str("evidence_number"); num != "" {
		if d := p.date("evidence_date"); d != "" {
			out = append(out, i18n.M("audit.evidence_dated", num, d))
		} else {
			out = append(out, i18n.M("audit.evidence", num))
		}
	}
	return out
}

// field is a value of a payload that a change sentence names.
type field struct {
	key, label string
	// show writes the value (empty: do not name the values, just say it
	// changed).
	show func(p payload, n AuditNames) string
	// msg is a value that is a message ID (a state, a role, yes/no).
	msg func(p payload) i18n.Msg
}

func text(k string) func(payload, AuditNames) string {
	return func(p payload, _ AuditNames) string { return p.str(k) }
}

func quoted(k string) func(payload, AuditNames) string {
	return func(p payload, _ AuditNames) string {
		if p.str(k) == "" {
			return ""
		}
		return quote(p.str(k))
	}
}

func unitOf(k string) func(payload, AuditNames) string {
	return func(p payload, n AuditNames) string {
		if p.id(k) == 0 {
			return ""
		}
		return name(n.Units, p.id(k))
	}
}

func yesNo(k string) func(payload) i18n.Msg {
	return func(p payload) i18n.Msg {
		if p.bool(k) {
			return i18n.M("audit.yes")
		}
		return i18n.M("audit.no")
	}
}

var taskFields = []field{
	{key: "deadline", label: "audit.field_deadline", show: text("deadline")},
	{key: "number", label: "audit.field_number", show: text("number")},
	{key: "title", label: "audit.field_title", show: quoted("title")},
	{key: "lead_unit_id", label: "audit.field_lead_unit", show: unitOf("lead_unit_id")},
	{key: "coordinators", label: "audit.field_coordinators", show: func(p payload, n AuditNames) string {
		ids := p.ids("coordinators")
		names := make([]string, len(ids))
		for i, id := range ids {
			names[i] = name(n.Units, id)
		}
		return strings.Join(names, ", ")
	}},
	{key: "output", label: "audit.field_output", show: quoted("output")},
	{key: "area_id", label: "audit.field_area", show: func(p payload, n AuditNames) string { return name(n.Areas, p.id("area_id")) }},
	{key: "description", label: "audit.field_description"},
}

var planFields = []field{
	{key: "title", label: "audit.field_plan_title", show: quoted("title")},
	{key: "number", label: "audit.field_plan_number", show: text("number")},
	{key: "issued_on", label: "audit.field_issued_on", show: func(p payload, _ AuditNames) string {
		if p.str("issued_on") == "" {
			return ""
		}
		return p.date("issued_on")
	}},
	{key: "year", label: "audit.field_year", show: text("year")},
	{key: "unit_id", label: "audit.field_issuing_unit", show: unitOf("unit_id")},
	{key: "require_confirmation", label: "audit.field_require_confirmation", msg: yesNo("require_confirmation")},
	{key: "cutoff_scheme", label: "audit.field_cutoff_scheme", msg: func(p payload) i18n.Msg {
		if plans.Scheme(p.str("cutoff_scheme")) == plans.SchemeCalendar {
			return i18n.M("editor.calendar_quarters")
		}
		return i18n.M("editor.decree_09_2019_data_cut_off_14th")
	}},
	{key: "state", label: "audit.field_state", msg: func(p payload) i18n.Msg { return i18n.M(plans.State(p.str("state")).Label()) }},
}

var userFields = []field{
	{key: "name", label: "audit.field_name", show: text("name")},
	{key: "email", label: "audit.field_email", show: text("email")},
	{key: "role", label: "audit.field_role", msg: func(p payload) i18n.Msg { return i18n.M(accounts.Role(p.str("role")).Label()) }},
	{key: "unit_id", label: "audit.field_unit", show: unitOf("unit_id")},
	{key: "active", label: "audit.field_active", msg: yesNo("active")},
}

// diff writes one clause per field whose value differs between before and
// after: "đổi hạn từ Quý II thành 30/9/2026".
func diff(before, after payload, fields []field, n AuditNames) []i18n.Msg {
	var out []i18n.Msg
	for _, f := range fields {
		if !before.has(f.key) || !after.has(f.key) || same(before[f.key], after[f.key]) {
			continue
		}
		label := i18n.M(f.label)
		switch {
		case f.msg != nil:
			out = append(out, i18n.M("audit.changed_from_to", label, f.msg(before), f.msg(after)))
		case f.show == nil:
			out = append(out, i18n.M("audit.changed", label))
		default:
			from, to := f.show(before, n), f.show(after, n)
			switch {
			case to == "":
				out = append(out, i18n.M("audit.removed", label, from))
			case from == "":
				out = append(out, i18n.M("audit.set", label, to))
			default:
				out = append(out, i18n.M("audit.changed_from_to", label, from, to))
			}
		}
	}
	return out
}

func same(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// auditObject names what an entry is about, with a link to its page while
// it exists.
func auditObject(e audit.Entry, n AuditNames) (i18n.Msg, string) {
	before, after := decode(e.Before), decode(e.After)
	m := i18n.M
	switch e.Entity {
	case "task":
		label, ok := n.Tasks[e.EntityID]
		if !ok {
			label = tasks.Label(before.str("number"), before.str("title"))
			return m("audit.object_task", label), ""
		}
		return m("audit.object_task", label), fmt.Sprintf("/tasks/%d", e.EntityID)
	case "plan":
		if t, ok := n.Plans[e.EntityID]; ok {
			return m("audit.object_plan", t), fmt.Sprintf("/plans/%d", e.EntityID)
		}
		return m("audit.object_plan", before.str("title")), ""
	case "area":
		label := after.str("Label") + ". " + after.str("Name")
		if !after.has("Name") {
			label = before.str("Label") + ". " + before.str("Name")
		}
		return m("audit.object_area", label), planLink(e.PlanID, n)
	case "user":
		return m("audit.object_user", name(n.Users, e.EntityID)), fmt.Sprintf("/admin/users/%d", e.EntityID)
	case "unit":
		return m("audit.object_unit", name(n.Units, e.EntityID)), "/admin/units"
	case "api_token":
		return m("audit.object_token"), ""
	case "holiday":
		return m("audit.object_holiday", holiday(e.EntityID)), fmt.Sprintf("/admin/holidays?year=%d", e.EntityID/10000)
	case "reminder_settings":
		return m("audit.object_reminders", name(n.Plans, e.PlanID)), planLink(e.PlanID, n, "/reminders")
	case "webhook":
		return m("audit.object_webhook"), ""
	case "unit_alias":
		return m("audit.object_alias"), "/admin/aliases"
	case "report":
		return m("audit.object_report", name(n.Plans, e.PlanID)), planLink(e.PlanID, n, "/report")
	case "par_group", "par_set", "par_item":
		return m("audit.object_par"), ""
	case "par_assessment":
		if id := after.id("unit_id"); id != 0 {
			return m("audit.object_par_assessment", name(n.Units, id)), ""
		}
		return m("audit.object_par"), ""
	}
	return m("audit.object_other", e.Entity, e.EntityID), ""
}

// planLink is a plan's page (with a suffix), or "" once it is deleted.
func planLink(id int64, n AuditNames, suffix ...string) string {
	if _, ok := n.Plans[id]; !ok {
		return ""
	}
	return fmt.Sprintf("/plans/%d", id) + strings.Join(suffix, "")
}
