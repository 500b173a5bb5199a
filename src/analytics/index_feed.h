// IndexFeed: keeps a FeedbackIndex current with the database.
//
// Start() loads every item (logging progress), then a thread catches up every poll interval with what
// any node committed since; the local write path calls CatchUp() right after each commit (the
// group-commit writer's after-commit listener), so an item is in this node's index before its 2xx.
//
// How changes are found without missing or doubling one (see migration 0005):
//   SQLite      one writer at a time gives ids in commit order, and each change of an item the next
//               `revision` (a trigger): read id > last seen, then revision > last seen.
//   PostgreSQL  each change records its transaction (`changed_tx`); read the rows whose transaction the
//               previous look's snapshot did not see and the current one does (pg_visible_in_snapshot),
//               so a transaction that began long ago and commits now is read now, and one still running
//               is read when it commits. A row read twice replaces itself in the index.
// When the organisation's time zone changes, the index is rebuilt (days are bucketed in it).
//
// Threads: CatchUp() may be called from any thread (one catch-up runs at a time, on the feed's own
// connection). Stop() joins the thread; the destructor stops.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "analytics/feedback_index.h"
#include "base/result.h"
#include "db/database.h"

namespace ks::analytics {

class IndexFeed {
 public:
  struct Options {
    Micros poll_interval = Micros{1'000'000};  // how often other nodes' writes are looked for
    size_t load_batch = 50'000;                // items per query while loading
  };
  IndexFeed(db::Database& database, FeedbackIndex& index, Options options);
  ~IndexFeed();
  IndexFeed(const IndexFeed&) = delete;
  IndexFeed& operator=(const IndexFeed&) = delete;

  // Loads all feedback and starts the polling thread (not when poll_interval is 0).
  Result<void> Start();
  // Applies the changes committed since the last look.
  Result<void> CatchUp();
  void Stop();

 private:
  Result<void> Load();
  Result<void> CatchUpLocked();
  Result<void> CatchUpSqlite(db::Connection& c);
  Result<void> CatchUpPostgres(db::Connection& c);
  Result<db::Connection*> Connection();
  void Poll();

  db::Database& database_;
  FeedbackIndex& index_;
  Options options_;
  std::mutex mutex_;  // one load or catch-up at a time; guards what follows
  std::unique_ptr<db::Connection> connection_;
  std::int64_t last_id_ = 0;        // SQLite
  std::int64_t last_revision_ = 0;  // SQLite
  std::string snapshot_;            // PostgreSQL: pg_current_snapshot() at the last look
  std::mutex stop_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ks::analytics
