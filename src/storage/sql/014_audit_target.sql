-- Approval finds who drafted a version by the audit entries about it (four eyes); without an
-- index on the target every approval reads the whole log, which grows by thousands a year.
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log(target);
