// Golden-file tests for the charts kit: each chart kind renders representative inputs (normal data,
// links, hostile user strings, empty data, a time series with a gap and event markers) and the SVG
// and data-table HTML are compared byte for byte with src/web/charts/testdata/<name>.svg / .html.
//
// After an intended change to the output, rewrite the golden files and review the diff (and look at
// the SVGs in a browser):
//   KS_UPDATE_GOLDEN=1 build/charts/src/web/charts/web_charts_test && git diff src/web/charts/testdata
//
// Every output is also checked for well-formed, CSP-safe markup: no <script>/<style> elements, no
// style= or on* attributes, balanced tags.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "web/charts/class_bar.h"
#include "web/charts/data_table.h"
#include "web/charts/histogram.h"
#include "web/charts/scatter.h"
#include "web/charts/svg_writer.h"
#include "web/charts/time_series.h"

namespace ks::web::charts {
namespace {

const char* const kHostile[] = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{x}}",
    "' onmouseover='alert(1)",
};

std::string GoldenPath(const std::string& name) { return std::string(KS_CHARTS_TESTDATA) + "/" + name; }

bool UpdateGolden() {
  const char* v = std::getenv("KS_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Checks that `markup` is balanced and has nothing the pages' CSP forbids or that could run script.
void ExpectSafeMarkup(const std::string& markup, const std::string& name) {
  EXPECT_EQ(markup.find("style="), std::string::npos) << name;
  EXPECT_EQ(markup.find("<script"), std::string::npos) << name;
  EXPECT_EQ(markup.find("<img"), std::string::npos) << name;
  EXPECT_EQ(markup.find("javascript:"), std::string::npos) << name;
  std::vector<std::string> open;
  size_t i = 0;
  while ((i = markup.find('<', i)) != std::string::npos) {
    ++i;
    const bool closing = i < markup.size() && markup[i] == '/';
    if (closing) ++i;
    size_t end = i;
    while (end < markup.size() && (std::isalnum(static_cast<unsigned char>(markup[end])) || markup[end] == '-')) ++end;
    std::string tag = markup.substr(i, end - i);
    for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_FALSE(tag.empty()) << name << " at " << i;
    EXPECT_NE(tag, "script") << name;
    EXPECT_NE(tag, "style") << name;
    if (closing) {
      ASSERT_FALSE(open.empty()) << name << ": </" << tag << "> without an open element";
      EXPECT_EQ(open.back(), tag) << name;
      open.pop_back();
      i = markup.find('>', end);
      continue;
    }
    // Attributes: name="value" pairs; values are escaped so they hold no '"'.
    size_t p = end;
    while (true) {
      while (p < markup.size() && markup[p] == ' ') ++p;
      ASSERT_LT(p, markup.size()) << name;
      if (markup[p] == '>') {
        open.push_back(tag);
        break;
      }
      if (markup.compare(p, 2, "/>") == 0) break;
      const size_t eq = markup.find('=', p);
      ASSERT_NE(eq, std::string::npos) << name;
      std::string attribute = markup.substr(p, eq - p);
      for (char& c : attribute) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      EXPECT_NE(attribute, "style") << name;
      EXPECT_FALSE(attribute.starts_with("on")) << name << ": " << attribute;
      for (const char c : attribute)
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':') << name << ": " << attribute;
      ASSERT_EQ(markup[eq + 1], '"') << name;
      const size_t close_quote = markup.find('"', eq + 2);
      ASSERT_NE(close_quote, std::string::npos) << name;
      const std::string value = markup.substr(eq + 2, close_quote - eq - 2);
      EXPECT_EQ(value.find('<'), std::string::npos) << name;
      EXPECT_EQ(value.find('>'), std::string::npos) << name;
      p = close_quote + 1;
    }
    i = end;
  }
  EXPECT_TRUE(open.empty()) << name << ": unclosed <" << (open.empty() ? "" : open.back()) << ">";
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  ExpectSafeMarkup(actual, name);
  const std::string path = GoldenPath(name);
  if (UpdateGolden()) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing; run the test with KS_UPDATE_GOLDEN=1 to create it";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << name << " differs from its golden file; if the change is intended, "
                                    << "rerun with KS_UPDATE_GOLDEN=1 and review the diff";
}

// ---- Inputs -------------------------------------------------------------------------------------

Tone NpsTone(int score) { return score <= 6 ? Tone::kUnhappy : (score <= 8 ? Tone::kNeutral : Tone::kHappy); }

Histogram NpsHistogram() {
  Histogram h;
  h.text = {.id_prefix = "nps-hist",
            .title = "NPS answers, Amsterdam, last 90 days",
            .description = "201 answers: 26% detractors (0-6), 21% passives, 53% promoters. NPS +27."};
  const int counts[] = {3, 1, 2, 4, 6, 14, 22, 18, 25, 59, 47};
  for (int score = 0; score <= 10; ++score) {
    h.bars.push_back({.label = std::to_string(score),
                      .count = counts[score],
                      .tone = NpsTone(score),
                      .href = "/inbox?scale=nps&score=" + std::to_string(score) + "&unit=ams",
                      .tooltip = "Score " + std::to_string(score) + ": " + std::to_string(counts[score]) + " answers"});
  }
  h.tone_names = {.unhappy = "Detractors (0-6)", .neutral = "Passives (7-8)", .happy = "Promoters (9-10)"};
  return h;
}

// Dutch labels, grade10, a bimodal distribution (half fail, half good: the average of 7 hides it).
Histogram Grade10Histogram() {
  Histogram h;
  h.text = {.id_prefix = "rapportcijfers",
            .title = "Rapportcijfers, Rotterdam",
            .description = "Gemiddeld 6,9 maar 41% onvoldoende: twee groepen klanten.",
            .no_data = "Geen gegevens"};
  const int counts[] = {0, 2, 9, 31, 40, 6, 4, 12, 44, 27};
  for (int grade = 1; grade <= 10; ++grade) {
    h.bars.push_back({.label = std::to_string(grade),
                      .count = counts[grade - 1],
                      .tone = grade <= 5 ? Tone::kUnhappy : (grade <= 7 ? Tone::kNeutral : Tone::kHappy),
                      .href = grade == 1 ? "" : "/inbox?scale=grade10&score=" + std::to_string(grade)});
  }
  h.x_title = "Cijfer";
  h.y_title = "Antwoorden";
  h.class_header = "Klasse";
  h.tone_names = {.unhappy = "Onvoldoende", .neutral = "Voldoende", .happy = "Goed"};
  h.count_format = [](double v) {  // Dutch thousands separator, to show the formatter is used
    const std::string digits = FormatFixed(v, 0);
    std::string s;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) s += '.';
      s += digits[i];
    }
    return s;
  };
  return h;
}

