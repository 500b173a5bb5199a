#include "db/postgres/postgres_database.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ks::db {
namespace {

// PostgreSQL type OIDs (src/include/catalog/pg_type.dat) of the columns converted to numbers.
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700, kFloat8Oid = 701,
              kNumericOid = 1700;

// Each distinct SQL text is prepared once per connection. Past this many, new texts run unnamed
// (parsed every time) so that generated SQL cannot grow the server's memory without bound.
constexpr size_t kMaxPreparedStatements = 1000;
// A pipeline is flushed every this many statements, so the outgoing buffer stays small.
constexpr size_t kFlushEveryStatements = 64;
constexpr const char* kConnectTimeoutSeconds = "10";

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;

// libpq's messages end in newlines and continue on tab-indented lines; one line reads better in logs.
std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string SqlForMessage(std::string_view sql) {
  return sql.size() <= 120 ? std::string(sql) : std::string(sql.substr(0, 120)) + "…";
}

// Maps a failed result (or, when `result` is null, the connection's last error) to an Error whose
// message carries the server's words, its SQLSTATE and the statement.
Error ErrorFrom(PGconn* conn, const PGresult* result, std::string_view sql) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  std::string text;
  if (const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr) {
    text = primary;
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) text += std::string("; ") + detail;
  } else if (result && *PQresultErrorMessage(result)) {
    text = OneLine(PQresultErrorMessage(result));
  } else {
    text = OneLine(PQerrorMessage(conn));
  }
  if (text.empty()) text = "unknown error";
  std::string message = "PostgreSQL" + (code.empty() ? std::string() : " " + code) + ": " + text;
  if (!sql.empty()) message += " (in: " + SqlForMessage(sql) + ")";
  if (PQstatus(conn) != CONNECTION_OK || code.starts_with("08") || code == "40001" || code == "40P01" ||
      code.starts_with("57P")) {
    return Error::Unavailable(std::move(message));
  }
  if (code.starts_with("23")) return Error::Conflict(std::move(message));
  return Error::Internal(std::move(message));
}

Error WithStatementIndex(Error e, size_t index) {
  e.message = "statement " + std::to_string(index) + ": " + e.message;
  return e;
}

Value ToValue(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return nullptr;
  const char* text = PQgetvalue(result, row, column);
  const int length = PQgetlength(result, row, column);
  switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t n = 0;
      std::from_chars(text, text + length, n);
      return n;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      // strtod, not stod: a numeric beyond double's range becomes ±HUGE_VAL instead of throwing;
      // "NaN" and "Infinity" parse as themselves.
      return std::strtod(text, nullptr);
    case kBoolOid: return static_cast<std::int64_t>(text[0] == 't');
    default: return std::string(text, static_cast<size_t>(length));
  }
}

Rows ToRows(const PGresult* result) {
  Rows rows;
  const int columns = PQnfields(result);
  const int count = PQntuples(result);
  rows.columns.reserve(columns);
  for (int c = 0; c < columns; ++c) rows.columns.emplace_back(PQfname(result, c));
  rows.rows.reserve(count);
  for (int r = 0; r < count; ++r) {
    auto& row = rows.rows.emplace_back();
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) row.push_back(ToValue(result, r, c));
  }
  return rows;
}

bool IsSuccess(ExecStatusType status) {
  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY;
}

// Parameters in libpq's text format (int64 as decimal, double with 17 significant digits so that it
// reads back exactly, NULL as a null pointer). Holds the texts while libpq copies them.
class TextParams {
 public:
  explicit TextParams(const std::vector<Value>& params) {
    texts_.resize(params.size());
    pointers_.resize(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) continue;
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        texts_[i] = std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%.17g", *d);
        texts_[i] = buffer;
      } else {
        texts_[i] = std::get<std::string>(v);
      }
      pointers_[i] = texts_[i].c_str();
    }
  }
  int count() const { return static_cast<int>(pointers_.size()); }
  const char* const* values() const { return pointers_.data(); }

 private:
  std::vector<std::string> texts_;
  std::vector<const char*> pointers_;
};

