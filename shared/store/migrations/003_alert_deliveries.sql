-- One row per (rule, story, channel): the delivery key that makes every alert go out once.
CREATE TABLE alert_deliveries (
  key         text PRIMARY KEY,
  rule_id     text NOT NULL,
  story_id    text NOT NULL,
  channel_id  text NOT NULL,
  item_id     text NOT NULL,
  status      text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  -- Who is sending it now, until when: a second worker meeting a live claim leaves it alone.
  claimed_by    text,
  claimed_until timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX alert_deliveries_created ON alert_deliveries (created_at DESC);
