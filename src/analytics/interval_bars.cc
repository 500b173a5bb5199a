#include "analytics/interval_bars.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ks::analytics {
namespace {

namespace charts = web::charts;
namespace internal = web::charts::internal;
using charts::FormatCoordinate;

constexpr double kWidth = 640;
constexpr double kRow = 26;
constexpr double kBarHeight = 12;
constexpr double kWhiskerHeight = 10;
constexpr double kMarkerHeight = 18;
constexpr size_t kLabelChars = 24;
constexpr double kLegendRow = 18;
constexpr double kSwatch = 10;
constexpr std::string_view kInk = "#1f2937";

double Finite(double v) { return std::isfinite(v) ? v : 0; }

// One legend entry's width, as internal::LegendEntry draws it.
double LegendWidth(std::string_view name) { return kSwatch + 4 + internal::TextWidth(name, internal::kFontSize) + 16; }

void Line(charts::SvgWriter& w, std::string_view cls, double x1, double y1, double x2, double y2,
          std::vector<charts::Attribute> extra = {}) {
  std::vector<charts::Attribute> attributes = {{"class", std::string(cls)},  {"x1", FormatCoordinate(x1)},
                                               {"y1", FormatCoordinate(y1)}, {"x2", FormatCoordinate(x2)},
                                               {"y2", FormatCoordinate(y2)}, {"stroke", std::string(kInk)}};
  attributes.insert(attributes.end(), extra.begin(), extra.end());
  w.Leaf("line", attributes);
}

}  // namespace

