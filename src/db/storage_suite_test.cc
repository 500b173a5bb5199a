// The storage suite: the same tests on SQLite (a temporary file) and on the real PostgreSQL server of
// the `postgres` ctest fixture (its URL is in $KLANTSTEM_TEST_POSTGRES_URL_FILE; without it the
// PostgreSQL cases fail rather than skip).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "base/random.h"
#include "db/database.h"
#include "db/group_commit_writer.h"
#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace ks::db {
namespace {

// A fresh, empty database of one engine for each test.
class StorageTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      path_ = std::filesystem::temp_directory_path() / ("klantstem-storage-" + RandomHex(6) + ".db");
      url_ = "sqlite:" + path_.string();
    } else {
      const char* file = std::getenv("KLANTSTEM_TEST_POSTGRES_URL_FILE");
      ASSERT_NE(file, nullptr) << "KLANTSTEM_TEST_POSTGRES_URL_FILE is not set: run through ctest";
      std::ifstream in(file);
      std::string admin_url;
      ASSERT_TRUE(std::getline(in, admin_url)) << "no PostgreSQL URL in " << file;
      auto admin = OpenDatabase(admin_url);
      ASSERT_TRUE(admin.ok()) << admin.error().message;
      admin_ = std::move(admin).value();
      auto c = admin_->Connect();
      ASSERT_TRUE(c.ok());
      database_name_ = "ks_storage_" + RandomHex(6);
      ASSERT_TRUE((*c)->ExecScript("CREATE DATABASE " + database_name_).ok());
      url_ = admin_url.substr(0, admin_url.rfind('/') + 1) + database_name_;
    }
    auto db = OpenDatabase(url_);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db).value();
    auto c = db_->Connect();
    ASSERT_TRUE(c.ok());
    c_ = std::move(c).value();
  }

  void TearDown() override {
    c_.reset();
    db_.reset();
    if (admin_) {
      auto c = admin_->Connect();
      if (c.ok()) (void)(*c)->ExecScript("DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  void CreateTable() {
    ASSERT_TRUE(c_->ExecScript("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT UNIQUE, score DOUBLE PRECISION)").ok());
  }

  std::filesystem::path path_;
  std::string url_, database_name_;
  std::unique_ptr<Database> admin_, db_;
  std::unique_ptr<Connection> c_;
};

TEST_P(StorageTest, MigrationsApplyOnceAndReportTheirVersion) {
  auto applied = Migrate(*c_);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_FALSE(applied->empty());
  auto again = Migrate(*c_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  auto status = GetMigrationStatus(*c_);
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(status->up_to_date());
  EXPECT_EQ(status->current, MigrationsFor(GetParam()).back().version);
}

TEST_P(StorageTest, ValuesRoundTrip) {
  CreateTable();
  const std::vector<std::vector<Value>> rows = {
      {std::int64_t{1}, std::string("Zoë — “quoted” 😀"), 7.25},
      {std::int64_t{9'007'199'254'740'993}, nullptr, -0.5},
      {std::int64_t{-3}, std::string("it's $1 not a parameter"), nullptr},
  };
  for (const auto& r : rows) ASSERT_TRUE(c_->Exec("INSERT INTO t (id, name, score) VALUES ($1, $2, $3)", r).ok());
  auto got = c_->Query("SELECT id, name, score FROM t ORDER BY id");
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ(AsInt(got->rows[0][0]), -3);
  EXPECT_EQ(AsText(got->rows[0][1]), "it's $1 not a parameter");
  EXPECT_TRUE(IsNull(got->rows[0][2]));
  EXPECT_EQ(AsText(got->rows[1][1]), "Zoë — “quoted” 😀");
  EXPECT_DOUBLE_EQ(AsDouble(got->rows[1][2]), 7.25);
  EXPECT_EQ(AsInt(got->rows[2][0]), 9'007'199'254'740'993);
  EXPECT_TRUE(IsNull(got->rows[2][1]));
}

TEST_P(StorageTest, ErrorsAreClassified) {
  CreateTable();
  ASSERT_TRUE(c_->Exec("INSERT INTO t (id, name) VALUES ($1, $2)", {std::int64_t{1}, std::string("a")}).ok());
  auto duplicate = c_->Exec("INSERT INTO t (id, name) VALUES ($1, $2)", {std::int64_t{2}, std::string("a")});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto bad = c_->Query("SELEC nonsense");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(bad.error().message.empty());
}

TEST_P(StorageTest, UpsertWithReturningBehavesAlike) {
  CreateTable();
  const std::string sql =
      "INSERT INTO t (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id";
  auto first = c_->Query(sql, {std::int64_t{1}, std::string("x")});
  auto second = c_->Query(sql, {std::int64_t{2}, std::string("x")});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->size(), 1u);
  EXPECT_EQ(second->size(), 0u);
}

TEST_P(StorageTest, BatchReturnsEachStatementsRowsAndNamesTheFailingOne) {
  CreateTable();
  auto ok = c_->QueryBatch({{"BEGIN", {}},
                            {"INSERT INTO t (id, name) VALUES ($1, $2) RETURNING id", {std::int64_t{1}, std::string("a")}},
                            {"SELECT count(*) FROM t", {}},
                            {"COMMIT", {}}});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  ASSERT_EQ(ok->size(), 4u);
  EXPECT_EQ(AsInt((*ok)[1].rows[0][0]), 1);
  EXPECT_EQ(AsInt((*ok)[2].rows[0][0]), 1);

  auto failed = c_->QueryBatch({{"BEGIN", {}},
                                {"INSERT INTO t (id, name) VALUES ($1, $2)", {std::int64_t{2}, std::string("b")}},
                                {"INSERT INTO t (id, name) VALUES ($1, $2)", {std::int64_t{3}, std::string("a")}},
                                {"COMMIT", {}}});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("statement 2"), std::string::npos) << failed.error().message;
  ASSERT_TRUE(c_->Rollback().ok());
  auto count = c_->Query("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok()) << "the connection is usable after a failed batch: " << count.error().message;
  EXPECT_EQ(AsInt(count->rows[0][0]), 1);  // nothing of the failed batch stayed
}

TEST_P(StorageTest, GroupCommitWriterAcknowledgesEveryRowOnceAndIsolatesABadRequest) {
  CreateTable();
  GroupCommitWriter writer(*db_);
  constexpr int kThreads = 8, kPerThread = 150;
  std::mutex mutex;
  std::set<std::int64_t> acknowledged;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::int64_t id = t * 1000 + i;
        // Every 50th request collides with a name taken by the first one: it alone must fail.
        const std::string name = (i % 50 == 49) ? "n0" : "n" + std::to_string(id);
        auto r = writer.Write({{"INSERT INTO t (id, name) VALUES ($1, $2) RETURNING id", {id, name}}});
        std::lock_guard lock(mutex);
        if (r.ok()) {
          EXPECT_EQ(AsInt((*r)[0].rows[0][0]), id);
          acknowledged.insert(id);
        } else {
          EXPECT_EQ(r.error().code, ErrorCode::kConflict);
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  writer.Stop();
  EXPECT_EQ(failures.load(), kThreads * (kPerThread / 50));
  auto rows = c_->Query("SELECT id FROM t ORDER BY id");
  ASSERT_TRUE(rows.ok());
  std::set<std::int64_t> stored;
  for (const auto& r : rows->rows) stored.insert(AsInt(r[0]));
  EXPECT_EQ(stored, acknowledged);
  EXPECT_EQ(rows->size(), acknowledged.size());
  auto after_stop = writer.Write({{"SELECT 1", {}}});
  ASSERT_FALSE(after_stop.ok());
  EXPECT_EQ(after_stop.error().code, ErrorCode::kUnavailable);
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return info.param == Engine::kSqlite ? "Sqlite" : "Postgres"; });

TEST(SqliteParametersTest, DollarParametersBecomeNumberedOutsideQuotes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"SELECT $1, $12", "SELECT ?1, ?12"},
      {"SELECT '$1', \"$2\", $3", "SELECT '$1', \"$2\", ?3"},
      {"SELECT 'it''s', $1", "SELECT 'it''s', ?1"},
      {"SELECT $", "SELECT $"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(RewriteParametersForSqlite(in), out) << in;
}

}  // namespace
}  // namespace ks::db
