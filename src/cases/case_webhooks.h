// The case.opened webhook, for the teams that work in another tool: the same document whether a feedback
// item or a lost customer opened the case — ids, kind, unit, priority, rule, owner and deadlines, and the
// opening item's source, channel and score; never a customer's name or words. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cases/case.h"
#include "cases/case_store.h"
#include "db/database.h"
#include "feedback/feedback.h"

namespace ks::cases {

struct OpenedCase {
  std::string url;   // the case's page
  std::string kind;  // "feedback" or "exit"
  Priority priority = Priority::kNormal;
  std::string rule;                  // the rule that opened it
  std::string unit_code, unit_name;  // empty: no unit
  OwnerUser owner;
  std::string customer_ref;                                         // empty: anonymous
  const FeedbackItem* feedback = nullptr;                           // the opening item; none for an exit case
  Micros opened_at = 0, first_contact_due = 0, resolution_due = 0;  // kNoDeadline: none
};

// The event's "data" (without case_id, which the statements add from `case_ref`).
nlohmann::json CaseOpenedData(const OpenedCase& opened);
// The statements that queue case.opened for the subscribed endpoints, in the transaction that opens the
// case; `case_ref` is SQL giving the case's id in that transaction.
std::vector<db::Statement> CaseOpenedWebhook(const OpenedCase& opened, const std::string& case_ref);

}  // namespace ks::cases
