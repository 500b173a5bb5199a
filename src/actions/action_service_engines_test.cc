// Action plans in the database, on both engines: a plan is created with feedback linked to it; the
// decision is mandatory before work starts and is told to every linked customer who may be contacted
// (a mail in their language through the outbox), to the colleague who heard an unknown customer (a task
// and a mail), and to nobody without consent — once per decision, again when the decision changes; a
// finished plan is told again and becomes an analytics event; refused steps change nothing.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "actions/action_service.h"
#include "actions/action_store.h"
#include "actions/weekly_digest.h"
#include "base/time.h"
#include "db/connection_pool.h"
#include "db/test_database.h"
#include "notify/outbox.h"

namespace ks::actions {
namespace {

class ActionServiceEnginesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  ActionServiceEnginesTest() : clock_(*ParseRfc3339("2026-11-30T09:00:00Z")) {}

  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    pool_ = std::make_unique<db::ConnectionPool>(database_->database(), 2);
    service_ = std::make_unique<ActionService>(*pool_, clock_, "http://ks.test");
    Exec("INSERT INTO units (code, name, kind, created_at) VALUES ('utrecht', 'Utrecht', 'location', 0)");
    coordinator_ = AddUser("cora@example.com", "Cora", "coordinator");
    owner_ = AddUser("otto@example.com", "Otto", "manager");
    reporter_ = AddUser("erik@example.com", "Erik", "employee");
    // Anna agreed to be contacted and reads English; Bram did not agree.
    Exec(
        "INSERT INTO customers (external_ref, name, email, language, consent_contact, created_at, updated_at) "
        "VALUES ('anna', 'Anna', 'anna@example.com', 'en', 1, 0, 0)");
    Exec(
        "INSERT INTO customers (external_ref, name, email, language, consent_contact, created_at, updated_at) "
        "VALUES ('bram', 'Bram', 'bram@example.com', 'nl', 0, 0, 0)");
    anna_item_ = AddItem("survey", "anna", "The parking is always full", "{}", std::nullopt);
    bram_item_ = AddItem("complaint", "bram", "Parkeren is een ramp", "{}", std::nullopt);
    // Told a colleague at the school gate; the customer has no known address but wants to hear back.
    heard_item_ = AddItem("employee", "", "Geen plek om te parkeren bij de winkel",
                          R"({"contact_consent":"yes","customer_name":"mevrouw Jansen"})", reporter_);
  }

  void TearDown() override {
    service_.reset();
    pool_.reset();
    c_.reset();
  }

  void Exec(const std::string& sql, const std::vector<db::Value>& params = {}) { db::ExpectExec(*c_, sql, params); }

  std::int64_t Int(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return db::QueryInt(*c_, sql, params);
  }

  std::int64_t AddUser(const std::string& email, const std::string& name, const std::string& role) {
    Exec("INSERT INTO users (email, name, language, role, created_at, updated_at) VALUES ($1, $2, 'nl', $3, 0, 0)",
         {email, name, role});
    return Int("SELECT id FROM users WHERE email = $1", {email});
  }

  std::int64_t AddItem(const std::string& source, const std::string& customer, const std::string& text,
                       const std::string& attributes, std::optional<std::int64_t> reporter) {
    Exec(
        "INSERT INTO feedback (source, channel, customer_id, unit_id, text, language, received_at, attributes, "
        "reported_by, created_at) VALUES ($1, 'web', (SELECT id FROM customers WHERE external_ref = $2), "
        "(SELECT id FROM units WHERE code = 'utrecht'), $3, 'nl', $4, $5, $6, $4)",
        {source, customer, text, clock_.Now() - 86'400'000'000, attributes,
         reporter ? db::Value(*reporter) : db::Value(nullptr)});
    return Int("SELECT MAX(id) FROM feedback");
  }

