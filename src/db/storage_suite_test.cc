// The storage suite: the same tests on SQLite (a file in a temporary folder) and on the real PostgreSQL
// server of the `postgres` ctest fixture (tests/postgres; its admin URL is in the file named by
// $KLANTSTEM_TEST_POSTGRES_URL_FILE). Without that URL the PostgreSQL cases fail rather than skip, so a
// run that silently tested only SQLite cannot pass. Every test gets a fresh database of its own.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "db/database.h"
#include "db/group_commit_writer.h"
#include "db/job_queue.h"
#include "db/migrations.h"
#include "db/test_database.h"

namespace ks::db {

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

template <typename T>
std::string ErrorText(const Result<T>& r) {
  return r.ok() ? std::string() : r.error().ToString();
}

// ---------------------------------------------------------------------------------------------------

class StorageSuite : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto t = TestDatabase::Create(GetParam());
    ASSERT_TRUE(t.ok()) << ErrorText(t);
    test_db_ = std::move(t).value();
    auto c = db().Connect();
    ASSERT_TRUE(c.ok()) << ErrorText(c);
    c_ = std::move(c).value();
  }

  void TearDown() override {
    c_.reset();
    test_db_.reset();
  }

  Database& db() { return test_db_->database(); }
  Connection& c() { return *c_; }
  bool postgres() const { return GetParam() == Engine::kPostgres; }

  void MigrateOrFail() {
    auto applied = Migrate(c());
    ASSERT_TRUE(applied.ok()) << ErrorText(applied);
  }

  std::int64_t Count(const std::string& sql) {
    auto rows = c().Query(sql);
    EXPECT_TRUE(rows.ok()) << ErrorText(rows);
    return rows.ok() && !rows->empty() ? AsInt(rows->rows[0][0]) : -1;
  }

  std::unique_ptr<TestDatabase> test_db_;
  std::unique_ptr<Connection> c_;
};

