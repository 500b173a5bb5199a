// A line over time (NPS per month, share of unhappy customers per week, …) with its confidence band,
// so a reader sees whether a change is larger than the noise; optional event markers ("new call
// centre opened") as labelled vertical lines. Points are evenly spaced, one per period, labelled by
// the caller (already formatted: "Jan 2026", "wk 12"). A period without enough data has no value:
// the line and band break there instead of inventing a value. Plain data in, SVG out; pure
// functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "web/charts/axis.h"
#include "web/charts/chart.h"

namespace ks::web::charts {

struct TimePoint {
  std::string label;            // the period, as shown on the x axis and in the data table
  std::optional<double> value;  // empty: a gap
  std::optional<double> low;    // confidence band; the band is drawn where both low and high are set
  std::optional<double> high;
  std::string href;     // optional: the inbox filtered to this period
  std::string tooltip;  // optional: default "<label>: <value> (<low> – <high>)"
};

struct TimeEvent {
  double x = 0;       // position in point indexes: 3 is on the 4th point, 2.5 halfway between 3rd and 4th
  std::string label;  // drawn at the top of the line ("New IVR")
};

struct TimeSeries {
  ChartText text;
  std::vector<TimePoint> points;
  std::vector<TimeEvent> events;
  std::string x_title;           // optional, drawn under the x labels
  std::string y_title;           // optional, drawn along the y axis
  std::optional<double> y_min;   // force the y axis to include these (e.g. -100 and 100 for NPS);
  std::optional<double> y_max;   //   by default the axis covers values, bands and 0 is not forced
  NumberFormatter y_format;      // y tick labels; default DefaultTickLabel
  NumberFormatter value_format;  // values in tooltips and the data table; default 1 decimal
  // Data table headers and the text of a missing value.
  std::string period_header = "Period";
  std::string value_header = "Value";
  std::string low_header = "Low";
  std::string high_header = "High";
  std::string event_header = "Event";
  std::string missing = "\xE2\x80\x94";  // "—"
};

// The chart as an <svg> element; "no data" when no point has a value.
std::string RenderTimeSeries(const TimeSeries& chart);

// `value` formatted with chart.value_format (default: one decimal).
std::string FormatSeriesValue(const TimeSeries& chart, double value);

}  // namespace ks::web::charts