  static ActionInput Input(std::string title, std::string unit = "", std::string due_date = "",
                           std::optional<std::int64_t> owner = std::nullopt) {
    ActionInput in;
    in.title = std::move(title);
    in.unit = std::move(unit);
    in.due_date = std::move(due_date);
    in.owner_user_id = owner;
    return in;
  }

  ActionWorker Worker(std::int64_t id, Role role) { return ActionWorker{Actor{id, role, {}, false}, "someone"}; }
  ActionWorker Coordinator() { return Worker(coordinator_, Role::kCoordinator); }

  ActionPlan NewPlan() {
    ActionInput in{"More parking places", "Rent the lot next door", owner_, "utrecht", "2027-03-31"};
    auto plan = service_->Create(Coordinator(), in, {anna_item_, bram_item_, heard_item_});
    EXPECT_TRUE(plan.ok()) << plan.error().ToString();
    return plan.ok() ? *plan : ActionPlan{};
  }

  std::vector<notify::OutboxEntry> Mails() {
    auto mails = notify::ListOutbox(*c_, 100);
    EXPECT_TRUE(mails.ok());
    return mails.ok() ? *mails : std::vector<notify::OutboxEntry>{};
  }

  std::string How(std::int64_t feedback_id, const std::string& milestone) {
    auto rows = c_->Query(
        "SELECT how FROM action_messages WHERE feedback_id = $1 AND milestone = $2 ORDER BY created_at "
        "DESC",
        {feedback_id, milestone});
    return rows.ok() && !rows->empty() ? db::AsText(rows->rows[0][0]) : "";
  }

  ManualClock clock_;
  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<ActionService> service_;
  std::int64_t coordinator_ = 0, owner_ = 0, reporter_ = 0, anna_item_ = 0, bram_item_ = 0, heard_item_ = 0;
};

TEST_P(ActionServiceEnginesTest, ANotNowDecisionIsToldToEveryoneWhoMayHearIt) {
  const ActionPlan plan = NewPlan();
  EXPECT_EQ(plan.status, ActionStatus::kProposed);
  EXPECT_EQ(plan.item_count, 3);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM feedback_triage WHERE outcome = 'linked'"), 3);
  EXPECT_TRUE(Mails().empty()) << "nothing is told before a decision";

  auto decided = service_->Decide(Coordinator(), plan.id, Decision::kNotNow, "The lot is for sale only in 2027.");
  ASSERT_TRUE(decided.ok()) << decided.error().ToString();
  EXPECT_EQ(decided->status, ActionStatus::kDecided);

  const auto mails = Mails();
  ASSERT_EQ(mails.size(), 2u);  // Anna's, and Erik's task; Bram did not agree to be contacted
  const auto& to_anna = mails[0].mail.to_address == "anna@example.com" ? mails[0] : mails[1];
  const auto& to_erik = mails[0].mail.to_address == "erik@example.com" ? mails[0] : mails[1];
  EXPECT_EQ(to_anna.mail.kind, "actions.customer");
  EXPECT_NE(to_anna.mail.subject.find("Not now"), std::string::npos) << "in Anna's language: " << to_anna.mail.subject;
  EXPECT_NE(to_anna.mail.text_body.find("The lot is for sale only in 2027."), std::string::npos);
  EXPECT_NE(to_anna.mail.text_body.find("The parking is always full"), std::string::npos);
  EXPECT_EQ(to_erik.mail.kind, "actions.tell");
  EXPECT_NE(to_erik.mail.subject.find("mevrouw Jansen"), std::string::npos) << to_erik.mail.subject;
  EXPECT_EQ(How(anna_item_, "decided"), "mail");
  EXPECT_EQ(How(bram_item_, "decided"), "nobody");
  EXPECT_EQ(How(heard_item_, "decided"), "colleague");

  // The colleague's open task, until ticked off.
  auto tasks = OpenTellTasks(*c_, reporter_);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].customer_name, "mevrouw Jansen");
  EXPECT_FALSE(service_->MarkTold(Worker(owner_, Role::kManager), plan.id, heard_item_, "decided").ok())
      << "only the colleague ticks off their own task";
  ASSERT_TRUE(service_->MarkTold(Worker(reporter_, Role::kEmployee), plan.id, heard_item_, "decided").ok());
  EXPECT_TRUE(OpenTellTasks(*c_, reporter_)->empty());

  // The same decision again (a better reason) tells nobody twice; a changed decision is told again.
  ASSERT_TRUE(service_->Decide(Coordinator(), plan.id, Decision::kNotNow, "Only in 2027, sorry.").ok());
  EXPECT_EQ(Mails().size(), 2u);
  ASSERT_TRUE(service_->Decide(Coordinator(), plan.id, Decision::kDo, "The lot came free.").ok());
  EXPECT_EQ(Mails().size(), 4u);

  auto feed = ListFeed(*c_, 0, 10);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 3u);
  EXPECT_EQ((*feed)[0].plan.decision, Decision::kDo);
}

