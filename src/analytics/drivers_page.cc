// /analytics/drivers: a survey's driver ratings as an importance–performance matrix, and the to-do
// list of drivers that matter and perform badly ("fix first").
#include <algorithm>
#include <numeric>

#include "analytics/analytics_pages.h"
#include "analytics/insights_support.h"
#include "analytics/key_drivers.h"
#include "analytics/page_support.h"
#include "web/charts/data_table.h"
#include "web/charts/scatter.h"
#include "web/locale_format.h"

namespace ks::analytics {
namespace {

namespace charts = web::charts;

constexpr const char* kPath = "/analytics/drivers";

std::string Label(const DriverSurvey& survey, const std::string& key) {
  auto it = survey.labels.find(key);
  return it == survey.labels.end() || it->second.empty() ? key : it->second;
}

int MaxOf(const DriverSurvey& survey, const std::string& key) {
  for (const auto& d : survey.drivers) {
    if (d.key == key) return d.max;
  }
  return 5;
}

charts::Tone ToneOf(const std::string& quadrant) {
  if (quadrant == "fix_first") return charts::Tone::kUnhappy;
  return quadrant == "keep_up" ? charts::Tone::kHappy : charts::Tone::kNeutral;
}

std::string OptionalDecimal(const std::optional<double>& v, int decimals, const std::string& language) {
  return v ? web::FormatDecimal(*v, decimals, language) : "–";
}

std::string Matrix(const WebRequest& r, const DriverSurvey& survey, const KeyDrivers& kd) {
  const std::string& lang = r.language();
  charts::Scatter chart;
  chart.text = {.id_prefix = "drivers",
                .title = r.messages.Format("insights_drivers_chart_title", {survey.name}),
                .description = r.T("insights_drivers_chart_description"),
                .no_data = r.T("insights_no_data")};
  chart.x_title = r.T("insights_drivers_performance_axis");
  chart.y_title = r.T(kd.r_squared ? "insights_drivers_importance_beta" : "insights_drivers_importance_r");
  chart.x_min = 0;
  chart.x_max = 100;
  chart.y_min = 0;
  chart.x_reference = 100 * kd.mean_performance;
  chart.y_reference = kd.mean_importance;
  chart.x_format = [lang](double v) { return web::FormatDecimal(v, 0, lang) + "%"; };
  chart.y_format = [lang](double v) { return web::FormatDecimal(v, 2, lang); };
  chart.tone_names = {.unhappy = r.T("insights_quadrant_fix_first"),
                      .neutral = r.T("insights_drivers_other_quadrants"),
                      .happy = r.T("insights_quadrant_keep_up"),
                      .none = ""};
  chart.label_header = r.T("insights_driver");
  chart.class_header = r.T("insights_quadrant");
  for (const auto& d : kd.drivers) {
    if (!d.mean) continue;
    const std::string label = Label(survey, d.key);
    chart.points.push_back({.x = 100 * d.performance,
                            .y = d.importance,
                            .label = label,
                            .tone = ToneOf(d.quadrant),
                            .href = "",
                            .tooltip = r.messages.Format(
                                "insights_drivers_tooltip",
                                {label, web::FormatDecimal(100 * d.performance, 0, lang) + "%",
                                 web::FormatDecimal(d.importance, 2, lang), r.T("insights_quadrant_" + d.quadrant)})});
  }
  return charts::RenderScatter(chart) + "<details><summary>" + charts::EscapeXml(r.T("analytics_show_table")) +
         "</summary>" + charts::ScatterTable(chart) + "</details>";
}

std::vector<std::vector<std::string>> CsvRows(const DriverSurvey& survey, const KeyDrivers& kd) {
  std::vector<std::vector<std::string>> rows = {{"survey", "driver", "label", "n", "mean", "max", "performance",
                                                 "unhappy_share", "correlation", "beta", "importance", "quadrant"}};
  for (const auto& d : kd.drivers) {
    rows.push_back({survey.slug, d.key, Label(survey, d.key), std::to_string(d.n), d.mean ? CsvNumber(*d.mean, 3) : "",
                    std::to_string(MaxOf(survey, d.key)), d.mean ? CsvNumber(d.performance, 4) : "",
                    CsvNumber(d.unhappy_share, 4), d.correlation ? CsvNumber(*d.correlation, 4) : "",
                    d.standardised ? CsvNumber(*d.standardised, 4) : "", CsvNumber(d.importance, 4), d.quadrant});
  }
  return rows;
}

void Fill(const WebRequest& r, const DriverSurvey& survey, const KeyDrivers& kd, mstch::map& body) {
  const std::string& lang = r.language();
  mstch::array rows, todo;
  for (const auto& d : kd.drivers) {
    const std::string label = Label(survey, d.key);
    const std::string mean = d.mean ? r.messages.Format("insights_mean_of", {web::FormatDecimal(*d.mean, 1, lang),
                                                                             std::to_string(MaxOf(survey, d.key))})
                                    : "–";
    const std::string quadrant = d.quadrant.empty() ? "–" : r.T("insights_quadrant_" + d.quadrant);
    rows.push_back(mstch::map{{"label", label},
                              {"n", web::FormatInteger(d.n, lang)},
                              {"mean", mean},
                              {"unhappy", d.n > 0 ? Percent(d.unhappy_share, lang) : "–"},
                              {"r", OptionalDecimal(d.correlation, 2, lang)},
                              {"beta", OptionalDecimal(d.standardised, 2, lang)},
                              {"quadrant", quadrant},
                              {"row_class", std::string(d.quadrant == "fix_first" ? "outlier-worse" : "")}});
    if (d.quadrant == "fix_first") {
      todo.push_back(mstch::map{
          {"label", label},
          {"text", r.messages.Format("insights_drivers_todo_item", {mean, Percent(d.unhappy_share, lang),
                                                                    web::FormatDecimal(d.importance, 2, lang)})}});
    }
  }
  const double importance = kd.mean_importance, performance = kd.mean_performance;
  body["has_responses"] = kd.responses > 0;
  body["rows"] = rows;
  body["todo"] = todo;
  body["has_todo"] = !todo.empty();
  body["chart"] = Matrix(r, survey, kd);
  body["responses_text"] = r.messages.Format("insights_drivers_responses", {web::FormatInteger(kd.responses, lang)});
  body["fit_text"] =
      kd.r_squared ? r.messages.Format("insights_drivers_r_squared",
                                       {Percent(*kd.r_squared, lang, 0), web::FormatInteger(kd.complete, lang)})
                   : r.messages.Format("insights_drivers_no_regression",
                                       {web::FormatInteger(kd.complete, lang), web::FormatInteger(kd.responses, lang)});
  body["quadrant_text"] = r.messages.Format("insights_drivers_quadrants",
                                            {web::FormatDecimal(importance, 2, lang), Percent(performance, lang, 0)});
}

class DriversPage {
 public:
  DriversPage(WebAuth& auth, const AnalyticsPagesConfig& config)
      : auth_(auth), service_(config.service), surveys_(config.driver_surveys) {}

