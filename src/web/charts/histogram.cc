#include "web/charts/histogram.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace ks::web::charts {
namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 320;
constexpr double kBarFraction = 0.78;  // of a bar's band; the rest is the gap to its neighbours
constexpr internal::PlotArea kArea{.left = 60, .top = 20, .right = kWidth - 12, .bottom = kHeight - 68};

std::string CountLabel(const Histogram& chart, std::int64_t count) {
  const auto v = static_cast<double>(count);
  return chart.count_format ? chart.count_format(v) : FormatFixed(v, 0);
}

}  // namespace

std::string RenderHistogram(const Histogram& chart) {
  using internal::kSmallFontSize;
  SvgWriter w;
  internal::OpenChart(w, chart.text, "histogram", kWidth, kHeight);
  std::int64_t max_count = 0;
  for (const HistogramBar& bar : chart.bars) max_count = std::max(max_count, bar.count);
  if (max_count <= 0) {
    internal::NoData(w, chart.text, kWidth, kHeight);
    return internal::FinishChart(w);
  }

  // Counts are whole numbers: never ask for more intervals than there are units, so no 0.5 ticks.
  const AxisTicks ticks =
      NiceTicks(0, static_cast<double>(max_count), static_cast<int>(std::min<std::int64_t>(5, max_count)));
  internal::DrawYAxis(w, kArea, ticks, chart.count_format, chart.y_title);

  const double band = (kArea.right - kArea.left) / static_cast<double>(chart.bars.size());
  const double bar_width = band * kBarFraction;
  std::array<bool, 4> tone_used{};
  w.Open("g", {{"class", "ks-bars"}});
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const HistogramBar& bar = chart.bars[i];
    const std::int64_t count = std::max<std::int64_t>(0, bar.count);
    const std::string count_label = CountLabel(chart, count);
    const double center = kArea.left + band * (static_cast<double>(i) + 0.5);
    const double top = internal::MapY(ticks, kArea, static_cast<double>(count));
    tone_used[static_cast<size_t>(bar.tone)] = true;
    const std::string tooltip = bar.tooltip.empty() ? bar.label + ": " + count_label : bar.tooltip;
    // An empty bar links to an empty inbox: keep its tooltip, drop the link.
    internal::OpenItem(w, count > 0 ? bar.href : "", tooltip, "ks-bar");
    if (count > 0) {
      w.Leaf("rect", {{"class", std::string(ToneClass(bar.tone))},
                      {"x", FormatCoordinate(center - bar_width / 2)},
                      {"y", FormatCoordinate(top)},
                      {"width", FormatCoordinate(bar_width)},
                      {"height", FormatCoordinate(kArea.bottom - top)},
                      {"fill", std::string(ToneFill(bar.tone))}});
    }
    if (internal::TextWidth(count_label, kSmallFontSize) <= band) {
      w.TextElement("text",
                    {{"class", "ks-value-label"},
                     {"x", FormatCoordinate(center)},
                     {"y", FormatCoordinate(top - 4)},
                     {"text-anchor", "middle"},
                     {"font-size", FormatCoordinate(kSmallFontSize)}},
                    count_label);
    }
    w.Close();
  }
  w.Close();
  internal::DrawBaseline(w, kArea, kArea.bottom);

  std::vector<std::string_view> labels;
  labels.reserve(chart.bars.size());
  for (const HistogramBar& bar : chart.bars) labels.emplace_back(bar.label);
  internal::DrawCategoryLabels(w, kArea, labels);
  internal::DrawXAxisTitle(w, kArea, kArea.bottom + 34, chart.x_title);

  w.Open("g", {{"class", "ks-legend"}});
  double x = kArea.left;
  for (const Tone tone : {Tone::kUnhappy, Tone::kNeutral, Tone::kHappy, Tone::kNone}) {
    const std::string& name = ToneName(chart.tone_names, tone);
    if (!tone_used[static_cast<size_t>(tone)] || name.empty()) continue;
    x = internal::LegendEntry(w, x, kArea.bottom + 54, tone, name, /*marker_shape=*/false);
  }
  w.Close();
  return internal::FinishChart(w);
}

}  // namespace ks::web::charts
