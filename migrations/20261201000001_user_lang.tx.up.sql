-- The language a user chose for the pages ('' = none yet: the browser's
-- cookie, else Vietnamese). Kept on the user, so that it follows them from
-- one computer to another.
ALTER TABLE users ADD COLUMN lang text NOT NULL DEFAULT '' CHECK (lang IN ('', 'vi', 'en'));
