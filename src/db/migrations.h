// Numbered schema migrations (src/db/migrations/NNNN_name.ENGINE.sql, embedded in the binary).
// Each migration runs in its own transaction together with its row in schema_migrations, so a crash
// leaves the schema at a whole version. On PostgreSQL an advisory lock makes nodes that start at the
// same time apply each migration once.
#pragma once

#include <string>
#include <vector>

#include "base/embedded_file.h"
#include "db/database.h"

namespace ks::db {

// Every migrations/NNNN_name.ENGINE.sql ("0001_core.sqlite.sql"), embedded at build time.
const std::vector<EmbeddedFile>& EmbeddedMigrations();

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

// The migrations for `engine`, ordered by version.
std::vector<Migration> MigrationsFor(Engine engine);

struct MigrationStatus {
  int current = 0;  // highest applied version, 0 for an empty database
  int latest = 0;   // highest version this binary knows
  bool up_to_date() const { return current == latest; }
};

Result<MigrationStatus> GetMigrationStatus(Connection& connection);

// Applies every pending migration; returns the versions applied (empty when already current).
// Fails with kConflict when the database is newer than this binary.
Result<std::vector<int>> Migrate(Connection& connection);

}  // namespace ks::db
