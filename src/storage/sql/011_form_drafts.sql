-- The text of a form that was open when a desk's terminal went away: offered back to the same
-- login at the next start, and gone once offered. `purpose` and `fields` are the desk's JSON.
CREATE TABLE form_draft (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    purpose TEXT NOT NULL,
    subject TEXT,
    fields TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX form_draft_login ON form_draft(login);
