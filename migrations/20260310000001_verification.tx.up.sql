-- Whether only completions confirmed by the secretariat count (DOMAIN.md §5),
-- and which cut-off calendar the plan's reports use (§6).
ALTER TABLE plans ADD COLUMN require_confirmation boolean NOT NULL DEFAULT true;
ALTER TABLE plans ADD COLUMN cutoff_scheme text NOT NULL DEFAULT 'decree' CHECK (cutoff_scheme IN ('decree', 'calendar'));

-- The secretariat's decision on a completion claim (a progress entry with
-- completed = true). A returned claim is also followed by a non-completed
-- progress entry, so that the history itself takes the completion back.
CREATE TABLE completion_reviews (
    id         bigserial PRIMARY KEY,
    entry_id   bigint NOT NULL UNIQUE REFERENCES progress_entries (id) ON DELETE CASCADE,
    task_id    bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    decision   text NOT NULL CHECK (decision IN ('confirmed', 'returned')),
    reason     text NOT NULL DEFAULT '',
    decided_by bigint REFERENCES users (id),
    decided_at timestamptz NOT NULL DEFAULT now(),
    CHECK (decision = 'confirmed' OR reason <> '')
);
CREATE INDEX completion_reviews_task_idx ON completion_reviews (task_id);

-- Deadline extensions (gia hạn): requested by a unit, decided by a leader;
-- at most two approved per task, one pending at a time.
CREATE TABLE deadline_extensions (
    id            bigserial PRIMARY KEY,
    task_id       bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    unit_id       bigint NOT NULL REFERENCES units (id),
    requested_by  bigint REFERENCES users (id),
    requested_at  timestamptz NOT NULL DEFAULT now(),
    reason        text NOT NULL CHECK (reason <> ''),
    old_date      date NOT NULL,
    new_date      date NOT NULL CHECK (new_date > old_date),
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
    decided_by    bigint REFERENCES users (id),
    decided_at    timestamptz,
    decision_note text NOT NULL DEFAULT '',
    CHECK ((state = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX deadline_extensions_one_pending ON deadline_extensions (task_id) WHERE state = 'pending';
CREATE INDEX deadline_extensions_task_idx ON deadline_extensions (task_id, decided_at);

-- The narrative a secretariat is writing for a period, before finalising.
CREATE TABLE report_drafts (
    plan_id    bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    period     text NOT NULL,
    narrative  jsonb NOT NULL,
    updated_by bigint REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, period)
);

-- Finalised reports: immutable; a newer version supersedes, never edits.
CREATE TABLE report_snapshots (
    id           bigserial PRIMARY KEY,
    plan_id      bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    period       text NOT NULL,
    version      integer NOT NULL,
    report       jsonb NOT NULL,
    finalized_by bigint REFERENCES users (id),
    finalizer    text NOT NULL,
    finalized_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plan_id, period, version)
);
CREATE FUNCTION report_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'finalised reports cannot be changed; finalise a new version' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER report_snapshots_no_update BEFORE UPDATE ON report_snapshots
    FOR EACH ROW EXECUTE FUNCTION report_snapshots_immutable();
