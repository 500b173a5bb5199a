// Cases in the database, on both engines: the rule runner opens a case for feedback that calls for help
// (owned by the nearest manager up the unit tree, with a mail to them), joins a customer's items into
// their open case, never opens two cases for one item however often its job runs, and ignores history;
// the escalation worker, driven by a manual clock, takes overdue cases step by step to the owner, the
// owner's manager and the executives; and the steps of working a case keep their rules (consent, root
// cause, resolution) and leave the case unchanged when refused.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "base/time.h"
#include "cases/case_notices.h"
#include "cases/case_service.h"
#include "cases/case_store.h"
#include "cases/escalation.h"
#include "cases/quiet_customers.h"
#include "cases/recovery.h"
#include "cases/rule_preview.h"
#include "cases/rule_runner.h"
#include "cases/speed_nps.h"
#include "customers/customer_store.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "db/job_queue.h"
#include "db/test_database.h"
#include "feedback/feedback_store.h"
#include "notify/webhooks.h"
#include "surveys/invitation_store.h"
#include "surveys/survey_store.h"

namespace ks::cases {
namespace {

constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;

Micros At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : 0;
}

class CaseEnginesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  // Monday 30 November 2026, 10:00 in Amsterdam (UTC+1): within the default working hours 09–17.
  CaseEnginesTest() : clock_(At("2026-11-30T09:00:00Z")) {}

  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    pool_ = std::make_unique<db::ConnectionPool>(database_->database(), 4);
    writer_ = std::make_unique<db::GroupCommitWriter>(database_->database());
    // north (region, manager Noor) ← utrecht (store, manager Uri) ← utrecht-service (team, no manager);
    // south has nobody. Eva is an executive, Erik an employee in utrecht.
    Exec("INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('north', 'North', 'region', NULL, 0)");
    Exec(
        "INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('utrecht', 'Utrecht', 'location', "
        "(SELECT id FROM units WHERE code = 'north'), 0)");
    Exec(
        "INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('utrecht-service', 'Service', 'team', "
        "(SELECT id FROM units WHERE code = 'utrecht'), 0)");
    Exec("INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('south', 'South', 'region', NULL, 0)");
    AddUser("noor@example.com", "Noor", "manager", "north", "nl");
    AddUser("uri@example.com", "Uri", "manager", "utrecht", "en");
    AddUser("eva@example.com", "Eva", "executive", "", "nl");
    AddUser("erik@example.com", "Erik", "employee", "utrecht", "nl");
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

  void AddUser(const std::string& email, const std::string& name, const std::string& role, const std::string& unit,
               const std::string& language) {
    Exec(
        "INSERT INTO users (email, name, language, unit_id, role, created_at, updated_at) "
        "VALUES ($1, $2, $3, (SELECT id FROM units WHERE code = $4), $5, 0, 0)",
        {email, name, language, unit, role});
  }

  std::int64_t UserId(const std::string& email) { return Int("SELECT id FROM users WHERE email = $1", {email}); }

  // Stores an item the way ingestion does (its trigger writes the rules job).
  std::int64_t Store(const std::string& unit, std::optional<Score> score, const std::string& text = "",
                     const std::string& customer = "", const std::string& source = "survey",
                     std::optional<Micros> received_at = std::nullopt) {
    FeedbackInput in;
    in.source = source;
    in.channel = "web";
    in.unit = unit;
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

  RuleRunStats RunRules() {
    RuleRunnerOptions options;
    auto stats = RunRulesOnce(*pool_, *writer_, clock_, options);
    EXPECT_TRUE(stats.ok()) << stats.error().ToString();
    return stats.ok() ? *stats : RuleRunStats{};
  }

  Case CaseOf(std::int64_t feedback_id) {
    auto id = CaseOfFeedback(*c_, feedback_id);
    EXPECT_TRUE(id.ok() && id->has_value()) << "item " << feedback_id << " is in no case";
    if (!id.ok() || !id->has_value()) return {};
    auto k = GetCase(*c_, **id);
    EXPECT_TRUE(k.ok() && k->has_value());
    return k.ok() && k->has_value() ? **k : Case{};
  }

  std::vector<std::string> EventKinds(std::int64_t case_id) {
    auto events = ListCaseEvents(*c_, case_id);
    EXPECT_TRUE(events.ok());
    std::vector<std::string> out;
    if (events.ok()) {
      for (const auto& e : *events) out.push_back(e.kind);
    }
    return out;
  }

  std::int64_t Mails(const std::string& kind, const std::string& to) {
    return Int("SELECT COUNT(*) FROM outbox WHERE kind = $1 AND to_address = $2", {kind, to});
  }

  ManualClock clock_;
  text::TextAnalyzer analyzer_;
  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<db::GroupCommitWriter> writer_;
};

TEST_P(CaseEnginesTest, AnUnhappyAnswerOpensACaseForTheNearestManagerWithAMail) {
  const auto id = Store("utrecht-service", Score{Scale::kNps, 5}, "Niemand nam de telefoon op.", "c1");
  const auto stats = RunRules();
  EXPECT_EQ(stats.opened, 1u);
  const Case k = CaseOf(id);
  EXPECT_EQ(k.owner_user_id, UserId("uri@example.com"));  // the team has no manager; its location has
  EXPECT_EQ(k.state, CaseState::kNew);
  EXPECT_EQ(k.priority, Priority::kNormal);
  EXPECT_EQ(k.rule_key, "unhappy_answer");
  EXPECT_EQ(k.opened_at, clock_.Now());
  // 48 working hours from Monday 10:00 (7 on Monday, 8 a day after): the next Tuesday 10:00.
  EXPECT_EQ(k.first_contact_due, At("2026-12-08T09:00:00Z"));
  EXPECT_EQ(EventKinds(k.id), std::vector<std::string>{"opened"});
  EXPECT_EQ(Mails("cases.opened", "uri@example.com"), 1);
  auto subject = c_->Query("SELECT subject, text_body FROM outbox WHERE kind = 'cases.opened'");
  ASSERT_TRUE(subject.ok());
  EXPECT_NE(db::AsText(subject->rows[0][1]).find("Niemand nam de telefoon op."), std::string::npos);
  EXPECT_NE(db::AsText(subject->rows[0][1]).find(fmt::format("/cases/feedback/{}", id)), std::string::npos);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM jobs WHERE kind = 'cases.rules'"), 0);
}

TEST_P(CaseEnginesTest, TheWorstScoresAreCriticalWithAFourHourDeadline) {
  const auto id = Store("north", Score{Scale::kNps, 1}, "", "c1");
  RunRules();
  const Case k = CaseOf(id);
  EXPECT_EQ(k.priority, Priority::kCritical);
  EXPECT_EQ(k.owner_user_id, UserId("noor@example.com"));
  EXPECT_EQ(k.first_contact_due, At("2026-11-30T13:00:00Z"));  // 14:00 in Amsterdam
}

TEST_P(CaseEnginesTest, NoManagerAnywhereLeavesTheCaseInTheUnassignedQueueWithoutAMail) {
  const auto id = Store("south", std::nullopt, "Mijn pakket is kapot aangekomen.", "c1", "complaint");
  RunRules();
  const Case k = CaseOf(id);
  EXPECT_FALSE(k.owner_user_id.has_value());
  EXPECT_EQ(k.owner_queue, "unassigned");
  EXPECT_EQ(Int("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_P(CaseEnginesTest, WhatCallsForNoHelpOpensNothingAndItsJobIsGone) {
  Store("utrecht", Score{Scale::kNps, 9}, "Prima geholpen, dank!", "c1");
  Store("utrecht", Score{Scale::kNps, 7}, "", "c2");
  const auto stats = RunRules();
  EXPECT_EQ(stats.jobs, 2u);
  EXPECT_EQ(stats.opened, 0u);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM cases"), 0);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM jobs"), 0);
}

TEST_P(CaseEnginesTest, RunningAnItemsJobAgainNeverOpensASecondCase) {
  const auto id = Store("utrecht", Score{Scale::kNps, 2}, "", "c1");
  RunRules();
  const std::string payload = fmt::format(R"({{"feedback_id":{}}})", id);
  // A replay after the first run, and two copies of the job in one run (a lease that ran out on another node).
  ASSERT_TRUE(db::JobQueue::Enqueue(*c_, "cases.rules", payload, clock_.Now(), clock_.Now()).ok());
  RunRules();
  const auto second = Store("south", std::nullopt, "Klacht.", "", "complaint");
  const std::string payload2 = fmt::format(R"({{"feedback_id":{}}})", second);
  ASSERT_TRUE(db::JobQueue::Enqueue(*c_, "cases.rules", payload2, clock_.Now(), clock_.Now()).ok());
  RunRules();
  EXPECT_EQ(Int("SELECT COUNT(*) FROM cases"), 2);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM case_items"), 2);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM case_events WHERE kind = 'opened'"), 2);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM jobs"), 0);
}