Statement InsertUnit(const std::string& code) {
  return {"INSERT INTO units (code, name, kind, created_at) VALUES ($1, $2, 'team', $3) RETURNING id, code",
          {code, "Unit " + code, std::int64_t{1'700'000'000'000'000}}};
}

// --- migrations -------------------------------------------------------------------------------------

TEST_P(StorageSuite, MigrationsApplyFromEmptyAndAreIdempotent) {
  auto before = GetMigrationStatus(c());
  ASSERT_TRUE(before.ok()) << ErrorText(before);
  EXPECT_EQ(before->current, 0);
  EXPECT_FALSE(before->up_to_date());

  auto applied = Migrate(c());
  ASSERT_TRUE(applied.ok()) << ErrorText(applied);
  std::vector<int> all;
  for (const Migration& m : MigrationsFor(GetParam())) all.push_back(m.version);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(*applied, all);

  auto after = GetMigrationStatus(c());
  ASSERT_TRUE(after.ok()) << ErrorText(after);
  EXPECT_TRUE(after->up_to_date());
  EXPECT_EQ(after->current, all.back());

  auto again = Migrate(c());
  ASSERT_TRUE(again.ok()) << ErrorText(again);
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"), static_cast<std::int64_t>(all.size()));
  for (const char* table : {"units", "customers", "feedback", "api_keys", "jobs"}) {
    EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
  }

  // A second connection (another node starting) finds nothing to do either.
  auto other = db().Connect();
  ASSERT_TRUE(other.ok()) << ErrorText(other);
  auto from_other = Migrate(**other);
  ASSERT_TRUE(from_other.ok()) << ErrorText(from_other);
  EXPECT_TRUE(from_other->empty());
}

// --- values and types -------------------------------------------------------------------------------

TEST_P(StorageSuite, EveryValueTypeRoundTripsThroughParametersAndColumns) {
  ASSERT_TRUE(c().ExecScript("CREATE TABLE vals (k BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT)").ok());
  const std::string unicode = "Zoë “quoted” 😀 日本語 — ñ";
  const std::string tricky = "it's $1, not a parameter; \"quotes\" \\ back\nslash\ttab";
  const std::string long_text(100'000, 'x');
  const std::vector<std::vector<Value>> rows = {
      {std::int64_t{1}, std::numeric_limits<std::int64_t>::max(), 0.1, unicode},
      {std::int64_t{2}, std::numeric_limits<std::int64_t>::min(), -1.5e300, std::string()},
      {std::int64_t{3}, nullptr, nullptr, nullptr},
      {std::int64_t{4}, std::int64_t{0}, 1.0 / 3.0, tricky},
      {std::int64_t{5}, std::int64_t{9'007'199'254'740'993}, 4.9e-324, long_text},
  };
  for (const auto& row : rows) {
    auto r = c().Exec("INSERT INTO vals (k, i, d, s) VALUES ($1, $2, $3, $4)", row);
    ASSERT_TRUE(r.ok()) << ErrorText(r);
  }
  auto got = c().Query("SELECT k, i, d, s FROM vals ORDER BY k");
  ASSERT_TRUE(got.ok()) << ErrorText(got);
  EXPECT_EQ(got->columns, (std::vector<std::string>{"k", "i", "d", "s"}));
  ASSERT_EQ(got->size(), rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t col = 0; col < rows[r].size(); ++col) {
      EXPECT_EQ(got->rows[r][col], rows[r][col]) << "row " << r << " column " << col;
    }
  }

  // Parameters in WHERE: a large int64, a unicode text, NULL never equal to anything.
  auto by_int = c().Query("SELECT k FROM vals WHERE i = $1", {std::numeric_limits<std::int64_t>::min()});
  ASSERT_TRUE(by_int.ok()) << ErrorText(by_int);
  ASSERT_EQ(by_int->size(), 1u);
  EXPECT_EQ(AsInt(by_int->rows[0][0]), 2);
  auto by_text = c().Query("SELECT k FROM vals WHERE s = $1", {unicode});
  ASSERT_TRUE(by_text.ok()) << ErrorText(by_text);
  ASSERT_EQ(by_text->size(), 1u);
  EXPECT_EQ(AsInt(by_text->rows[0][0]), 1);
  auto by_null = c().Query("SELECT k FROM vals WHERE s = $1", {nullptr});
  ASSERT_TRUE(by_null.ok()) << ErrorText(by_null);
  EXPECT_TRUE(by_null->empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vals WHERE s IS NULL AND i IS NULL AND d IS NULL"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vals WHERE s = ''"), 1);  // empty text is not NULL
}

TEST_P(StorageSuite, ExpressionResultsConvertAlikeOnBothEngines) {
  auto got = c().Query(
      "SELECT (1 = 1) AS yes, (1 = 2) AS no, CAST(2.5 AS NUMERIC) AS n, CAST(7 AS INTEGER) AS i, "
      "CAST(-3 AS SMALLINT) AS small, CAST(0.25 AS REAL) AS r, 'x' AS s, NULL AS empty, CAST($1 AS BIGINT) AS p",
      {std::int64_t{42}});
  ASSERT_TRUE(got.ok()) << ErrorText(got);
  EXPECT_EQ(got->columns, (std::vector<std::string>{"yes", "no", "n", "i", "small", "r", "s", "empty", "p"}));
  ASSERT_EQ(got->size(), 1u);
  const std::vector<Value> expected = {std::int64_t{1},  std::int64_t{0},  2.5,
                                       std::int64_t{7},  std::int64_t{-3}, 0.25,
                                       std::string("x"), nullptr,          std::int64_t{42}};
  EXPECT_EQ(got->rows[0], expected);
}

// --- errors -----------------------------------------------------------------------------------------

TEST_P(StorageSuite, UniqueAndForeignKeyViolationsAreConflicts) {
  MigrateOrFail();
  auto first = c().Query(InsertUnit("amsterdam").sql, InsertUnit("amsterdam").params);
  ASSERT_TRUE(first.ok()) << ErrorText(first);

  auto duplicate = c().Query(InsertUnit("amsterdam").sql, InsertUnit("amsterdam").params);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict) << duplicate.error().message;
  EXPECT_THAT(duplicate.error().message, HasSubstr("units"));

  auto orphan = c().Exec(
      "INSERT INTO feedback (source, channel, unit_id, received_at, created_at) VALUES ('api', 'web', $1, 1, 1)",
      {std::int64_t{987654}});
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kConflict) << orphan.error().message;

  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), 1);  // and the connection is still usable
}

TEST_P(StorageSuite, BadSqlIsInternalWithTheEnginesMessage) {
  for (int attempt = 0; attempt < 2; ++attempt) {  // a failed statement is not cached as prepared
    auto bad = c().Query("SELEC 1");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
    EXPECT_THAT(bad.error().message, HasSubstr("syntax error"));
    EXPECT_THAT(bad.error().message, HasSubstr("SELEC"));
  }
  auto missing = c().Query("SELECT * FROM no_such_table WHERE id = $1", {std::int64_t{1}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInternal);
  EXPECT_THAT(missing.error().message, HasSubstr("no_such_table"));
  auto script = c().ExecScript("CREATE TABLE a (x INTEGER); CREATE TABLEX b (y INTEGER)");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.error().code, ErrorCode::kInternal);
  EXPECT_THAT(script.error().message, HasSubstr("TABLEX"));

  auto fine = c().Query("SELECT 1 + 1");
  ASSERT_TRUE(fine.ok()) << ErrorText(fine);
  EXPECT_EQ(AsInt(fine->rows[0][0]), 2);
}

