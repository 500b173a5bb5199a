// Executive callbacks in the database, on both engines: the weekly plan gives the most unhappy customers
// (who agreed to be contacted) to the executives within their quotas and keeps the rest visible as
// "could not be given to anyone"; planning again changes nothing unless someone new qualified or a quota
// was raised; next week a customer goes back to the executive who called them; recording a call keeps its
// rules and lands on the case's timeline; the report counts per executive and shows what they heard,
// newest first; and the client seat lists the unhappiest words of the period, newest first, in pages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "base/time.h"
#include "cases/callback_store.h"
#include "cases/case_store.h"
#include "cases/rule_runner.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "db/test_database.h"
#include "feedback/feedback_store.h"

namespace ks::cases {
namespace {

constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;

Micros At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : 0;
}

TimeZone Amsterdam() {
  auto zone = TimeZone::Find("Europe/Amsterdam");
  EXPECT_TRUE(zone.ok());
  return *zone;
}

class CallbackEnginesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  // Monday 30 November 2026, 10:00 in Amsterdam: the start of ISO week 49.
  CallbackEnginesTest() : clock_(At("2026-11-30T09:00:00Z")), zone_(Amsterdam()) {}

  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    pool_ = std::make_unique<db::ConnectionPool>(database_->database(), 4);
    writer_ = std::make_unique<db::GroupCommitWriter>(database_->database());
    Exec("INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('north', 'North', 'region', NULL, 0)");
    // Eva has the lower id, so she gets the first of equals.
    AddUser("eva@example.com", "Eva", "executive");
    AddUser("evert@example.com", "Evert", "executive");
    AddUser("ada@example.com", "Ada", "admin");
    AddUser("cor@example.com", "Cor", "coordinator");
    AddUser("noor@example.com", "Noor", "manager");
  }

  void TearDown() override {
    writer_.reset();
    pool_.reset();
    c_.reset();
  }

  void Exec(const std::string& sql, const std::vector<db::Value>& params = {}) { db::ExpectExec(*c_, sql, params); }

  std::int64_t Int(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return db::QueryInt(*c_, sql, params);
  }

  void AddUser(const std::string& email, const std::string& name, const std::string& role) {
    Exec(
        "INSERT INTO users (email, name, language, unit_id, role, created_at, updated_at) "
        "VALUES ($1, $2, 'nl', (SELECT id FROM units WHERE code = 'north'), $3, 0, 0)",
        {email, name, role});
  }

  std::int64_t UserId(const std::string& email) { return Int("SELECT id FROM users WHERE email = $1", {email}); }
  std::int64_t Eva() { return UserId("eva@example.com"); }
  std::int64_t Evert() { return UserId("evert@example.com"); }
  Actor As(const std::string& email, Role role) { return Actor{UserId(email), role, {}, false}; }

  // A customer who agreed to be contacted (or not).
  void AddCustomer(const std::string& ref, bool consent = true) {
    Exec(
        "INSERT INTO customers (external_ref, name, email, phone, language, consent_contact, created_at, updated_at) "
        "VALUES ($1, $2, $3, '+31 6 1234 5678', 'nl', $4, 0, 0)",
        {ref, "Klant " + ref, ref + "@example.nl", std::int64_t{consent}});
  }

  // Stores an item the way ingestion does (its trigger writes the rules job).
  std::int64_t Store(const std::string& customer, std::optional<Score> score, const std::string& text = "",
                     const std::string& source = "survey", std::optional<Micros> received_at = std::nullopt,
                     const std::string& brand = "own") {
    FeedbackInput in;
    in.source = source;
    in.channel = "web";
    in.unit = "north";
    in.brand = brand;
    in.score = score;
    in.text = text;
    in.received_at = received_at.value_or(clock_.Now());
    if (!customer.empty()) in.customer = CustomerRef{customer, {}, {}, {}, {}};
    std::optional<text::TextAnalysis> analysis;
    if (!text.empty()) analysis = analyzer_.Analyze(text, "nl");
    auto written = writer_->Write(InsertFeedbackStatements(in, analysis ? &*analysis : nullptr, 0, clock_.Now()));
    EXPECT_TRUE(written.ok()) << written.error().ToString();
    return written.ok() ? db::AsInt(written->back().rows.at(0)[0]) : 0;
  }

  std::int64_t Nps(const std::string& customer, int value, const std::string& text = "") {
    return Store(customer, Score{Scale::kNps, value}, text);
  }

  void RunRules() {
    RuleRunnerOptions options;
    auto stats = RunRulesOnce(*pool_, *writer_, clock_, options);
    ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  }

  std::int64_t CaseIdOf(std::int64_t feedback_id) {
    auto id = CaseOfFeedback(*c_, feedback_id);
    EXPECT_TRUE(id.ok() && id->has_value()) << "item " << feedback_id << " is in no case";
    return id.ok() && id->has_value() ? **id : 0;
  }

  WeekPlan Plan() {
    auto plan = PlanWeek(*c_, clock_.Now(), zone_);
    EXPECT_TRUE(plan.ok()) << plan.error().ToString();
    return plan.ok() ? *plan : WeekPlan{};
  }

  void SetQuota(std::int64_t executive, int quota) {
    auto set = SetWeeklyQuota(*c_, executive, quota, std::nullopt, clock_.Now());
    ASSERT_TRUE(set.ok()) << set.error().ToString();
  }

  // customer ref → executive name ("" when nobody could take them).
  static std::map<std::string, std::string> WhoCallsWhom(const WeekPlan& plan) {
    std::map<std::string, std::string> out;
    for (const auto& a : plan.assignments) out[a.customer_ref] = a.executive_id ? a.executive_name : "";
    return out;
  }

  static const CallbackAssignment& Of(const WeekPlan& plan, const std::string& customer) {
    for (const auto& a : plan.assignments) {
      if (a.customer_ref == customer) return a;
    }
    ADD_FAILURE() << customer << " is not in the plan";
    static const CallbackAssignment none;
    return none;
  }

  Result<CallbackAssignment> Record(const CallbackAssignment& a, const Actor& actor, CallOutcome outcome,
                                    const std::string& heard) {
    return RecordCallback(*c_, a.id, actor, outcome, heard, clock_.Now());
  }

  ManualClock clock_;
  TimeZone zone_;
  text::TextAnalyzer analyzer_;
  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<db::GroupCommitWriter> writer_;
};

