#include "cases/case_webhooks.h"

#include <gtest/gtest.h>

#include "cases/sla_clock.h"

namespace ks::cases {
namespace {

TEST(CaseWebhooksTest, CaseOpenedCarriesIdsAndDeadlinesNeverNamesOrWords) {
  FeedbackItem item;
  item.id = 42;
  item.input.source = "survey";
  item.input.channel = "email";
  item.input.score = Score{Scale::kNps, 3};
  item.input.text = "Slechte service van Jan";
  item.input.customer = CustomerRef{"c-9", std::string("Anna Jansen"), {}, {}, {}};
  OwnerUser manager;
  manager.user_id = 7;
  manager.name = "Uri";
  OwnerUser queue;
  queue.queue = "unassigned";
  struct Row {
    const char* what;
    OpenedCase opened;
    nlohmann::json want;
  };
  const Row rows[] = {
      {"a feedback case",
       {"http://ks/cases/feedback/42", "feedback", Priority::kCritical, "worst_scores", "utrecht", "Utrecht", manager,
        "c-9", &item, 0, 3'600'000'000, kNoDeadline},
       {{"url", "http://ks/cases/feedback/42"},
        {"kind", "feedback"},
        {"state", "new"},
        {"priority", "critical"},
        {"rule", "worst_scores"},
        {"unit", {{"code", "utrecht"}, {"name", "Utrecht"}}},
        {"owner", {{"user_id", 7}, {"name", "Uri"}}},
        {"customer", {{"external_ref", "c-9"}}},
        {"feedback",
         {{"id", 42}, {"source", "survey"}, {"channel", "email"}, {"score", {{"value", 3}, {"scale", "nps"}}}}},
        {"opened_at", "1970-01-01T00:00:00Z"},
        {"first_contact_due", "1970-01-01T01:00:00Z"},
        {"resolution_due", nullptr}}},
      {"an exit case, anonymous and without a unit",
       {"http://ks/cases/exit/5", "exit", Priority::kHigh, "exit", "", "", queue, "", nullptr, 0, kNoDeadline,
        kNoDeadline},
       {{"url", "http://ks/cases/exit/5"},
        {"kind", "exit"},
        {"state", "new"},
        {"priority", "high"},
        {"rule", "exit"},
        {"unit", nullptr},
        {"owner", {{"queue", "unassigned"}}},
        {"customer", nullptr},
        {"feedback", nullptr},
        {"opened_at", "1970-01-01T00:00:00Z"},
        {"first_contact_due", nullptr},
        {"resolution_due", nullptr}}},
  };
  for (const Row& row : rows) {
    const nlohmann::json data = CaseOpenedData(row.opened);
    EXPECT_EQ(data, row.want) << row.what << "\n" << data.dump(2);
    EXPECT_EQ(data.dump().find("Anna"), std::string::npos) << row.what;
    EXPECT_EQ(data.dump().find("Slechte"), std::string::npos) << row.what;
  }
}

}  // namespace
}  // namespace ks::cases