Histogram HostileHistogram() {
  Histogram h;
  h.text = {
      .id_prefix = "x\" onload=\"alert(1)", .title = kHostile[0], .description = kHostile[1], .no_data = kHostile[2]};
  h.x_title = kHostile[3];
  h.y_title = kHostile[2];
  h.class_header = kHostile[0];
  h.tone_names = {.unhappy = kHostile[0], .neutral = kHostile[1], .happy = kHostile[2]};
  const int counts[] = {5, 2, 8, 30, 12};
  for (int i = 0; i < 5; ++i) {
    h.bars.push_back({.label = kHostile[i % 4],
                      .count = counts[i],
                      .tone = i < 2 ? Tone::kUnhappy : (i == 2 ? Tone::kNeutral : Tone::kHappy),
                      .href = i == 0 ? "javascript:alert(1)" : "/inbox?q=" + std::string(kHostile[i % 4]),
                      .tooltip = i == 1 ? "" : kHostile[(i + 1) % 4]});
  }
  return h;
}

Histogram EmptyHistogram(bool with_zero_bars) {
  Histogram h;
  h.text = {.id_prefix = with_zero_bars ? "zero" : "empty", .title = "CSAT answers", .description = "No answers yet."};
  if (with_zero_bars) {
    for (int score = 1; score <= 5; ++score) {
      h.bars.push_back({.label = std::to_string(score), .count = 0, .tone = Tone::kNeutral, .href = "/inbox"});
    }
  }
  return h;
}