// --- batches ----------------------------------------------------------------------------------------

TEST_P(StorageSuite, QueryBatchReturnsEachStatementsRows) {
  MigrateOrFail();
  auto batch =
      c().QueryBatch({{"BEGIN", {}},
                      InsertUnit("a"),
                      InsertUnit("b"),
                      {"UPDATE units SET manager = $1 WHERE code = $2", {std::string("Ann"), std::string("a")}},
                      {"SELECT code, manager FROM units ORDER BY code", {}},
                      {"COMMIT", {}}});
  ASSERT_TRUE(batch.ok()) << ErrorText(batch);
  ASSERT_EQ(batch->size(), 6u);
  EXPECT_TRUE((*batch)[0].empty());
  ASSERT_EQ((*batch)[1].size(), 1u);
  ASSERT_EQ((*batch)[2].size(), 1u);
  EXPECT_EQ((*batch)[1].columns, (std::vector<std::string>{"id", "code"}));
  EXPECT_EQ(AsText((*batch)[1].rows[0][1]), "a");
  EXPECT_EQ(AsText((*batch)[2].rows[0][1]), "b");
  EXPECT_NE(AsInt((*batch)[1].rows[0][0]), AsInt((*batch)[2].rows[0][0]));
  EXPECT_TRUE((*batch)[3].empty());
  ASSERT_EQ((*batch)[4].size(), 2u);
  EXPECT_EQ((*batch)[4].rows[0], (std::vector<Value>{std::string("a"), std::string("Ann")}));
  EXPECT_EQ((*batch)[4].rows[1], (std::vector<Value>{std::string("b"), nullptr}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), 2);

  auto empty = c().QueryBatch({});
  ASSERT_TRUE(empty.ok()) << ErrorText(empty);
  EXPECT_TRUE(empty->empty());
}

TEST_P(StorageSuite, QueryBatchErrorNamesTheStatementAndTheConnectionStaysUsable) {
  MigrateOrFail();
  ASSERT_TRUE(c().Exec(InsertUnit("taken").sql, InsertUnit("taken").params).ok());

  // A constraint violation in statement 2 of a transaction.
  auto conflict =
      c().QueryBatch({{"BEGIN", {}}, InsertUnit("new1"), InsertUnit("taken"), InsertUnit("new2"), {"COMMIT", {}}});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_THAT(conflict.error().message, HasSubstr("statement 2:"));
  ASSERT_TRUE(c().Rollback().ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), 1);

  // SQL that does not parse in statement 3; statement 1's SQL text and statement 4's are new to the
  // connection, so this also checks which prepared statements survive a failed batch.
  const Statement fresh_before{"SELECT COUNT(*) AS n FROM units WHERE code <> $1", {std::string("x")}};
  const Statement fresh_after{"SELECT MAX(id) AS m FROM units WHERE code <> $1", {std::string("y")}};
  auto bad = c().QueryBatch(
      {{"BEGIN", {}}, fresh_before, InsertUnit("new3"), {"SELEKT nothing", {}}, fresh_after, {"COMMIT", {}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
  EXPECT_THAT(bad.error().message, HasSubstr("statement 3:"));
  EXPECT_THAT(bad.error().message, HasSubstr("SELEKT"));
  ASSERT_TRUE(c().Rollback().ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), 1);

  auto again = c().QueryBatch({{"BEGIN", {}}, fresh_before, fresh_after, InsertUnit("new4"), {"COMMIT", {}}});
  ASSERT_TRUE(again.ok()) << ErrorText(again);
  EXPECT_EQ(AsInt((*again)[1].rows[0][0]), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), 2);
  auto single = c().Query(fresh_after.sql, fresh_after.params);
  ASSERT_TRUE(single.ok()) << ErrorText(single);
}

// 20,000 statements in one batch: one round trip on PostgreSQL, which must neither deadlock on full
// socket buffers nor lose a result.
TEST_P(StorageSuite, TwentyThousandStatementsInOneBatch) {
  MigrateOrFail();
  constexpr int kCount = 20'000;
  std::vector<Statement> statements;
  statements.reserve(kCount + 2);
  statements.push_back({"BEGIN", {}});
  for (int i = 0; i < kCount; ++i) statements.push_back(InsertUnit("u" + std::to_string(i)));
  statements.push_back({"COMMIT", {}});
  auto batch = c().QueryBatch(statements);
  ASSERT_TRUE(batch.ok()) << ErrorText(batch);
  ASSERT_EQ(batch->size(), statements.size());
  std::set<std::int64_t> ids;
  for (int i = 0; i < kCount; ++i) {
    const Rows& rows = (*batch)[i + 1];
    ASSERT_EQ(rows.size(), 1u) << i;
    EXPECT_EQ(AsText(rows.rows[0][1]), "u" + std::to_string(i));
    ids.insert(AsInt(rows.rows[0][0]));
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kCount));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), kCount);
}

