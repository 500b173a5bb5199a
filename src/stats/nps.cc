#include "stats/nps.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace ks::stats {
namespace {

constexpr double kZ95 = 1.959963984540054;

// NPS (as a fraction, −1..1) and its standard error from shares p and d of a sample of n.
std::pair<double, double> FractionAndError(double promoters, double detractors, double n) {
  const double p = promoters / n;
  const double d = detractors / n;
  const double variance = std::max(0.0, p + d - (p - d) * (p - d));
  return {p - d, std::sqrt(variance / n)};
}

double TwoSided(double z) { return 2 * (1 - NormalCdf(std::fabs(z))); }

}  // namespace

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

NpsEstimate EstimateNps(const NpsCounts& c, Interval interval) {
  const auto n = static_cast<double>(c.n());
  const auto [nps, error] = FractionAndError(static_cast<double>(c.promoters), static_cast<double>(c.detractors), n);
  NpsEstimate e{100 * nps, 100 * error, 0, 0};
  auto [centre, spread] = std::pair{nps, error};
  if (interval == Interval::kAdjustedWald) {
    std::tie(centre, spread) =
        FractionAndError(static_cast<double>(c.promoters) + 0.75, static_cast<double>(c.detractors) + 0.75, n + 3);
  }
  e.low = std::max(-100.0, 100 * (centre - kZ95 * spread));
  e.high = std::min(100.0, 100 * (centre + kZ95 * spread));
  return e;
}

ChangeTest NpsChange(const NpsCounts& first, const NpsCounts& second) {
  const NpsEstimate a = EstimateNps(first, Interval::kWald);
  const NpsEstimate b = EstimateNps(second, Interval::kWald);
  const double error = std::sqrt(a.standard_error * a.standard_error + b.standard_error * b.standard_error);
  ChangeTest t{b.nps - a.nps, 0, 1};
  if (error > 0) {
    t.z = t.difference / error;
    t.p_value = TwoSided(t.z);
  }
  return t;
}

ChangeTest ProportionChange(std::int64_t s1, std::int64_t n1, std::int64_t s2, std::int64_t n2) {
  const double p1 = static_cast<double>(s1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(s2) / static_cast<double>(n2);
  const double pooled = static_cast<double>(s1 + s2) / static_cast<double>(n1 + n2);
  const double error =
      std::sqrt(pooled * (1 - pooled) * (1.0 / static_cast<double>(n1) + 1.0 / static_cast<double>(n2)));
  ChangeTest t{100 * (p2 - p1), 0, 1};
  if (error > 0) {
    t.z = (p2 - p1) / error;
    t.p_value = TwoSided(t.z);
  }
  return t;
}

Proportion WilsonInterval(std::int64_t successes, std::int64_t n) {
  constexpr double kZ = 1.959963984540054;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double centre = (p + kZ * kZ / (2 * nn)) / (1 + kZ * kZ / nn);
  const double half = kZ * std::sqrt(p * (1 - p) / nn + kZ * kZ / (4 * nn * nn)) / (1 + kZ * kZ / nn);
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace ks::stats
