// The summary query: filter the indexed feedback, group it, and describe each group's distribution —
// the histogram of the scale, class shares, mean and spread, NPS with its 95% interval, the share of
// fails, and the warnings that say when the numbers mislead (analytics/warnings.h).
//
// RunSummary() scans the index's columns in blocks: each active filter narrows a block's selection,
// then the selected rows are counted into their group's histogram. Pure over the columns; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/feedback_index.h"
#include "analytics/warnings.h"
#include "base/result.h"
#include "feedback/scale.h"
#include "stats/nps.h"

namespace ks::analytics {

// Which items count. Empty lists mean "any"; several values in a list mean "any of them".
struct SummaryFilter {
  std::optional<LocalDate> from, to;   // received day in the organisation's time zone, both inclusive
  std::vector<std::int64_t> unit_ids;  // already expanded with their children (UnitTree)
  bool only_listed_units = false;      // true: unit_ids is a restriction even when empty (a scope)
  std::vector<std::string> sources, channels, brands, languages, topics;
  std::optional<Scale> scale;  // the scale summarised; default: the one most items use
  std::vector<Mood> classes;
  std::vector<std::string> sentiments;  // negative, neutral, positive (±0.05 around 0)
  std::map<std::string, std::vector<std::string>> attributes;
};

enum class GroupBy {
  kNone,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kUnit,
  kSource,
  kChannel,
  kBrand,
  kTopic,
  kLanguage,
  kSentiment,
  kClass,
  kAttribute
};
// "month" → kMonth; "segment" (any other word) → kAttribute with that key. nullopt for "".
std::optional<GroupBy> ParseGroupBy(const std::string& name, std::string& attribute);
std::string GroupByName(GroupBy g, const std::string& attribute);
bool IsPeriod(GroupBy g);

struct SummaryQuery {
  SummaryFilter filter;
  GroupBy group_by = GroupBy::kNone;
  std::string attribute;  // for kAttribute
  stats::Interval interval = stats::Interval::kAdjustedWald;
};

// One group's figures. Shares are 0..1; absent values are nullopt (no items, or too few for it).
struct GroupSummary {
  std::string key;                      // "2026-03", "2026-W09", "2026-Q1", "2026-03-02", a unit's id, a source, …
  std::string label;                    // what to show ("maart 2026" is the page's business; here the key or a unit id)
  std::int64_t n = 0;                   // scored items of the scale
  std::vector<std::int64_t> histogram;  // counts for ScaleMin..ScaleMax
  std::int64_t unhappy = 0, neutral = 0, happy = 0;
  std::int64_t complaints = 0;  // items from source "complaint" (with or without a score)
  std::optional<double> mean, standard_deviation, bimodality;
  std::optional<stats::NpsEstimate> nps;    // nps scale only
  std::optional<double> fail_share;         // grade10 only: scores 1–5
  std::optional<stats::ChangeTest> change;  // periods: against the previous period
  std::vector<Warning> warnings;
  double unhappy_share() const { return n > 0 ? static_cast<double>(unhappy) / static_cast<double>(n) : 0; }
};

struct Summary {
  Scale scale = Scale::kNps;
  GroupBy group_by = GroupBy::kNone;
  std::string attribute;
  GroupSummary total;
  std::vector<GroupSummary> groups;  // periods chronological, others by key; empty groups left out
};

// kInvalidArgument for an attribute that is not indexed, a topic, brand… filter naming nothing is fine
// (it matches nothing).
Result<Summary> RunSummary(const Columns& columns, const SummaryQuery& query);

// The scale most scored items use (nps when there are none).
Scale MainScale(const Columns& columns);

}  // namespace ks::analytics
