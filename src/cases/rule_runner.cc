#include "cases/rule_runner.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cases/case_mail.h"
#include "cases/case_store.h"
#include "cases/case_webhooks.h"
#include "cases/exit_cases.h"
#include "db/id_list.h"
#include "db/job_queue.h"
#include "feedback/feedback_store.h"
#include "notify/outbox.h"

namespace ks::cases {
namespace {

using db::AsInt;
using db::AsText;
using db::IsNull;
using db::Statement;
using db::Value;

constexpr std::string_view kJobKind = "cases.rules";
// Write requests waiting for the writer at which ingestion counts as busy (see RuleRunner::Step).
constexpr size_t kBusyWriterQueue = 4;

// An open case of the customer that a new item may join: in the database, or opened earlier in this run
// (not committed yet, so found by the item that opened it).
struct OpenCase {
  std::optional<std::int64_t> id;
  std::int64_t opening_feedback_id = 0;
  Micros opened_at = 0;
  Priority priority = Priority::kNormal;
};

std::string CaseRef(const OpenCase& open) {
  return open.id ? std::to_string(*open.id)
                 : fmt::format("(SELECT id FROM cases WHERE opening_feedback_id = {})", open.opening_feedback_id);
}

// A customer's attributes of text values, as the rules compare them.
std::map<std::string, std::string> TextAttributes(const std::string& stored) {
  std::map<std::string, std::string> out;
  const auto json = nlohmann::json::parse(stored, nullptr, false);
  if (!json.is_object()) return out;
  for (const auto& [key, value] : json.items()) {
    if (value.is_string()) out[key] = value.get<std::string>();
  }
  return out;
}

// The item a "cases.rules" job is about; none for a malformed payload.
std::optional<std::int64_t> FeedbackIdOf(const db::Job& job) {
  const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("feedback_id") || !payload["feedback_id"].is_number_integer()) {
    return std::nullopt;
  }
  return payload["feedback_id"].get<std::int64_t>();
}

Result<std::vector<std::string>> UnitAncestors(db::Connection& c, std::int64_t unit_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(R"(
WITH RECURSIVE up(id, depth) AS (
  SELECT parent_id, 1 FROM units WHERE id = $1 AND parent_id IS NOT NULL
  UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id
  WHERE u.parent_id IS NOT NULL AND up.depth < 50)
SELECT units.code FROM up JOIN units ON units.id = up.id ORDER BY up.depth)",
                                             {unit_id}));
  std::vector<std::string> out;
  for (const auto& r : rows.rows) out.push_back(AsText(r[0]));
  return out;
}

Result<std::optional<OpenCase>> NewestOpenCase(db::Connection& c, std::int64_t customer_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id, opening_feedback_id, opened_at, priority FROM cases "
                                             "WHERE customer_id = $1 AND closed_at IS NULL "
                                             "ORDER BY opened_at DESC, id DESC LIMIT 1",
                                             {customer_id}));
  if (rows.empty()) return std::optional<OpenCase>();
  const auto& r = rows.rows[0];
  return std::optional<OpenCase>(
      OpenCase{AsInt(r[0]), AsInt(r[1]), AsInt(r[2]), ParsePriority(AsText(r[3])).value_or(Priority::kNormal)});
}

class RuleRun {
 public:
  RuleRun(db::Connection& c, const StoredRules& rules, const RuleRunnerOptions& options, Micros now)
      : c_(c), rules_(rules), options_(options), now_(now) {}