TEST_P(CallbackEnginesTest, TheWorstCustomersGoToTheExecutivesWithinTheirQuotasAndTheRestStaysVisible) {
  SetQuota(Eva(), 1);
  SetQuota(Evert(), 1);
  for (const char* ref : {"c1", "c2", "c3", "c4", "c5"}) AddCustomer(ref);
  AddCustomer("c9", false);
  Nps("c1", 0, "Nooit meer.");
  Nps("c2", 3);
  Nps("c3", 2);
  Nps("c4", 5);                                                     // unhappy, but not among the worst
  Store("c5", std::nullopt, "Mijn pakket is kapot.", "complaint");  // a normal case without a score
  Nps("c9", 0);                                                     // did not agree to be contacted
  Nps("", 0);                                                       // anonymous: nobody to call
  RunRules();

  const WeekPlan plan = Plan();
  EXPECT_EQ(plan.week.iso_year, 2026);
  EXPECT_EQ(plan.week.iso_week, 49);
  EXPECT_EQ(plan.planned_at, clock_.Now());
  EXPECT_EQ(plan.added, 3);
  EXPECT_EQ(WhoCallsWhom(plan), (std::map<std::string, std::string>{{"c1", "Eva"}, {"c3", "Evert"}, {"c2", ""}}));
  EXPECT_EQ(plan.unassigned, 1);
  const CallbackAssignment& c1 = Of(plan, "c1");
  EXPECT_EQ(c1.text, "Nooit meer.");
  ASSERT_TRUE(c1.score.has_value());
  EXPECT_EQ(c1.score->value, 0);
  EXPECT_EQ(c1.case_priority, Priority::kCritical);
  EXPECT_EQ(c1.customer_phone, "+31 6 1234 5678");
  EXPECT_EQ(c1.status, "open");
  EXPECT_EQ(c1.position, 0);
  EXPECT_FALSE(c1.continuity);
  EXPECT_EQ(Of(plan, "c2").status, "unassigned");
  // One executive's list.
  auto evas = ListAssignments(*c_, plan.week, Eva());
  ASSERT_TRUE(evas.ok());
  ASSERT_EQ(evas->size(), 1u);
  EXPECT_EQ(evas->front().customer_ref, "c1");
}

TEST_P(CallbackEnginesTest, ACriticalCaseWithoutAScoreQualifies) {
  AddCustomer("c1");
  const auto id = Store("c1", std::nullopt, "Ik stap naar de geschillencommissie.", "letter");
  RunRules();
  Exec("UPDATE cases SET priority = 'critical' WHERE id = $1", {CaseIdOf(id)});
  const WeekPlan plan = Plan();
  ASSERT_EQ(plan.assignments.size(), 1u);
  EXPECT_FALSE(plan.assignments[0].score.has_value());
  EXPECT_EQ(plan.assignments[0].case_id, CaseIdOf(id));
}

