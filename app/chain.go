package app

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/authz"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/reminders"
	"cchc/reports"
)

// ChainView is the reporting chain of a plan for a period: each child
// unit's report, and what the principal may do about it.
type ChainView struct {
	Plan     *plans.Plan
	Period   plans.Period
	Chain    *reports.Chain
	AsOf     civil.Date
	CanChase bool
}

// Submissions is where the reports of the plan's child units stand for a
// period, for whoever may read the plan's reports.
func (a *App) Submissions(ctx context.Context, me *authz.Principal, planID int64, period plans.Period) (*ChainView, error) {
	p, err := a.ReportPlan(ctx, me, planID)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	asOf := reportDay(p, period, today)
	c, err := reports.BuildChain(ctx, a.db, p, period, asOf, today)
	if err != nil {
		return nil, err
	}
	return &ChainView{Plan: p, Period: period, Chain: c, AsOf: asOf, CanChase: me.CanChaseReports(p) == nil}, nil
}

// kindReportLate is the notice a unit gets when its period report is late.
const kindReportLate = "report_late"

// RemindLateReports tells each child unit whose report for the period is
// late and not sent (its staff in-app at once, by e-mail and webhook with
// the next reminder run), in one transaction with an audit entry, and
// returns how many units it told. A unit is told once a day about a
// period, however often the secretariat asks.
func (a *App) RemindLateReports(ctx context.Context, me *authz.Principal, planID int64, period plans.Period) (int, error) {
	v, err := a.Submissions(ctx, me, planID, period)
	if err != nil {
		return 0, err
	}
	if err := me.CanChaseReports(v.Plan); err != nil {
		return 0, err
	}
	now := a.now()
	told := []string{}
	err = a.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, u := range v.Chain.Units {
			if !u.Late || u.State == reports.SubmissionFinalised {
				continue
			}
			err := reminders.NotifyUnit(ctx, tx, reminders.UnitNotice{Kind: kindReportLate, UnitID: u.UnitID, Due: civil.In(now),
				Subject: fmt.Sprintf("report:%d:%s", v.Plan.ID, period),
				Title:   fmt.Sprintf("Chậm gửi báo cáo cải cách hành chính %s", period.Title(v.Plan.Year)),
				Body: fmt.Sprintf("Hạn gửi báo cáo: %s. Đề nghị %s hoàn thiện, chốt báo cáo %s trên hệ thống.\nKế hoạch: %s",
					u.Due.VN(), u.UnitName, period.Title(v.Plan.Year), v.Plan.Title)}, now)
			if err != nil {
				return err
			}
			told = append(told, u.UnitCode)
		}
		return audit.Record(ctx, tx, audit.Change{Action: "remind_reports", Entity: "report", EntityID: v.Plan.ID, PlanID: v.Plan.ID,
			After: map[string]any{"period": period, "units": told}})
	})
	if err != nil {
		return 0, err
	}
	return len(told), nil
}
