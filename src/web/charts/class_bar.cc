#include "web/charts/class_bar.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace ks::web::charts {
namespace {

constexpr double kWidth = 640;
constexpr double kEmptyHeight = 82;
constexpr double kBarLeft = 8;
constexpr double kBarRight = kWidth - 8;
constexpr double kBarTop = 8;
constexpr double kBarHeight = 40;
constexpr double kLegendTop = 66;
constexpr double kLegendRow = 20;

struct Part {
  const ClassBarSegment* segment;
  Tone tone;
};

std::array<Part, 3> Parts(const ClassBar& chart) {
  return {{{&chart.unhappy, Tone::kUnhappy}, {&chart.neutral, Tone::kNeutral}, {&chart.happy, Tone::kHappy}}};
}

std::string PercentLabel(const ClassBar& chart, double percent) {
  return chart.percent_format ? chart.percent_format(percent)
                              : FormatFixed(percent, std::clamp(chart.percent_decimals, 0, 3)) + "%";
}

std::string CountLabel(const ClassBar& chart, std::int64_t count) {
  const auto v = static_cast<double>(count);
  return chart.count_format ? chart.count_format(v) : FormatFixed(v, 0);
}

}  // namespace

std::vector<double> ClassShares(const ClassBar& chart) {
  const int decimals = std::clamp(chart.percent_decimals, 0, 3);
  const auto units = static_cast<std::int64_t>(std::llround(100 * std::pow(10.0, decimals)));
  std::array<std::int64_t, 3> counts{};
  std::int64_t total = 0;
  const auto parts = Parts(chart);
  for (size_t i = 0; i < 3; ++i) {
    counts[i] = std::max<std::int64_t>(0, parts[i].segment->count);
    total += counts[i];
  }
  std::vector<double> shares(3, 0.0);
  if (total <= 0) return shares;
  std::array<std::int64_t, 3> floors{};
  std::array<long double, 3> remainders{};
  std::int64_t assigned = 0;
  for (size_t i = 0; i < 3; ++i) {
    const long double exact = static_cast<long double>(counts[i]) * units / total;
    floors[i] = static_cast<std::int64_t>(std::floor(exact));
    remainders[i] = exact - floors[i];
    assigned += floors[i];
  }
  // Hand the units lost to rounding down to the largest remainders (ties: the earlier class).
  std::array<size_t, 3> order{0, 1, 2};
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t k = 0; assigned < units && k < 3; ++k, ++assigned) ++floors[order[k]];
  const double scale = std::pow(10.0, decimals);
  for (size_t i = 0; i < 3; ++i) shares[i] = static_cast<double>(floors[i]) / scale;
  return shares;
}

std::string RenderClassBar(const ClassBar& chart) {
  SvgWriter w;
  const auto parts = Parts(chart);
  std::int64_t total = 0;
  for (const Part& part : parts) total += std::max<std::int64_t>(0, part.segment->count);
  if (total <= 0) {
    internal::OpenChart(w, chart.text, "class-bar", kWidth, kEmptyHeight);
    internal::NoData(w, chart.text, kWidth, kEmptyHeight);
    return internal::FinishChart(w);
  }
  const std::vector<double> shares = ClassShares(chart);

  // The legend names every class, also the empty ones, with its share and count: the numbers are
  // readable there even when a segment is too narrow to hold them. Entries wrap onto more rows
  // when the labels are long; the chart grows to fit.
  struct LegendItem {
    std::string text;
    double x;
    double y;
  };
  std::vector<LegendItem> legend;
  double legend_x = kBarLeft;
  double legend_y = kLegendTop;
  for (size_t i = 0; i < parts.size(); ++i) {
    const ClassBarSegment& segment = *parts[i].segment;
    std::string entry = TruncateLabel(segment.label, 32) + " " + PercentLabel(chart, shares[i]) + " (" +
                        CountLabel(chart, std::max<std::int64_t>(0, segment.count)) + ")";
    const double entry_width = 14 + internal::TextWidth(entry, internal::kFontSize);
    if (legend_x > kBarLeft && legend_x + entry_width > kBarRight) {
      legend_x = kBarLeft;
      legend_y += kLegendRow;
    }
    legend.push_back({std::move(entry), legend_x, legend_y});
    legend_x += entry_width + 16;
  }
  const double height = legend_y + 16;
  internal::OpenChart(w, chart.text, "class-bar", kWidth, height);

  w.Open("g", {{"class", "ks-segments"}});
  double x = kBarLeft;
  for (size_t i = 0; i < parts.size(); ++i) {
    const ClassBarSegment& segment = *parts[i].segment;
    const std::int64_t count = std::max<std::int64_t>(0, segment.count);
    if (count == 0) continue;
    const double width = (kBarRight - kBarLeft) * static_cast<double>(count) / static_cast<double>(total);
    const std::string percent = PercentLabel(chart, shares[i]);
    const std::string tooltip = segment.tooltip.empty()
                                    ? segment.label + ": " + percent + " (" + CountLabel(chart, count) + ")"
                                    : segment.tooltip;
    internal::OpenItem(w, segment.href, tooltip, "ks-segment");
    w.Leaf("rect", {{"class", std::string(ToneClass(parts[i].tone))},
                    {"x", FormatCoordinate(x)},
                    {"y", FormatCoordinate(kBarTop)},
                    {"width", FormatCoordinate(width)},
                    {"height", FormatCoordinate(kBarHeight)},
                    {"fill", std::string(ToneFill(parts[i].tone))}});
    if (internal::TextWidth(percent, internal::kFontSize) + 8 <= width) {
      w.TextElement("text",
                    {{"class", "ks-share-label"},
                     {"x", FormatCoordinate(x + width / 2)},
                     {"y", FormatCoordinate(kBarTop + kBarHeight / 2)},
                     {"dy", "0.35em"},
                     {"text-anchor", "middle"},
                     {"fill", "#ffffff"},
                     {"font-weight", "600"}},
                    percent);
    }
    w.Close();
    x += width;
  }
  w.Close();

  w.Open("g", {{"class", "ks-legend"}});
  for (size_t i = 0; i < parts.size(); ++i) {
    internal::LegendEntry(w, legend[i].x, legend[i].y, parts[i].tone, legend[i].text, /*marker_shape=*/false);
  }
  w.Close();
  return internal::FinishChart(w);
}

}  // namespace ks::web::charts