TEST_P(CaseEnginesTest, ACustomersItemsJoinTheirOpenCaseAndAMoreUrgentOneRaisesIt) {
  const auto first = Store("utrecht", Score{Scale::kNps, 6}, "", "c1");
  RunRules();
  clock_.Advance(kHour);
  // Two more in one run: both join, the critical one raises the priority and pulls the deadline in.
  const auto second = Store("utrecht", std::nullopt, "Nog steeds geen antwoord.", "c1", "complaint");
  const auto third = Store("utrecht", Score{Scale::kNps, 0}, "", "c1");
  const auto stats = RunRules();
  EXPECT_EQ(stats.joined, 2u);
  const Case k = CaseOf(first);
  EXPECT_EQ(CaseOf(second).id, k.id);
  EXPECT_EQ(CaseOf(third).id, k.id);
  EXPECT_EQ(k.item_count, 3);
  EXPECT_EQ(k.priority, Priority::kCritical);
  EXPECT_EQ(k.first_contact_due, At("2026-11-30T14:00:00Z"));  // 11:00 + 4 working hours
  EXPECT_EQ(EventKinds(k.id), (std::vector<std::string>{"opened", "joined", "joined"}));
  EXPECT_EQ(Mails("cases.opened", "uri@example.com"), 1);
}

TEST_P(CaseEnginesTest, TwoNewItemsOfOneCustomerInOneRunOpenOneCase) {
  const auto first = Store("utrecht", Score{Scale::kNps, 3}, "", "c1");
  const auto second = Store("utrecht", Score{Scale::kNps, 4}, "", "c1");
  const auto stats = RunRules();
  EXPECT_EQ(stats.opened, 1u);
  EXPECT_EQ(stats.joined, 1u);
  EXPECT_EQ(CaseOf(first).id, CaseOf(second).id);
}

TEST_P(CaseEnginesTest, AfterTheJoinWindowAnItemOpensANewCase) {
  const auto first = Store("utrecht", Score{Scale::kNps, 3}, "", "c1");
  RunRules();
  clock_.Advance(8 * kDay);
  const auto later = Store("utrecht", Score{Scale::kNps, 3}, "", "c1");
  RunRules();
  EXPECT_NE(CaseOf(first).id, CaseOf(later).id);
  // Other customers' and anonymous items never join.
  const auto other = Store("utrecht", Score{Scale::kNps, 3}, "", "c2");
  const auto anonymous = Store("utrecht", Score{Scale::kNps, 3});
  RunRules();
  EXPECT_NE(CaseOf(other).id, CaseOf(later).id);
  EXPECT_NE(CaseOf(anonymous).id, CaseOf(later).id);
}

TEST_P(CaseEnginesTest, HistoryOlderThanThirtyDaysOpensNoCase) {
  Store("utrecht", Score{Scale::kNps, 0}, "", "c1", "survey", clock_.Now() - 31 * kDay);
  const auto recent = Store("utrecht", Score{Scale::kNps, 0}, "", "c2", "survey", clock_.Now() - 29 * kDay);
  RunRules();
  EXPECT_EQ(Int("SELECT COUNT(*) FROM cases"), 1);
  CaseOf(recent);
}