ClassBar NpsClassBar() {
  ClassBar c;
  c.text = {.id_prefix = "nps-classes", .title = "Detractors, passives and promoters", .description = "26% unhappy."};
  c.unhappy = {.label = "Detractors", .count = 52, .href = "/inbox?class=unhappy"};
  c.neutral = {.label = "Passives", .count = 43, .href = "/inbox?class=neutral"};
  c.happy = {.label = "Promoters", .count = 106, .href = "/inbox?class=happy"};
  return c;
}

ClassBar SkewedClassBar() {
  ClassBar c;
  c.text = {.id_prefix = "csat-classes", .title = kHostile[0], .description = kHostile[1]};
  c.unhappy = {.label = kHostile[1],
               .count = 1,
               .href = "/inbox?class=unhappy&q=" + std::string(kHostile[3]),
               .tooltip = kHostile[2]};
  c.neutral = {.label = "Neutral", .count = 0, .href = "/inbox?class=neutral"};
  c.happy = {.label = "Positive", .count = 2, .href = ""};
  c.percent_decimals = 1;
  c.percent_format = [](double v) {  // Dutch: decimal comma and a space before %
    std::string s = FormatFixed(v, 1);
    for (char& ch : s) ch = ch == '.' ? ',' : ch;
    return s + "\xC2\xA0%";
  };
  return c;
}

ClassBar EmptyClassBar() {
  ClassBar c;
  c.text = {.id_prefix = "empty-classes", .title = "Classes", .description = "No answers."};
  return c;
}

TimeSeries NpsOverTime() {
  TimeSeries t;
  t.text = {
      .id_prefix = "nps-trend",
      .title = "NPS per month with 95% confidence interval",
      .description = "NPS rose from about +5 to +31 after the new call centre opened in June; no survey in August."};
  const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const double nps[] = {4, 7, 2, 9, 6, 14, 21, 0, 27, 29, 33, 31};
  const double margin[] = {11, 10, 12, 9, 10, 9, 8, 0, 8, 7, 7, 8};
  for (int i = 0; i < 12; ++i) {
    TimePoint p{.label = std::string(months[i]) + " 2026", .href = "/inbox?month=2026-" + std::to_string(i + 1)};
    if (i != 7) {  // August: no survey, a gap
      p.value = nps[i];
      p.low = nps[i] - margin[i];
      p.high = nps[i] + margin[i];
    }
    t.points.push_back(p);
  }
  t.events = {
      {.x = 4.5, .label = "New call centre"}, {.x = 5, .label = "Price change"}, {.x = 9, .label = "App release 3.0"}};
  t.y_title = "NPS";
  t.y_min = -20;
  t.y_max = 50;
  t.y_format = [](double v) { return v > 0 ? "+" + FormatFixed(v, 0) : FormatFixed(v, 0); };
  t.value_format = t.y_format;
  t.x_title = "Month";
  t.period_header = "Month";
  t.value_header = "NPS";
  return t;
}

// A short share-of-unhappy series: isolated points between gaps, a band only on some points, a
// hostile event label near the right edge.
TimeSeries UnhappyShareWeeks() {
  TimeSeries t;
  t.text = {.id_prefix = "unhappy-weeks", .title = "Share unhappy per week", .description = kHostile[1]};
  const std::optional<double> v[] = {0.31, std::nullopt, 0.22, std::nullopt, 0.18, 0.2, 0.26};
  for (int i = 0; i < 7; ++i) {
    TimePoint p{.label = "wk " + std::to_string(10 + i), .value = v[i]};
    if (v[i] && i != 5) {
      p.low = *v[i] - 0.05;
      p.high = *v[i] + 0.06;
    }
    if (i == 6) p.tooltip = kHostile[0];
    t.points.push_back(p);
  }
  t.events = {{.x = 2.5, .label = kHostile[0]}, {.x = 6, .label = kHostile[3]}, {.x = 99, .label = "out of range"}};
  t.y_format = [](double v) { return FormatFixed(v * 100, 0) + "%"; };
  t.value_format = [](double v) { return FormatFixed(v * 100, 1) + "%"; };
  t.value_header = "Unhappy";
  return t;
}

