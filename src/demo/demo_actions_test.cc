// The loaded demo's action plans on both engines: plans in every status with every decision, each decided
// one with its reason and time, done ones with their analytics marker; a timeline in time order whose
// items were all received (and linked) before their decision; every linked item's customer told by the
// rules of ActionService (a mail only for a consenting customer with an address, a task for the colleague
// who reported an employee item, otherwise nobody) and nothing queued in the outbox; triage and themes;
// lead times that differ per unit; and the same seed gives the same history, a second run adds nothing.
#include "demo/demo_actions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "actions/lead_times.h"
#include "base/time.h"
#include "db/test_database.h"
#include "demo/demo_cases.h"
#include "demo/demo_loader.h"
#include "demo/demo_responses.h"
#include "demo/demo_surveys.h"
#include "demo/demo_users.h"

namespace ks::demo {
namespace {

using db::AsInt;
using db::AsOptionalInt;
using db::AsText;

Micros Now() {
  static const Micros now = *ParseRfc3339("2026-11-02T10:00:00Z");
  return now;
}

struct Plan {
  std::int64_t id = 0;
  std::string title, status, decision, reason;
  std::optional<std::int64_t> decided_at, decided_by, done_at, event_id, unit_id;
  Micros created_at = 0, updated_at = 0;
};

class DemoActionsTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  // A small demo, loaded as `klantstem demo` loads it; the action history's summary.
  static Result<DemoActionsSummary> LoadSmallDemo(db::Connection& c, std::uint64_t seed) {
    KS_RETURN_IF_ERROR(LoadDemo(c, {150, 3000, seed, Now()}, [](std::string_view) {}));
    KS_RETURN_IF_ERROR(LoadDemoUsers(c, "not-a-hash", Now()));
    KS_RETURN_IF_ERROR(LoadDemoSurveys(c, Now()));
    KS_RETURN_IF_ERROR(LoadDemoResponses(c, seed, Now()));
    KS_RETURN_IF_ERROR(LoadDemoCases(c, seed, Now()));
    return LoadDemoActions(c, seed, Now());
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

  db::Rows Query(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto rows = c_->Query(sql, params);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.error().ToString();
    return rows.ok() ? *rows : db::Rows{};
  }

  std::vector<Plan> Plans() {
    std::vector<Plan> out;
    for (const auto& r : Query("SELECT id, title, status, COALESCE(decision, ''), COALESCE(decision_reason, ''), "
                               "decided_at, decided_by, done_at, event_id, unit_id, created_at, updated_at "
                               "FROM actions ORDER BY id")
                             .rows) {
      out.push_back({AsInt(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3]), AsText(r[4]), AsOptionalInt(r[5]),
                     AsOptionalInt(r[6]), AsOptionalInt(r[7]), AsOptionalInt(r[8]), AsOptionalInt(r[9]), AsInt(r[10]),
                     AsInt(r[11])});
    }
    return out;
  }

