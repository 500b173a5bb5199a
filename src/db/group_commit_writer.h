// GroupCommitWriter: the one writer thread per database (DESIGN §2, write path).
//
// Callers submit a request (statements to run in one transaction with others); the writer takes
// whatever is queued, runs all of it as ONE transaction (one pipeline on PostgreSQL, one fsync on
// SQLite) and calls each request's `done` only after COMMIT has returned, i.e. once the data is durable.
// If the combined batch fails, each request is retried alone, so one bad request fails only itself.
//
// Threads: Submit() may be called from any thread; `done` runs on the writer thread and must be quick
// (hand work off, do not block). Stop() drains the queue, then joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/metrics.h"
#include "db/database.h"

namespace ks::db {

class GroupCommitWriter {
 public:
  using Done = std::function<void(Result<std::vector<Rows>>)>;

  struct Options {
    // Upper bound on statements per transaction; more waits for the next batch. Default 20,000.
    size_t max_batch_statements = 20'000;
  };

  // Opens its own connection to `database` (reconnecting after a connection failure).
  GroupCommitWriter(Database& database, Options options);
  explicit GroupCommitWriter(Database& database) : GroupCommitWriter(database, Options{}) {}
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Queues `statements` (no BEGIN/COMMIT of their own). `done` gets each statement's rows after the
  // commit, or the error. After Stop(), `done` is called at once with kUnavailable.
  void Submit(std::vector<Statement> statements, Done done);
  // Submit and wait for the result (for the CLI and tests; never from the writer thread).
  Result<std::vector<Rows>> Write(std::vector<Statement> statements);

  // Runs `listener` on the writer thread after every commit, before the committed requests' `done`
  // (the analytics index catches up there, so a 2xx means the index has the item). Call before the
  // first Submit.
  void SetAfterCommit(std::function<void()> listener) { after_commit_ = std::move(listener); }

  // Finishes everything queued, then stops the thread. Idempotent.
  void Stop();

  size_t queue_depth() const { return queue_depth_.load(std::memory_order_relaxed); }
  // Requests per committed transaction, for /metrics.
  const Histogram& batch_sizes() const { return batch_sizes_; }

 private:
  struct Request {
    std::vector<Statement> statements;
    Done done;
  };
  void Run();
  void WriteBatch(std::vector<Request>& batch);
  Result<std::vector<Rows>> RunInTransaction(const std::vector<Statement>& statements);
  Result<Connection*> EnsureConnection();

  Database& database_;
  Options options_;
  std::function<void()> after_commit_;
  std::unique_ptr<Connection> connection_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Request> queue_;
  bool stopping_ = false;
  std::atomic<size_t> queue_depth_{0};
  Histogram batch_sizes_{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}};
  std::thread thread_;
};

}  // namespace ks::db
