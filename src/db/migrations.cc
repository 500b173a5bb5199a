#include "db/migrations.h"

#include <algorithm>
#include <string_view>

#include "base/clock.h"

namespace ks::db {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";
// Any constant shared by all nodes; it only has to differ from other advisory locks in this database.
constexpr std::int64_t kMigrationLockId = 0x6b6c616e7473;

Result<int> CurrentVersion(Connection& c) {
  KS_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return static_cast<int>(AsInt(rows.rows[0][0]));
}

}  // namespace

std::vector<Migration> MigrationsFor(Engine engine) {
  const std::string_view suffix = engine == Engine::kSqlite ? ".sqlite.sql" : ".postgres.sql";
  std::vector<Migration> out;
  for (const auto& file : EmbeddedMigrations()) {
    const std::string_view name = file.name;
    if (!name.ends_with(suffix)) continue;
    out.push_back({std::stoi(std::string(name.substr(0, 4))),
                   std::string(name.substr(5, name.size() - 5 - suffix.size())), file.content});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

Result<MigrationStatus> GetMigrationStatus(Connection& c) {
  KS_RETURN_IF_ERROR(c.Exec(kCreateTable));
  KS_ASSIGN_OR_RETURN(int current, CurrentVersion(c));
  const auto all = MigrationsFor(c.engine());
  return MigrationStatus{current, all.empty() ? 0 : all.back().version};
}

// SQLite: migrations run with foreign keys off, as SQLite's procedure for changing a table asks (a
// table rebuilt under its own name, 0010), and each checks them before it commits.
class SqliteForeignKeysOff {
 public:
  explicit SqliteForeignKeysOff(Connection& c) : c_(c.engine() == Engine::kSqlite ? &c : nullptr) {
    if (c_ != nullptr) (void)c_->Exec("PRAGMA foreign_keys = OFF");
  }
  ~SqliteForeignKeysOff() {
    if (c_ != nullptr) (void)c_->Exec("PRAGMA foreign_keys = ON");
  }
  SqliteForeignKeysOff(const SqliteForeignKeysOff&) = delete;
  SqliteForeignKeysOff& operator=(const SqliteForeignKeysOff&) = delete;

  Result<void> Check() const {
    if (c_ == nullptr) return Ok();
    KS_ASSIGN_OR_RETURN(Rows broken, c_->Query("PRAGMA foreign_key_check"));
    if (broken.empty()) return Ok();
    return Error::Internal("it would leave a row of " + AsText(broken.rows[0][0]) + " referring to a missing row of " +
                           AsText(broken.rows[0][2]));
  }

 private:
  Connection* c_;
};

Result<std::vector<int>> Migrate(Connection& c) {
  KS_RETURN_IF_ERROR(c.Exec(kCreateTable));
  const SqliteForeignKeysOff foreign_keys_off(c);
  std::vector<int> applied;
  for (const Migration& m : MigrationsFor(c.engine())) {
    // BEGIN IMMEDIATE takes SQLite's write lock up front, so two processes cannot both decide to apply.
    KS_RETURN_IF_ERROR(c.Exec(c.engine() == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"));
    auto step = [&]() -> Result<bool> {
      if (c.engine() == Engine::kPostgres) {
        KS_RETURN_IF_ERROR(c.Exec("SELECT pg_advisory_xact_lock($1)", {kMigrationLockId}));
      }
      KS_ASSIGN_OR_RETURN(int current, CurrentVersion(c));
      if (current >= m.version) return false;
      KS_RETURN_IF_ERROR(c.ExecScript(m.sql));
      KS_RETURN_IF_ERROR(foreign_keys_off.Check());
      KS_RETURN_IF_ERROR(c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                                {std::int64_t{m.version}, m.name, SystemClock().Now()}));
      return true;
    };
    auto done = step();
    if (!done.ok()) {
      (void)c.Rollback();
      Error e = done.error();
      e.message = "migration " + std::to_string(m.version) + " (" + m.name + ") failed: " + e.message;
      return e;
    }
    KS_RETURN_IF_ERROR(c.Commit());
    if (*done) applied.push_back(m.version);
  }
  KS_ASSIGN_OR_RETURN(MigrationStatus status, GetMigrationStatus(c));
  if (status.current > status.latest) {
    return Error::Conflict("the database is at schema version " + std::to_string(status.current) +
                           ", newer than this klantstem (" + std::to_string(status.latest) + "); upgrade klantstem");
  }
  return applied;
}

}  // namespace ks::db