// Big parameters going out while big results come back, in one batch.
TEST_P(StorageSuite, LargeValuesBothWaysInOneBatch) {
  ASSERT_TRUE(c().ExecScript("CREATE TABLE blobs (k BIGINT PRIMARY KEY, s TEXT NOT NULL)").ok());
  constexpr int kCount = 64;
  constexpr size_t kSize = size_t{256} * 1024;
  std::vector<Statement> statements;
  statements.reserve(kCount);
  for (int i = 0; i < kCount; ++i) {
    statements.push_back({"INSERT INTO blobs (k, s) VALUES ($1, $2) RETURNING k, s",
                          {std::int64_t{i}, std::string(kSize, static_cast<char>('a' + i % 26))}});
  }
  auto batch = c().QueryBatch(statements);
  ASSERT_TRUE(batch.ok()) << ErrorText(batch);
  ASSERT_EQ(batch->size(), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ((*batch)[i].size(), 1u);
    EXPECT_EQ((*batch)[i].rows[0][1], statements[i].params[1]) << i;
  }
  EXPECT_EQ(Count("SELECT SUM(LENGTH(s)) FROM blobs"), static_cast<std::int64_t>(kCount * kSize));
}

TEST_P(StorageSuite, UpsertWithReturningBehavesAlike) {
  MigrateOrFail();
  const std::string upsert =
      "INSERT INTO units (code, name, kind, created_at) VALUES ($1, $2, 'team', 1) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id, name";
  auto first = c().Query(upsert, {std::string("rdam"), std::string("Rotterdam")});
  auto second = c().Query(upsert, {std::string("rdam"), std::string("Rotterdam Zuid")});
  ASSERT_TRUE(first.ok()) << ErrorText(first);
  ASSERT_TRUE(second.ok()) << ErrorText(second);
  ASSERT_EQ(first->size(), 1u);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ(AsInt(first->rows[0][0]), AsInt(second->rows[0][0]));
  EXPECT_EQ(AsText(second->rows[0][1]), "Rotterdam Zuid");

  const std::string insert_if_new =
      "INSERT INTO units (code, name, kind, created_at) VALUES ($1, $2, 'team', 1) "
      "ON CONFLICT (code) DO NOTHING RETURNING id";
  auto existing = c().Query(insert_if_new, {std::string("rdam"), std::string("ignored")});
  ASSERT_TRUE(existing.ok()) << ErrorText(existing);
  EXPECT_TRUE(existing->empty());
  auto added = c().Query(insert_if_new, {std::string("utr"), std::string("Utrecht")});
  ASSERT_TRUE(added.ok()) << ErrorText(added);
  EXPECT_EQ(added->size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), 2);
}

// --- group-commit writer ----------------------------------------------------------------------------

