// /analytics/outliers: which units, channels, sources, topics, languages or customer segments
// (attributes) have significantly more — or fewer — unhappy customers than the rest.
#include <algorithm>

#include "analytics/analytics_pages.h"
#include "analytics/insights_support.h"
#include "analytics/interval_bars.h"
#include "analytics/outliers.h"
#include "analytics/page_support.h"
#include "analytics/warnings.h"
#include "web/locale_format.h"

namespace ks::analytics {
namespace {

namespace charts = web::charts;

constexpr const char* kPath = "/analytics/outliers";
constexpr const char* kDimensions[] = {"unit", "channel", "source", "topic", "language"};
constexpr std::int64_t kSmallN = 30;
constexpr size_t kChartRows = 25;

// The indexed attribute keys a manager may group by (not those dropped for having too many values).
std::vector<std::string> AttributeKeys(AnalyticsService& service) {
  std::vector<std::string> keys;
  service.index().Read([&keys](const Columns& c) {
    for (const auto& a : c.attributes) {
      if (!a.too_many_values) keys.push_back(a.key);
    }
  });
  return keys;
}

std::string DimensionLabel(const WebRequest& r, const std::string& dimension) {
  if (std::find(std::begin(kDimensions), std::end(kDimensions), dimension) != std::end(kDimensions)) {
    return r.T("insights_dimension_" + dimension);
  }
  return r.messages.Format("insights_dimension_attribute", {dimension});
}

// A translated name when the catalogue has one ("source_complaint"), else the value itself.
std::string Translated(const WebRequest& r, const std::string& key, const std::string& value) {
  const std::string& text = r.T(key);
  return text == key ? value : text;
}

std::string GroupName(const WebRequest& r, const std::string& dimension, const GroupSummary& g) {
  if (g.key.empty()) return r.T("insights_no_value");
  if (dimension == "unit" || dimension == "topic") return g.label.empty() ? g.key : g.label;
  if (dimension == "source" || dimension == "language") return Translated(r, dimension + "_" + g.key, g.key);
  return g.key;
}

// Where a group drills down to: the inbox for the filters it has (its unhappy answers on the summary's
// scale when `unhappy`),
// the overview dashboard filtered to the group for attributes. Empty for "no value".
std::string GroupLink(const PageQuery& q, const std::string& dimension, const std::string& key, Scale scale,
                      bool unhappy) {
  if (key.empty()) return "";
  if (dimension == "unit" || dimension == "channel" || dimension == "source" || dimension == "language" ||
      dimension == "topic") {
    std::vector<std::pair<std::string, std::string>> overrides = {{dimension, key}};
    if (unhappy) {
      overrides.emplace_back("class", "unhappy");
      overrides.emplace_back("scale", std::string(ScaleName(scale)));
    }
    return InboxLink(q.params, overrides);
  }
  return "/analytics?" + QueryString(q.params, {{"attr." + dimension, key}});
}

// +1: significantly more unhappy customers than the rest, −1: significantly fewer, 0: no difference.
int Direction(const Outlier& o) {
  if (o.unhappy_vs_rest.p_value < kSignificance) return o.unhappy_vs_rest.difference > 0 ? 1 : -1;
  if (o.nps_vs_rest && o.nps_vs_rest->p_value < kSignificance) return o.nps_vs_rest->difference < 0 ? 1 : -1;
  return 0;
}

charts::Tone ToneOf(int direction) {
  if (direction > 0) return charts::Tone::kUnhappy;
  return direction < 0 ? charts::Tone::kHappy : charts::Tone::kNeutral;
}

std::vector<std::vector<std::string>> CsvRows(const WebRequest& r, const std::string& dimension, const Summary& s,
                                              const std::vector<Outlier>& outliers) {
  std::vector<std::vector<std::string>> rows = {
      {"dimension", "key", "group", "n", "unhappy", "unhappy_share", "unhappy_low", "unhappy_high",
       "rest_unhappy_share", "difference_points", "p_value", "nps", "nps_low", "nps_high", "rest_nps", "nps_difference",
       "nps_p_value", "excess_unhappy", "significant"}};
  for (const Outlier& o : outliers) {
    const GroupSummary& g = *o.group;
    std::vector<std::string> row = {dimension,
                                    g.key,
                                    GroupName(r, dimension, g),
                                    std::to_string(g.n),
                                    std::to_string(g.unhappy),
                                    CsvNumber(o.unhappy.share, 4),
                                    CsvNumber(o.unhappy.low, 4),
                                    CsvNumber(o.unhappy.high, 4),
                                    CsvNumber(o.rest_unhappy.share, 4),
                                    CsvNumber(o.unhappy_vs_rest.difference, 2),
                                    CsvNumber(o.unhappy_vs_rest.p_value, 5)};
    const bool nps = s.scale == Scale::kNps && g.nps && o.rest_nps && o.nps_vs_rest;
    for (const std::string& v :
         {nps ? CsvNumber(g.nps->nps, 1) : "", nps ? CsvNumber(g.nps->low, 1) : "",
          nps ? CsvNumber(g.nps->high, 1) : "", nps ? CsvNumber(o.rest_nps->nps, 1) : "",
          nps ? CsvNumber(o.nps_vs_rest->difference, 1) : "", nps ? CsvNumber(o.nps_vs_rest->p_value, 5) : ""}) {
      row.push_back(v);
    }
    row.push_back(CsvNumber(o.excess_unhappy, 1));
    row.emplace_back(o.significant ? "yes" : "no");
    rows.push_back(std::move(row));
  }
  return rows;
}

mstch::map Row(const WebRequest& r, const PageQuery& q, const std::string& dimension, const Summary& s,
               const Outlier& o) {
  const std::string& lang = r.language();
  const GroupSummary& g = *o.group;
  const int direction = Direction(o);
  mstch::map row{{"name", GroupName(r, dimension, g)},
                 {"href", GroupLink(q, dimension, g.key, s.scale, false)},
                 {"unhappy_href", GroupLink(q, dimension, g.key, s.scale, true)},
                 {"n", web::FormatInteger(g.n, lang)},
                 {"small", g.n < kSmallN},
                 {"share", Percent(o.unhappy.share, lang)},
                 {"interval", PercentInterval(o.unhappy.low, o.unhappy.high, lang)},
                 {"rest", Percent(o.rest_unhappy.share, lang)},
                 {"difference", SignedDecimal(o.unhappy_vs_rest.difference, 1, lang)},
                 {"p", PValue(o.unhappy_vs_rest.p_value, lang)},
                 {"excess", SignedDecimal(o.excess_unhappy, 0, lang)},
                 {"significant", o.significant},
                 {"row_class", std::string(direction > 0   ? "outlier-worse"
                                           : direction < 0 ? "outlier-better"
                                                           : "")}};
  row["has_nps"] = s.scale == Scale::kNps;
  if (s.scale == Scale::kNps && g.nps && o.rest_nps && o.nps_vs_rest) {
    row["nps"] = web::FormatDecimal(g.nps->nps, 0, lang);
    row["nps_interval"] = web::FormatDecimal(g.nps->low, 0, lang) + " – " + web::FormatDecimal(g.nps->high, 0, lang);
    row["nps_difference"] = SignedDecimal(o.nps_vs_rest->difference, 0, lang);
    row["nps_p"] = PValue(o.nps_vs_rest->p_value, lang);
  } else {
    for (const char* field : {"nps", "nps_interval", "nps_difference", "nps_p"}) row[field] = std::string("–");
  }
  return row;
}

std::string Chart(const WebRequest& r, const PageQuery& q, const std::string& dimension, const Summary& s,
                  const std::vector<Outlier>& outliers) {
  const std::string& lang = r.language();
  IntervalBars chart;
  chart.text = {.id_prefix = "outliers",
                .title = r.messages.Format("insights_outliers_chart_title",
                                           {ClassLabel(r, s.scale, Mood::kUnhappy), DimensionLabel(r, dimension)}),
                .description = r.T("insights_outliers_chart_description"),
                .no_data = r.T("insights_no_data")};
  chart.reference = 100 * s.total.unhappy_share();
  chart.reference_label = r.messages.Format("insights_outliers_overall", {Percent(s.total.unhappy_share(), lang)});
  chart.marker_label = r.T("insights_outliers_rest_marker");
  chart.x_title = r.messages.Format("insights_outliers_axis", {ClassLabel(r, s.scale, Mood::kUnhappy)});
  chart.x_format = [lang](double v) { return web::FormatDecimal(v, 0, lang) + "%"; };
  chart.tone_names = {.unhappy = r.T("insights_outliers_worse"),
                      .neutral = r.T("insights_outliers_no_difference"),
                      .happy = r.T("insights_outliers_better"),
                      .none = ""};
  for (size_t i = 0; i < outliers.size() && i < kChartRows; ++i) {
    const Outlier& o = outliers[i];
    const std::string name = GroupName(r, dimension, *o.group);
    chart.bars.push_back(
        {.label = name,
         .value = 100 * o.unhappy.share,
         .low = 100 * o.unhappy.low,
         .high = 100 * o.unhappy.high,
         .marker = 100 * o.rest_unhappy.share,
         .tone = ToneOf(Direction(o)),
         .value_label = Percent(o.unhappy.share, lang, 0),
         .href = GroupLink(q, dimension, o.group->key, s.scale, true),
         .tooltip = r.messages.Format(
             "insights_outliers_tooltip",
             {name, Percent(o.unhappy.share, lang), PercentInterval(o.unhappy.low, o.unhappy.high, lang),
              Percent(o.rest_unhappy.share, lang), web::FormatInteger(o.group->n, lang)})});
  }
  return RenderIntervalBars(chart);
}

class OutliersPage {
 public:
  OutliersPage(WebAuth& auth, AnalyticsService& service) : auth_(auth), service_(service) {}

