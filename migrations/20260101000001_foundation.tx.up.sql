-- Units form a tree of any depth (DOMAIN.md §2). path holds the ids from the
-- root down to the unit itself ("/1/4/17/"), kept by a trigger, so that
-- "the subtree of X" is one indexed prefix match.
CREATE TABLE units (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]+$'),
    name       text NOT NULL CHECK (name <> ''),
    kind       text NOT NULL CHECK (kind IN ('province', 'city', 'district', 'commune', 'department', 'agency')),
    parent_id  bigint REFERENCES units (id),
    path       text NOT NULL DEFAULT '',
    position   integer NOT NULL DEFAULT 0,
    is_secretariat boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX units_path_idx ON units (path text_pattern_ops);
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE FUNCTION units_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_path text;
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.path := '/' || NEW.id || '/';
    ELSE
        SELECT path INTO parent_path FROM units WHERE id = NEW.parent_id;
        IF parent_path LIKE '%/' || NEW.id || '/%' THEN
            RAISE EXCEPTION 'units: a unit cannot be placed under its own subtree' USING ERRCODE = 'check_violation';
        END IF;
        NEW.path := parent_path || NEW.id || '/';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.path <> OLD.path THEN
        UPDATE units SET path = NEW.path || substr(path, length(OLD.path) + 1)
        WHERE path LIKE OLD.path || '%' AND id <> NEW.id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER units_path BEFORE INSERT OR UPDATE OF parent_id ON units
    FOR EACH ROW EXECUTE FUNCTION units_set_path();

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text NOT NULL CHECK (email <> ''),
    name          text NOT NULL CHECK (name <> ''),
    role          text NOT NULL CHECK (role IN ('admin', 'leader', 'secretariat', 'officer', 'viewer')),
    unit_id       bigint NOT NULL REFERENCES units (id),
    password_hash text NOT NULL DEFAULT '',
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

-- One plan per issuing unit per year (DOMAIN.md §3).
CREATE TABLE plans (
    id            bigserial PRIMARY KEY,
    unit_id       bigint NOT NULL REFERENCES units (id),
    year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    number        text NOT NULL DEFAULT '',
    title         text NOT NULL CHECK (title <> ''),
    issued_on     date,
    state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued', 'closed')),
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (unit_id, year)
);

CREATE TABLE areas (
    id         bigserial PRIMARY KEY,
    plan_id    bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    label      text NOT NULL,
    name       text NOT NULL CHECK (name <> ''),
    UNIQUE (plan_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- A task keeps its deadline exactly as written (deadline_text) beside what it
-- means: deadline_date for date/month/quarter/year, recur_months (1 or 3) for
-- recurring tasks, neither for continuous ones (DOMAIN.md §4).
CREATE TABLE tasks (
    id             bigserial PRIMARY KEY,
    plan_id        bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    area_id        bigint NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    number         text NOT NULL,
    title          text NOT NULL CHECK (title <> ''),
    description    text NOT NULL DEFAULT '',
    lead_unit_id   bigint NOT NULL REFERENCES units (id),
    output         text NOT NULL DEFAULT '',
    deadline_text  text NOT NULL,
    deadline_kind  text NOT NULL CHECK (deadline_kind IN ('date', 'month', 'quarter', 'year', 'continuous', 'recurring')),
    deadline_date  date,
    recur_months   integer CHECK (recur_months IN (1, 3)),
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((deadline_kind IN ('date', 'month', 'quarter', 'year')) = (deadline_date IS NOT NULL)),
    CHECK ((deadline_kind = 'recurring') = (recur_months IS NOT NULL))
);
CREATE INDEX tasks_plan_idx ON tasks (plan_id, position);
CREATE INDEX tasks_lead_idx ON tasks (lead_unit_id);

CREATE TABLE task_coordinators (
    task_id  bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    unit_id  bigint NOT NULL REFERENCES units (id),
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_coordinators_unit_idx ON task_coordinators (unit_id);

-- Progress is an append-only history: a task's current figures and its state
-- at any past date derive from it (DOMAIN.md §5). occurrence numbers the
-- period of a recurring task (1 for every other task).
CREATE TABLE progress_entries (
    id              bigserial PRIMARY KEY,
    task_id         bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    unit_id         bigint NOT NULL REFERENCES units (id),
    author_id       bigint REFERENCES users (id),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    occurrence      integer NOT NULL DEFAULT 1 CHECK (occurrence BETWEEN 1 AND 12),
    percent         integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note            text NOT NULL DEFAULT '',
    completed       boolean NOT NULL DEFAULT false,
    evidence_number text NOT NULL DEFAULT '',
    evidence_date   date
);
CREATE INDEX progress_entries_task_idx ON progress_entries (task_id, occurrence, recorded_at, id);

CREATE FUNCTION progress_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'progress entries are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER progress_entries_no_update BEFORE UPDATE ON progress_entries
    FOR EACH ROW EXECUTE FUNCTION progress_entries_append_only();
