package demo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/audit"
	"cchc/deadline"
	"cchc/internal/civil"
	"cchc/internal/errs"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// Password is the password of every demo login.
const Password = "cchc-demo"

// Login is one demo account (docs/CONTRACT.md).
type Login struct {
	Email, Name string
	Role        accounts.Role
	Unit        string // unit code
}

// Logins are the demo accounts, one per role.
var Logins = []Login{
	{"admin@cchc.test", "Quản trị hệ thống", accounts.RoleAdmin, RootCode},
	{"lanhdao@cchc.test", "Nguyễn Văn Lãnh", accounts.RoleLeader, RootCode},
	{"noivu@cchc.test", "Trần Thị Nội", accounts.RoleSecretariat, SecretariatCode},
	{"tuphap@cchc.test", "Lê Minh Pháp", accounts.RoleOfficer, JusticeCode},
	{"xem@cchc.test", "Phạm Thu Xem", accounts.RoleViewer, RootCode},
}

// LoginsText lists the demo accounts, printed by `cchc serve --demo`.
func LoginsText() string {
	var b strings.Builder
	b.WriteString("Demo logins (password " + Password + "):\n")
	for _, l := range Logins {
		fmt.Fprintf(&b, "  %-20s %-12s %s\n", l.Email, l.Role, l.Unit)
	}
	return strings.TrimRight(b.String(), "\n")
}

// Summary says what Load wrote.
type Summary struct {
	Units, Users, Plans, Tasks, Entries int
}

func (s Summary) String() string {
	if s == (Summary{}) {
		return "demo data already present: nothing to do"
	}
	return fmt.Sprintf("demo data loaded: %d units, %d users, %d plans, %d tasks, %d progress entries", s.Units, s.Users, s.Plans, s.Tasks, s.Entries)
}

// LoadIfEmpty loads the demo data only into a database holding no plan; it
// returns nil when it did nothing.
func LoadIfEmpty(ctx context.Context, db *bun.DB, now time.Time) (*Summary, error) {
	n, err := db.NewSelect().Table("plans").Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: count plans: %w", err)
	}
	if n > 0 {
		return nil, nil
	}
	return Load(ctx, db, now)
}

// Load writes what is missing of the demo data, in one transaction: units by
// code, plans by (unit, year). Running it twice changes nothing. The
// current-year plan is placed relative to now.
func Load(ctx context.Context, db *bun.DB, now time.Time) (*Summary, error) {
	sum := &Summary{}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ids, err := loadUnits(ctx, tx, sum)
		if err != nil {
			return err
		}
		authors, err := loadUsers(ctx, tx, ids, sum)
		if err != nil {
			return err
		}
		if err := loadPlan2024(ctx, tx, ids, ids[CityCode], authors, sum); err != nil {
			return err
		}
		if err := loadPlanCurrent(ctx, tx, ids, ids[RootCode], authors, now, sum); err != nil {
			return err
		}
		return loadPAR(ctx, tx, ids, now)
	})
	if err != nil {
		return nil, err
	}
	return sum, nil
}

func loadUnits(ctx context.Context, tx bun.Tx, sum *Summary) (map[string]int64, error) {
	ids := map[string]int64{}
	for i, u := range Units {
		existing, err := units.ByCode(ctx, tx, u.Code)
		if err == nil {
			ids[u.Code] = existing.ID
			continue
		}
		if !errors.Is(err, errs.NotFound) {
			return nil, err
		}
		nu := &units.Unit{Code: u.Code, Name: u.Name, Kind: units.Kind(u.Kind), ParentID: ids[u.Parent], Position: i, IsSecretariat: u.Secretariat}
		if u.Parent != "" && nu.ParentID == 0 {
			return nil, fmt.Errorf("demo: unit %s comes before its parent %s", u.Code, u.Parent)
		}
		if err := units.Create(ctx, tx, nu); err != nil {
			return nil, err
		}
		ids[u.Code] = nu.ID
		sum.Units++
	}
	return ids, nil
}

// authors knows who writes the demo history: the demo user who posts each
// unit's progress, the secretariat user who confirms claims, and the one
// claim of the current plan left awaiting confirmation.
type authors struct {
	byUnit      map[int64]*accounts.User
	secretariat *accounts.User
	// pending are the tasks whose last completion claim is left awaiting
	// the secretariat's confirmation.
	pending map[int64]bool
}

// passwordHash is computed once per process: hashing is deliberately slow.
var passwordHash = sync.OnceValues(func() (string, error) { return accounts.HashPassword(Password) })