  http::Response Handle(WebRequest& r) {
    PageQuery q = ReadPageQuery(r, service_, {"dimension", "format"});
    std::string dimension = r.http.Query("dimension").value_or("");
    if (dimension.empty()) dimension = "unit";
    const std::vector<std::string> attributes = AttributeKeys(service_);
    const bool fixed = std::find(std::begin(kDimensions), std::end(kDimensions), dimension) != std::end(kDimensions);
    if (q.error.empty() && !fixed && std::find(attributes.begin(), attributes.end(), dimension) == attributes.end()) {
      q.error = "dimension: " + r.messages.Format("insights_unknown_dimension", {dimension});
    }
    mstch::array options;
    for (const char* d : kDimensions) {
      options.push_back(
          mstch::map{{"value", std::string(d)}, {"label", DimensionLabel(r, d)}, {"selected", d == dimension}});
    }
    for (const auto& key : attributes) {
      options.push_back(mstch::map{{"value", key}, {"label", DimensionLabel(r, key)}, {"selected", key == dimension}});
    }
    auto frame = [&] {
      mstch::map body = PageFrame(r, service_, q, kPath, {{"dimension", dimension}});
      body["dimensions"] = options;
      body["has_results"] = false;
      return body;
    };
    if (!q.error.empty()) return auth_.Render(r, r.T("insights_outliers_title"), "analytics_outliers", frame(), 400);

    SummaryQuery query = q.query;
    if (fixed) {
      std::string unused;
      query.group_by = *ParseGroupBy(dimension, unused);
    } else {
      query.group_by = GroupBy::kAttribute;
      query.attribute = dimension;
    }
    auto summary = service_.Summarize(query);
    if (!summary.ok()) {
      if (summary.error().code != ErrorCode::kInvalidArgument) return auth_.Unavailable(r);
      q.error = summary.error().field + ": " + summary.error().message;
      return auth_.Render(r, r.T("insights_outliers_title"), "analytics_outliers", frame(), 400);
    }
    if (dimension == "topic") {
      for (GroupSummary& g : summary->groups) g.label = service_.TopicName(g.key, r.language());
    }
    const Summary& s = *summary;
    const std::vector<Outlier> outliers = FindOutliers(s);
    if (WantsCsv(r)) return CsvDownload("outliers-" + dimension + ".csv", CsvRows(r, dimension, s, outliers));
    mstch::map body = frame();
    Fill(r, q, dimension, s, outliers, body);
    return auth_.Render(r, r.T("insights_outliers_title"), "analytics_outliers", body);
  }