  // Reads what the jobs' items need in three queries for the whole run rather than several per item:
  // the items, which of them are in a case already, and their customers' attributes.
  Result<void> Prefetch(const std::vector<db::Job>& jobs) {
    std::vector<std::int64_t> ids;
    for (const db::Job& job : jobs) {
      if (auto id = FeedbackIdOf(job)) ids.push_back(*id);
    }
    if (ids.empty()) return Ok();
    KS_ASSIGN_OR_RETURN(items_, GetFeedbackItems(c_, ids));
    const std::string list = db::IdList(ids);
    KS_ASSIGN_OR_RETURN(db::Rows in_case,
                        c_.Query("SELECT feedback_id FROM case_items WHERE feedback_id IN (" + list + ")"));
    for (const auto& r : in_case.rows) in_case_.insert(AsInt(r[0]));
    KS_ASSIGN_OR_RETURN(db::Rows customers,
                        c_.Query("SELECT id, attributes FROM customers WHERE id IN (SELECT customer_id FROM feedback "
                                 "WHERE id IN (" +
                                 list + "))"));
    for (const auto& r : customers.rows) attributes_[AsInt(r[0])] = TextAttributes(AsText(r[1]));
    return Ok();
  }

  // The statements that carry out `job` (none when it calls for nothing), or an error to retry it later.
  // Prefetch the run's jobs first.
  Result<std::vector<Statement>> Process(const db::Job& job, RuleRunStats& stats) {
    std::vector<Statement> out;
    const auto feedback_id = FeedbackIdOf(job);
    if (!feedback_id) {
      spdlog::warn("cases: job {} has no feedback_id ({}); dropped", job.id, job.payload);
      return out;
    }
    if (in_case_.contains(*feedback_id) || opened_here_.contains(*feedback_id)) return out;
    const auto found = items_.find(*feedback_id);
    if (found == items_.end()) return out;  // deleted meanwhile
    const FeedbackItem* item = &found->second;
    if (item->input.received_at < now_ - options_.max_item_age) return out;

    RuleInput input{item->input, item->analysis, {}, {}};
    if (item->customer_id) {
      if (auto it = attributes_.find(*item->customer_id); it != attributes_.end())
        input.customer_attributes = it->second;
    }
    if (item->unit_id) {
      auto ancestors = ancestors_.find(*item->unit_id);
      if (ancestors == ancestors_.end()) {
        KS_ASSIGN_OR_RETURN(auto read, UnitAncestors(c_, *item->unit_id));
        ancestors = ancestors_.emplace(*item->unit_id, std::move(read)).first;
      }
      input.unit_ancestors = ancestors->second;
    }
    const auto decision = Evaluate(rules_.rules, input);
    if (!decision) return out;

    std::optional<OpenCase> open;
    if (item->customer_id) {
      if (auto it = opened_for_customer_.find(*item->customer_id); it != opened_for_customer_.end()) {
        open = it->second;
      } else {
        KS_ASSIGN_OR_RETURN(open, NewestOpenCase(c_, *item->customer_id));
      }
      if (open && !ShouldJoin(rules_.rules.join, open->opened_at, item->input.received_at)) open.reset();
    }
    if (open) {
      Join(*open, *item, *decision, out);
      ++stats.joined;
    } else {
      KS_RETURN_IF_ERROR(Open(*item, *decision, out));
      ++stats.opened;
    }
    return out;
  }

  // An exit case for the customer a "cases.exit" job names (exit_cases.h).
  Result<std::vector<Statement>> ProcessExit(const db::Job& job, RuleRunStats& stats) {
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (!payload.is_object() || !payload.contains("customer_id") || !payload["customer_id"].is_number_integer()) {
      spdlog::warn("cases: job {} has no customer_id ({}); dropped", job.id, job.payload);
      return std::vector<Statement>{};
    }
    KS_ASSIGN_OR_RETURN(auto out, ExitCaseStatements(c_, rules_, payload["customer_id"].get<std::int64_t>(), job.id,
                                                     options_.base_url, now_));
    if (!out.empty()) ++stats.opened;
    return out;
  }

