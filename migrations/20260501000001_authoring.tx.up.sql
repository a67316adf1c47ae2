-- Plan authoring (issue 4).

-- Cascade: a unit's own plan starts with the tasks it leads in the plan of
-- the body above it; each keeps a link to the task it carries out, so that
-- the parent task shows how the unit's task stands.
ALTER TABLE tasks ADD COLUMN parent_task_id bigint REFERENCES tasks (id) ON DELETE SET NULL;
CREATE INDEX tasks_parent_idx ON tasks (parent_task_id) WHERE parent_task_id IS NOT NULL;

-- Areas are edited (renamed, reordered) with the same optimistic check as
-- tasks and plans.
ALTER TABLE areas ADD COLUMN version integer NOT NULL DEFAULT 1;

-- An uploaded annex kept between its preview and the user's confirmation.
-- Short-lived: rows older than a day are deleted whenever a new one is saved.
CREATE TABLE plan_imports (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id    bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title      text NOT NULL DEFAULT '',
    number     text NOT NULL DEFAULT '',
    file_name  text NOT NULL DEFAULT '',
    file       bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_imports_created_idx ON plan_imports (created_at);
