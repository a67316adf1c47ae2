package app

import (
	"context"

	"cchc/authz"
	"cchc/plans"
	"cchc/reports"
)

// ReportPlan loads a plan whose reports the principal may read.
func (a *App) ReportPlan(ctx context.Context, me *authz.Principal, id int64) (*plans.Plan, error) {
	p, err := plans.Get(ctx, a.db, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanReport(p); err != nil {
		return nil, err
	}
	return p, nil
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
	if err := me.CanVerify(p); err != nil {
		return err
	}
	return reports.SaveNarrative(ctx, a.db, p.ID, period, n)
}

// FinalizeReport freezes a report's figures and narrative as a new version.
func (a *App) FinalizeReport(ctx context.Context, me *authz.Principal, id int64, period plans.Period) (*reports.Snapshot, error) {
	p, err := a.ReportPlan(ctx, me, id)
	if err != nil {
		return nil, err
	}
	if err := me.CanVerify(p); err != nil {
		return nil, err
	}
	return reports.Finalize(ctx, a.db, p.ID, period, a.Today())
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
