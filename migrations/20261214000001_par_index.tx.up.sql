-- The annual PAR index of units (Chỉ số CCHC, docs/DOMAIN.md §11): criteria
-- sets per year and group of units, each unit's self-assessment with its
-- evidence, the appraisal group's scores, and the published results.
-- Points are kept in hundredths (1,25 points = 125) so that sums are exact.

-- A group of units a body (a province, a city) scores and ranks together:
-- its departments and agencies, its communes, or another group it defines.
-- kinds says which unit kinds of the body's subtree belong to it when an
-- assessment opens. The code is unique across bodies ("SH.SO", "TP.XA").
CREATE TABLE par_groups (
    id         bigserial PRIMARY KEY,
    body_id    bigint NOT NULL REFERENCES units (id),
    code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
    name       text NOT NULL CHECK (name <> ''),
    kinds      text[] NOT NULL DEFAULT '{}',
    position   integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX par_groups_body_idx ON par_groups (body_id);

-- A criteria set: one per group and year. draft (the criteria are edited)
-- → assessing (units self-assess; those submitted may be appraised) →
-- appraising (self-assessment closed) → published (results frozen).
-- self_to is the due day of the self-assessments: a unit that submits later
-- is late, until the secretariat closes the self-assessment.
-- bands: the classes, [{"name": "Xuất sắc", "from": 9000}, …], highest first.
CREATE TABLE par_sets (
    id              bigserial PRIMARY KEY,
    group_id        bigint NOT NULL REFERENCES par_groups (id),
    year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title           text NOT NULL CHECK (title <> ''),
    total_points    integer NOT NULL CHECK (total_points > 0),
    state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'assessing', 'appraising', 'published')),
    self_from       date,
    self_to         date,
    answer_days     integer NOT NULL DEFAULT 5 CHECK (answer_days BETWEEN 1 AND 60),
    bands           jsonb NOT NULL,
    published_at    timestamptz,
    published_by    bigint REFERENCES users (id) ON DELETE SET NULL,
    decision_number text NOT NULL DEFAULT '',
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (group_id, year),
    CHECK (state = 'draft' OR (self_from IS NOT NULL AND self_to IS NOT NULL AND self_from <= self_to)),
    CHECK ((state = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX par_sets_year_idx ON par_sets (year);

-- The tree of a set: areas (lĩnh vực) → criteria (tiêu chí) → component
-- criteria (tiêu chí thành phần). A leaf carries the points; an area's and a
-- criterion's maximum is the sum of its children's. method says how a
-- leaf's points are found: entered by the unit (self), computed from cchc's
-- data (computed: source plan, plan_involved, own_plan, reports or indicator,
-- with source_ref naming the indicator), or entered from an external survey
-- (survey). steps is a step table [{"from": 10000, "points": 200}, …]
-- (from: percent in hundredths), NULL for points proportional to the rate.
CREATE TABLE par_items (
    id                bigserial PRIMARY KEY,
    set_id            bigint NOT NULL REFERENCES par_sets (id) ON DELETE CASCADE,
    parent_id         bigint REFERENCES par_items (id) ON DELETE CASCADE,
    level             text NOT NULL CHECK (level IN ('area', 'criterion', 'component')),
    position          integer NOT NULL,
    number            text NOT NULL,
    title             text NOT NULL CHECK (title <> ''),
    max_points        integer NOT NULL CHECK (max_points >= 0),
    guidance          text NOT NULL DEFAULT '',
    evidence_required boolean NOT NULL DEFAULT false,
    method            text NOT NULL DEFAULT 'self' CHECK (method IN ('self', 'computed', 'survey')),
    source            text NOT NULL DEFAULT '',
    source_ref        text NOT NULL DEFAULT '',
    steps             jsonb,
    UNIQUE (set_id, position),
    CHECK ((method = 'computed') = (source <> ''))
);
CREATE INDEX par_items_parent_idx ON par_items (parent_id);

-- One unit's assessment in a set, made for every member when the set opens:
-- draft → submitted (locked; by the unit's leader) → appraised (the group
-- has scored every component; the unit may answer once until answer_due) →
-- answered → final (the group decided). A unit that never submitted is
-- appraised from draft once the self-assessment is closed.
CREATE TABLE par_assessments (
    id            bigserial PRIMARY KEY,
    set_id        bigint NOT NULL REFERENCES par_sets (id) ON DELETE CASCADE,
    unit_id       bigint NOT NULL REFERENCES units (id),
    state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'appraised', 'answered', 'final')),
    submitted_at  timestamptz,
    submitted_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    appraised_at  timestamptz,
    appraised_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    answer_due    date,
    answer        text NOT NULL DEFAULT '',
    answered_at   timestamptz,
    answered_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    decided_at    timestamptz,
    decided_by    bigint REFERENCES users (id) ON DELETE SET NULL,
    version       integer NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (set_id, unit_id)
);
CREATE INDEX par_assessments_unit_idx ON par_assessments (unit_id);