  // Every plan with its items, timeline, messages, triage and themes, for comparing two loads.
  static std::string Dump(db::Connection& c) {
    std::string out;
    for (const char* sql :
         {"SELECT a.title, a.status, a.decision, a.decision_reason, a.decided_at, a.done_at, a.owner_user_id, "
          "a.unit_id, a.due_date, a.created_at, a.updated_at, e.title, e.happened_at FROM actions a "
          "LEFT JOIN events e ON e.id = a.event_id ORDER BY a.id",
          "SELECT a.title, i.feedback_id, i.linked_at FROM action_items i JOIN actions a ON a.id = i.action_id "
          "ORDER BY i.feedback_id",
          "SELECT a.title, e.kind, e.user_id, e.detail, e.at FROM action_events e JOIN actions a ON a.id = "
          "e.action_id ORDER BY e.id",
          "SELECT a.title, m.feedback_id, m.milestone, m.decision, m.how, m.user_id, m.created_at, m.informed_at "
          "FROM action_messages m JOIN actions a ON a.id = m.action_id ORDER BY a.id, m.feedback_id, m.milestone, "
          "m.decision",
          "SELECT feedback_id, outcome, reason, merged_into, user_id, at FROM feedback_triage ORDER BY feedback_id",
          "SELECT feedback_id, theme FROM feedback_themes ORDER BY feedback_id, theme",
          "SELECT id, attributes FROM feedback WHERE source = 'employee' ORDER BY id"}) {
      auto rows = c.Query(sql);
      EXPECT_TRUE(rows.ok()) << rows.error().ToString();
      if (!rows.ok()) return out;
      for (const auto& r : rows->rows) {
        for (const auto& v : r) out += (db::IsNull(v) ? "-" : AsText(v)) + "|";
        out += "\n";
      }
    }
    return out;
  }

  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  DemoActionsSummary summary_;
};

TEST_P(DemoActionsTest, PlansInEveryStatusWithEveryDecision) {
  const std::vector<Plan> plans = Plans();
  ASSERT_GE(plans.size(), 12U);
  ASSERT_LE(plans.size(), 20U);
  EXPECT_EQ(plans.size(), summary_.plans);
  std::map<std::string, int> statuses, decisions;
  std::set<std::int64_t> units;
  for (const Plan& p : plans) {
    SCOPED_TRACE(p.title);
    ++statuses[p.status];
    if (p.unit_id) units.insert(*p.unit_id);
    const auto items = Query("SELECT COUNT(*) FROM action_items WHERE action_id = $1", {p.id});
    EXPECT_GE(AsInt(items.rows.at(0)[0]), 2);
    EXPECT_LE(AsInt(items.rows.at(0)[0]), 15);
    EXPECT_LT(p.created_at, Now());
    EXPECT_LT(p.updated_at, Now());
    EXPECT_GE(p.updated_at, p.created_at);
    if (p.status == "proposed") {
      EXPECT_EQ(p.decision, "");
      EXPECT_FALSE(p.decided_at || p.decided_by || p.done_at || p.event_id);
      continue;
    }
    // Decided: a decision with a reason customers can read, when and by whom.
    ++decisions[p.decision];
    EXPECT_FALSE(p.reason.empty());
    ASSERT_TRUE(p.decided_at && p.decided_by);
    EXPECT_GT(*p.decided_at, p.created_at);
    EXPECT_LT(*p.decided_at, Now());
    if (p.status == "in_progress" || p.status == "done") {
      EXPECT_EQ(p.decision, "do");
    }
    EXPECT_EQ(p.done_at.has_value(), p.status == "done");
    EXPECT_EQ(p.event_id.has_value(), p.status == "done");
    if (p.status != "done") continue;
    // Done: the analytics marker at its done time, in its unit.
    ASSERT_TRUE(p.event_id);
    const auto event = Query("SELECT title, happened_at, unit_id FROM events WHERE id = $1", {*p.event_id});
    ASSERT_EQ(event.size(), 1U);
    EXPECT_EQ(AsText(event.rows[0][0]), p.title);
    EXPECT_EQ(AsInt(event.rows[0][1]), *p.done_at);
    EXPECT_EQ(AsOptionalInt(event.rows[0][2]), p.unit_id);
    EXPECT_GT(*p.done_at, *p.decided_at);
  }
  for (const char* status : {"proposed", "decided", "in_progress", "done"}) {
    EXPECT_GE(statuses[status], 2) << status;
  }
  for (const char* decision : {"do", "not_now", "wont"}) {
    EXPECT_GE(decisions[decision], 2) << decision;
  }
  EXPECT_GE(units.size(), 8U);
  EXPECT_EQ(statuses["proposed"], static_cast<int>(summary_.proposed));
  EXPECT_EQ(statuses["done"], static_cast<int>(summary_.done));
}

TEST_P(DemoActionsTest, TimelinesInOrderAndItemsBeforeTheirDecision) {
  for (const Plan& p : Plans()) {
    SCOPED_TRACE(p.title);
    std::optional<Micros> first_decision;
    std::map<std::string, int> kinds;
    Micros previous = 0;
    const auto events =
        Query("SELECT kind, user_id, detail, at FROM action_events WHERE action_id = $1 ORDER BY id", {p.id});
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(AsText(events.rows[0][0]), "created");
    EXPECT_EQ(AsInt(events.rows[0][3]), p.created_at);
    for (const auto& r : events.rows) {
      const std::string kind = AsText(r[0]);
      const Micros at = AsInt(r[3]);
      const auto detail = nlohmann::json::parse(AsText(r[2]));
      ++kinds[kind];
      EXPECT_GE(at, previous) << kind;
      EXPECT_LT(at, Now()) << kind;
      EXPECT_TRUE(AsOptionalInt(r[1]).has_value()) << kind;  // by a person
      previous = at;
      if (kind == "decided") {
        if (!first_decision) first_decision = at;
        EXPECT_FALSE(detail.value("reason", "").empty());
        EXPECT_TRUE(detail.contains("told")) << detail.dump();
      }
      if (kind == "done") {
        EXPECT_EQ(at, p.done_at.value_or(0));
      }
      if (kind == "told") {
        EXPECT_TRUE(detail.contains("feedback_id") && detail.contains("milestone"));
      }
    }
    EXPECT_EQ(kinds["created"], 1);
    EXPECT_EQ(kinds["decided"] > 0, p.status != "proposed");
    EXPECT_EQ(kinds["started"], p.status == "in_progress" || p.status == "done" ? 1 : 0);
    EXPECT_EQ(kinds["done"], p.status == "done" ? 1 : 0);
    if (p.decided_at) {
      // The last decision is the plan's.
      const auto last = Query("SELECT MAX(at) FROM action_events WHERE action_id = $1 AND kind = 'decided'", {p.id});
      EXPECT_EQ(AsInt(last.rows.at(0)[0]), *p.decided_at);
    }

    // Every item was received, and linked, before the (first) decision on it.
    const auto items = Query(
        "SELECT f.received_at, i.linked_at, i.linked_by FROM action_items i "
        "JOIN feedback f ON f.id = i.feedback_id WHERE i.action_id = $1",
        {p.id});
    for (const auto& r : items.rows) {
      const Micros received = AsInt(r[0]), linked = AsInt(r[1]);
      EXPECT_LT(received, linked);
      EXPECT_GE(linked, p.created_at);
      EXPECT_LT(linked, Now());
      EXPECT_TRUE(AsOptionalInt(r[2]).has_value());
      if (first_decision) {
        EXPECT_LT(received, *first_decision);
        EXPECT_LE(linked, *first_decision);
      }
    }
  }
}

TEST_P(DemoActionsTest, CustomersToldByTheRules) {
  EXPECT_EQ(AsInt(Query("SELECT COUNT(*) FROM outbox").rows.at(0)[0]), 0);  // no mail for the history
  std::map<std::string, size_t> how_counts;
  size_t informed_colleagues = 0, open_colleagues = 0;
  for (const Plan& p : Plans()) {
    SCOPED_TRACE(p.title);
    const auto items = Query(
        "SELECT f.id, f.source, f.customer_id, f.reported_by, f.attributes, COALESCE(cu.consent_contact, 0), "
        "COALESCE(cu.email, '') FROM action_items i JOIN feedback f ON f.id = i.feedback_id "
        "LEFT JOIN customers cu ON cu.id = f.customer_id WHERE i.action_id = $1 ORDER BY f.id",
        {p.id});
    const auto messages = Query(
        "SELECT feedback_id, milestone, decision, how, user_id, created_at, informed_at "
        "FROM action_messages WHERE action_id = $1",
        {p.id});
    if (p.status == "proposed") {
      EXPECT_TRUE(messages.empty());
      continue;
    }
    // One per item for each decision told, and one per item when done.
    std::map<std::int64_t, std::vector<const std::vector<db::Value>*>> by_item;
    for (const auto& m : messages.rows) by_item[AsInt(m[0])].push_back(&m);
    const auto decisions =
        Query("SELECT detail, at FROM action_events WHERE action_id = $1 AND kind = 'decided' ORDER BY id", {p.id});
    const size_t expected = decisions.size() + (p.status == "done" ? 1 : 0);
    for (const auto& item : items.rows) {
      const std::int64_t id = AsInt(item[0]);
      SCOPED_TRACE("item " + std::to_string(id));
      const auto attributes = nlohmann::json::parse(AsText(item[4]));
      const bool employee_consent = AsText(item[1]) == "employee" && attributes.value("contact_consent", "") == "yes";
      const bool may_contact = AsInt(item[5]) != 0 || employee_consent;
      std::string how = "nobody";
      if (may_contact && AsOptionalInt(item[2]) && !AsText(item[6]).empty()) {
        how = "mail";
      } else if (employee_consent && AsOptionalInt(item[3])) {
        how = "colleague";
      }
      if (AsText(item[1]) == "employee") {
        EXPECT_TRUE(attributes.contains("contact_consent"));
      }
      ASSERT_EQ(by_item[id].size(), expected);
      for (const auto* m : by_item[id]) {
        const auto& r = *m;
        EXPECT_EQ(AsText(r[3]), how);
        ++how_counts[how];
        const Micros created = AsInt(r[5]);
        const std::optional<Micros> informed = AsOptionalInt(r[6]);
        if (AsText(r[1]) == "done") {
          EXPECT_EQ(created, p.done_at.value_or(0));
          EXPECT_EQ(AsText(r[2]), "do");
        } else {
          // Told when that decision was taken.
          bool found = false;
          for (const auto& d : decisions.rows) {
            const auto detail = nlohmann::json::parse(AsText(d[0]));
            found = found || (AsInt(d[1]) == created && detail.value("decision", "") == AsText(r[2]));
          }
          EXPECT_TRUE(found);
        }
        if (how == "mail") {
          EXPECT_EQ(informed, created);
          EXPECT_FALSE(AsOptionalInt(r[4]).has_value());
        } else if (how == "colleague") {
          EXPECT_EQ(AsOptionalInt(r[4]), AsOptionalInt(item[3]));
          if (informed) {
            EXPECT_GT(*informed, created);
            EXPECT_LT(*informed, Now());
            ++informed_colleagues;
          } else {
            ++open_colleagues;
          }
        } else {
          EXPECT_FALSE(informed.has_value());
          EXPECT_FALSE(AsOptionalInt(r[4]).has_value());
        }
      }
    }
  }
  EXPECT_GT(how_counts["mail"], 0U);
  EXPECT_GT(how_counts["nobody"], 0U);
  EXPECT_GT(how_counts["colleague"], 0U);
  EXPECT_GT(informed_colleagues, 0U);
  EXPECT_EQ(how_counts["mail"], summary_.mails);
  EXPECT_EQ(how_counts["colleague"], summary_.colleague);
  EXPECT_EQ(how_counts["nobody"], summary_.nobody);
  EXPECT_EQ(informed_colleagues + open_colleagues, summary_.colleague);
}

TEST_P(DemoActionsTest, TriageThemesAndLeadTimesPerUnit) {
  // Linked items are triaged as linked, at their link time; others closed with a reason or merged.
  EXPECT_EQ(AsInt(Query("SELECT COUNT(*) FROM action_items i LEFT JOIN feedback_triage t ON t.feedback_id = "
                        "i.feedback_id AND t.outcome = 'linked' AND t.at = i.linked_at WHERE t.feedback_id IS NULL")
                      .rows.at(0)[0]),
            0);
  EXPECT_EQ(AsInt(Query("SELECT COUNT(*) FROM feedback_triage WHERE outcome = 'linked'").rows.at(0)[0]),
            static_cast<std::int64_t>(summary_.linked));
  const auto closed = Query(
      "SELECT COALESCE(t.reason, ''), t.at, f.received_at FROM feedback_triage t "
      "JOIN feedback f ON f.id = t.feedback_id WHERE t.outcome = 'closed'");
  EXPECT_EQ(closed.size(), summary_.closed);
  EXPECT_GT(closed.size(), 20U);
  for (const auto& r : closed.rows) {
    EXPECT_FALSE(AsText(r[0]).empty());
    EXPECT_GT(AsInt(r[1]), AsInt(r[2]));
    EXPECT_LT(AsInt(r[1]), Now());
  }
  const auto merged = Query(
      "SELECT t.merged_into, k.outcome, f.customer_id, o.customer_id, t.at, f.received_at "
      "FROM feedback_triage t JOIN feedback f ON f.id = t.feedback_id "
      "JOIN feedback o ON o.id = t.merged_into "
      "LEFT JOIN feedback_triage k ON k.feedback_id = t.merged_into WHERE t.outcome = 'merged'");
  EXPECT_EQ(merged.size(), summary_.merged);
  EXPECT_GT(merged.size(), 0U);
  for (const auto& r : merged.rows) {
    EXPECT_EQ(AsText(r[1]), "linked");                    // into an item linked to a plan, never into a duplicate
    EXPECT_EQ(AsOptionalInt(r[2]), AsOptionalInt(r[3]));  // the same customer said it again
    EXPECT_GT(AsInt(r[4]), AsInt(r[5]));
  }
  EXPECT_EQ(AsInt(Query("SELECT COUNT(*) FROM feedback_themes").rows.at(0)[0]),
            static_cast<std::int64_t>(summary_.themes));
  EXPECT_GT(AsInt(Query("SELECT COUNT(*) FROM feedback_themes th JOIN action_items i ON i.feedback_id = "
                        "th.feedback_id")
                      .rows.at(0)[0]),
            0);
  EXPECT_GT(AsInt(Query("SELECT COUNT(*) FROM feedback_themes th WHERE NOT EXISTS (SELECT 1 FROM feedback_triage "
                        "t WHERE t.feedback_id = th.feedback_id)")
                      .rows.at(0)[0]),
            0);  // some items still in the queue are tagged

  // Some units decide within days, others take weeks.
  auto items = actions::LoadLeadTimeItems(*c_, Now() - kDemoActionHistory, Now());
  ASSERT_TRUE(items.ok()) << items.error().ToString();
  auto zone = TimeZone::Find("Europe/Amsterdam");
  ASSERT_TRUE(zone.ok());
  const actions::LeadTimes by_unit = actions::ComputeLeadTimes(*items, actions::LeadTimeGrouping::kUnit, *zone);
  std::vector<double> medians;
  for (const auto& g : by_unit.groups) {
    if (g.decided >= 5 && g.to_decision.median_days) medians.push_back(*g.to_decision.median_days);
  }
  ASSERT_GE(medians.size(), 4U);
  EXPECT_GT(*std::max_element(medians.begin(), medians.end()), 3 * *std::min_element(medians.begin(), medians.end()));
  EXPECT_GT(by_unit.total.informed, 0);
}

TEST_P(DemoActionsTest, SameSeedSameHistoryAndASecondRunAddsNothing) {
  const std::string first = Dump(*c_);
  ASSERT_FALSE(first.empty());

  auto again = LoadDemoActions(*c_, 42, Now());
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->plans, 0U);
  EXPECT_EQ(Dump(*c_), first);

  auto other = db::TestDatabase::CreateMigrated(GetParam());
  ASSERT_TRUE(other.ok()) << other.error().ToString();
  auto summary = LoadSmallDemo(*other->connection, 42);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(Dump(*other->connection), first);
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoActionsTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::demo
