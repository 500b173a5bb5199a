-- People who log in to the web application, their sessions, single-use tokens (invitations and
-- password resets), the audit log, organisation settings, and who reported an employee-sourced item.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,  -- lowercased
  name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'nl',
  unit_id INTEGER REFERENCES units(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'executive', 'manager', 'employee')),
  active INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT,  -- argon2id; NULL until the user sets one (after an invitation)
  password_changed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,  -- digest of the cookie's token; the token itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL  -- absolute expiry
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE user_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,   -- "alice@example.com", "cli", "api key ks_ab12"
  action TEXT NOT NULL,  -- login.success, login.failure, user.role_changed, apikey.created, …
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

ALTER TABLE feedback ADD COLUMN reported_by INTEGER REFERENCES users(id);