TEST_P(CallbackEnginesTest, PlanningTwiceGivesTheSamePlanAndSomeoneNewTopsItUp) {
  for (const char* ref : {"c1", "c2", "c3"}) AddCustomer(ref);
  Nps("c1", 1);
  Nps("c2", 2);
  RunRules();
  const WeekPlan first = Plan();
  EXPECT_EQ(WhoCallsWhom(first), (std::map<std::string, std::string>{{"c1", "Eva"}, {"c2", "Evert"}}));
  const std::int64_t updated = Int("SELECT updated_at FROM callback_plans");

  clock_.Advance(kHour);
  const WeekPlan again = Plan();
  EXPECT_EQ(again.added, 0);
  ASSERT_EQ(again.assignments.size(), first.assignments.size());
  for (size_t i = 0; i < first.assignments.size(); ++i) {
    EXPECT_EQ(again.assignments[i].id, first.assignments[i].id);
    EXPECT_EQ(again.assignments[i].executive_id, first.assignments[i].executive_id);
  }
  EXPECT_EQ(Int("SELECT updated_at FROM callback_plans"), updated) << "nothing new: nothing written";
  EXPECT_EQ(Int("SELECT COUNT(*) FROM callback_plans"), 1);

  // On Tuesday another customer qualifies: they are added; the others keep their places.
  clock_.Advance(kDay);
  Nps("c3", 0);
  RunRules();
  const WeekPlan topped = Plan();
  EXPECT_EQ(topped.added, 1);
  EXPECT_EQ(topped.planned_at, first.planned_at);
  EXPECT_EQ(WhoCallsWhom(topped), (std::map<std::string, std::string>{{"c1", "Eva"}, {"c2", "Evert"}, {"c3", "Eva"}}));
  EXPECT_EQ(Of(topped, "c1").id, Of(first, "c1").id);
  EXPECT_EQ(Of(topped, "c3").position, 1);  // after c1 on Eva's list
}

TEST_P(CallbackEnginesTest, AQuotaRaisedDuringTheWeekGivesTheCustomersWhoWereWaiting) {
  SetQuota(Eva(), 1);
  SetQuota(Evert(), 0);  // away
  for (const char* ref : {"c1", "c2", "c3"}) AddCustomer(ref);
  Nps("c1", 0);
  Nps("c2", 1);
  Nps("c3", 2);
  RunRules();
  WeekPlan plan = Plan();
  EXPECT_EQ(WhoCallsWhom(plan), (std::map<std::string, std::string>{{"c1", "Eva"}, {"c2", ""}, {"c3", ""}}));
  EXPECT_EQ(plan.unassigned, 2);
  EXPECT_EQ(Plan().added, 0);  // still full: nothing to do
  SetQuota(Evert(), 1);
  plan = Plan();
  EXPECT_EQ(WhoCallsWhom(plan), (std::map<std::string, std::string>{{"c1", "Eva"}, {"c2", "Evert"}, {"c3", ""}}));
  EXPECT_EQ(plan.unassigned, 1);
}

