#include "stats/regression.h"

#include <cmath>
#include <numeric>

#include "stats/descriptive.h"

namespace ks::stats {
namespace {

std::vector<double> Centred(const std::vector<double>& x) {
  const double mean = *Mean(x);
  std::vector<double> centred;
  centred.reserve(x.size());
  for (double v : x) centred.push_back(v - mean);
  return centred;
}

double Dot(const std::vector<double>& a, const std::vector<double>& b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
}

}  // namespace

std::optional<Regression> LeastSquares(const std::vector<std::vector<double>>& predictors,
                                       const std::vector<double>& y) {
  const std::size_t p = predictors.size(), n = y.size();
  if (n <= p + 1) return std::nullopt;
  for (const auto& x : predictors) {
    if (x.size() != n) return std::nullopt;
  }
  const std::vector<double> yc = Centred(y);
  const double syy = Dot(yc, yc);
  if (syy <= 0) return std::nullopt;
  std::vector<std::vector<double>> xc;
  xc.reserve(p);
  std::vector<double> sxx;  // each predictor's sum of squared deviations
  sxx.reserve(p);
  for (const auto& x : predictors) {
    xc.push_back(Centred(x));
    sxx.push_back(Dot(xc.back(), xc.back()));
    if (sxx.back() <= 0) return std::nullopt;
  }

  // Cholesky factor L of the correlation matrix, then R s = r by forward and back substitution.
  std::vector<std::vector<double>> l(p, std::vector<double>(p, 0.0));
  std::vector<double> s(p);
  for (std::size_t j = 0; j < p; ++j) {
    for (std::size_t k = 0; k <= j; ++k) {
      double sum = Dot(xc[j], xc[k]) / std::sqrt(sxx[j] * sxx[k]);
      for (std::size_t m = 0; m < k; ++m) sum -= l[j][m] * l[k][m];
      if (k < j) {
        l[j][k] = sum / l[k][k];
      } else if (sum < kCollinearityTolerance) {
        return std::nullopt;
      } else {
        l[j][j] = std::sqrt(sum);
      }
    }
  }
  std::vector<double> r(p);
  for (std::size_t j = 0; j < p; ++j) {
    r[j] = Dot(xc[j], yc) / std::sqrt(sxx[j] * syy);
    double sum = r[j];
    for (std::size_t m = 0; m < j; ++m) sum -= l[j][m] * s[m];
    s[j] = sum / l[j][j];
  }
  for (std::size_t j = p; j-- > 0;) {
    double sum = s[j];
    for (std::size_t m = j + 1; m < p; ++m) sum -= l[m][j] * s[m];
    s[j] = sum / l[j][j];
  }

  Regression result{{}, s, *Mean(y), 0, n};
  result.coefficients.reserve(p);
  for (std::size_t j = 0; j < p; ++j) {
    const double beta = s[j] * std::sqrt(syy / sxx[j]);
    result.coefficients.push_back(beta);
    result.intercept -= beta * *Mean(predictors[j]);
    result.r_squared += s[j] * r[j];
  }
  return result;
}

}  // namespace ks::stats
