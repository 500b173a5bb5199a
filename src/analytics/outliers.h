// Outliers: which groups of a dimension (units, segments, topics, channels, …) deviate significantly
// from the rest — "where do we get the fails, and from whom?". Each group is compared with everything
// else in the same summary: its unhappy share against the rest's (two-proportion z-test) and, on the
// nps scale, its NPS against the rest's. Ranked by effect: the largest excess of unhappy answers first.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "analytics/summary_query.h"
#include "stats/nps.h"

namespace ks::analytics {

struct Outlier {
  const GroupSummary* group = nullptr;  // in the summary passed in
  stats::Proportion unhappy;            // the group's unhappy share with its interval
  stats::Proportion rest_unhappy;       // everything else's
  stats::ChangeTest unhappy_vs_rest;    // difference in share points (group − rest)
  std::optional<stats::NpsEstimate> rest_nps;
  std::optional<stats::ChangeTest> nps_vs_rest;  // NPS points (group − rest)
  double excess_unhappy = 0;                     // unhappy answers beyond what the rest's share predicts: the effect
  bool significant = false;                      // unhappy share or NPS differs at p < 0.05
};

// Every group with answers whose rest has answers too, the significant ones first, each part ordered
// by excess_unhappy (descending). `summary` must outlive the result.
std::vector<Outlier> FindOutliers(const Summary& summary);

}  // namespace ks::analytics
