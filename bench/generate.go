// Package bench generates the data of a province or of the whole country
// and measures cchc on it (`cchc bench generate`, `cchc bench run`,
// docs/CONTRACT.md). Like demo, it is a tool above the application: only
// cmd/cchc imports it.
package bench

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"

	"cchc/accounts"
	"cchc/deadline"
	"cchc/demo"
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
)

// Scale is the size of a generated dataset: provinces, each with its
// departments and communes, each unit issuing one plan a year for Years
// years up to the current one.
type Scale struct {
	Name        string
	Provinces   int
	Departments int // per province, at most len(departments)
	Communes    int // per province
	Years       int
}

// Scales are the sizes `cchc bench generate --scale` knows.
var Scales = []Scale{
	{Name: "small", Provinces: 1, Departments: 6, Communes: 10, Years: 2},
	{Name: "province", Provinces: 1, Departments: 15, Communes: 100, Years: 5},
	{Name: "nation", Provinces: 34, Departments: 15, Communes: 100, Years: 5},
}

// ScaleNamed finds a scale by name.
func ScaleNamed(name string) (Scale, error) {
	for _, s := range Scales {
		if s.Name == name {
			return s, nil
		}
	}
	return Scale{}, fmt.Errorf("unknown scale %q (small, province or nation)", name)
}

// Summary says what Generate wrote.
type Summary struct {
	Scale                                          string
	Now                                            time.Time
	Units, Users, Plans, Areas, Tasks, Coordinated int
	Entries, Reviews, Extensions, Evidence         int
	Notices, Spans                                 int
	Size                                           string // the database's size
	Took                                           time.Duration
	// Status counts every task of the current year's plans today.
	Status tasks.Counts
}

func (s Summary) String() string {
	return fmt.Sprintf("scale %s, as of %s: %d units, %d users, %d plans, %d areas, %d tasks (%d coordinating links), "+
		"%d progress entries, %d reviews, %d extensions, %d evidence files, %d notices, %d timeline spans; "+
		"%d: %s (on time %d, late %d, in progress %d, overdue %d, not started %d, continuous %d); database %s; took %s",
		s.Scale, civil.In(s.Now), s.Units, s.Users, s.Plans, s.Areas, s.Tasks, s.Coordinated, s.Entries, s.Reviews,
		s.Extensions, s.Evidence, s.Notices, s.Spans, civil.In(s.Now).Year, s.Status.Headline(), s.Status.CompletedOnTime,
		s.Status.CompletedLate, s.Status.InProgress, s.Status.Overdue, s.Status.NotStarted, s.Status.Continuous,
		s.Size, s.Took.Round(time.Second))
}

// ErrNotEmpty means the database already holds units: generated data goes
// into an empty database only.
var ErrNotEmpty = errors.New("the database already holds data: generate into an empty one (a new CCHC_DATA_DIR)")

// Generate writes a dataset of scale sc into an empty, migrated database,
// with histories up to now: units, users (the demo logins among them),
// plans for each unit and year (closed for past years, issued for the
// current one) with their areas, tasks of every deadline form cascaded from
// the province's plan, progress histories with confirmations, returned
// claims, extensions and evidence files, in-app notices, and the status
// timeline. The same scale and day give the same data. It bulk-loads with
// COPY on parallel connections, skipping the foreign-key triggers
// (session_replication_role = replica: the data is consistent by
// construction), so it needs a superuser connection. log, if not nil, is
// told of progress.
func Generate(ctx context.Context, db *bun.DB, sc Scale, now time.Time, log func(string)) (*Summary, error) {
	start := time.Now()
	if log == nil {
		log = func(string) {}
	}
	var n int
	if err := db.NewRaw("SELECT count(*) FROM units").Scan(ctx, &n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, ErrNotEmpty
	}
	g := newGen(sc, now)
	if err := g.units(ctx, db); err != nil {
		return nil, err
	}
	log(fmt.Sprintf("%d units, %d users", g.sum.Units, g.sum.Users))

	// Secondary indexes are built once at the end, sorted, rather than row
	// by row during the load.
	indexes, err := dropIndexes(ctx, db)
	if err != nil {
		return nil, err
	}
	defer func() {
		if indexes != nil { // not rebuilt: a failure on the way
			_ = buildIndexes(context.WithoutCancel(ctx), db, indexes)
		}
	}()
	cp, err := startCopies(ctx, db)
	if err != nil {
		return nil, err
	}
	g.copy = cp
	for y := g.firstYear; y <= g.today.Year; y++ {
		for _, p := range g.provinces {
			if err := ctx.Err(); err != nil {
				cp.abort()
				return nil, err
			}
			g.province(p, y)
		}
		log(fmt.Sprintf("%d: %d plans, %d tasks, %d entries so far", y, g.sum.Plans, g.sum.Tasks, g.sum.Entries))
	}
	if err := cp.finish(); err != nil {
		return nil, err
	}
	log(fmt.Sprintf("loaded in %s; building %d indexes", time.Since(start).Round(time.Second), len(indexes)))
	if err := buildIndexes(ctx, db, indexes); err != nil {
		return nil, err
	}
	indexes = nil
	log(fmt.Sprintf("indexed at %s; setting sequences, vacuuming and analysing", time.Since(start).Round(time.Second)))
	for _, t := range []string{"plans", "areas", "tasks", "progress_entries", "completion_reviews", "deadline_extensions", "evidence_files", "notices", "users", "units"} {
		if _, err := db.ExecContext(ctx, fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce((SELECT max(id) FROM %s), 0) + 1, false)", t, t)); err != nil {
			return nil, fmt.Errorf("bench: sequence of %s: %w", t, err)
		}
	}
	var names []string
	for _, t := range tables {
		names = append(names, t.name)
	}
	if _, err := db.ExecContext(ctx, "VACUUM (ANALYZE) users, units, "+strings.Join(names, ", ")); err != nil {
		return nil, fmt.Errorf("bench: vacuum: %w", err)
	}
	if err := db.NewRaw("SELECT pg_size_pretty(pg_database_size(current_database()))").Scan(ctx, &g.sum.Size); err != nil {
		return nil, err
	}
	g.sum.Took = time.Since(start)
	// The database remembers what it holds, for bench run's report.
	if _, err := db.ExecContext(ctx, fmt.Sprintf("COMMENT ON DATABASE %s IS %s",
		pgx.Identifier{g.dbName(ctx, db)}.Sanitize(), quote("cchc bench "+g.sum.String()))); err != nil {
		return nil, fmt.Errorf("bench: note the dataset: %w", err)
	}
	return &g.sum, nil
}