// Counts callbacks and lets the test wait for all of them.
class Completions {
 public:
  void Done() {
    std::lock_guard lock(mutex_);
    ++done_;
    changed_.notify_all();
  }
  bool WaitFor(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::minutes(3), [&] { return done_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int done_ = 0;
};

TEST_P(StorageSuite, GroupCommitWriterAcknowledgesEveryRowOnceAndABadRequestFailsAlone) {
  MigrateOrFail();
  ASSERT_TRUE(c().Exec(InsertUnit("taken").sql, InsertUnit("taken").params).ok());
  constexpr int kThreads = 8, kPerThread = 200, kBadEvery = 50;

  struct Outcome {
    bool ok = false;
    std::int64_t id = 0;
    std::string code;  // as RETURNING gave it
    ErrorCode error = ErrorCode::kInternal;
  };
  std::vector<std::vector<Outcome>> outcomes(kThreads, std::vector<Outcome>(kPerThread));
  Completions completions;
  {
    GroupCommitWriter writer(db());
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          const bool bad = i % kBadEvery == kBadEvery - 1;
          const std::string code = bad ? "taken" : "t" + std::to_string(t) + "-" + std::to_string(i);
          // Two statements per request: the unit and a job enqueued in the same transaction.
          writer.Submit({InsertUnit(code),
                         JobQueue::EnqueueStatement("test.unit_added", "{\"code\":\"" + code + "\"}", 1'000, 1'000)},
                        [&, t, i](Result<std::vector<Rows>> r) {
                          Outcome& o = outcomes[t][i];  // each slot written once, by the writer thread
                          o.ok = r.ok();
                          if (r.ok() && r->size() == 2 && (*r)[0].size() == 1) {
                            o.id = AsInt((*r)[0].rows[0][0]);
                            o.code = AsText((*r)[0].rows[0][1]);
                          } else if (!r.ok()) {
                            o.error = r.error().code;
                          }
                          completions.Done();
                        });
        }
      });
    }
    for (auto& th : threads) th.join();
    ASSERT_TRUE(completions.WaitFor(kThreads * kPerThread)) << "not every request was answered";
    writer.Stop();
  }

  std::map<std::string, std::int64_t> acknowledged;
  int failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      const Outcome& o = outcomes[t][i];
      const bool bad = i % kBadEvery == kBadEvery - 1;
      if (bad) {
        EXPECT_FALSE(o.ok) << t << "/" << i;
        EXPECT_EQ(o.error, ErrorCode::kConflict) << t << "/" << i;
        ++failures;
        continue;
      }
      ASSERT_TRUE(o.ok) << t << "/" << i;
      const std::string code = "t" + std::to_string(t) + "-" + std::to_string(i);
      EXPECT_EQ(o.code, code) << "a request saw another request's RETURNING row";
      EXPECT_TRUE(acknowledged.emplace(o.code, o.id).second) << "id or code acknowledged twice: " << o.code;
    }
  }
  EXPECT_EQ(failures, kThreads * (kPerThread / kBadEvery));

  auto stored = c().Query("SELECT code, id FROM units WHERE code <> 'taken'");
  ASSERT_TRUE(stored.ok()) << ErrorText(stored);
  std::map<std::string, std::int64_t> in_database;
  for (const auto& row : stored->rows) {
    EXPECT_TRUE(in_database.emplace(AsText(row[0]), AsInt(row[1])).second) << "stored twice: " << AsText(row[0]);
  }
  EXPECT_EQ(in_database, acknowledged);
  std::set<std::int64_t> ids;
  for (const auto& [code, id] : acknowledged) ids.insert(id);
  EXPECT_EQ(ids.size(), acknowledged.size());
  // The job of every acknowledged request committed with it; none of a failed one.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs"), static_cast<std::int64_t>(acknowledged.size()));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE payload LIKE '%taken%'"), 0);
}

TEST_P(StorageSuite, GroupCommitWriterDrainsItsQueueOnStop) {
  MigrateOrFail();
  constexpr int kRequests = 500;
  std::atomic<int> ok{0}, failed{0};
  {
    GroupCommitWriter writer(db());
    for (int i = 0; i < kRequests; ++i) {
      writer.Submit({InsertUnit("d" + std::to_string(i))},
                    [&](const Result<std::vector<Rows>>& r) { (r.ok() ? ok : failed).fetch_add(1); });
    }
    writer.Stop();  // returns once everything queued is written
    EXPECT_EQ(ok.load(), kRequests);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(writer.queue_depth(), 0u);

    Result<std::vector<Rows>> late = Error::Internal("not called");
    writer.Submit({InsertUnit("late")}, [&](Result<std::vector<Rows>> r) { late = std::move(r); });
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kUnavailable);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM units"), kRequests);
}

// --- job queue --------------------------------------------------------------------------------------

constexpr Micros kT0 = 1'700'000'000'000'000;
constexpr Micros kLease = 30 * kMicrosPerSecond;

