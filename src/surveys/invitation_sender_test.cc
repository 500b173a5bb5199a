// The invitation sender on both engines, driven by a manual clock: it sends what is due (e-mail into
// the outbox with its link token, SMS through the provider), nothing before its time, skips with the
// reason the rules give, honours a survey's daily cap, retries an SMS the provider could not take,
// and gives up on one it refuses.
#include "surveys/invitation_sender.h"

#include <gtest/gtest.h>

#include "base/time.h"
#include "db/test_database.h"
#include "notify/outbox.h"
#include "surveys/survey_public_pages.h"
#include "surveys/survey_store.h"

namespace ks::surveys {
namespace {

constexpr Micros kMinute = Micros{60} * kMicrosPerSecond;
// Monday 2 November 2026, 11:00 in Amsterdam: outside the default quiet hours.
const Micros kStart = ParseRfc3339("2026-11-02T10:00:00Z").value();

// An SMS provider that records what it is given and answers with `next`.
class FakeSms : public notify::SmsTransport {
 public:
  Result<void> Send(const notify::Sms& sms) override {
    sent.push_back(sms);
    return next;
  }
  std::vector<notify::Sms> sent;
  Result<void> next = Ok();
};

class InvitationSenderTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    pool_ = std::make_unique<db::ConnectionPool>(database_->database(), 2);
    sender_ = std::make_unique<InvitationSender>(*pool_, clock_, SurveyTexts(), &sms_,
                                                 InvitationSender::Options{.base_url = "https://feedback.example"});
  }

  std::int64_t Survey(const std::string& slug, const std::string& extra = "") {
    auto parsed = ParseSurveyJson(
        nlohmann::json::parse(R"({"name": "Na levering", "slug": ")" + slug +
                              R"(", "question": {"nl": "Hoe was het?", "en": "How was it?"})" + extra + "}"));
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    return CreateSurvey(*c_, *parsed, clock_.Now()).value().id;
  }

  // A customer and an invitation due at `due`; returns the invitation's id.
  std::int64_t Invite(std::int64_t survey, const std::string& ref, const std::string& channel, Micros due,
                      const std::string& status = "active") {
    EXPECT_TRUE(c_->Exec("INSERT INTO customers (external_ref, name, email, phone, language, status, survey_sms, "
                         "created_at, updated_at) VALUES ($1, 'Anna', $2, '+31612345678', 'en', $3, 1, 0, 0) "
                         "ON CONFLICT (external_ref) DO NOTHING",
                         {ref, ref + "@example.nl", status})
                    .ok());
    auto rows = c_->Query(
        "INSERT INTO invitations (survey_id, survey_version, customer_id, channel, state, scheduled_at, created_at) "
        "VALUES ($1, 1, (SELECT id FROM customers WHERE external_ref = $2), $3, 'scheduled', $4, 0) RETURNING id",
        {survey, ref, channel, due});
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    return db::AsInt(rows->rows[0][0]);
  }

  std::pair<std::string, std::string> State(std::int64_t id) {
    auto rows = c_->Query("SELECT state, skip_reason FROM invitations WHERE id = $1", {id});
    return {db::AsText(rows->rows[0][0]), db::AsText(rows->rows[0][1])};
  }

  int Pass() {
    auto handled = sender_->RunOnce();
    EXPECT_TRUE(handled.ok()) << handled.error().message;
    return handled.value_or(-1);
  }

  ManualClock clock_{kStart};
  FakeSms sms_;
  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<InvitationSender> sender_;
};

TEST_P(InvitationSenderTest, SendsAnEmailWhenDueAndNotBefore) {
  const auto survey = Survey("levering");
  const auto id = Invite(survey, "c1", "email", kStart + 10 * kMinute);
  EXPECT_EQ(Pass(), 0);
  EXPECT_EQ(State(id).first, "scheduled");
  clock_.Advance(10 * kMinute);
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(State(id).first, "sent");
  auto mails = notify::ListOutbox(*c_, 10).value();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail.to_address, "c1@example.nl");
  EXPECT_EQ(mails[0].mail.subject, "klantstem would like your opinion");  // in the customer's language
  EXPECT_NE(mails[0].mail.text_body.find("https://feedback.example/s/"), std::string::npos);
  ASSERT_EQ(mails[0].mail.headers.size(), 2u);
  EXPECT_EQ(mails[0].mail.headers[0].first, "List-Unsubscribe");
  EXPECT_EQ(db::AsInt(c_->Query("SELECT COUNT(*) FROM invitation_tokens").value().rows[0][0]), 1);
  EXPECT_EQ(Pass(), 0);  // sent once
  EXPECT_EQ(sender_->counts().sent, 1);
}

TEST_P(InvitationSenderTest, LostCustomersGetOnlyExitSurveys) {
  const auto id = Invite(Survey("levering"), "lost-1", "email", kStart, "lost");
  const auto exit = Invite(Survey("vertrek", R"(, "exit_survey": true)"), "lost-2", "email", kStart, "lost");
  EXPECT_EQ(Pass(), 2);
  EXPECT_EQ(State(id), (std::pair<std::string, std::string>{"skipped", "lost"}));
  EXPECT_EQ(State(exit).first, "sent");
  EXPECT_EQ(sender_->counts().skipped.at("lost"), 1);
}

TEST_P(InvitationSenderTest, TheDailyCapHoldsUntilLocalMidnight) {
  const auto survey = Survey("levering", R"(, "daily_cap": 1)");
  const auto first = Invite(survey, "cap-1", "email", kStart);
  const auto second = Invite(survey, "cap-2", "email", kStart);
  EXPECT_EQ(Pass(), 2);
  EXPECT_EQ(State(first).first, "sent");
  EXPECT_EQ(State(second), (std::pair<std::string, std::string>{"skipped", "daily_cap"}));
  // The next day (after midnight in Amsterdam, 23:00 UTC) the cap starts again.
  const auto third = Invite(survey, "cap-3", "email", ParseRfc3339("2026-11-02T23:30:00Z").value());
  clock_.Set(ParseRfc3339("2026-11-03T08:30:00Z").value());  // 09:30 local, after quiet hours
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(State(third).first, "sent");
}

TEST_P(InvitationSenderTest, AnSmsTheProviderCannotTakeIsRetriedAndOneItRefusesIsGivenUp) {
  const auto survey = Survey("levering");
  const auto id = Invite(survey, "sms-1", "sms", kStart);
  sms_.next = Error::Unavailable("provider down");
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(State(id).first, "scheduled");
  EXPECT_EQ(Pass(), 0);  // not before the retry time
  clock_.Advance(kMinute);
  sms_.next = Ok();
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(State(id).first, "sent");
  ASSERT_EQ(sms_.sent.size(), 2u);
  EXPECT_EQ(sms_.sent[1].to, "+31612345678");
  EXPECT_NE(sms_.sent[1].text.find("https://feedback.example/s/"), std::string::npos);

  const auto refused = Invite(survey, "sms-2", "sms", clock_.Now());
  sms_.next = Error::Invalid("sms", "invalid number");
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(State(refused).first, "failed");
  EXPECT_EQ(sender_->counts().failed, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, InvitationSenderTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::surveys