TimeSeries EmptyTimeSeries() {
  TimeSeries t;
  t.text = {.id_prefix = "empty-trend", .title = "NPS per month", .description = "No answers."};
  t.points = {{.label = "Jan"}, {.label = "Feb"}};
  return t;
}

Scatter UnitsScatter() {
  Scatter s;
  s.text = {.id_prefix = "units",
            .title = "Units: answers against share unhappy",
            .description = "Rotterdam has many answers and the largest unhappy share."};
  struct Unit {
    const char* name;
    double answers;
    double unhappy;
  } units[] = {{"Amsterdam", 820, 12}, {"Rotterdam", 640, 38},
               {"Utrecht", 410, 22},   {"Den Haag", 390, 17},
               {"Eindhoven", 230, 9},  {"Groningen", 120, 27},
               {"Maastricht", 80, 31}, {"'s-Hertogenbosch Centrum Winkel", 950, 20}};
  for (const Unit& u : units) {
    const Tone tone = u.unhappy >= 25 ? Tone::kUnhappy : (u.unhappy >= 15 ? Tone::kNeutral : Tone::kHappy);
    s.points.push_back(
        {.x = u.answers, .y = u.unhappy, .label = u.name, .tone = tone, .href = "/inbox?unit=" + std::string(u.name)});
  }
  s.x_title = "Answers (last 90 days)";
  s.y_title = "Unhappy (%)";
  s.y_min = 0;
  s.x_min = 0;
  s.x_format = [](double v) { return FormatFixed(v, 0); };
  s.y_format = [](double v) { return FormatFixed(v, 0) + "%"; };
  s.label_header = "Unit";
  s.tone_names = {.unhappy = "25% or more unhappy", .neutral = "15-25%", .happy = "under 15%"};
  return s;
}

Scatter HostileScatter() {
  Scatter s;
  s.text = {.id_prefix = "", .title = kHostile[0], .description = kHostile[1]};
  s.points = {{.x = 3, .y = 7.5, .label = kHostile[1], .tone = Tone::kNone, .href = "javascript:alert(1)"},
              {.x = std::numeric_limits<double>::quiet_NaN(), .y = 1, .label = "not drawn"}};
  s.x_title = kHostile[2];
  s.y_title = kHostile[3];
  s.tone_names.none = kHostile[0];
  return s;
}

Scatter EmptyScatter() {
  Scatter s;
  s.text = {.id_prefix = "empty-scatter", .title = "Drivers", .description = "Not enough answers."};
  return s;
}

// ---- Golden tests -------------------------------------------------------------------------------

TEST(ChartsGoldenTest, Histogram) {
  ExpectGolden("histogram_nps.svg", RenderHistogram(NpsHistogram()));
  ExpectGolden("histogram_nps.html", HistogramTable(NpsHistogram()));
  ExpectGolden("histogram_grade10_nl.svg", RenderHistogram(Grade10Histogram()));
  ExpectGolden("histogram_grade10_nl.html", HistogramTable(Grade10Histogram()));
  ExpectGolden("histogram_hostile.svg", RenderHistogram(HostileHistogram()));
  ExpectGolden("histogram_hostile.html", HistogramTable(HostileHistogram()));
  ExpectGolden("histogram_empty.svg", RenderHistogram(EmptyHistogram(false)));
  ExpectGolden("histogram_empty.html", HistogramTable(EmptyHistogram(false)));
  ExpectGolden("histogram_all_zero.svg", RenderHistogram(EmptyHistogram(true)));
}

TEST(ChartsGoldenTest, ClassBar) {
  ExpectGolden("class_bar_nps.svg", RenderClassBar(NpsClassBar()));
  ExpectGolden("class_bar_nps.html", ClassBarTable(NpsClassBar()));
  ExpectGolden("class_bar_skewed_hostile.svg", RenderClassBar(SkewedClassBar()));
  ExpectGolden("class_bar_skewed_hostile.html", ClassBarTable(SkewedClassBar()));
  ExpectGolden("class_bar_empty.svg", RenderClassBar(EmptyClassBar()));
  ExpectGolden("class_bar_empty.html", ClassBarTable(EmptyClassBar()));
}

