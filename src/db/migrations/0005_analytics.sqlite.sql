-- Analytics: what the in-memory index needs from the feedback table, and dated events (measures taken)
-- that the trend charts mark.

-- Filled by text analytics: the item's sentiment (−1..1) and its topic keys (comma-separated).
ALTER TABLE feedback ADD COLUMN sentiment REAL;
ALTER TABLE feedback ADD COLUMN topics TEXT NOT NULL DEFAULT '';

-- An index catches up with new items by id (one writer at a time gives ids in commit order) and with
-- changed items by revision: every change of what the index holds gives the item the next revision.
-- Rows changed by one statement may share a revision. Inserts need no trigger: that keeps ingestion fast.
ALTER TABLE feedback ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX feedback_by_revision ON feedback (revision) WHERE revision > 0;
CREATE TRIGGER feedback_revision_update AFTER UPDATE OF source, channel, customer_id, unit_id, brand, score_value,
  score_scale, language, received_at, attributes, sentiment, topics ON feedback BEGIN
  UPDATE feedback SET revision = (SELECT COALESCE(MAX(revision), 0) FROM feedback WHERE revision > 0) + 1 WHERE id = new.id;
END;

-- A customer's attributes are the segments of their feedback: a change marks their items as changed.
CREATE TRIGGER customer_attribute_changes AFTER UPDATE OF attributes ON customers
  WHEN old.attributes IS NOT new.attributes BEGIN
  UPDATE feedback SET revision = (SELECT COALESCE(MAX(revision), 0) FROM feedback WHERE revision > 0) + 1
    WHERE customer_id = new.id;
END;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  happened_at INTEGER NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX events_by_time ON events (happened_at);
