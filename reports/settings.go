package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/errs"
	"cchc/internal/vn"
	"cchc/plans"
)

// How section II is organised.
const (
	// SectionsPlan: one subsection per area of the plan (the default).
	SectionsPlan = "plan"
	// SectionsNational: one subsection per reform area of Nghị quyết
	// 76/NQ-CP, each gathering the plan areas mapped to it; areas mapped to
	// none (direction, communication) are reported in section I.
	SectionsNational = "national"
)

// ReformAreas are the six reform areas of the national programme
// 2021–2030 (Nghị quyết 76/NQ-CP), numbered 1–6; 0 is none.
var ReformAreas = []string{
	"",
	"Cải cách thể chế",
	"Cải cách thủ tục hành chính",
	"Cải cách tổ chức bộ máy hành chính nhà nước",
	"Cải cách chế độ công vụ",
	"Cải cách tài chính công",
	"Xây dựng và phát triển chính quyền điện tử, chính quyền số",
}

// GuessReformArea maps an area's name to a reform area by its words: "Cải
// cách thể chế" → 1 … "chính quyền số" → 6; 0 for direction,
// communication or anything else.
func GuessReformArea(name string) int {
	f := vn.Fold(name)
	switch {
	case strings.Contains(f, "the che"):
		return 1
	case strings.Contains(f, "thu tuc hanh chinh"):
		return 2
	case strings.Contains(f, "to chuc bo may"):
		return 3
	case strings.Contains(f, "cong vu"):
		return 4
	case strings.Contains(f, "tai chinh cong"):
		return 5
	case strings.Contains(f, "chinh quyen dien tu") || strings.Contains(f, "chinh quyen so") || strings.Contains(f, "chuyen doi so"):
		return 6
	}
	return 0
}

// Settings say how a plan's periodic reports are written and collected.
type Settings struct {
	PlanID int64 `json:"plan_id"`
	// Sections: SectionsPlan or SectionsNational.
	Sections string `json:"sections"`
	// AreaReform maps an area to a reform area (0–6) where the secretariat
	// chose; the other areas are mapped by GuessReformArea.
	AreaReform map[int64]int `json:"area_reform"`
	// Recipients are the "Nơi nhận" lines; nil means the defaults of the
	// issuing body's level.
	Recipients []string `json:"recipients"`
	// Signer is the name under the signature, "" to leave it to the clerk.
	Signer string `json:"signer"`
	// SubmissionDays: the child units' period reports are due this many
	// working days after the cut-off (negative: before it).
	SubmissionDays int `json:"submission_days"`
	// Version is 0 until the settings are first saved.
	Version int `json:"version"`
}

// DefaultSubmissionDays is when the units' reports are due by default: two
// working days after the cut-off, so that the secretariat compiles the
// province's report within the days Decree 09/2019 leaves before it is due.
const DefaultSubmissionDays = 2

// DefaultSettings are the settings of a plan that has none saved.
func DefaultSettings(planID int64) Settings {
	return Settings{PlanID: planID, Sections: SectionsPlan, AreaReform: map[int64]int{}, SubmissionDays: DefaultSubmissionDays}
}

// ReformOf is the reform area of an area: the secretariat's choice, else
// the guess from its name.
func (s Settings) ReformOf(a plans.Area) int {
	if n, ok := s.AreaReform[a.ID]; ok {
		return n
	}
	return GuessReformArea(a.Name)
}

type settingsRow struct {
	bun.BaseModel `bun:"table:report_settings"`

	PlanID         int64           `bun:"plan_id,pk"`
	Sections       string          `bun:"sections"`
	AreaReform     json.RawMessage `bun:"area_reform,type:jsonb"`
	Recipients     []string        `bun:"recipients,array"`
	Signer         string          `bun:"signer"`
	SubmissionDays int             `bun:"submission_days"`
	Version        int             `bun:"version"`
	UpdatedBy      int64           `bun:"updated_by,nullzero"`
	UpdatedAt      time.Time       `bun:"updated_at,nullzero,default:now()"`
}

