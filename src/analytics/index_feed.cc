#include "analytics/index_feed.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "accounts/organisation_settings.h"
#include "analytics/index_rows.h"

namespace ks::analytics {
namespace {

constexpr size_t kCatchUpBatch = 20'000;

Micros SteadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::vector<IndexRow> RowsOf(const db::Rows& rows) {
  std::vector<IndexRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) out.push_back(IndexRowFrom(r));
  return out;
}

Result<std::string> CurrentSnapshot(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT pg_current_snapshot()::text"));
  return db::AsText(rows.rows.at(0)[0]);
}

}  // namespace

IndexFeed::IndexFeed(db::Database& database, FeedbackIndex& index, Options options)
    : database_(database), index_(index), options_(options) {}

IndexFeed::~IndexFeed() { Stop(); }

Result<db::Connection*> IndexFeed::Connection() {
  if (!connection_) {
    KS_ASSIGN_OR_RETURN(connection_, database_.Connect());
  }
  return connection_.get();
}

Result<void> IndexFeed::Start() {
  {
    std::lock_guard lock(mutex_);
    KS_RETURN_IF_ERROR(Load());
  }
  if (options_.poll_interval > 0) thread_ = std::thread([this] { Poll(); });
  return Ok();
}

Result<void> IndexFeed::Load() {
  KS_ASSIGN_OR_RETURN(db::Connection * c, Connection());
  KS_ASSIGN_OR_RETURN(OrganisationSettings settings, LoadSettings(*c));
  KS_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(settings.time_zone));
  // Built apart and swapped in at the end, so queries never see a half-loaded index.
  FeedbackIndex fresh(zone);
  // Where catching up starts, taken before the load so a change made during it is read again.
  if (c->engine() == db::Engine::kSqlite) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c->Query("SELECT COALESCE(MAX(revision), 0) FROM feedback"));
    last_revision_ = db::AsInt(rows.rows.at(0)[0]);
  } else {
    KS_ASSIGN_OR_RETURN(snapshot_, CurrentSnapshot(*c));
  }
  KS_ASSIGN_OR_RETURN(db::Rows counts, c->Query("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM feedback"));
  const std::int64_t total = db::AsInt(counts.rows.at(0)[0]);
  fresh.Reserve(static_cast<size_t>(total), db::AsInt(counts.rows.at(0)[1]));
  spdlog::info("analytics index: loading {} feedback items (days in {})", total, zone.name());
  const Micros started = SteadyMicros();
  Micros last_report = started;
  std::int64_t after_id = 0;
  size_t loaded = 0;
  const std::string sql = std::string(kIndexRowSelect) + " WHERE f.id > $1 ORDER BY f.id LIMIT $2";
  for (;;) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c->Query(sql, {after_id, static_cast<std::int64_t>(options_.load_batch)}));
    if (rows.empty()) break;
    after_id = db::AsInt(rows.rows.back()[0]);
    fresh.Apply(RowsOf(rows));
    loaded += rows.size();
    if (SteadyMicros() - last_report > 2 * kMicrosPerSecond) {
      last_report = SteadyMicros();
      spdlog::info("analytics index: {} of {} items loaded ({}%)", loaded, total,
                   total > 0 ? static_cast<std::int64_t>(loaded) * 100 / total : 100);
    }
  }
  const double seconds = static_cast<double>(SteadyMicros() - started) / 1e6;
  spdlog::info("analytics index: {} items loaded in {:.1f} s, {:.1f} MB", loaded, seconds,
               static_cast<double>(fresh.MemoryBytes()) / 1e6);
  index_.Swap(fresh);
  return CatchUpLocked();
}

Result<void> IndexFeed::CatchUp() {
  std::lock_guard lock(mutex_);
  return CatchUpLocked();
}

Result<void> IndexFeed::CatchUpLocked() {
  KS_ASSIGN_OR_RETURN(db::Connection * c, Connection());
  auto caught_up = c->engine() == db::Engine::kSqlite ? CatchUpSqlite(*c) : CatchUpPostgres(*c);
  if (!caught_up.ok()) connection_.reset();  // start over on a fresh connection next time
  return caught_up;
}

Result<void> IndexFeed::CatchUpSqlite(db::Connection& c) {
  // Whole revisions per batch: rows changed by one statement share a revision.
  const std::string sql = std::string(kIndexRowSelect).replace(7, 0, "f.revision, ") +
                          " WHERE f.revision > $1 AND f.revision <= (SELECT MAX(revision) FROM (SELECT revision FROM "
                          "feedback WHERE revision > $1 ORDER BY revision LIMIT $2)) ORDER BY f.revision";
  for (;;) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, {last_revision_, static_cast<std::int64_t>(kCatchUpBatch)}));
    if (rows.empty()) return Ok();
    std::vector<IndexRow> changed;
    changed.reserve(rows.size());
    for (auto& r : rows.rows) {
      last_revision_ = db::AsInt(r[0]);
      r.erase(r.begin());
      changed.push_back(IndexRowFrom(r));
    }
    index_.Apply(changed);
  }
}

Result<void> IndexFeed::CatchUpPostgres(db::Connection& c) {
  // One snapshot for both statements: the rows read are exactly those it sees and the last one did not.
  const std::string sql = std::string(kIndexRowSelect) +
                          " WHERE f.changed_tx >= pg_snapshot_xmin($1::pg_snapshot) AND NOT "
                          "pg_visible_in_snapshot(f.changed_tx, $1::pg_snapshot)";
  KS_ASSIGN_OR_RETURN(std::vector<db::Rows> results,
                      c.QueryBatch({{"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {}},
                                    {"SELECT pg_current_snapshot()::text", {}},
                                    {sql, {snapshot_}},
                                    {"COMMIT", {}}}));
  index_.Apply(RowsOf(results[2]));
  snapshot_ = db::AsText(results[1].rows.at(0)[0]);
  return Ok();
}

void IndexFeed::Poll() {
  for (;;) {
    {
      std::unique_lock lock(stop_mutex_);
      wake_.wait_for(lock, std::chrono::microseconds(options_.poll_interval), [this] { return stopping_; });
      if (stopping_) return;
    }
    std::lock_guard lock(mutex_);
    auto c = Connection();
    Result<void> done = Ok();
    if (!c.ok()) {
      done = c.error();
    } else if (auto settings = LoadSettings(**c); settings.ok() && settings->time_zone != index_.time_zone()) {
      spdlog::info("analytics index: the time zone changed to {}; reloading", settings->time_zone);
      done = Load();
    } else {
      done = CatchUpLocked();
    }
    if (!done.ok()) spdlog::warn("analytics index: catching up failed: {}", done.error().message);
  }
}

void IndexFeed::Stop() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace ks::analytics
