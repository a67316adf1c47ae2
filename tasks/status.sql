-- The status rule (docs/DOMAIN.md §5) in SQL: Evaluate in status.go
-- written for whole plans, so that they are counted inside PostgreSQL.
-- TestStatusSQLMatchesGo proves both give the same answer for every task.
--
-- Parameters: $1 the plans (bigint[]), $2 the day (date), $3 the end of
-- that day (timestamptz): only entries, reviews and extensions recorded
-- before $3 count. One row per task of the plans with its state at $2.
--
-- The pages and rollups read the states from the status timeline
-- (timeline.go), which Evaluate computes; this query is what the timeline
-- is checked against (StatesSQL, CheckTimeline, TestStatusSQLMatchesGo).
WITH t AS (
    SELECT t.id, t.plan_id, t.area_id, t.lead_unit_id, t.deadline_kind,
           coalesce((SELECT x.new_date FROM deadline_extensions x
                     WHERE x.task_id = t.id AND x.state = 'approved' AND x.decided_at < $3
                     ORDER BY x.decided_at DESC, x.id DESC LIMIT 1), t.deadline_date) AS deadline_date,
           p.require_confirmation,
           -- plans.ContinuousFrom: the year-end cut-off when the plan counts continuous tasks only then
           CASE WHEN p.continuous_year_end AND t.deadline_kind = 'continuous'
                THEN make_date(p.year, 12, CASE WHEN p.cutoff_scheme = 'calendar' THEN 31 ELSE 14 END) END AS continuous_from,
           coalesce(t.recur_months, 0) AS every, p.year,
           CASE WHEN coalesce(t.recur_months, 0) = 0 THEN 1
                WHEN $2::date < make_date(p.year, 1, 1) THEN 1
                WHEN $2::date >= make_date(p.year + 1, 1, 1) THEN 12 / t.recur_months
                ELSE (extract(month FROM $2::date)::int - 1) / t.recur_months + 1 END AS m
    FROM tasks t JOIN plans p ON p.id = t.plan_id
    WHERE t.plan_id = ANY($1)
),
occ AS (
    SELECT t.id AS task_id, k,
           CASE WHEN t.every > 0
                THEN (make_date(t.year, 1, 1) + make_interval(months => k * t.every) - interval '1 day')::date
                ELSE t.deadline_date END AS due
    FROM t, generate_series(1, t.m) AS k
),
e AS (
    SELECT pe.task_id, pe.occurrence, pe.id, pe.recorded_at, pe.percent, pe.completed,
           least(coalesce(pe.evidence_date, (pe.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date),
                 (pe.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS completion_date,
           EXISTS (SELECT 1 FROM completion_reviews r
                   WHERE r.entry_id = pe.id AND r.decision = 'confirmed' AND r.decided_at < $3) AS confirmed
    FROM progress_entries pe JOIN t ON t.id = pe.task_id
    WHERE pe.recorded_at < $3
),
last_any AS (
    SELECT DISTINCT ON (task_id, occurrence) task_id, occurrence, completed, percent
    FROM e ORDER BY task_id, occurrence, recorded_at DESC, id DESC
),
last_open AS (
    SELECT DISTINCT ON (task_id, occurrence) task_id, occurrence, recorded_at, id
    FROM e WHERE NOT completed ORDER BY task_id, occurrence, recorded_at DESC, id DESC
),
claimed AS (
    SELECT e.task_id, e.occurrence, min(e.completion_date) AS completed_on, bool_or(e.confirmed) AS confirmed
    FROM e
    JOIN last_any la ON la.task_id = e.task_id AND la.occurrence = e.occurrence AND la.completed
    LEFT JOIN last_open lo ON lo.task_id = e.task_id AND lo.occurrence = e.occurrence
    WHERE e.completed AND (lo.id IS NULL OR (e.recorded_at, e.id) > (lo.recorded_at, lo.id))
    GROUP BY e.task_id, e.occurrence
),
done AS (
    SELECT c.task_id, c.occurrence, c.completed_on
    FROM claimed c JOIN t ON t.id = c.task_id
    WHERE c.confirmed OR NOT t.require_confirmation
),
per_task AS (
    SELECT occ.task_id,
           bool_and(d.completed_on IS NOT NULL AND NOT coalesce($2::date < t.continuous_from, false)) AS all_done,
           bool_and(d.completed_on IS NULL OR occ.due IS NULL OR d.completed_on <= occ.due) AS on_time,
           min(occ.due) FILTER (WHERE d.completed_on IS NULL AND occ.due < $2::date) AS first_missed
    FROM occ JOIN t ON t.id = occ.task_id LEFT JOIN done d ON d.task_id = occ.task_id AND d.occurrence = occ.k
    GROUP BY occ.task_id
)
SELECT t.id AS task_id, t.plan_id, t.area_id, t.lead_unit_id,
       CASE WHEN pt.all_done AND pt.on_time THEN 'completed_on_time'
            WHEN pt.all_done THEN 'completed_late'
            WHEN pt.first_missed IS NOT NULL THEN 'overdue'
            WHEN t.deadline_kind = 'continuous' THEN 'continuous'
            WHEN seen.task_id IS NULL THEN 'not_started'
            ELSE 'in_progress' END AS status,
       CASE WHEN pt.all_done THEN 100 ELSE coalesce(la.percent, 0) END AS percent,
       CASE WHEN pt.all_done THEN d.completed_on END AS completed_on,
       t.m AS occurrence,
       coalesce($2::date - pt.first_missed, 0) AS days_overdue,
       coalesce(la.completed AND d.task_id IS NULL, false) AS pending,
       cur.due
FROM t
JOIN per_task pt ON pt.task_id = t.id
LEFT JOIN occ cur ON cur.task_id = t.id AND cur.k = t.m
LEFT JOIN last_any la ON la.task_id = t.id AND la.occurrence = t.m
LEFT JOIN done d ON d.task_id = t.id AND d.occurrence = t.m
LEFT JOIN (SELECT DISTINCT task_id FROM e) seen ON seen.task_id = t.id
