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

Result<std::string> OldestRunningTransaction(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"));
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
  index_.Reset(zone);
  // Where catching up starts, taken before the load so a change made during it is read again.
  if (c->engine() == db::Engine::kSqlite) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c->Query("SELECT COALESCE(MAX(revision), 0) FROM feedback"));
    last_revision_ = db::AsInt(rows.rows.at(0)[0]);
  } else {
    KS_ASSIGN_OR_RETURN(oldest_running_, OldestRunningTransaction(*c));
  }
  KS_ASSIGN_OR_RETURN(db::Rows counts, c->Query("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM feedback"));
  const std::int64_t total = db::AsInt(counts.rows.at(0)[0]);
  index_.Reserve(static_cast<size_t>(total), db::AsInt(counts.rows.at(0)[1]));
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
    index_.Apply(RowsOf(rows));
    loaded += rows.size();
    if (SteadyMicros() - last_report > 2 * kMicrosPerSecond) {
      last_report = SteadyMicros();
      spdlog::info("analytics index: {} of {} items loaded ({}%)", loaded, total,
                   total > 0 ? static_cast<std::int64_t>(loaded) * 100 / total : 100);
    }
  }
  const double seconds = static_cast<double>(SteadyMicros() - started) / 1e6;
  spdlog::info("analytics index: {} items loaded in {:.1f} s, {:.1f} MB", loaded, seconds,
               static_cast<double>(index_.MemoryBytes()) / 1e6);
  return CatchUpLocked();
}

Result<void> IndexFeed::CatchUp() {
  std::lock_guard lock(mutex_);
  return CatchUpLocked();
}

Result<void> IndexFeed::CatchUpLocked() {
  KS_ASSIGN_OR_RETURN(db::Connection * c, Connection());
  if (c->engine() == db::Engine::kSqlite) {
    const std::string sql = std::string(kIndexRowSelect).replace(7, 0, "f.revision, ") +
                            " WHERE f.revision > $1 ORDER BY f.revision LIMIT $2";
    for (;;) {
      auto rows = c->Query(sql, {last_revision_, static_cast<std::int64_t>(kCatchUpBatch)});
      if (!rows.ok()) {
        connection_.reset();
        return rows.error();
      }
      if (rows->empty()) return Ok();
      std::vector<IndexRow> changed;
      changed.reserve(rows->size());
      for (auto& r : rows->rows) {
        last_revision_ = db::AsInt(r[0]);
        r.erase(r.begin());
        changed.push_back(IndexRowFrom(r));
      }
      index_.Apply(changed);
    }
  }
  auto now_running = OldestRunningTransaction(*c);
  if (!now_running.ok()) {
    connection_.reset();
    return now_running.error();
  }
  if (*now_running == oldest_running_) return Ok();
  const std::string sql = std::string(kIndexRowSelect) + " WHERE f.changed_tx >= $1::xid8 AND f.changed_tx < $2::xid8";
  auto rows = c->Query(sql, {oldest_running_, *now_running});
  if (!rows.ok()) {
    connection_.reset();
    return rows.error();
  }
  index_.Apply(RowsOf(*rows));
  oldest_running_ = *now_running;
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
