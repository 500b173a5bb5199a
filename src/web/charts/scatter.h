// A scatter plot of labelled items — units, segments, topics or drivers — with two numeric axes (for
// example "share unhappy" against "answers", or a driver's importance against its score). Each point
// has a class shown by colour and by marker shape (circle happy, square neutral, triangle unhappy,
// diamond none) and may link to the inbox filtered to that item. Plain data in, SVG out; pure
// functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "web/charts/axis.h"
#include "web/charts/chart.h"

namespace ks::web::charts {

struct ScatterPoint {
  double x = 0;  // non-finite coordinates are left out
  double y = 0;
  std::string label;  // drawn beside the point (when show_labels) and in the data table
  Tone tone = Tone::kNone;
  std::string href;     // optional: the inbox filtered to this item
  std::string tooltip;  // optional: default "<label>: <x>, <y>"
};

struct Scatter {
  ChartText text;
  std::vector<ScatterPoint> points;
  std::string x_title;          // drawn under the x axis; data table header
  std::string y_title;          // drawn along the y axis; data table header
  std::optional<double> x_min;  // force the axes to include these (e.g. 0 and 100 for a percentage)
  std::optional<double> x_max;
  std::optional<double> y_min;
  std::optional<double> y_max;
  // Dashed reference lines across the plot (e.g. the averages that split a priority matrix into
  // quadrants); the axes include them. Class ks-reference.
  std::optional<double> x_reference;
  std::optional<double> y_reference;
  NumberFormatter x_format;            // tick labels, tooltips and data table; default DefaultTickLabel
  NumberFormatter y_format;            //   for ticks, one decimal for values
  bool show_labels = true;             // draw each point's label (cut to 20 characters) beside it
  ToneNames tone_names;                // legend and the data table's class column
  std::string label_header = "Item";   // data table header of the label column
  std::string class_header = "Class";  // data table header of the class column
};

// The chart as an <svg> element; "no data" when no point has finite coordinates.
std::string RenderScatter(const Scatter& chart);

// x and y of a point as the chart shows them in tooltips and the data table.
std::string FormatScatterX(const Scatter& chart, double x);
std::string FormatScatterY(const Scatter& chart, double y);

}  // namespace ks::web::charts
