// The index feed on both engines: Start() loads what is there, CatchUp() brings what was committed since
// (inserts and changes, each item once however often it is read), a transaction that commits late is
// never passed over (PostgreSQL), and a new organisation time zone rebuilds the days.
#include "analytics/index_feed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "accounts/organisation_settings.h"
#include "analytics/summary_query.h"
#include "base/time.h"
#include "db/migrations.h"
#include "db/test_database.h"

namespace ks::analytics {
namespace {

constexpr const char* kMarch = "2026-03-10T10:00:00Z";
constexpr const char* kOneWriter = "SQLite has one writer at a time: no transaction commits while another one writes";

// Polls `done` every 10 ms for up to 5 s; whether it came true.
bool Eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

class IndexFeedTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    auto t = db::TestDatabase::Create(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(*t);
    c_ = Connect();
    ASSERT_NE(c_, nullptr);
    auto migrated = db::Migrate(*c_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().ToString();
  }

  void TearDown() override {
    if (feed_) feed_->Stop();  // before the connections and the database go
  }

  std::unique_ptr<db::Connection> Connect() {
    auto c = database_->database().Connect();
    EXPECT_TRUE(c.ok()) << c.error().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }

  // Inserts an nps item (no score for a negative `score`) on `c`; returns its id.
  static std::int64_t Insert(db::Connection& c, int score, const std::string& when = kMarch,
                             const std::string& source = "survey", std::optional<std::int64_t> customer = {}) {
    db::Value value = nullptr, scale = nullptr, klass = nullptr;
    if (score >= 0) {
      value = std::int64_t{score};
      scale = std::string("nps");
      klass = std::string(MoodName(MoodOf(Scale::kNps, score)));
    }
    auto rows = c.Query(
        "INSERT INTO feedback (source, channel, customer_id, brand, score_value, score_scale, score_class, text, "
        "received_at, attributes, created_at) VALUES ($1, 'email', $2, 'own', $3, $4, $5, 'tekst', $6, '{}', 0) "
        "RETURNING id",
        {source, customer ? db::Value(*customer) : db::Value(nullptr), value, scale, klass,
         ParseRfc3339(when).value()});
    EXPECT_TRUE(rows.ok()) << rows.error().ToString();
    return rows.ok() ? db::AsInt(rows->rows.at(0)[0]) : 0;
  }
  std::int64_t Insert(int score, const std::string& when = kMarch) { return Insert(*c_, score, when); }

  void StartFeed(Micros poll_interval = 0, size_t load_batch = 50'000) {
    feed_ = std::make_unique<IndexFeed>(database_->database(), index_, IndexFeed::Options{poll_interval, load_batch});
    auto started = feed_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
  }

  void CatchUp() {
    auto done = feed_->CatchUp();
    ASSERT_TRUE(done.ok()) << done.error().ToString();
  }

  Summary Run(const SummaryQuery& q) {
    Result<Summary> s = Error::Internal("not run");
    index_.Read([&](const Columns& c) { s = RunSummary(c, q); });
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return s.ok() ? *s : Summary{};
  }
  // The nps histogram of every item (0..10).
  std::vector<std::int64_t> Histogram() {
    SummaryQuery q;
    q.filter.scale = Scale::kNps;
    return Run(q).total.histogram;
  }
  static std::vector<std::int64_t> HistogramOf(std::initializer_list<int> scores) {
    std::vector<std::int64_t> h(11, 0);
    for (int s : scores) ++h[static_cast<size_t>(s)];
    return h;
  }
  std::vector<std::string> MonthKeys() {
    SummaryQuery q;
    q.group_by = GroupBy::kMonth;
    std::vector<std::string> keys;
    for (const auto& g : Run(q).groups) keys.push_back(g.key);
    return keys;
  }

  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  FeedbackIndex index_{TimeZone::Find("Europe/Amsterdam").value()};
  std::unique_ptr<IndexFeed> feed_;
};

TEST_P(IndexFeedTest, StartLoadsEveryExistingItem) {
  ASSERT_TRUE(c_->Exec("INSERT INTO customers (external_ref, attributes, created_at, updated_at) "
                       "VALUES ('k1', '{\"segment\":\"B2B\"}', 0, 0)")
                  .ok());
  const std::int64_t customer = db::AsInt(c_->Query("SELECT id FROM customers").value().rows.at(0)[0]);
  for (int score : {0, 5, 7, 9, 10}) Insert(*c_, score);
  Insert(*c_, 9, kMarch, "survey", customer);
  Insert(*c_, -1, kMarch, "complaint");
  StartFeed(0, 2);  // loaded two at a time: four batches
  EXPECT_EQ(index_.size(), 7U);
  EXPECT_EQ(Histogram(), HistogramOf({0, 5, 7, 9, 10, 9}));
  SummaryQuery b2b;
  b2b.filter.attributes["segment"] = {"B2B"};
  EXPECT_EQ(Run(b2b).total.n, 1);
  SummaryQuery all;
  EXPECT_EQ(Run(all).total.complaints, 1);
}

TEST_P(IndexFeedTest, ItemsWrittenAfterStartAppearAfterCatchUp) {
  StartFeed();
  EXPECT_EQ(index_.size(), 0U);
  Insert(10);
  Insert(3);
  EXPECT_EQ(index_.size(), 0U);  // no polling thread: only CatchUp() reads
  CatchUp();
  EXPECT_EQ(index_.size(), 2U);
  Insert(8);
  CatchUp();
  EXPECT_EQ(index_.size(), 3U);
  EXPECT_EQ(Histogram(), HistogramOf({10, 3, 8}));
}

TEST_P(IndexFeedTest, AnUpdateReplacesTheItem) {
  const std::int64_t id = Insert(3);
  Insert(7);
  StartFeed();
  ASSERT_TRUE(c_->Exec("UPDATE feedback SET score_value = 9, score_class = 'happy' WHERE id = $1", {id}).ok());
  CatchUp();
  EXPECT_EQ(index_.size(), 2U);
  EXPECT_EQ(Histogram(), HistogramOf({9, 7}));
  // Moved to another month.
  ASSERT_TRUE(
      c_->Exec("UPDATE feedback SET received_at = $1 WHERE id = $2", {ParseRfc3339("2026-05-01T10:00:00Z").value(), id})
          .ok());
  CatchUp();
  EXPECT_EQ(MonthKeys(), (std::vector<std::string>{"2026-03", "2026-05"}));
}

TEST_P(IndexFeedTest, ReadingAgainNeverCountsTwice) {
  StartFeed();
  const std::int64_t id = Insert(2);
  Insert(6);
  for (int i = 0; i < 3; ++i) CatchUp();
  EXPECT_EQ(index_.size(), 2U);
  for (int score : {4, 5, 9}) {
    ASSERT_TRUE(c_->Exec("UPDATE feedback SET score_value = $1 WHERE id = $2", {std::int64_t{score}, id}).ok());
    CatchUp();
    CatchUp();
  }
  EXPECT_EQ(index_.size(), 2U);
  EXPECT_EQ(Histogram(), HistogramOf({9, 6}));
  // A second start reloads from scratch rather than adding to what is there.
  feed_->Stop();
  StartFeed();
  EXPECT_EQ(index_.size(), 2U);
  EXPECT_EQ(Histogram(), HistogramOf({9, 6}));
}

// An item's attributes are its customer's overlaid by its own, so a customer's new segment is news for
// the index although no feedback row changed.
TEST_P(IndexFeedTest, ACustomersNewAttributesReachTheIndex) {
  ASSERT_TRUE(c_->Exec("INSERT INTO customers (external_ref, attributes, created_at, updated_at) "
                       "VALUES ('k1', '{\"segment\":\"B2B\"}', 0, 0)")
                  .ok());
  const std::int64_t customer = db::AsInt(c_->Query("SELECT id FROM customers").value().rows.at(0)[0]);
  Insert(*c_, 9, kMarch, "survey", customer);
  StartFeed();
  SummaryQuery b2c;
  b2c.filter.attributes["segment"] = {"B2C"};
  EXPECT_EQ(Run(b2c).total.n, 0);
  ASSERT_TRUE(c_->Exec("UPDATE customers SET attributes = '{\"segment\":\"B2C\"}', updated_at = 1").ok());
  CatchUp();
  EXPECT_EQ(Run(b2c).total.n, 1) << "the index still has the customer's old segment";
}

// PostgreSQL: an item committed while the load ran is read by the load and again by the first catch-up
// (its transaction was running when the load began); it is indexed once.
TEST_P(IndexFeedTest, AnItemLoadedAndCaughtUpIsIndexedOnce) {
  if (GetParam() == db::Engine::kSqlite) GTEST_SKIP() << kOneWriter;
  auto other = Connect();
  ASSERT_TRUE(other->Begin().ok());
  Insert(*other, 1);  // holds the oldest running transaction back
  Insert(9);
  StartFeed();  // loads 9; catching up starts at the open transaction
  EXPECT_EQ(Histogram(), HistogramOf({9}));
  ASSERT_TRUE(other->Commit().ok());
  // Another test's transaction elsewhere on the server can hold the horizon back for a moment.
  EXPECT_TRUE(Eventually([&] {
    EXPECT_TRUE(feed_->CatchUp().ok());
    return index_.size() == 2;
  }));
  EXPECT_EQ(Histogram(), HistogramOf({1, 9}));
}

// PostgreSQL: a transaction that began earlier commits after a later one. The later one's item shows at
// the next catch-up, and the earlier one's is not missed when it commits.
TEST_P(IndexFeedTest, AnOlderTransactionCommittingLateIsNotMissed) {
  if (GetParam() == db::Engine::kSqlite) GTEST_SKIP() << kOneWriter;
  StartFeed();
  auto other = Connect();
  ASSERT_TRUE(other->Begin().ok());
  Insert(*other, 2);  // the earlier transaction: written, not committed
  Insert(10);         // a later transaction, committed
  CatchUp();
  EXPECT_EQ(Histogram(), HistogramOf({10})) << "the committed item is not in the index while an older "
                                               "transaction is still running";
  ASSERT_TRUE(other->Commit().ok());
  EXPECT_TRUE(Eventually([&] {
    EXPECT_TRUE(feed_->CatchUp().ok());
    return index_.size() == 2;
  }));
  EXPECT_EQ(Histogram(), HistogramOf({2, 10}));
}

// PostgreSQL: the same, with only the guarantee that nothing is missed once both have committed.
TEST_P(IndexFeedTest, NoItemIsMissedWhenTransactionsCommitOutOfOrder) {
  if (GetParam() == db::Engine::kSqlite) GTEST_SKIP() << kOneWriter;
  StartFeed();
  auto first = Connect();
  auto second = Connect();
  ASSERT_TRUE(first->Begin().ok());
  ASSERT_TRUE(second->Begin().ok());
  Insert(*first, 4);
  Insert(*second, 8);
  ASSERT_TRUE(second->Commit().ok());
  CatchUp();
  Insert(7);
  CatchUp();
  ASSERT_TRUE(first->Commit().ok());
  EXPECT_TRUE(Eventually([&] {
    EXPECT_TRUE(feed_->CatchUp().ok());
    return index_.size() == 3;
  }));
  EXPECT_EQ(Histogram(), HistogramOf({4, 8, 7}));
  CatchUp();
  EXPECT_EQ(index_.size(), 3U);
}

TEST_P(IndexFeedTest, ANewTimeZoneRebuildsTheDays) {
  // 22:30 UTC on 31 March: 1 April in Amsterdam (UTC+2), still 31 March in UTC.
  Insert(9, "2026-03-31T22:30:00Z");
  StartFeed(Micros{50'000});
  EXPECT_EQ(index_.time_zone(), "Europe/Amsterdam");
  EXPECT_EQ(MonthKeys(), (std::vector<std::string>{"2026-04"}));
  auto settings = LoadSettings(*c_);
  ASSERT_TRUE(settings.ok());
  settings->time_zone = "UTC";
  ASSERT_TRUE(SaveSettings(*c_, *settings).ok());
  ASSERT_TRUE(Eventually([&] { return index_.time_zone() == "UTC" && index_.size() == 1; }))
      << "still " << index_.time_zone();
  EXPECT_EQ(MonthKeys(), (std::vector<std::string>{"2026-03"}));
  // The polling thread keeps catching up after the rebuild.
  Insert(3, "2026-04-30T23:30:00Z");  // 30 April in UTC (1 May in Amsterdam)
  ASSERT_TRUE(Eventually([&] { return index_.size() == 2; }));
  EXPECT_EQ(MonthKeys(), (std::vector<std::string>{"2026-03", "2026-04"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, IndexFeedTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::analytics
