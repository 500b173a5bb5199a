// The loaded demo on both engines: its case history holds a closed case for exactly the items of the
// past year (older than the rule runner's reach) that the case rules call for, each with a believable
// timeline worked by the unit's manager; the same seed writes the same history, a second run adds
// nothing; and the pages that read cases (speed metrics, recovery) have something to show. The demo's
// surveys include the recovery survey and the exit survey's triggers.
#include "demo/demo_cases.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/time.h"
#include "cases/case_service.h"
#include "cases/case_store.h"
#include "cases/recovery.h"
#include "cases/rule_runner.h"
#include "db/test_database.h"
#include "demo/demo_loader.h"
#include "demo/demo_responses.h"
#include "demo/demo_surveys.h"
#include "demo/demo_users.h"
#include "feedback/feedback_store.h"
#include "surveys/survey_store.h"

namespace ks::demo {
namespace {

constexpr Micros kDay = Micros{86'400} * kMicrosPerSecond;
const Micros kMaxItemAge = cases::RuleRunnerOptions{}.max_item_age;

Micros Now() {
  static const Micros now = *ParseRfc3339("2026-11-02T10:00:00Z");
  return now;
}

class DemoCasesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  // A small demo, loaded as `klantstem demo` loads it; the case history's summary.
  static Result<DemoCasesSummary> LoadSmallDemo(db::Connection& c, std::uint64_t seed) {
    KS_RETURN_IF_ERROR(LoadDemo(c, {150, 3000, seed, Now()}, [](std::string_view) {}));
    KS_RETURN_IF_ERROR(LoadDemoUsers(c, "not-a-hash", Now()));
    KS_RETURN_IF_ERROR(LoadDemoSurveys(c, Now()));
    KS_RETURN_IF_ERROR(LoadDemoResponses(c, seed, Now()));
    return LoadDemoCases(c, seed, Now());
  }

  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    auto summary = LoadSmallDemo(*c_, 42);
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    summary_ = *summary;
  }

  static std::vector<cases::Case> AllCases(db::Connection& c) {
    cases::CaseFilter filter;
    filter.status = cases::CaseFilter::Status::kAll;
    filter.limit = 1000;
    auto list = cases::ListCases(c, filter, Now());
    EXPECT_TRUE(list.ok()) << list.error().ToString();
    return list.ok() ? *list : std::vector<cases::Case>{};
  }