// dropIndexes drops the indexes of the loaded tables that no constraint
// owns, and returns their definitions.
func dropIndexes(ctx context.Context, db *bun.DB) ([]string, error) {
	var names []string
	for _, t := range tables {
		names = append(names, t.name)
	}
	var idx []struct {
		Name string `bun:"indexname"`
		Def  string `bun:"indexdef"`
	}
	if err := db.NewRaw(`SELECT indexname, indexdef FROM pg_indexes
	    WHERE schemaname = current_schema() AND tablename IN (?)
	      AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))`, bun.List(names)).Scan(ctx, &idx); err != nil {
		return nil, fmt.Errorf("bench: indexes: %w", err)
	}
	var defs []string
	for _, i := range idx {
		if _, err := db.ExecContext(ctx, "DROP INDEX "+pgx.Identifier{i.Name}.Sanitize()); err != nil {
			_ = buildIndexes(ctx, db, defs)
			return nil, fmt.Errorf("bench: drop index %s: %w", i.Name, err)
		}
		defs = append(defs, i.Def)
	}
	return defs, nil
}

// buildIndexes runs the CREATE INDEX statements, two at a time.
func buildIndexes(ctx context.Context, db *bun.DB, defs []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(defs))
	sem := make(chan struct{}, 2)
	for i, def := range defs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			conn, err := db.DB.Conn(ctx)
			if err == nil {
				defer conn.Close()
				_, _ = conn.ExecContext(ctx, "SET maintenance_work_mem = '512MB'")
				_, err = conn.ExecContext(ctx, def)
			}
			if err != nil {
				errs[i] = fmt.Errorf("bench: %s: %w", def, err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (g *gen) dbName(ctx context.Context, db *bun.DB) string {
	var name string
	_ = db.NewRaw("SELECT current_database()").Scan(ctx, &name)
	return name
}

// quote is a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

type genUnit struct {
	ID, ParentID int64
	Code, Name   string
	Kind         string
	Position     int
	Secretariat  bool
	Staff        []int64 // officers or secretariat users: who posts and is told
	Leaders      []int64
}

type genProvince struct {
	Unit        *genUnit
	Departments []*genUnit
	Communes    []*genUnit
	Secretary   int64 // the Sở Nội vụ's secretariat user: confirms claims
	Leader      int64 // approves extensions
}

type gen struct {
	sc          Scale
	rng         *rand.Rand
	now         time.Time
	today       civil.Date
	firstYear   int
	provinces   []*genProvince
	all         []*genUnit
	copy        *copies
	sum         Summary
	next        struct{ plan, area, task, entry, review, ext, evidence, notice int64 }
	evidenceSum [32]byte
}

func newGen(sc Scale, now time.Time) *gen {
	today := civil.In(now)
	g := &gen{sc: sc, now: now, today: today, firstYear: today.Year - sc.Years + 1,
		rng: rand.New(rand.NewPCG(uint64(today.Year*10000+int(today.Month)*100+today.Day), uint64(len(sc.Name))))}
	g.sum.Scale, g.sum.Now = sc.Name, now
	g.evidenceSum = sha256.Sum256(evidencePDF)
	return g
}

// units builds the unit tree and the users, and inserts them (with plain
// INSERTs: the path trigger fills the paths, parents first).
func (g *gen) units(ctx context.Context, db *bun.DB) error {
	var id int64
	add := func(u *genUnit) *genUnit {
		id++
		u.ID = id
		g.all = append(g.all, u)
		return u
	}
	for i := 0; i < g.sc.Provinces; i++ {
		pr := provinces[i%len(provinces)]
		code := fmt.Sprintf("T%02d", i+1)
		name := "UBND tỉnh " + pr.Name
		if pr.City {
			name = "UBND thành phố " + pr.Name
		}
		p := &genProvince{Unit: add(&genUnit{Code: code, Name: name, Kind: "province", Position: i + 1})}
		g.provinces = append(g.provinces, p)
	}
	for _, p := range g.provinces {
		for j := 0; j < min(g.sc.Departments, len(departments)); j++ {
			d := departments[j]
			name := d.Name
			if d.Code == "VP" || d.Code == "TTR" || d.Code == "CA" {
				name += " " + strings.TrimPrefix(strings.TrimPrefix(p.Unit.Name, "UBND "), "thành phố ")
			}
			p.Departments = append(p.Departments, add(&genUnit{ParentID: p.Unit.ID, Code: p.Unit.Code + "." + d.Code, Name: name,
				Kind: "department", Position: j + 1, Secretariat: j == 0}))
		}
		for j := 0; j < g.sc.Communes; j++ {
			kind := "xã"
			if j%4 == 0 {
				kind = "phường"
			}
			stem := communeStems[j%len(communeStems)]
			name := fmt.Sprintf("UBND %s %s", kind, stem)
			if j >= len(communeStems) {
				name = fmt.Sprintf("UBND %s %s %d", kind, stem, j/len(communeStems)+1)
			}
			p.Communes = append(p.Communes, add(&genUnit{ParentID: p.Unit.ID, Code: fmt.Sprintf("%s.X%03d", p.Unit.Code, j+1), Name: name,
				Kind: "commune", Position: 100 + j}))
		}
	}
	var levels [2]struct {
		id, parent, pos  []int64
		code, name, kind []string
		sec              []bool
	}
	for _, u := range g.all {
		l := &levels[0]
		if u.ParentID != 0 {
			l = &levels[1]
		}
		l.id, l.parent, l.pos = append(l.id, u.ID), append(l.parent, u.ParentID), append(l.pos, int64(u.Position))
		l.code, l.name, l.kind, l.sec = append(l.code, u.Code), append(l.name, u.Name), append(l.kind, u.Kind), append(l.sec, u.Secretariat)
	}
	for _, l := range levels {
		if _, err := db.DB.ExecContext(ctx, `INSERT INTO units (id, code, name, kind, parent_id, position, is_secretariat)
		    SELECT id, code, name, kind, nullif(parent, 0), pos, sec
		    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::int[], $7::bool[]) AS u(id, code, name, kind, parent, pos, sec)`,
			l.id, l.code, l.name, l.kind, l.parent, l.pos, l.sec); err != nil {
			return fmt.Errorf("bench: units: %w", err)
		}
	}
	g.sum.Units = len(g.all)

	hash, err := accounts.HashPassword(demo.Password)
	if err != nil {
		return err
	}
	var uid int64
	var u struct {
		id, unit          []int64
		email, name, role []string
	}
	user := func(unit *genUnit, email, name string, role accounts.Role) int64 {
		uid++
		u.id, u.unit = append(u.id, uid), append(u.unit, unit.ID)
		u.email, u.name, u.role = append(u.email, email), append(u.name, name), append(u.role, string(role))
		switch role {
		case accounts.RoleOfficer, accounts.RoleSecretariat:
			unit.Staff = append(unit.Staff, uid)
		case accounts.RoleLeader:
			unit.Leaders = append(unit.Leaders, uid)
		}
		return uid
	}
	// The demo logins in the first province: admin, leader and viewer at its
	// People's Committee, the secretariat at its Sở Nội vụ, the officer at
	// its Sở Tư pháp.
	first := g.provinces[0]
	for _, l := range demo.Logins {
		unit := first.Unit
		switch l.Role {
		case accounts.RoleSecretariat:
			unit = first.Departments[0]
		case accounts.RoleOfficer:
			unit = first.Departments[min(1, len(first.Departments)-1)]
		}
		id := user(unit, l.Email, l.Name, l.Role)
		switch l.Role {
		case accounts.RoleSecretariat:
			first.Secretary = id
		case accounts.RoleLeader:
			first.Leader = id
		}
	}
	for i, p := range g.provinces {
		mail := func(what string) string {
			return fmt.Sprintf("%s.%s@bench.cchc.test", what, strings.ToLower(p.Unit.Code))
		}
		if i > 0 {
			p.Leader = user(p.Unit, mail("lanhdao"), "Lãnh đạo "+p.Unit.Name, accounts.RoleLeader)
			p.Secretary = user(p.Departments[0], mail("noivu"), "Chuyên viên "+p.Departments[0].Name, accounts.RoleSecretariat)
		}
		for j, d := range p.Departments {
			if i == 0 && j == 1 {
				continue // the demo officer
			}
			user(d, mail(strings.ToLower(strings.TrimPrefix(d.Code, p.Unit.Code+"."))), "Chuyên viên "+d.Name, accounts.RoleOfficer)
		}
		// Every other commune has an officer: the others are reached by
		// nobody, as in a deployment still being rolled out.
		for j, c := range p.Communes {
			if j%2 == 0 {
				user(c, mail(fmt.Sprintf("x%03d", j+1)), "Công chức "+c.Name, accounts.RoleOfficer)
			}
		}
	}
	if _, err := db.DB.ExecContext(ctx, `INSERT INTO users (id, email, name, role, unit_id, password_hash)
	    SELECT id, email, name, role, unit, $6 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS u(id, email, name, role, unit)`,
		u.id, u.email, u.name, u.role, u.unit, hash); err != nil {
		return fmt.Errorf("bench: users: %w", err)
	}
	g.sum.Users = len(u.id)
	return nil
}

// copies are the COPY streams: one connection per table, fed as rows are
// generated, with the foreign-key triggers off (session_replication_role =
// replica, superusers only). Without that right the rows are kept in
// memory and copied table after table, parents first, with the checks on:
// fine for the small scale, slow for the others.
type copies struct {
	streams  map[string]*stream
	wg       sync.WaitGroup
	buffered *sql.Conn
	ctx      context.Context
}

type stream struct {
	table   string
	columns []string
	ch      chan [][]any
	batch   [][]any
	rows    [][]any // buffered mode
	err     error
	n       int
}

var tables = []struct {
	name    string
	columns []string
}{
	{"plans", []string{"id", "unit_id", "year", "number", "title", "issued_on", "state", "version", "created_at", "updated_at", "require_confirmation", "cutoff_scheme"}},
	{"areas", []string{"id", "plan_id", "position", "label", "name", "version"}},
	{"tasks", []string{"id", "plan_id", "area_id", "position", "number", "title", "description", "lead_unit_id", "output",
		"deadline_text", "deadline_kind", "deadline_date", "recur_months", "version", "created_at", "updated_at", "parent_task_id"}},
	{"task_coordinators", []string{"task_id", "unit_id", "position"}},
	{"progress_entries", []string{"id", "task_id", "unit_id", "author_id", "recorded_at", "occurrence", "percent", "note", "completed", "evidence_number", "evidence_date"}},
	{"completion_reviews", []string{"id", "entry_id", "task_id", "decision", "reason", "decided_by", "decided_at"}},
	{"deadline_extensions", []string{"id", "task_id", "unit_id", "requested_by", "requested_at", "reason", "old_date", "new_date", "state", "decided_by", "decided_at", "decision_note"}},
	{"evidence_files", []string{"id", "entry_id", "task_id", "filename", "content_type", "size", "sha256", "data", "created_at"}},
	{"notices", []string{"id", "kind", "step", "subject", "due", "user_id", "plan_id", "task_id", "unit_id", "title", "body", "created_at", "read_at", "outbound"}},
	{"task_timeline", []string{"task_id", "plan_id", "lead_unit_id", "area_id", "valid_from", "valid_to", "status", "percent", "completed_on", "occurrence", "due", "first_missed", "pending"}},
}

func copyRows(ctx context.Context, conn *sql.Conn, s *stream, src pgx.CopyFromSource) error {
	return conn.Raw(func(dc any) error {
		n, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{s.table}, s.columns, src)
		s.n = int(n)
		return err
	})
}

func startCopies(ctx context.Context, db *bun.DB) (*copies, error) {
	c := &copies{streams: map[string]*stream{}, ctx: ctx}
	probe, err := db.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := probe.ExecContext(ctx, "SET session_replication_role = replica"); err != nil {
		c.buffered = probe
		for _, t := range tables {
			c.streams[t.name] = &stream{table: t.name, columns: t.columns}
		}
		return c, nil
	}
	conns := []*sql.Conn{probe}
	for len(conns) < len(tables) {
		conn, err := db.DB.Conn(ctx)
		if err == nil {
			_, err = conn.ExecContext(ctx, "SET session_replication_role = replica")
		}
		if err != nil {
			for _, c := range conns {
				c.Close()
			}
			return nil, fmt.Errorf("bench: copy connections: %w", err)
		}
		conns = append(conns, conn)
	}
	for i, t := range tables {
		conn := conns[i]
		s := &stream{table: t.name, columns: t.columns, ch: make(chan [][]any, 8)}
		c.streams[t.name] = s
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			defer conn.Close()
			err := copyRows(ctx, conn, s, &chanSource{ch: s.ch})
			if err == nil {
				_, err = conn.ExecContext(ctx, "SET session_replication_role = origin")
			}
			if err != nil {
				s.err = fmt.Errorf("bench: copy %s: %w", s.table, err)
				for range s.ch { // let the generator go on to its end
				}
			}
		}()
	}
	return c, nil
}

