#include "stats/nps.h"

#include <gtest/gtest.h>

namespace ks::stats {
namespace {

// Expected values computed independently (Python, the formulas in nps.h).
struct NpsCase {
  NpsCounts counts;
  Interval interval;
  double nps, standard_error, low, high;
};

TEST(Nps, EstimatesWithAdjustedWaldAndWaldIntervals) {
  const NpsCase cases[] = {
      {{50, 30, 20}, Interval::kAdjustedWald, 30, 7.8102, 14.0511, 44.2013},
      {{50, 30, 20}, Interval::kWald, 30, 7.8102, 14.6922, 45.3078},
      // All promoters: the Wald interval collapses to a point; the adjusted one does not.
      {{10, 0, 0}, Interval::kAdjustedWald, 100, 0, 47.5036, 100},
      {{10, 0, 0}, Interval::kWald, 100, 0, 100, 100},
      {{0, 0, 10}, Interval::kAdjustedWald, -100, 0, -100, -47.5036},
      // A bimodal sample: NPS 0, wide interval.
      {{3, 4, 3}, Interval::kAdjustedWald, 0, 24.4949, -41.2891, 41.2891},
      {{412, 300, 288}, Interval::kAdjustedWald, 12.4, 2.6165, 7.2442, 17.4817},
  };
  for (const auto& c : cases) {
    const NpsEstimate e = EstimateNps(c.counts, c.interval);
    const std::string name = std::to_string(c.counts.promoters) + "/" + std::to_string(c.counts.passives) + "/" +
                             std::to_string(c.counts.detractors);
    EXPECT_NEAR(e.nps, c.nps, 1e-3) << name;
    EXPECT_NEAR(e.standard_error, c.standard_error, 1e-3) << name;
    EXPECT_NEAR(e.low, c.low, 1e-3) << name;
    EXPECT_NEAR(e.high, c.high, 1e-3) << name;
  }
}

// A published worked example, to its published rounding: n = 324 with 162 promoters, 108 passives and
// 54 detractors gives NPS 33.3, a standard error of 4.14 points and a Wald 95% interval of about
// 25.2 to 41.4 (recomputed in Python: 33.333, 4.1409, 25.217 to 41.449).
TEST(Nps, PublishedExample) {
  const NpsEstimate e = EstimateNps({162, 108, 54}, Interval::kWald);
  EXPECT_NEAR(e.nps, 33.3, 0.05);
  EXPECT_NEAR(e.standard_error, 4.14, 0.005);
  EXPECT_NEAR(e.low, 25.2, 0.05);
  EXPECT_NEAR(e.high, 41.4, 0.05);
}

TEST(Nps, ChangeBetweenTwoPeriods) {
  const ChangeTest t = NpsChange({50, 30, 20}, {40, 30, 30});
  EXPECT_NEAR(t.difference, -20, 1e-9);
  EXPECT_NEAR(t.z, -1.75412, 1e-4);
  EXPECT_NEAR(t.p_value, 0.07941, 1e-4);
  const ChangeTest same = NpsChange({10, 0, 0}, {10, 0, 0});  // no variance: no evidence of change
  EXPECT_EQ(same.p_value, 1);
}

TEST(Nps, ChangeOfAProportion) {
  const ChangeTest t = ProportionChange(30, 100, 45, 100);
  EXPECT_NEAR(t.difference, 15, 1e-9);
  EXPECT_NEAR(t.z, 2.19089, 1e-4);
  EXPECT_NEAR(t.p_value, 0.02846, 1e-4);
  EXPECT_LT(t.p_value, 0.05);
}

TEST(Nps, NormalCdf) {
  EXPECT_NEAR(NormalCdf(0), 0.5, 1e-12);
  EXPECT_NEAR(NormalCdf(1.959963984540054), 0.975, 1e-9);
  EXPECT_NEAR(NormalCdf(-1), 0.158655, 1e-6);
}

// Wilson 95% intervals, computed independently (Python, the score-interval formula).
TEST(Proportions, WilsonInterval) {
  const struct {
    std::int64_t successes, n;
    double low, high;
  } cases[] = {{10, 100, 0.055229, 0.174366}, {0, 10, 0.0, 0.277533}, {10, 10, 0.722467, 1.0}, {1, 1, 0.206549, 1.0}};
  for (const auto& c : cases) {
    const Proportion p = WilsonInterval(c.successes, c.n);
    EXPECT_NEAR(p.share, static_cast<double>(c.successes) / static_cast<double>(c.n), 1e-12);
    EXPECT_NEAR(p.low, c.low, 1e-6) << c.successes << "/" << c.n;
    EXPECT_NEAR(p.high, c.high, 1e-6) << c.successes << "/" << c.n;
  }
}

}  // namespace
}  // namespace ks::stats
