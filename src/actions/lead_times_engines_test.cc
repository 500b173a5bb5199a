// Reading the lead-time rows (lead_times.h) from a real database, on SQLite and on the PostgreSQL of the
// `postgres` fixture: the population (text, not merged, in the period), the action's decision and the
// triage close, and the informed time of the 'decided' messages — rows inserted with plain SQL.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "actions/lead_times.h"
#include "base/time.h"
#include "db/test_database.h"

namespace ks::actions {
namespace {

constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;

Micros At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : 0;
}

const Micros kFrom = At("2026-03-01T00:00:00+01:00");
const Micros kTo = At("2026-04-01T00:00:00+02:00");
const Micros kT = At("2026-03-10T09:00:00Z");

class LeadTimesEnginesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    Exec("INSERT INTO units (code, name, kind, created_at) VALUES ('north', 'North', 'region', 0)");
    Exec("INSERT INTO units (code, name, kind, created_at) VALUES ('south', 'South', 'region', 0)");
  }

  void TearDown() override {
    c_.reset();
    database_.reset();
  }

  void Exec(const std::string& sql, const std::vector<db::Value>& params = {}) { db::ExpectExec(*c_, sql, params); }

  std::int64_t Int(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return db::QueryInt(*c_, sql, params);
  }

  // A feedback item of `unit` (empty: none) with `text` (nullopt: NULL).
  std::int64_t Feedback(const std::string& unit, const std::optional<std::string>& text, Micros received_at) {
    return Int(
        "INSERT INTO feedback (source, channel, unit_id, text, received_at, created_at) "
        "VALUES ('survey', 'web', (SELECT id FROM units WHERE code = $1), $2, $3, $4) RETURNING id",
        {unit, text ? db::Value(*text) : db::Value(nullptr), received_at, received_at});
  }

  // An action plan: proposed without `decided_at`, else decided ('not_now' — any decision counts).
  std::int64_t Action(std::optional<Micros> decided_at) {
    if (!decided_at) {
      return Int("INSERT INTO actions (title, created_at, updated_at) VALUES ('Plan', 0, 0) RETURNING id");
    }
    return Int(
        "INSERT INTO actions (title, status, decision, decision_reason, decided_at, created_at, updated_at) "
        "VALUES ('Plan', 'decided', 'not_now', 'Next year', $1, 0, 0) RETURNING id",
        {*decided_at});
  }

  void Link(std::int64_t feedback, std::int64_t action, Micros linked_at = 0) {
    Exec("INSERT INTO action_items (feedback_id, action_id, linked_at) VALUES ($1, $2, $3)",
         {feedback, action, linked_at});
  }

  // What `feedback`'s customer was told of `decision` at `milestone`.
  void Message(std::int64_t action, std::int64_t feedback, const std::string& milestone, const std::string& how,
               std::optional<Micros> informed_at, const std::string& decision = "not_now") {
    Exec(
        "INSERT INTO action_messages (action_id, feedback_id, milestone, decision, how, created_at, informed_at) "
        "VALUES ($1, $2, $3, $4, $5, 0, $6)",
        {action, feedback, milestone, decision, how, informed_at ? db::Value(*informed_at) : db::Value(nullptr)});
  }

  void Triage(std::int64_t feedback, const std::string& outcome, Micros at,
              std::optional<std::int64_t> merged_into = std::nullopt) {
    Exec("INSERT INTO feedback_triage (feedback_id, outcome, reason, merged_into, at) VALUES ($1, $2, 'why', $3, $4)",
         {feedback, outcome, merged_into ? db::Value(*merged_into) : db::Value(nullptr), at});
  }

  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
};