  // Every case with its items and timeline, for comparing two loads.
  static std::string Dump(db::Connection& c) {
    std::string out;
    auto rows = c.Query(
        "SELECT c.opening_feedback_id, c.state, c.priority, c.rule_key, c.owner_user_id, c.opened_at, "
        "c.first_contact_due, c.resolution_due, c.first_contact_at, c.resolved_at, c.closed_at, c.root_cause, "
        "c.resolution, c.not_contacted_reason, e.kind, e.user_id, e.detail, e.at, "
        "(SELECT COUNT(*) FROM case_items i WHERE i.case_id = c.id) "
        "FROM cases c JOIN case_events e ON e.case_id = c.id ORDER BY c.opening_feedback_id, e.id");
    EXPECT_TRUE(rows.ok()) << rows.error().ToString();
    if (!rows.ok()) return out;
    for (const auto& r : rows->rows) {
      for (const auto& v : r) out += (db::IsNull(v) ? "-" : db::AsText(v)) + "|";
      out += "\n";
    }
    return out;
  }

  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  DemoCasesSummary summary_;
};

TEST_P(DemoCasesTest, ClosedCasesForExactlyThePastYearsItemsTheRulesCallFor) {
  // The default rules look at neither customer attributes nor units, so the item alone decides here.
  for (const cases::CaseRule& rule : cases::DefaultRuleSet().rules) {
    ASSERT_TRUE(rule.conditions.customer_attributes.empty() && rule.conditions.units.empty()) << rule.key;
  }
  std::set<std::int64_t> in_cases;
  auto rows = c_->Query("SELECT feedback_id FROM case_items");
  ASSERT_TRUE(rows.ok()) << rows.error().ToString();
  for (const auto& r : rows->rows) in_cases.insert(db::AsInt(r[0]));
  ASSERT_GT(in_cases.size(), 50U);

  size_t matched = 0;
  std::string cursor;
  do {
    auto page = ListFeedback(*c_, {}, cursor, 1000);
    ASSERT_TRUE(page.ok()) << page.error().ToString();
    for (const FeedbackItem& item : page->items) {
      const Micros at = item.input.received_at;
      const bool in_history = at >= Now() - kDemoCaseHistory && at < Now() - kMaxItemAge;
      const bool calls_for_help =
          cases::Evaluate(cases::DefaultRuleSet(), {item.input, item.analysis, {}, {}}).has_value();
      EXPECT_EQ(in_cases.contains(item.id), in_history && calls_for_help)
          << "item " << item.id << " received " << FormatRfc3339(at);
      if (in_history && calls_for_help) ++matched;
    }
    cursor = page->next_cursor;
  } while (!cursor.empty());
  EXPECT_EQ(matched, in_cases.size());
  EXPECT_EQ(summary_.cases + summary_.joined, in_cases.size());
}

TEST_P(DemoCasesTest, EveryCaseHasABelievableClosedTimeline) {
  const auto all = AllCases(*c_);
  ASSERT_EQ(all.size(), summary_.cases);
  const auto calendar = cases::BusinessCalendar::Default();
  size_t contacted = 0, joined = 0;
  auto coordinators = c_->Query("SELECT id FROM users WHERE role = 'coordinator'");
  ASSERT_TRUE(coordinators.ok() && coordinators->size() == 1);
  const std::int64_t coordinator = db::AsInt(coordinators->rows[0][0]);
  for (const cases::Case& k : all) {
    SCOPED_TRACE("case " + std::to_string(k.id));
    EXPECT_EQ(k.state, cases::CaseState::kClosed);
    EXPECT_EQ(k.kind, "feedback");
    // Owned by the manager the rule runner would choose: the nearest one up the unit tree.
    auto owner = cases::ResolveOwner(*c_, cases::CaseOwner{}, k.unit_id);
    ASSERT_TRUE(owner.ok()) << owner.error().ToString();
    EXPECT_EQ(k.owner_user_id, owner->user_id);
    // A case without a unit waits in the queue, where the coordinator works it.
    const std::int64_t worker = k.owner_user_id ? *k.owner_user_id : coordinator;
    EXPECT_EQ(k.owner_queue, k.owner_user_id ? "" : cases::kUnassignedQueue);
    auto role = c_->Query("SELECT role FROM users WHERE id = $1", {worker});
    ASSERT_TRUE(role.ok() && !role->empty());
    EXPECT_EQ(db::AsText(role->rows[0][0]), k.owner_user_id ? "manager" : "coordinator");

    // Opened a few minutes after its item, with deadlines on the SLA clock.
    auto item = GetFeedback(*c_, k.opening_feedback_id);
    ASSERT_TRUE(item.ok()) << item.error().ToString();
    EXPECT_GT(k.opened_at, item->input.received_at);
    EXPECT_LT(k.opened_at, item->input.received_at + 15 * 60 * kMicrosPerSecond);
    // (A more urgent item that joined later raised the priority and pulled the deadlines in from then.)
    const cases::SlaHours sla = cases::DefaultSla(k.priority);
    if (k.item_count == 1) {
      EXPECT_EQ(k.first_contact_due, cases::Deadline(calendar, k.opened_at, sla.first_contact));
      EXPECT_EQ(k.resolution_due, cases::Deadline(calendar, k.opened_at, sla.resolution));
    }
    EXPECT_GT(k.first_contact_due, k.opened_at);
    EXPECT_GT(k.resolution_due, k.first_contact_due);

    // Contacted when the customer agreed, else closed as not contacted; then resolved and closed.
    ASSERT_TRUE(k.resolved_at && k.closed_at);
    EXPECT_EQ(k.first_contact_at.has_value(), k.customer_id && k.customer_consents);
    EXPECT_EQ(k.not_contacted_reason, k.first_contact_at ? "" : "no consent");
    if (k.first_contact_at) {
      EXPECT_GT(*k.first_contact_at, k.opened_at);
      EXPECT_LT(*k.first_contact_at, *k.resolved_at);
      ++contacted;
    }
    EXPECT_GT(*k.resolved_at, k.opened_at);
    EXPECT_LE(*k.resolved_at, *k.closed_at);
    EXPECT_LT(*k.closed_at, Now());
    EXPECT_NE(std::find(std::begin(cases::kRootCauses), std::end(cases::kRootCauses), k.root_cause),
              std::end(cases::kRootCauses));
    EXPECT_FALSE(k.resolution.empty());

    auto events = cases::ListCaseEvents(*c_, k.id);
    ASSERT_TRUE(events.ok()) << events.error().ToString();
    ASSERT_GE(events->size(), 4U);
    EXPECT_EQ(events->front().kind, "opened");
    EXPECT_EQ(events->back().kind, "close");
    EXPECT_EQ(events->back().at, *k.closed_at);
    std::map<std::string, int> kinds;
    for (size_t i = 0; i < events->size(); ++i) {
      const cases::CaseEvent& e = (*events)[i];
      ++kinds[e.kind];
      if (i > 0) {
        EXPECT_GE(e.at, (*events)[i - 1].at) << e.kind;
      }
      const auto detail = nlohmann::json::parse(e.detail);
      if (e.kind == "opened" || e.kind == "joined") {
        EXPECT_FALSE(e.user_id.has_value());
        EXPECT_TRUE(detail.contains("feedback_id") && detail.contains("rules")) << e.detail;
        continue;
      }
      EXPECT_EQ(e.user_id, worker) << e.kind;
      if (e.kind == "call") {
        EXPECT_TRUE(detail.contains("outcome")) << e.detail;
      }
      if (e.kind == "email") {
        EXPECT_TRUE(detail.contains("subject") && detail.contains("text")) << e.detail;
        EXPECT_NE(detail.value("to", "").find('@'), std::string::npos) << e.detail;  // the recipient, not a state
      }
      if (e.kind == "close") {
        EXPECT_EQ(detail.value("root_cause", ""), k.root_cause);
        EXPECT_EQ(detail.value("resolution", ""), k.resolution);
        EXPECT_EQ(detail.value("to_state", ""), "closed");
        EXPECT_EQ(detail.contains("not_contacted"), !k.first_contact_at);
      }
    }
    EXPECT_EQ(kinds["opened"], 1);
    EXPECT_EQ(kinds["close"], 1);
    EXPECT_EQ(kinds["resolve"], 1);
    EXPECT_EQ(kinds["joined"], k.item_count - 1);
    EXPECT_EQ(kinds["call"] + kinds["email"] > 0, k.first_contact_at.has_value());
    joined += static_cast<size_t>(k.item_count - 1);
  }
  EXPECT_EQ(joined, summary_.joined);
  EXPECT_EQ(all.size() - contacted, summary_.not_contacted);
  EXPECT_GT(contacted, 0U);
  EXPECT_GT(summary_.not_contacted, 0U);
  EXPECT_GT(summary_.late, 0U);
  EXPECT_LT(summary_.late, contacted / 2);  // most first contacts are within the SLA
}

TEST_P(DemoCasesTest, SameSeedSameHistoryAndASecondRunAddsNothing) {
  const std::string first = Dump(*c_);
  ASSERT_FALSE(first.empty());

  auto again = LoadDemoCases(*c_, 42, Now());
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->cases, 0U);
  EXPECT_EQ(again->joined, 0U);
  EXPECT_EQ(Dump(*c_), first);

