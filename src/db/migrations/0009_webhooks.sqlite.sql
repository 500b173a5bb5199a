-- Outgoing webhooks (notify/webhooks.h): endpoints that an administrator registers, and one delivery per
-- event and subscribed endpoint, written in the same transaction as the change that causes the event;
-- the sender (notify/webhook_sender.h) POSTs it, signed, retrying with backoff, until delivered or given up.

CREATE TABLE webhook_endpoints (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,                    -- http:// or https://, checked when added
  secret TEXT NOT NULL,                 -- the HMAC-SHA256 key; shown once when the endpoint is added
  events TEXT NOT NULL DEFAULT '*',     -- '*' or a comma-separated subset: case.opened,case.escalated,case.closed
  description TEXT NOT NULL DEFAULT '', -- what receives it, e.g. "Jira service desk"
  active INTEGER NOT NULL DEFAULT 1,    -- 0: no new deliveries, and waiting ones are held until enabled again
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,               -- the envelope's "id": one per event, shared by its deliveries
  event TEXT NOT NULL,                  -- case.opened, case.escalated, case.closed
  payload TEXT NOT NULL,                -- the JSON body that is sent, exactly
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,                 -- a sender's claim (several nodes never send one delivery at once)
  delivered_at INTEGER,
  failed_at INTEGER,                    -- given up; last_status and last_error say why
  last_status INTEGER,                  -- the receiver's last HTTP status; NULL when it was not reached
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
