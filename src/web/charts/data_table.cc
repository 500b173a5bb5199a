#include "web/charts/data_table.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

namespace ks::web::charts {
namespace {

// One cell of a row: a header cell (the row's name) or a data cell, optionally numeric or linked.
struct Cell {
  std::string text;
  std::string href;
  bool numeric = false;
};

Cell Text(std::string text) { return Cell{std::move(text), "", false}; }
Cell Number(std::string text) { return Cell{std::move(text), "", true}; }
Cell Link(std::string text, std::string href) { return Cell{std::move(text), std::move(href), false}; }

void StartTable(SvgWriter& w, const ChartText& text, const std::vector<std::string>& headers) {
  w.Open("table", {{"class", "ks-chart-table"}});
  w.TextElement("caption", {}, text.title);
  w.Open("thead", {});
  w.Open("tr", {});
  for (const std::string& header : headers) w.TextElement("th", {{"scope", "col"}}, header);
  w.Close();
  w.Close();
  w.Open("tbody", {});
}

void Row(SvgWriter& w, const std::vector<Cell>& cells) {
  w.Open("tr", {});
  for (size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    const std::string_view tag = i == 0 ? "th" : "td";
    std::vector<Attribute> attributes;
    if (i == 0) attributes.push_back({"scope", "row"});
    if (cell.numeric) attributes.push_back({"class", "ks-num"});
    const std::string href = SafeHref(cell.href);
    if (href.empty()) {
      w.TextElement(tag, attributes, cell.text);
    } else {
      w.Open(tag, attributes);
      w.TextElement("a", {{"href", href}}, cell.text);
      w.Close();
    }
  }
  w.Close();
}

void NoDataRow(SvgWriter& w, const ChartText& text, size_t columns) {
  w.Open("tr", {});
  w.TextElement("td", {{"colspan", std::to_string(columns)}}, text.no_data);
  w.Close();
}

std::string Count(const NumberFormatter& format, std::int64_t count) {
  const auto v = static_cast<double>(std::max<std::int64_t>(0, count));
  return format ? format(v) : FormatFixed(v, 0);
}

}  // namespace

std::string HistogramTable(const Histogram& chart) {
  SvgWriter w;
  StartTable(w, chart.text, {chart.x_title, chart.class_header, chart.y_title});
  if (chart.bars.empty()) NoDataRow(w, chart.text, 3);
  for (const HistogramBar& bar : chart.bars) {
    Row(w, {Link(bar.label, bar.count > 0 ? bar.href : ""), Text(ToneName(chart.tone_names, bar.tone)),
            Number(Count(chart.count_format, bar.count))});
  }
  return w.Finish();
}

std::string ClassBarTable(const ClassBar& chart) {
  SvgWriter w;
  StartTable(w, chart.text, {chart.class_header, chart.count_header, chart.share_header});
  const std::vector<double> shares = ClassShares(chart);
  const ClassBarSegment* segments[] = {&chart.unhappy, &chart.neutral, &chart.happy};
  for (size_t i = 0; i < 3; ++i) {
    const ClassBarSegment& s = *segments[i];
    const std::string share = chart.percent_format
                                  ? chart.percent_format(shares[i])
                                  : FormatFixed(shares[i], std::clamp(chart.percent_decimals, 0, 3)) + "%";
    Row(w, {Link(s.label, s.count > 0 ? s.href : ""), Number(Count(chart.count_format, s.count)), Number(share)});
  }
  return w.Finish();
}

std::string TimeSeriesTable(const TimeSeries& chart) {
  const size_t n = chart.points.size();
  const auto finite = [](const std::optional<double>& v) { return v.has_value() && std::isfinite(*v); };
  bool any_band = false;
  for (const TimePoint& p : chart.points) any_band = any_band || finite(p.low) || finite(p.high);
  std::vector<std::string> events(n);
  bool any_event = false;
  for (const TimeEvent& e : chart.events) {
    if (n == 0 || !std::isfinite(e.x) || e.x < -0.5 || e.x > static_cast<double>(n) - 0.5) continue;
    std::string& cell = events[std::min(n - 1, static_cast<size_t>(std::max(0.0, std::round(e.x))))];
    if (!cell.empty()) cell += "; ";
    cell += e.label;
    any_event = true;
  }
  std::vector<std::string> headers{chart.period_header, chart.value_header};
  if (any_band) {
    headers.push_back(chart.low_header);
    headers.push_back(chart.high_header);
  }
  if (any_event) headers.push_back(chart.event_header);
  SvgWriter w;
  StartTable(w, chart.text, headers);
  if (n == 0) NoDataRow(w, chart.text, headers.size());
  const auto value = [&](const std::optional<double>& v) {
    return Number(finite(v) ? FormatSeriesValue(chart, *v) : chart.missing);
  };
  for (size_t i = 0; i < n; ++i) {
    const TimePoint& p = chart.points[i];
    std::vector<Cell> cells{Link(p.label, finite(p.value) ? p.href : ""), value(p.value)};
    if (any_band) {
      cells.push_back(value(p.low));
      cells.push_back(value(p.high));
    }
    if (any_event) cells.push_back(Text(events[i]));
    Row(w, cells);
  }
  return w.Finish();
}

std::string ScatterTable(const Scatter& chart) {
  bool any_tone = false;
  for (const ScatterPoint& p : chart.points) any_tone = any_tone || !ToneName(chart.tone_names, p.tone).empty();
  std::vector<std::string> headers{chart.label_header, chart.x_title, chart.y_title};
  if (any_tone) headers.push_back(chart.class_header);
  SvgWriter w;
  StartTable(w, chart.text, headers);
  size_t rows = 0;
  for (const ScatterPoint& p : chart.points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    std::vector<Cell> cells{Link(p.label, p.href), Number(FormatScatterX(chart, p.x)),
                            Number(FormatScatterY(chart, p.y))};
    if (any_tone) cells.push_back(Text(ToneName(chart.tone_names, p.tone)));
    Row(w, cells);
    ++rows;
  }
  if (rows == 0) NoDataRow(w, chart.text, headers.size());
  return w.Finish();
}

}  // namespace ks::web::charts