TEST_P(CaseEnginesTest, AScoreAddedLaterRunsTheRulesAgain) {
  const auto id = Store("utrecht", Score{Scale::kNps, 8}, "", "c1");
  RunRules();
  EXPECT_EQ(Int("SELECT COUNT(*) FROM cases"), 0);
  Exec("UPDATE feedback SET score_value = 2, score_class = 'unhappy' WHERE id = $1", {id});
  RunRules();
  EXPECT_EQ(CaseOf(id).priority, Priority::kCritical);
}

TEST_P(CaseEnginesTest, OverdueCasesEscalateStepByStepWithAManualClock) {
  const auto id = Store("utrecht", Score{Scale::kNps, 1}, "Dit is de derde keer.", "c1");
  RunRules();  // critical: first contact due Monday 14:00 in Amsterdam
  EscalationOptions options;
  const auto escalate = [&] {
    auto stats = EscalateOnce(*pool_, clock_, options);
    EXPECT_TRUE(stats.ok()) << stats.error().ToString();
    return stats.ok() ? stats->escalated : 0u;
  };
  clock_.Set(At("2026-11-30T13:00:00Z"));  // exactly at the deadline: not yet overdue
  EXPECT_EQ(escalate(), 0u);
  clock_.Set(At("2026-11-30T13:01:00Z"));
  EXPECT_EQ(escalate(), 1u);
  EXPECT_EQ(CaseOf(id).escalation_level, 1);
  EXPECT_EQ(Mails("cases.escalated", "uri@example.com"), 1);
  EXPECT_EQ(escalate(), 0u);  // nothing new: no second reminder
  // Eight working hours past the deadline: Tuesday 14:00 — the owner's manager (Noor, above Utrecht).
  clock_.Set(At("2026-12-01T12:59:00Z"));
  EXPECT_EQ(escalate(), 0u);
  clock_.Set(At("2026-12-01T13:00:00Z"));
  EXPECT_EQ(escalate(), 1u);
  EXPECT_EQ(Mails("cases.escalated", "noor@example.com"), 1);
  // Sixteen: Wednesday 14:00 — the executives.
  clock_.Set(At("2026-12-02T13:00:00Z"));
  EXPECT_EQ(escalate(), 1u);
  EXPECT_EQ(Mails("cases.escalated", "eva@example.com"), 1);
  EXPECT_EQ(escalate(), 0u);
  const Case k = CaseOf(id);
  EXPECT_EQ(k.escalation_level, 3);
  EXPECT_EQ(EventKinds(k.id), (std::vector<std::string>{"opened", "escalated", "escalated", "escalated"}));
}

TEST_P(CaseEnginesTest, ACaseFoundLongOverdueTakesTheHighestStepAtOnceAndContactStartsTheCountAgain) {
  Exec(
      "INSERT INTO customers (external_ref, name, email, language, consent_contact, created_at, updated_at) "
      "VALUES ('c1', 'An', 'an@example.com', 'nl', 1, 0, 0)");
  const auto id = Store("utrecht", Score{Scale::kNps, 1}, "", "c1");
  RunRules();
  clock_.Set(At("2026-12-04T13:00:00Z"));  // Friday: far past every step
  EscalationOptions options;
  ASSERT_TRUE(EscalateOnce(*pool_, clock_, options).ok());
  EXPECT_EQ(CaseOf(id).escalation_level, 3);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM outbox WHERE kind = 'cases.escalated'"), 1);  // Eva only
  CaseService service(*pool_, clock_);
  CaseStep call;
  call.kind = CaseStep::Kind::kCall;
  call.outcome = CallOutcome::kReached;
  const Actor uri{UserId("uri@example.com"), Role::kManager, {}, false};
  auto after = service.Take({uri, "Uri"}, CaseOf(id).id, call, "Org");
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  EXPECT_EQ(after->escalation_level, 0);
  EXPECT_EQ(after->state, CaseState::kContacted);
  EXPECT_EQ(after->first_contact_at, clock_.Now());
}

class CaseServiceEnginesTest : public CaseEnginesTest {
 protected:
  // A case in utrecht for customer c1 (with or without consent), as Uri sees it.
  Case Open(bool consent) {
    Exec(
        "INSERT INTO customers (external_ref, name, email, language, consent_contact, created_at, updated_at) "
        "VALUES ('c1', 'Anna de Vries', 'anna@example.com', 'en', $1, 0, 0)",
        {std::int64_t{consent}});
    const auto id = Store("utrecht", Score{Scale::kNps, 4}, "Slechte service.", "c1");
    RunRules();
    return CaseOf(id);
  }

  Result<Case> Take(const Case& k, const CaseStep& step, const std::string& who = "uri@example.com",
                    Role role = Role::kManager, std::vector<std::int64_t> scope = {}) {
    const Actor actor{UserId(who), role, std::move(scope), false};
    CaseService service(*pool_, clock_);
    return service.Take({actor, who}, k.id, step, "Stroomlijn");
  }

  static CaseStep Step(CaseStep::Kind kind) {
    CaseStep s;
    s.kind = kind;
    return s;
  }
};

