// Re-analysis: when the taxonomy (or, with a new build, a lexicon) changes, every stored text is
// analysed again — in the background, in small batches through the group-commit writer, so ingestion
// goes on between them. A run is a row of text_reanalyses: how many texts there were when it started,
// how many are done and the last item id done, so a restarted server (or `klantstem text reanalyze`)
// continues where it stopped. Starting a run ends any unfinished one. Items written while a run goes on
// are analysed with the new taxonomy when they come in; the run also covers items added after it began.
// Several nodes may work on one run: a batch that another node already did is written twice, with the
// same result, and counted once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/background_loop.h"
#include "base/clock.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "text/analyzer.h"

namespace ks::topics {

struct ReanalysisRun {
  std::int64_t id = 0;
  std::int64_t taxonomy_revision = 0;
  std::int64_t total = 0;  // texts when the run started
  std::int64_t done = 0;
  std::int64_t last_id = 0;
  Micros started_at = 0;
  std::optional<Micros> finished_at;
  std::string started_by;  // name or e-mail address; empty when started from the CLI
};

// Starts a run for the current taxonomy revision `revision`, ending unfinished ones. Returns its id.
Result<std::int64_t> StartReanalysis(db::Connection& c, std::int64_t revision, std::optional<std::int64_t> user,
                                     Micros now);

// The newest run, if any.
Result<std::optional<ReanalysisRun>> LatestReanalysis(db::Connection& c);

// Analyses the next `batch` texts of the unfinished run with `analyzer` (brought to the current taxonomy
// first) and writes them. Returns the run as it stands afterwards, or nullopt when no run is unfinished;
// the batch that finds nothing left marks the run finished.
Result<std::optional<ReanalysisRun>> ReanalyseBatch(db::ConnectionPool& pool, db::GroupCommitWriter& writer,
                                                    text::TextAnalyzer& analyzer, const Clock& clock,
                                                    size_t batch = 500);

// The background worker of a server: every `interval` it brings the analyzer to the current taxonomy
// (a save on another node reaches this one) and works through an unfinished run, batch by batch.
class Reanalyser {
 public:
  Reanalyser(db::ConnectionPool& pool, db::GroupCommitWriter& writer, text::TextAnalyzer& analyzer, const Clock& clock,
             Micros interval = 1'000'000);

  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  // Wakes the worker now (after a save or a started run on this node).
  void Wake() { loop_.Wake(); }

 private:
  // One step of the loop: true while a run has work left.
  bool Step();

  db::ConnectionPool& pool_;
  db::GroupCommitWriter& writer_;
  text::TextAnalyzer& analyzer_;
  const Clock& clock_;
  BackgroundLoop loop_;  // last: stopped before the members it uses go
};

}  // namespace ks::topics