// row queues one row for a table.
func (c *copies) row(table string, values ...any) {
	s := c.streams[table]
	if c.buffered != nil {
		s.rows = append(s.rows, values)
		return
	}
	s.batch = append(s.batch, values)
	if len(s.batch) == 2000 {
		s.ch <- s.batch
		s.batch = nil
	}
}

func (c *copies) finish() error {
	if c.buffered != nil {
		defer c.buffered.Close()
		for _, t := range tables {
			s := c.streams[t.name]
			if err := copyRows(c.ctx, c.buffered, s, pgx.CopyFromRows(s.rows)); err != nil {
				return fmt.Errorf("bench: copy %s: %w", s.table, err)
			}
			s.rows = nil
		}
		return nil
	}
	for _, s := range c.streams {
		if len(s.batch) > 0 {
			s.ch <- s.batch
		}
		close(s.ch)
	}
	c.wg.Wait()
	var errs []error
	for _, s := range c.streams {
		errs = append(errs, s.err)
	}
	return errors.Join(errs...)
}

func (c *copies) abort() {
	if c.buffered != nil {
		c.buffered.Close()
		return
	}
	for _, s := range c.streams {
		close(s.ch)
	}
	c.wg.Wait()
}

type chanSource struct {
	ch  chan [][]any
	cur [][]any
	i   int
}

