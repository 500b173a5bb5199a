#include "stats/descriptive.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ks::stats {
namespace {

// The i-th central moment of x around `mean`, divided by n.
double Moment(const std::vector<double>& x, double mean, int power) {
  double sum = 0;
  for (double v : x) sum += std::pow(v - mean, power);
  return sum / static_cast<double>(x.size());
}

// Sample standard deviation (n − 1) from the second central moment.
double SampleStandardDeviation(double n, double m2) { return std::sqrt(m2 * n / (n - 1)); }

// The bimodality coefficient from the central moments m2, m3, m4 (each divided by n).
std::optional<double> Bimodality(double n, double m2, double m3, double m4) {
  if (n < 4 || m2 <= 0) return std::nullopt;
  const double g1 = m3 / std::pow(m2, 1.5);
  const double g2 = m4 / (m2 * m2) - 3;
  const double skewness = g1 * std::sqrt(n * (n - 1)) / (n - 2);
  const double kurtosis = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3));
  return (skewness * skewness + 1) / (kurtosis + 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
}

// Ranks 1..n, ties given their average rank.
std::vector<double> Ranks(const std::vector<double>& x) {
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&x](size_t a, size_t b) { return x[a] < x[b]; });
  std::vector<double> ranks(x.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double average = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = average;
    i = j + 1;
  }
  return ranks;
}

}  // namespace

std::optional<double> Mean(const std::vector<double>& x) {
  if (x.empty()) return std::nullopt;
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

std::optional<double> Percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return PercentileOfSorted(values, p);
}

double PercentileOfSorted(const std::vector<double>& sorted, double p) {
  const double rank = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 1.0);
  const auto below = static_cast<size_t>(rank);
  if (below + 1 >= sorted.size()) return sorted.back();
  return sorted[below] + (rank - static_cast<double>(below)) * (sorted[below + 1] - sorted[below]);
}

std::optional<double> StandardDeviation(const std::vector<double>& x) {
  if (x.size() < 2) return std::nullopt;
  return SampleStandardDeviation(static_cast<double>(x.size()), Moment(x, *Mean(x), 2));
}

std::optional<double> BimodalityCoefficient(const std::vector<double>& x) {
  if (x.empty()) return std::nullopt;
  const double mean = *Mean(x);
  return Bimodality(static_cast<double>(x.size()), Moment(x, mean, 2), Moment(x, mean, 3), Moment(x, mean, 4));
}

Description DescribeHistogram(std::span<const std::int64_t> counts, int first_value) {
  Description d;
  double sum = 0;
  for (size_t k = 0; k < counts.size(); ++k) {
    d.n += counts[k];
    sum += static_cast<double>(counts[k]) * (first_value + static_cast<double>(k));
  }
  if (d.n == 0) return d;
  const auto n = static_cast<double>(d.n);
  d.mean = sum / n;
  double m2 = 0, m3 = 0, m4 = 0;
  for (size_t k = 0; k < counts.size(); ++k) {
    const double deviation = first_value + static_cast<double>(k) - *d.mean;
    const double weight = static_cast<double>(counts[k]);
    m2 += weight * deviation * deviation;
    m3 += weight * deviation * deviation * deviation;
    m4 += weight * deviation * deviation * deviation * deviation;
  }
  if (d.n >= 2) d.standard_deviation = SampleStandardDeviation(n, m2 / n);
  d.bimodality = Bimodality(n, m2 / n, m3 / n, m4 / n);
  return d;
}

std::optional<double> Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 3) return std::nullopt;
  const double mx = *Mean(x), my = *Mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

std::optional<double> Spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) return std::nullopt;
  return Pearson(Ranks(x), Ranks(y));
}

}  // namespace ks::stats
