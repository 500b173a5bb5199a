#include "web/charts/axis.h"

#include <algorithm>
#include <cmath>

#include "web/charts/svg_writer.h"

namespace ks::web::charts {
namespace {

constexpr double kLimit = 1e15;
constexpr double kMinSpan = 1e-9;

// The smallest of 1, 2, 5 × 10^k that is ≥ `raw` (> 0).
double NiceStep(double raw) {
  const double exponent = std::floor(std::log10(raw));
  const double magnitude = std::pow(10.0, exponent);
  const double fraction = raw / magnitude;
  double nice = 10;
  if (fraction <= 1 + 1e-9) {
    nice = 1;
  } else if (fraction <= 2 + 1e-9) {
    nice = 2;
  } else if (fraction <= 5 + 1e-9) {
    nice = 5;
  }
  return nice * magnitude;
}

}  // namespace

AxisTicks NiceTicks(double lo, double hi, int target_intervals) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (lo > hi) std::swap(lo, hi);
  // Chart data never needs more; the limits keep the arithmetic below finite and the loop short.
  lo = std::clamp(lo, -kLimit, kLimit);
  hi = std::clamp(hi, -kLimit, kLimit);
  if (hi - lo < kMinSpan) {
    const double mid = (lo + hi) / 2;
    lo = hi = std::round(mid / kMinSpan) * kMinSpan;
  }
  if (lo == hi) {
    if (lo == 0) {
      hi = 1;
    } else {
      const double pad = std::max(std::abs(lo) * 0.1, kMinSpan);
      lo -= pad;
      hi += pad;
    }
  }
  target_intervals = std::max(1, target_intervals);
  const double step = NiceStep((hi - lo) / target_intervals);
  // Tolerances keep 0.30000000000000004-style noise from adding an extra interval.
  const double first = std::floor(lo / step + 1e-9);
  const double last = std::ceil(hi / step - 1e-9);
  AxisTicks ticks;
  ticks.step = step;
  ticks.decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 10);
  for (double i = first; i <= last + 0.5; i += 1) {
    double v = i * step;
    // Round to the step's decimals so the values are the numbers a reader sees, not 0.6000000001.
    const double scale = std::pow(10.0, ticks.decimals);
    v = std::round(v * scale) / scale;
    if (v == 0) v = 0;  // no -0
    ticks.values.push_back(v);
  }
  ticks.min = ticks.values.front();
  ticks.max = ticks.values.back();
  return ticks;
}

std::string DefaultTickLabel(double value, const AxisTicks& ticks) { return FormatFixed(value, ticks.decimals); }

std::string TickLabel(double value, const AxisTicks& ticks, const NumberFormatter& format) {
  return format ? format(value) : DefaultTickLabel(value, ticks);
}

}  // namespace ks::web::charts
