-- Text analytics: what the analysis of an item's text found (besides sentiment and topics, added for
-- the analytics index in 0005), the organisation's topic taxonomy with its history, and re-analysis runs.

ALTER TABLE feedback ADD COLUMN sentiment_label TEXT;                    -- negative | neutral | positive
ALTER TABLE feedback ADD COLUMN topic_sentiments TEXT NOT NULL DEFAULT '';  -- "delivery:-0.62,staff:0.71"
ALTER TABLE feedback ADD COLUMN key_phrases TEXT NOT NULL DEFAULT '';       -- "lange wachttijd|vriendelijke chauffeur"
ALTER TABLE feedback ADD COLUMN language_confidence REAL;
-- 1 when `language` was detected in the text rather than given by the sender (re-analysis detects it again).
ALTER TABLE feedback ADD COLUMN language_detected INTEGER NOT NULL DEFAULT 0;
-- The taxonomy revision the item was analysed with (0: the built-in default); NULL: not analysed.
ALTER TABLE feedback ADD COLUMN text_revision INTEGER;

-- Every saved taxonomy is kept; the highest revision is the current one. No row: the built-in default.
CREATE TABLE topic_taxonomies (
  revision INTEGER PRIMARY KEY,
  definition TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);

-- A re-analysis of all stored texts, run in the background in batches. `last_id` is how far it got, so
-- a restarted server continues where it stopped.
CREATE TABLE text_reanalyses (
  id INTEGER PRIMARY KEY,
  taxonomy_revision INTEGER NOT NULL,
  total INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  last_id INTEGER NOT NULL DEFAULT 0,
  started_by INTEGER REFERENCES users(id),
  started_at INTEGER NOT NULL,
  finished_at INTEGER
);