TEST_P(CaseServiceEnginesTest, AManagerWorksACaseFromNewToClosed) {
  const Case k = Open(true);
  CaseStep note = Step(CaseStep::Kind::kNote);
  note.text = "Klant gebeld door winkel; terugbellen na 16:00.";
  ASSERT_TRUE(Take(k, note).ok());
  CaseStep mail = Step(CaseStep::Kind::kEmail);
  mail.subject = "Your order";
  mail.text = "We are sorry.\n\nA new one is on its way.";
  auto mailed = Take(k, mail);
  ASSERT_TRUE(mailed.ok()) << mailed.error().ToString();
  EXPECT_EQ(mailed->state, CaseState::kContacted);
  {
    // The first contact: the entry keeps both the recipient and the change of state.
    auto events = ListCaseEvents(*c_, k.id);
    ASSERT_TRUE(events.ok());
    const auto detail = nlohmann::json::parse(events->back().detail);
    EXPECT_EQ(detail.value("to", ""), "anna@example.com");
    EXPECT_EQ(detail.value("to_state", ""), "contacted");
  }
  auto sent = c_->Query(
      "SELECT subject, text_body, html_body FROM outbox WHERE kind = 'cases.customer' "
      "AND to_address = 'anna@example.com'");
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->size(), 1u);
  EXPECT_EQ(db::AsText(sent->rows[0][0]), "Your order");
  EXPECT_NE(db::AsText(sent->rows[0][1]).find("Dear Anna de Vries,"), std::string::npos);  // her language
  EXPECT_NE(db::AsText(sent->rows[0][2]).find("<p>A new one is on its way.</p>"), std::string::npos);
  ASSERT_TRUE(Take(k, Step(CaseStep::Kind::kStartWork)).ok());
  CaseStep close = Step(CaseStep::Kind::kClose);
  close.resolution = "Replaced the order.";
  close.root_cause = "delivery";
  auto closed = Take(k, close);
  ASSERT_TRUE(closed.ok()) << closed.error().ToString();
  EXPECT_EQ(closed->state, CaseState::kClosed);
  EXPECT_EQ(closed->root_cause, "delivery");
  EXPECT_TRUE(closed->closed_at.has_value());
  EXPECT_TRUE(closed->not_contacted_reason.empty());
  EXPECT_EQ(EventKinds(k.id), (std::vector<std::string>{"opened", "note", "email", "start_work", "close"}));
  auto events = ListCaseEvents(*c_, k.id);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().user_name, "Uri");
}

TEST_P(CaseServiceEnginesTest, OpeningEscalatingAndClosingGoToTheWebhooksOfTheirSubscribers) {
  notify::NewWebhookEndpoint all{"http://127.0.0.1:9/all", "*", "", std::nullopt, ""};
  notify::NewWebhookEndpoint closed_only{"http://127.0.0.1:9/closed", "case.closed", "", std::nullopt, ""};
  ASSERT_TRUE(notify::CreateWebhookEndpoint(*c_, all, clock_.Now()).ok());
  ASSERT_TRUE(notify::CreateWebhookEndpoint(*c_, closed_only, clock_.Now()).ok());
  const Case k = Open(true);
  clock_.Advance(20 * kDay);
  ASSERT_TRUE(EscalateOnce(*pool_, clock_, EscalationOptions{}).ok());
  CaseStep call = Step(CaseStep::Kind::kCall);
  ASSERT_TRUE(Take(k, call).ok());
  CaseStep close = Step(CaseStep::Kind::kClose);
  close.resolution = "Refunded.";
  close.root_cause = "service";
  ASSERT_TRUE(Take(k, close).ok());
  auto deliveries = notify::ListWebhookDeliveries(*c_, 100);
  ASSERT_TRUE(deliveries.ok()) << deliveries.error().ToString();
  std::multiset<std::string> seen;
  for (const auto& d : *deliveries) {
    seen.insert(d.event + " " + d.endpoint_url);
    const auto payload = nlohmann::json::parse(d.payload);
    EXPECT_EQ(payload["data"]["case_id"], k.id) << d.payload;
    EXPECT_EQ(d.payload.find("Slechte service"), std::string::npos) << "the customer's words stay inside";
  }
  EXPECT_EQ(seen, (std::multiset<std::string>{
                      "case.opened http://127.0.0.1:9/all", "case.escalated http://127.0.0.1:9/all",
                      "case.closed http://127.0.0.1:9/all", "case.closed http://127.0.0.1:9/closed"}));
}

TEST_P(CaseServiceEnginesTest, RecoveryComparesTheNextScoreAfterClosingWithCustomersWhoNeverHadACase) {
  const Case k = Open(false);  // Anna (c1), nps 4
  Store("utrecht", Score{Scale::kNps, 6}, "", "c2");
  RunRules();
  const Case other =
      CaseOf(Int("SELECT id FROM feedback WHERE customer_id = (SELECT id FROM customers "
                 "WHERE external_ref = 'c2')"));
  CaseStep close = Step(CaseStep::Kind::kClose);
  close.resolution = "Apologised in writing.";
  close.root_cause = "service";
  ASSERT_TRUE(Take(k, close).ok());
  ASSERT_TRUE(Take(other, close, "eva@example.com", Role::kExecutive).ok());
  const Micros closed_at = clock_.Now();
  clock_.Advance(kDay);
  Store("utrecht", Score{Scale::kNps, 10}, "", "c1");  // Anna is won back (her later score does not count)
  clock_.Advance(kDay);
  Store("utrecht", Score{Scale::kNps, 9}, "", "c1");
  Store("utrecht", Score{Scale::kNps, 2}, "", "c2");  // the other customer is not
  Store("utrecht", Score{Scale::kNps, 9}, "", "c3");  // never had a case: two happy, one neutral
  Store("utrecht", Score{Scale::kNps, 10}, "", "c4");
  Store("utrecht", Score{Scale::kNps, 8}, "", "c5");
  auto r = LoadRecovery(*c_, closed_at - kHour, clock_.Now() + 1);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->closed, 2);
  EXPECT_EQ(r->with_follow_up, 2);
  EXPECT_EQ(r->recovered, 1);
  EXPECT_EQ(r->before, (MoodCounts{2, 0, 0}));
  EXPECT_EQ(r->after, (MoodCounts{1, 0, 1}));
  EXPECT_EQ(r->untroubled, (MoodCounts{0, 1, 2}));
  ASSERT_TRUE(r->paradox.has_value());
  EXPECT_NEAR(r->paradox->difference, (1.0 - 2.0 / 3) * 100, 1e-9);  // percentage points
}

