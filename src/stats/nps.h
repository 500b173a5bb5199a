// Net Promoter Score with its margin of error, and the tests that say whether a change is real.
// Pure functions; thread-safe. Scores are 0..10; promoters 9–10, detractors 0–6.
//
//   NPS = 100 · (promoters − detractors) / n
//   SE  = 100 · √((p + d − (p − d)²) / n), with p and d the promoter and detractor shares
// The 95% interval uses the adjusted-Wald method by default (Rocks 2016: add ¾ to promoters and to
// detractors and 3 to n before computing it), which keeps its coverage for small n; the plain Wald
// interval is available as an option.
#pragma once

#include <cstdint>

namespace ks::stats {

struct NpsCounts {
  std::int64_t promoters = 0, passives = 0, detractors = 0;
  std::int64_t n() const { return promoters + passives + detractors; }
};

enum class Interval { kAdjustedWald, kWald };

struct NpsEstimate {
  double nps = 0;             // −100..100 (from the counts as they are)
  double standard_error = 0;  // in NPS points
  double low = 0, high = 0;   // the 95% interval, clipped to −100..100
};

// n must be positive.
NpsEstimate EstimateNps(const NpsCounts& counts, Interval interval = Interval::kAdjustedWald);

struct ChangeTest {
  double difference = 0;  // second − first (NPS points, or share points for proportions)
  double z = 0;
  double p_value = 1;  // two-sided
};

// Whether the NPS of `second` differs from that of `first` (z-test on the difference of two NPS values
// with their standard errors). Both n must be positive.
ChangeTest NpsChange(const NpsCounts& first, const NpsCounts& second);
// Whether the share successes/n differs between two periods (two-proportion z-test, pooled).
ChangeTest ProportionChange(std::int64_t successes1, std::int64_t n1, std::int64_t successes2, std::int64_t n2);

// A share with its 95% interval (Wilson score interval: keeps its coverage near 0 and 1 and for small n).
struct Proportion {
  double share = 0, low = 0, high = 0;
};
// n must be positive.
Proportion WilsonInterval(std::int64_t successes, std::int64_t n);

// The standard normal distribution's cumulative probability.
double NormalCdf(double x);

}  // namespace ks::stats