TEST_P(ActionServiceEnginesTest, WorkStartsOnlyAfterDoAndAFinishedPlanIsAnEventToldToTheCustomers) {
  const ActionPlan plan = NewPlan();
  auto early = service_->Start(Worker(owner_, Role::kManager), plan.id);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "status");
  ASSERT_TRUE(service_->Decide(Coordinator(), plan.id, Decision::kDo, "Customers keep asking.").ok());
  EXPECT_FALSE(service_->Start(Worker(reporter_, Role::kEmployee), plan.id).ok()) << "not the owner";
  ASSERT_TRUE(service_->Start(Worker(owner_, Role::kManager), plan.id).ok());
  ASSERT_TRUE(service_->AddNote(Worker(owner_, Role::kManager), plan.id, "Contract signed").ok());
  clock_.Advance(86'400'000'000);
  auto done = service_->Finish(Worker(owner_, Role::kManager), plan.id, "40 extra places");
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  EXPECT_EQ(done->status, ActionStatus::kDone);
  ASSERT_TRUE(done->event_id.has_value());
  EXPECT_EQ(Int("SELECT happened_at FROM events WHERE id = $1", {*done->event_id}), clock_.Now());
  EXPECT_EQ(How(anna_item_, "done"), "mail");
  EXPECT_EQ(Int("SELECT COUNT(*) FROM outbox WHERE kind = 'actions.customer'"), 2);  // decided and done, to Anna

  // An item linked after the fact hears the decision and that it is done, at once.
  Exec(
      "INSERT INTO customers (external_ref, name, email, language, consent_contact, created_at, updated_at) "
      "VALUES ('cas', 'Cas', 'cas@example.com', 'nl', 1, 0, 0)");
  const std::int64_t late = AddItem("review", "cas", "Waar moet ik parkeren?", "{}", std::nullopt);
  ASSERT_TRUE(service_->Link(Coordinator(), plan.id, {late}).ok());
  EXPECT_EQ(Int("SELECT COUNT(*) FROM outbox WHERE to_address = 'cas@example.com'"), 2);

  auto events = ListActionEvents(*c_, plan.id);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> kinds;
  for (const auto& e : *events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"created", "decided", "started", "note", "done", "linked"}));
}

