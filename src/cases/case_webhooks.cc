#include "cases/case_webhooks.h"

#include "base/time.h"
#include "cases/sla_clock.h"
#include "notify/webhooks.h"

namespace ks::cases {

nlohmann::json CaseOpenedData(const OpenedCase& opened) {
  const auto deadline = [](Micros at) {
    return at == kNoDeadline ? nlohmann::json() : nlohmann::json(FormatRfc3339(at));
  };
  nlohmann::json feedback;  // null for an exit case
  if (opened.feedback) {
    const FeedbackInput& in = opened.feedback->input;
    feedback = {{"id", opened.feedback->id}, {"source", in.source}, {"channel", in.channel}, {"score", nullptr}};
    if (in.score) feedback["score"] = {{"value", in.score->value}, {"scale", ScaleName(in.score->scale)}};
  }
  const OwnerUser& owner = opened.owner;
  return {{"url", opened.url},
          {"kind", opened.kind},
          {"state", "new"},
          {"priority", PriorityName(opened.priority)},
          {"rule", opened.rule},
          {"unit", opened.unit_code.empty() ? nlohmann::json()
                                            : nlohmann::json{{"code", opened.unit_code}, {"name", opened.unit_name}}},
          {"owner", owner.user_id ? nlohmann::json{{"user_id", *owner.user_id}, {"name", owner.name}}
                                  : nlohmann::json{{"queue", owner.queue}}},
          {"customer",
           opened.customer_ref.empty() ? nlohmann::json() : nlohmann::json{{"external_ref", opened.customer_ref}}},
          {"feedback", feedback},
          {"opened_at", FormatRfc3339(opened.opened_at)},
          {"first_contact_due", deadline(opened.first_contact_due)},
          {"resolution_due", deadline(opened.resolution_due)}};
}

std::vector<db::Statement> CaseOpenedWebhook(const OpenedCase& opened, const std::string& case_ref) {
  return notify::WebhookEventStatements("case.opened", CaseOpenedData(opened), opened.opened_at,
                                        {{"case_id", case_ref}});
}

}  // namespace ks::cases
