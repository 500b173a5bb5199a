#include "db/test_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "base/random.h"
#include "db/migrations.h"

namespace ks::db {

void PrintTo(Engine engine, std::ostream* os) { *os << (engine == Engine::kSqlite ? "Sqlite" : "Postgres"); }

Result<std::string> PostgresAdminUrl() {
  const char* file = std::getenv("KLANTSTEM_TEST_POSTGRES_URL_FILE");
  if (file == nullptr || *file == '\0') {
    return Error::Unavailable(
        "KLANTSTEM_TEST_POSTGRES_URL_FILE is not set: run the PostgreSQL cases through ctest, whose `postgres` "
        "fixture (tests/postgres/start_postgres.sh) starts a server and writes its URL to that file");
  }
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    return Error::Unavailable(std::string("no PostgreSQL URL in ") + file + " (did the postgres_start test pass?)");
  }
  return url;
}

std::string WithDatabaseName(const std::string& url, const std::string& name) {
  const size_t authority = url.find("://") == std::string::npos ? 0 : url.find("://") + 3;
  const size_t path = url.find_first_of("/?", authority);
  if (path == std::string::npos) return url + "/" + name;
  const size_t query = url.find('?', path);
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, path) + "/" + name + rest;
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::Create(Engine engine) {
  auto t = std::unique_ptr<TestDatabase>(new TestDatabase());
  if (engine == Engine::kSqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "klantstem-db-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return Error::Internal("mkdtemp failed for " + pattern);
    t->folder_ = pattern;
    t->url_ = "sqlite:" + (t->folder_ / "test.db").string();
  } else {
    KS_ASSIGN_OR_RETURN(std::string admin_url, PostgresAdminUrl());
    KS_ASSIGN_OR_RETURN(t->admin_, OpenDatabase(admin_url));
    t->name_ = "ks_test_" + std::to_string(getpid()) + "_" + RandomHex(4);
    KS_ASSIGN_OR_RETURN(auto admin, t->admin_->Connect());
    KS_RETURN_IF_ERROR(admin->ExecScript("CREATE DATABASE " + t->name_));
    t->url_ = WithDatabaseName(admin_url, t->name_);
  }
  KS_ASSIGN_OR_RETURN(t->database_, OpenDatabase(t->url_));
  return t;
}

TestDatabase::~TestDatabase() {
  database_.reset();
  if (admin_) {
    auto admin = admin_->Connect();
    if (admin.ok()) (void)(*admin)->ExecScript("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  if (!folder_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
}

Result<TestDatabase::Migrated> TestDatabase::CreateMigrated(Engine engine) {
  KS_ASSIGN_OR_RETURN(auto database, Create(engine));
  KS_ASSIGN_OR_RETURN(auto connection, database->database().Connect());
  KS_RETURN_IF_ERROR(Migrate(*connection));
  return Migrated{std::move(database), std::move(connection)};
}

void ExpectExec(Connection& c, const std::string& sql, const std::vector<Value>& params) {
  auto done = c.Exec(sql, params);
  EXPECT_TRUE(done.ok()) << done.error().ToString() << "\n" << sql;
}

std::int64_t QueryInt(Connection& c, const std::string& sql, const std::vector<Value>& params) {
  auto rows = c.Query(sql, params);
  EXPECT_TRUE(rows.ok()) << rows.error().ToString() << "\n" << sql;
  return rows.ok() && !rows->empty() ? AsInt(rows->rows[0][0]) : -1;
}

}  // namespace ks::db