 private:
  void Join(OpenCase& open, const FeedbackItem& item, const CaseDecision& decision, std::vector<Statement>& out) {
    const std::string ref = CaseRef(open);
    out.push_back(
        {"INSERT INTO case_items (feedback_id, case_id, added_at) VALUES ($1, " + ref + ", $2)", {item.id, now_}});
    const nlohmann::json detail = {{"feedback_id", item.id}, {"rules", decision.matched_rules}};
    out.push_back({"INSERT INTO case_events (case_id, kind, detail, at) VALUES (" + ref + ", 'joined', $1, $2)",
                   {detail.dump(), now_}});
    if (decision.priority < open.priority) {
      // A more urgent item raises the case's priority and pulls its deadlines in, never out.
      const Micros first = Deadline(rules_.calendar, now_, decision.sla.first_contact);
      const Micros resolution = Deadline(rules_.calendar, now_, decision.sla.resolution);
      out.push_back(
          {"UPDATE cases SET priority = $1, first_contact_due = CASE WHEN first_contact_due > $2 THEN $2 "
           "ELSE first_contact_due END, resolution_due = CASE WHEN resolution_due > $3 THEN $3 ELSE "
           "resolution_due END, updated_at = $4 WHERE id = " +
               ref,
           {std::string(PriorityName(decision.priority)), first, resolution, now_}});
      open.priority = decision.priority;
    }
  }

  Result<void> Open(const FeedbackItem& item, const CaseDecision& decision, std::vector<Statement>& out) {
    KS_ASSIGN_OR_RETURN(OwnerUser owner, ResolveOwner(c_, decision.owner, item.unit_id));
    const Micros first = Deadline(rules_.calendar, now_, decision.sla.first_contact);
    const Micros resolution = Deadline(rules_.calendar, now_, decision.sla.resolution);
    const std::string rule = decision.matched_rules.front();
    out.push_back(
        {"INSERT INTO cases (customer_id, unit_id, state, priority, rule_key, opening_feedback_id, owner_user_id, "
         "owner_queue, opened_at, first_contact_due, resolution_due, updated_at) "
         "VALUES ($1, $2, 'new', $3, $4, $5, $6, $7, $8, $9, $10, $8)",
         {item.customer_id ? Value(*item.customer_id) : Value(nullptr),
          item.unit_id ? Value(*item.unit_id) : Value(nullptr), std::string(PriorityName(decision.priority)), rule,
          item.id, owner.user_id ? Value(*owner.user_id) : Value(nullptr),
          owner.queue.empty() ? Value(nullptr) : Value(owner.queue), now_, first, resolution}});
    const std::string ref = fmt::format("(SELECT id FROM cases WHERE opening_feedback_id = {})", item.id);
    out.push_back(
        {"INSERT INTO case_items (feedback_id, case_id, added_at) VALUES ($1, " + ref + ", $2)", {item.id, now_}});
    const nlohmann::json detail = {{"feedback_id", item.id},
                                   {"rules", decision.matched_rules},
                                   {"priority", PriorityName(decision.priority)},
                                   {"owner", owner.user_id ? owner.name : owner.queue}};
    out.push_back({"INSERT INTO case_events (case_id, kind, detail, at) VALUES (" + ref + ", 'opened', $1, $2)",
                   {detail.dump(), now_}});
    const auto& in = item.input;
    OpenedCase opened{fmt::format("{}/cases/feedback/{}", options_.base_url, item.id),
                      "feedback",
                      decision.priority,
                      decision.matched_rules.front(),
                      in.unit,
                      item.unit_name,
                      owner,
                      in.customer ? in.customer->external_ref : std::string(),
                      &item,
                      now_,
                      first,
                      resolution};
    for (db::Statement& s : CaseOpenedWebhook(opened, ref)) out.push_back(std::move(s));
    if (owner.user_id && !owner.email.empty()) {
      KS_ASSIGN_OR_RETURN(notify::Mail mail,
                          OpenedMail(owner, item, decision, first, rules_.calendar, options_.base_url));
      out.push_back(notify::OutboxInsertStatement(mail, now_));
    }
    opened_here_.insert(item.id);
    if (item.customer_id) {
      opened_for_customer_[*item.customer_id] = OpenCase{std::nullopt, item.id, now_, decision.priority};
    }
    return Ok();
  }

