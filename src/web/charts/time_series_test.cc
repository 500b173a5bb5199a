// Event labels on a trend: however crowded the events, no two labels in one row overlap (a label is
// shortened, moved to the other side or row, or left out), and each event keeps its full title.
#include "web/charts/time_series.h"

#include <gtest/gtest.h>

#include <regex>

#include "web/charts/chart.h"

namespace ks::web::charts {
namespace {

struct Label {
  double start, end, y;
  std::string text;
};

// The drawn event labels, each with the span its text covers.
std::vector<Label> EventLabels(const std::string& svg) {
  static const std::regex kLabel(
      R"re(<text class="ks-event-label" x="([0-9.]+)" y="([0-9.]+)" text-anchor="(start|end)"[^>]*>([^<]*)</text>)re");
  std::vector<Label> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kLabel); it != std::sregex_iterator(); ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    const std::string text = (*it)[4];
    const double width = internal::TextWidth(text, internal::kSmallFontSize);
    out.push_back((*it)[3] == "start" ? Label{x, x + width, y, text} : Label{x - width, x, y, text});
  }
  return out;
}

TEST(TimeSeries, CrowdedEventLabelsDoNotOverlap) {
  const struct {
    const char* name;
    std::vector<TimeEvent> events;
  } cases[] = {
      {"three long labels in the second half",
       {{.x = 4, .label = "Nieuw keuzemenu klantenservice"},
        {.x = 8, .label = "Nieuwe bezorgpartner"},
        {.x = 10, .label = "Extra personeel op zaterdag"}}},
      {"five events in five months",
       {{.x = 2, .label = "Een"},
        {.x = 3, .label = "Nieuwe kassas in alle winkels"},
        {.x = 4, .label = "Prijsverlaging op bezorging"},
        {.x = 5, .label = "Nieuwe website live"},
        {.x = 6, .label = "Zomerrooster klantenservice"}}},
      {"two at the right edge",
       {{.x = 11, .label = "Laatste maatregel van het jaar"}, {.x = 10.5, .label = "Voorlaatste"}}},
  };
  for (const auto& c : cases) {
    TimeSeries t;
    for (int i = 0; i < 12; ++i) t.points.push_back({.label = "m" + std::to_string(i + 1), .value = 10.0 + i});
    t.events = c.events;
    const std::string svg = RenderTimeSeries(t);
    const auto labels = EventLabels(svg);
    // A label with no room left, even shortened, is left out: its line and tooltip stay.
    EXPECT_GE(labels.size(), std::min<size_t>(c.events.size(), 3)) << c.name;
    for (size_t i = 0; i < labels.size(); ++i) {
      for (size_t j = i + 1; j < labels.size(); ++j) {
        if (labels[i].y != labels[j].y) continue;
        EXPECT_TRUE(labels[i].end <= labels[j].start || labels[j].end <= labels[i].start)
            << c.name << ": '" << labels[i].text << "' and '" << labels[j].text << "'";
      }
    }
    for (const auto& e : c.events) EXPECT_NE(svg.find("<title>" + e.label + "</title>"), std::string::npos) << e.label;
  }
}

}  // namespace
}  // namespace ks::web::charts
