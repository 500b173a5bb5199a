#include "stats/log_odds.h"

#include <algorithm>
#include <cmath>

namespace ks::stats {

std::vector<TermScore> LogOddsWithPrior(const std::vector<TermCounts>& counts, std::int64_t n_a, std::int64_t n_b,
                                        double prior_scale) {
  const double total = static_cast<double>(n_a + n_b);
  std::vector<double> alpha;
  alpha.reserve(counts.size());
  double alpha0 = 0;
  for (const auto& c : counts) {
    alpha.push_back(prior_scale * static_cast<double>(c.in_a + c.in_b) / total);
    alpha0 += alpha.back();
  }
  std::vector<TermScore> scores;
  scores.reserve(counts.size());
  for (size_t i = 0; i < counts.size(); ++i) {
    const double ya = static_cast<double>(counts[i].in_a) + alpha[i];
    const double yb = static_cast<double>(counts[i].in_b) + alpha[i];
    const double delta = std::log(ya / (static_cast<double>(n_a) + alpha0 - ya)) -
                         std::log(yb / (static_cast<double>(n_b) + alpha0 - yb));
    scores.push_back({counts[i].term, delta, delta / std::sqrt(1 / ya + 1 / yb), counts[i].in_a, counts[i].in_b});
  }
  std::sort(scores.begin(), scores.end(),
            [](const TermScore& x, const TermScore& y) { return x.z != y.z ? x.z > y.z : x.term < y.term; });
  return scores;
}

}  // namespace ks::stats
