// The transactional outbox (table `outbox`, migrations/0003_outbox.*.sql). A feature adds
// OutboxInsertStatement to the same transaction as the change that causes the mail, so a mail exists
// exactly when its cause does — a crash can lose neither one without the other. The sender
// (mail_sender.h) claims due mails with a lease, delivers them, and records the outcome.
//
// Stateless functions; thread-safe; each uses the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "db/database.h"
#include "notify/mail.h"

namespace ks::notify {

struct OutboxEntry {
  std::int64_t id = 0;
  Mail mail;
  Micros created_at = 0;
  Micros next_attempt_at = 0;
  std::int64_t attempts = 0;
  std::optional<Micros> sent_at, failed_at;
  std::string last_error;
};

// The INSERT of a mail due now (RETURNING its id); run it in the transaction of the change that causes it.
db::Statement OutboxInsertStatement(const Mail& mail, Micros now);

// Newest first (for the admin page and tests).
Result<std::vector<OutboxEntry>> ListOutbox(db::Connection& c, int limit);

// Claims up to `limit` mails that are due (not sent, not failed, next_attempt_at <= now, no live
// lease) for `lease` microseconds, counting an attempt. On PostgreSQL the claim uses FOR UPDATE SKIP
// LOCKED, so senders on several nodes never take the same mail.
Result<std::vector<OutboxEntry>> ClaimDueMails(db::Connection& c, Micros now, int limit, Micros lease);
Result<void> MarkSent(db::Connection& c, std::int64_t id, Micros now);
// Releases the claim and records `error`; the mail is due again at `retry_at`.
Result<void> MarkRetry(db::Connection& c, std::int64_t id, const std::string& error, Micros retry_at);
// Gives up on the mail for good, keeping `error` as the reason.
Result<void> MarkFailed(db::Connection& c, std::int64_t id, const std::string& error, Micros now);

}  // namespace ks::notify
