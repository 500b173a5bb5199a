// For tests only (library ks_db_testing): a fresh, empty database per test on either engine, so a
// feature's tests can run the same cases on SQLite and on the real PostgreSQL of the `postgres` ctest
// fixture (tests/postgres; its admin URL is in the file named by $KLANTSTEM_TEST_POSTGRES_URL_FILE).
// Without that URL the PostgreSQL cases fail rather than skip, so a run that silently tested only
// SQLite cannot pass.
//
// SQLite: a file in a new temporary folder. PostgreSQL: a database with a unique name created over the
// fixture's admin URL, dropped WITH (FORCE) when the object goes away. Not thread-safe; one per test.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "db/database.h"

namespace ks::db {

// Names the engine in test output ("GetParam() = Postgres") instead of printing its bytes. Found by
// argument-dependent lookup, so it lives in ks::db.
void PrintTo(Engine engine, std::ostream* os);

// The admin URL written by tests/postgres/start_postgres.sh.
Result<std::string> PostgresAdminUrl();
// `url` (postgresql://user@host:port/db?params) naming database `name` instead.
std::string WithDatabaseName(const std::string& url, const std::string& name);

class TestDatabase {
 public:
  static Result<std::unique_ptr<TestDatabase>> Create(Engine engine);
  // A fresh database with the schema migrated, and a connection to it (how an engine test begins).
  struct Migrated;
  static Result<Migrated> CreateMigrated(Engine engine);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Database& database() { return *database_; }
  const std::string& url() const { return url_; }

 private:
  TestDatabase() = default;

  std::filesystem::path folder_;     // SQLite
  std::unique_ptr<Database> admin_;  // PostgreSQL: the fixture's server
  std::string name_;                 // PostgreSQL: this test's database
  std::string url_;
  std::unique_ptr<Database> database_;  // the test's database
};

struct TestDatabase::Migrated {
  std::unique_ptr<TestDatabase> database;
  std::unique_ptr<Connection> connection;
};

// For engine tests: runs `sql`, failing the current test (naming the SQL) when it fails.
void ExpectExec(Connection& c, const std::string& sql, const std::vector<Value>& params = {});
// The first column of the first row as an integer; -1 when there is no row (and a failed test when the
// query fails).
std::int64_t QueryInt(Connection& c, const std::string& sql, const std::vector<Value>& params = {});

}  // namespace ks::db
