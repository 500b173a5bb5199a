// The audit log: who did what security-relevant thing, when and from where (logins, role changes,
// API key changes, exports, erasures). Entries are only ever added. Stateless; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "db/database.h"

namespace ks {

struct AuditEntry {
  std::int64_t id = 0;
  Micros at = 0;
  std::string actor;   // an e-mail address, "cli", "api key ks_ab12…"
  std::string action;  // login.success, login.failure, login.throttled, logout, user.created,
                       // user.invited, user.role_changed, user.disabled, user.enabled, password.changed,
                       // password.reset_requested, apikey.created, apikey.revoked, settings.changed,
                       // unit.created, export, erase
  std::string target;  // what it was done to
  std::string detail;
  std::string ip;
};

// The INSERT, to run in the transaction of the change it records.
db::Statement AuditStatement(const AuditEntry& entry);
Result<void> Audit(db::Connection& c, const AuditEntry& entry);
// Newest first; `action_prefix` ("login.") narrows; `before_id` pages (0 = from the newest).
Result<std::vector<AuditEntry>> ListAudit(db::Connection& c, const std::string& action_prefix, std::int64_t before_id,
                                          int limit);

}  // namespace ks
