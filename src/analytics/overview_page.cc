// /analytics: the overview of the filtered period — the histogram, the class bar, the headline
// figures with their warnings, the trend with the events marked, the events' before/after effect —
// and POST /analytics/events to record an event (admins, coordinators and executives).
#include <charconv>

#include "analytics/analytics_pages.h"
#include "analytics/events.h"
#include "analytics/overview_charts.h"
#include "analytics/page_support.h"
#include "web/locale_format.h"

namespace ks::analytics {
namespace {

constexpr const char* kPath = "/analytics";
constexpr int kMaxWeeks = 52;

// What was typed into the event form, and what was wrong with it (field → message).
struct EventForm {
  std::string title, description, date, unit;
  std::map<std::string, std::string> errors;
};

bool MayRecordEvents(const WebRequest& r) {
  return r.actor.role == Role::kAdmin || r.actor.role == Role::kCoordinator || r.actor.role == Role::kExecutive;
}

// ?weeks= (1..52, default 8); nullopt when it is not such a number.
std::optional<int> WeeksOf(const WebRequest& r) {
  const std::string text = r.http.Query("weeks").value_or("");
  if (text.empty()) return kDefaultEffectWeeks;
  int weeks = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), weeks);
  if (ec != std::errc() || end != text.data() + text.size() || weeks < 1 || weeks > kMaxWeeks) return std::nullopt;
  return weeks;
}

class OverviewPage {
 public:
  OverviewPage(WebAuth& auth, AnalyticsService& service) : auth_(auth), service_(service) {}

  http::Response Post(WebRequest& r) {
    if (!MayRecordEvents(r)) return auth_.Forbidden(r);
    EventForm form{web::FormValue(r.form, "title"),
                   web::FormValue(r.form, "description"),
                   web::FormValue(r.form, "date"),
                   web::FormValue(r.form, "unit"),
                   {}};
    const auto day = ParseLocalDate(form.date);
    if (!day) {
      form.errors["date"] = r.T("dashboard_event_date_invalid");
      return Show(r, form, 400);
    }
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto created = CreateEvent(**c, {form.title, form.description, r.zone.StartOfDay(*day), form.unit, r.actor.user_id},
                               service_.clock().Now());
    if (!created.ok()) {
      if (created.error().code != ErrorCode::kInvalidArgument) return auth_.Unavailable(r);
      const std::string& field = created.error().field;
      form.errors[field == "happened_at" ? "date" : field.empty() ? "title" : field] = created.error().message;
      return Show(r, form, 400);
    }
    const std::string query = QueryString(QueryParams(r.http.query.begin(), r.http.query.end()));
    return web::Redirect(r.http, std::string(kPath) + (query.empty() ? "" : "?" + query) + "#events");
  }

  http::Response Show(WebRequest& r, const EventForm& form, int status) {
    PageQuery q = ReadPageQuery(r, service_, {"format", "weeks"});
    const auto weeks = WeeksOf(r);
    if (!weeks && q.error.empty()) q.error = "weeks: " + r.T("dashboard_weeks_invalid");
    mstch::map body{{"tabs", Tabs(r, q, kPath)}, {"may_record", MayRecordEvents(r)}};
    const auto render = [&](int code) {
      body["filters"] = FilterForm(r, service_, q, kPath);
      body["failed"] = !q.error.empty();
      return auth_.Render(r, r.T("dashboard_overview_title"), "analytics_overview", std::move(body),
                          q.error.empty() ? code : 400);
    };
    if (!q.error.empty()) return render(400);

    SummaryQuery query = q.query;
    const auto [from, to] = PeriodOf(query, service_.Today());
    query.filter.from = from;  // the headline covers what the trend shows
    query.filter.to = to;
    query.group_by = CoarseEnough(IsPeriod(query.group_by) ? query.group_by : GroupBy::kMonth, from, to);
    auto summary = service_.Summarize(query);
    if (!summary.ok()) {
      if (summary.error().code != ErrorCode::kInvalidArgument) return auth_.Unavailable(r);
      q.error = summary.error().field + ": " + summary.error().message;
      return render(400);
    }
    const Scale scale = summary->scale;
    const auto periods = TrendPeriods(*summary, query.group_by, from, to);
    if (r.http.Query("format").value_or("") == "csv") {
      return CsvDownload("klantstem-trend-" + FormatLocalDate(from) + "-" + FormatLocalDate(to) + ".csv",
                         TrendCsv(scale, periods));
    }
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto events = EventsFor(**c, r, query, from, to);
    if (!events.ok()) return auth_.Unavailable(r);

    body["has_data"] = summary->total.n > 0 || summary->total.complaints > 0;
    body["headline"] = Headline(r, scale, summary->total);
    body["distribution"] = Distribution(r, scale, summary->total, q.params, {}, "overview");
    body["trend"] = Trend(r, scale, query.group_by, periods, *events, q.params, "overview");
    body["csv_href"] = std::string(kPath) + "?" + QueryString(q.params, {{"format", "csv"}});
    body["events"] = EventRows(r, query, *events, *weeks);
    body["has_events"] = !events->empty();
    body["weeks"] = std::to_string(*weeks);
    body["before_header"] = r.messages.Format("dashboard_event_before", {std::to_string(*weeks)});
    body["after_header"] = r.messages.Format("dashboard_event_after", {std::to_string(*weeks)});
    mstch::array hidden;
    for (const auto& [name, value] : q.params) hidden.push_back(mstch::map{{"name", name}, {"value", value}});
    body["hidden"] = hidden;
    if (MayRecordEvents(r)) body["event_form"] = FormView(q, form);
    return render(status);
  }