// SettingsOf returns a plan's report settings (the defaults if none were saved).
func SettingsOf(ctx context.Context, db bun.IDB, planID int64) (Settings, error) {
	row := new(settingsRow)
	err := db.NewSelect().Model(row).Where("plan_id = ?", planID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSettings(planID), nil
	}
	if err != nil {
		return Settings{}, fmt.Errorf("reports: settings of %d: %w", planID, err)
	}
	s := Settings{PlanID: planID, Sections: row.Sections, AreaReform: map[int64]int{}, Recipients: row.Recipients, Signer: row.Signer,
		SubmissionDays: row.SubmissionDays, Version: row.Version}
	var m map[string]int
	if err := json.Unmarshal(row.AreaReform, &m); err != nil {
		return Settings{}, fmt.Errorf("reports: settings of %d: %w", planID, err)
	}
	for k, v := range m {
		id, err := strconv.ParseInt(k, 10, 64)
		if err == nil {
			s.AreaReform[id] = v
		}
	}
	return s, nil
}

// SaveSettings stores a plan's report settings, checked against the
// version the caller read (0: none saved yet), audited.
func SaveSettings(ctx context.Context, db bun.IDB, s Settings) (Settings, error) {
	if s.Sections == "" {
		s.Sections = SectionsPlan
	}
	s.Signer = vn.OneLine(s.Signer)
	if s.Recipients != nil {
		var rs []string
		for _, r := range s.Recipients {
			if r = vn.OneLine(r); r == "" {
				continue
			}
			if !strings.HasPrefix(r, "-") {
				r = "- " + r
			}
			rs = append(rs, r)
		}
		s.Recipients = rs
		if len(rs) == 0 {
			s.Recipients = nil
		}
	}
	switch {
	case s.Sections != SectionsPlan && s.Sections != SectionsNational:
		return Settings{}, errs.Bad("sections", "reports.sections_unknown", s.Sections)
	case s.SubmissionDays < -20 || s.SubmissionDays > 30:
		return Settings{}, errs.Bad("submission_days", "reports.submission_days_range", -20, 30)
	case len([]rune(s.Signer)) > 100:
		return Settings{}, errs.Bad("signer", "reports.signer_long", 100)
	case len(s.Recipients) > 30:
		return Settings{}, errs.Bad("recipients", "reports.recipients_many", 30)
	}
	for _, r := range s.Recipients {
		if len([]rune(r)) > 300 {
			return Settings{}, errs.Bad("recipients", "reports.recipient_long", 300)
		}
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		areas, err := plans.Areas(ctx, tx, s.PlanID)
		if err != nil {
			return err
		}
		known := map[int64]bool{}
		for _, a := range areas {
			known[a.ID] = true
		}
		m := map[string]int{}
		for id, n := range s.AreaReform {
			if !known[id] {
				return errs.Bad("area_reform", "reports.area_unknown")
			}
			if n < 0 || n > 6 {
				return errs.Bad("area_reform", "reports.reform_area_range")
			}
			m[strconv.FormatInt(id, 10)] = n
		}
		raw, err := json.Marshal(m)
		if err != nil {
			return err
		}
		before, err := SettingsOf(ctx, tx, s.PlanID)
		if err != nil {
			return err
		}
		var cur int
		if err := tx.NewSelect().Table("report_settings").Column("version").Where("plan_id = ?", s.PlanID).For("UPDATE").Scan(ctx, &cur); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("reports: lock settings: %w", err)
		}
		if cur != s.Version {
			return ErrSettingsStale
		}
		row := &settingsRow{PlanID: s.PlanID, Sections: s.Sections, AreaReform: raw, Recipients: s.Recipients, Signer: s.Signer,
			SubmissionDays: s.SubmissionDays, Version: cur + 1, UpdatedBy: audit.ActorFrom(ctx).UserID}
		if _, err := tx.NewInsert().Model(row).On("CONFLICT (plan_id) DO UPDATE").
			Set("sections = EXCLUDED.sections, area_reform = EXCLUDED.area_reform, recipients = EXCLUDED.recipients").
			Set("signer = EXCLUDED.signer, submission_days = EXCLUDED.submission_days, version = EXCLUDED.version").
			Set("updated_by = EXCLUDED.updated_by, updated_at = now()").Exec(ctx); err != nil {
			return fmt.Errorf("reports: save settings: %w", err)
		}
		s.Version = cur + 1
		return audit.Record(ctx, tx, audit.Change{Action: "report_settings", Entity: "plan", EntityID: s.PlanID, PlanID: s.PlanID, Before: before, After: s})
	})
	if err != nil {
		return Settings{}, err
	}
	return SettingsOf(ctx, db, s.PlanID)
}

// ErrSettingsStale means the settings changed since the caller read them.
var ErrSettingsStale = errs.New(errs.Stale, "stale_version", "reports.settings_stale")
