// /analytics/report: the printable monthly report for management — ?month=2026-10 (default the last
// full month): the month's headline with the change against the month before, the 12-month trend
// with the events, the histogram and class bar, and the units sorted by their share of unhappy
// customers (?format=csv: that table). The print stylesheet (app.css) lays it out for A4.
#include <fmt/format.h>

#include <algorithm>

#include "analytics/analytics_pages.h"
#include "analytics/overview_charts.h"
#include "analytics/page_support.h"
#include "web/locale_format.h"

namespace ks::analytics {
namespace {

constexpr const char* kPath = "/analytics/report";
constexpr int kTrendMonths = 12;

LocalDate MonthStart(int month_index) { return {month_index / 12, month_index % 12 + 1, 1}; }
int MonthIndex(LocalDate d) { return d.year * 12 + d.month - 1; }
LocalDate MonthEnd(int month_index) {
  return DateOf(static_cast<DayNumber>(DayNumberOf(MonthStart(month_index + 1)) - 1));
}

// ?month=YYYY-MM; without it the month that ?from and ?to both lie in (the filter form sends those),
// else the last full month. nullopt when ?month is not a month.
std::optional<int> ReportMonth(const WebRequest& r, LocalDate today) {
  if (auto text = r.http.Query("month"); text && !text->empty()) {
    int year = 0, month = 0;
    char tail = 0;
    if (text->size() != 7 || std::sscanf(text->c_str(), "%4d-%2d%c", &year, &month, &tail) != 2 || year < 1970 ||
        year > 2148 || month < 1 || month > 12) {
      return std::nullopt;
    }
    return year * 12 + month - 1;
  }
  const auto from = ParseLocalDate(r.http.Query("from").value_or(""));
  const auto to = ParseLocalDate(r.http.Query("to").value_or(""));
  if (from && to && MonthIndex(*from) == MonthIndex(*to)) return MonthIndex(*from);
  return MonthIndex(today) - 1;
}

void SetParam(QueryParams& params, const std::string& name, const std::string& value) {
  params.erase(name);
  params.emplace(name, value);
}

class ReportPage {
 public:
  ReportPage(WebAuth& auth, AnalyticsService& service) : auth_(auth), service_(service) {}

  http::Response Show(WebRequest& r) {
    PageQuery q = ReadPageQuery(r, service_, {"month", "format"});
    const LocalDate today = service_.Today();
    const auto month = ReportMonth(r, today);
    if (!month && q.error.empty()) q.error = "month: " + r.T("dashboard_month_invalid");
    const int m = month.value_or(MonthIndex(today) - 1);
    const LocalDate first = MonthStart(m), last = MonthEnd(m);
    // The report is about one month: the filters (and every link) say so.
    SetParam(q.params, "from", FormatLocalDate(first));
    SetParam(q.params, "to", FormatLocalDate(last));
    q.params.erase("group_by");
    const std::string month_name = MonthName(r, m);
    const std::string month_key = fmt::format("{}-{:02}", first.year, first.month);
    mstch::map body{{"month_name", month_name}, {"month", month_key}, {"organisation", r.settings.name}};
    const auto render = [&](int status) {
      body["tabs"] = Tabs(r, q, kPath);
      body["filters"] = FilterForm(r, service_, q, kPath);
      body["failed"] = !q.error.empty();
      return auth_.Render(r, r.messages.Format("dashboard_report_title", {month_name}), "analytics_report",
                          std::move(body), status);
    };
    if (!q.error.empty()) return render(400);

    SummaryQuery query = q.query;
    query.filter.from = first;
    query.filter.to = last;
    query.group_by = GroupBy::kUnit;
    auto current = service_.Summarize(query);
    if (!current.ok()) {
      if (current.error().code != ErrorCode::kInvalidArgument) return auth_.Unavailable(r);
      q.error = current.error().field + ": " + current.error().message;
      return render(400);
    }
    const Scale scale = current->scale;
    query.filter.scale = scale;  // the month before and the trend on the same scale
    if (r.http.Query("format").value_or("") == "csv") {
      return CsvDownload(fmt::format("klantstem-report-{}-units.csv", month_key), UnitCsv(*current));
    }

    query.group_by = GroupBy::kNone;
    query.filter.from = MonthStart(m - 1);
    query.filter.to = MonthEnd(m - 1);
    auto previous = service_.Summarize(query);
    query.group_by = GroupBy::kMonth;
    query.filter.from = MonthStart(m - kTrendMonths + 1);
    query.filter.to = last;
    auto trend = service_.Summarize(query);
    auto c = auth_.pool().Acquire();
    if (!previous.ok() || !trend.ok() || !c.ok()) return auth_.Unavailable(r);
    auto events = EventsFor(**c, r, query, *query.filter.from, last);
    if (!events.ok()) return auth_.Unavailable(r);

    const GroupSummary& total = current->total;
    body["has_data"] = total.n > 0 || total.complaints > 0;
    body["headline"] = Headline(r, scale, total);
    const std::string previous_name = MonthName(r, m - 1);
    if (auto change = ChangeBetween(scale, previous->total, total)) {
      body["change"] = mstch::map{{"text", ChangeText(r, scale, *change)},
                                  {"against", r.messages.Format("dashboard_against", {previous_name})},
                                  {"p", PValue(change->p_value, r.language())},
                                  {"significant", change->p_value < kSignificance}};
    } else {
      body["no_change"] = r.messages.Format("dashboard_no_comparison", {previous_name});
    }
    body["distribution"] = Distribution(r, scale, total, q.params, {}, "report");
    const auto periods = TrendPeriods(*trend, GroupBy::kMonth, *query.filter.from, last);
    body["trend"] = Trend(r, scale, GroupBy::kMonth, periods, *events, q.params, "report");
    body["units"] = UnitRows(r, scale, *current, q.params);
    body["has_units"] = !current->groups.empty();
    body["is_nps"] = scale == Scale::kNps;
    body["value_header"] = scale == Scale::kNps ? std::string("NPS") : r.T("dashboard_mean");
    body["unhappy_header"] = r.messages.Format("dashboard_unhappy_percent", {ClassLabel(r, scale, Mood::kUnhappy)});
    body["generated"] =
        r.messages.Format("dashboard_generated", {web::FormatDateTime(service_.clock().Now(), r.zone, r.language())});
    body["csv_href"] = std::string(kPath) + "?" + QueryString(q.params, {{"month", month_key}, {"format", "csv"}});
    mstch::array hidden;
    for (const auto& [name, value] : q.params) {
      if (name != "from" && name != "to") hidden.push_back(mstch::map{{"name", name}, {"value", value}});
    }
    body["hidden"] = hidden;
    return render(200);
  }

