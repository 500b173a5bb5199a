// The rule runner (issue 7 §1): opens cases for feedback that calls for help. Every new feedback item,
// and every item whose score or text changes, gets a "cases.rules" job in the transaction that writes it
// (a trigger, migrations/0007_cases.*.sql), so a crash between the feedback's commit and the rule run
// loses nothing: the job is still there after a restart.
//
// For each due job the runner evaluates the rule set in force (case_store.h: LoadCaseRules) and, when a
// rule matches, either joins the customer's open case (JoinPolicy) or opens a new one — owned by the
// unit's manager (the nearest manager up the unit tree), a named user or a queue, with deadlines on the
// business calendar — and queues a mail to the owner. The case, its item, its timeline entry, the mail
// and the job's removal are one transaction (a run's jobs are written together; should that fail, each
// job alone). An item is in at most one case (case_items' key), so a job run twice never opens a second
// case: the second run's transaction fails on that key and the job is found done.
//
// On PostgreSQL a run is one transaction on its own connection: it claims its jobs (FOR UPDATE SKIP
// LOCKED, so other nodes skip them), reads, writes the results and removes the jobs. A node killed
// half-way takes its claim with it — the database rolls the transaction back when the connection drops —
// so another node, or this one restarted, runs those jobs at once instead of after a lease. On SQLite,
// whose one writer must stay free for ingestion, a run reads the due jobs without claiming them and
// writes through the group-commit writer.
//
// The same runner carries out the "cases.exit" jobs of customers marked lost (exit_cases.h).
//
// Items received more than `max_item_age` before the run (a late import of history) open no case.
//
// Threads: RunRulesOnce may run on any thread; RuleRunner runs it on its own BackgroundLoop.
#pragma once

#include <cstddef>
#include <string>

#include "base/background_loop.h"
#include "base/clock.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"

namespace ks::cases {

struct RuleRunnerOptions {
  int batch = 200;                                                  // jobs per run
  Micros lease = 300 * kMicrosPerSecond;                            // a claim committed unfinished ends then
  Micros retry = 60 * kMicrosPerSecond;                             // a failed job is retried after this
  Micros max_item_age = Micros{30} * 24 * 3600 * kMicrosPerSecond;  // older items open no case
  std::string base_url = "http://127.0.0.1:8080";                   // for the links in mails
};

struct RuleRunStats {
  size_t jobs = 0;    // jobs claimed (of the kind with the most)
  size_t opened = 0;  // cases opened
  size_t joined = 0;  // items that joined an open case
  size_t failed = 0;  // jobs left for a retry
};

// Runs the rules for up to options.batch due jobs and waits until their results are committed.
Result<RuleRunStats> RunRulesOnce(db::ConnectionPool& pool, db::GroupCommitWriter& writer, const Clock& clock,
                                  const RuleRunnerOptions& options);

// The background worker of a server: runs the rules every `interval`, at once after Wake(), and back to
// back while jobs are waiting.
class RuleRunner {
 public:
  RuleRunner(db::ConnectionPool& pool, db::GroupCommitWriter& writer, const Clock& clock, RuleRunnerOptions options,
             Micros interval = 500'000);

  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  void Wake() { loop_.Wake(); }

 private:
  bool Step();

  db::ConnectionPool& pool_;
  db::GroupCommitWriter& writer_;
  const Clock& clock_;
  RuleRunnerOptions options_;
  BackgroundLoop loop_;  // last: stopped before the members it uses go
};

}  // namespace ks::cases
