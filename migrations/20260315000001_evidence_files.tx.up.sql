-- Evidence documents attached to progress entries. Kept in the database so
-- that a backup holds everything and access goes through the application's
-- authorization; at most 10 MiB each (checked by the application).
CREATE TABLE evidence_files (
    id           bigserial PRIMARY KEY,
    entry_id     bigint NOT NULL REFERENCES progress_entries (id) ON DELETE CASCADE,
    task_id      bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    filename     text NOT NULL CHECK (filename <> ''),
    content_type text NOT NULL,
    size         integer NOT NULL CHECK (size > 0 AND size <= 10485760),
    sha256       bytea NOT NULL,
    data         bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_files_task_idx ON evidence_files (task_id);