 private:
  static std::string MonthName(const WebRequest& r, int month_index) {
    const LocalDate d = MonthStart(month_index);
    return r.T("dashboard_month_" + std::to_string(d.month)) + " " + std::to_string(d.year);
  }

  static std::vector<const GroupSummary*> SortedUnits(const Summary& s) {
    std::vector<const GroupSummary*> units;
    for (const auto& g : s.groups) {
      if (g.n > 0) units.push_back(&g);
    }
    std::stable_sort(units.begin(), units.end(), [](const GroupSummary* a, const GroupSummary* b) {
      return a->unhappy_share() > b->unhappy_share();
    });
    return units;
  }

  static mstch::array UnitRows(const WebRequest& r, Scale scale, const Summary& s, const QueryParams& params) {
    const std::string& lang = r.language();
    mstch::array rows;
    for (const GroupSummary* g : SortedUnits(s)) {
      std::string warnings;
      for (const auto& w : g->warnings) {
        warnings.append(warnings.empty() ? "" : "; ").append(r.T("analytics_warning_" + w.code));
      }
      const bool nps = scale == Scale::kNps && g->nps;
      rows.push_back(mstch::map{{"name", g->key.empty() ? r.T("dashboard_no_unit") : g->label},
                                {"href", g->key.empty() ? std::string() : InboxLink(params, {{"unit", g->key}})},
                                {"n", web::FormatInteger(g->n, lang)},
                                {"value", nps       ? web::FormatDecimal(g->nps->nps, 0, lang)
                                          : g->mean ? web::FormatDecimal(*g->mean, 1, lang)
                                                    : std::string()},
                                {"interval", nps ? Range(r, g->nps->low, g->nps->high, 0) : std::string()},
                                {"unhappy_share", Percent(g->unhappy_share(), r.language(), 1)},
                                {"complaints", web::FormatInteger(g->complaints, lang)},
                                {"warnings", warnings}});
    }
    return rows;
  }

  static std::vector<std::vector<std::string>> UnitCsv(const Summary& s) {
    std::vector<std::vector<std::string>> rows = {{"unit", "name", "scale", "n", "mean", "nps", "nps_low", "nps_high",
                                                   "unhappy_share", "complaints", "warnings"}};
    for (const GroupSummary* g : SortedUnits(s)) {
      std::string codes;
      for (const auto& w : g->warnings) codes.append(codes.empty() ? "" : " ").append(w.code);
      rows.push_back({g->key, g->label, std::string(ScaleName(s.scale)), std::to_string(g->n),
                      g->mean ? fmt::format("{:.2f}", *g->mean) : "", g->nps ? fmt::format("{:.1f}", g->nps->nps) : "",
                      g->nps ? fmt::format("{:.1f}", g->nps->low) : "",
                      g->nps ? fmt::format("{:.1f}", g->nps->high) : "", fmt::format("{:.4f}", g->unhappy_share()),
                      std::to_string(g->complaints), codes});
    }
    return rows;
  }

  WebAuth& auth_;
  AnalyticsService& service_;
};

}  // namespace

void AddReportPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config) {
  auto page = std::make_shared<ReportPage>(auth, config.service);
  router.Add("GET", kPath, auth.Page([page](WebRequest& r) { return page->Show(r); }));
}

}  // namespace ks::analytics