func loadUsers(ctx context.Context, tx bun.Tx, ids map[string]int64, sum *Summary) (*authors, error) {
	out := &authors{byUnit: map[int64]*accounts.User{}, pending: map[int64]bool{}}
	hash, err := passwordHash()
	if err != nil {
		return nil, err
	}
	for _, l := range Logins {
		u, err := accounts.ByEmail(ctx, tx, l.Email)
		if errors.Is(err, errs.NotFound) {
			u, err = accounts.Create(ctx, tx, accounts.NewUser{Email: l.Email, Name: l.Name, Role: l.Role, UnitID: ids[l.Unit], PasswordHash: hash})
			sum.Users++
		}
		if err != nil {
			return nil, err
		}
		if l.Role == accounts.RoleOfficer || l.Role == accounts.RoleSecretariat {
			out.byUnit[ids[l.Unit]] = u
		}
		if l.Role == accounts.RoleSecretariat {
			out.secretariat = u
		}
	}
	return out, nil
}

// post appends an entry at the task's current version, attributed to the
// demo officer of the unit when there is one.
func post(ctx context.Context, tx bun.Tx, taskID int64, who *authors, p tasks.Progress) error {
	t, err := tasks.Get(ctx, tx, taskID)
	if err != nil {
		return err
	}
	p.Version = t.Version
	actor := audit.Actor{Name: "demo"}
	if u := who.byUnit[p.UnitID]; u != nil {
		p.AuthorID = u.ID
		actor = audit.Actor{UserID: u.ID, Name: u.Email}
	}
	if _, err = tasks.Post(audit.WithActor(ctx, actor), tx, taskID, p); err != nil || !p.Completed || who.pending[taskID] {
		return err
	}
	// The secretariat confirms each claim four hours later (never in the future).
	at := p.At.Add(4 * time.Hour)
	if n := time.Now(); at.After(n) {
		at = n
	}
	rv := tasks.Review{Confirm: true, AuthorID: who.secretariat.ID, At: at}
	return tasks.Decide(audit.WithActor(ctx, audit.Actor{UserID: who.secretariat.ID, Name: who.secretariat.Email}), tx, taskID, rv)
}

// newPlan creates the plan unless the unit already has one for that year.
func newPlan(ctx context.Context, tx bun.Tx, p *plans.Plan) (created bool, err error) {
	if _, err := plans.ByUnitYear(ctx, tx, p.UnitID, p.Year); err == nil {
		return false, nil
	} else if !errors.Is(err, errs.NotFound) {
		return false, err
	}
	return true, plans.Insert(ctx, tx, p)
}

func codes(ids map[string]int64, cs []string) ([]int64, error) {
	out := make([]int64, 0, len(cs))
	for _, c := range cs {
		id, ok := ids[c]
		if !ok {
			return nil, fmt.Errorf("demo: unknown unit %s", c)
		}
		out = append(out, id)
	}
	return out, nil
}

func loadPlan2024(ctx context.Context, tx bun.Tx, ids map[string]int64, root int64, who *authors, sum *Summary) error {
	p := &plans.Plan{UnitID: root, Year: 2024, Number: Plan2024.Number, Title: Plan2024.Title, IssuedOn: civil.MustParse(Plan2024.IssuedOn), State: plans.StateIssued}
	created, err := newPlan(ctx, tx, p)
	if err != nil || !created {
		return err
	}
	sum.Plans++
	for _, a := range Plan2024.Areas {
		area, err := plans.InsertArea(ctx, tx, p.ID, a.Name)
		if err != nil {
			return err
		}
		for _, t := range a.Tasks {
			coord, err := codes(ids, t.Coord)
			if err != nil {
				return err
			}
			tk, err := tasks.Insert(ctx, tx, tasks.NewTask{PlanID: p.ID, AreaID: area.ID, Number: t.Number, Title: t.Title,
				LeadUnitID: ids[t.Lead], Coordinators: coord, Output: t.Output, Deadline: t.Deadline, PlanYear: 2024})
			if err != nil {
				return fmt.Errorf("demo: 2024 task %s: %w", t.Number, err)
			}
			sum.Tasks++
			for i, e := range t.History {
				rec := civil.MustParse(e.Recorded).Start().Add(time.Duration(9*60+7*i) * time.Minute)
				var ev civil.Date
				if e.EvidenceDate != "" {
					ev = civil.MustParse(e.EvidenceDate)
				}
				rm := Remarks2024[t.Number][i]
				if err := post(ctx, tx, tk.ID, who, tasks.Progress{UnitID: tk.LeadUnitID, Percent: e.Percent, Note: e.Note, Completed: e.Completed,
					EvidenceNumber: e.EvidenceNumber, EvidenceDate: ev, At: rec,
					Reason: rm.Reason, Difficulties: rm.Difficulties, Proposals: rm.Proposals}); err != nil {
					return fmt.Errorf("demo: 2024 task %s entry %d: %w", t.Number, i+1, err)
				}
				sum.Entries++
			}
		}
	}
	return loadIndicators(ctx, tx, ids, p.ID, plans.NineMonths, Targets2024, Indicators2024)
}

