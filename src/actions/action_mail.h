// The mails of action plans (templates notify/templates/actions.*): the customer's message when a plan
// that answers their feedback is decided or done ("you told us …; we decided …, because …"), the
// colleague's task to tell a customer personally, and the weekly "you said, we did" digest for every
// employee. Pure functions of their inputs; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "actions/action.h"
#include "actions/action_store.h"
#include "base/result.h"
#include "notify/mail.h"

namespace ks::actions {

// "We will do this" / "We gaan dit doen", …; `language` "en" or else Dutch.
std::string DecisionLabel(Decision decision, std::string_view language);

struct Addressee {
  std::string email, name, language;
};

// To a customer about `plan` reaching `milestone` ("decided" or "done"); `said` is their feedback.
Result<notify::Mail> CustomerMail(const Addressee& to, const ActionPlan& plan, std::string_view milestone,
                                  const std::string& said, const std::string& organisation);
// To the colleague who reported `said`: please tell `customer_name` personally.
Result<notify::Mail> TellTaskMail(const Addressee& to, const ActionPlan& plan, std::string_view milestone,
                                  const std::string& customer_name, const std::string& said,
                                  const std::string& base_url);
// The week's decisions and completions (`entries`, newest first) for one employee.
Result<notify::Mail> DigestMail(const Addressee& to, const std::vector<FeedEntry>& entries, const std::string& week,
                                const std::string& base_url);

}  // namespace ks::actions
