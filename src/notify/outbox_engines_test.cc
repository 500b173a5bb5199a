// The outbox's claims on both engines (SQLite and the real PostgreSQL of the `postgres` fixture):
// a claimed mail is leased, so a second sender does not take it until the lease ends; a sent or
// failed mail is never claimed again; a retry waits for its time.
#include <gtest/gtest.h>

#include "db/migrations.h"
#include "db/test_database.h"
#include "notify/outbox.h"

namespace ks::notify {
namespace {

constexpr Micros kMinute = 60 * kMicrosPerSecond;
constexpr Micros kStart = 1'800'000'000LL * kMicrosPerSecond;

class OutboxEnginesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    auto t = db::TestDatabase::Create(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    test_database_ = std::move(*t);
    auto a = test_database_->database().Connect();
    auto b = test_database_->database().Connect();
    ASSERT_TRUE(a.ok() && b.ok());
    sender_a_ = std::move(*a);
    sender_b_ = std::move(*b);
    ASSERT_TRUE(db::Migrate(*sender_a_).ok());
    for (int i = 0; i < 3; ++i) {
      const auto s =
          OutboxInsertStatement({"test", "p" + std::to_string(i) + "@example.nl", "", "s", "t", "", {}}, kStart + i);
      ASSERT_TRUE(sender_a_->Exec(s.sql, s.params).ok());
    }
  }

  std::unique_ptr<db::TestDatabase> test_database_;
  std::unique_ptr<db::Connection> sender_a_, sender_b_;
};

TEST_P(OutboxEnginesTest, ClaimsAreLeasesAndOutcomesAreFinal) {
  const Micros now = kStart + kMinute;
  auto first = ClaimDueMails(*sender_a_, now, 2, 5 * kMinute);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].mail.to_address, "p0@example.nl");  // oldest first
  EXPECT_EQ((*first)[0].attempts, 1);
  // Another sender gets only what is not leased.
  auto second = ClaimDueMails(*sender_b_, now, 10, 5 * kMinute);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].mail.to_address, "p2@example.nl");
  EXPECT_TRUE(ClaimDueMails(*sender_b_, now, 10, 5 * kMinute)->empty());

  ASSERT_TRUE(MarkSent(*sender_a_, (*first)[0].id, now).ok());
  ASSERT_TRUE(MarkRetry(*sender_a_, (*first)[1].id, "451 later", now + 2 * kMinute).ok());
  ASSERT_TRUE(MarkFailed(*sender_b_, (*second)[0].id, "550 no such user", now).ok());
  // The retry is due again at its time, not before; sent and failed mails never come back.
  EXPECT_TRUE(ClaimDueMails(*sender_b_, now + kMinute, 10, 5 * kMinute)->empty());
  auto retried = ClaimDueMails(*sender_b_, now + 2 * kMinute, 10, 5 * kMinute);
  ASSERT_EQ(retried->size(), 1u);
  EXPECT_EQ((*retried)[0].attempts, 2);
  EXPECT_EQ((*retried)[0].last_error, "451 later");
  // A sender that died: its lease runs out and another sender takes the mail.
  auto after_lease = ClaimDueMails(*sender_a_, now + 2 * kMinute + 5 * kMinute, 10, 5 * kMinute);
  ASSERT_EQ(after_lease->size(), 1u);
  EXPECT_EQ((*after_lease)[0].attempts, 3);
  EXPECT_TRUE(ClaimDueMails(*sender_a_, kStart + 3600 * kMinute, 10, 5 * kMinute)->size() == 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, OutboxEnginesTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::notify
