// TEMPORARY STUB (replaced by the real driver)
#include "db/postgres/postgres_database.h"
namespace ks::db {
Result<std::unique_ptr<Database>> OpenPostgresDatabase(std::string_view) { return Error::Unavailable("stub"); }
}