TEST_P(CaseServiceEnginesTest, CustomersWhoWentQuietAreListedPerSegmentUntilSomeoneCallsThem) {
  const Case k = Open(true);  // Anna (c1) in utrecht, no segment
  Store("south", Score{Scale::kNps, 8}, "", "b2b");
  Exec("UPDATE customers SET attributes = '{\"segment\":\"B2B\"}' WHERE external_ref = 'b2b'");
  Store("south", Score{Scale::kNps, 9}, "", "recent");
  Exec("UPDATE customers SET status = 'lost' WHERE external_ref = 'recent'");
  QuietPolicy policy;
  policy.default_days = 90;
  policy.days_by_segment["B2B"] = 60;
  const auto refs = [&](Micros at, std::optional<std::vector<std::int64_t>> scope = std::nullopt) {
    auto quiet = ListQuietCustomers(*c_, policy, at, scope);
    EXPECT_TRUE(quiet.ok()) << quiet.error().ToString();
    std::vector<std::string> out;
    if (quiet.ok()) {
      for (const auto& q : *quiet) out.push_back(q.external_ref);
    }
    return out;
  };
  EXPECT_TRUE(refs(clock_.Now() + 59 * kDay).empty());
  EXPECT_EQ(refs(clock_.Now() + 61 * kDay), std::vector<std::string>{"b2b"});          // B2B after 60 days
  EXPECT_EQ(refs(clock_.Now() + 91 * kDay), (std::vector<std::string>{"c1", "b2b"}));  // lost ones never
  const std::int64_t utrecht = Int("SELECT id FROM units WHERE code = 'utrecht'");
  EXPECT_EQ(refs(clock_.Now() + 91 * kDay, std::vector<std::int64_t>{utrecht}), std::vector<std::string>{"c1"});
  // A call from the case is contact: Anna is not quiet until 90 days after it.
  clock_.Advance(30 * kDay);
  CaseStep call = Step(CaseStep::Kind::kCall);
  ASSERT_TRUE(Take(k, call).ok());
  EXPECT_EQ(refs(clock_.Now() + 61 * kDay), std::vector<std::string>{"b2b"});
  EXPECT_EQ(refs(clock_.Now() + 91 * kDay), (std::vector<std::string>{"c1", "b2b"}));
}

TEST_P(CaseServiceEnginesTest, RefusedStepsNameTheFieldAndChangeNothing) {
  const Case k = Open(true);
  struct Row {
    CaseStep step;
    std::string field;
  };
  CaseStep no_root = Step(CaseStep::Kind::kClose);
  no_root.resolution = "Done.";
  CaseStep bad_root = no_root;
  bad_root.root_cause = "weather";
  CaseStep never_contacted = no_root;
  never_contacted.root_cause = "service";
  CaseStep empty_note = Step(CaseStep::Kind::kNote);
  empty_note.text = "   ";
  CaseStep no_resolution = Step(CaseStep::Kind::kResolve);
  CaseStep two_line_subject = Step(CaseStep::Kind::kEmail);
  two_line_subject.subject = "a\nb";
  two_line_subject.text = "x";
  CaseStep unknown_user = Step(CaseStep::Kind::kAssign);
  unknown_user.assign_to = 999999;
  const Row rows[] = {{no_root, "root_cause"},       {bad_root, "root_cause"},
                      {never_contacted, "action"},   {empty_note, "text"},
                      {no_resolution, "resolution"}, {two_line_subject, "subject"},
                      {unknown_user, "assign_to"},   {Step(CaseStep::Kind::kReopen), "text"}};
  for (const Row& row : rows) {
    auto r = Take(k, row.step);
    ASSERT_FALSE(r.ok()) << StepKindName(row.step.kind);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << r.error().ToString();
    EXPECT_EQ(r.error().field, row.field) << r.error().ToString();
  }
  const Case after = CaseOf(k.opening_feedback_id);
  EXPECT_EQ(after.state, CaseState::kNew);
  EXPECT_EQ(after.updated_at, k.updated_at);
  EXPECT_EQ(EventKinds(k.id), std::vector<std::string>{"opened"});
}

TEST_P(CaseServiceEnginesTest, WithoutConsentNobodyCallsAndTheCaseClosesAsNotContacted) {
  const Case k = Open(false);
  CaseStep call = Step(CaseStep::Kind::kCall);
  auto refused = Take(k, call);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "customer");
  EXPECT_NE(refused.error().message.find("no consent"), std::string::npos);
  CaseStep close = Step(CaseStep::Kind::kClose);
  close.resolution = "Process fixed without contacting the customer.";
  close.root_cause = "process";
  auto closed = Take(k, close);
  ASSERT_TRUE(closed.ok()) << closed.error().ToString();
  EXPECT_EQ(closed->not_contacted_reason, "no consent");
}

