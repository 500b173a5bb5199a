// JobQueue: background work stored in the `jobs` table (migrations/0001_core.*.sql), so that work
// decided in a transaction survives a crash and any node can do it (DESIGN §2).
//
// A feature enqueues a job inside its own write transaction (EnqueueStatement, e.g. as one more
// statement of a GroupCommitWriter request), so the job exists exactly when the data that caused it
// does. Workers Claim() due jobs: a claim leases the job until now + lease and counts an attempt;
// the worker then calls Complete() or Fail() (which schedules a retry). A worker that dies leaves
// its lease to run out, after which another worker claims the job again: delivery is at least once,
// so jobs must be idempotent. On PostgreSQL a claim uses FOR UPDATE SKIP LOCKED, so workers on any
// number of nodes never claim the same job at the same time and never wait for each other; SQLite
// has one writer, so its claims are serialised anyway.
//
// Times are parameters (from the caller's Clock) and nothing here sleeps: polling is the caller's.
// Threads: JobQueue holds no state; its functions may be called from any thread, each with a
// Connection that thread is using alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"

namespace ks::db {

struct Job {
  std::int64_t id = 0;
  std::string kind;           // what to do, e.g. "cases.run_rules"; the worker dispatches on it
  std::string payload;        // a JSON document
  Micros run_at = 0;          // when it became (or becomes again, after a failure) due
  std::int64_t attempts = 0;  // claims so far, this one included
  Micros locked_until = 0;    // the end of this claim's lease
  std::string last_error;     // the previous attempt's failure; empty when none
};

class JobQueue {
 public:
  // The INSERT that enqueues a job due at `run_at`; its one row holds the new job's id. Run it in the
  // transaction that writes the data the job is about.
  static Statement EnqueueStatement(std::string_view kind, std::string payload_json, Micros run_at, Micros now);
  // Enqueues on its own (its own transaction unless `connection` is in one); returns the job's id.
  static Result<std::int64_t> Enqueue(Connection& connection, std::string_view kind, std::string payload_json,
                                      Micros run_at, Micros now);

  // Claims up to `limit` due jobs (run_at <= now, not done, not leased or lease ended), oldest
  // run_at first, for `lease` microseconds, in one statement. `kind` limits the claim to one kind;
  // empty claims any kind. Returns the jobs ordered by run_at, then id.
  static Result<std::vector<Job>> Claim(Connection& connection, Micros now, int limit, Micros lease,
                                        std::string_view kind = {});

  // The due jobs Claim would take, without claiming them: a read, so on SQLite it does not take the write
  // lock away from the group-commit writer (a claim's UPDATE there makes ingestion wait and back off).
  // Only for work that is safe to do twice at once — that removes or completes its job in the
  // transaction of its result and is made idempotent by a constraint — on a database one process writes.
  static Result<std::vector<Job>> Peek(Connection& connection, Micros now, int limit, std::string_view kind = {});

  // Marks the job done (it is never claimed again). kNotFound when there is no such job.
  static Result<void> Complete(Connection& connection, std::int64_t id, Micros now);

  // Records `error`, releases the lease and makes the job due again at `retry_at`. To give up on a
  // job, Fail() it (to keep the error) and then Complete() it. kNotFound when there is no such job
  // or it is already done.
  static Result<void> Fail(Connection& connection, std::int64_t id, std::string_view error, Micros retry_at);
};

}  // namespace ks::db
