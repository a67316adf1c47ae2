package app

import (
	"context"

	"github.com/uptrace/bun"

	"cchc/authz"
	"cchc/plans"
	"cchc/reports"
	"cchc/tasks"
)

// ReportPlan loads a plan whose reports the principal may read.
func (a *App) ReportPlan(ctx context.Context, me *authz.Principal, id int64) (*plans.Plan, error) {
	return a.PlanFor(ctx, id, me.CanReport)
}

// Report is the live report of a period with its finalised versions.
func (a *App) Report(ctx context.Context, me *authz.Principal, id int64, period plans.Period) (*reports.Report, []reports.Snapshot, error) {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return nil, nil, err
	}
	rep, err := reports.Prepare(ctx, a.db, p.ID, period, a.Today())
	if err != nil {
		return nil, nil, err
	}
	snaps, err := reports.Snapshots(ctx, a.db, p.ID, period)
	if err != nil {
		return nil, nil, err
	}
	return rep, snaps, nil
}

// SaveNarrative keeps the secretariat's text of a report's sections III–V.
func (a *App) SaveNarrative(ctx context.Context, me *authz.Principal, id int64, period plans.Period, n reports.Narrative) error {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return err
	}
	if err := me.CanWriteReport(p); err != nil {
		return err
	}
	return reports.SaveNarrative(ctx, a.db, p.ID, period, n)
}

// ResetNarrative forgets the saved text of a report's sections III–V: the
// report drafts it from the figures again.
func (a *App) ResetNarrative(ctx context.Context, me *authz.Principal, id int64, period plans.Period) error {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return err
	}
	if err := me.CanWriteReport(p); err != nil {
		return err
	}
	return reports.DropNarrative(ctx, a.db, p.ID, period)
}

// FinalizeReport freezes a report's figures and narrative as a new version.
func (a *App) FinalizeReport(ctx context.Context, me *authz.Principal, id int64, period plans.Period) (*reports.Snapshot, error) {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanWriteReport(p); err != nil {
		return nil, err
	}
	return reports.FinalizeAt(ctx, a.db, p.ID, period, a.Today(), a.now())
}

// ReportSettingsView is how a plan's reports are written and collected,
// with the areas to map and the plan's rule for continuous tasks.
type ReportSettingsView struct {
	Plan     *plans.Plan
	Settings reports.Settings
	Areas    []plans.Area
	// Recipients are the "Nơi nhận" lines in use (the defaults when the
	// settings hold none).
	Recipients []string
	CanEdit    bool
}

// ReportSettings is a plan's report settings, for whoever reads its reports.
func (a *App) ReportSettings(ctx context.Context, me *authz.Principal, id int64) (*ReportSettingsView, error) {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return nil, err
	}
	v := &ReportSettingsView{Plan: p, CanEdit: me.CanEditPlan(p) == nil}
	if v.Settings, err = reports.SettingsOf(ctx, a.db, p.ID); err != nil {
		return nil, err
	}
	if v.Areas, err = plans.Areas(ctx, a.db, p.ID); err != nil {
		return nil, err
	}
	v.Recipients = v.Settings.Recipients
	if v.Recipients == nil {
		l, err := reports.DefaultLetterhead(ctx, a.db, p.Unit)
		if err != nil {
			return nil, err
		}
		v.Recipients = l.Recipients
	}
	return v, nil
}

// SetReportSettings saves a plan's report settings and its rule for
// continuous tasks together (planVersion is the plan's version read, for
// the rule), by whoever may edit the plan.
func (a *App) SetReportSettings(ctx context.Context, me *authz.Principal, id int64, s reports.Settings, continuousYearEnd bool, planVersion int) error {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return err
	}
	if err := me.CanEditPlan(p); err != nil {
		return err
	}
	s.PlanID = p.ID
	return a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := plans.SetContinuousRule(ctx, tx, p.ID, planVersion, continuousYearEnd); err != nil {
			return err
		}
		// The rule is an input of the status: the tasks' timelines change
		// with it, in the same transaction.
		if continuousYearEnd != p.ContinuousYearEnd {
			if err := tasks.RefreshPlans(ctx, tx, p.ID); err != nil {
				return err
			}
		}
		_, err := reports.SaveSettings(ctx, tx, s)
		return err
	})
}

// ReportDocument is a report as .docx or .xlsx: version N, else the latest
// finalised one, else the figures as they stand.
func (a *App) ReportDocument(ctx context.Context, me *authz.Principal, id int64, period plans.Period, format reports.Format, version int) (*reports.Document, error) {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return nil, err
	}
	return reports.Render(ctx, a.db, p.ID, period, format, version, a.Today())
}
