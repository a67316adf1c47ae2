// Package indicators owns the quantitative indicators reported beside tasks
// (docs/DOMAIN.md §9): the catalogue (the standard indicators every plan
// carries, seeded by a migration, and those a plan's secretariat adds),
// each plan's targets, the values units report per period, and their
// rollups. It builds on plans and units.
//
// A unit reports its own figures for a period of a year, never a total of
// the units below it: a plan's figure is computed from the values of the
// units of its issuer's subtree — counts summed, ratios as the sum of the
// numerators over the sum of the denominators (never an average of rates).
// A "value" indicator (the SIPAS score) is not additive: a plan's figure is
// the value its issuer reports.
package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/database"
	"cchc/internal/errs"
	"cchc/internal/vn"
)

// Kind is how an indicator is measured.
type Kind string

const (
	// Count is a number of things: dossiers received, documents reviewed.
	Count Kind = "count"
	// Ratio is a numerator over a denominator, shown as a percentage:
	// dossiers resolved on time over dossiers resolved.
	Ratio Kind = "ratio"
	// Value is a figure that does not add up: a satisfaction score.
	Value Kind = "value"
)

// Kinds in the order forms offer them.
var Kinds = []Kind{Count, Ratio, Value}

// Valid reports whether k is a kind.
func (k Kind) Valid() bool { return k == Count || k == Ratio || k == Value }

// Label is the message ID of the kind's name.
func (k Kind) Label() string { return "indicators.kind_" + string(k) }

// Direction says which side of the target meets it.
type Direction string

const (
	AtLeast Direction = "at_least"
	AtMost  Direction = "at_most"
)

// Directions in the order forms offer them.
var Directions = []Direction{AtLeast, AtMost}

// Valid reports whether d is a direction.
func (d Direction) Valid() bool { return d == AtLeast || d == AtMost }

// Label is the message ID of the direction's name.
func (d Direction) Label() string { return "indicators.direction_" + string(d) }

// Sign is "≥" or "≤", as a target is written: "≥ 98%".
func (d Direction) Sign() string {
	if d == AtMost {
		return "≤"
	}
	return "≥"
}

// The codes of the standard indicators (migrations/…_indicators.tx.up.sql).
const (
	CodeReceived     = "TTHC_RECEIVED"
	CodeOnTime       = "TTHC_ON_TIME"
	CodeOnline       = "TTHC_ONLINE"
	CodePaidOnline   = "TTHC_PAID_ONLINE"
	CodeSIPAS        = "SIPAS"
	CodeDocsReviewed = "VBQPPL_REVIEWED"
)

// Indicator is an entry of the catalogue, as a plan sees it.
type Indicator struct {
	bun.BaseModel `bun:"table:indicators,alias:i"`

	ID int64 `bun:"id,pk,autoincrement" json:"id"`
	// PlanID is 0 for a standard indicator (every plan carries it).
	PlanID           int64     `bun:"plan_id,nullzero" json:"plan_id,omitempty"`
	Code             string    `bun:"code" json:"code"`
	Name             string    `bun:"name" json:"name"`
	UnitOfMeasure    string    `bun:"unit_of_measure" json:"unit_of_measure"`
	Kind             Kind      `bun:"kind" json:"kind"`
	Direction        Direction `bun:"direction" json:"direction"`
	DefaultTarget    *float64  `bun:"default_target" json:"-"`
	NumeratorLabel   string    `bun:"numerator_label" json:"numerator_label,omitempty"`
	DenominatorLabel string    `bun:"denominator_label" json:"denominator_label,omitempty"`
	Position         int       `bun:"position" json:"-"`
	CreatedAt        time.Time `bun:"created_at,nullzero,default:now()" json:"-"`

	// Target is the plan's target (its own, else the catalogue's default);
	// nil: none. For a ratio it is a percentage. Filled by ForPlan.
	Target *float64 `bun:"target,scanonly" json:"target"`
	// TargetVersion is the version of the plan's target row, 0 if it has none.
	TargetVersion int `bun:"target_version,scanonly" json:"target_version"`
}

