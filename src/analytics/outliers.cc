#include "analytics/outliers.h"

#include <algorithm>

#include "analytics/warnings.h"

namespace ks::analytics {

std::vector<Outlier> FindOutliers(const Summary& s) {
  std::vector<Outlier> out;
  const GroupSummary& total = s.total;
  for (const auto& g : s.groups) {
    const std::int64_t rest_n = total.n - g.n;
    if (g.n == 0 || rest_n <= 0) continue;
    const std::int64_t rest_unhappy = total.unhappy - g.unhappy;
    Outlier o;
    o.group = &g;
    o.unhappy = stats::WilsonInterval(g.unhappy, g.n);
    o.rest_unhappy = stats::WilsonInterval(rest_unhappy, rest_n);
    o.unhappy_vs_rest = stats::ProportionChange(rest_unhappy, rest_n, g.unhappy, g.n);
    o.significant = o.unhappy_vs_rest.p_value < kSignificance;
    if (s.scale == Scale::kNps) {
      const stats::NpsCounts rest{total.happy - g.happy, total.neutral - g.neutral, rest_unhappy};
      o.rest_nps = stats::EstimateNps(rest);
      o.nps_vs_rest = stats::NpsChange(rest, {g.happy, g.neutral, g.unhappy});
      o.significant = o.significant || o.nps_vs_rest->p_value < kSignificance;
    }
    o.excess_unhappy = static_cast<double>(g.unhappy) - o.rest_unhappy.share * static_cast<double>(g.n);
    out.push_back(o);
  }
  std::stable_sort(out.begin(), out.end(), [](const Outlier& a, const Outlier& b) {
    if (a.significant != b.significant) return a.significant;
    return a.excess_unhappy > b.excess_unhappy;
  });
  return out;
}

}  // namespace ks::analytics
