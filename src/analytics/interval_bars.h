// Horizontal bars with 95% interval whiskers, one row per group, against a vertical reference line:
// the outliers page's chart ("which groups have more unhappy customers than the rest?"). Built from
// the chart kit's pieces and following its output contract (web/charts/chart.h): no style attributes,
// presentation attributes plus classes, a <title> and <desc>, bars that link are keyboard-focusable.
// Extra classes: ks-chart-interval-bars (the <svg>), ks-whisker, ks-rest-marker, ks-reference.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "web/charts/chart.h"

namespace ks::analytics {

struct IntervalBar {
  std::string label;             // drawn left of the bar (cut to 24 characters)
  double value = 0;              // where the bar ends
  double low = 0;                // the whisker, drawn over the bar
  double high = 0;               //
  std::optional<double> marker;  // a short tick on the row (e.g. the rest's share)
  web::charts::Tone tone = web::charts::Tone::kNone;
  std::string value_label;  // drawn right of the plot ("23%")
  std::string href;         // optional: where the bar drills down to
  std::string tooltip;      // optional: default "<label>: <value_label>"
};

struct IntervalBars {
  web::charts::ChartText text;
  std::vector<IntervalBar> bars;          // top to bottom
  std::optional<double> reference;        // a dashed vertical line across all rows
  std::string reference_label;            // its legend entry
  std::string marker_label;               // the legend entry of the rows' ticks
  std::string x_title;                    // drawn under the axis
  web::charts::NumberFormatter x_format;  // tick labels; default DefaultTickLabel
  web::charts::ToneNames tone_names;      // legend entries of the tones used
  double x_min = 0;                       // the axis includes this value
};

// The chart as an <svg>; "no data" when there are no bars.
std::string RenderIntervalBars(const IntervalBars& chart);

}  // namespace ks::analytics