-- A unit's points on one component: its own score and explanation, the
-- appraisal group's score and comment, the unit's answer (giải trình), the
-- survey points (survey components), and the computed points frozen at
-- publication (computed components; live before).
CREATE TABLE par_scores (
    assessment_id    bigint NOT NULL REFERENCES par_assessments (id) ON DELETE CASCADE,
    item_id          bigint NOT NULL REFERENCES par_items (id) ON DELETE CASCADE,
    self_points      integer CHECK (self_points >= 0),
    explanation      text NOT NULL DEFAULT '',
    appraised_points integer CHECK (appraised_points >= 0),
    comment          text NOT NULL DEFAULT '',
    answer           text NOT NULL DEFAULT '',
    survey_points    integer CHECK (survey_points >= 0),
    computed_points  integer CHECK (computed_points >= 0),
    computed_note    text NOT NULL DEFAULT '',
    version          integer NOT NULL DEFAULT 1,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assessment_id, item_id)
);

-- Evidence of a component: a file uploaded for it (checked as task evidence
-- is: type by content, at most 10 MiB), or a reference to an evidence
-- document already attached to a task in cchc.
CREATE TABLE par_evidence (
    id            bigserial PRIMARY KEY,
    assessment_id bigint NOT NULL REFERENCES par_assessments (id) ON DELETE CASCADE,
    item_id       bigint NOT NULL REFERENCES par_items (id) ON DELETE CASCADE,
    file_id       bigint REFERENCES evidence_files (id) ON DELETE CASCADE,
    filename      text NOT NULL CHECK (filename <> ''),
    content_type  text NOT NULL DEFAULT '',
    size          integer NOT NULL DEFAULT 0 CHECK (size >= 0 AND size <= 10485760),
    sha256        bytea,
    data          bytea,
    created_by    bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((file_id IS NULL) <> (data IS NULL))
);
CREATE INDEX par_evidence_score_idx ON par_evidence (assessment_id, item_id);

-- The appraisal group (tổ thẩm định) of a set: users from the secretariat
-- and named departments. Nobody appraises their own unit (authz).
CREATE TABLE par_appraisers (
    set_id  bigint NOT NULL REFERENCES par_sets (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, user_id)
);

-- The published results, frozen at publication: totals, class, rank within
-- the group and the points per area.
CREATE TABLE par_results (
    set_id     bigint NOT NULL REFERENCES par_sets (id) ON DELETE CASCADE,
    unit_id    bigint NOT NULL REFERENCES units (id),
    self_total integer NOT NULL,
    final      integer NOT NULL,
    max_total  integer NOT NULL,
    class      text NOT NULL,
    rank       integer NOT NULL CHECK (rank >= 1),
    areas      jsonb NOT NULL,
    PRIMARY KEY (set_id, unit_id)
);
CREATE INDEX par_results_unit_idx ON par_results (unit_id);
