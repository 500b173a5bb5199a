#include "web/charts/time_series.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace ks::web::charts {
namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 320;
constexpr std::string_view kLineStroke = "#1f2937";
constexpr std::string_view kEventStroke = "#7c3aed";
constexpr double kEventRow = 14;

bool Finite(const std::optional<double>& v) { return v.has_value() && std::isfinite(*v); }
bool HasBand(const TimePoint& p) { return Finite(p.low) && Finite(p.high); }

}  // namespace

std::string FormatSeriesValue(const TimeSeries& chart, double value) {
  return chart.value_format ? chart.value_format(value) : FormatFixed(value, 1);
}

std::string RenderTimeSeries(const TimeSeries& chart) {
  SvgWriter w;
  internal::OpenChart(w, chart.text, "time-series", kWidth, kHeight);
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  bool any_value = false;
  for (const TimePoint& p : chart.points) {
    for (const auto& v : {p.value, p.low, p.high}) {
      if (!Finite(v)) continue;
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
    any_value = any_value || Finite(p.value);
  }
  if (!any_value) {
    internal::NoData(w, chart.text, kWidth, kHeight);
    return internal::FinishChart(w);
  }
  if (chart.y_min && std::isfinite(*chart.y_min)) lo = std::min(lo, *chart.y_min);
  if (chart.y_max && std::isfinite(*chart.y_max)) hi = std::max(hi, *chart.y_max);

  const size_t n = chart.points.size();
  const internal::PlotArea area{.left = 60,
                                .top = chart.events.empty() ? 16.0 : 16 + 2 * kEventRow,
                                .right = kWidth - 16,
                                .bottom = kHeight - 48};
  const AxisTicks ticks = NiceTicks(lo, hi, 5);
  internal::DrawYAxis(w, area, ticks, chart.y_format, chart.y_title);
  if (ticks.min < 0 && ticks.max > 0) {
    w.Leaf("line", {{"class", "ks-axis ks-zero-line"},
                    {"x1", FormatCoordinate(area.left)},
                    {"x2", FormatCoordinate(area.right)},
                    {"y1", FormatCoordinate(internal::MapY(ticks, area, 0))},
                    {"y2", FormatCoordinate(internal::MapY(ticks, area, 0))},
                    {"stroke", std::string(internal::kAxisStroke)}});
  }
  const double band = (area.right - area.left) / static_cast<double>(n);
  const auto x_of = [&](double index) { return area.left + band * (index + 0.5); };
  const auto y_of = [&](double value) { return internal::MapY(ticks, area, value); };
  const auto point_xy = [&](double x, double y) { return FormatCoordinate(x) + "," + FormatCoordinate(y); };

  // The confidence band: one polygon per run of consecutive points that have both bounds; a lone
  // point's interval is drawn as a short bar so it does not vanish.
  w.Open("g", {{"class", "ks-series-band"}, {"fill", std::string(kLineStroke)}, {"fill-opacity", "0.15"}});
  for (size_t i = 0; i < n;) {
    if (!HasBand(chart.points[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < n && HasBand(chart.points[end])) ++end;
    if (end - i == 1) {
      const double top = y_of(std::max(*chart.points[i].low, *chart.points[i].high));
      const double bottom = y_of(std::min(*chart.points[i].low, *chart.points[i].high));
      w.Leaf("rect", {{"x", FormatCoordinate(x_of(static_cast<double>(i)) - band * 0.15)},
                      {"y", FormatCoordinate(top)},
                      {"width", FormatCoordinate(band * 0.3)},
                      {"height", FormatCoordinate(bottom - top)}});
    } else {
      std::string points;
      for (size_t k = i; k < end; ++k) {
        if (!points.empty()) points += ' ';
        points += point_xy(x_of(static_cast<double>(k)), y_of(*chart.points[k].high));
      }
      for (size_t k = end; k-- > i;) points += " " + point_xy(x_of(static_cast<double>(k)), y_of(*chart.points[k].low));
      w.Leaf("polygon", {{"points", points}});
    }
    i = end;
  }
  w.Close();

  // The line: a new sub-path after every gap.
  std::string d;
  bool pen_down = false;
  for (size_t i = 0; i < n; ++i) {
    if (!Finite(chart.points[i].value)) {
      pen_down = false;
      continue;
    }
    d += (pen_down ? "L" : "M") + FormatCoordinate(x_of(static_cast<double>(i))) + " " +
         FormatCoordinate(y_of(*chart.points[i].value));
    pen_down = true;
  }
  w.Leaf("path", {{"class", "ks-series-line"},
                  {"d", d},
                  {"fill", "none"},
                  {"stroke", std::string(kLineStroke)},
                  {"stroke-width", "2"},
                  {"stroke-linejoin", "round"}});

  // Events: dashed lines with labels in two rows above the plot, each label in the first free place.
  if (!chart.events.empty()) {
    std::vector<const TimeEvent*> events;
    for (const TimeEvent& e : chart.events) {
      if (std::isfinite(e.x) && e.x >= -0.5 && e.x <= static_cast<double>(n) - 0.5) events.push_back(&e);
    }
    std::stable_sort(events.begin(), events.end(), [](const TimeEvent* a, const TimeEvent* b) { return a->x < b->x; });
    // Each row's labels as [start, end) spans. A label goes beside its line on the right (on the left
    // when it would leave the chart), in the first row where it is free; failing that, on the other
    // side of its line; failing that, in the first row anyway.
    std::array<std::vector<std::pair<double, double>>, 2> taken;
    const auto is_free = [&taken](size_t row, double start, double end) {
      return std::none_of(taken[row].begin(), taken[row].end(),
                          [&](const auto& span) { return start < span.second + 6 && end + 6 > span.first; });
    };
    w.Open("g", {{"class", "ks-event"}});
    for (const TimeEvent* e : events) {
      const double x = x_of(e->x);
      // Shorter and shorter (the full text stays in the tooltip and the data table) until a place is free.
      std::string label;
      double label_width = 0;
      bool right_aligned = false;
      size_t row = 0;
      bool placed = false;
      for (const size_t chars : {28, 18, 10}) {
        label = TruncateLabel(e->label, chars);
        label_width = internal::TextWidth(label, internal::kSmallFontSize);
        const bool fits_right = x + 3 + label_width <= kWidth - 4, fits_left = x - 3 - label_width >= 0;
        right_aligned = !fits_right;
        for (const bool flip : {false, true}) {
          const bool aligned_right = flip ? !right_aligned : right_aligned;
          if (aligned_right ? !fits_left : !fits_right) continue;
          const double start = aligned_right ? x - 3 - label_width : x - 1;
          for (size_t r = 0; r < 2 && !placed; ++r) {
            if (is_free(r, start, start + label_width + 4)) {
              row = r;
              right_aligned = aligned_right;
              placed = true;
            }
          }
          if (placed) break;
        }
        if (placed) break;
      }
      // No room even for a short label: the line alone, its title as the tooltip (and in the data table).
      if (placed) {
        const double start = right_aligned ? x - 3 - label_width : x - 1;
        taken[row].emplace_back(start, start + label_width + 4);
      }
      w.Open("g", {});
      w.TextElement("title", {}, e->label);
      w.Leaf("line", {{"x1", FormatCoordinate(x)},
                      {"x2", FormatCoordinate(x)},
                      {"y1", FormatCoordinate(area.top - kEventRow * (1.0 - static_cast<double>(row)) - 8)},
                      {"y2", FormatCoordinate(area.bottom)},
                      {"stroke", std::string(kEventStroke)},
                      {"stroke-width", "1.5"},
                      {"stroke-dasharray", "4 3"}});
      if (placed) {
        w.TextElement("text",
                      {{"class", "ks-event-label"},
                       {"x", FormatCoordinate(right_aligned ? x - 3 : x + 3)},
                       {"y", FormatCoordinate(area.top - kEventRow * (1.0 - static_cast<double>(row)) - 6)},
                       {"text-anchor", right_aligned ? "end" : "start"},
                       {"font-size", FormatCoordinate(internal::kSmallFontSize)},
                       {"fill", std::string(kEventStroke)}},
                      label);
      }
      w.Close();
    }
    w.Close();
  }

  // Points last, so their tooltips and links sit on top of the line and band.
  w.Open("g", {{"class", "ks-series-point"}});
  for (size_t i = 0; i < n; ++i) {
    const TimePoint& p = chart.points[i];
    if (!Finite(p.value)) continue;
    std::string tooltip = p.tooltip;
    if (tooltip.empty()) {
      tooltip = p.label + ": " + FormatSeriesValue(chart, *p.value);
      if (HasBand(p)) {
        tooltip += " (" + FormatSeriesValue(chart, *p.low) + " \xE2\x80\x93 " + FormatSeriesValue(chart, *p.high) + ")";
      }
    }
    const std::string cx = FormatCoordinate(x_of(static_cast<double>(i)));
    const std::string cy = FormatCoordinate(y_of(*p.value));
    internal::OpenItem(w, p.href, tooltip, "ks-point");
    // A larger invisible disc makes the point easy to hover and click.
    w.Leaf("circle", {{"cx", cx}, {"cy", cy}, {"r", "9"}, {"fill", "#ffffff"}, {"fill-opacity", "0"}});
    w.Leaf("circle", {{"cx", cx},
                      {"cy", cy},
                      {"r", "3.5"},
                      {"fill", "#ffffff"},
                      {"stroke", std::string(kLineStroke)},
                      {"stroke-width", "2"}});
    w.Close();
  }
  w.Close();

  internal::DrawBaseline(w, area, area.bottom);
  std::vector<std::string_view> labels;
  labels.reserve(n);
  for (const TimePoint& p : chart.points) labels.emplace_back(p.label);
  internal::DrawCategoryLabels(w, area, labels);
  internal::DrawXAxisTitle(w, area, area.bottom + 36, chart.x_title);
  return internal::FinishChart(w);
}

}  // namespace ks::web::charts
