#include "stats/regression.h"

#include <gtest/gtest.h>

#include "stats/descriptive.h"

namespace ks::stats {
namespace {

// Expected values computed independently: Python, the full normal equations with an intercept column
// solved in exact rational arithmetic (fractions.Fraction; numpy was not available), which is what
// numpy.linalg.lstsq returns for full-rank data.
struct FitCase {
  const char* name;
  std::vector<std::vector<double>> predictors;
  std::vector<double> y;
  std::vector<double> coefficients, standardised;
  double intercept, r_squared;
};

TEST(Regression, FitsKnownCases) {
  const FitCase cases[] = {
      // y = 2 + 3·x1 − 0.5·x2 exactly.
      {"exact",
       {{1, 2, 3, 4, 5, 6}, {2, 1, 4, 3, 6, 5}},
       {4, 7.5, 9, 12.5, 14, 17.5},
       {3, -0.5},
       {1.1534805692, -0.1922467615},
       2,
       1},
      // Overall score driven by ease and price ratings, with noise.
      {"noisy",
       {{4, 2, 5, 3, 4, 1, 5, 2, 3, 4}, {3, 3, 4, 2, 5, 2, 3, 1, 4, 2}},
       {8, 5, 10, 6, 9, 2, 9, 4, 7, 7},
       {1.5304404145, 0.5835492228},
       {0.8198755458, 0.2798278396},
       -0.0427461140,
       0.9829251060},
  };
  for (const auto& c : cases) {
    const auto fit = LeastSquares(c.predictors, c.y);
    ASSERT_TRUE(fit) << c.name;
    ASSERT_EQ(fit->coefficients.size(), c.coefficients.size()) << c.name;
    ASSERT_EQ(fit->standardised.size(), c.standardised.size()) << c.name;
    for (size_t j = 0; j < c.coefficients.size(); ++j) {
      EXPECT_NEAR(fit->coefficients[j], c.coefficients[j], 1e-9) << c.name << " predictor " << j;
      EXPECT_NEAR(fit->standardised[j], c.standardised[j], 1e-9) << c.name << " predictor " << j;
    }
    EXPECT_NEAR(fit->intercept, c.intercept, 1e-9) << c.name;
    EXPECT_NEAR(fit->r_squared, c.r_squared, 1e-9) << c.name;
    EXPECT_EQ(fit->n, c.y.size()) << c.name;
  }
}

TEST(Regression, SinglePredictorStandardisedIsPearson) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6}, y = {2, 1, 4, 3, 7, 6};
  const auto fit = LeastSquares({x}, y);
  ASSERT_TRUE(fit);
  EXPECT_NEAR(fit->standardised[0], *Pearson(x, y), 1e-12);
  EXPECT_NEAR(fit->r_squared, *Pearson(x, y) * *Pearson(x, y), 1e-12);
  EXPECT_NEAR(fit->coefficients[0], 1.0571428571, 1e-9);
  EXPECT_NEAR(fit->intercept, 0.1333333333, 1e-9);
}

struct NoFitCase {
  const char* name;
  std::vector<std::vector<double>> predictors;
  std::vector<double> y;
};

TEST(Regression, NoFitWithoutEnoughIndependentData) {
  const NoFitCase cases[] = {
      {"sizes differ", {{1, 2, 3, 4}, {1, 2, 3}}, {1, 2, 3, 5}},
      {"n equals predictors + 1", {{1, 2, 3}, {2, 1, 3}}, {1, 2, 4}},
      {"y has no variance", {{1, 2, 3, 4}}, {5, 5, 5, 5}},
      {"constant predictor", {{1, 2, 3, 4}, {3, 3, 3, 3}}, {1, 3, 2, 5}},
      {"proportional predictors", {{1, 2, 3, 4, 5}, {2, 4, 6, 8, 10}}, {1, 3, 2, 5, 4}},
      {"one predictor the sum of two others",
       {{1, 2, 3, 4, 5, 6}, {2, 1, 4, 3, 6, 5}, {3, 3, 7, 7, 11, 11}},
       {1, 3, 2, 5, 4, 6}},
  };
  for (const auto& c : cases) EXPECT_FALSE(LeastSquares(c.predictors, c.y)) << c.name;
}

}  // namespace
}  // namespace ks::stats