// Standard reports whether every plan carries the indicator.
func (i *Indicator) Standard() bool { return i.PlanID == 0 }

// Percent reports whether the indicator's figure reads as a percentage.
func (i *Indicator) Percent() bool { return i.Kind == Ratio || i.UnitOfMeasure == "%" }

// Format writes a figure of the indicator as documents do: "50.176",
// "83,45%", "90,2%".
func (i *Indicator) Format(x float64) string {
	if i.Percent() {
		return vn.Number(x, 2) + "%"
	}
	return vn.Number(x, 2)
}

// TargetText is the target as plans write it: "≥ 98%", or "" without one.
func (i *Indicator) TargetText() string {
	if i.Target == nil {
		return ""
	}
	return i.Direction.Sign() + " " + i.Format(*i.Target)
}

// ForPlan lists the indicators of a plan, standard ones first, each with
// the plan's target.
func ForPlan(ctx context.Context, db bun.IDB, planID int64) ([]Indicator, error) {
	var is []Indicator
	err := db.NewSelect().Model(&is).ColumnExpr("i.*").
		ColumnExpr("CASE WHEN t.plan_id IS NULL THEN i.default_target ELSE t.target END AS target").
		ColumnExpr("coalesce(t.version, 0) AS target_version").
		Join("LEFT JOIN indicator_targets AS t ON t.indicator_id = i.id AND t.plan_id = ?", planID).
		Where("i.plan_id IS NULL OR i.plan_id = ?", planID).
		OrderExpr("i.plan_id IS NOT NULL, i.position, i.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("indicators: of plan %d: %w", planID, err)
	}
	return is, nil
}

