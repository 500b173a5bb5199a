// "Nice" axis ticks: a range and step of 1, 2 or 5 × 10^k that covers the data, so axes read
// 0, 20, 40 … instead of 0, 17.3, 34.6 …. Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ks::web::charts {

// Formats a tick or data value for display. Callers pass one to localise numbers (decimal comma,
// "%" suffix); when empty the charts use DefaultTickLabel.
using NumberFormatter = std::function<std::string(double)>;

struct AxisTicks {
  double min = 0;  // the axis starts here (the first tick)
  double max = 1;  // the axis ends here (the last tick)
  double step = 0.2;
  std::vector<double> values;  // min, min + step, …, max; exact multiples of step, no "-0"
  int decimals = 1;            // decimals needed to tell the ticks apart (0 for steps ≥ 1)
};

// Ticks covering [lo, hi] with about `target_intervals` (at least 1) intervals and never more than
// target_intervals + 1. The bounds are swapped when reversed; an empty range (lo == hi) is widened
// around the value (to 0..1 when it is 0); non-finite bounds give 0..1.
AxisTicks NiceTicks(double lo, double hi, int target_intervals = 5);

// `value` with ticks.decimals places ("0", "2.5"), locale independent.
std::string DefaultTickLabel(double value, const AxisTicks& ticks);

// `format(value)` when a formatter is set, otherwise DefaultTickLabel.
std::string TickLabel(double value, const AxisTicks& ticks, const NumberFormatter& format);

}  // namespace ks::web::charts
