#include "web/charts/chart.h"

#include <algorithm>
#include <cmath>

#include "base/strings.h"

namespace ks::web::charts {

std::string_view ToneClass(Tone tone) {
  switch (tone) {
    case Tone::kUnhappy: return "ks-tone-unhappy";
    case Tone::kNeutral: return "ks-tone-neutral";
    case Tone::kHappy: return "ks-tone-happy";
    case Tone::kNone: break;
  }
  return "ks-tone-none";
}

std::string_view ToneFill(Tone tone) {
  switch (tone) {
    case Tone::kUnhappy: return "#c2410c";
    case Tone::kNeutral: return "#6b7280";
    case Tone::kHappy: return "#2563eb";
    case Tone::kNone: break;
  }
  return "#374151";
}

const std::string& ToneName(const ToneNames& names, Tone tone) {
  switch (tone) {
    case Tone::kUnhappy: return names.unhappy;
    case Tone::kNeutral: return names.neutral;
    case Tone::kHappy: return names.happy;
    case Tone::kNone: break;
  }
  return names.none;
}

std::string SanitizeId(std::string_view id_prefix) {
  if (id_prefix.empty()) return "chart";
  std::string out(id_prefix);
  for (char& c : out) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) c = '_';
  }
  return out;
}

namespace internal {

std::string FinishChart(SvgWriter& w) {
  std::string svg = w.Finish();
  if (svg.find("<a class=\"ks-chart-link") != std::string::npos) {
    const auto role = svg.find("role=\"img\"");
    if (role != std::string::npos) svg.replace(role, 10, "role=\"group\"");
  }
  return svg;
}

void OpenChart(SvgWriter& w, const ChartText& text, std::string_view kind, double width, double height) {
  const std::string id = SanitizeId(text.id_prefix);
  w.Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                 {"class", "ks-chart ks-chart-" + std::string(kind)},
                 {"role", "img"},
                 {"aria-labelledby", id + "-title " + id + "-desc"},
                 {"viewBox", "0 0 " + FormatCoordinate(width) + " " + FormatCoordinate(height)},
                 {"width", "100%"},
                 {"font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"},
                 {"font-size", FormatCoordinate(kFontSize)},
                 {"fill", std::string(kTextFill)}});
  w.TextElement("title", {{"id", id + "-title"}}, text.title);
  w.TextElement("desc", {{"id", id + "-desc"}}, text.description);
}

void NoData(SvgWriter& w, const ChartText& text, double width, double height) {
  w.Leaf("rect", {{"class", "ks-no-data-frame"},
                  {"x", "0.5"},
                  {"y", "0.5"},
                  {"width", FormatCoordinate(width - 1)},
                  {"height", FormatCoordinate(height - 1)},
                  {"fill", "none"},
                  {"stroke", std::string(kGridStroke)}});
  w.TextElement("text",
                {{"class", "ks-no-data"},
                 {"x", FormatCoordinate(width / 2)},
                 {"y", FormatCoordinate(height / 2)},
                 {"text-anchor", "middle"},
                 {"dy", "0.35em"},
                 {"font-size", "14"}},
                text.no_data);
}

double TextWidth(std::string_view text, double font_size) {
  return static_cast<double>(CodePointCount(text)) * font_size * kCharWidth;
}

void OpenItem(SvgWriter& w, std::string_view href, std::string_view tooltip, std::string_view group_class) {
  const std::string safe = SafeHref(href);
  if (!safe.empty()) {
    w.Open("a", {{"class", "ks-chart-link " + std::string(group_class)}, {"href", safe}});
  } else {
    w.Open("g", {{"class", std::string(group_class)}});
  }
  if (!tooltip.empty()) w.TextElement("title", {}, tooltip);
}

