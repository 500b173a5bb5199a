// A WHERE clause built from conditions, with numbered parameters ($1, $2, …) as both engines take them.
// Plain data; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.h"

namespace ks::db {

class WhereClause {
 public:
  // Adds a condition; each "?" in `condition` becomes the next of `values` (one value per "?").
  void Add(std::string_view condition, std::vector<Value> values = {}) {
    std::string sql;
    size_t next = 0;
    for (char ch : condition) {
      if (ch == '?') {
        params_.push_back(std::move(values[next++]));
        sql += "$" + std::to_string(params_.size());
      } else {
        sql += ch;
      }
    }
    clauses_.push_back(std::move(sql));
  }
  // " WHERE a AND b", or "" without conditions.
  std::string Sql() const {
    std::string sql;
    for (const auto& c : clauses_) sql += (sql.empty() ? " WHERE " : " AND ") + c;
    return sql;
  }
  std::vector<Value>& params() { return params_; }

 private:
  std::vector<std::string> clauses_;
  std::vector<Value> params_;
};

}  // namespace ks::db
