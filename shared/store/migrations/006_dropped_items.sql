-- Items the classifier dropped (pipeline.dropNonArabic): remembered so that the fetcher does not queue
-- them, nor read their pages, again at every poll of a feed that still lists them.
CREATE TABLE dropped_items (
  id         text PRIMARY KEY,
  source_id  text NOT NULL,
  language   text NOT NULL,
  dropped_at timestamptz NOT NULL DEFAULT now()
);