  auto other = db::TestDatabase::CreateMigrated(GetParam());
  ASSERT_TRUE(other.ok()) << other.error().ToString();
  auto summary = LoadSmallDemo(*other->connection, 42);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(Dump(*other->connection), first);
}

TEST_P(DemoCasesTest, SpeedMetricsAndRecoveryHaveSomethingToShow) {
  const Micros from = Now() - kDemoCaseHistory;
  struct Grouping {
    cases::SpeedGrouping grouping;
    size_t min_groups;
  };
  for (const Grouping& t : {Grouping{cases::SpeedGrouping::kUnit, 4}, Grouping{cases::SpeedGrouping::kOwner, 3},
                            Grouping{cases::SpeedGrouping::kMonth, 10}}) {
    SCOPED_TRACE(static_cast<int>(t.grouping));
    auto speed = cases::LoadSpeedMetrics(*c_, from, Now(), t.grouping, Now());
    ASSERT_TRUE(speed.ok()) << speed.error().ToString();
    EXPECT_GE(speed->groups.size(), t.min_groups);
    EXPECT_EQ(speed->total.cases, static_cast<std::int64_t>(summary_.cases));
    EXPECT_GT(speed->total.contacted, 0);
    EXPECT_GT(speed->total.first_contact_within_sla.judged, 0);
    EXPECT_EQ(speed->total.overdue, 0);
  }
  // Some units are visibly faster than others.
  auto by_unit = cases::LoadSpeedMetrics(*c_, from, Now(), cases::SpeedGrouping::kUnit, Now());
  ASSERT_TRUE(by_unit.ok());
  std::vector<double> medians;
  for (const cases::SpeedGroup& g : by_unit->groups) {
    if (g.contacted >= 5 && g.time_to_first_contact.median_working_hours) {
      medians.push_back(*g.time_to_first_contact.median_working_hours);
    }
  }
  ASSERT_GE(medians.size(), 2U);
  EXPECT_GT(*std::max_element(medians.begin(), medians.end()), 2 * *std::min_element(medians.begin(), medians.end()));

  auto recovery = cases::LoadRecovery(*c_, from, Now());
  ASSERT_TRUE(recovery.ok()) << recovery.error().ToString();
  EXPECT_GT(recovery->closed, 0);
  EXPECT_GT(recovery->with_follow_up, 0);
  EXPECT_TRUE(recovery->rate.has_value());
  EXPECT_GT(recovery->untroubled[0] + recovery->untroubled[1] + recovery->untroubled[2], 0);
}