// Server notices (e.g. "there is no transaction in progress" after a ROLLBACK that follows a failed
// pipeline) are expected in normal operation; libpq would print them to stderr.
void IgnoreNotice(void*, const char*) {}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(ConnPtr conn) : conn_(std::move(conn)) {}

  Engine engine() const override { return Engine::kPostgres; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    KS_RETURN_IF_ERROR(CheckUsable());
    const TextParams text(params);
    for (int attempt = 0;; ++attempt) {
      KS_ASSIGN_OR_RETURN(std::optional<std::string> name, PreparedName(sql));
      ResultPtr result;
      if (name) {
        result.reset(PQexecPrepared(conn_.get(), name->c_str(), text.count(), text.values(), nullptr, nullptr, 0));
      } else {
        const std::string statement(sql);
        result.reset(
            PQexecParams(conn_.get(), statement.c_str(), text.count(), nullptr, text.values(), nullptr, nullptr, 0));
      }
      if (result && IsSuccess(PQresultStatus(result.get()))) return ToRows(result.get());
      // Outside a transaction, a statement whose cached plan went stale is prepared anew and run once more.
      if (ForgetIfPlanIsStale(result.get(), sql) && attempt == 0 && PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) {
        continue;
      }
      return ErrorFrom(conn_.get(), result.get(), sql);
    }
  }

  // One pipeline: every statement (and the preparation of each SQL text this connection has not seen)
  // is sent, then one sync; the results are read afterwards. While sending, the connection is
  // non-blocking and reads whatever the server answers, so neither side can stall on a full socket.
  // After an error the server skips the rest up to the sync; the results are still read to the end so
  // the connection stays usable (inside an explicit transaction, the caller then rolls back).
  Result<std::vector<Rows>> QueryBatch(const std::vector<Statement>& statements) override {
    if (statements.empty()) return std::vector<Rows>{};
    KS_RETURN_IF_ERROR(CheckUsable());
    PGconn* conn = conn_.get();
    if (PQsetnonblocking(conn, 1) != 0 || PQenterPipelineMode(conn) != 1) {
      return Broken(ErrorFrom(conn, nullptr, "start of pipeline"));
    }

    // What the server will answer, in order.
    struct Expected {
      size_t statement;
      const std::string* prepared_sql;  // set for the answer to a preparation
      std::string name;
    };
    std::vector<Expected> expected;
    expected.reserve(statements.size() + 16);
    std::unordered_map<std::string, std::string> preparing;  // SQL text -> name, prepared in this pipeline
    std::optional<Error> error;
    bool connection_failed = false;

    for (size_t i = 0; i < statements.size(); ++i) {
      const Statement& s = statements[i];
      const std::string* name = nullptr;
      if (auto it = prepared_.find(s.sql); it != prepared_.end()) {
        name = &it->second;
      } else if (auto p = preparing.find(s.sql); p != preparing.end()) {
        name = &p->second;
      } else if (prepared_.size() + preparing.size() < kMaxPreparedStatements) {
        auto [it, inserted] = preparing.emplace(s.sql, NewStatementName());
        if (PQsendPrepare(conn, it->second.c_str(), s.sql.c_str(), 0, nullptr) != 1) {
          error = WithStatementIndex(ErrorFrom(conn, nullptr, s.sql), i);
          break;
        }
        expected.push_back({i, &it->first, it->second});
        name = &it->second;
      }
      const TextParams text(s.params);
      const int sent =
          name ? PQsendQueryPrepared(conn, name->c_str(), text.count(), text.values(), nullptr, nullptr, 0)
               : PQsendQueryParams(conn, s.sql.c_str(), text.count(), nullptr, text.values(), nullptr, nullptr, 0);
      if (sent != 1) {  // e.g. too many parameters (checked by libpq) or a lost connection
        error = WithStatementIndex(ErrorFrom(conn, nullptr, s.sql), i);
        break;
      }
      expected.push_back({i, nullptr, {}});
      if ((i + 1) % kFlushEveryStatements == 0 && !Flush()) {
        connection_failed = true;
        break;
      }
    }
    if (!connection_failed && PQstatus(conn) == CONNECTION_OK) {
      connection_failed = PQpipelineSync(conn) != 1 || !Flush();
    } else {
      connection_failed = true;
    }
    if (connection_failed || PQsetnonblocking(conn, 0) != 0) {
      return Broken(error ? *error : ErrorFrom(conn, nullptr, "pipeline"));
    }

    std::vector<Rows> out(statements.size());
    for (const Expected& e : expected) {
      ResultPtr result(PQgetResult(conn));
      if (!result) return Broken(error ? *error : ErrorFrom(conn, nullptr, "pipeline"));
      const ExecStatusType status = PQresultStatus(result.get());
      const std::string& sql = statements[e.statement].sql;
      if (status == PGRES_PIPELINE_ABORTED) {
        // skipped after an earlier error
      } else if (status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR || status == PGRES_BAD_RESPONSE) {
        if (!e.prepared_sql) ForgetIfPlanIsStale(result.get(), sql);  // the caller's retry prepares it anew
        if (!error) error = WithStatementIndex(ErrorFrom(conn, result.get(), sql), e.statement);
      } else if (e.prepared_sql) {
        // Preparations are not transactional: a prepared statement stays even if the batch fails.
        if (status == PGRES_COMMAND_OK) prepared_.emplace(*e.prepared_sql, e.name);
      } else if (IsSuccess(status)) {
        out[e.statement] = ToRows(result.get());
      } else if (!error) {
        error = WithStatementIndex(Error::Internal(std::string("PostgreSQL: unsupported result ") +
                                                   PQresStatus(status) + " (in: " + SqlForMessage(sql) + ")"),
                                   e.statement);
      }
      // Each answer ends with a null result.
      while (ResultPtr extra{PQgetResult(conn)}) {
        if (PQstatus(conn) != CONNECTION_OK) break;
      }
      if (PQstatus(conn) != CONNECTION_OK) return Broken(error ? *error : ErrorFrom(conn, nullptr, "pipeline"));
    }
    ResultPtr sync(PQgetResult(conn));
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC || PQexitPipelineMode(conn) != 1) {
      return Broken(error ? *error : ErrorFrom(conn, sync.get(), "end of pipeline"));
    }
    if (error) return *error;
    return out;
  }

  Result<void> ExecScript(std::string_view sql) override {
    KS_RETURN_IF_ERROR(CheckUsable());
    const std::string script(sql);
    ResultPtr result(PQexec(conn_.get(), script.c_str()));
    if (!result || !IsSuccess(PQresultStatus(result.get()))) return ErrorFrom(conn_.get(), result.get(), sql);
    return Ok();
  }

 private:
  std::string NewStatementName() { return "ks" + std::to_string(++statement_counter_); }

  // The name of the prepared statement for `sql`, preparing it now if needed; nullopt when the cache
  // is full and the statement should run unnamed.
  Result<std::optional<std::string>> PreparedName(std::string_view sql) {
    const std::string key(sql);
    if (auto it = prepared_.find(key); it != prepared_.end()) return std::optional<std::string>(it->second);
    if (prepared_.size() >= kMaxPreparedStatements) return std::optional<std::string>();
    std::string name = NewStatementName();
    ResultPtr result(PQprepare(conn_.get(), name.c_str(), key.c_str(), 0, nullptr));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) return ErrorFrom(conn_.get(), result.get(), sql);
    prepared_.emplace(key, name);
    return std::optional<std::string>(std::move(name));
  }

  // A prepared SELECT * whose table changed shape (a migration by another node) fails with "cached plan
  // must not change result type" until it is prepared again. Drops the cache entry in that case (the
  // server keeps the old statement under its never-reused name) and says so.
  bool ForgetIfPlanIsStale(const PGresult* result, std::string_view sql) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    if (state == nullptr || primary == nullptr || std::string_view(state) != "0A000" ||
        !std::string_view(primary).starts_with("cached plan must not change result type")) {
      return false;
    }
    return prepared_.erase(std::string(sql)) > 0;
  }

  // Sends what libpq has buffered. While the socket is full, reads the server's answers into libpq's
  // buffer: the server may be blocked writing them to us and would otherwise never read more.
  bool Flush() {
    PGconn* conn = conn_.get();
    while (true) {
      const int rc = PQflush(conn);
      if (rc == 0) return true;
      if (rc < 0) return false;
      pollfd fd{PQsocket(conn), POLLIN | POLLOUT, 0};
      if (poll(&fd, 1, 1000) < 0 && errno != EINTR) return false;
      if ((fd.revents & (POLLIN | POLLERR | POLLHUP)) != 0 && PQconsumeInput(conn) != 1) return false;
    }
  }

  // The connection's protocol state is unknown (lost connection, or a pipeline that could not be read
  // to its end): refuse further use, so the caller opens a new connection.
  Error Broken(Error error) {
    broken_ = true;
    if (error.code != ErrorCode::kUnavailable) {
      error = Error::Unavailable(error.message + " (the connection is no longer usable)");
    }
    return error;
  }

  Result<void> CheckUsable() {
    if (broken_ || PQstatus(conn_.get()) != CONNECTION_OK) {
      broken_ = true;
      return Error::Unavailable("PostgreSQL: the connection is broken; open a new one");
    }
    return Ok();
  }

  ConnPtr conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> prepared statement name
  std::uint64_t statement_counter_ = 0;
  bool broken_ = false;
};

