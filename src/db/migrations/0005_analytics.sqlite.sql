-- Analytics: what the in-memory index needs from the feedback table, and dated events (measures taken)
-- that the trend charts mark.

-- Filled by text analytics: the item's sentiment (−1..1) and its topic keys (comma-separated).
ALTER TABLE feedback ADD COLUMN sentiment REAL;
ALTER TABLE feedback ADD COLUMN topics TEXT NOT NULL DEFAULT '';

-- Every insert or change of what the index holds gives the item the next revision, in commit order
-- (SQLite has one writer at a time), so an index catches up with `revision > last seen`. Rows changed
-- by one statement may share a revision.
ALTER TABLE feedback ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
UPDATE feedback SET revision = id;
CREATE INDEX feedback_by_revision ON feedback (revision);
CREATE TRIGGER feedback_revision_insert AFTER INSERT ON feedback BEGIN
  UPDATE feedback SET revision = (SELECT MAX(revision) FROM feedback) + 1 WHERE id = new.id;
END;
CREATE TRIGGER feedback_revision_update AFTER UPDATE OF source, channel, customer_id, unit_id, brand, score_value,
  score_scale, language, received_at, attributes, sentiment, topics ON feedback BEGIN
  UPDATE feedback SET revision = (SELECT MAX(revision) FROM feedback) + 1 WHERE id = new.id;
END;

-- A customer's attributes are the segments of their feedback: a change marks their items as changed.
CREATE TRIGGER customer_attribute_changes AFTER UPDATE OF attributes ON customers
  WHEN old.attributes IS NOT new.attributes BEGIN
  UPDATE feedback SET revision = (SELECT MAX(revision) FROM feedback) + 1 WHERE customer_id = new.id;
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
