// The filter of a summary query, compiled for one scan: lookup tables per column (whether a code
// passes), the day range and the topic mask, applied to one block of rows at a time. Each active filter
// narrows the block's selection in a tight loop of its own. Lives as long as the scan; thread-safe to
// share between scans of the same columns.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/feedback_index.h"
#include "analytics/summary_query.h"

namespace ks::analytics {

// Sentiment classes of the index's int8 sentiment: 0 none, 1 negative, 2 neutral, 3 positive (±0.05).
inline constexpr std::string_view kSentimentNames[] = {"", "negative", "neutral", "positive"};
int SentimentCode(std::int8_t s);

class CompiledFilter {
 public:
  // `scale` is the summary's: scored rows count only on it, and classes filter its values.
  CompiledFilter(const Columns& c, const SummaryFilter& f, Scale scale);

  // Fills `sel` with the rows of [begin, end) that pass; returns how many. A row passes with a score on
  // the scale (of an allowed class) or as a complaint, when every other filter lets it through.
  size_t Select(std::uint32_t begin, std::uint32_t end, std::uint32_t* sel) const;

  bool Scored(std::uint8_t score) const { return scored_[score] != 0; }
  bool Complaint(std::uint8_t source) const { return source == complaint_source_; }

 private:
  using Allowed = std::vector<std::uint8_t>;  // per code: whether it passes

  const Columns& c_;
  std::array<std::uint8_t, 256> scored_{};
  int complaint_source_ = -1;
  bool has_days_ = false;
  DayNumber from_ = 0, to_ = 0;
  Allowed units_, sources_, channels_, languages_, brands_, sentiments_;
  bool has_topics_ = false;
  std::uint64_t topic_mask_ = 0;
  std::vector<std::pair<const AttributeColumn*, Allowed>> attributes_;
};

}  // namespace ks::analytics
