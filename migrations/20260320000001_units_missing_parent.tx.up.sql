-- A unit whose parent does not exist is a foreign-key violation, not a NULL
-- path: the path trigger runs before the foreign key is checked.
CREATE OR REPLACE FUNCTION units_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_path text;
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.path := '/' || NEW.id || '/';
    ELSE
        SELECT path INTO parent_path FROM units WHERE id = NEW.parent_id;
        IF parent_path IS NULL THEN
            RAISE EXCEPTION 'units: parent unit % does not exist', NEW.parent_id USING ERRCODE = 'foreign_key_violation';
        END IF;
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