TEST(ChartsGoldenTest, TimeSeries) {
  ExpectGolden("time_series_nps.svg", RenderTimeSeries(NpsOverTime()));
  ExpectGolden("time_series_nps.html", TimeSeriesTable(NpsOverTime()));
  ExpectGolden("time_series_gaps_hostile.svg", RenderTimeSeries(UnhappyShareWeeks()));
  ExpectGolden("time_series_gaps_hostile.html", TimeSeriesTable(UnhappyShareWeeks()));
  ExpectGolden("time_series_empty.svg", RenderTimeSeries(EmptyTimeSeries()));
  ExpectGolden("time_series_empty.html", TimeSeriesTable(EmptyTimeSeries()));
}

TEST(ChartsGoldenTest, Scatter) {
  ExpectGolden("scatter_units.svg", RenderScatter(UnitsScatter()));
  ExpectGolden("scatter_units.html", ScatterTable(UnitsScatter()));
  ExpectGolden("scatter_hostile.svg", RenderScatter(HostileScatter()));
  ExpectGolden("scatter_hostile.html", ScatterTable(HostileScatter()));
  ExpectGolden("scatter_empty.svg", RenderScatter(EmptyScatter()));
  ExpectGolden("scatter_empty.html", ScatterTable(EmptyScatter()));
}

// ---- Properties every chart has -----------------------------------------------------------------

std::map<std::string, std::string> AllOutputs() {
  return {
      {"histogram_nps", RenderHistogram(NpsHistogram())},
      {"histogram_grade10", RenderHistogram(Grade10Histogram())},
      {"histogram_hostile", RenderHistogram(HostileHistogram())},
      {"histogram_empty", RenderHistogram(EmptyHistogram(false))},
      {"histogram_zero", RenderHistogram(EmptyHistogram(true))},
      {"class_bar_nps", RenderClassBar(NpsClassBar())},
      {"class_bar_skewed", RenderClassBar(SkewedClassBar())},
      {"class_bar_empty", RenderClassBar(EmptyClassBar())},
      {"time_series_nps", RenderTimeSeries(NpsOverTime())},
      {"time_series_weeks", RenderTimeSeries(UnhappyShareWeeks())},
      {"time_series_empty", RenderTimeSeries(EmptyTimeSeries())},
      {"scatter_units", RenderScatter(UnitsScatter())},
      {"scatter_hostile", RenderScatter(HostileScatter())},
      {"scatter_empty", RenderScatter(EmptyScatter())},
  };
}

TEST(ChartsTest, EverySvgIsAnAccessibleResponsiveImage) {
  for (const auto& [name, svg] : AllOutputs()) {
    ExpectSafeMarkup(svg, name);
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ks-chart ")) << name;
    // An image when it is only a picture; a group of links when its bars or points link somewhere.
    const bool links = svg.find("<a class=\"ks-chart-link") != std::string::npos;
    EXPECT_NE(svg.find(links ? " role=\"group\"" : " role=\"img\""), std::string::npos) << name;
    EXPECT_NE(svg.find(" width=\"100%\""), std::string::npos) << name;
    const std::string root = svg.substr(0, svg.find('>'));
    EXPECT_EQ(root.find(" height="), std::string::npos) << name << ": fixed height on <svg>";
    EXPECT_EQ(root.find(" width=\"100%\""), root.find(" width=")) << name << ": fixed width on <svg>";
    EXPECT_NE(svg.find(" viewBox=\"0 0 "), std::string::npos) << name;
    // aria-labelledby names exactly the title and desc ids.
    const size_t a = svg.find("aria-labelledby=\"") + 17;
    const std::string ids = svg.substr(a, svg.find('"', a) - a);
    const std::string title_id = ids.substr(0, ids.find(' '));
    const std::string desc_id = ids.substr(ids.find(' ') + 1);
    EXPECT_TRUE(title_id.ends_with("-title") && desc_id.ends_with("-desc")) << name << ": " << ids;
    EXPECT_NE(svg.find("<title id=\"" + title_id + "\">"), std::string::npos) << name;
    EXPECT_NE(svg.find("<desc id=\"" + desc_id + "\">"), std::string::npos) << name;
    EXPECT_EQ(svg.find("-0 "), std::string::npos) << name;
    EXPECT_EQ(svg.find("\"-0\""), std::string::npos) << name;
    EXPECT_EQ(svg.find("nan"), std::string::npos) << name;
    EXPECT_EQ(svg.find("inf"), std::string::npos) << name;
  }
}