void Marker(SvgWriter& w, Tone tone, double cx, double cy, double size) {
  const std::string cls(ToneClass(tone));
  const std::string fill(ToneFill(tone));
  const double r = size / 2;
  switch (tone) {
    case Tone::kHappy:
      w.Leaf("circle", {{"class", cls},
                        {"cx", FormatCoordinate(cx)},
                        {"cy", FormatCoordinate(cy)},
                        {"r", FormatCoordinate(r)},
                        {"fill", fill}});
      return;
    case Tone::kNeutral:
      w.Leaf("rect", {{"class", cls},
                      {"x", FormatCoordinate(cx - r * 0.9)},
                      {"y", FormatCoordinate(cy - r * 0.9)},
                      {"width", FormatCoordinate(r * 1.8)},
                      {"height", FormatCoordinate(r * 1.8)},
                      {"fill", fill}});
      return;
    case Tone::kUnhappy: {
      const double h = r * 1.15;
      w.Leaf("path", {{"class", cls},
                      {"d", "M" + FormatCoordinate(cx - h) + " " + FormatCoordinate(cy - h * 0.75) + "H" +
                                FormatCoordinate(cx + h) + "L" + FormatCoordinate(cx) + " " +
                                FormatCoordinate(cy + h * 1.05) + "Z"},
                      {"fill", fill}});
      return;
    }
    case Tone::kNone: break;
  }
  const double h = r * 1.2;
  w.Leaf("path", {{"class", cls},
                  {"d", "M" + FormatCoordinate(cx) + " " + FormatCoordinate(cy - h) + "L" + FormatCoordinate(cx + h) +
                            " " + FormatCoordinate(cy) + "L" + FormatCoordinate(cx) + " " + FormatCoordinate(cy + h) +
                            "L" + FormatCoordinate(cx - h) + " " + FormatCoordinate(cy) + "Z"},
                  {"fill", fill}});
}

double LegendEntry(SvgWriter& w, double x, double y, Tone tone, std::string_view name, bool marker_shape) {
  constexpr double kSwatch = 10;
  if (marker_shape) {
    Marker(w, tone, x + kSwatch / 2, y, kSwatch);
  } else {
    w.Leaf("rect", {{"class", std::string(ToneClass(tone))},
                    {"x", FormatCoordinate(x)},
                    {"y", FormatCoordinate(y - kSwatch / 2)},
                    {"width", FormatCoordinate(kSwatch)},
                    {"height", FormatCoordinate(kSwatch)},
                    {"fill", std::string(ToneFill(tone))}});
  }
  const std::string text = TruncateLabel(name, 60);
  w.TextElement("text", {{"x", FormatCoordinate(x + kSwatch + 4)}, {"y", FormatCoordinate(y)}, {"dy", "0.35em"}}, text);
  return x + kSwatch + 4 + TextWidth(text, kFontSize) + 16;
}

double MapY(const AxisTicks& ticks, const PlotArea& area, double value) {
  const double span = ticks.max - ticks.min;
  if (span <= 0) return area.bottom;
  return area.bottom - (value - ticks.min) / span * (area.bottom - area.top);
}

double MapX(const AxisTicks& ticks, const PlotArea& area, double value) {
  const double span = ticks.max - ticks.min;
  if (span <= 0) return area.left;
  return area.left + (value - ticks.min) / span * (area.right - area.left);
}

void DrawYAxis(SvgWriter& w, const PlotArea& area, const AxisTicks& ticks, const NumberFormatter& format,
               std::string_view title) {
  w.Open("g", {{"class", "ks-grid"}, {"stroke", std::string(kGridStroke)}});
  for (const double v : ticks.values) {
    const std::string y = FormatCoordinate(MapY(ticks, area, v));
    w.Leaf("line", {{"x1", FormatCoordinate(area.left)}, {"x2", FormatCoordinate(area.right)}, {"y1", y}, {"y2", y}});
  }
  w.Close();
  w.Open("g", {{"class", "ks-tick-label"}, {"text-anchor", "end"}, {"font-size", FormatCoordinate(kSmallFontSize)}});
  for (const double v : ticks.values) {
    w.TextElement(
        "text",
        {{"x", FormatCoordinate(area.left - 6)}, {"y", FormatCoordinate(MapY(ticks, area, v))}, {"dy", "0.35em"}},
        TickLabel(v, ticks, format));
  }
  w.Close();
  if (!title.empty()) {
    const std::string x = "14";
    const std::string y = FormatCoordinate((area.top + area.bottom) / 2);
    w.TextElement("text",
                  {{"class", "ks-axis-title"},
                   {"x", x},
                   {"y", y},
                   {"text-anchor", "middle"},
                   {"transform", "rotate(-90 " + x + " " + y + ")"}},
                  title);
  }
}

