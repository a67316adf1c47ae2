-- Nation scale (issue 11).

-- The status timeline: for each task, the spans of days over which its state
-- (docs/DOMAIN.md §5, as known at the end of each day) stays the same. It is
-- derived data: tasks.Evaluate applied at every day the state can change
-- (something recorded, a deadline passed, a new occurrence begun), written
-- in the same transaction as the entry, review, extension or edit that
-- changes it (tasks/timeline.go), rebuilt by `cchc timeline rebuild`, and
-- checked against the rule in SQL (status.sql) by TestStatusSQLMatchesGo and
-- `cchc timeline check`. A span is [valid_from, valid_to); the first starts
-- at -infinity and the last ends at infinity, so every day falls in exactly
-- one span of each task. plan_id, lead_unit_id and area_id repeat the task's
-- current ones so that rollups across plans read this table alone.
CREATE TABLE task_timeline (
    task_id      bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    plan_id      bigint NOT NULL,
    lead_unit_id bigint NOT NULL,
    area_id      bigint NOT NULL,
    valid_from   date NOT NULL,
    valid_to     date NOT NULL CHECK (valid_to > valid_from),
    status       text NOT NULL,
    percent      smallint NOT NULL,
    completed_on date,
    occurrence   smallint NOT NULL,
    due          date,
    -- when overdue: the earliest missed deadline (days overdue = day − first_missed)
    first_missed date,
    pending      boolean NOT NULL
);
-- By task (its upkeep, a task's state); by plan and end of span (a plan's
-- or many plans' states at a day: the spans still running on a recent day
-- are few), covering what the counts group by, so that a rollup reads the
-- index alone.
CREATE INDEX task_timeline_task_idx ON task_timeline (task_id, valid_from);
CREATE INDEX task_timeline_plan_idx ON task_timeline (plan_id, valid_to) INCLUDE (valid_from, status, lead_unit_id, area_id);

-- Tasks are created without locking their plan: each creation reserves the
-- next free position (tasks.Insert) and this constraint is the backstop.
UPDATE tasks t SET position = r.rn
FROM (SELECT id, row_number() OVER (PARTITION BY plan_id ORDER BY position, id) AS rn FROM tasks) r
WHERE r.id = t.id AND t.plan_id IN (SELECT plan_id FROM tasks GROUP BY plan_id, position HAVING count(*) > 1);
DROP INDEX tasks_plan_idx;
ALTER TABLE tasks ADD CONSTRAINT tasks_plan_position_key UNIQUE (plan_id, position);

-- Searching plans and units without diacritics ("tu phap" finds "Tư pháp"):
-- lower case, Vietnamese letters folded to ASCII (the query is folded the
-- same way by vn.Fold).
CREATE FUNCTION cchc_fold(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(lower(s),
        'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ',
        'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')
$$;
ALTER TABLE plans ADD COLUMN search_key text GENERATED ALWAYS AS (cchc_fold(number || ' ' || title)) STORED;
ALTER TABLE units ADD COLUMN search_key text GENERATED ALWAYS AS (cchc_fold(code || ' ' || name)) STORED;

-- Plan lists page through (year, issuing unit, id); the reminder pass and
-- the rollups pick plans by year and state.
CREATE INDEX plans_list_idx ON plans (year DESC, unit_id, id);
CREATE INDEX plans_year_state_idx ON plans (year, state);

-- Reminder pass: which units and plans have someone to tell.
CREATE INDEX users_unit_idx ON users (unit_id) WHERE active;