TEST_P(StorageSuite, JobQueueClaimCompleteAndFail) {
  MigrateOrFail();
  // Enqueued in the same transaction as the data it is about.
  auto batch = c().QueryBatch({{"BEGIN", {}},
                               InsertUnit("ghent"),
                               JobQueue::EnqueueStatement("mail.welcome", R"({"unit":"ghent","n":1})", kT0 + 10, kT0),
                               {"COMMIT", {}}});
  ASSERT_TRUE(batch.ok()) << ErrorText(batch);
  const std::int64_t id = AsInt((*batch)[2].rows[0][0]);
  ASSERT_GT(id, 0);

  auto early = JobQueue::Claim(c(), kT0 + 9, 10, kLease);
  ASSERT_TRUE(early.ok()) << ErrorText(early);
  EXPECT_TRUE(early->empty()) << "claimed before run_at";

  auto claimed = JobQueue::Claim(c(), kT0 + 10, 10, kLease);
  ASSERT_TRUE(claimed.ok()) << ErrorText(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  const Job& job = claimed->front();
  EXPECT_EQ(job.id, id);
  EXPECT_EQ(job.kind, "mail.welcome");
  EXPECT_EQ(job.payload, R"({"unit":"ghent","n":1})");
  EXPECT_EQ(job.run_at, kT0 + 10);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_EQ(job.locked_until, kT0 + 10 + kLease);
  EXPECT_EQ(job.last_error, "");

  // Leased: nobody else gets it until the lease ends; then it is claimed again (the worker died).
  auto during_lease = JobQueue::Claim(c(), kT0 + 10 + kLease - 1, 10, kLease);
  ASSERT_TRUE(during_lease.ok()) << ErrorText(during_lease);
  EXPECT_TRUE(during_lease->empty());
  auto after_lease = JobQueue::Claim(c(), kT0 + 10 + kLease, 10, kLease);
  ASSERT_TRUE(after_lease.ok()) << ErrorText(after_lease);
  ASSERT_EQ(after_lease->size(), 1u);
  EXPECT_EQ(after_lease->front().attempts, 2);

  // Failed: due again at retry_at, with the error.
  const Micros retry_at = kT0 + 10 * kLease;
  ASSERT_TRUE(JobQueue::Fail(c(), id, "SMTP 451: try later", retry_at).ok());
  auto before_retry = JobQueue::Claim(c(), retry_at - 1, 10, kLease);
  ASSERT_TRUE(before_retry.ok()) << ErrorText(before_retry);
  EXPECT_TRUE(before_retry->empty());
  auto retried = JobQueue::Claim(c(), retry_at, 10, kLease);
  ASSERT_TRUE(retried.ok()) << ErrorText(retried);
  ASSERT_EQ(retried->size(), 1u);
  EXPECT_EQ(retried->front().attempts, 3);
  EXPECT_EQ(retried->front().last_error, "SMTP 451: try later");
  EXPECT_EQ(retried->front().run_at, retry_at);

  // Completed: never claimed again.
  ASSERT_TRUE(JobQueue::Complete(c(), id, retry_at + 5).ok());
  auto after_done = JobQueue::Claim(c(), retry_at + 100 * kLease, 10, kLease);
  ASSERT_TRUE(after_done.ok()) << ErrorText(after_done);
  EXPECT_TRUE(after_done->empty());
  auto done_at = c().Query("SELECT done_at, locked_until FROM jobs WHERE id = $1", {id});
  ASSERT_TRUE(done_at.ok()) << ErrorText(done_at);
  EXPECT_EQ(done_at->rows[0], (std::vector<Value>{retry_at + 5, nullptr}));

  auto fail_done = JobQueue::Fail(c(), id, "too late", retry_at);
  ASSERT_FALSE(fail_done.ok());
  EXPECT_EQ(fail_done.error().code, ErrorCode::kNotFound);
  auto complete_missing = JobQueue::Complete(c(), id + 1000, retry_at);
  ASSERT_FALSE(complete_missing.ok());
  EXPECT_EQ(complete_missing.error().code, ErrorCode::kNotFound);

  auto standalone = JobQueue::Enqueue(c(), "mail.welcome", "{}", kT0, kT0);
  ASSERT_TRUE(standalone.ok()) << ErrorText(standalone);
  EXPECT_GT(*standalone, id);
}

TEST_P(StorageSuite, JobQueueClaimsOldestDueFirstUpToTheLimitAndByKind) {
  MigrateOrFail();
  const std::vector<std::pair<std::string, Micros>> jobs = {{"a", kT0 + 50}, {"b", kT0 + 10}, {"a", kT0 + 40},
                                                            {"b", kT0 + 20}, {"a", kT0 + 30}, {"a", kT0 + 1000}};
  for (const auto& [kind, run_at] : jobs) ASSERT_TRUE(JobQueue::Enqueue(c(), kind, "{}", run_at, kT0).ok());

  auto first = JobQueue::Claim(c(), kT0 + 100, 3, kLease);
  ASSERT_TRUE(first.ok()) << ErrorText(first);
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0].run_at, kT0 + 10);
  EXPECT_EQ((*first)[1].run_at, kT0 + 20);
  EXPECT_EQ((*first)[2].run_at, kT0 + 30);

  auto only_b = JobQueue::Claim(c(), kT0 + 100, 10, kLease, "b");
  ASSERT_TRUE(only_b.ok()) << ErrorText(only_b);
  EXPECT_TRUE(only_b->empty()) << "both b jobs are leased already";
  auto only_a = JobQueue::Claim(c(), kT0 + 100, 10, kLease, "a");
  ASSERT_TRUE(only_a.ok()) << ErrorText(only_a);
  ASSERT_EQ(only_a->size(), 2u);  // run_at 40 and 50; the one at +1000 is not due
  EXPECT_EQ((*only_a)[0].run_at, kT0 + 40);
  EXPECT_EQ((*only_a)[1].run_at, kT0 + 50);
  for (const Job& j : *only_a) EXPECT_EQ(j.kind, "a");

  auto none = JobQueue::Claim(c(), kT0 + 100, 0, kLease);
  ASSERT_TRUE(none.ok()) << ErrorText(none);
  EXPECT_TRUE(none->empty());
}

