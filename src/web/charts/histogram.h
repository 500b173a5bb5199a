// A histogram of answers on a score scale, one bar per scale value (0..10 for nps, 1..10 for
// grade10, 1..5 for csat5/stars5), each bar coloured by its class so the unhappy share is visible at
// a glance (DESIGN.md §1.3: the distribution, never only the average). A bar may link to the
// feedback inbox filtered to its answers. Plain data in, SVG out; pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "web/charts/axis.h"
#include "web/charts/chart.h"

namespace ks::web::charts {

struct HistogramBar {
  std::string label;       // the scale value as shown under the bar ("7")
  std::int64_t count = 0;  // answers with this value; negative counts are drawn as 0
  Tone tone = Tone::kNone;
  std::string href;     // optional: the inbox filtered to these answers ("/inbox?score=7")
  std::string tooltip;  // optional: hover text and link name; default "<label>: <count>"
};

struct Histogram {
  ChartText text;
  std::vector<HistogramBar> bars;      // in scale order, left to right
  std::string x_title = "Score";       // drawn under the bars; the data table's first column header
  std::string y_title = "Answers";     // drawn along the y axis; the data table's count column header
  ToneNames tone_names;                // legend entries and the data table's class column
  std::string class_header = "Class";  // data table header of the class column
  NumberFormatter count_format;        // y ticks and counts above the bars; default plain integers
};

// The chart as an <svg> element; "no data" when there are no bars or every count is 0.
std::string RenderHistogram(const Histogram& chart);

}  // namespace ks::web::charts
