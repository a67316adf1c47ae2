-- Reminders (đôn đốc, DOMAIN.md §8): what is due is decided here, in the
-- database, so that a restart, a missed day or a second replica neither loses
-- nor repeats a notice. The scheduler only ticks.

-- Per-plan rules, edited by the secretariat; a plan without a row uses the
-- defaults below.
CREATE TABLE reminder_settings (
    plan_id            bigint PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    enabled            boolean NOT NULL DEFAULT true,
    days_before        integer[] NOT NULL DEFAULT '{7,3,1}',
    on_due_day         boolean NOT NULL DEFAULT true,
    overdue_every      integer NOT NULL DEFAULT 7 CHECK (overdue_every BETWEEN 1 AND 90),
    escalate_after     integer NOT NULL DEFAULT 14 CHECK (escalate_after BETWEEN 1 AND 365),
    -- working days before each reporting cut-off (DOMAIN.md §6)
    report_days_before integer[] NOT NULL DEFAULT '{7,2}',
    updated_by         bigint REFERENCES users (id) ON DELETE SET NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (array_position(days_before, NULL) IS NULL AND 1 <= ALL (days_before) AND 60 >= ALL (days_before)),
    CHECK (array_position(report_days_before, NULL) IS NULL AND 1 <= ALL (report_days_before) AND 30 >= ALL (report_days_before))
);

-- Public holidays: with Saturdays and Sundays, the days nothing is sent.
CREATE TABLE holidays (
    day  date PRIMARY KEY,
    name text NOT NULL DEFAULT ''
);

-- Chat groups (Zalo, Telegram bridges…) fed by a signed JSON POST: for one
-- unit's tasks or for a whole plan.
CREATE TABLE webhooks (
    id         bigserial PRIMARY KEY,
    unit_id    bigint REFERENCES units (id) ON DELETE CASCADE,
    plan_id    bigint REFERENCES plans (id) ON DELETE CASCADE,
    name       text NOT NULL DEFAULT '',
    url        text NOT NULL CHECK (url ~ '^https?://'),
    secret     text NOT NULL CHECK (length(secret) >= 16),
    active     boolean NOT NULL DEFAULT true,
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((unit_id IS NULL) <> (plan_id IS NULL))
);
CREATE INDEX webhooks_unit_idx ON webhooks (unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX webhooks_plan_idx ON webhooks (plan_id) WHERE plan_id IS NOT NULL;

-- Each user's channels: in-app notices always, e-mail unless turned off.
CREATE TABLE notification_prefs (
    user_id    bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email      boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One secret iCalendar feed URL per user, stored as a SHA-256 hash like API
-- tokens: shown once, rotated by making a new one.
CREATE TABLE calendar_feeds (
    user_id      bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_hash  bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);

-- Each reminder run: the day it reasoned about and what it did. The latest
-- recorded run is where the next one catches up from.
CREATE TABLE reminder_runs (
    id          bigserial PRIMARY KEY,
    as_of       timestamptz NOT NULL,
    day         date NOT NULL,
    since_day   date,
    started_at  timestamptz NOT NULL DEFAULT now(),
    recorded_at timestamptz,
    finished_at timestamptz,
    notices     integer NOT NULL DEFAULT 0,
    deliveries  integer NOT NULL DEFAULT 0,
    delivered   integer NOT NULL DEFAULT 0,
    failed      integer NOT NULL DEFAULT 0
);
CREATE INDEX reminder_runs_recorded_idx ON reminder_runs (day DESC) WHERE recorded_at IS NOT NULL;

-- One outgoing message: an e-mail digest to a user, or a JSON POST to a
-- webhook, rendered when it is queued so that retries send the same bytes.
-- Claimed with FOR UPDATE SKIP LOCKED; once sent, never sent again.
CREATE TABLE deliveries (
    id              bigserial PRIMARY KEY,
    channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
    user_id         bigint REFERENCES users (id) ON DELETE CASCADE,
    webhook_id      bigint REFERENCES webhooks (id) ON DELETE CASCADE,
    run_id          bigint REFERENCES reminder_runs (id) ON DELETE SET NULL,
    address         text NOT NULL,
    subject         text NOT NULL DEFAULT '',
    body_text       text NOT NULL DEFAULT '',
    body_html       text NOT NULL DEFAULT '',
    payload         text,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text NOT NULL DEFAULT '',
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((channel = 'email') = (user_id IS NOT NULL)),
    CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL AND payload IS NOT NULL)),
    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX deliveries_pending_idx ON deliveries (next_attempt_at, id) WHERE status = 'pending';

-- The durable intent: one row per intended message, written before anything
-- is sent. Its key — what rule (kind and step), about what (a task, a unit's
-- reporting period, an event), for whom (a user or a webhook), for which due
-- occurrence — is unique, so that any number of runs write it once. For a
-- user the row is also the in-app notice (read_at); outbound says whether it
-- still has to go into an e-mail or webhook delivery.
CREATE TABLE notices (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z_]*$'),
    step        integer NOT NULL DEFAULT 0,
    subject     text NOT NULL,
    due         date NOT NULL,
    user_id     bigint REFERENCES users (id) ON DELETE CASCADE,
    webhook_id  bigint REFERENCES webhooks (id) ON DELETE CASCADE,
    plan_id     bigint REFERENCES plans (id) ON DELETE CASCADE,
    task_id     bigint REFERENCES tasks (id) ON DELETE CASCADE,
    unit_id     bigint REFERENCES units (id) ON DELETE CASCADE,
    title       text NOT NULL CHECK (title <> ''),
    body        text NOT NULL DEFAULT '',
    run_id      bigint REFERENCES reminder_runs (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz,
    outbound    text NOT NULL DEFAULT 'pending' CHECK (outbound IN ('pending', 'queued', 'none')),
    delivery_id bigint REFERENCES deliveries (id),
    CHECK ((user_id IS NULL) <> (webhook_id IS NULL)),
    CHECK ((outbound = 'queued') = (delivery_id IS NOT NULL))
);
CREATE UNIQUE INDEX notices_key_idx ON notices (kind, step, subject, coalesce(user_id, 0), coalesce(webhook_id, 0), due);
CREATE INDEX notices_user_idx ON notices (user_id, created_at DESC, id DESC) WHERE user_id IS NOT NULL;
CREATE INDEX notices_unread_idx ON notices (user_id) WHERE user_id IS NOT NULL AND read_at IS NULL;
CREATE INDEX notices_outbound_idx ON notices (id) WHERE outbound = 'pending';
CREATE INDEX notices_delivery_idx ON notices (delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX notices_task_idx ON notices (task_id) WHERE task_id IS NOT NULL;
