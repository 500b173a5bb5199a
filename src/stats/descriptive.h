// Descriptive statistics of a sample of scores: mean, standard deviation, percentiles and the bimodality
// coefficient (is the distribution two-humped — "a 7 average hiding half the customers failing you"?),
// and the correlation of two variables. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ks::stats {

// Mean; nullopt for an empty sample.
std::optional<double> Mean(const std::vector<double>& x);
// Sample standard deviation (n − 1); nullopt below 2 values.
std::optional<double> StandardDeviation(const std::vector<double>& x);

// The percentile p (0.9 for the 90th) with linear interpolation between the closest ranks, as a spreadsheet's
// PERCENTILE.INC (and NumPy's default): sorted ascending, the value at rank h = (n − 1)·p, between the
// values at floor(h) and floor(h) + 1. The median of an even count is the mean of the middle two.
// p outside 0..1 is taken as the nearer end; nullopt for no values.
std::optional<double> Percentile(std::vector<double> values, double p);
// The same of values already sorted ascending (several percentiles of one sample sort it once); `sorted`
// must not be empty.
double PercentileOfSorted(const std::vector<double>& sorted, double p);

// The bimodality coefficient (SAS): (G1² + 1) / (G2 + 3(n−1)²/((n−2)(n−3))), with G1 and G2 the
// sample skewness and excess kurtosis (bias-adjusted). Above 5/9 ≈ 0.555 suggests two modes.
// nullopt below 4 values or without variance.
std::optional<double> BimodalityCoefficient(const std::vector<double>& x);
inline constexpr double kBimodalityThreshold = 5.0 / 9.0;

// The same descriptives of a histogram (the analytics index keeps histograms, not samples): counts[k]
// is how many scored first_value + k. Same definitions as Mean, StandardDeviation and
// BimodalityCoefficient, computed from the histogram's moments; counts must not be negative.
struct Description {
  std::int64_t n = 0;
  std::optional<double> mean, standard_deviation, bimodality;
};
Description DescribeHistogram(std::span<const std::int64_t> counts, int first_value);

// Pearson's r, and Spearman's ρ (Pearson on ranks, ties given their average rank). nullopt when the
// samples differ in size, have fewer than 3 pairs, or one has no variance.
std::optional<double> Pearson(const std::vector<double>& x, const std::vector<double>& y);
std::optional<double> Spearman(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace ks::stats