// Get is indicator id as plan planID sees it: a standard one or the plan's
// own; any other is not found.
func Get(ctx context.Context, db bun.IDB, planID, id int64) (*Indicator, error) {
	is, err := ForPlan(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	for i := range is {
		if is[i].ID == id {
			return &is[i], nil
		}
	}
	return nil, errs.Missing("indicators: indicator %d of plan %d", id, planID)
}

// ByCode is the plan's indicator with that code (case ignored).
func ByCode(is []Indicator, code string) (*Indicator, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	for i := range is {
		if is[i].Code == code {
			return &is[i], true
		}
	}
	return nil, false
}

// New is an indicator a plan's secretariat adds.
type New struct {
	Code, Name, UnitOfMeasure        string
	Kind                             Kind
	Direction                        Direction
	Target                           *float64
	NumeratorLabel, DenominatorLabel string
}

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,39}$`)

// Create adds an indicator of the plan's own, with its target.
func Create(ctx context.Context, db bun.IDB, planID int64, in New) (*Indicator, error) {
	ind := &Indicator{PlanID: planID, Code: strings.ToUpper(strings.ReplaceAll(vn.OneLine(in.Code), " ", "_")), Name: vn.OneLine(in.Name),
		UnitOfMeasure: vn.OneLine(in.UnitOfMeasure), Kind: in.Kind, Direction: in.Direction,
		NumeratorLabel: vn.OneLine(in.NumeratorLabel), DenominatorLabel: vn.OneLine(in.DenominatorLabel)}
	if ind.Direction == "" {
		ind.Direction = AtLeast
	}
	if ind.Kind == Ratio && ind.UnitOfMeasure == "" {
		ind.UnitOfMeasure = "%"
	}
	switch {
	case !codePattern.MatchString(ind.Code):
		return nil, errs.Bad("code", "indicators.code_invalid", in.Code)
	case ind.Name == "":
		return nil, errs.Bad("name", "indicators.name_required")
	case len([]rune(ind.Name)) > 300:
		return nil, errs.Bad("name", "indicators.name_long", 300)
	case len([]rune(ind.UnitOfMeasure)) > 50:
		return nil, errs.Bad("unit_of_measure", "indicators.unit_of_measure_long", 50)
	case len([]rune(ind.NumeratorLabel)) > 200 || len([]rune(ind.DenominatorLabel)) > 200:
		return nil, errs.Bad("numerator_label", "indicators.name_long", 200)
	case !ind.Kind.Valid():
		return nil, errs.Bad("kind", "indicators.kind_invalid", string(in.Kind))
	case !ind.Direction.Valid():
		return nil, errs.Bad("direction", "indicators.direction_invalid", string(in.Direction))
	}
	if err := checkTarget(ind, in.Target); err != nil {
		return nil, err
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		n, err := tx.NewSelect().Table("indicators").Where("code = ? AND (plan_id IS NULL OR plan_id = ?)", ind.Code, planID).Count(ctx)
		if err != nil {
			return fmt.Errorf("indicators: check code: %w", err)
		}
		if n > 0 {
			return errs.Bad("code", "indicators.code_taken", ind.Code)
		}
		if err := tx.NewSelect().Table("indicators").ColumnExpr("coalesce(max(position), 0) + 1").
			Where("plan_id = ?", planID).Scan(ctx, &ind.Position); err != nil {
			return fmt.Errorf("indicators: next position: %w", err)
		}
		if _, err := tx.NewInsert().Model(ind).Returning("*").Exec(ctx); err != nil {
			if database.IsUniqueViolation(err) {
				return errs.Bad("code", "indicators.code_taken", ind.Code)
			}
			return fmt.Errorf("indicators: create: %w", err)
		}
		if err := audit.Record(ctx, tx, audit.Change{Action: "create", Entity: "indicator", EntityID: ind.ID, PlanID: planID, After: ind}); err != nil {
			return err
		}
		if in.Target != nil {
			return setTarget(ctx, tx, planID, ind, in.Target, 0)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, planID, ind.ID)
}

// checkTarget refuses a target the indicator cannot have.
func checkTarget(ind *Indicator, target *float64) error {
	if target == nil {
		return nil
	}
	t := *target
	switch {
	case math.IsNaN(t) || math.IsInf(t, 0) || math.Abs(t) > 1e15:
		return errs.Bad("target", "indicators.target_invalid")
	case ind.Kind == Ratio && (t < 0 || t > 100):
		return errs.Bad("target", "indicators.target_percent")
	case ind.Kind == Count && t < 0:
		return errs.Bad("target", "indicators.target_negative")
	}
	return nil
}

// SetTarget sets the plan's target for an indicator (nil: none). version
// is the target version the caller read (0: the plan had none of its own).
func SetTarget(ctx context.Context, db bun.IDB, planID, indicatorID int64, target *float64, version int) (*Indicator, error) {
	ind, err := Get(ctx, db, planID, indicatorID)
	if err != nil {
		return nil, err
	}
	if err := checkTarget(ind, target); err != nil {
		return nil, err
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return setTarget(ctx, tx, planID, ind, target, version)
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, planID, indicatorID)
}

func setTarget(ctx context.Context, tx bun.Tx, planID int64, ind *Indicator, target *float64, version int) error {
	var cur struct {
		Target  *float64 `bun:"target"`
		Version int      `bun:"version"`
	}
	err := tx.NewSelect().Table("indicator_targets").Column("target", "version").
		Where("plan_id = ? AND indicator_id = ?", planID, ind.ID).For("UPDATE").Scan(ctx, &cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("indicators: target: %w", err)
	}
	if cur.Version != version {
		return ErrStale
	}
	if _, err := tx.NewRaw(`INSERT INTO indicator_targets (plan_id, indicator_id, target) VALUES (?, ?, ?)
		ON CONFLICT (plan_id, indicator_id) DO UPDATE SET target = EXCLUDED.target, version = indicator_targets.version + 1, updated_at = now()`,
		planID, ind.ID, target).Exec(ctx); err != nil {
		return fmt.Errorf("indicators: set target: %w", err)
	}
	before := ind.Target
	if version > 0 {
		before = cur.Target
	}
	return audit.Record(ctx, tx, audit.Change{Action: "target", Entity: "indicator", EntityID: ind.ID, PlanID: planID,
		Before: map[string]any{"target": before, "version": version}, After: map[string]any{"target": target, "version": version + 1}})
}

// ErrStale means a target or a value changed since the caller read it.
var ErrStale = errs.New(errs.Stale, "stale_version", "indicators.stale")
