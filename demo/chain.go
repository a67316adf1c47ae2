package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/indicators"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/reports"
)

// The reporting chain of the current-year province: for the last quarter
// whose reports are due, the units' reports stand in every state — sent on
// time, sent late, drafted, not started — and the units report their own
// dossier figures, which the province's report sums.

// ChainPeriod is the quarter the demo's units have reported on, as of day
// today: the latest quarter of the plan's year whose reports were due
// before then, else the first quarter (before its reports are due nobody is late
// yet).
func ChainPeriod(ctx context.Context, db bun.IDB, plan *plans.Plan, today civil.Date) (plans.Period, error) {
	set, err := reports.SettingsOf(ctx, db, plan.ID)
	if err != nil {
		return "", err
	}
	for _, p := range []plans.Period{plans.Q4, plans.Q3, plans.Q2, plans.Q1} {
		due, err := reports.DueDate(ctx, db, plan, p, set.SubmissionDays)
		if err != nil {
			return "", err
		}
		if due.Before(today) {
			return p, nil
		}
	}
	return plans.Q1, nil
}

// Submission is how far a unit got with its report of the chain's quarter.
type Submission int

const (
	NotReported Submission = iota // nothing saved
	Drafted                       // its text saved, not finalised
	SentOnTime                    // finalised the working day before it was due
	SentLate                      // finalised three days after it was due
)

// Submissions give each unit of the province the state of its report:
// every state is there, and at least one unit is late once the quarter's
// reports are due (all that have not sent, and those that sent late).
var Submissions = map[string]Submission{
	"VPUB": Drafted, "SNV": SentOnTime, "STP": Drafted, "STC": SentLate, "SXD": SentOnTime, "SNNMT": NotReported, "SCT": SentLate,
	"SKHCN": Drafted, "SGDDT": NotReported, "SYT": SentOnTime, "SVHTTDL": SentOnTime, "SDTTG": NotReported, "TTRT": SentOnTime,
	"TTPVHCC-SH": SentOnTime, "CAT": Drafted,
	"PH-SONHA": SentOnTime, "PH-BACHDANG": NotReported, "PH-TRUNGVUONG": Drafted, "XA-TIENPHONG": SentOnTime, "XA-DONGSON": NotReported,
	"XA-HOPTHANH": SentLate, "XA-LAMSON": SentOnTime, "XA-NAMHUNG": SentOnTime, "XA-THUONGLAM": NotReported, "DK-HONNGOC": Drafted,
}

// quarterDossiers are the dossiers each unit handling them received in the
// quarter, with the shares resolved on time and received online; the
// units that have not reported have entered nothing.
var quarterDossiers = []struct {
	Unit           string
	Received       float64
	OnTime, Online float64 // shares
}{
	{"TTPVHCC-SH", 12480, 0.991, 0.872},
	{"STP", 1860, 0.985, 0.93},
	{"SXD", 940, 0.962, 0.81},
	{"SYT", 1310, 0.978, 0.76},
	{"CAT", 2240, 0.995, 0.64},
	{"PH-SONHA", 1725, 0.989, 0.84},
	{"PH-TRUNGVUONG", 1302, 0.97, 0.79},
	{"XA-TIENPHONG", 684, 0.982, 0.71},
	{"XA-HOPTHANH", 522, 0.94, 0.55},
	{"XA-LAMSON", 611, 1, 0.8},
	{"XA-NAMHUNG", 590, 0.995, 0.83},
	{"DK-HONNGOC", 408, 0.96, 0.62},
}

// FullOnlineCode is the province's own indicator: the share of procedures
// offered fully online, with its target of 100%.
const FullOnlineCode = "TTHC_TOAN_TRINH"

// loadChain writes the province's own indicator and targets, the units'
// figures for the chain's quarter, and their reports in their states.
func loadChain(ctx context.Context, tx bun.Tx, ids map[string]int64, province *plans.Plan, who *authors, now time.Time) error {
	ctx = audit.WithActor(ctx, audit.Actor{Name: "demo"})
	today := civil.In(now)
	period, err := ChainPeriod(ctx, tx, province, today)
	if err != nil {
		return err
	}
	if _, err := indicators.Create(ctx, tx, province.ID, indicators.New{Code: FullOnlineCode,
		Name: "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình", UnitOfMeasure: "%",
		Kind: indicators.Ratio, Direction: indicators.AtLeast, Target: pointer(100.0),
		NumeratorLabel: "Số TTHC cung cấp trực tuyến toàn trình", DenominatorLabel: "Số TTHC đủ điều kiện"}); err != nil {
		return err
	}
	var onTime, online IndicatorValues
	received := IndicatorValues{Code: indicators.CodeReceived, Evidence: []string{"Hệ thống thông tin giải quyết TTHC tỉnh"}}
	onTime.Code, online.Code = indicators.CodeOnTime, indicators.CodeOnline
	for _, d := range quarterDossiers {
		if Submissions[d.Unit] == NotReported {
			continue
		}
		resolved := d.Received + 40
		received.Figures = append(received.Figures, Figure{Unit: d.Unit, Value: d.Received, EvidenceIndex: 1})
		onTime.Figures = append(onTime.Figures, Figure{Unit: d.Unit, Num: float64(int(resolved * d.OnTime)), Den: resolved})
		online.Figures = append(online.Figures, Figure{Unit: d.Unit, Num: float64(int(d.Received * d.Online)), Den: d.Received})
	}
	own := []IndicatorValues{received, onTime, online,
		{Code: FullOnlineCode, Figures: []Figure{{Unit: RootCode, Num: 1388, Den: 1502}}},
		{Code: indicators.CodeSIPAS, Figures: []Figure{{Unit: RootCode, Value: 88.6}}}}
	if err := loadIndicators(ctx, tx, ids, province.ID, period, nil, own); err != nil {
		return err
	}

	set, err := reports.SettingsOf(ctx, tx, province.ID)
	if err != nil {
		return err
	}
	due, err := reports.DueDate(ctx, tx, province, period, set.SubmissionDays)
	if err != nil {
		return err
	}
	children, err := reports.ChildPlans(ctx, tx, province)
	if err != nil {
		return err
	}
	for _, ch := range children {
		state := Submissions[ch.Unit.Code]
		if state == NotReported {
			continue
		}
		actor := audit.Actor{Name: "demo"}
		if u := who.byUnit[ch.UnitID]; u != nil {
			actor = audit.Actor{UserID: u.ID, Name: u.Email}
		}
		uctx := audit.WithActor(ctx, actor)
		n := reports.Narrative{Assessment: fmt.Sprintf("%s đã triển khai các nhiệm vụ cải cách hành chính được giao theo Kế hoạch; cập nhật tiến độ và tài liệu kiểm chứng trên hệ thống.", ch.Unit.Name)}
		if err := reports.SaveNarrative(uctx, tx, ch.ID, period, n); err != nil {
			return err
		}
		var at time.Time
		switch state {
		case SentOnTime:
			at = due.AddDays(-1).Start().Add(15 * time.Hour)
		case SentLate:
			at = due.AddDays(3).Start().Add(9 * time.Hour)
		default:
			continue
		}
		if at.After(now) {
			at = now // the demo is loaded before the quarter is due: sent today
		}
		if _, err := reports.FinalizeAt(uctx, tx, ch.ID, period, civil.In(at), at); err != nil {
			return fmt.Errorf("demo: report of %s: %w", ch.Unit.Code, err)
		}
	}
	return nil
}
