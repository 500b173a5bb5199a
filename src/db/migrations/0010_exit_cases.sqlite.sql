-- Exit cases (issue 7 §7): a customer marked lost gets a case of its own — someone calls to hear why —
-- that no feedback item opened, so a case now has a kind and its opening item may be missing.
--
-- SQLite cannot drop a NOT NULL constraint: the table is rebuilt (the procedure of SQLite's ALTER TABLE
-- documentation; the migrations run with foreign keys off and check them before committing). The
-- tables that refer to cases refer to it by name, so they refer to the new one.
CREATE TABLE cases_new (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(id),
  unit_id INTEGER REFERENCES units(id),
  state TEXT NOT NULL DEFAULT 'new'
    CHECK (state IN ('new', 'contacted', 'in_progress', 'resolved', 'closed', 'reopened')),
  priority TEXT NOT NULL CHECK (priority IN ('critical', 'high', 'normal', 'low')),
  rule_key TEXT NOT NULL,
  -- The item that opened it: running the rules again for that item finds the case instead of opening one.
  -- NULL for an exit case, which a customer marked lost opened.
  opening_feedback_id INTEGER UNIQUE REFERENCES feedback(id),
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
  updated_at INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'feedback' CHECK (kind IN ('feedback', 'exit')),
  CHECK (kind = 'exit' OR opening_feedback_id IS NOT NULL)
);
INSERT INTO cases_new (id, customer_id, unit_id, state, priority, rule_key, opening_feedback_id, owner_user_id, owner_queue, opened_at, first_contact_due, resolution_due, first_contact_at, resolved_at, closed_at, root_cause, resolution, not_contacted_reason, due_soon_sent_at, escalation_level, updated_at)
  SELECT id, customer_id, unit_id, state, priority, rule_key, opening_feedback_id, owner_user_id, owner_queue, opened_at, first_contact_due, resolution_due, first_contact_at, resolved_at, closed_at, root_cause, resolution, not_contacted_reason, due_soon_sent_at, escalation_level, updated_at FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE INDEX cases_open_by_customer ON cases (customer_id, opened_at) WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_due ON cases (first_contact_due) WHERE closed_at IS NULL;
CREATE INDEX cases_by_owner ON cases (owner_user_id, state);
CREATE INDEX cases_by_unit ON cases (unit_id, state);
-- At most one open exit case per customer: running a job twice never opens a second one.
CREATE UNIQUE INDEX cases_one_open_exit_per_customer ON cases (customer_id) WHERE kind = 'exit' AND closed_at IS NULL;

-- The job that opens the exit case and invites to the exit survey, written in the transaction that marks
-- the customer lost (through the API or an import), so a crash never loses it.
CREATE TRIGGER customer_lost_exit_case AFTER UPDATE OF status ON customers
  WHEN new.status = 'lost' AND old.status <> 'lost' BEGIN
  INSERT INTO jobs (kind, payload, run_at, created_at)
  VALUES ('cases.exit', '{"customer_id":' || new.id || '}', new.updated_at, new.updated_at);
END;