// A recovery survey is a survey whose trigger is the touchpoint "case-closed": closing a case invites
// the customer once (not again after a reopen), unless the closer unticks it; fatigue does not hold it back.
TEST_P(CaseServiceEnginesTest, ClosingACaseInvitesTheCustomerToTheRecoverySurveyOnce) {
  auto survey = surveys::ParseSurveyJson(nlohmann::json::parse(R"({
    "name": "Herstel", "slug": "herstel", "scale": "nps",
    "question": {"nl": "Hoe waarschijnlijk beveelt u ons nu aan?"},
    "drivers": [{"key": "handling", "max": 5, "label": {"nl": "Hoe tevreden bent u over hoe we dit oplosten?"}}],
    "triggers": [{"touchpoint": "case-closed", "channel": "email", "delay_minutes": 60}]})"));
  ASSERT_TRUE(survey.ok()) << survey.error().ToString();
  ASSERT_TRUE(surveys::CreateSurvey(*c_, *survey, clock_.Now()).ok());
  const auto invitations = [&] {
    return Int(
        "SELECT COUNT(*) FROM invitations i JOIN touchpoints t ON t.id = i.touchpoint_id "
        "WHERE t.type = 'case-closed' AND i.survey_id = (SELECT id FROM surveys WHERE slug = 'herstel')");
  };
  const Case k = Open(true);
  CaseStep call = Step(CaseStep::Kind::kCall);
  ASSERT_TRUE(Take(k, call).ok());
  CaseStep close = Step(CaseStep::Kind::kClose);
  close.resolution = "Replaced the order.";
  close.root_cause = "delivery";
  ASSERT_TRUE(Take(k, close).ok());
  EXPECT_EQ(invitations(), 1);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'close' AND detail LIKE "
                "'%\"recovery_surveys\":[\"herstel\"]%'",
                {k.id}),
            1);
  // Due an hour later, for Anna, marked as a follow-up so the fatigue rule lets it through.
  auto due = surveys::ClaimDueInvitations(*c_, clock_.Now() + 2 * kHour, 10, kHour);
  ASSERT_TRUE(due.ok()) << due.error().ToString();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().email, "anna@example.com");
  EXPECT_EQ(due->front().touchpoint_type, "case-closed");

  // Reopened and closed again: no second invitation.
  CaseStep reopen = Step(CaseStep::Kind::kReopen);
  reopen.text = "Customer called again.";
  auto reopened = Take(k, reopen);
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  ASSERT_TRUE(Take(*reopened, close).ok());
  EXPECT_EQ(invitations(), 1);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'close' AND detail LIKE "
                "'%recovery_surveys%'",
                {k.id}),
            1);  // the second close says it invited nobody

  // The closer may leave it out.
  Exec(
      "INSERT INTO customers (external_ref, name, email, language, consent_contact, created_at, updated_at) "
      "VALUES ('c2', 'Bas', 'bas@example.com', 'nl', 1, 0, 0)");
  const auto item = Store("utrecht", Score{Scale::kNps, 2}, "Nooit meer.", "c2");
  RunRules();
  const Case second = CaseOf(item);
  ASSERT_TRUE(Take(second, call).ok());
  close.recovery_survey = false;
  ASSERT_TRUE(Take(second, close).ok());
  EXPECT_EQ(invitations(), 1);
}

// A customer marked lost (through the API or an import, both an upsert) gets one exit case, owned by the
// manager of the unit that served them last, with a mail and the exit survey's invitation.
TEST_P(CaseServiceEnginesTest, ACustomerMarkedLostGetsOneExitCaseAndTheExitSurvey) {
  auto survey = surveys::ParseSurveyJson(nlohmann::json::parse(R"({
    "name": "Vertrek", "slug": "vertrek", "scale": "nps", "exit_survey": true,
    "question": {"nl": "Wat deed u vertrekken?"},
    "triggers": [{"touchpoint": "customer-lost", "channel": "email", "delay_minutes": 0}]})"));
  ASSERT_TRUE(survey.ok()) << survey.error().ToString();
  ASSERT_TRUE(surveys::CreateSurvey(*c_, *survey, clock_.Now()).ok());
  Exec(
      "INSERT INTO customers (external_ref, name, email, language, consent_contact, created_at, updated_at) "
      "VALUES ('c7', 'Cor', 'cor@example.com', 'nl', 1, 0, 0)");
  Store("south", Score{Scale::kNps, 9}, "", "c7", "survey", clock_.Now() - 20 * kDay);
  Store("utrecht", Score{Scale::kNps, 8}, "", "c7", "survey", clock_.Now() - 3 * kDay);  // served last here
  RunRules();
  const auto mark = [&](const std::string& status) {
    CustomerUpsert upsert;
    upsert.customer.external_ref = "c7";
    upsert.customer.status = status;
    upsert.has_status = true;
    auto written = writer_->Write(UpsertCustomerStatements(upsert, clock_.Now()));
    ASSERT_TRUE(written.ok()) << written.error().ToString();
  };
  const auto exit_cases = [&] { return Int("SELECT COUNT(*) FROM cases WHERE kind = 'exit'"); };

  // Marked lost and active again before the runner came: nothing.
  mark("lost");
  mark("active");
  RunRules();
  EXPECT_EQ(exit_cases(), 0);

  mark("lost");
  RunRules();
  ASSERT_EQ(exit_cases(), 1);
  auto id = Int("SELECT id FROM cases WHERE kind = 'exit'");
  auto k = GetCase(*c_, id);
  ASSERT_TRUE(k.ok() && k->has_value());
  EXPECT_EQ((*k)->kind, "exit");
  EXPECT_EQ((*k)->opening_feedback_id, 0);
  EXPECT_EQ((*k)->owner_name, "Uri");
  EXPECT_EQ((*k)->unit_code, "utrecht");
  EXPECT_EQ((*k)->priority, Priority::kHigh);
  EXPECT_EQ((*k)->first_contact_due,
            Deadline(BusinessCalendar::Default(), clock_.Now(), DefaultSla(Priority::kHigh).first_contact));
  EXPECT_EQ(EventKinds(id), std::vector<std::string>{"opened"});
  EXPECT_EQ(Mails("cases.exit", "uri@example.com"), 1);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM invitations i JOIN touchpoints t ON t.id = i.touchpoint_id WHERE t.type = "
                "'customer-lost' AND i.customer_id = (SELECT id FROM customers WHERE external_ref = 'c7')"),
            1);
  auto found = ExitCaseOfCustomer(*c_, *(*k)->customer_id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->value_or(0), id);

  // The same job again, and lost → active → lost while the case is open: still one case, one mail.
  Exec("INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ('cases.exit', $1, 0, 0)",
       {"{\"customer_id\":" + std::to_string(*(*k)->customer_id) + "}"});
  mark("active");
  mark("lost");
  RunRules();
  EXPECT_EQ(exit_cases(), 1);
  EXPECT_EQ(Mails("cases.exit", "uri@example.com"), 1);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM jobs WHERE kind = 'cases.exit'"), 0);

  // Their exit survey's answer shows on the case page as a later answer.
  const auto answer = Store("utrecht", Score{Scale::kNps, 3}, "Te duur geworden.", "c7");
  auto later = LaterAnswerIds(*c_, **k, 10);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(*later, std::vector<std::int64_t>{answer});
}

