-- A story's original that an earlier publication replaced before the original's own row was stored
-- (its store job behind, or retried): the replacement waits here, and the row takes it when stored.
CREATE TABLE item_supersessions (
  copy_id     text PRIMARY KEY,
  original_id text NOT NULL,
  similarity  double precision NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
