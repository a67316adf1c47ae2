-- Other names under which a unit appears in plan annexes ("Phòng TP",
-- "Công an TP Sơn Hà"), added by an admin so that an import resolves them
-- (annex.AddAlias). alias is the name as typed; alias_key its canonical form
-- (annex.Key: case, Unicode form, tone placement, punctuation and common
-- abbreviations folded), unique so that one written name means one unit.
CREATE TABLE unit_aliases (
    id         bigserial PRIMARY KEY,
    alias      text NOT NULL CHECK (alias <> ''),
    alias_key  text NOT NULL UNIQUE CHECK (alias_key <> ''),
    unit_id    bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_aliases_unit_idx ON unit_aliases (unit_id);
