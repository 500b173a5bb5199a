-- Continuous listening: survey definitions and their versions, touchpoints (customer contacts),
-- invitations with their link tokens, and the per-question answers of a survey response.

-- Which survey channels a customer may be invited on, and whether they unsubscribed from all of them.
-- E-mail is allowed unless refused (a survey after a purchase is a legitimate interest); SMS needs consent.
ALTER TABLE customers ADD COLUMN survey_email INTEGER NOT NULL DEFAULT 1;
ALTER TABLE customers ADD COLUMN survey_sms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN opted_out_at INTEGER;

CREATE TABLE surveys (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,   -- the anonymous link /f/<slug>
  name TEXT NOT NULL,
  version INTEGER NOT NULL,    -- the current version
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A new version is written when a survey that has answers is edited; answers keep their version.
CREATE TABLE survey_versions (
  survey_id INTEGER NOT NULL REFERENCES surveys(id),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,    -- JSON, see surveys/survey.h
  created_at INTEGER NOT NULL,
  PRIMARY KEY (survey_id, version)
);

CREATE TABLE touchpoints (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  type TEXT NOT NULL,          -- purchase, delivery, support-call, visit, …
  unit_id INTEGER REFERENCES units(id),
  employee TEXT NOT NULL DEFAULT '',
  occurred_at INTEGER NOT NULL,
  idempotency_key TEXT UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX touchpoints_by_customer ON touchpoints (customer_id, occurred_at DESC);

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys(id),
  survey_version INTEGER NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  touchpoint_id INTEGER REFERENCES touchpoints(id),
  unit_id INTEGER REFERENCES units(id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  language TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'sent', 'skipped', 'failed')),
  scheduled_at INTEGER NOT NULL,
  locked_until INTEGER,        -- a sender's claim (several nodes never send one invitation twice)
  attempts INTEGER NOT NULL DEFAULT 0,
  skip_reason TEXT NOT NULL DEFAULT '',  -- fatigue, opted_out, no_consent, no_address, lost, daily_cap, inactive
  last_error TEXT NOT NULL DEFAULT '',
  sent_at INTEGER,
  delivered_at INTEGER,        -- SMS: the provider accepted it; e-mail: the outbox mail's sent_at
  outbox_id INTEGER REFERENCES outbox(id),
  opened_at INTEGER,           -- the survey page was first opened
  answered_at INTEGER,         -- the first answer (a score click counts)
  feedback_id INTEGER REFERENCES feedback(id),
  expires_at INTEGER,
  reminder_due_at INTEGER,
  reminded_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX invitations_due ON invitations (scheduled_at) WHERE state = 'scheduled';
CREATE INDEX invitations_reminders ON invitations (reminder_due_at)
  WHERE reminder_due_at IS NOT NULL AND reminded_at IS NULL AND answered_at IS NULL;
CREATE INDEX invitations_by_customer ON invitations (customer_id, sent_at);
CREATE INDEX invitations_by_survey ON invitations (survey_id, sent_at);
CREATE INDEX invitations_by_touchpoint ON invitations (touchpoint_id);

-- The links of an invitation (its first mail and its reminder); only digests are stored.
CREATE TABLE invitation_tokens (
  token_hash TEXT PRIMARY KEY,
  invitation_id INTEGER NOT NULL REFERENCES invitations(id)
);

-- The survey a response answered, and its driver ratings and choices.
ALTER TABLE feedback ADD COLUMN survey_id INTEGER REFERENCES surveys(id);
ALTER TABLE feedback ADD COLUMN survey_version INTEGER;
CREATE TABLE feedback_answers (
  feedback_id INTEGER NOT NULL REFERENCES feedback(id),
  question TEXT NOT NULL,      -- a driver's or a choice question's key
  value TEXT NOT NULL,         -- a rating ("4") or the chosen option's key
  PRIMARY KEY (feedback_id, question)
);

-- Extra headers of a mail (List-Unsubscribe), as a JSON object.
ALTER TABLE outbox ADD COLUMN headers TEXT NOT NULL DEFAULT '{}';