void DrawXAxisTicks(SvgWriter& w, const PlotArea& area, const AxisTicks& ticks, const NumberFormatter& format) {
  w.Open("g", {{"class", "ks-grid"}, {"stroke", std::string(kGridStroke)}});
  for (const double v : ticks.values) {
    const std::string x = FormatCoordinate(MapX(ticks, area, v));
    w.Leaf("line", {{"x1", x}, {"x2", x}, {"y1", FormatCoordinate(area.top)}, {"y2", FormatCoordinate(area.bottom)}});
  }
  w.Close();
  w.Open("g", {{"class", "ks-tick-label"}, {"text-anchor", "middle"}, {"font-size", FormatCoordinate(kSmallFontSize)}});
  for (const double v : ticks.values) {
    w.TextElement("text", {{"x", FormatCoordinate(MapX(ticks, area, v))}, {"y", FormatCoordinate(area.bottom + 16)}},
                  TickLabel(v, ticks, format));
  }
  w.Close();
}

void DrawBaseline(SvgWriter& w, const PlotArea& area, double y) {
  const std::string ys = FormatCoordinate(y);
  w.Leaf("line", {{"class", "ks-axis"},
                  {"x1", FormatCoordinate(area.left)},
                  {"x2", FormatCoordinate(area.right)},
                  {"y1", ys},
                  {"y2", ys},
                  {"stroke", std::string(kAxisStroke)}});
}

void DrawCategoryLabels(SvgWriter& w, const PlotArea& area, const std::vector<std::string_view>& labels) {
  if (labels.empty()) return;
  constexpr size_t kMaxChars = 16;
  constexpr double kGap = 8;
  const double band = (area.right - area.left) / static_cast<double>(labels.size());
  const double char_width = kFontSize * kCharWidth;
  size_t widest = 1;
  for (const std::string_view label : labels) widest = std::max(widest, std::min(kMaxChars, CodePointCount(label)));
  // Show every k-th label so that they do not overlap, then cut any that is still too wide.
  const size_t every =
      std::max<size_t>(1, static_cast<size_t>(std::ceil((static_cast<double>(widest) * char_width + kGap) / band)));
  const size_t max_chars =
      std::max<size_t>(1, static_cast<size_t>((band * static_cast<double>(every) - kGap) / char_width));
  w.Open("g", {{"class", "ks-tick-label"}, {"text-anchor", "middle"}});
  for (size_t i = 0; i < labels.size(); i += every) {
    const std::string label = TruncateLabel(labels[i], max_chars);
    // Keep the first and last labels inside the chart.
    const double half = TextWidth(label, kFontSize) / 2;
    const double center = area.left + band * (static_cast<double>(i) + 0.5);
    const double x = std::min(std::max(center, half + 2), area.right + 10 - half);
    w.TextElement("text", {{"x", FormatCoordinate(x)}, {"y", FormatCoordinate(area.bottom + 16)}}, label);
  }
  w.Close();
}

void DrawXAxisTitle(SvgWriter& w, const PlotArea& area, double y, std::string_view title) {
  if (title.empty()) return;
  w.TextElement("text",
                {{"class", "ks-axis-title"},
                 {"x", FormatCoordinate((area.left + area.right) / 2)},
                 {"y", FormatCoordinate(y)},
                 {"text-anchor", "middle"}},
                title);
}

}  // namespace internal
}  // namespace ks::web::charts
