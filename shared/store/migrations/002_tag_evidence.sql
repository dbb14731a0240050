-- Why each tag was given (alias, offset, matched words), so an alert can say why it fired.
ALTER TABLE items ADD COLUMN tag_evidence jsonb NOT NULL DEFAULT '{}'::jsonb;