func (s *chanSource) Next() bool {
	s.i++
	for s.i >= len(s.cur) {
		b, ok := <-s.ch
		if !ok {
			return false
		}
		s.cur, s.i = b, 0
	}
	return true
}

func (s *chanSource) Values() ([]any, error) { return s.cur[s.i], nil }
func (s *chanSource) Err() error             { return nil }

// date is a day for COPY (NULL when zero).
func date(d civil.Date) pgtype.Date {
	if d.IsZero() {
		return pgtype.Date{}
	}
	return pgtype.Date{Time: d.UTC(), Valid: true}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// at is a moment of day d in office hours.
func (g *gen) at(d civil.Date) time.Time {
	return d.Start().Add(time.Duration(8*60+g.rng.IntN(9*60)) * time.Minute)
}

// between is a day from a to b (inclusive; a if b is before a).
func (g *gen) between(a, b civil.Date) civil.Date {
	if !b.After(a) {
		return a
	}
	return a.AddDays(g.rng.IntN(b.DaysSince(a) + 1))
}

// province generates a province's plans of year y: its own, then each
// department's (the tasks it leads in the province's plan cascaded into it,
// plus its own), then each commune's.
func (g *gen) province(p *genProvince, y int) {
	cascaded := map[int64][]*genTask{}
	for _, t := range g.plan(p, p.Unit, y, 65+g.rng.IntN(30)) {
		cascaded[t.lead.ID] = append(cascaded[t.lead.ID], t)
	}
	for _, d := range p.Departments {
		g.plan(p, d, y, 30+g.rng.IntN(30), cascaded[d.ID]...)
	}
	for _, c := range p.Communes {
		g.plan(p, c, y, 45+g.rng.IntN(36))
	}
}

type genTask struct {
	id     int64
	area   int
	title  string
	output string
	dl     deadline.Deadline
	lead   *genUnit
	coords []*genUnit
	parent int64
}

var deadlineForms = []struct {
	weight int
	make   func(g *gen, y int) string
}{
	{16, func(g *gen, y int) string { return fmt.Sprintf("%d/%d/%d", 1+g.rng.IntN(28), 1+g.rng.IntN(12), y) }},
	{10, func(g *gen, y int) string { return fmt.Sprintf("Trước %d/%d", 1+g.rng.IntN(28), 1+g.rng.IntN(12)) }},
	{8, func(g *gen, y int) string { return fmt.Sprintf("Tháng %d/%d", 1+g.rng.IntN(12), y) }},
	{4, func(g *gen, y int) string { return fmt.Sprintf("Tháng %d", 1+g.rng.IntN(12)) }},
	{18, func(g *gen, y int) string { return "Quý " + []string{"I", "II", "III", "IV"}[g.rng.IntN(4)] }},
	{3, func(g *gen, y int) string { return "6 tháng đầu năm" }},
	{3, func(g *gen, y int) string { return "6 tháng cuối năm" }},
	{5, func(g *gen, y int) string { return fmt.Sprintf("Năm %d", y) }},
	{3, func(g *gen, y int) string { return "Trong năm" }},
	{16, func(g *gen, y int) string { return "Thường xuyên" }},
	{7, func(g *gen, y int) string { return "Hằng quý" }},
	{2, func(g *gen, y int) string { return "Hằng tháng" }},
}

func (g *gen) deadline(y int) deadline.Deadline {
	total := 0
	for _, f := range deadlineForms {
		total += f.weight
	}
	r := g.rng.IntN(total)
	for _, f := range deadlineForms {
		if r < f.weight {
			d, err := deadline.Parse(f.make(g, y), y)
			if err != nil {
				panic(err) // the forms above are all valid
			}
			return d
		}
		r -= f.weight
	}
	panic("unreachable")
}

// plan generates the plan unit issues for year y with about n tasks of its
// own besides the cascaded ones, and returns its tasks.
func (g *gen) plan(p *genProvince, unit *genUnit, y, n int, cascaded ...*genTask) []*genTask {
	g.next.plan++
	planID := g.next.plan
	issued := civil.New(y-1, 12, 15+g.rng.IntN(16))
	created := g.at(issued.AddDays(-3))
	state := "closed"
	if y == g.today.Year {
		state = "issued"
	}
	confirm := unit.Kind == "province" || g.rng.IntN(10) < 7
	g.copy.row("plans", planID, unit.ID, y, fmt.Sprintf("%d/KH-UBND", 10+g.rng.IntN(400)),
		fmt.Sprintf("Kế hoạch cải cách hành chính năm %d", y), date(issued), state, 1, created, created, confirm, string(plans.SchemeDecree))
	g.sum.Plans++
	areaIDs := make([]int64, len(areaNames))
	for i, name := range areaNames {
		g.next.area++
		areaIDs[i] = g.next.area
		g.copy.row("areas", g.next.area, planID, i+1, plans.Roman(i+1), name, 1)
		g.sum.Areas++
	}

	var ts []*genTask
	for _, c := range cascaded {
		ts = append(ts, &genTask{area: c.area, title: c.title, output: c.output, dl: c.dl, lead: unit, parent: c.id})
	}
	others := func(k int) []*genUnit {
		var out []*genUnit
		for range k {
			d := p.Departments[g.rng.IntN(len(p.Departments))]
			if d != unit && !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
		return out
	}
	for i := range n {
		area := g.rng.IntN(len(areaNames))
		tt := taskTitles[area][g.rng.IntN(len(taskTitles[area]))]
		t := &genTask{area: area, title: tt.Title, output: tt.Output, dl: g.deadline(y), lead: unit}
		if strings.HasSuffix(t.title, "năm") {
			t.title += fmt.Sprintf(" %d", y)
		}
		switch unit.Kind {
		case "province":
			// The Sở Nội vụ leads the reform's own tasks; the other
			// departments their fields.
			t.lead = p.Departments[0]
			if area != 0 && g.rng.IntN(3) > 0 {
				t.lead = p.Departments[g.rng.IntN(len(p.Departments))]
			}
			t.coords = others(g.rng.IntN(4))
			if i < 3 {
				t.coords = append(t.coords, p.Communes...) // "UBND các xã, phường"
			}
		case "department":
			t.coords = others(g.rng.IntN(3))
		}
		ts = append(ts, t)
	}
	slices.SortStableFunc(ts, func(a, b *genTask) int { return cmp.Compare(a.area, b.area) })

	for i, t := range ts {
		g.next.task++
		t.id = g.next.task
		g.task(p, planID, areaIDs[t.area], i+1, y, confirm, created, t)
	}
	return ts
}

// genEntry is a progress entry being generated.
type genEntry struct {
	at       time.Time
	occ      int
	pct      int
	done     bool
	evDate   civil.Date
	note     string
	review   string // "", "confirmed" or "returned"
	reviewAt time.Time
}

// task generates a task with its coordinators, history, reviews,
// extensions, evidence, notices and timeline.
func (g *gen) task(p *genProvince, planID, areaID int64, pos, y int, confirm bool, created time.Time, t *genTask) {
	s := tasks.Schedule{Year: y, Kind: t.dl.Kind, Due: t.dl.Date, EveryMonths: t.dl.EveryMonths, RequireConfirmation: confirm}
	start := g.between(civil.New(y, 1, 5), civil.New(y, 2, 28))
	var es []genEntry
	var exts [][]any
	switch {
	case start.After(g.today):
	case s.Kind == deadline.KindRecurring:
		for k := 1; k <= s.Occurrences(); k++ {
			from := civil.New(y, time.Month(1+(k-1)*s.EveryMonths), 1)
			if from.After(g.today) {
				break
			}
			due := s.DueOf(k)
			g.work(&es, k, from, due, confirm, 0.86, 0.09)
		}
	case s.Kind == deadline.KindContinuous:
		for q := 1; q <= 3; q++ {
			d := g.between(civil.New(y, time.Month(3*q), 1), civil.New(y, time.Month(3*q), 20))
			if d.After(g.today) {
				break
			}
			es = append(es, genEntry{at: g.at(d), occ: 1, pct: 25 * q, note: "Đang tiếp tục triển khai thường xuyên."})
		}
		if end := g.between(civil.New(y, 12, 10), civil.New(y, 12, 28)); !end.After(g.today) && g.rng.IntN(20) > 0 {
			g.complete(&es, 1, end, confirm)
		}
	default:
		due := s.Due
		// A few dated tasks get a deadline extension before they fall due.
		if r := g.rng.IntN(100); r < 4 && !due.AddDays(-3).After(g.today) {
			g.next.ext++
			requested, decided := g.at(due.AddDays(-10)), g.at(due.AddDays(-3))
			newDue := due.AddDays(20 + g.rng.IntN(40))
			state, note := "approved", "Đồng ý gia hạn."
			if r == 3 {
				state, note = "refused", "Không đủ căn cứ gia hạn."
			}
			exts = append(exts, []any{g.next.ext, t.id, t.lead.ID, nullID(first(t.lead.Staff)), requested,
				"Chờ ý kiến thẩm định của cơ quan cấp trên.", date(due), date(newDue), state, nullID(p.Leader), decided, note})
			if state == "approved" {
				s.Extensions = append(s.Extensions, tasks.Extended{NewDue: newDue, DecidedAt: decided})
				due = newDue
			}
		}
		onTime, late := 0.72, 0.13
		if y < g.today.Year {
			onTime, late = 0.84, 0.11
		}
		g.work(&es, 1, start, due, confirm, onTime, late)
	}

	slices.SortStableFunc(es, func(a, b genEntry) int { return a.at.Compare(b.at) })
	author := first(t.lead.Staff)
	var events []tasks.Event
	version := 1
	updated := created
	for _, e := range es {
		g.next.entry++
		id := g.next.entry
		evNum := ""
		if e.done {
			evNum = fmt.Sprintf("%d/%s", 1+g.rng.IntN(900), evidenceKinds[g.rng.IntN(len(evidenceKinds))])
		}
		g.copy.row("progress_entries", id, t.id, t.lead.ID, nullID(author), e.at, e.occ, e.pct, e.note, e.done, evNum, date(e.evDate))
		g.sum.Entries++
		version++
		updated = e.at
		ev := tasks.Event{ID: id, Recorded: e.at, Occurrence: e.occ, Percent: e.pct, Completed: e.done, EvidenceDate: e.evDate}
		if e.review != "" {
			g.next.review++
			reason := ""
			if e.review == tasks.ReviewReturned {
				reason = "Đề nghị bổ sung tài liệu kiểm chứng."
			} else {
				ev.ConfirmedAt = e.reviewAt
			}
			g.copy.row("completion_reviews", g.next.review, id, t.id, e.review, reason, nullID(p.Secretary), e.reviewAt)
			g.sum.Reviews++
			version++
		}
		if e.done && g.rng.IntN(10) == 0 {
			g.next.evidence++
			g.copy.row("evidence_files", g.next.evidence, id, t.id, "van-ban-kiem-chung.pdf", "application/pdf", len(evidencePDF),
				g.evidenceSum[:], evidencePDF, e.at)
			g.sum.Evidence++
		}
		events = append(events, ev)
	}
	for _, x := range exts {
		g.copy.row("deadline_extensions", x...)
		g.sum.Extensions++
		version++
	}
	g.copy.row("tasks", t.id, planID, areaID, pos, fmt.Sprint(pos), t.title, "", t.lead.ID, t.output, t.dl.Text, string(t.dl.Kind),
		date(t.dl.Date), nullInt(t.dl.EveryMonths), version, created, updated, nullID(t.parent))
	g.sum.Tasks++
	for i, c := range t.coords {
		g.copy.row("task_coordinators", t.id, c.ID, i+1)
		g.sum.Coordinated++
	}

	spans := tasks.Timeline(s, events)
	for _, sp := range spans {
		from, to := date(sp.From), date(sp.To)
		if sp.From.IsZero() {
			from = pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
		}
		if sp.To.IsZero() {
			to = pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}
		}
		st := sp.State
		g.copy.row("task_timeline", t.id, planID, t.lead.ID, areaID, from, to, string(st.Status), st.Percent, date(st.CompletedOn),
			st.Occurrence, date(st.Due), date(sp.FirstMissed), st.Pending)
		g.sum.Spans++
	}
	if y != g.today.Year {
		return
	}
	now := tasks.SpanAt(spans, g.today).At(g.today)
	g.sum.Status.Add(now.Status)
	// The notices earlier reminder runs left: the first overdue notice,
	// and the warning a week before a deadline still ahead.
	for _, user := range t.lead.Staff {
		switch {
		case now.Status == tasks.StatusOverdue && !now.Pending:
			missed := g.today.AddDays(-now.DaysOverdue)
			g.notice("overdue", 1, missed, user, planID, t, fmt.Sprintf("Quá hạn 1 ngày: %d. %s", pos, t.title), missed.AddDays(1))
		case !now.Status.Completed() && !now.Due.IsZero() && !now.Due.Before(g.today) && now.Due.DaysSince(g.today) <= 7:
			g.notice("due_soon", 7, now.Due, user, planID, t, fmt.Sprintf("Sắp đến hạn (còn 7 ngày): %d. %s", pos, t.title), now.Due.AddDays(-7))
		}
	}
}

func (g *gen) notice(kind string, step int, due civil.Date, user, planID int64, t *genTask, title string, on civil.Date) {
	if on.After(g.today) {
		on = g.today
	}
	g.next.notice++
	created := on.Start().Add(7 * time.Hour)
	var read any
	if g.rng.IntN(2) == 0 {
		read = created.Add(3 * time.Hour)
	}
	g.copy.row("notices", g.next.notice, kind, step, fmt.Sprintf("task:%d", t.id), date(due), user, planID, t.id, t.lead.ID,
		title, "Hạn hoàn thành: "+due.VN(), created, read, "none")
	g.sum.Notices++
}

// work generates one occurrence's entries: progress from day from, and a
// completion by its deadline due with probability onTime, after it with
// probability late, else none (overdue once due has passed; in progress or
// not started before).
func (g *gen) work(es *[]genEntry, occ int, from, due civil.Date, confirm bool, onTime, late float64) {
	r := g.rng.Float64()
	var done civil.Date
	switch {
	case r < onTime:
		done = g.between(maxDate(from, due.AddDays(-30)), due)
		if done.After(g.today) && g.rng.IntN(4) > 0 {
			done = civil.Date{} // still ahead: most are not done early
		}
	case r < onTime+late:
		done = due.AddDays(1 + g.rng.IntN(45))
	}
	if !done.IsZero() && done.After(g.today) {
		done = civil.Date{}
	}
	until := g.today
	if !done.IsZero() {
		until = done.AddDays(-1)
	}
	// A few progress entries before, more for long tasks.
	k := 1 + g.rng.IntN(5)
	if done.IsZero() && !due.Before(g.today) && g.rng.IntN(3) == 0 {
		k = 0 // not started yet
	}
	pct := 0
	day := from
	for i := 0; i < k && !day.After(until); i++ {
		day = g.between(day, minDate(until, day.AddDays(20+g.rng.IntN(60))))
		if day.After(until) {
			break
		}
		pct = min(90, pct+10+g.rng.IntN(30))
		*es = append(*es, genEntry{at: g.at(day), occ: occ, pct: pct, note: "Đang triển khai thực hiện."})
		day = day.AddDays(1)
	}
	if !done.IsZero() {
		g.complete(es, occ, done, confirm)
	}
}

// complete adds a completion done on day done (its evidence date), recorded
// that day or a few days later, and its review: confirmed some days later,
// pending if that is still ahead, returned now and then (and claimed again).
func (g *gen) complete(es *[]genEntry, occ int, done civil.Date, confirm bool) {
	rec := minDate(g.today, done.AddDays(g.rng.IntN(3)))
	e := genEntry{at: g.at(rec), occ: occ, pct: 100, done: true, evDate: done, note: "Đã hoàn thành, ban hành văn bản."}
	if !confirm {
		*es = append(*es, e)
		return
	}
	decided := g.at(rec.AddDays(1 + g.rng.IntN(8)))
	if decided.After(g.now) {
		*es = append(*es, e) // pending: awaiting the secretariat
		return
	}
	if g.rng.IntN(16) == 0 {
		// Returned: the history takes the completion back, the unit claims
		// again a few days later.
		e.review, e.reviewAt = tasks.ReviewReturned, decided
		*es = append(*es, e, genEntry{at: decided, occ: occ, pct: 90, note: "Trả lại: Đề nghị bổ sung tài liệu kiểm chứng."})
		again := civil.In(decided).AddDays(2 + g.rng.IntN(8))
		if again.After(g.today) {
			return
		}
		g.complete(es, occ, again, confirm)
		return
	}
	e.review, e.reviewAt = tasks.ReviewConfirmed, decided
	*es = append(*es, e)
}

func first(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func minDate(a, b civil.Date) civil.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b civil.Date) civil.Date {
	if a.After(b) {
		return a
	}
	return b
}