// `url` with any password replaced by ***: the user:password@ of a URI and password= parameters.
std::string WithoutPassword(std::string_view url) {
  std::string s(url);
  if (const auto scheme = s.find("://"); scheme != std::string::npos) {
    const size_t start = scheme + 3;
    size_t end = s.find_first_of("/?", start);
    if (end == std::string::npos) end = s.size();
    const auto at = s.rfind('@', end == 0 ? 0 : end - 1);
    if (at != std::string::npos && at >= start) {
      const auto colon = s.find(':', start);
      if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (size_t pos = 0; (pos = s.find("password=", pos)) != std::string::npos;) {
    const size_t value = pos + 9;
    size_t end = s.find_first_of("& ", value);
    if (end == std::string::npos) end = s.size();
    s.replace(value, end - value, "***");
    pos = value + 3;
  }
  return s;
}

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(std::string url) : url_(std::move(url)) {}
  Engine engine() const override { return Engine::kPostgres; }
  std::string Describe() const override { return WithoutPassword(url_); }

  Result<std::unique_ptr<Connection>> Connect() override {
    // Keywords before "dbname" are defaults that the URL may override.
    const char* const keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char* const values[] = {kConnectTimeoutSeconds, "klantstem", url_.c_str(), nullptr};
    ConnPtr conn(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
      const std::string message = conn ? OneLine(PQerrorMessage(conn.get())) : "out of memory";
      return Error::Unavailable("cannot connect to PostgreSQL at " + Describe() + ": " + message);
    }
    PQsetNoticeProcessor(conn.get(), IgnoreNotice, nullptr);
    auto connection = std::make_unique<PostgresConnection>(std::move(conn));
    KS_RETURN_IF_ERROR(connection->ExecScript("SET client_min_messages = warning"));
    return std::unique_ptr<Connection>(std::move(connection));
  }

 private:
  std::string url_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgresDatabase(std::string_view url) {
  auto db = std::make_unique<PostgresDatabase>(std::string(url));
  KS_RETURN_IF_ERROR(db->Connect());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ks::db
