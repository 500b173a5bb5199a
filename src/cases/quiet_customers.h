// Proactive listening (issue 7 §7): active customers who have gone quiet — no feedback and no recorded
// contact (customers.last_contact_at, set by calls and e-mails from cases) for the days the rule set's
// QuietPolicy gives their `segment` — are a "call them" list, longest quiet first, before they leave
// without saying why. Only customers who gave feedback at some time count (the others were never heard).
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cases/case_rules.h"
#include "db/database.h"

namespace ks::cases {

struct QuietCustomer {
  std::int64_t id = 0;
  std::string external_ref;
  std::optional<std::string> name;
  std::string segment;  // "" when the customer has none
  Micros last_feedback_at = 0;
  std::optional<Micros> last_contact_at;
  std::optional<std::int64_t> unit_id;  // of their latest feedback
  std::string unit_name;
  int quiet_days = 0;  // the policy's days for their segment
};

// At most `limit` quiet customers at `now`; `unit_scope` (a manager's) keeps those whose latest feedback
// was about one of these units.
Result<std::vector<QuietCustomer>> ListQuietCustomers(db::Connection& c, const QuietPolicy& policy, Micros now,
                                                      const std::optional<std::vector<std::int64_t>>& unit_scope,
                                                      size_t limit = 200);

}  // namespace ks::cases
