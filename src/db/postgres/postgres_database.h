// The PostgreSQL driver (libpq). QueryBatch uses pipeline mode, so a batch costs one round trip.
#pragma once

#include <memory>
#include <string_view>

#include "db/database.h"

namespace ks::db {

// Opens a libpq connection URI ("postgresql://user@127.0.0.1:5432/klantstem").
Result<std::unique_ptr<Database>> OpenPostgresDatabase(std::string_view url);

}  // namespace ks::db