func loadPlanCurrent(ctx context.Context, tx bun.Tx, ids map[string]int64, root int64, who *authors, now time.Time, sum *Summary) error {
	today := civil.In(now)
	year := strconv.Itoa(today.Year)
	p := &plans.Plan{UnitID: root, Year: today.Year, Number: strings.ReplaceAll(PlanCurrent.Number, "{YEAR}", year),
		Title: strings.ReplaceAll(PlanCurrent.Title, "{YEAR}", year), IssuedOn: today.AddDays(-PlanCurrent.IssuedDaysAgo), State: plans.StateIssued}
	created, err := newPlan(ctx, tx, p)
	if err != nil || !created {
		return err
	}
	sum.Plans++
	pending := pendingClaim()
	for _, a := range PlanCurrent.Areas {
		area, err := plans.InsertArea(ctx, tx, p.ID, a.Name)
		if err != nil {
			return err
		}
		for _, t := range a.Tasks {
			coord, err := codes(ids, t.Coord)
			if err != nil {
				return err
			}
			dl := t.Deadline
			if dl == "" {
				dl = today.AddDays(t.DueInDays).VN()
			}
			tk, err := tasks.Insert(ctx, tx, tasks.NewTask{PlanID: p.ID, AreaID: area.ID, Number: t.Number, Title: t.Title,
				LeadUnitID: ids[t.Lead], Coordinators: coord, Output: t.Output, Deadline: dl, PlanYear: today.Year})
			if err != nil {
				return fmt.Errorf("demo: current task %s: %w", t.Number, err)
			}
			if t.Number == pending {
				who.pending[tk.ID] = true
			}
			sum.Tasks++
			n, err := pastOccurrences(ctx, tx, tk, who, today)
			if err != nil {
				return fmt.Errorf("demo: current task %s: %w", t.Number, err)
			}
			sum.Entries += n
			for i, e := range t.History {
				// Spread entries over the day, never later than now.
				rec := now.Add(-time.Duration(e.DaysAgo)*24*time.Hour - time.Duration(len(t.History)-i)*time.Minute)
				var ev civil.Date
				if e.EvidenceNumber != "" || e.EvidenceDaysAgo > 0 {
					// Dated from the day it is recorded, so that it is never
					// after that day (just past midnight, now minus the
					// minutes above is still yesterday).
					ev = civil.In(rec).AddDays(e.DaysAgo - e.EvidenceDaysAgo)
				}
				rm := RemarksCurrent[t.Number][i]
				if err := post(ctx, tx, tk.ID, who, tasks.Progress{UnitID: tk.LeadUnitID, Percent: e.Percent, Note: e.Note, Completed: e.Completed,
					EvidenceNumber: e.EvidenceNumber, EvidenceDate: ev, At: rec,
					Reason: rm.Reason, Difficulties: rm.Difficulties, Proposals: rm.Proposals}); err != nil {
					return fmt.Errorf("demo: current task %s entry %d: %w", t.Number, i+1, err)
				}
				sum.Entries++
			}
		}
	}
	if err := loadUnitPlans(ctx, tx, ids, p, who, now, sum); err != nil {
		return err
	}
	return loadChain(ctx, tx, ids, p, who, now)
}

// pendingClaim is the number of the current plan's task whose completion
// claim the demo leaves awaiting the secretariat: the last one reported
// done by a unit other than Phòng Tư pháp (whose completed task must count).
func pendingClaim() string {
	number := ""
	for _, a := range PlanCurrent.Areas {
		for _, t := range a.Tasks {
			if t.Lead == JusticeCode || len(t.History) == 0 || !t.History[len(t.History)-1].Completed {
				continue
			}
			number = t.Number
		}
	}
	return number
}

// pastOccurrences reports, for a recurring task, every period of the year
// that has ended before today as done three days before its deadline, so
// that the demo's quarterly report is not overdue since March.
func pastOccurrences(ctx context.Context, tx bun.Tx, tk *tasks.Task, who *authors, today civil.Date) (int, error) {
	sched := tk.Schedule()
	if sched.Kind != deadline.KindRecurring {
		return 0, nil
	}
	n := 0
	for k := 1; k < sched.OccurrenceAt(today); k++ {
		due := sched.DueOf(k)
		at := due.AddDays(-3).Start().Add(10 * time.Hour)
		err := post(ctx, tx, tk.ID, who, tasks.Progress{UnitID: tk.LeadUnitID, Occurrence: k, Completed: true, At: at,
			Note: fmt.Sprintf("Đã ban hành báo cáo kỳ %d năm %d.", k, sched.Year), EvidenceNumber: fmt.Sprintf("%d/BC-UBND", 40+37*k),
			EvidenceDate: due.AddDays(-4)})
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
