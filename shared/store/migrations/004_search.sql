-- Full-text search: the store writes each item's document (see @marsad/text searchDocument: normalised
-- words and their proclitic-free forms), so hamza, ta marbuta and clitic variants find each other.
-- Rows stored before this migration get theirs from the store at start-up (backfillSearch).
ALTER TABLE items ADD COLUMN search tsvector;
CREATE INDEX items_search ON items USING gin (search);