TEST_P(LeadTimesEnginesTest, ReadsThePopulationWithItsDecisionAndInformedTimes) {
  const std::int64_t decided = Action(kT + 2 * kDay);
  const std::int64_t proposed = Action(std::nullopt);

  // In the population.
  const std::int64_t told = Feedback("north", "Slow delivery", kT);
  Link(told, decided);
  Message(decided, told, "decided", "mail", kT + 2 * kDay + kHour);
  Message(decided, told, "done", "mail", kT + 9 * kDay);
  const std::int64_t waiting = Feedback("north", "Wrong size", kT + kHour);
  Link(waiting, proposed);
  const std::int64_t closed = Feedback("south", "Bring back the old menu", kT + 2 * kHour);
  Triage(closed, "closed", kT + kDay);
  const std::int64_t nobody = Feedback("", "No parking", kT + 3 * kHour);
  Link(nobody, decided);
  Message(decided, nobody, "decided", "nobody", std::nullopt);
  Message(decided, nobody, "done", "mail", kT + 9 * kDay);  // only the decision's message counts
  const std::int64_t linked_in_triage = Feedback("south", "Queue at the till", kT + 4 * kHour);
  Triage(linked_in_triage, "linked", kT + 5 * kHour);
  Link(linked_in_triage, decided);
  const std::int64_t colleague_untold = Feedback("south", "Friendly staff", kT + 5 * kHour);
  Link(colleague_untold, decided);
  Message(decided, colleague_untold, "decided", "colleague", std::nullopt);
  const std::int64_t first_instant = Feedback("north", "First", kFrom);

  // Not in it.
  const std::int64_t duplicate = Feedback("south", "Bring back the old menu!", kT + 6 * kHour);
  Triage(duplicate, "merged", kT + kDay, closed);
  Feedback("north", std::nullopt, kT);        // a score without words
  Feedback("north", "", kT);                  // empty
  Feedback("north", "   ", kT);               // only spaces
  Feedback("north", "Too early", kFrom - 1);  // before the period
  Feedback("north", "Too late", kTo);         // the end is exclusive

  auto items = LoadLeadTimeItems(*c_, kFrom, kTo);
  ASSERT_TRUE(items.ok()) << items.error().ToString();
  struct Expected {
    std::string unit;
    Micros received_at;
    std::optional<Micros> action_decided_at, triage_closed_at, informed_at;
  };
  const std::map<std::int64_t, Expected> expected = {
      {told, {"north", kT, kT + 2 * kDay, std::nullopt, kT + 2 * kDay + kHour}},
      {waiting, {"north", kT + kHour, std::nullopt, std::nullopt, std::nullopt}},
      {closed, {"south", kT + 2 * kHour, std::nullopt, kT + kDay, std::nullopt}},
      {nobody, {"", kT + 3 * kHour, kT + 2 * kDay, std::nullopt, std::nullopt}},
      {linked_in_triage, {"south", kT + 4 * kHour, kT + 2 * kDay, std::nullopt, std::nullopt}},
      {colleague_untold, {"south", kT + 5 * kHour, kT + 2 * kDay, std::nullopt, std::nullopt}},
      {first_instant, {"north", kFrom, std::nullopt, std::nullopt, std::nullopt}},
  };
  ASSERT_EQ(items->size(), expected.size());
  std::int64_t previous = 0;
  for (const LeadTimeItem& item : *items) {
    EXPECT_GT(item.feedback_id, previous) << "ordered by id";
    previous = item.feedback_id;
    auto e = expected.find(item.feedback_id);
    ASSERT_NE(e, expected.end()) << "item " << item.feedback_id << " is not in the population";
    EXPECT_EQ(item.unit, e->second.unit) << item.feedback_id;
    EXPECT_EQ(item.received_at, e->second.received_at) << item.feedback_id;
    EXPECT_EQ(item.action_decided_at, e->second.action_decided_at) << item.feedback_id;
    EXPECT_EQ(item.triage_closed_at, e->second.triage_closed_at) << item.feedback_id;
    EXPECT_EQ(item.informed_at, e->second.informed_at) << item.feedback_id;
  }

  // And the computation over them, per unit.
  auto zone = TimeZone::Find("Europe/Amsterdam");
  ASSERT_TRUE(zone.ok());
  const LeadTimes t = ComputeLeadTimes(*items, LeadTimeGrouping::kUnit, *zone);
  EXPECT_EQ(t.total.items, 7);
  EXPECT_EQ(t.total.decided, 5);
  EXPECT_EQ(t.total.informed, 1);
  ASSERT_EQ(t.groups.size(), 3U);
  EXPECT_EQ(t.groups[1].key, "north");
  EXPECT_EQ(t.groups[1].items, 3);
  EXPECT_EQ(t.groups[2].key, "south");
  EXPECT_EQ(t.groups[2].decided, 3);
}

TEST_P(LeadTimesEnginesTest, TheEarliestDecisionToldCountsAndAClosedItemKeepsItsCloseTime) {
  const std::int64_t decided = Action(kT + 3 * kDay);
  const std::int64_t item = Feedback("north", "Closed, then linked to a plan", kT);
  Triage(item, "closed", kT + kDay);
  Link(item, decided);
  // Told "not now" first, then — the decision changed to "do" — told again.
  Message(decided, item, "decided", "mail", kT + 6 * kDay, "do");
  Message(decided, item, "decided", "colleague", kT + 5 * kDay, "not_now");

  auto items = LoadLeadTimeItems(*c_, kFrom, kTo);
  ASSERT_TRUE(items.ok()) << items.error().ToString();
  ASSERT_EQ(items->size(), 1U);
  EXPECT_EQ((*items)[0].action_decided_at, kT + 3 * kDay);
  EXPECT_EQ((*items)[0].triage_closed_at, kT + kDay);
  EXPECT_EQ(DecisionTime((*items)[0]), kT + kDay);
  EXPECT_EQ((*items)[0].informed_at, kT + 5 * kDay);
}

TEST_P(LeadTimesEnginesTest, AChangedDecisionKeepsTheFirstAndALateLinkHasItsDecisionFromThen) {
  // Decided "not now" on day 2 (its event), changed to "do" on day 20 (the plan's decided_at now).
  const std::int64_t plan = Action(kT + 20 * kDay);
  Exec(
      "INSERT INTO action_events (action_id, kind, detail, at) VALUES ($1, 'decided', '{}', $2), "
      "($1, 'decided', '{}', $3)",
      {plan, kT + 2 * kDay, kT + 20 * kDay});
  const std::int64_t early = Feedback("north", "Early", kT);
  Link(early, plan, kT + kHour);
  const std::int64_t late = Feedback("north", "Late", kT + 5 * kDay);
  Link(late, plan, kT + 6 * kDay);  // linked after the first decision
  auto items = LoadLeadTimeItems(*c_, kFrom, kTo);
  ASSERT_TRUE(items.ok()) << items.error().ToString();
  std::map<std::int64_t, std::optional<Micros>> decided;
  for (const auto& item : *items) decided[item.feedback_id] = item.action_decided_at;
  EXPECT_EQ(decided[early], kT + 2 * kDay);
  EXPECT_EQ(decided[late], kT + 6 * kDay);
}

TEST_P(LeadTimesEnginesTest, AnEmptyPeriodReadsNoRows) {
  Feedback("north", "Outside", kTo + kDay);
  auto items = LoadLeadTimeItems(*c_, kFrom, kTo);
  ASSERT_TRUE(items.ok()) << items.error().ToString();
  EXPECT_TRUE(items->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, LeadTimesEnginesTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::actions
