// Running work in one write transaction on a connection: BEGIN (IMMEDIATE on SQLite), the work, COMMIT;
// rolled back when the work or the commit fails. Header-only; as thread-safe as the connection.
#pragma once

#include <utility>

#include "db/database.h"

namespace ks::db {

// `work` is called with no arguments and returns Result<T>; its result is returned after the commit.
template <typename Work>
auto InWriteTransaction(Connection& c, Work&& work) -> decltype(work()) {
  KS_RETURN_IF_ERROR(c.BeginWrite());
  auto done = std::forward<Work>(work)();
  if (!done.ok()) {
    (void)c.Rollback();
    return done;
  }
  if (auto committed = c.Commit(); !committed.ok()) {
    (void)c.Rollback();
    return committed.error();
  }
  return done;
}

}  // namespace ks::db