TEST_P(DemoCasesTest, SurveysForTheRecoveryAndTheExit) {
  struct Expected {
    const char* slug;
    const char* touchpoint;
    const char* driver;  // "" for none expected
  };
  for (const Expected& t : {Expected{"herstel", "case-closed", "handling"}, Expected{"afscheid", "customer-lost", ""},
                            Expected{"afscheid", "cancellation", ""}}) {
    SCOPED_TRACE(std::string(t.slug) + " " + t.touchpoint);
    auto survey = surveys::GetSurvey(*c_, t.slug);
    ASSERT_TRUE(survey.ok()) << survey.error().ToString();
    const auto& triggers = survey->definition.triggers;
    EXPECT_TRUE(std::any_of(triggers.begin(), triggers.end(), [&](const surveys::Trigger& trigger) {
      return trigger.touchpoint == t.touchpoint && trigger.channel == "email" && trigger.delay_minutes == 60;
    }));
    if (*t.driver == '\0') continue;
    const auto& drivers = survey->definition.drivers;
    ASSERT_EQ(drivers.size(), 1U);
    EXPECT_EQ(drivers[0].key, t.driver);
    EXPECT_EQ(drivers[0].max, 5);
    EXPECT_EQ(survey->definition.scale, Scale::kNps);
    EXPECT_EQ(survey->definition.question.size(), 2U);  // nl and en
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoCasesTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::demo
