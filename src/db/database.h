// Database: the storage interface that the SQLite and PostgreSQL drivers implement.
//
// SQL is written once, in PostgreSQL style with numbered parameters ($1, $2, …); the SQLite driver
// rewrites them to ?1, ?2. Both engines support INSERT … ON CONFLICT, RETURNING, CTEs and window
// functions, so only the migrations and a few statements differ per engine (see engine()).
//
// Ownership and threads: a Database is shared by all threads and hands out Connections. A Connection
// is used by one thread at a time (it is not thread-safe); it owns its native handle and its cache of
// prepared statements.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace ks::db {

enum class Engine { kSqlite, kPostgres };

// A parameter or column value. Times are int64 microseconds since the Unix epoch (UTC);
// booleans are int64 0/1; JSON documents are text.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// The rows a statement returned, each column converted to Value (PostgreSQL int2/4/8 to int64,
// float4/8 and numeric to double, everything else to text).
struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;

  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
};

// Typed accessors for one cell; a NULL reads as 0 / empty.
std::int64_t AsInt(const Value& v);
double AsDouble(const Value& v);
std::string AsText(const Value& v);
bool IsNull(const Value& v);
// NULL as nullopt.
std::optional<std::int64_t> AsOptionalInt(const Value& v);

struct Statement {
  std::string sql;
  std::vector<Value> params;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;

  // Runs one statement. Errors: kConflict for a unique/foreign-key violation, kUnavailable when the
  // server cannot be reached or the database is busy, kInternal for other SQL errors.
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;

  // Runs statements in order and returns each one's rows. PostgreSQL sends them in one pipeline
  // (one round trip); SQLite runs them one by one. Stops at the first failing statement and returns
  // its error, prefixed with the statement's index. Transaction control statements may be included.
  virtual Result<std::vector<Rows>> QueryBatch(const std::vector<Statement>& statements) = 0;

  // Runs several ;-separated statements without parameters (migrations).
  virtual Result<void> ExecScript(std::string_view sql) = 0;

  Result<void> Exec(std::string_view sql, const std::vector<Value>& params = {});
  Result<void> Begin() { return Exec("BEGIN"); }
  // Begins a transaction that will write: on SQLite it takes the write lock at once (BEGIN IMMEDIATE,
  // waiting up to the busy timeout), so a read followed by a write cannot fail half-way because
  // another connection wrote in between.
  Result<void> BeginWrite() { return Exec(engine() == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"); }
  Result<void> Commit() { return Exec("COMMIT"); }
  Result<void> Rollback() { return Exec("ROLLBACK"); }
  // Runs `statements` in one transaction of their own (rolled back when one fails).
  Result<std::vector<Rows>> Transact(const std::vector<Statement>& statements);
  // Transact, guarded by the first statement (an UPDATE or INSERT … RETURNING): when it returns no row
  // (someone else changed or did it first), everything is rolled back and the result is false.
  Result<bool> TransactIfFirstReturns(const std::vector<Statement>& statements);
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Engine engine() const = 0;
  // A new connection; kUnavailable when the database cannot be opened or reached.
  virtual Result<std::unique_ptr<Connection>> Connect() = 0;
  // The URL without credentials, for logs and error messages.
  virtual std::string Describe() const = 0;
};

// Opens "sqlite:PATH" (the file and its folder are created when missing) or
// "postgresql://user:pass@host:port/db?…" (any libpq connection URI). Checks that a connection can be
// made. kInvalidArgument for an unknown scheme.
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url);

}  // namespace ks::db