 private:
  // Each event with the figures of the weeks before and after it and whether the change is real. An
  // event of one unit is measured on that unit when the filters cover more.
  mstch::array EventRows(const WebRequest& r, const SummaryQuery& query, const std::vector<Event>& events, int weeks) {
    std::map<std::string, std::string> unit_names;
    if (auto units = service_.Units(); units.ok()) {
      for (const auto& u : *units) unit_names[u.code] = u.name;
    }
    mstch::array rows;
    for (const auto& e : events) {
      SummaryQuery measured = query;
      if (e.unit_id && measured.filter.unit_ids.empty() && !measured.filter.only_listed_units) {
        if (auto ids = service_.UnitWithChildren(e.unit_code); ids.ok()) measured.filter.unit_ids = *ids;
      }
      Result<EventEffect> effect = Error::Internal("not measured");
      service_.index().Read([&](const Columns& columns) {
        effect = MeasureEvent(columns, measured, r.zone.LocalDay(e.happened_at), weeks);
      });
      mstch::map row{{"date", web::FormatDate(e.happened_at, r.zone, r.language())},
                     {"title", e.title},
                     {"description", e.description},
                     {"unit", e.unit_code.empty()                ? r.T("dashboard_whole_organisation")
                              : unit_names.contains(e.unit_code) ? unit_names[e.unit_code]
                                                                 : e.unit_code},
                     {"has_change", false}};
      if (effect.ok()) {
        for (auto& [key, value] : EffectView(r, *effect)) row[key] = std::move(value);
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  mstch::map FormView(const PageQuery& q, const EventForm& form) {
    const std::string query = QueryString(q.params);
    mstch::array units;
    if (auto all = service_.Units(); all.ok()) {
      for (const auto& u : *all) {
        units.push_back(mstch::map{{"value", u.code}, {"label", u.name}, {"selected", u.code == form.unit}});
      }
    }
    mstch::map view{{"action", "/analytics/events" + (query.empty() ? "" : "?" + query)},
                    {"title", form.title},
                    {"description", form.description},
                    {"date", form.date.empty() ? FormatLocalDate(service_.Today()) : form.date},
                    {"today", FormatLocalDate(service_.Today())},
                    {"units", units},
                    {"has_errors", !form.errors.empty()}};
    for (const char* field : {"title", "description", "date", "unit"}) {
      auto it = form.errors.find(field);
      view[std::string("error_") + field] = it == form.errors.end() ? std::string() : it->second;
    }
    return view;
  }

  WebAuth& auth_;
  AnalyticsService& service_;
};

}  // namespace

void AddOverviewPage(http::Router& router, WebAuth& auth, const AnalyticsPagesConfig& config) {
  auto page = std::make_shared<OverviewPage>(auth, config.service);
  router.Add("GET", kPath, auth.Page([page](WebRequest& r) { return page->Show(r, {}, 200); }));
  router.Add("POST", "/analytics/events", auth.Page([page](WebRequest& r) { return page->Post(r); }));
}

}  // namespace ks::analytics
