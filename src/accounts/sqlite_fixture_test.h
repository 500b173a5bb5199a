// A migrated SQLite database in a temporary file for the accounts tests, with a pool and a manual
// clock; removed after each test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "base/clock.h"
#include "db/connection_pool.h"
#include "db/migrations.h"

namespace ks {

class SqliteFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("klantstem-accounts-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    database_ = std::move(db::OpenDatabase("sqlite:" + path_.string())).value();
    connection_ = std::move(database_->Connect()).value();
    ASSERT_TRUE(db::Migrate(*connection_).ok());
    pool_ = std::make_unique<db::ConnectionPool>(*database_, 2);
  }
  void TearDown() override {
    pool_.reset();
    connection_.reset();
    database_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<db::Connection> connection_;
  std::unique_ptr<db::ConnectionPool> pool_;
  ManualClock clock_{1'000'000};
};

}  // namespace ks
