-- When a revision (an item whose source later gave a much longer text: a brief completed into the
-- article) was last stored over the row; null for an item as first stored.
ALTER TABLE items ADD COLUMN revised_at timestamptz;