TEST_P(CallbackEnginesTest, NextWeekACustomerGoesBackToTheExecutiveWhoCalledThem) {
  for (const char* ref : {"c1", "c2", "c3", "c4"}) AddCustomer(ref);
  const auto first_c1 = Nps("c1", 0);
  Nps("c2", 1);
  Nps("c4", 3);
  RunRules();
  const WeekPlan week1 = Plan();
  EXPECT_EQ(WhoCallsWhom(week1), (std::map<std::string, std::string>{{"c1", "Eva"}, {"c2", "Evert"}, {"c4", "Eva"}}));
  const Actor eva = As("eva@example.com", Role::kExecutive);
  const Actor evert = As("evert@example.com", Role::kExecutive);
  ASSERT_TRUE(Record(Of(week1, "c1"), eva, CallOutcome::kReached, "Boos over de levering.").ok());
  ASSERT_TRUE(Record(Of(week1, "c2"), evert, CallOutcome::kNoAnswer, "").ok());
  // c2 was not reached and c4 never called: their (still open) cases are offered again.

  // Tuesday of the next week: c1 and c2 are unhappy again (new cases: past the join window), c3 is new.
  clock_.Advance(8 * kDay);
  const auto second_c1 = Nps("c1", 2);
  Nps("c2", 3);
  Nps("c3", 1);
  RunRules();
  const WeekPlan week2 = Plan();
  EXPECT_EQ(week2.week.iso_week, 50);
  const auto who = WhoCallsWhom(week2);
  EXPECT_EQ(who.at("c1"), "Eva");
  EXPECT_EQ(who.at("c2"), "Evert");
  EXPECT_TRUE(Of(week2, "c1").continuity);
  EXPECT_TRUE(Of(week2, "c2").continuity);
  EXPECT_FALSE(Of(week2, "c3").continuity);
  EXPECT_EQ(Of(week2, "c1").case_id, CaseIdOf(second_c1));
  // The case Eva already called about is not offered again.
  EXPECT_NE(CaseIdOf(first_c1), CaseIdOf(second_c1));
  EXPECT_TRUE(Of(week2, "c1").other_case_ids.empty());
  EXPECT_EQ(Of(week2, "c4").case_id, Of(week1, "c4").case_id);
  EXPECT_EQ(Of(week2, "c2").case_id, Of(week1, "c2").case_id);  // the more severe of their two cases
  EXPECT_EQ(Of(week2, "c2").other_case_ids.size(), 1u);
  // Fair rotation over both weeks: Eva had 2 and Evert 1 in week 1, so the new customers go to Evert first.
  EXPECT_EQ(who.at("c3"), "Evert");
  // Last week's list is kept as it was.
  auto kept = ListAssignments(*c_, week1.week);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->size(), 3u);
}

TEST_P(CallbackEnginesTest, RecordingACallKeepsItsRulesAndLandsOnTheCaseTimeline) {
  for (const char* ref : {"c1", "c2"}) AddCustomer(ref);
  Nps("c1", 0, "Drie keer gebeld, niemand belde terug.");
  Nps("c2", 1);
  RunRules();
  const WeekPlan plan = Plan();
  const CallbackAssignment& c1 = Of(plan, "c1");  // Eva's
  ASSERT_EQ(c1.executive_name, "Eva");
  const Actor eva = As("eva@example.com", Role::kExecutive);

  auto other = Record(c1, As("evert@example.com", Role::kExecutive), CallOutcome::kReached, "x");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  auto coordinator = Record(c1, As("cor@example.com", Role::kCoordinator), CallOutcome::kReached, "x");
  ASSERT_FALSE(coordinator.ok());
  EXPECT_EQ(coordinator.error().code, ErrorCode::kPermissionDenied);
  auto silent = Record(c1, eva, CallOutcome::kReached, "   ");
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(silent.error().field, "heard");
  auto invalid = Record(c1, eva, CallOutcome::kVoicemail, std::string("\xff\xfe"));
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().field, "heard");
  auto unknown = RecordCallback(*c_, 999999, eva, CallOutcome::kReached, "x", clock_.Now());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM case_events WHERE kind = 'executive_call'"), 0);

  auto voicemail = Record(c1, eva, CallOutcome::kVoicemail, "");
  ASSERT_TRUE(voicemail.ok()) << voicemail.error().ToString();
  EXPECT_EQ(voicemail->status, "called");
  EXPECT_EQ(voicemail->outcome, CallOutcome::kVoicemail);
  EXPECT_TRUE(voicemail->heard.empty());
  clock_.Advance(kHour);
  const std::string heard = "Ze wil opzeggen.\nDe monteur kwam twee keer niet opdagen — \"nooit meer\".";
  auto reached = Record(c1, eva, CallOutcome::kReached, heard);
  ASSERT_TRUE(reached.ok()) << reached.error().ToString();
  EXPECT_EQ(reached->outcome, CallOutcome::kReached);
  EXPECT_EQ(reached->heard, heard);
  EXPECT_EQ(reached->called_at, clock_.Now());
  auto again = Record(c1, eva, CallOutcome::kReached, "nog eens");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);

  auto events = ListCaseEvents(*c_, c1.case_id);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> kinds;
  for (const auto& e : *events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"opened", "executive_call", "executive_call"}));
  const CaseEvent& last = events->back();
  EXPECT_EQ(last.user_id, Eva());
  EXPECT_EQ(last.user_name, "Eva");
  EXPECT_EQ(last.at, clock_.Now());
  const auto detail = nlohmann::json::parse(last.detail);
  EXPECT_EQ(detail.at("outcome"), "reached");
  EXPECT_EQ(detail.at("heard"), heard);
  EXPECT_EQ(detail.at("executive"), "Eva");
  EXPECT_EQ(detail.at("assignment_id"), c1.id);

  // An admin records on an executive's behalf; the entry names who was given the call.
  auto by_admin = Record(Of(plan, "c2"), As("ada@example.com", Role::kAdmin), CallOutcome::kNoAnswer, "");
  ASSERT_TRUE(by_admin.ok()) << by_admin.error().ToString();
  auto admin_events = ListCaseEvents(*c_, Of(plan, "c2").case_id);
  ASSERT_TRUE(admin_events.ok());
  EXPECT_EQ(admin_events->back().user_name, "Ada");
  EXPECT_EQ(nlohmann::json::parse(admin_events->back().detail).at("executive"), "Evert");
}

