// ConnectionPool: connections for reads, shared by the request threads. Thread-safe.
// Acquire() hands out an idle connection or opens a new one; the lease returns it when it goes out of
// scope. A connection that failed with kUnavailable is dropped instead of returned (Discard()).
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "db/database.h"

namespace ks::db {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> c) : pool_(&pool), connection_(std::move(c)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease() {
      if (connection_) pool_->Return(std::move(connection_));
    }
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }
    // The connection is broken: close it rather than reuse it.
    void Discard() { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Keeps at most `max_idle` idle connections open.
  ConnectionPool(Database& database, size_t max_idle) : database_(database), max_idle_(max_idle) {}

  Result<Lease> Acquire();
  Database& database() { return database_; }

 private:
  void Return(std::unique_ptr<Connection> c);

  Database& database_;
  const size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace ks::db
