#include "actions/action_mail.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "notify/mail_templates.h"

namespace ks::actions {
namespace {

constexpr size_t kQuotedBytes = 600;

std::string Language(std::string_view language) { return language == "en" ? "en" : "nl"; }

// What every mail about one plan shows.
mstch::map PlanContext(const ActionPlan& plan, std::string_view milestone, const std::string& language) {
  const Decision decision = plan.decision.value_or(Decision::kDo);
  return mstch::map{{"title", plan.title},
                    {"decision", DecisionLabel(decision, language)},
                    {"reason", plan.decision_reason},
                    {"done", milestone == "done"},
                    {"do", decision == Decision::kDo},
                    {"not_now", decision == Decision::kNotNow},
                    {"wont", decision == Decision::kWont}};
}

}  // namespace

std::string DecisionLabel(Decision decision, std::string_view language) {
  const bool en = language == "en";
  switch (decision) {
    case Decision::kDo: return en ? "We will do this" : "We gaan dit doen";
    case Decision::kNotNow: return en ? "Not now" : "Nu niet";
    case Decision::kWont: return en ? "We won't do this" : "Dit doen we niet";
  }
  return "";
}

Result<notify::Mail> CustomerMail(const Addressee& to, const ActionPlan& plan, std::string_view milestone,
                                  const std::string& said, const std::string& organisation) {
  const std::string language = Language(to.language);
  mstch::map context = PlanContext(plan, milestone, language);
  context["name"] = to.name;
  context["said"] = Excerpt(said, kQuotedBytes);
  context["organisation"] = organisation;
  KS_ASSIGN_OR_RETURN(notify::Mail mail, notify::RenderMail("actions.customer", language, context, to.email, to.name));
  mail.kind = "actions.customer";
  return mail;
}

Result<notify::Mail> TellTaskMail(const Addressee& to, const ActionPlan& plan, std::string_view milestone,
                                  const std::string& customer_name, const std::string& said,
                                  const std::string& base_url) {
  const std::string language = Language(to.language);
  mstch::map context = PlanContext(plan, milestone, language);
  context["name"] = to.name;
  context["customer"] = customer_name;
  context["said"] = Excerpt(said, kQuotedBytes);
  context["link"] = fmt::format("{}/actions/{}", base_url, plan.id);
  KS_ASSIGN_OR_RETURN(notify::Mail mail, notify::RenderMail("actions.tell", language, context, to.email, to.name));
  mail.kind = "actions.tell";
  return mail;
}

Result<notify::Mail> DigestMail(const Addressee& to, const std::vector<FeedEntry>& entries, const std::string& week,
                                const std::string& base_url) {
  const std::string language = Language(to.language);
  mstch::array rows;
  for (const FeedEntry& entry : entries) {
    mstch::map row = PlanContext(entry.plan, entry.event.kind, language);
    row["items"] = std::to_string(entry.plan.item_count);
    row["link"] = fmt::format("{}/actions/{}", base_url, entry.plan.id);
    rows.emplace_back(std::move(row));
  }
  const mstch::map context{{"name", to.name},
                           {"week", week},
                           {"entries", rows},
                           {"count", std::to_string(entries.size())},
                           {"feed", base_url + "/actions/feed"}};
  KS_ASSIGN_OR_RETURN(notify::Mail mail, notify::RenderMail("actions.digest", language, context, to.email, to.name));
  mail.kind = "actions.digest";
  return mail;
}

}  // namespace ks::actions