TEST_P(CallbackEnginesTest, TheReportCountsPerExecutiveAndShowsWhatTheyHeardNewestFirst) {
  SetQuota(Eva(), 2);
  SetQuota(Evert(), 1);
  for (const char* ref : {"c1", "c2", "c3", "c4"}) AddCustomer(ref);
  Nps("c1", 0);
  Nps("c2", 1);
  Nps("c3", 2);
  Nps("c4", 3);
  RunRules();
  const WeekPlan plan = Plan();
  EXPECT_EQ(WhoCallsWhom(plan),
            (std::map<std::string, std::string>{{"c1", "Eva"}, {"c2", "Evert"}, {"c3", "Eva"}, {"c4", ""}}));
  const Actor eva = As("eva@example.com", Role::kExecutive);
  ASSERT_TRUE(Record(Of(plan, "c1"), eva, CallOutcome::kReached, "Eerst gehoord.").ok());
  clock_.Advance(kHour);
  ASSERT_TRUE(Record(Of(plan, "c3"), eva, CallOutcome::kVoicemail, "").ok());
  clock_.Advance(kHour);
  ASSERT_TRUE(
      Record(Of(plan, "c2"), As("evert@example.com", Role::kExecutive), CallOutcome::kReached, "Daarna gehoord.").ok());

  auto report = ReportCallbacks(*c_, WeeksLater(zone_, plan.week, -3), plan.week);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->executives.size(), 2u);
  const ExecutiveCallbackCounts& e = report->executives[0];
  EXPECT_EQ(e.name, "Eva");
  EXPECT_EQ(e.weekly_quota, 2);
  EXPECT_EQ(e.planned, 2);
  EXPECT_EQ(e.called, 2);
  EXPECT_EQ(e.reached, 1);
  EXPECT_EQ(e.voicemail, 1);
  EXPECT_EQ(e.open, 0);
  const ExecutiveCallbackCounts& v = report->executives[1];
  EXPECT_EQ(v.name, "Evert");
  EXPECT_EQ(v.planned, 1);
  EXPECT_EQ(v.reached, 1);
  ASSERT_EQ(report->heard.size(), 2u);
  EXPECT_EQ(report->heard[0].heard, "Daarna gehoord.");
  EXPECT_EQ(report->heard[0].executive_name, "Evert");
  EXPECT_EQ(report->heard[1].heard, "Eerst gehoord.");
  EXPECT_EQ(report->heard[1].customer_ref, "c1");
  EXPECT_EQ(report->unassigned, 1);
  ASSERT_EQ(report->weeks.size(), 1u);
  EXPECT_EQ(report->weeks[0].iso_week, 49);
  EXPECT_EQ(report->weeks[0].planned, 3);
  EXPECT_EQ(report->weeks[0].called, 3);
  EXPECT_EQ(report->weeks[0].reached, 2);
  EXPECT_EQ(report->weeks[0].unassigned, 1);

  // A range before any plan is empty but still lists the executives.
  auto before = ReportCallbacks(*c_, WeeksLater(zone_, plan.week, -3), WeeksLater(zone_, plan.week, -1));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->executives.size(), 2u);
  EXPECT_EQ(before->executives[0].planned, 0);
  EXPECT_TRUE(before->weeks.empty());
  EXPECT_TRUE(before->heard.empty());
}

