#include "db/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <unordered_map>

namespace ks::db {
namespace {

constexpr int kBusyTimeoutMs = 10'000;

Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
  const int primary = rc & 0xFF;
  std::string message = std::string(sqlite3_errmsg(db)) + " (in: " + std::string(sql.substr(0, 120)) + ")";
  if (primary == SQLITE_CONSTRAINT) return Error::Conflict(std::move(message));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
      primary == SQLITE_IOERR) {
    return Error::Unavailable("SQLite: " + message);
  }
  return Error::Internal("SQLite: " + message);
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Engine engine() const override { return Engine::kSqlite; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    KS_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    // Reset on every exit path so the statement releases its read snapshot and bindings.
    struct Resetter {
      sqlite3_stmt* s;
      ~Resetter() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } resetter{stmt};
    if (static_cast<int>(params.size()) > sqlite3_bind_parameter_count(stmt)) {
      return Error::Internal("SQLite: " + std::to_string(params.size()) + " parameters given for a statement with " +
                             std::to_string(sqlite3_bind_parameter_count(stmt)) + ": " + std::string(sql));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    }
    Rows rows;
    const int columns = sqlite3_column_count(stmt);
    rows.columns.reserve(columns);
    for (int c = 0; c < columns; ++c) rows.columns.emplace_back(sqlite3_column_name(stmt, c));
    while (true) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return SqliteError(db_, rc, sql);
      auto& row = rows.rows.emplace_back();
      row.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER: row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(stmt, c)); break;
          case SQLITE_NULL: row.emplace_back(nullptr); break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
          }
        }
      }
    }
    return rows;
  }

  Result<std::vector<Rows>> QueryBatch(const std::vector<Statement>& statements) override {
    std::vector<Rows> results;
    results.reserve(statements.size());
    for (size_t i = 0; i < statements.size(); ++i) {
      auto rows = Query(statements[i].sql, statements[i].params);
      if (!rows.ok()) {
        Error e = rows.error();
        e.message = "statement " + std::to_string(i) + ": " + e.message;
        return e;
      }
      results.push_back(std::move(rows).value());
    }
    return results;
  }

  Result<void> ExecScript(std::string_view sql) override {
    char* message = nullptr;
    const std::string script(sql);
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      return Error::Internal("SQLite: " + text);
    }
    return Ok();
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    const std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    const std::string rewritten = RewriteParametersForSqlite(sql);
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    statements_.emplace(key, stmt);
    return stmt;
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {}
  Engine engine() const override { return Engine::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

  Result<std::unique_ptr<Connection>> Connect() override {
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close_v2(db);
      return Error::Unavailable("cannot open SQLite database " + path_ + ": " + message);
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    auto connection = std::make_unique<SqliteConnection>(db);
    KS_RETURN_IF_ERROR(connection->ExecScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"));
    return std::unique_ptr<Connection>(std::move(connection));
  }

 private:
  std::string path_;
};

}  // namespace

std::string RewriteParametersForSqlite(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
      continue;
    }
    out += c;
  }
  return out;
}

Result<std::unique_ptr<Database>> OpenSqliteDatabase(std::string_view path) {
  if (path.empty()) return Error::Invalid("db", "sqlite: needs a file path, e.g. sqlite:./data/klantstem.db");
  const std::filesystem::path file(path);
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) return Error::Unavailable("cannot create folder " + file.parent_path().string() + ": " + ec.message());
  auto db = std::make_unique<SqliteDatabase>(std::string(path));
  KS_RETURN_IF_ERROR(db->Connect());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ks::db
