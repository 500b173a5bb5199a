-- Action plans (issue 8): what the organisation decided to do about what customers and employees said,
-- the feedback items each plan answers, who was told and when, coordinator triage, and the digest.

-- An action plan. Work starts only after a decision ("do", "not_now" or "wont") with a reason customers
-- can read; the status then moves decided → in_progress → done. Times are microseconds since the epoch.
CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner_user_id INTEGER REFERENCES users(id),
  unit_id INTEGER REFERENCES units(id),
  due_date TEXT,  -- YYYY-MM-DD
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'decided', 'in_progress', 'done')),
  decision TEXT CHECK (decision IN ('do', 'not_now', 'wont')),
  decision_reason TEXT,
  decided_at INTEGER,
  decided_by INTEGER REFERENCES users(id),
  done_at INTEGER,
  event_id INTEGER REFERENCES events(id),  -- the analytics marker of its completion
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (status = 'proposed' OR (decision IS NOT NULL AND decision_reason IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX actions_by_status ON actions (status, updated_at);
CREATE INDEX actions_by_unit ON actions (unit_id);

-- The feedback an action answers: any number of items of any source; an item belongs to one action.
CREATE TABLE action_items (
  feedback_id INTEGER PRIMARY KEY REFERENCES feedback(id),
  action_id INTEGER NOT NULL REFERENCES actions(id),
  linked_by INTEGER REFERENCES users(id),
  linked_at INTEGER NOT NULL
);
CREATE INDEX action_items_by_action ON action_items (action_id);

-- The timeline: created, linked, decided, started, done, note, edited. `detail` is JSON.
CREATE TABLE action_events (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES actions(id),
  kind TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  detail TEXT NOT NULL DEFAULT '{}',
  at INTEGER NOT NULL
);
CREATE INDEX action_events_by_action ON action_events (action_id, id);
CREATE INDEX action_events_by_time ON action_events (at);

-- Telling each linked item's customer what was decided ('decided') and that it is done ('done'): a mail
-- through the outbox (done when queued), a task for the colleague who reported it when there is no known
-- contact (done when they tick it), or nobody to tell (no consent). One row per item, milestone and
-- decision, so a decision is never told twice and a changed decision ("not now" became "do") is told again.
CREATE TABLE action_messages (
  action_id INTEGER NOT NULL REFERENCES actions(id),
  feedback_id INTEGER NOT NULL REFERENCES feedback(id),
  milestone TEXT NOT NULL CHECK (milestone IN ('decided', 'done')),
  decision TEXT NOT NULL CHECK (decision IN ('do', 'not_now', 'wont')),  -- the decision told
  how TEXT NOT NULL CHECK (how IN ('mail', 'colleague', 'nobody')),
  user_id INTEGER REFERENCES users(id),  -- how = colleague: who tells the customer
  created_at INTEGER NOT NULL,
  informed_at INTEGER,  -- when the customer was told (NULL: not yet, or never for 'nobody')
  PRIMARY KEY (action_id, feedback_id, milestone, decision)
);
CREATE INDEX action_messages_open_tasks ON action_messages (user_id) WHERE how = 'colleague' AND informed_at IS NULL;
CREATE INDEX action_messages_by_feedback ON action_messages (feedback_id);

-- Coordinator triage: an item leaves the queue when linked to an action, closed with a reason, or merged
-- into another item (a duplicate).
CREATE TABLE feedback_triage (
  feedback_id INTEGER PRIMARY KEY REFERENCES feedback(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('linked', 'closed', 'merged')),
  reason TEXT,
  merged_into INTEGER REFERENCES feedback(id),
  user_id INTEGER REFERENCES users(id),
  at INTEGER NOT NULL
);

-- Themes a coordinator tagged an item with (free words, lower case).
CREATE TABLE feedback_themes (
  feedback_id INTEGER NOT NULL REFERENCES feedback(id),
  theme TEXT NOT NULL,
  PRIMARY KEY (feedback_id, theme)
);
CREATE INDEX feedback_themes_by_theme ON feedback_themes (theme);

-- The weekly "you said, we did" digest: one row per user and ISO week it was sent, so it goes once however
-- many nodes run.
CREATE TABLE action_digests (
  user_id INTEGER NOT NULL REFERENCES users(id),
  week TEXT NOT NULL,  -- YYYY-Www
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, week)
);
