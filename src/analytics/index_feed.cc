#include "analytics/index_feed.h"

#include <spdlog/spdlog.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <atomic>
#include <chrono>
#include <thread>

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
    KS_ASSIGN_OR_RETURN(db::Rows rows, c->Query("SELECT COALESCE(MAX(revision), 0) FROM feedback WHERE revision > 0"));
    last_revision_ = db::AsInt(rows.rows.at(0)[0]);
  } else {
    KS_ASSIGN_OR_RETURN(snapshot_, CurrentSnapshot(*c));
  }
  KS_ASSIGN_OR_RETURN(db::Rows counts, c->Query("SELECT COALESCE(MAX(id), 0) FROM feedback"));
  const std::int64_t max_id = db::AsInt(counts.rows.at(0)[0]);  // ids are dense: about the number of items
  last_id_ = max_id;
  fresh.Reserve(static_cast<size_t>(max_id), max_id);
  KS_ASSIGN_OR_RETURN(const CustomerAttributes customers, LoadCustomerAttributes(*c));
  spdlog::info("analytics index: loading about {} feedback items (days in {})", max_id, zone.name());
  const Micros started = SteadyMicros();
  // Two readers, each over half of the ids on a connection of its own; the index takes their rows in
  // turns. Reading and converting rows is most of the work, so this nearly halves the load.
  std::atomic<size_t> loaded{0};
  std::atomic<Micros> last_report{started};
  const auto load_range = [&](std::int64_t after_id, std::int64_t last_id) -> Result<void> {
    KS_ASSIGN_OR_RETURN(auto connection, database_.Connect());
    const std::string sql = std::string(kLoadRowSelect) + " WHERE f.id > $1 AND f.id <= $2 ORDER BY f.id LIMIT $3";
    for (;;) {
      KS_ASSIGN_OR_RETURN(db::Rows rows,
                          connection->Query(sql, {after_id, last_id, static_cast<std::int64_t>(options_.load_batch)}));
      if (rows.empty()) return Ok();
      after_id = db::AsInt(rows.rows.back()[0]);
      std::vector<IndexRow> batch;
      batch.reserve(rows.size());
      for (const auto& r : rows.rows) batch.push_back(IndexRowFrom(r, customers));
      fresh.Apply(batch);
      const size_t done = loaded += rows.size();
      Micros reported = last_report.load();
      if (SteadyMicros() - reported > 2 * kMicrosPerSecond &&
          last_report.compare_exchange_strong(reported, SteadyMicros())) {
        spdlog::info("analytics index: {} of about {} items loaded ({}%)", done, max_id,
                     max_id > 0 ? static_cast<std::int64_t>(done) * 100 / max_id : 100);
      }
    }
  };
  Result<void> second_half = Ok();
  std::thread second([&] { second_half = load_range(max_id / 2, max_id); });
  Result<void> first_half = load_range(0, max_id / 2);
  second.join();
  if (!first_half.ok()) return first_half.error();
  if (!second_half.ok()) return second_half.error();
  const double seconds = static_cast<double>(SteadyMicros() - started) / 1e6;
  spdlog::info("analytics index: {} items loaded in {:.1f} s, {:.1f} MB", loaded.load(), seconds,
               static_cast<double>(fresh.MemoryBytes()) / 1e6);
  index_.Swap(fresh);
#ifdef __GLIBC__
  malloc_trim(0);  // hand the load's freed batches back to the system: the index is what stays resident
#endif
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
  // New items by id, then changed items by revision (whole revisions per batch: rows changed by one
  // statement share a revision). `revision > 0` lets SQLite use the partial index.
  const std::string new_items = std::string(kIndexRowSelect) + " WHERE f.id > $1 ORDER BY f.id LIMIT $2";
  const std::string changed_items =
      std::string(kIndexRowSelect).replace(7, 0, "f.revision, ") +
      " WHERE f.revision > 0 AND f.revision > $1 AND f.revision <= (SELECT MAX(revision) FROM (SELECT revision FROM "
      "feedback WHERE revision > 0 AND revision > $1 ORDER BY revision LIMIT $2)) ORDER BY f.revision";
  const db::Value batch = static_cast<std::int64_t>(kCatchUpBatch);
  for (;;) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(new_items, {last_id_, batch}));
    if (rows.empty()) break;
    last_id_ = db::AsInt(rows.rows.back()[0]);
    index_.Apply(RowsOf(rows));
  }
  for (;;) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(changed_items, {last_revision_, batch}));
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
