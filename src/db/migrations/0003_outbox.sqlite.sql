-- The e-mail outbox: a mail is written in the same transaction as the change that causes it, and
-- the sender (notify/mail_sender.h) delivers it, retrying with backoff, until it is sent or given up.

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,         -- what the mail is, e.g. accounts.invite
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,       -- a sender's claim on the mail (several nodes never send one mail twice)
  sent_at INTEGER,
  failed_at INTEGER,          -- given up; last_error says why
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