// Several workers, each with its own connection, claim at the same time: no job is handed out twice
// and every job is handed out once (PostgreSQL: SKIP LOCKED; SQLite: one writer at a time).
TEST_P(StorageSuite, ConcurrentClaimsNeverShareAJob) {
  MigrateOrFail();
  constexpr int kJobs = 400, kWorkers = 4;
  std::vector<Statement> enqueue = {{"BEGIN", {}}};
  for (int i = 0; i < kJobs; ++i) {
    enqueue.push_back(JobQueue::EnqueueStatement("test.job", "{\"i\":" + std::to_string(i) + "}", kT0 + i, kT0));
  }
  enqueue.push_back({"COMMIT", {}});
  ASSERT_TRUE(c().QueryBatch(enqueue).ok());

  std::mutex mutex;
  std::vector<std::int64_t> claimed;
  std::vector<std::string> errors;
  std::vector<std::thread> workers;
  workers.reserve(kWorkers);
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&] {
      auto connection = db().Connect();
      if (!connection.ok()) {
        std::lock_guard lock(mutex);
        errors.push_back(connection.error().message);
        return;
      }
      while (true) {
        auto jobs = JobQueue::Claim(**connection, kT0 + kJobs, 7, kLease);
        std::lock_guard lock(mutex);
        if (!jobs.ok()) {
          errors.push_back(jobs.error().message);
          return;
        }
        if (jobs->empty()) return;
        for (const Job& j : *jobs) claimed.push_back(j.id);
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_THAT(errors, ::testing::IsEmpty());
  const std::set<std::int64_t> unique(claimed.begin(), claimed.end());
  EXPECT_EQ(unique.size(), claimed.size()) << "a job was claimed twice";
  EXPECT_EQ(unique.size(), static_cast<size_t>(kJobs));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE attempts = 1"), kJobs);
}

// A claim inside an open transaction holds its rows locked: another node's claim skips them without
// waiting, and gets them once that transaction rolls back.
TEST_P(StorageSuite, PostgresClaimSkipsRowsAnotherClaimHoldsWithoutWaiting) {
  if (!postgres()) GTEST_SKIP() << "SQLite has one writer: a second claim waits for the first transaction";
  MigrateOrFail();
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(JobQueue::Enqueue(c(), "test.job", "{}", kT0 + i, kT0).ok());
  auto other = db().Connect();
  ASSERT_TRUE(other.ok()) << ErrorText(other);

  ASSERT_TRUE(c().Begin().ok());
  auto held = JobQueue::Claim(c(), kT0 + 100, 3, kLease);
  ASSERT_TRUE(held.ok()) << ErrorText(held);
  ASSERT_EQ(held->size(), 3u);

  ASSERT_TRUE((*other)->Exec("SET lock_timeout = '5s'").ok());  // a wait would fail the test, not hang it
  auto rest = JobQueue::Claim(**other, kT0 + 100, 10, kLease);
  ASSERT_TRUE(rest.ok()) << ErrorText(rest);
  EXPECT_EQ(rest->size(), 7u);
  std::set<std::int64_t> ids;
  for (const Job& j : *held) ids.insert(j.id);
  for (const Job& j : *rest) EXPECT_TRUE(ids.insert(j.id).second) << "job " << j.id << " claimed twice";

  ASSERT_TRUE(c().Rollback().ok());
  auto released = JobQueue::Claim(**other, kT0 + 100, 10, kLease);
  ASSERT_TRUE(released.ok()) << ErrorText(released);
  ASSERT_EQ(released->size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ((*released)[i].id, (*held)[i].id);
  EXPECT_EQ((*released)[0].attempts, 1);  // the rolled-back claim did not count
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageSuite, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const ::testing::TestParamInfo<Engine>& info) {
                           return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
                         });

// --- PostgreSQL driver specifics --------------------------------------------------------------------

TEST(PostgresDriver, UnreachableServerIsUnavailableAndTheMessageHidesThePassword) {
  auto db = OpenDatabase("postgresql://klantstem:s3cret-pw@127.0.0.1:1/klantstem?connect_timeout=5");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(db.error().message, HasSubstr("127.0.0.1"));
  EXPECT_THAT(db.error().message, HasSubstr("klantstem:***@"));
  EXPECT_THAT(db.error().message, Not(HasSubstr("s3cret")));
}

TEST(PostgresDriver, DescribeHidesThePassword) {
  auto admin_url = PostgresAdminUrl();
  ASSERT_TRUE(admin_url.ok()) << ErrorText(admin_url);
  // The fixture trusts loopback connections, so any password is accepted.
  std::string url = *admin_url;
  url.replace(url.find('@'), 1, ":pa55word@");
  url += "?application_name=ks&password=pa55word";
  auto db = OpenDatabase(url);
  ASSERT_TRUE(db.ok()) << ErrorText(db);
  EXPECT_THAT((*db)->Describe(), Not(HasSubstr("pa55word")));
  EXPECT_THAT((*db)->Describe(), HasSubstr(":***@127.0.0.1"));
}

TEST(PostgresDriver, ALostConnectionIsUnavailable) {
  auto t = TestDatabase::Create(Engine::kPostgres);
  ASSERT_TRUE(t.ok()) << ErrorText(t);
  auto victim = (*t)->database().Connect();
  auto killer = (*t)->database().Connect();
  ASSERT_TRUE(victim.ok() && killer.ok());
  auto pid = (*victim)->Query("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.ok()) << ErrorText(pid);
  auto killed = (*killer)->Query("SELECT pg_terminate_backend(CAST($1 AS INTEGER), 5000)", {AsInt(pid->rows[0][0])});
  ASSERT_TRUE(killed.ok()) << ErrorText(killed);
  EXPECT_EQ(AsInt(killed->rows[0][0]), 1);

  auto query = (*victim)->Query("SELECT 1");
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().code, ErrorCode::kUnavailable) << query.error().message;
  auto batch = (*victim)->QueryBatch({{"SELECT 1", {}}, {"SELECT 2", {}}});
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code, ErrorCode::kUnavailable) << batch.error().message;

  // A writer whose connection dies opens a new one for the next transaction.
  ASSERT_TRUE((*killer)->ExecScript("CREATE TABLE t (x BIGINT)").ok());
  GroupCommitWriter writer((*t)->database());
  ASSERT_TRUE(writer.Write({{"INSERT INTO t (x) VALUES (1)", {}}}).ok());
  ASSERT_TRUE((*killer)
                  ->Query("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                  .ok());
  auto after_kill = writer.Write({{"INSERT INTO t (x) VALUES (2)", {}}});
  EXPECT_FALSE(after_kill.ok());  // this transaction met the dead connection …
  auto next = writer.Write({{"INSERT INTO t (x) VALUES (3)", {}}});
  EXPECT_TRUE(next.ok()) << ErrorText(next);  // … the next one gets a new connection
  writer.Stop();
}

TEST(PostgresDriver, AStatementWhoseTableChangedShapeIsPreparedAgain) {
  auto t = TestDatabase::Create(Engine::kPostgres);
  ASSERT_TRUE(t.ok()) << ErrorText(t);
  auto c = (*t)->database().Connect();
  ASSERT_TRUE(c.ok()) << ErrorText(c);
  ASSERT_TRUE((*c)->ExecScript("CREATE TABLE s (a BIGINT); INSERT INTO s VALUES (1)").ok());
  auto before = (*c)->Query("SELECT * FROM s");
  ASSERT_TRUE(before.ok()) << ErrorText(before);
  EXPECT_EQ(before->columns.size(), 1u);
  // Another node migrates: the prepared plan's result type changes.
  ASSERT_TRUE((*c)->ExecScript("ALTER TABLE s ADD COLUMN b TEXT DEFAULT 'x'").ok());
  auto after = (*c)->Query("SELECT * FROM s");
  ASSERT_TRUE(after.ok()) << ErrorText(after);
  EXPECT_EQ(after->columns, (std::vector<std::string>{"a", "b"}));
}

// Documents an engine difference: PostgreSQL runs a pipeline without BEGIN as one implicit transaction,
// so a failing statement undoes the earlier ones; SQLite would keep them. Callers wrap batches that
// write in BEGIN … COMMIT (as GroupCommitWriter does) and get the same result on both.
TEST(PostgresDriver, ABatchWithoutBeginIsOneImplicitTransaction) {
  auto t = TestDatabase::Create(Engine::kPostgres);
  ASSERT_TRUE(t.ok()) << ErrorText(t);
  auto c = (*t)->database().Connect();
  ASSERT_TRUE(c.ok()) << ErrorText(c);
  ASSERT_TRUE((*c)->ExecScript("CREATE TABLE u (k BIGINT PRIMARY KEY)").ok());
  auto batch = (*c)->QueryBatch({{"INSERT INTO u VALUES (1)", {}}, {"INSERT INTO u VALUES (1)", {}}});
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.error().message, HasSubstr("statement 1:"));
  auto count = (*c)->Query("SELECT COUNT(*) FROM u");
  ASSERT_TRUE(count.ok()) << ErrorText(count);
  EXPECT_EQ(AsInt(count->rows[0][0]), 0);
}

}  // namespace
}  // namespace ks::db
