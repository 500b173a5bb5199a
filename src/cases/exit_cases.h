// Exit cases (issue 7 §7): a customer marked lost — `status: lost` through the API or an import — gets
// a case of their own, so that somebody calls to hear what made them leave, and an invitation to the exit
// survey: every active survey with a trigger on the touchpoint "customer-lost" (surveys with
// "exit_survey": true may be sent to lost customers).
//
// The change of status writes a "cases.exit" job in its own transaction (a trigger, migrations/0010);
// the rule runner (rule_runner.h) carries it out with ExitCaseStatements. The case has kind "exit" and
// no opening item; it goes to the nearest manager up the unit tree from the unit of the customer's latest
// feedback or touchpoint (else the unassigned queue), with high priority and its SLA (case_rules.h:
// DefaultSla), and a mail to the owner. At most one exit case per customer is open (a unique index), so
// a job run twice never opens two. A customer made active again before the job ran gets none.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cases/case_store.h"
#include "db/database.h"

namespace ks::cases {

inline constexpr std::string_view kExitJobKind = "cases.exit";
inline constexpr std::string_view kExitRuleKey = "exit";

// The statements that open the exit case of `customer_id` for the job `job_id`, with its timeline entry,
// webhook, owner's mail and the exit survey's invitations; none when the customer is not lost (any more)
// or has an open exit case.
Result<std::vector<db::Statement>> ExitCaseStatements(db::Connection& c, const StoredRules& rules,
                                                      std::int64_t customer_id, std::int64_t job_id,
                                                      const std::string& base_url, Micros now);

}  // namespace ks::cases
