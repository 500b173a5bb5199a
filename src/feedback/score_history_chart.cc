#include "feedback/score_history_chart.h"

#include <algorithm>

#include "web/charts/data_table.h"
#include "web/charts/scatter.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr double kMicrosPerDay = 86400.0 * kMicrosPerSecond;

web::charts::Tone ToneOf(Mood mood) {
  switch (mood) {
    case Mood::kUnhappy: return web::charts::Tone::kUnhappy;
    case Mood::kNeutral: return web::charts::Tone::kNeutral;
    case Mood::kHappy: return web::charts::Tone::kHappy;
  }
  return web::charts::Tone::kNone;
}

}  // namespace

std::string ScoreHistoryChart(const WebRequest& r, const std::vector<FeedbackItem>& items) {
  namespace charts = web::charts;
  charts::Scatter chart;
  chart.text = {"score-history", r.T("score_history"), r.T("score_history_description"), r.T("no_scores")};
  chart.x_title = r.T("received");
  chart.y_title = r.T("score_of_scale");
  chart.y_min = 0;
  chart.y_max = 100;
  chart.show_labels = false;
  chart.label_header = r.T("feedback_item");
  chart.class_header = r.T("class");
  chart.tone_names = {r.T("class_unhappy"), r.T("class_neutral"), r.T("class_happy"), r.T("no_score")};
  const TimeZone zone = r.zone;
  const std::string language = r.language();
  chart.x_format = [zone, language](double day) {
    return web::FormatDate(static_cast<Micros>(day * kMicrosPerDay), zone, language);
  };
  chart.y_format = [](double percent) { return std::to_string(static_cast<int>(percent)) + "%"; };
  double first = 0, last = 0;
  for (const auto& item : items) {
    if (!item.input.score) continue;
    const Score& score = *item.input.score;
    // Scales differ (0–10, 1–10, 1–5), so each score is placed by where it lies on its own scale.
    const double low = ScaleMin(score.scale), high = ScaleMax(score.scale);
    const double percent = 100.0 * (score.value - low) / (high - low);
    const double day = static_cast<double>(item.input.received_at) / kMicrosPerDay;
    first = first == 0 ? day : std::min(first, day);
    last = std::max(last, day);
    const std::string when = web::FormatDate(item.input.received_at, r.zone, r.language());
    chart.points.push_back({day, percent, "#" + std::to_string(item.id) + " · " + when, ToneOf(score.mood()),
                            "/feedback/" + std::to_string(item.id),
                            when + ": " + std::to_string(score.value) + " (" + std::string(ScaleName(score.scale)) +
                                ", " + r.T("class_" + std::string(MoodName(score.mood()))) + ")"});
  }
  // A margin on both sides, so the first and last dates' labels fit.
  const double margin = std::max(7.0, (last - first) * 0.06);
  chart.x_min = first - margin;
  chart.x_max = last + margin;
  return charts::RenderScatter(chart) + "<details><summary>" + r.T("show_as_table") + "</summary>" +
         charts::ScatterTable(chart) + "</details>";
}

}  // namespace ks
