-- The report from data and the reporting chain (issue 13).

-- Whether a continuous task ("Thường xuyên") may count as completed before
-- the year-end cut-off (false: any confirmed closing counts, as before) or
-- only from the cut-off of the year report on (true). An input of the
-- status rule (tasks/status.go and status.sql).
ALTER TABLE plans ADD COLUMN continuous_year_end boolean NOT NULL DEFAULT false;

-- What a unit says with an update: why an overdue task is late, the
-- difficulties it meets, what it proposes. The report gathers them.
ALTER TABLE progress_entries ADD COLUMN reason text NOT NULL DEFAULT '';
ALTER TABLE progress_entries ADD COLUMN difficulties text NOT NULL DEFAULT '';
ALTER TABLE progress_entries ADD COLUMN proposals text NOT NULL DEFAULT '';

-- How a plan's periodic reports are written and collected; a plan without
-- a row uses the defaults. sections: section II by the plan's own areas or
-- by the six reform areas of Nghị quyết 76/NQ-CP, area_reform mapping an
-- area id to one of them (1–6; 0 for none: direction, communication).
-- recipients NULL means the defaults of the issuing body's level.
-- submission_days: the child units' reports are due this many working
-- days after the cut-off (negative: before it).
CREATE TABLE report_settings (
    plan_id         bigint PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    sections        text NOT NULL DEFAULT 'plan' CHECK (sections IN ('plan', 'national')),
    area_reform     jsonb NOT NULL DEFAULT '{}',
    recipients      text[],
    signer          text NOT NULL DEFAULT '',
    submission_days integer NOT NULL DEFAULT 2 CHECK (submission_days BETWEEN -20 AND 30),
    version         integer NOT NULL DEFAULT 1,
    updated_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX report_snapshots_period_idx ON report_snapshots (period, plan_id);