TEST_P(CallbackEnginesTest, QuotasAreCheckedAndDefaultToFive) {
  auto executives = ListExecutives(*c_);
  ASSERT_TRUE(executives.ok());
  ASSERT_EQ(executives->size(), 2u);
  EXPECT_EQ(executives->at(0).weekly_quota, kDefaultWeeklyQuota);
  for (int bad : {-1, 51}) {
    auto refused = SetWeeklyQuota(*c_, Eva(), bad, std::nullopt, clock_.Now());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "weekly_quota");
  }
  auto manager = SetWeeklyQuota(*c_, UserId("noor@example.com"), 3, std::nullopt, clock_.Now());
  ASSERT_FALSE(manager.ok());
  EXPECT_EQ(manager.error().code, ErrorCode::kNotFound);
  SetQuota(Eva(), 0);
  SetQuota(Eva(), 50);
  executives = ListExecutives(*c_);
  ASSERT_TRUE(executives.ok());
  EXPECT_EQ(executives->at(0).weekly_quota, 50);
}

TEST_P(CallbackEnginesTest, TwoNodesPlanningAtOnceGiveEachCustomerOnce) {
  SetQuota(Eva(), 3);
  SetQuota(Evert(), 3);
  for (int i = 0; i < 10; ++i) {
    const std::string ref = "c" + std::to_string(i);
    AddCustomer(ref);
    Nps(ref, i % 4);
  }
  RunRules();
  std::vector<Result<WeekPlan>> plans;
  for (int i = 0; i < 2; ++i) plans.emplace_back(Error::Internal("not run"));
  {
    std::vector<std::thread> nodes;
    for (int i = 0; i < 2; ++i) {
      nodes.emplace_back([this, i, &plans] {
        auto c = database_->database().Connect();
        if (!c.ok()) {
          plans[i] = c.error();
          return;
        }
        plans[i] = PlanWeek(**c, clock_.Now(), zone_);
      });
    }
    for (auto& node : nodes) node.join();
  }
  for (const auto& plan : plans) ASSERT_TRUE(plan.ok()) << plan.error().ToString();
  EXPECT_EQ(Int("SELECT COUNT(*) FROM callback_assignments"), 10);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM callback_assignments WHERE executive_id = $1", {Eva()}), 3);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM callback_assignments WHERE executive_id = $1", {Evert()}), 3);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM callback_assignments WHERE executive_id IS NULL"), 4);
  EXPECT_EQ(plans[0]->added + plans[1]->added, 10);
}

TEST_P(CallbackEnginesTest, TheClientSeatShowsTheUnhappiestWordsNewestFirstInPages) {
  AddCustomer("c1");
  const Micros now = clock_.Now();
  const auto oldest = Store("c1", Score{Scale::kNps, 2}, "Eerste klacht.", "survey", now - 20 * kDay);
  Store("c1", Score{Scale::kNps, 1}, "", "survey", now - 10 * kDay);                         // no words
  Store("c1", Score{Scale::kNps, 10}, "Top!", "survey", now - 9 * kDay);                     // happy
  Store("c1", Score{Scale::kStars5, 1}, "Slecht.", "review", now - 8 * kDay, "Concurrent");  // not us
  Store("c1", Score{Scale::kNps, 0}, "Te oud.", "survey", now - 40 * kDay);                  // before the period
  AddCustomer("c2");  // a letter without a score opens a normal case, which a manager then marks critical
  const auto letter = Store("c2", std::nullopt, "Ik stap naar de rechter.", "letter", now - 2 * kDay);
  const auto newest = Store("c1", Score{Scale::kGrade10, 4}, "Onvoldoende.", "survey", now - kDay);
  RunRules();
  Exec("UPDATE cases SET priority = 'critical' WHERE id = $1", {CaseIdOf(letter)});
  const Micros from = now - 30 * kDay;
  auto count = CountClientSeat(*c_, from);
  ASSERT_TRUE(count.ok()) << count.error().ToString();
  EXPECT_EQ(*count, 3);
  auto first = ListClientSeat(*c_, from, "", 2);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first->entries.size(), 2u);
  EXPECT_EQ(first->entries[0].feedback_id, newest);
  EXPECT_EQ(first->entries[1].feedback_id, letter);
  EXPECT_TRUE(first->entries[1].critical);
  EXPECT_EQ(first->entries[1].case_id, CaseIdOf(letter));
  ASSERT_FALSE(first->next_cursor.empty());
  auto second = ListClientSeat(*c_, from, first->next_cursor, 2);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  ASSERT_EQ(second->entries.size(), 1u);
  EXPECT_EQ(second->entries[0].feedback_id, oldest);
  EXPECT_TRUE(second->next_cursor.empty());
  auto bad = ListClientSeat(*c_, from, "nonsense", 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "cursor");
}

INSTANTIATE_TEST_SUITE_P(Engines, CallbackEnginesTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::cases
