-- Core tables: units, customers, feedback (with full-text search), API keys, jobs.
-- Times are INTEGER microseconds since the Unix epoch (UTC); JSON documents are TEXT.

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('team', 'location', 'brand', 'region')),
  parent_id INTEGER REFERENCES units(id),
  manager TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  external_ref TEXT NOT NULL UNIQUE,
  name TEXT,
  email TEXT,
  phone TEXT,
  language TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  consent_contact INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lost')),
  last_contact_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  channel TEXT NOT NULL,
  customer_id INTEGER REFERENCES customers(id),
  unit_id INTEGER REFERENCES units(id),
  brand TEXT NOT NULL DEFAULT 'own',
  score_value INTEGER,
  score_scale TEXT,
  score_class TEXT CHECK (score_class IN ('unhappy', 'neutral', 'happy')),
  text TEXT,
  language TEXT,
  received_at INTEGER NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}',
  idempotency_key TEXT UNIQUE,
  search_text TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX feedback_by_time ON feedback (received_at DESC, id DESC);
CREATE INDEX feedback_by_unit ON feedback (unit_id, received_at DESC);
CREATE INDEX feedback_by_customer ON feedback (customer_id, received_at DESC);

-- search_text holds the stemmed words of text (stemmed by klantstem, the same for both engines).
CREATE VIRTUAL TABLE feedback_fts USING fts5(search_text, content='feedback', content_rowid='id',
                                             tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER feedback_fts_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO feedback_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER feedback_fts_delete AFTER DELETE ON feedback BEGIN
  INSERT INTO feedback_fts (feedback_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER feedback_fts_update AFTER UPDATE OF search_text ON feedback BEGIN
  INSERT INTO feedback_fts (feedback_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO feedback_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  prefix TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  run_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  done_at INTEGER
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL;
