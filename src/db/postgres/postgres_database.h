// The PostgreSQL driver (libpq). QueryBatch uses pipeline mode, so a batch costs one round trip.
//
// Each Connection owns one PGconn and prepares every distinct SQL text once (up to 1,000 per
// connection; further texts run unprepared). Parameters travel as text and the server infers their
// types from the statement. Errors map by SQLSTATE: class 23 (unique, foreign key, check) is
// kConflict; a lost connection, class 08, serialization failure, deadlock and 57P* (shutdown) are
// kUnavailable, after which the connection refuses further use (open a new one); the rest kInternal.
// Server notices and warnings are dropped. Note that a batch without BEGIN/COMMIT runs as one
// implicit transaction on PostgreSQL (a failing statement undoes the earlier ones), unlike SQLite.
// Threads: as database.h says; libpq connections share nothing.
#pragma once

#include <memory>
#include <string_view>

#include "db/database.h"

namespace ks::db {

// Opens a libpq connection URI ("postgresql://user@127.0.0.1:5432/klantstem").
Result<std::unique_ptr<Database>> OpenPostgresDatabase(std::string_view url);

}  // namespace ks::db