TEST_P(ActionServiceEnginesTest, RefusedStepsChangeNothing) {
  const ActionPlan plan = NewPlan();
  struct Row {
    const char* what;
    std::function<Result<ActionPlan>()> step;
    ErrorCode code;
    std::string field;
  };
  const Row rows[] = {
      {"an employee creates", [&] { return service_->Create(Worker(reporter_, Role::kEmployee), Input("x"), {}); },
       ErrorCode::kPermissionDenied, ""},
      {"no title", [&] { return service_->Create(Coordinator(), Input("  "), {}); }, ErrorCode::kInvalidArgument,
       "title"},
      {"unknown unit", [&] { return service_->Create(Coordinator(), Input("x", "nowhere"), {}); },
       ErrorCode::kInvalidArgument, "unit"},
      {"bad due date", [&] { return service_->Create(Coordinator(), Input("x", "", "31-03-2027"), {}); },
       ErrorCode::kInvalidArgument, "due_date"},
      {"unknown owner", [&] { return service_->Create(Coordinator(), Input("x", "", "", 9999), {}); },
       ErrorCode::kInvalidArgument, "owner_user_id"},
      {"unknown item", [&] { return service_->Create(Coordinator(), Input("x"), {anna_item_ + 1000}); },
       ErrorCode::kInvalidArgument, "feedback_ids[0]"},
      {"item of another plan", [&] { return service_->Create(Coordinator(), Input("x"), {anna_item_}); },
       ErrorCode::kConflict, ""},
      {"decision without reason", [&] { return service_->Decide(Coordinator(), plan.id, Decision::kWont, " "); },
       ErrorCode::kInvalidArgument, "reason"},
      {"finish before start", [&] { return service_->Finish(Coordinator(), plan.id, ""); }, ErrorCode::kInvalidArgument,
       "status"},
      {"unknown plan", [&] { return service_->AddNote(Coordinator(), plan.id + 100, "hi"); }, ErrorCode::kNotFound, ""},
  };
  for (const Row& row : rows) {
    auto result = row.step();
    ASSERT_FALSE(result.ok()) << row.what;
    EXPECT_EQ(result.error().code, row.code) << row.what << ": " << result.error().ToString();
    if (!row.field.empty()) {
      EXPECT_EQ(result.error().field, row.field) << row.what;
    }
  }
  EXPECT_EQ(Int("SELECT COUNT(*) FROM actions"), 1);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM action_items"), 3);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM action_messages"), 0);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM action_events"), 1);
  auto after = GetAction(*c_, plan.id);
  ASSERT_TRUE(after.ok() && after->has_value());
  EXPECT_EQ((*after)->status, ActionStatus::kProposed);
}

TEST_P(ActionServiceEnginesTest, EveryoneGetsTheWeeksDecisionsOnceOnMondayMorning) {
  const ActionPlan plan = NewPlan();
  const auto digests = [&] {
    auto sent = SendWeeklyDigests(*pool_, clock_, "http://ks.test");
    EXPECT_TRUE(sent.ok()) << sent.error().ToString();
    return sent.ok() ? *sent : 0;
  };
  clock_.Set(*ParseRfc3339("2026-12-07T06:30:00Z"));  // Monday 07:30 in Amsterdam: a week with no decisions
  EXPECT_EQ(digests(), 0u);
  clock_.Set(*ParseRfc3339("2026-12-02T10:00:00Z"));  // Wednesday of week 49
  ASSERT_TRUE(service_->Decide(Coordinator(), plan.id, Decision::kWont, "Too expensive for what it brings.").ok());
  clock_.Set(*ParseRfc3339("2026-12-07T06:30:00Z"));
  EXPECT_EQ(digests(), 0u) << "not before 08:00 on Monday";
  clock_.Set(*ParseRfc3339("2026-12-07T07:30:00Z"));
  EXPECT_EQ(digests(), 3u);  // Cora, Otto and Erik
  EXPECT_EQ(digests(), 0u) << "once per user and week";
  auto mails = c_->Query("SELECT subject, text_body FROM outbox WHERE kind = 'actions.digest' AND to_address = $1",
                         {std::string("erik@example.com")});
  ASSERT_TRUE(mails.ok());
  ASSERT_EQ(mails->size(), 1u);
  EXPECT_NE(db::AsText(mails->rows[0][0]).find("2026-W49"), std::string::npos) << db::AsText(mails->rows[0][0]);
  EXPECT_NE(db::AsText(mails->rows[0][1]).find("Too expensive for what it brings."), std::string::npos);
  clock_.Set(*ParseRfc3339("2026-12-14T08:00:00Z"));  // the week after: nothing new was decided
  EXPECT_EQ(digests(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Engines, ActionServiceEnginesTest,
                         ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::actions