TEST_P(CaseServiceEnginesTest, OnlyThoseWhoMaySeeACaseCanWorkIt) {
  const Case k = Open(true);
  CaseStep note = Step(CaseStep::Kind::kNote);
  note.text = "x";
  const std::int64_t south = Int("SELECT id FROM units WHERE code = 'south'");
  const std::int64_t utrecht = Int("SELECT id FROM units WHERE code = 'utrecht'");
  // A manager of another unit, and an employee who does not own it: as if it did not exist.
  auto other = Take(k, note, "noor@example.com", Role::kManager, {south});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  auto employee = Take(k, note, "erik@example.com", Role::kEmployee, {});
  ASSERT_FALSE(employee.ok());
  EXPECT_EQ(employee.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Take(k, note, "noor@example.com", Role::kManager, {utrecht}).ok());
  EXPECT_TRUE(Take(k, note, "eva@example.com", Role::kExecutive).ok());
  // Handed to the employee, they see and work it.
  CaseStep assign = Step(CaseStep::Kind::kAssign);
  assign.assign_to = UserId("erik@example.com");
  ASSERT_TRUE(Take(k, assign).ok());
  EXPECT_TRUE(Take(k, note, "erik@example.com", Role::kEmployee, {}).ok());
  // Lists follow the same rule.
  CaseFilter filter;
  RestrictToVisible(Actor{UserId("noor@example.com"), Role::kManager, {south}, false}, filter);
  auto listed = ListCases(*c_, filter, clock_.Now());
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  filter = {};
  RestrictToVisible(Actor{UserId("erik@example.com"), Role::kEmployee, {}, false}, filter);
  listed = ListCases(*c_, filter, clock_.Now());
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
}

TEST_P(CaseServiceEnginesTest, CountsOfOpenAndOverdueCasesPerUnitAndOwner) {
  Open(true);
  Store("south", std::nullopt, "Klacht.", "c9", "complaint");
  RunRules();
  clock_.Advance(30 * kDay);
  auto by_unit = OpenCasesByUnit(*c_, clock_.Now());
  ASSERT_TRUE(by_unit.ok());
  ASSERT_EQ(by_unit->size(), 2u);
  EXPECT_EQ(by_unit->at(0).open, 1);
  EXPECT_EQ(by_unit->at(0).overdue, 1);
  auto by_owner = OpenCasesByOwner(*c_, clock_.Now());
  ASSERT_TRUE(by_owner.ok());
  std::vector<std::string> owners;
  for (const auto& o : *by_owner) owners.push_back(o.name);
  EXPECT_EQ(owners, (std::vector<std::string>{"Uri", "unassigned"}));
}

TEST_P(CaseEnginesTest, SavedRulesAndCalendarBecomeRevisions) {
  auto stored = LoadCaseRules(*c_);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->revision, 0);
  RuleSet rules = DefaultRuleSet();
  rules.rules.resize(1);
  auto revision = SaveCaseRules(*c_, rules, BusinessCalendar::Default(), UserId("eva@example.com"), clock_.Now());
  ASSERT_TRUE(revision.ok()) << revision.error().ToString();
  EXPECT_EQ(*revision, 1);
  stored = LoadCaseRules(*c_);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->revision, 1);
  EXPECT_EQ(stored->rules.rules.size(), 1u);
  EXPECT_EQ(stored->saved_by, "Eva");
  // The runner uses it: a complaint no longer opens a case (only the worst scores do).
  Store("utrecht", std::nullopt, "Klacht.", "c1", "complaint");
  RunRules();
  EXPECT_EQ(Int("SELECT COUNT(*) FROM cases"), 0);
}

TEST_P(CaseEnginesTest, TheOwnerHearsOnceWhenTheDeadlineIsNearAndGetsADigestEachWorkingMorning) {
  Store("utrecht", Score{Scale::kNps, 5}, "Te laat geleverd.", "c1");  // due Tuesday 8 December, 10:00
  Store("south", std::nullopt, "Klacht.", "c2", "complaint");          // unassigned: no mails
  RunRules();
  const auto notices = [&] {
    auto stats = SendNotices(*pool_, clock_, "http://ks.test");
    EXPECT_TRUE(stats.ok()) << stats.error().ToString();
    return stats.ok() ? *stats : NoticeStats{};
  };
  // A 48-hour SLA warns with at most 9.6 working hours left: Friday 16:00 has 10, 16:30 has 9.5.
  clock_.Set(At("2026-12-04T15:00:00Z"));
  EXPECT_EQ(notices().due_soon, 0u);
  clock_.Set(At("2026-12-04T15:30:00Z"));
  EXPECT_EQ(notices().due_soon, 1u);
  EXPECT_EQ(notices().due_soon, 0u);
  EXPECT_EQ(Mails("cases.due_soon", "uri@example.com"), 1);
  // The digest went out on Friday with the reminder; not on Saturday, not before 08:00, once on Monday.
  EXPECT_EQ(Mails("cases.digest", "uri@example.com"), 1);
  clock_.Set(At("2026-12-05T09:00:00Z"));
  EXPECT_EQ(notices().digests, 0u);
  clock_.Set(At("2026-12-07T06:59:00Z"));
  EXPECT_EQ(notices().digests, 0u);
  clock_.Set(At("2026-12-07T07:00:00Z"));
  EXPECT_EQ(notices().digests, 1u);
  EXPECT_EQ(notices().digests, 0u);
  auto digest = c_->Query("SELECT subject, text_body FROM outbox WHERE kind = 'cases.digest' ORDER BY id");
  ASSERT_TRUE(digest.ok());
  ASSERT_EQ(digest->size(), 2u);
  EXPECT_EQ(db::AsText(digest->rows[0][0]), "Your open cases: 1");  // Uri reads English
  EXPECT_NE(db::AsText(digest->rows[0][1]).find("http://ks.test/cases/"), std::string::npos);
  clock_.Set(At("2026-12-08T07:00:00Z"));
  EXPECT_EQ(notices().digests, 1u);
}