std::string RenderIntervalBars(const IntervalBars& chart) {
  charts::SvgWriter w;
  // The legend: the tones used, the reference line and the markers, wrapped over lines.
  std::array<bool, 4> tone_used{};
  bool has_marker = false;
  double lo = chart.x_min, hi = chart.x_min;
  for (const IntervalBar& b : chart.bars) {
    tone_used[static_cast<size_t>(b.tone)] = true;
    has_marker = has_marker || b.marker.has_value();
    for (const double v : {b.value, b.low, b.high}) {
      lo = std::min(lo, Finite(v));
      hi = std::max(hi, Finite(v));
    }
    if (b.marker) hi = std::max(hi, Finite(*b.marker));
  }
  if (chart.reference) hi = std::max(hi, Finite(*chart.reference));
  struct Entry {
    std::string name;
    int kind;  // 0..3 a tone, 4 the reference line, 5 the marker
  };
  std::vector<Entry> entries;
  for (const auto tone : {charts::Tone::kUnhappy, charts::Tone::kNeutral, charts::Tone::kHappy, charts::Tone::kNone}) {
    const std::string& name = charts::ToneName(chart.tone_names, tone);
    if (tone_used[static_cast<size_t>(tone)] && !name.empty()) entries.push_back({name, static_cast<int>(tone)});
  }
  if (chart.reference && !chart.reference_label.empty()) entries.push_back({chart.reference_label, 4});
  if (has_marker && !chart.marker_label.empty()) entries.push_back({chart.marker_label, 5});
  const internal::PlotArea area{
      .left = 196, .top = 8, .right = kWidth - 64, .bottom = 8 + kRow * static_cast<double>(chart.bars.size())};
  int legend_lines = entries.empty() ? 0 : 1;
  for (double x = 8; const Entry& e : entries) {
    if (x + LegendWidth(e.name) > kWidth && x > 8) {
      ++legend_lines;
      x = 8;
    }
    x += LegendWidth(e.name);
  }
  const double legend_top = area.bottom + (chart.x_title.empty() ? 40 : 58);
  const double height = chart.bars.empty() ? 120 : legend_top + kLegendRow * legend_lines;
  internal::OpenChart(w, chart.text, "interval-bars", kWidth, height);
  if (chart.bars.empty()) {
    internal::NoData(w, chart.text, kWidth, height);
    return internal::FinishChart(w);
  }
  const charts::AxisTicks ticks = charts::NiceTicks(lo, hi, 5);
  internal::DrawXAxisTicks(w, area, ticks, chart.x_format);
  internal::DrawBaseline(w, area, area.bottom);
  const double zero = internal::MapX(ticks, area, std::clamp(0.0, ticks.min, ticks.max));

  w.Open("g", {{"class", "ks-bars"}});
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const IntervalBar& b = chart.bars[i];
    const double mid = area.top + kRow * (static_cast<double>(i) + 0.5);
    const std::string tooltip = b.tooltip.empty() ? b.label + ": " + b.value_label : b.tooltip;
    internal::OpenItem(w, b.href, tooltip, "ks-bar");
    const double end = internal::MapX(ticks, area, Finite(b.value));
    w.Leaf("rect", {{"class", std::string(charts::ToneClass(b.tone))},
                    {"x", FormatCoordinate(std::min(zero, end))},
                    {"y", FormatCoordinate(mid - kBarHeight / 2)},
                    {"width", FormatCoordinate(std::max(1.0, std::fabs(end - zero)))},
                    {"height", FormatCoordinate(kBarHeight)},
                    {"fill", std::string(charts::ToneFill(b.tone))}});
    const double x_low = internal::MapX(ticks, area, Finite(b.low));
    const double x_high = internal::MapX(ticks, area, Finite(b.high));
    w.Open("g", {{"class", "ks-whisker"}, {"stroke", std::string(kInk)}, {"stroke-width", "1.5"}});
    Line(w, "ks-whisker-line", x_low, mid, x_high, mid);
    Line(w, "ks-whisker-cap", x_low, mid - kWhiskerHeight / 2, x_low, mid + kWhiskerHeight / 2);
    Line(w, "ks-whisker-cap", x_high, mid - kWhiskerHeight / 2, x_high, mid + kWhiskerHeight / 2);
    w.Close();
    if (b.marker) {
      const double x = internal::MapX(ticks, area, Finite(*b.marker));
      Line(w, "ks-rest-marker", x, mid - kMarkerHeight / 2, x, mid + kMarkerHeight / 2, {{"stroke-width", "3"}});
    }
    w.TextElement("text",
                  {{"class", "ks-tick-label"},
                   {"x", FormatCoordinate(area.left - 8)},
                   {"y", FormatCoordinate(mid)},
                   {"dy", "0.35em"},
                   {"text-anchor", "end"}},
                  charts::TruncateLabel(b.label, kLabelChars));
    w.TextElement("text",
                  {{"class", "ks-value-label"},
                   {"x", FormatCoordinate(area.right + 8)},
                   {"y", FormatCoordinate(mid)},
                   {"dy", "0.35em"},
                   {"font-size", FormatCoordinate(internal::kSmallFontSize)}},
                  b.value_label);
    w.Close();
  }
  w.Close();
  if (chart.reference) {
    const double x = internal::MapX(ticks, area, Finite(*chart.reference));
    Line(w, "ks-reference", x, area.top - 4, x, area.bottom, {{"stroke-dasharray", "5 3"}, {"stroke-width", "1.5"}});
  }
  internal::DrawXAxisTitle(w, area, area.bottom + 36, chart.x_title);

  w.Open("g", {{"class", "ks-legend"}});
  double x = 8, y = legend_top;
  for (const Entry& e : entries) {
    if (x + LegendWidth(e.name) > kWidth && x > 8) {
      x = 8;
      y += kLegendRow;
    }
    if (e.kind < 4) {
      x = internal::LegendEntry(w, x, y, static_cast<charts::Tone>(e.kind), e.name, /*marker_shape=*/false);
      continue;
    }
    if (e.kind == 4) {
      Line(w, "ks-reference", x + kSwatch / 2, y - kSwatch / 2 - 1, x + kSwatch / 2, y + kSwatch / 2 + 1,
           {{"stroke-dasharray", "3 2"}, {"stroke-width", "1.5"}});
    } else {
      Line(w, "ks-rest-marker", x + kSwatch / 2, y - kSwatch / 2 - 1, x + kSwatch / 2, y + kSwatch / 2 + 1,
           {{"stroke-width", "3"}});
    }
    w.TextElement("text", {{"x", FormatCoordinate(x + kSwatch + 4)}, {"y", FormatCoordinate(y)}, {"dy", "0.35em"}},
                  e.name);
    x += LegendWidth(e.name);
  }
  w.Close();
  return internal::FinishChart(w);
}

}  // namespace ks::analytics