  http::Response Handle(WebRequest& r) {
    PageQuery q = ReadPageQuery(r, service_, {"survey", "format"});
    std::vector<DriverSurvey> surveys;
    if (surveys_) {
      auto all = surveys_(r.language());
      if (!all.ok()) return auth_.Unavailable(r);
      for (auto& s : *all) {
        if (!s.drivers.empty()) surveys.push_back(std::move(s));
      }
    }
    const std::string slug = r.http.Query("survey").value_or("");
    const DriverSurvey* chosen = surveys.empty() ? nullptr : &surveys.front();
    if (!slug.empty()) {
      auto it = std::find_if(surveys.begin(), surveys.end(), [&slug](const DriverSurvey& s) { return s.slug == slug; });
      chosen = it == surveys.end() ? nullptr : &*it;
      if (chosen == nullptr && q.error.empty()) {
        q.error = "survey: " + r.messages.Format("insights_drivers_unknown_survey", {slug});
      }
    }
    mstch::map body = PageFrame(r, service_, q, kPath, {{"survey", chosen ? chosen->slug : ""}});
    mstch::array options;
    for (const auto& s : surveys) {
      options.push_back(mstch::map{{"value", s.slug}, {"label", s.name}, {"selected", &s == chosen}});
    }
    body["surveys"] = options;
    body["has_surveys"] = !surveys.empty();
    body["has_results"] = false;
    if (!q.error.empty()) return auth_.Render(r, r.T("insights_drivers_title"), "analytics_drivers", body, 400);
    if (chosen == nullptr) return auth_.Render(r, r.T("insights_drivers_title"), "analytics_drivers", body);

    const SummaryFilter& f = q.query.filter;
    std::vector<DriverResponse> responses;
    if (!f.only_listed_units || !f.unit_ids.empty()) {
      const Instants period = PeriodInstants(r, f);
      auto c = auth_.pool().Acquire();
      if (!c.ok()) return auth_.Unavailable(r);
      auto loaded = LoadDriverResponses(**c, chosen->id, chosen->drivers, period.from, period.to, f.unit_ids);
      if (!loaded.ok()) return auth_.Unavailable(r);
      responses = std::move(loaded).value();
    }
    const KeyDrivers kd = AnalyseDrivers(chosen->drivers, responses);
    if (WantsCsv(r)) return CsvDownload("drivers-" + chosen->slug + ".csv", CsvRows(*chosen, kd));
    body["has_results"] = true;
    body["survey_name"] = chosen->name;
    Fill(r, *chosen, kd, body);
    return auth_.Render(r, r.T("insights_drivers_title"), "analytics_drivers", body);
  }

 private:
  WebAuth& auth_;
  AnalyticsService& service_;
  DriverSurveys surveys_;
};

}  // namespace

void AddDriversPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config) {
  auto page = std::make_shared<DriversPage>(auth, config);
  router.Add("GET", kPath, auth.Page([page](WebRequest& r) { return page->Handle(r); }));
}

}  // namespace ks::analytics
