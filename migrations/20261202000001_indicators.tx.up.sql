-- Quantitative indicators reported beside tasks (DOMAIN.md §9).

-- The catalogue. Standard indicators (plan_id NULL) belong to every plan;
-- a plan's secretariat adds its own (plan_id set). kind: a count (dossiers
-- received), a ratio kept as numerator and denominator (dossiers resolved
-- on time / dossiers resolved) or a plain value (the SIPAS score). A
-- target is met when the actual is at least (at_least) or at most
-- (at_most) the target; ratios compare as percentages.
CREATE TABLE indicators (
    id                bigserial PRIMARY KEY,
    plan_id           bigint REFERENCES plans (id) ON DELETE CASCADE,
    code              text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    name              text NOT NULL CHECK (name <> ''),
    unit_of_measure   text NOT NULL DEFAULT '',
    kind              text NOT NULL CHECK (kind IN ('count', 'ratio', 'value')),
    direction         text NOT NULL DEFAULT 'at_least' CHECK (direction IN ('at_least', 'at_most')),
    default_target    double precision,
    numerator_label   text NOT NULL DEFAULT '',
    denominator_label text NOT NULL DEFAULT '',
    position          integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX indicators_code_idx ON indicators (coalesce(plan_id, 0), code);
CREATE INDEX indicators_plan_idx ON indicators (plan_id) WHERE plan_id IS NOT NULL;

-- A plan's target for an indicator (the plan is the year). A row without a
-- target says the plan sets none, overriding the catalogue's default.
CREATE TABLE indicator_targets (
    plan_id      bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    indicator_id bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    target       double precision,
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, indicator_id)
);

-- What a unit achieved in a reporting period of a year: its own figures,
-- never a total of the units below it (totals are sums computed from the
-- units' figures).
CREATE TABLE indicator_values (
    id           bigserial PRIMARY KEY,
    indicator_id bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    unit_id      bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    period       text NOT NULL CHECK (period IN ('q1', 'q2', 'q3', 'q4', 'h1', '9m', 'year')),
    value        double precision,
    numerator    double precision CHECK (numerator >= 0),
    denominator  double precision CHECK (denominator > 0),
    evidence     text NOT NULL DEFAULT '',
    version      integer NOT NULL DEFAULT 1,
    recorded_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (indicator_id, unit_id, year, period),
    CHECK ((value IS NULL) = (numerator IS NOT NULL AND denominator IS NOT NULL)),
    CHECK ((numerator IS NULL) = (denominator IS NULL)),
    CHECK (numerator IS NULL OR numerator <= denominator)
);
CREATE INDEX indicator_values_period_idx ON indicator_values (year, period, indicator_id);

INSERT INTO indicators (code, name, unit_of_measure, kind, direction, default_target, numerator_label, denominator_label, position) VALUES
    ('TTHC_RECEIVED', 'Số hồ sơ thủ tục hành chính tiếp nhận', 'hồ sơ', 'count', 'at_least', NULL, '', '', 1),
    ('TTHC_ON_TIME', 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn', '%', 'ratio', 'at_least', 98,
        'Số hồ sơ giải quyết đúng hạn', 'Số hồ sơ đã giải quyết', 2),
    ('TTHC_ONLINE', 'Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến', '%', 'ratio', 'at_least', 80,
        'Số hồ sơ tiếp nhận trực tuyến', 'Số hồ sơ tiếp nhận', 3),
    ('TTHC_PAID_ONLINE', 'Tỷ lệ hồ sơ thanh toán trực tuyến nghĩa vụ tài chính', '%', 'ratio', 'at_least', 50,
        'Số hồ sơ thanh toán trực tuyến', 'Số hồ sơ có nghĩa vụ tài chính', 4),
    ('SIPAS', 'Chỉ số hài lòng của người dân, tổ chức (SIPAS)', '%', 'value', 'at_least', 90, '', '', 5),
    ('VBQPPL_REVIEWED', 'Số văn bản quy phạm pháp luật được rà soát', 'văn bản', 'count', 'at_least', NULL, '', '', 6);
