#include "db/job_queue.h"

#include <algorithm>

namespace ks::db {
namespace {

constexpr std::string_view kEnqueue =
    "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id";

constexpr std::string_view kReturning = " RETURNING id, kind, payload, run_at, attempts, locked_until, last_error";

// $1 now, $2 the new locked_until, $3 limit, $4 kind or ''.
constexpr std::string_view kDue =
    "SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until <= $1) "
    "AND ($4 = '' OR kind = $4) ORDER BY run_at, id LIMIT $3";

// ARRAY(…) makes the locking subquery an init plan, run exactly once; a plain IN (…) could be planned
// as a join that runs it again. Rows another claim holds are skipped, not waited for; a row another
// claim updated and committed meanwhile is re-checked against the WHERE (its lease now excludes it).
const std::string kClaimPostgres = "UPDATE jobs SET locked_until = $2, attempts = attempts + 1 WHERE id = ANY(ARRAY(" +
                                   std::string(kDue) + " FOR UPDATE SKIP LOCKED))" + std::string(kReturning);
// SQLite has one writer: the UPDATE holds the write lock from its start, so the subquery cannot race.
const std::string kClaimSqlite = "UPDATE jobs SET locked_until = $2, attempts = attempts + 1 WHERE id IN (" +
                                 std::string(kDue) + ")" + std::string(kReturning);

Job ToJob(const std::vector<Value>& row) {
  return Job{AsInt(row[0]), AsText(row[1]), AsText(row[2]), AsInt(row[3]),
             AsInt(row[4]), AsInt(row[5]),  AsText(row[6])};
}

}  // namespace

Statement JobQueue::EnqueueStatement(std::string_view kind, std::string payload_json, Micros run_at, Micros now) {
  return Statement{std::string(kEnqueue), {std::string(kind), std::move(payload_json), run_at, now}};
}

Result<std::int64_t> JobQueue::Enqueue(Connection& connection, std::string_view kind, std::string payload_json,
                                       Micros run_at, Micros now) {
  Statement s = EnqueueStatement(kind, std::move(payload_json), run_at, now);
  KS_ASSIGN_OR_RETURN(Rows rows, connection.Query(s.sql, s.params));
  if (rows.empty()) return Error::Internal("enqueueing a job returned no id");
  return AsInt(rows.rows[0][0]);
}

Result<std::vector<Job>> JobQueue::Claim(Connection& connection, Micros now, int limit, Micros lease,
                                         std::string_view kind) {
  if (limit <= 0) return std::vector<Job>{};
  const std::string& sql = connection.engine() == Engine::kPostgres ? kClaimPostgres : kClaimSqlite;
  KS_ASSIGN_OR_RETURN(Rows rows, connection.Query(sql, {now, now + lease, std::int64_t{limit}, std::string(kind)}));
  std::vector<Job> jobs;
  jobs.reserve(rows.size());
  for (const auto& row : rows.rows) jobs.push_back(ToJob(row));
  // RETURNING has no defined order.
  std::sort(jobs.begin(), jobs.end(),
            [](const Job& a, const Job& b) { return a.run_at != b.run_at ? a.run_at < b.run_at : a.id < b.id; });
  return jobs;
}

Result<std::vector<Job>> JobQueue::Peek(Connection& connection, Micros now, int limit, std::string_view kind) {
  if (limit <= 0) return std::vector<Job>{};
  KS_ASSIGN_OR_RETURN(
      Rows rows,
      connection.Query("SELECT id, kind, payload, run_at, attempts, locked_until, last_error FROM jobs WHERE done_at "
                       "IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until <= $1) AND ($3 = '' OR "
                       "kind = $3) ORDER BY run_at, id LIMIT $2",
                       {now, std::int64_t{limit}, std::string(kind)}));
  std::vector<Job> jobs;
  jobs.reserve(rows.size());
  for (const auto& row : rows.rows) jobs.push_back(ToJob(row));
  return jobs;
}

Result<void> JobQueue::Complete(Connection& connection, std::int64_t id, Micros now) {
  KS_ASSIGN_OR_RETURN(
      Rows rows, connection.Query(
                     "UPDATE jobs SET done_at = COALESCE(done_at, $2), locked_until = NULL WHERE id = $1 RETURNING id",
                     {id, now}));
  if (rows.empty()) return Error::NotFound("job " + std::to_string(id) + " does not exist");
  return Ok();
}

Result<void> JobQueue::Fail(Connection& connection, std::int64_t id, std::string_view error, Micros retry_at) {
  KS_ASSIGN_OR_RETURN(Rows rows, connection.Query("UPDATE jobs SET last_error = $2, run_at = $3, locked_until = NULL "
                                                  "WHERE id = $1 AND done_at IS NULL RETURNING id",
                                                  {id, std::string(error), retry_at}));
  if (rows.empty()) return Error::NotFound("job " + std::to_string(id) + " does not exist or is already done");
  return Ok();
}

}  // namespace ks::db
