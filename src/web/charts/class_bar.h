// One horizontal bar split into the unhappy, neutral and happy shares of a set of answers — the
// "how many customers fail us" summary shown next to every average. Counts in; the percentages
// shown are rounded with the largest-remainder method so they add up to exactly 100. Each segment
// may link to the inbox filtered to its class. Plain data in, SVG out; pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "web/charts/axis.h"
#include "web/charts/chart.h"

namespace ks::web::charts {

struct ClassBarSegment {
  std::string label;       // "Detractors", "Fail", … (legend and data table)
  std::int64_t count = 0;  // negative counts are treated as 0
  std::string href;        // optional: the inbox filtered to this class
  std::string tooltip;     // optional: default "<label>: <percent> (<count>)"
};

struct ClassBar {
  ChartText text;
  ClassBarSegment unhappy{"Unhappy", 0, "", ""};
  ClassBarSegment neutral{"Neutral", 0, "", ""};
  ClassBarSegment happy{"Happy", 0, "", ""};
  int percent_decimals = 0;        // places of the shown percentages (0..3)
  NumberFormatter percent_format;  // formats a percentage (34.0 → "34%"); default FormatFixed + "%"
  NumberFormatter count_format;    // formats a count; default plain integer
  // Data table column headers.
  std::string class_header = "Class";
  std::string count_header = "Answers";
  std::string share_header = "Share";
};

// The shares in percent, in the order unhappy, neutral, happy, rounded to `decimals` places so that
// they sum to exactly 100 (all 0 when the total is 0).
std::vector<double> ClassShares(const ClassBar& chart);

// The chart as an <svg> element; "no data" when every count is 0.
std::string RenderClassBar(const ClassBar& chart);

}  // namespace ks::web::charts