  db::Connection& c_;
  const StoredRules& rules_;
  const RuleRunnerOptions& options_;
  const Micros now_;
  std::set<std::int64_t> opened_here_;
  std::map<std::int64_t, OpenCase> opened_for_customer_;
  // Read by Prefetch, or once per unit.
  std::map<std::int64_t, FeedbackItem> items_;
  std::set<std::int64_t> in_case_;
  std::map<std::int64_t, std::map<std::string, std::string>> attributes_;
  std::map<std::int64_t, std::vector<std::string>> ancestors_;
};

// Each processed job with the statements that carry it out; its removal is added when it is written.
using JobWrites = std::vector<std::pair<std::int64_t, std::vector<Statement>>>;
// The jobs whose writes failed, with the error, to be retried later.
using WriteFailures = std::vector<std::pair<std::int64_t, std::string>>;

std::vector<Statement> AllWithRemoval(const JobWrites& done) {
  std::vector<Statement> all;
  std::vector<std::int64_t> ids;
  for (const auto& [job_id, statements] : done) {
    ids.push_back(job_id);
    all.insert(all.end(), statements.begin(), statements.end());
  }
  all.push_back({"DELETE FROM jobs WHERE id IN (" + db::IdList(ids) + ")", {}});
  return all;
}

// SQLite: through the group-commit writer, the database's one writer, so the writer's time goes to
// ingestion — the whole run as one request; should that fail (a concurrent run of one of its jobs), each
// job alone, so that only that one fails.
WriteFailures WriteThroughWriter(db::GroupCommitWriter& writer, const JobWrites& done) {
  WriteFailures failures;
  if (writer.Write(AllWithRemoval(done)).ok()) return failures;
  std::vector<std::pair<std::int64_t, std::future<Result<std::vector<db::Rows>>>>> pending;
  for (const auto& [job_id, job_statements] : done) {
    auto statements = job_statements;
    statements.push_back({"DELETE FROM jobs WHERE id = $1", {job_id}});
    auto promise = std::make_shared<std::promise<Result<std::vector<db::Rows>>>>();
    pending.emplace_back(job_id, promise->get_future());
    writer.Submit(std::move(statements),
                  [promise](Result<std::vector<db::Rows>> result) { promise->set_value(std::move(result)); });
  }
  for (auto& [job_id, future] : pending) {
    auto result = future.get();
    if (!result.ok()) failures.emplace_back(job_id, result.error().message);
  }
  return failures;
}

// PostgreSQL: in the run's own transaction, which holds its jobs locked — the whole run at once; should
// that fail, each job within a savepoint of its own, so that only that one fails.
Result<WriteFailures> WriteInTransaction(db::Connection& c, const JobWrites& done) {
  WriteFailures failures;
  KS_RETURN_IF_ERROR(c.Exec("SAVEPOINT rules_run"));
  if (c.QueryBatch(AllWithRemoval(done)).ok()) return failures;
  KS_RETURN_IF_ERROR(c.Exec("ROLLBACK TO SAVEPOINT rules_run"));
  for (const auto& [job_id, job_statements] : done) {
    auto statements = job_statements;
    statements.push_back({"DELETE FROM jobs WHERE id = $1", {job_id}});
    KS_RETURN_IF_ERROR(c.Exec("SAVEPOINT rules_job"));
    auto result = c.QueryBatch(statements);
    KS_RETURN_IF_ERROR(c.Exec(result.ok() ? "RELEASE SAVEPOINT rules_job" : "ROLLBACK TO SAVEPOINT rules_job"));
    if (!result.ok()) failures.emplace_back(job_id, result.error().message);
  }
  return failures;
}

