// UnitDirectory: which unit codes exist, for validating feedback without a database read per item.
// Codes are cached once seen (units are never deleted); a code not in the cache is looked up in the
// database, so units created by another node are found too. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <unordered_set>

#include "base/result.h"
#include "db/connection_pool.h"

namespace ks {

class UnitDirectory {
 public:
  explicit UnitDirectory(db::ConnectionPool& pool) : pool_(pool) {}

  // Whether a unit with this code exists; kUnavailable when the database cannot be asked.
  Result<bool> Exists(const std::string& code);
  void Remember(const std::string& code);

 private:
  db::ConnectionPool& pool_;
  std::mutex mutex_;
  std::unordered_set<std::string> known_;
};

}  // namespace ks