TEST_P(CaseEnginesTest, ThePreviewCountsWhatEachRuleWouldHaveOpenedInThePeriod) {
  Store("utrecht", Score{Scale::kNps, 1}, "", "c1");
  Store("utrecht", std::nullopt, "Ik wil mijn abonnement opzeggen.", "c2", "complaint");
  Store("utrecht", Score{Scale::kNps, 9}, "Prima geholpen.", "c3");
  Store("utrecht", Score{Scale::kNps, 2}, "", "c4", "survey", clock_.Now() - 40 * kDay);
  const RuleSet& rules = DefaultRuleSet();
  auto preview = PreviewRules(*c_, rules, clock_.Now() - 30 * kDay, clock_.Now() + 1, 20'000);
  ASSERT_TRUE(preview.ok()) << preview.error().ToString();
  EXPECT_EQ(preview->items, 3u);
  EXPECT_EQ(preview->would_open, 2u);
  EXPECT_FALSE(preview->capped);
  std::map<std::string, size_t> by_rule;
  for (size_t i = 0; i < rules.rules.size(); ++i) by_rule[rules.rules[i].key] = preview->matches[i];
  EXPECT_EQ(by_rule,
            (std::map<std::string, size_t>{
                {"worst_scores", 1}, {"cancellation_or_legal", 1}, {"complaint_or_letter", 1}, {"unhappy_answer", 1}}));
  auto capped = PreviewRules(*c_, rules, clock_.Now() - 30 * kDay, clock_.Now() + 1, 2);
  ASSERT_TRUE(capped.ok());
  EXPECT_TRUE(capped->capped);
  EXPECT_EQ(capped->items, 2u);
}

// --- speed beside the NPS
// One period's answers, and for every grouping the NPS counts (promoters, passives, detractors) expected
// beside the speed groups (speed_nps.h): a unit's own answers only, local months, the units of an
// owner's cases; never a competitor's answer, another scale's, or one from outside the period.
TEST_P(CaseEnginesTest, TheNpsOfEachSpeedGroupStandsBesideItsSpeed) {
  Store("utrecht", Score{Scale::kNps, 3}, "", "c1");                                        // a case for Uri
  Store("utrecht", Score{Scale::kNps, 10}, "", "c2");                                       //
  Store("utrecht", Score{Scale::kNps, 9}, "", "c3", "survey", At("2026-10-20T10:00:00Z"));  // October
  Store("utrecht-service", Score{Scale::kNps, 10}, "", "c4");                               // not utrecht's
  Store("north", Score{Scale::kNps, 8}, "", "c5", "survey", At("2026-10-31T23:30:00Z"));    // 1 Nov in Amsterdam
  Store("south", Score{Scale::kNps, 2}, "", "c6");                                          // unassigned case
  const auto rival = Store("utrecht", Score{Scale::kNps, 0}, "", "c7");
  Exec("UPDATE feedback SET brand = 'rival' WHERE id = $1", {rival});
  Store("utrecht", Score{Scale::kGrade10, 4}, "", "c8");
  Store("utrecht", Score{Scale::kNps, 1}, "", "c9", "survey", At("2026-09-01T10:00:00Z"));  // before the period
  RunRules();
  const Micros from = At("2026-10-15T00:00:00Z"), to = clock_.Now() + 1;

  using Counts = std::map<std::string, std::array<std::int64_t, 3>>;
  const struct {
    SpeedGrouping grouping;
    std::array<std::int64_t, 3> total;
    Counts groups;
  } cases[] = {
      {SpeedGrouping::kNone, {3, 1, 2}, {}},
      {SpeedGrouping::kUnit,
       {3, 1, 2},
       {{"utrecht", {2, 0, 1}}, {"utrecht-service", {1, 0, 0}}, {"north", {0, 1, 0}}, {"south", {0, 0, 1}}}},
      {SpeedGrouping::kMonth, {3, 1, 2}, {{"2026-10", {1, 0, 0}}, {"2026-11", {2, 1, 2}}}},
      {SpeedGrouping::kOwner, {3, 1, 2}, {{"uri@example.com", {2, 0, 1}}, {"unassigned", {0, 0, 1}}}},
  };
  for (const auto& t : cases) {
    SCOPED_TRACE(static_cast<int>(t.grouping));
    auto nps = LoadSpeedNps(*c_, from, to, t.grouping);
    ASSERT_TRUE(nps.ok()) << nps.error().ToString();
    const auto counts = [](const GroupNps& g) {
      return std::array<std::int64_t, 3>{g.counts.promoters, g.counts.passives, g.counts.detractors};
    };
    ASSERT_TRUE(nps->total.has_value());
    EXPECT_EQ(counts(*nps->total), t.total);
    Counts groups;
    for (const auto& [key, g] : nps->groups) {
      groups[key] = counts(g);
      const stats::NpsEstimate want = stats::EstimateNps(g.counts);
      EXPECT_NEAR(
          g.estimate.nps,
          100.0 * static_cast<double>(g.counts.promoters - g.counts.detractors) / static_cast<double>(g.counts.n()),
          1e-9);
      EXPECT_DOUBLE_EQ(g.estimate.low, want.low) << key;
      EXPECT_DOUBLE_EQ(g.estimate.high, want.high) << key;
    }
    EXPECT_EQ(groups, t.groups);
    // Keyed as the speed groups: every case is at a unit with answers, so each speed group finds its NPS.
    auto speed = LoadSpeedMetrics(*c_, from, to, t.grouping, clock_.Now());
    ASSERT_TRUE(speed.ok()) << speed.error().ToString();
    EXPECT_EQ(speed->groups.empty(), t.grouping == SpeedGrouping::kNone);
    for (const SpeedGroup& g : speed->groups) EXPECT_NE(nps->Find(g.key), nullptr) << g.key;
  }
  // No NPS answers in the period: no NPS, rather than 0.
  auto none = LoadSpeedNps(*c_, At("2026-01-01T00:00:00Z"), At("2026-02-01T00:00:00Z"), SpeedGrouping::kMonth);
  ASSERT_TRUE(none.ok()) << none.error().ToString();
  EXPECT_FALSE(none->total.has_value());
  EXPECT_TRUE(none->groups.empty());
  EXPECT_EQ(none->Find("2026-01"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Engines, CaseEnginesTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));
INSTANTIATE_TEST_SUITE_P(Engines, CaseServiceEnginesTest,
                         ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::cases