// One run of `kind` jobs (the rules for an item, or an exit case) on `c`. On PostgreSQL `c` is in a
// transaction: the claim's row locks keep other nodes off the jobs until it commits, and a node that dies
// takes its claim with it (no lease to wait out).
Result<RuleRunStats> Run(db::Connection& c, db::GroupCommitWriter& writer, Micros now, const RuleRunnerOptions& options,
                         std::string_view kind) {
  const bool sqlite = c.engine() == db::Engine::kSqlite;
  // SQLite has one writer: a claim would take its lock from ingestion, and a run needs none — a job is
  // removed with its result, and a second run of it fails on case_items' key (see the file comment).
  KS_ASSIGN_OR_RETURN(auto jobs, sqlite ? db::JobQueue::Peek(c, now, options.batch, kind)
                                        : db::JobQueue::Claim(c, now, options.batch, options.lease, kind));
  RuleRunStats stats;
  stats.jobs = jobs.size();
  if (jobs.empty()) return stats;
  KS_ASSIGN_OR_RETURN(StoredRules rules, LoadCaseRules(c));
  RuleRun run(c, rules, options, now);
  if (kind == kJobKind) KS_RETURN_IF_ERROR(run.Prefetch(jobs));
  JobWrites done;
  WriteFailures failures;
  for (const db::Job& job : jobs) {
    auto statements = kind == kExitJobKind ? run.ProcessExit(job, stats) : run.Process(job, stats);
    if (statements.ok()) {
      done.emplace_back(job.id, std::move(statements).value());
    } else {
      failures.emplace_back(job.id, statements.error().message);
    }
  }
  if (!done.empty()) {
    if (sqlite) {
      auto failed = WriteThroughWriter(writer, done);
      failures.insert(failures.end(), failed.begin(), failed.end());
    } else {
      KS_ASSIGN_OR_RETURN(auto failed, WriteInTransaction(c, done));
      failures.insert(failures.end(), failed.begin(), failed.end());
    }
  }
  for (const auto& [job_id, message] : failures) {
    spdlog::warn("cases: the rules for job {} failed, retrying later: {}", job_id, message);
    (void)db::JobQueue::Fail(c, job_id, message, now + options.retry);
  }
  stats.failed = failures.size();
  return stats;
}

}  // namespace

Result<RuleRunStats> RunRulesOnce(db::ConnectionPool& pool, db::GroupCommitWriter& writer, const Clock& clock,
                                  const RuleRunnerOptions& options) {
  KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
  const Micros now = clock.Now();
  RuleRunStats total;
  for (const std::string_view kind : {kJobKind, kExitJobKind}) {
    Result<RuleRunStats> stats = Error::Internal("not run");
    if (c->engine() == db::Engine::kSqlite) {
      stats = Run(*c, writer, now, options, kind);
    } else {
      KS_RETURN_IF_ERROR(c->Begin());
      stats = Run(*c, writer, now, options, kind);
      if (!stats.ok()) {
        (void)c->Rollback();
        return stats;
      }
      KS_RETURN_IF_ERROR(c->Commit());
    }
    if (!stats.ok()) return stats;
    total.jobs = std::max(total.jobs, stats->jobs);  // a full batch of either kind means more may wait
    total.opened += stats->opened;
    total.joined += stats->joined;
    total.failed += stats->failed;
  }
  return total;
}

RuleRunner::RuleRunner(db::ConnectionPool& pool, db::GroupCommitWriter& writer, const Clock& clock,
                       RuleRunnerOptions options, Micros interval)
    : pool_(pool), writer_(writer), clock_(clock), options_(std::move(options)), loop_(interval, [this] {
        return Step();
      }) {}

bool RuleRunner::Step() {
  auto stats = RunRulesOnce(pool_, writer_, clock_, options_);
  if (!stats.ok()) {
    spdlog::warn("cases: running the rules failed: {}", stats.error().message);
    return false;
  }
  if (stats->opened + stats->joined > 0) {
    spdlog::info("cases: {} opened, {} joined an open case ({} items checked)", stats->opened, stats->joined,
                 stats->jobs);
  }
  // Back to back while full batches come — unless ingestion keeps the writer busy: then one batch per
  // interval, and the rules catch up when the load drops (a 2xx for feedback comes first; its case a
  // little later). A batch with failures waits for the next round.
  return stats->jobs == static_cast<size_t>(options_.batch) && stats->failed == 0 &&
         writer_.queue_depth() < kBusyWriterQueue;
}

}  // namespace ks::cases
