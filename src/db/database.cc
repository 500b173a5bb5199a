#include "db/database.h"

#include <string>

#include "db/postgres/postgres_database.h"
#include "db/sqlite/sqlite_database.h"

namespace ks::db {

std::int64_t AsInt(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stoll(*s);
  return 0;
}

double AsDouble(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stod(*s);
  return 0;
}

std::string AsText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

bool IsNull(const Value& v) { return std::holds_alternative<std::nullptr_t>(v); }

std::optional<std::int64_t> AsOptionalInt(const Value& v) {
  if (IsNull(v)) return std::nullopt;
  return AsInt(v);
}

Result<void> Connection::Exec(std::string_view sql, const std::vector<Value>& params) {
  auto rows = Query(sql, params);
  if (!rows.ok()) return rows.error();
  return Ok();
}

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url) {
  if (url.starts_with("sqlite:")) return OpenSqliteDatabase(url.substr(7));
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return OpenPostgresDatabase(url);
  return Error::Invalid(
      "db", "unknown database URL '" + std::string(url) + "': use sqlite:PATH or postgresql://user@host:port/dbname");
}

Result<std::vector<Rows>> Connection::Transact(const std::vector<Statement>& statements) {
  KS_RETURN_IF_ERROR(BeginWrite());
  auto result = QueryBatch(statements);
  if (!result.ok()) {
    (void)Rollback();
    return result.error();
  }
  KS_RETURN_IF_ERROR(Commit());
  return result;
}

Result<bool> Connection::TransactIfFirstReturns(const std::vector<Statement>& statements) {
  KS_RETURN_IF_ERROR(BeginWrite());
  auto written = [&]() -> Result<bool> {
    for (size_t i = 0; i < statements.size(); ++i) {
      KS_ASSIGN_OR_RETURN(Rows rows, Query(statements[i].sql, statements[i].params));
      if (i == 0 && rows.empty()) return false;
    }
    return true;
  }();
  if (!written.ok() || !*written) {
    (void)Rollback();
    return written;
  }
  KS_RETURN_IF_ERROR(Commit());
  return true;
}

}  // namespace ks::db
