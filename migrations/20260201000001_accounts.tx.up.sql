-- Sign-out everywhere bumps session_epoch: sessions remember the epoch they
-- were made in and are refused once it moved on.
ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 1;

-- Server-side sessions, in the layout github.com/alexedwards/scs/postgresstore expects.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- API tokens are stored as SHA-256 hashes; the token itself is shown once.
CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL DEFAULT '',
    token_hash   bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Sign-in attempts, for throttling per account and per address.
CREATE TABLE login_attempts (
    id        bigserial PRIMARY KEY,
    email_key text NOT NULL,
    ip        text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    success   boolean NOT NULL
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email_key, at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);

-- The audit trail: who changed what, when, with the values before and after.
-- Written in the same transaction as the change it records.
CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    actor      text NOT NULL,
    action     text NOT NULL,
    entity     text NOT NULL,
    entity_id  bigint NOT NULL,
    plan_id    bigint,
    task_id    bigint,
    before     jsonb,
    after      jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_task_idx ON audit_log (task_id, at) WHERE task_id IS NOT NULL;
CREATE INDEX audit_log_at_idx ON audit_log (at);