 private:
  static void Fill(const WebRequest& r, const PageQuery& q, const std::string& dimension, const Summary& s,
                   const std::vector<Outlier>& outliers, mstch::map& body) {
    const std::string& lang = r.language();
    mstch::array rows;
    int worse = 0, better = 0;
    bool small = false;
    for (const Outlier& o : outliers) {
      rows.push_back(Row(r, q, dimension, s, o));
      worse += Direction(o) > 0;
      better += Direction(o) < 0;
      small = small || o.group->n < kSmallN;
    }
    const std::string unhappy = ClassLabel(r, s.scale, Mood::kUnhappy);
    body["has_results"] = true;
    body["has_answers"] = s.total.n > 0;
    body["has_groups"] = !outliers.empty();
    const bool any_value =
        std::any_of(s.groups.begin(), s.groups.end(), [](const GroupSummary& g) { return !g.key.empty() && g.n > 0; });
    body["no_groups_text"] = r.T(any_value ? "insights_outliers_no_groups" : "insights_outliers_no_values");
    body["rows"] = rows;
    body["has_nps"] = s.scale == Scale::kNps;
    body["unhappy_label"] = unhappy;
    body["dimension_label"] = DimensionLabel(r, dimension);
    body["overall"] = r.messages.Format("insights_outliers_overall_text",
                                        {Percent(s.total.unhappy_share(), lang), web::FormatInteger(s.total.n, lang),
                                         r.T("scale_" + std::string(ScaleName(s.scale))), unhappy});
    body["verdict"] = r.messages.Format(
        "insights_outliers_verdict", {std::to_string(worse), std::to_string(better), std::to_string(outliers.size())});
    body["small_note"] = small;
    body["small_n"] = std::to_string(kSmallN);
    body["chart"] = Chart(r, q, dimension, s, outliers);
    body["chart_cut"] = outliers.size() > kChartRows;
    body["chart_cut_text"] =
        r.messages.Format("insights_outliers_chart_cut", {std::to_string(kChartRows), std::to_string(outliers.size())});
  }

  WebAuth& auth_;
  AnalyticsService& service_;
};

}  // namespace

void AddOutliersPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config) {
  auto page = std::make_shared<OutliersPage>(auth, config.service);
  router.Add("GET", kPath, auth.Page([page](WebRequest& r) { return page->Handle(r); }));
}

}  // namespace ks::analytics