TEST(ChartsTest, HostileStringsAreEscapedAndUnsafeLinksDropped) {
  const std::string svg = RenderHistogram(HostileHistogram());
  EXPECT_NE(svg.find("<title id=\"x__onload__alert_1_-title\">&lt;script&gt;alert(1)&lt;/script&gt;</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(svg.find("{{x}}"), std::string::npos);
  EXPECT_EQ(svg.find("javascript:"), std::string::npos);
  const std::string scatter = RenderScatter(HostileScatter());
  EXPECT_EQ(scatter.find("<a "), std::string::npos);  // its only link was javascript:
  EXPECT_NE(scatter.find("aria-labelledby=\"chart-title chart-desc\""), std::string::npos);
}

TEST(ChartsTest, EmptyDataSaysSo) {
  EXPECT_NE(RenderHistogram(EmptyHistogram(false)).find(">No data</text>"), std::string::npos);
  EXPECT_NE(RenderHistogram(EmptyHistogram(true)).find(">No data</text>"), std::string::npos);
  EXPECT_NE(RenderClassBar(EmptyClassBar()).find(">No data</text>"), std::string::npos);
  EXPECT_NE(RenderTimeSeries(EmptyTimeSeries()).find(">No data</text>"), std::string::npos);
  EXPECT_NE(RenderTimeSeries(TimeSeries{}).find(">No data</text>"), std::string::npos);
  EXPECT_NE(RenderScatter(EmptyScatter()).find(">No data</text>"), std::string::npos);
  TimeSeries no_points;
  no_points.events = {{.x = -0.5, .label = "e"}, {.x = 0, .label = "f"}};
  EXPECT_NE(TimeSeriesTable(no_points).find(">No data</td>"), std::string::npos);
  EXPECT_NE(HistogramTable(EmptyHistogram(false)).find("<td colspan=\"3\">No data</td>"), std::string::npos);
  Histogram h = NpsHistogram();
  h.bars = {{.label = "1", .count = -5}};
  EXPECT_NE(RenderHistogram(h).find(">No data</text>"), std::string::npos);
}

TEST(ChartsTest, LinkedBarsAreKeyboardFocusableLinksWithTheirTooltipAsName) {
  const std::string svg = RenderHistogram(NpsHistogram());
  EXPECT_NE(svg.find("<a class=\"ks-chart-link ks-bar\" href=\"/inbox?scale=nps&amp;score=7&amp;unit=ams\">\n"
                     "      <title>Score 7: 18 answers</title>\n"
                     "      <rect class=\"ks-tone-neutral\""),
            std::string::npos)
      << svg;
}

TEST(ClassSharesTest, AddUpToExactlyOneHundred) {
  struct Case {
    std::int64_t unhappy, neutral, happy;
    int decimals;
    std::vector<double> shares;
  } cases[] = {
      {1, 1, 1, 0, {34, 33, 33}},    {1, 1, 1, 1, {33.4, 33.3, 33.3}}, {52, 43, 106, 0, {26, 21, 53}},
      {1, 0, 2, 1, {33.3, 0, 66.7}}, {0, 0, 0, 0, {0, 0, 0}},          {0, 0, 7, 0, {0, 0, 100}},
      {-3, 1, 1, 0, {0, 50, 50}},    {1, 998, 1, 0, {0, 100, 0}},
  };
  for (const auto& c : cases) {
    ClassBar bar;
    bar.unhappy.count = c.unhappy;
    bar.neutral.count = c.neutral;
    bar.happy.count = c.happy;
    bar.percent_decimals = c.decimals;
    EXPECT_EQ(ClassShares(bar), c.shares) << c.unhappy << "/" << c.neutral << "/" << c.happy;
  }
}

}  // namespace
}  // namespace ks::web::charts
