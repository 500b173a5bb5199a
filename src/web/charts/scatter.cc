#include "web/charts/scatter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace ks::web::charts {
namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 400;
constexpr internal::PlotArea kArea{.left = 64, .top = 16, .right = kWidth - 40, .bottom = kHeight - 76};
constexpr double kMarkerSize = 11;
constexpr size_t kLabelChars = 20;

bool Drawable(const ScatterPoint& p) { return std::isfinite(p.x) && std::isfinite(p.y); }

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void Add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  void Add(const std::optional<double>& v) {
    if (v && std::isfinite(*v)) Add(*v);
  }
};

}  // namespace

std::string FormatScatterX(const Scatter& chart, double x) {
  return chart.x_format ? chart.x_format(x) : FormatFixed(x, 1);
}

std::string FormatScatterY(const Scatter& chart, double y) {
  return chart.y_format ? chart.y_format(y) : FormatFixed(y, 1);
}

std::string RenderScatter(const Scatter& chart) {
  SvgWriter w;
  internal::OpenChart(w, chart.text, "scatter", kWidth, kHeight);
  Range xs;
  Range ys;
  for (const ScatterPoint& p : chart.points) {
    if (!Drawable(p)) continue;
    xs.Add(p.x);
    ys.Add(p.y);
  }
  if (xs.lo > xs.hi) {
    internal::NoData(w, chart.text, kWidth, kHeight);
    return internal::FinishChart(w);
  }
  xs.Add(chart.x_min);
  xs.Add(chart.x_max);
  ys.Add(chart.y_min);
  ys.Add(chart.y_max);
  xs.Add(chart.x_reference);
  ys.Add(chart.y_reference);
  const AxisTicks x_ticks = NiceTicks(xs.lo, xs.hi, 6);
  const AxisTicks y_ticks = NiceTicks(ys.lo, ys.hi, 5);
  internal::DrawYAxis(w, kArea, y_ticks, chart.y_format, chart.y_title);
  internal::DrawXAxisTicks(w, kArea, x_ticks, chart.x_format);
  internal::DrawBaseline(w, kArea, kArea.bottom);
  w.Leaf("line", {{"class", "ks-axis"},
                  {"x1", FormatCoordinate(kArea.left)},
                  {"x2", FormatCoordinate(kArea.left)},
                  {"y1", FormatCoordinate(kArea.top)},
                  {"y2", FormatCoordinate(kArea.bottom)},
                  {"stroke", std::string(internal::kAxisStroke)}});

  const auto reference = [&w](double x1, double x2, double y1, double y2) {
    w.Leaf("line", {{"class", "ks-reference"},
                    {"x1", FormatCoordinate(x1)},
                    {"x2", FormatCoordinate(x2)},
                    {"y1", FormatCoordinate(y1)},
                    {"y2", FormatCoordinate(y2)},
                    {"stroke", std::string(internal::kAxisStroke)},
                    {"stroke-dasharray", "4 3"}});
  };
  if (chart.x_reference) {
    const double x = internal::MapX(x_ticks, kArea, *chart.x_reference);
    reference(x, x, kArea.top, kArea.bottom);
  }
  if (chart.y_reference) {
    const double y = internal::MapY(y_ticks, kArea, *chart.y_reference);
    reference(kArea.left, kArea.right, y, y);
  }

  std::array<bool, 4> tone_used{};
  w.Open("g", {{"class", "ks-points"}});
  for (const ScatterPoint& p : chart.points) {
    if (!Drawable(p)) continue;
    tone_used[static_cast<size_t>(p.tone)] = true;
    const double cx = internal::MapX(x_ticks, kArea, p.x);
    const double cy = internal::MapY(y_ticks, kArea, p.y);
    const std::string tooltip =
        p.tooltip.empty() ? p.label + ": " + FormatScatterX(chart, p.x) + ", " + FormatScatterY(chart, p.y) : p.tooltip;
    internal::OpenItem(w, p.href, tooltip, "ks-point");
    internal::Marker(w, p.tone, cx, cy, kMarkerSize);
    if (chart.show_labels && !p.label.empty()) {
      const std::string label = TruncateLabel(p.label, kLabelChars);
      const bool left = cx + 8 + internal::TextWidth(label, internal::kSmallFontSize) > kWidth - 2;
      w.TextElement("text",
                    {{"class", "ks-point-label"},
                     {"x", FormatCoordinate(left ? cx - 8 : cx + 8)},
                     {"y", FormatCoordinate(cy)},
                     {"dy", "0.35em"},
                     {"text-anchor", left ? "end" : "start"},
                     {"font-size", FormatCoordinate(internal::kSmallFontSize)}},
                    label);
    }
    w.Close();
  }
  w.Close();
  internal::DrawXAxisTitle(w, kArea, kArea.bottom + 36, chart.x_title);

  w.Open("g", {{"class", "ks-legend"}});
  double x = kArea.left;
  for (const Tone tone : {Tone::kUnhappy, Tone::kNeutral, Tone::kHappy, Tone::kNone}) {
    const std::string& name = ToneName(chart.tone_names, tone);
    if (!tone_used[static_cast<size_t>(tone)] || name.empty()) continue;
    x = internal::LegendEntry(w, x, kArea.bottom + 60, tone, name, /*marker_shape=*/true);
  }
  w.Close();
  return internal::FinishChart(w);
}

}  // namespace ks::web::charts
