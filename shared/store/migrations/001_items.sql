-- Items as the pipeline stores them: one row per canonical article URL (the id), whatever the
-- number of fetches, feeds or re-delivered jobs that brought it.
CREATE TABLE items (
  id            text PRIMARY KEY,
  source_id     text NOT NULL,
  url           text NOT NULL,
  title         text NOT NULL,
  body          text NOT NULL DEFAULT '',
  published_at  timestamptz,
  fetched_at    timestamptz NOT NULL,
  language      text NOT NULL,
  arabic        boolean NOT NULL,
  duplicate_of  text,
  similarity    double precision,
  story_id      text NOT NULL,
  tags          text[] NOT NULL DEFAULT '{}',
  stored_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX items_newest ON items (coalesce(published_at, fetched_at) DESC, id);
CREATE INDEX items_source ON items (source_id, fetched_at DESC);
CREATE INDEX items_tags ON items USING gin (tags);
CREATE INDEX items_duplicate_of ON items (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX items_story ON items (story_id);
