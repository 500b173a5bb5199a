// Ordinary least squares with an intercept, for key-driver analysis: which ratings (ease, price,
// support…) move the overall score, and how strongly. Standardised coefficients put drivers measured
// on different scales side by side. Pure function; thread-safe.
//
// Solved on standardised data: with R the predictors' correlation matrix and r their correlations with
// y, the standardised coefficients s solve R s = r (Cholesky), β_j = s_j · sd(y) / sd(x_j),
// intercept = ȳ − Σ β_j x̄_j and R² = Σ s_j r_j. A Cholesky pivot is 1 − R²_j of predictor j on the
// ones before it, so collinearity is detected when one falls below kCollinearityTolerance.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace ks::stats {

struct Regression {
  std::vector<double> coefficients;  // per predictor, in the predictors' own units
  std::vector<double> standardised;  // β_j · sd(x_j) / sd(y)
  double intercept = 0;
  double r_squared = 0;
  std::size_t n = 0;
};

inline constexpr double kCollinearityTolerance = 1e-10;

// predictors[j][i] is predictor j of observation i; y[i] the outcome. nullopt when sizes differ,
// n <= number of predictors + 1, y has no variance, or the predictors are collinear (a constant
// predictor counts: it is collinear with the intercept).
std::optional<Regression> LeastSquares(const std::vector<std::vector<double>>& predictors,
                                       const std::vector<double>& y);

}  // namespace ks::stats
