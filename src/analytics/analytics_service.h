// AnalyticsService: the in-process API that the JSON API and the dashboard pages share. Reads query
// parameters into a SummaryQuery (unit codes expanded with their children), runs it on the index and
// names the units in the result.
//
// Query parameters (every list also as repeated parameters; unknown names are refused):
//   from, to          local days, 2026-03-01 (both inclusive); or months=N for the last N full months
//                     and the current one
//   unit              unit codes, each with its children
//   source, channel, brand, language, topic, sentiment (negative|neutral|positive)
//   scale             nps|grade10|csat5|stars5 (default: the scale most items use)
//   class             unhappy|neutral|happy, or a scale's own class name (detractor, fail, negative, …)
//   attr.KEY          a customer or item attribute, e.g. attr.segment=B2B
//   group_by          day|week|month|quarter|unit|source|channel|brand|topic|language|sentiment|class|KEY
//   interval          adjusted_wald (default) or wald
// Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/feedback_index.h"
#include "analytics/summary_query.h"
#include "base/clock.h"
#include "db/connection_pool.h"
#include "text/analyzer.h"

namespace ks::analytics {

struct UnitInfo {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::optional<std::int64_t> parent_id;
};

using QueryParams = std::multimap<std::string, std::string>;

class AnalyticsService {
 public:
  // `analyzer` (may be null) names the topics of its current taxonomy.
  AnalyticsService(FeedbackIndex& index, db::ConnectionPool& pool, const Clock& clock,
                   const text::TextAnalyzer* analyzer = nullptr)
      : index_(index), pool_(pool), clock_(clock), analyzer_(analyzer) {}

  // kInvalidArgument naming the parameter. `scope`: the units a manager may see (already with their
  // children); nullopt for everyone else.
  Result<SummaryQuery> ParseQuery(const QueryParams& params, const std::optional<std::vector<std::int64_t>>& scope);
  // Runs the query; unit groups are keyed by unit code and labelled with the unit's name.
  Result<Summary> Summarize(const SummaryQuery& query);

  Result<std::vector<UnitInfo>> Units();
  // `code` and every unit below it; kInvalidArgument ("unit") when there is no such unit.
  Result<std::vector<std::int64_t>> UnitWithChildren(const std::string& code);

  // The current taxonomy's topics as key → name in `language`, in taxonomy order; none without an analyzer.
  std::vector<std::pair<std::string, std::string>> Topics(std::string_view language) const;
  // A topic's name in `language`; the key itself for a topic the taxonomy no longer has.
  std::string TopicName(const std::string& key, std::string_view language) const;

  FeedbackIndex& index() { return index_; }
  const Clock& clock() const { return clock_; }
  // Today in the organisation's time zone (the index's).
  LocalDate Today() const;

 private:
  FeedbackIndex& index_;
  db::ConnectionPool& pool_;
  const Clock& clock_;
  const text::TextAnalyzer* analyzer_;
};

// The values of a list parameter: repeated and comma-separated values, trimmed, empty ones dropped.
std::vector<std::string> ListParam(const QueryParams& params, const std::string& name);
// "2026-03-01" → the date; nullopt unless a valid YYYY-MM-DD.
std::optional<LocalDate> ParseLocalDate(const std::string& text);
std::string FormatLocalDate(const LocalDate& d);

}  // namespace ks::analytics
