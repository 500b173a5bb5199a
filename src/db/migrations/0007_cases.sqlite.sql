-- Closing the loop: cases opened by the rules, the feedback items they hold, their timeline, the rule
-- sets admins save, and the job that runs the rules for every new or changed feedback item.

-- A case: one customer's call for help, owned by a user or a shared queue, with deadlines from the SLA
-- clock. Times are microseconds since the epoch; NULL when it has not happened yet.
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(id),
  unit_id INTEGER REFERENCES units(id),
  state TEXT NOT NULL DEFAULT 'new'
    CHECK (state IN ('new', 'contacted', 'in_progress', 'resolved', 'closed', 'reopened')),
  priority TEXT NOT NULL CHECK (priority IN ('critical', 'high', 'normal', 'low')),
  rule_key TEXT NOT NULL,
  -- The item that opened it: running the rules again for that item finds the case instead of opening one.
  opening_feedback_id INTEGER NOT NULL UNIQUE REFERENCES feedback(id),
  owner_user_id INTEGER REFERENCES users(id),
  owner_queue TEXT,  -- when no user owns it: the queue's name
  opened_at INTEGER NOT NULL,
  first_contact_due INTEGER NOT NULL,
  resolution_due INTEGER NOT NULL,
  first_contact_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  root_cause TEXT,
  resolution TEXT,
  not_contacted_reason TEXT,  -- "no consent" when the case closed without contact for that reason
  due_soon_sent_at INTEGER,  -- when the owner was told the first-contact deadline is near
  escalation_level INTEGER NOT NULL DEFAULT 0,  -- 0 none, 1 owner reminded, 2 owner's manager, 3 executive
  updated_at INTEGER NOT NULL
);
CREATE INDEX cases_open_by_customer ON cases (customer_id, opened_at) WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_due ON cases (first_contact_due) WHERE closed_at IS NULL;
CREATE INDEX cases_by_owner ON cases (owner_user_id, state);
CREATE INDEX cases_by_unit ON cases (unit_id, state);

-- The items of a case: the one that opened it and those that joined it. An item is in at most one
-- case, so running the rules twice for an item never opens a second case.
CREATE TABLE case_items (
  feedback_id INTEGER PRIMARY KEY REFERENCES feedback(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  added_at INTEGER NOT NULL
);
CREATE INDEX case_items_by_case ON case_items (case_id);

-- The timeline: opened, joined, state changes, notes, calls, e-mails, escalations, reassignments.
-- `detail` is a JSON document; `user_id` is NULL for what klantstem did itself.
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  detail TEXT NOT NULL DEFAULT '{}',
  at INTEGER NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);

-- Every saved rule set is kept; the highest revision is the current one. No row: the built-in default.
-- `calendar` is the business calendar of the SLA clock (JSON, see cases/sla_clock.h).
CREATE TABLE case_rule_sets (
  revision INTEGER PRIMARY KEY,
  rules TEXT NOT NULL,
  calendar TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);

-- The daily digest of open cases: one row per user and local day it was sent, so it goes once a day
-- however many nodes run.
CREATE TABLE case_digests (
  user_id INTEGER NOT NULL REFERENCES users(id),
  day TEXT NOT NULL,  -- YYYY-MM-DD in the calendar's time zone
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, day)
);

-- The rules run for every new item, and again when an item's score or text changes (a survey answer
-- completed later), from a job written in the same transaction: a crash never loses a case.
CREATE TRIGGER feedback_case_rules_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO jobs (kind, payload, run_at, created_at)
  VALUES ('cases.rules', '{"feedback_id":' || new.id || '}', new.created_at, new.created_at);
END;
CREATE TRIGGER feedback_case_rules_update AFTER UPDATE OF score_value, text ON feedback
  WHEN old.score_value IS NOT new.score_value OR old.text IS NOT new.text BEGIN
  INSERT INTO jobs (kind, payload, run_at, created_at)
  VALUES ('cases.rules', '{"feedback_id":' || new.id || '}', new.created_at, new.created_at);
END;
