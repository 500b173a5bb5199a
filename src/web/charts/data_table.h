// The data behind each chart as an accessible HTML table: a <caption> (the chart's title), column
// headers with scope="col", and each row's first cell a header with scope="row". Pages put it next
// to the chart (for example in a <details> "Show as table"), so screen-reader and keyboard users get
// the numbers and the same inbox links as the bars. Every text is escaped. Classes: ks-chart-table
// on the <table>, ks-num on numeric cells (for right alignment). Pure functions; thread-safe.
#pragma once

#include <string>

#include "web/charts/class_bar.h"
#include "web/charts/histogram.h"
#include "web/charts/scatter.h"
#include "web/charts/time_series.h"

namespace ks::web::charts {

// Columns: x_title, class, y_title (count). Bars with a count and an href link their label.
std::string HistogramTable(const Histogram& chart);
// Columns: class_header, count_header, share_header; one row per class (also empty ones).
std::string ClassBarTable(const ClassBar& chart);
// Columns: period_header, value_header, then low/high when any point has a band, then event_header
// when there are events (each event listed on the period nearest to its x).
std::string TimeSeriesTable(const TimeSeries& chart);
// Columns: label_header, x_title, y_title, class_header (when any point has a named tone).
std::string ScatterTable(const Scatter& chart);

}  // namespace ks::web::charts
