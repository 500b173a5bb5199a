// FeedbackService: the ingestion path. Validated items are checked against known units, their texts
// analysed on the caller's thread (language, sentiment, topics, key phrases), written by the group-commit
// writer in one transaction (all or nothing), and reported back once durable.
// Thread-safe; `done` runs on the writer thread.
#pragma once

#include <functional>
#include <vector>

#include "customers/unit_directory.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "feedback/feedback.h"
#include "text/analyzer.h"

namespace ks {

struct IngestedItem {
  FeedbackItem item;
  bool created = false;  // false: the idempotency_key was seen before and `item` is the original
};

class FeedbackService {
 public:
  FeedbackService(db::GroupCommitWriter& writer, db::ConnectionPool& pool, UnitDirectory& units,
                  const text::TextAnalyzer& analyzer, const Clock& clock)
      : writer_(writer), pool_(pool), units_(units), analyzer_(analyzer), clock_(clock) {}

  using Done = std::function<void(Result<std::vector<IngestedItem>>)>;
  // Writes `items` atomically. Unknown units fail with kInvalidArgument naming "items[i].unit" (or
  // "unit" for a single item, when `batch` is false) before anything is written.
  void Ingest(std::vector<FeedbackInput> items, bool batch, Done done);
  // Ingest and wait (CLI import).
  Result<std::vector<IngestedItem>> IngestAndWait(std::vector<FeedbackInput> items);

 private:
  db::GroupCommitWriter& writer_;
  db::ConnectionPool& pool_;
  UnitDirectory& units_;
  const text::TextAnalyzer& analyzer_;
  const Clock& clock_;
};

}  // namespace ks
