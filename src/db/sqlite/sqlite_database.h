// The SQLite driver: WAL journal, synchronous=FULL (a COMMIT is on disk when it returns), a busy
// timeout, foreign keys on. Every connection opens the same file; WAL lets readers run beside the one
// writer. Prepared statements are cached per connection.
#pragma once

#include <memory>
#include <string_view>

#include "db/database.h"

namespace ks::db {

// Opens (and creates) the SQLite database file at `path`, creating its folder when missing.
Result<std::unique_ptr<Database>> OpenSqliteDatabase(std::string_view path);

// Rewrites PostgreSQL-style $N parameters to SQLite's ?N, leaving quoted text alone.
std::string RewriteParametersForSqlite(std::string_view sql);

}  // namespace ks::db
