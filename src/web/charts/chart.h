// What every chart in the kit shares: the tone (class) of a bar or point, the caller's title,
// description and id prefix, and the frame every chart is drawn in.
//
// Output contract, for all charts:
//   <svg xmlns=… class="ks-chart ks-chart-<kind>" role="img" aria-labelledby="<p>-title <p>-desc"
//        viewBox="0 0 W H" width="100%" …><title id="<p>-title">…</title><desc id="<p>-desc">…</desc>…
// The svg has no fixed pixel size: it scales with its container. There are no style attributes,
// <style> or <script> elements or on* handlers (the pages' CSP forbids them); every element carries a
// presentation attribute (fill, stroke) so the chart is right without CSS, plus a class the page's
// stylesheet may use to restyle it.
//
// CSS classes (defaults chosen for colour-blind readers — orange / grey / blue is the usual
// deuteranopia- and protanopia-safe diverging pair — and ≥ 4.7:1 contrast on white):
//   ks-chart, ks-chart-histogram, ks-chart-class-bar, ks-chart-time-series, ks-chart-scatter  the <svg>
//   ks-tone-unhappy  #c2410c  bars, segments, markers of unhappy customers (detractors, fails)
//   ks-tone-neutral  #6b7280  passives / neutral
//   ks-tone-happy    #2563eb  promoters / good marks
//   ks-tone-none     #374151  no class (e.g. a total)
//   ks-chart-link    <a> around a bar, segment or point that links to the filtered inbox; focusable
//                    with the keyboard (style :focus-visible on it, e.g. `.ks-chart-link:focus-visible
//                    > * { stroke: #f59e0b; stroke-width: 3 }`)
//   ks-grid (#e5e7eb), ks-axis (#9ca3af), ks-tick-label, ks-axis-title, ks-value-label,
//   ks-legend, ks-no-data, ks-series-line (#1f2937), ks-series-band (#1f2937 at 15%),
//   ks-series-point, ks-event (#7c3aed dashed line), ks-event-label, ks-share-label (white on a segment)
// Text is #374151 (10:1 on white), 12 px system-ui unless a class says otherwise.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "web/charts/axis.h"
#include "web/charts/svg_writer.h"

namespace ks::web::charts {

// The class of a customer's answer (see DESIGN.md §4: detractor/passive/promoter, fail/pass/good, …).
enum class Tone { kUnhappy, kNeutral, kHappy, kNone };

// "ks-tone-unhappy", …
std::string_view ToneClass(Tone tone);
// The default fill, "#c2410c", … (see the table above).
std::string_view ToneFill(Tone tone);

// Caller-supplied, already translated texts that every chart needs.
struct ChartText {
  // Prefix for the ids inside the chart ("<prefix>-title", "<prefix>-desc"); must be unique on the
  // page. Characters other than [A-Za-z0-9_-] become '_'; empty means "chart".
  std::string id_prefix;
  // Short name read by screen readers first ("Scores for Amsterdam, last 90 days"). Not drawn.
  std::string title;
  // One or two sentences with the gist ("41% unhappy; most answers are 6 or 9"). Not drawn.
  std::string description;
  // Drawn in the middle of a chart that has nothing to show. Default "No data".
  std::string no_data = "No data";
};

// Names of the tones for legends and data tables. Defaults are English.
struct ToneNames {
  std::string unhappy = "Unhappy";
  std::string neutral = "Neutral";
  std::string happy = "Happy";
  std::string none = "";
};
const std::string& ToneName(const ToneNames& names, Tone tone);

// `id_prefix` reduced to [A-Za-z0-9_-] ("chart" when empty), so it is a valid id and IDREF.
std::string SanitizeId(std::string_view id_prefix);

// The pieces below are the kit's own plumbing, shared by its charts.
namespace internal {

constexpr std::string_view kTextFill = "#374151";
constexpr std::string_view kGridStroke = "#e5e7eb";
constexpr std::string_view kAxisStroke = "#9ca3af";
constexpr double kFontSize = 12;
constexpr double kSmallFontSize = 11;
// Average advance of a character in the chart font, as a fraction of the font size; used only to
// decide whether labels fit (the server cannot measure text).
constexpr double kCharWidth = 0.6;

// Opens <svg …> with title and desc; the caller adds the content and closes it.
void OpenChart(SvgWriter& w, const ChartText& text, std::string_view kind, double width, double height);
// The finished <svg>. A chart whose bars or points are links is announced as a group of links
// (role="group") rather than an image, since an image may not contain interactive elements.
std::string FinishChart(SvgWriter& w);
// Draws `text.no_data` in the middle of a width × height chart.
void NoData(SvgWriter& w, const ChartText& text, double width, double height);
// Estimated width in user units of `text` at `font_size`.
double TextWidth(std::string_view text, double font_size);
// Opens <a class="ks-chart-link" href> when `href` is safe and non-empty, else <g class=…>; then
// writes <title>tooltip</title> (when non-empty) so it is the link's accessible name and the hover
// tooltip of everything inside. The caller draws the shapes and closes.
void OpenItem(SvgWriter& w, std::string_view href, std::string_view tooltip, std::string_view group_class);
// A swatch and a name, for legends; returns the x after it.
double LegendEntry(SvgWriter& w, double x, double y, Tone tone, std::string_view name, bool marker_shape);
// A tone's marker shape centred on (cx, cy): circle (happy), square (neutral), down-pointing
// triangle (unhappy), diamond (none) — shape as well as colour, for readers who cannot tell the
// colours apart.
void Marker(SvgWriter& w, Tone tone, double cx, double cy, double size);

// The rectangle the data is drawn in, in user units.
struct PlotArea {
  double left = 0;
  double top = 0;
  double right = 0;
  double bottom = 0;
};
// Position of `value` on a vertical axis spanning ticks.min (bottom) to ticks.max (top).
double MapY(const AxisTicks& ticks, const PlotArea& area, double value);
// Position of `value` on a horizontal axis spanning ticks.min (left) to ticks.max (right).
double MapX(const AxisTicks& ticks, const PlotArea& area, double value);
// Horizontal grid lines and tick labels left of the area, and `title` rotated along the left edge.
void DrawYAxis(SvgWriter& w, const PlotArea& area, const AxisTicks& ticks, const NumberFormatter& format,
               std::string_view title);
// Vertical grid lines and tick labels under the area.
void DrawXAxisTicks(SvgWriter& w, const PlotArea& area, const AxisTicks& ticks, const NumberFormatter& format);
// The base line of the plot area.
void DrawBaseline(SvgWriter& w, const PlotArea& area, double y);
// One label per evenly spaced category (histogram bar, time series period) under the area; every
// k-th only when they would overlap, cut with "…" when one alone is far wider than its band.
void DrawCategoryLabels(SvgWriter& w, const PlotArea& area, const std::vector<std::string_view>& labels);
// `title` centred under the area at `y`.
void DrawXAxisTitle(SvgWriter& w, const PlotArea& area, double y, std::string_view title);

}  // namespace internal
}  // namespace ks::web::charts
