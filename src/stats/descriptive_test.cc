#include "stats/descriptive.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace ks::stats {
namespace {

// Expected values computed independently (Python, the formulas in descriptive.h).
TEST(Descriptive, TheHiddenSevenIsBimodal) {
  const std::vector<double> hidden = {5, 5, 5, 5, 5, 9, 9, 9, 9, 9};  // averages 7, half fail
  const std::vector<double> honest = {6, 7, 7, 7, 8, 7, 6, 8, 7, 7};  // averages 7 too
  EXPECT_DOUBLE_EQ(*Mean(hidden), 7);
  EXPECT_DOUBLE_EQ(*Mean(honest), 7);
  EXPECT_NEAR(*StandardDeviation(hidden), 2.108185, 1e-6);
  EXPECT_NEAR(*BimodalityCoefficient(hidden), 0.565657, 1e-6);
  EXPECT_GT(*BimodalityCoefficient(hidden), kBimodalityThreshold);
  EXPECT_NEAR(*BimodalityCoefficient(honest), 0.226263, 1e-6);
  EXPECT_LT(*BimodalityCoefficient(honest), kBimodalityThreshold);
}

struct EdgeCase {
  const char* name;
  std::vector<double> x;
};

TEST(Descriptive, TooLittleDataGivesNoValue) {
  const EdgeCase cases[] = {
      {"empty", {}}, {"one value", {7}}, {"three values", {1, 5, 9}}, {"no variance", {7, 7, 7, 7}}};
  for (const auto& c : cases) EXPECT_FALSE(BimodalityCoefficient(c.x)) << c.name;
  EXPECT_FALSE(Mean({}));
  EXPECT_FALSE(StandardDeviation({7}));
}

struct HistogramCase {
  const char* name;
  std::vector<std::int64_t> counts;
  int first_value;
};

// The histogram's descriptives are checked against the sample functions on the sample it counts.
TEST(Descriptive, HistogramAgreesWithTheSample) {
  const HistogramCase cases[] = {
      {"empty", {}, 0},
      {"all counts zero", {0, 0, 0}, 1},
      {"single", {0, 0, 1}, 5},
      {"no variance", {0, 4, 0}, 6},
      {"three values", {1, 0, 1, 0, 1}, 1},
      {"hidden seven", {5, 0, 0, 0, 5}, 5},
      {"honest seven", {2, 6, 2}, 6},
      {"a 0-10 survey", {1, 0, 2, 1, 3, 5, 4, 9, 14, 11, 7}, 0},
      {"negative scale", {3, 1, 0, 4, 8}, -2},
  };
  for (const auto& c : cases) {
    std::vector<double> sample;
    for (size_t k = 0; k < c.counts.size(); ++k) {
      sample.insert(sample.end(), static_cast<size_t>(c.counts[k]), c.first_value + static_cast<double>(k));
    }
    const Description d = DescribeHistogram(c.counts, c.first_value);
    EXPECT_EQ(d.n, static_cast<std::int64_t>(sample.size())) << c.name;
    const std::pair<std::optional<double>, std::optional<double>> pairs[] = {
        {d.mean, Mean(sample)},
        {d.standard_deviation, StandardDeviation(sample)},
        {d.bimodality, BimodalityCoefficient(sample)},
    };
    for (const auto& [histogram, expected] : pairs) {
      ASSERT_EQ(histogram.has_value(), expected.has_value()) << c.name;
      if (expected) {
        EXPECT_NEAR(*histogram, *expected, 1e-12) << c.name;
      }
    }
  }
  const std::int64_t hidden[] = {5, 0, 0, 0, 5};  // 5,5,5,5,5,9,9,9,9,9
  const Description d = DescribeHistogram(hidden, 5);
  EXPECT_DOUBLE_EQ(*d.mean, 7);
  EXPECT_NEAR(*d.standard_deviation, 2.108185, 1e-6);
  EXPECT_NEAR(*d.bimodality, 0.565657, 1e-6);
}

TEST(Descriptive, PearsonAndSpearman) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6}, y = {2, 1, 4, 3, 7, 6};
  EXPECT_NEAR(*Pearson(x, y), 0.853720, 1e-6);
  EXPECT_NEAR(*Spearman(x, y), 0.828571, 1e-6);
  // Ties get their average rank; an outlier moves Pearson, not Spearman.
  const std::vector<double> a = {1, 2, 2, 3, 10}, b = {1, 3, 3, 4, 5};
  EXPECT_NEAR(*Spearman(a, b), 1.0, 1e-12);
  EXPECT_NEAR(*Pearson(a, b), 0.804178, 1e-6);
  EXPECT_FALSE(Pearson({1, 2}, {1, 2}));         // too few pairs
  EXPECT_FALSE(Pearson({1, 2, 3}, {1, 2}));      // different sizes
  EXPECT_FALSE(Spearman({1, 1, 1}, {1, 2, 3}));  // no variance
}

struct PercentileCase {
  std::string what;
  std::vector<double> values;
  double p;
  std::optional<double> expected;
};

TEST(Descriptive, PercentileInterpolatesBetweenClosestRanksLikePercentileInc) {
  const std::vector<PercentileCase> cases = {
      {"no values", {}, 0.5, std::nullopt},
      {"one value is every percentile", {5}, 0.9, 5},
      {"median of an odd count is the middle value", {1, 2, 3, 4, 5}, 0.5, 3},
      {"median of an even count is the mean of the middle two", {1, 2, 3, 4}, 0.5, 2.5},
      {"unsorted input", {4, 1, 3, 2}, 0.5, 2.5},
      {"p90 of 1..10 (rank 8.1)", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9, 9.1},
      {"p90 of two values", {10, 20}, 0.9, 19},
      {"p90 pulled up by one slow case (rank 2.7)", {2, 2, 2, 10}, 0.9, 7.6},
      {"ties", {3, 3, 3}, 0.9, 3},
      {"p = 0 is the minimum", {7, 1, 3}, 0, 1},
      {"p = 1 is the maximum", {7, 1, 3}, 1, 7},
      {"p above 1 is the maximum", {7, 1, 3}, 1.5, 7},
      {"p below 0 is the minimum", {7, 1, 3}, -0.5, 1},
  };
  for (const auto& c : cases) {
    const std::optional<double> got = Percentile(c.values, c.p);
    ASSERT_EQ(got.has_value(), c.expected.has_value()) << c.what;
    if (got) {
      EXPECT_NEAR(*got, *c.expected, 1e-9) << c.what;
    }
  }
}

}  // namespace
}  // namespace ks::stats
