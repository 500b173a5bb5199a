#include "db/connection_pool.h"

namespace ks::db {

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(c));
    }
  }
  KS_ASSIGN_OR_RETURN(auto c, database_.Connect());
  return Lease(*this, std::move(c));
}

void ConnectionPool::Return(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(c));
}

}  // namespace ks::db
