// What every CLI command shares: opening (and migrating) the database, and reporting an error.
#pragma once

#include <memory>
#include <utility>

#include "base/result.h"
#include "db/database.h"

namespace ks {

// Prints "klantstem: <error>" to stderr; returns the exit code 1.
int Fail(const Error& e);
// Opens and migrates the database; the connection is for the command's own use.
Result<std::pair<std::unique_ptr<db::Database>, std::unique_ptr<db::Connection>>> Open(const std::string& url);

}  // namespace ks
