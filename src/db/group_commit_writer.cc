#include "db/group_commit_writer.h"

#include <future>

namespace ks::db {

GroupCommitWriter::GroupCommitWriter(Database& database, Options options)
    : database_(database), options_(options), thread_([this] { Run(); }) {}

GroupCommitWriter::~GroupCommitWriter() { Stop(); }

void GroupCommitWriter::Submit(std::vector<Statement> statements, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back({std::move(statements), std::move(done)});
      queue_depth_.store(queue_.size(), std::memory_order_relaxed);
      wake_.notify_one();
      return;
    }
  }
  done(Error::Unavailable("the server is shutting down; retry with the same idempotency_key"));
}

Result<std::vector<Rows>> GroupCommitWriter::Write(std::vector<Statement> statements) {
  std::promise<Result<std::vector<Rows>>> promise;
  auto future = promise.get_future();
  Submit(std::move(statements), [&promise](Result<std::vector<Rows>> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void GroupCommitWriter::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void GroupCommitWriter::Run() {
  while (true) {
    std::vector<Request> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything written
      size_t statements = 0;
      while (!queue_.empty() &&
             (batch.empty() || statements + queue_.front().statements.size() <= options_.max_batch_statements)) {
        statements += queue_.front().statements.size();
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      queue_depth_.store(queue_.size(), std::memory_order_relaxed);
    }
    WriteBatch(batch);
  }
}

Result<Connection*> GroupCommitWriter::EnsureConnection() {
  if (!connection_) {
    KS_ASSIGN_OR_RETURN(connection_, database_.Connect());
  }
  return connection_.get();
}

Result<std::vector<Rows>> GroupCommitWriter::RunInTransaction(const std::vector<Statement>& statements) {
  KS_ASSIGN_OR_RETURN(Connection * c, EnsureConnection());
  std::vector<Statement> all;
  all.reserve(statements.size() + 2);
  all.push_back({c->engine() == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN", {}});
  all.insert(all.end(), statements.begin(), statements.end());
  all.push_back({"COMMIT", {}});
  auto result = c->QueryBatch(all);
  if (!result.ok()) {
    if (!c->Rollback().ok() || result.error().code == ErrorCode::kUnavailable) {
      connection_.reset();  // the connection is in an unknown state: start over with a new one
    }
    return result.error();
  }
  if (after_commit_) after_commit_();
  auto rows = std::move(result).value();
  rows.pop_back();
  rows.erase(rows.begin());
  return rows;
}

void GroupCommitWriter::WriteBatch(std::vector<Request>& batch) {
  batch_sizes_.Observe(static_cast<double>(batch.size()));
  if (batch.size() > 1) {
    std::vector<Statement> all;
    for (const auto& r : batch) all.insert(all.end(), r.statements.begin(), r.statements.end());
    auto result = RunInTransaction(all);
    if (result.ok()) {
      auto& rows = result.value();
      size_t next = 0;
      for (auto& r : batch) {
        std::vector<Rows> own(std::make_move_iterator(rows.begin() + next),
                              std::make_move_iterator(rows.begin() + next + r.statements.size()));
        next += r.statements.size();
        r.done(std::move(own));
      }
      return;
    }
    // Fall through: find the failing request(s) by writing each alone.
  }
  for (auto& r : batch) r.done(RunInTransaction(r.statements));
}

}  // namespace ks::db
