#include "actions/lead_time_pages.h"

#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "accounts/api_auth.h"
#include "accounts/organisation_settings.h"
#include "analytics/analytics_service.h"
#include "web/locale_format.h"

namespace ks::actions {
namespace {

using nlohmann::json;

constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;
constexpr std::pair<LeadTimeGrouping, std::string_view> kGroupings[] = {
    {LeadTimeGrouping::kUnit, "unit"},
    {LeadTimeGrouping::kMonth, "month"},
};

std::string_view GroupingName(LeadTimeGrouping grouping) {
  for (const auto& [g, name] : kGroupings) {
    if (g == grouping) return name;
  }
  return {};
}

// The local day after `day` (a day is 23 to 25 hours long, so 36 hours after its start is within the next).
LocalDate NextDay(const TimeZone& zone, const LocalDate& day) {
  return zone.LocalDay(zone.StartOfDay(day) + 36 * kHour);
}

// ---- the page ----

std::string Days(const std::optional<double>& days, const WebRequest& r) {
  return days ? web::FormatDecimal(*days, 1, r.language()) : "–";
}

std::string Percent(double share, const WebRequest& r) { return web::FormatDecimal(share * 100, 0, r.language()); }

mstch::map ShareView(const LeadTimeGroup& g, const WebRequest& r) {
  if (!g.informed_share) return mstch::map{{"has", false}};
  return mstch::map{{"has", true},
                    {"percent", Percent(g.informed_share->share, r)},
                    {"low", Percent(g.informed_share->low, r)},
                    {"high", Percent(g.informed_share->high, r)}};
}

mstch::map GroupRow(const LeadTimeGroup& g, const std::string& label, const WebRequest& r) {
  return mstch::map{{"label", label},
                    {"items", web::FormatInteger(g.items, r.language())},
                    {"decided", web::FormatInteger(g.decided, r.language())},
                    {"informed", web::FormatInteger(g.informed, r.language())},
                    {"share", ShareView(g, r)},
                    {"decision_median", Days(g.to_decision.median_days, r)},
                    {"decision_p90", Days(g.to_decision.p90_days, r)},
                    {"informed_median", Days(g.to_informed.median_days, r)},
                    {"informed_p90", Days(g.to_informed.p90_days, r)}};
}

http::Response Page(WebAuth& auth, const Clock& clock, WebRequest& r) {
  auto q = ParseLeadTimeQuery(r.http.query, clock.Now(), r.zone);
  if (!q.ok()) {
    return auth.Render(r, r.T("lead_title"), "lead_times", mstch::map{{"error", q.error().message}}, 400);
  }
  auto c = auth.pool().Acquire();
  if (!c.ok()) return auth.Unavailable(r);
  auto items = LoadLeadTimeItems(**c, q->from_at, q->to_at);
  if (!items.ok()) return auth.Unavailable(r);
  const LeadTimes times = ComputeLeadTimes(*items, q->grouping, r.zone);
  mstch::array groups;
  for (const LeadTimeGroup& g : times.groups) {
    groups.emplace_back(GroupRow(g, g.key.empty() ? r.T("lead_no_unit") : g.key, r));
  }
  mstch::array groupings;
  for (const auto& [grouping, name] : kGroupings) {
    groupings.emplace_back(mstch::map{{"value", std::string(name)},
                                      {"label", r.T("lead_group_" + std::string(name))},
                                      {"selected", grouping == q->grouping}});
  }
  mstch::map body{{"total", GroupRow(times.total, r.T("lead_total"), r)},
                  {"groups", groups},
                  {"has_items", times.total.items > 0},
                  {"groupings", groupings},
                  {"from", analytics::FormatLocalDate(q->from)},
                  {"to", analytics::FormatLocalDate(q->to)}};
  return auth.Render(r, r.T("lead_title"), "lead_times", std::move(body));
}

// ---- the API ----

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(); }

json DaysJson(const DaysSummary& d) {
  return {{"median_days", Optional(d.median_days)}, {"p90_days", Optional(d.p90_days)}};
}

json GroupJson(const LeadTimeGroup& g) {
  json share = nullptr;
  if (g.informed_share) {
    share = {{"share", g.informed_share->share}, {"low", g.informed_share->low}, {"high", g.informed_share->high}};
  }
  return {{"key", g.key},
          {"items", g.items},
          {"decided", g.decided},
          {"informed", g.informed},
          {"informed_share", share},
          {"time_to_decision", DaysJson(g.to_decision)},
          {"time_to_informed", DaysJson(g.to_informed)}};
}

void Api(ApiKeyAuthenticator& authenticator, db::ConnectionPool& pool, const Clock& clock, const http::Request& req,
         const http::Responder& respond) {
  if (auto key = Authorize(authenticator, req, "feedback:read"); !key.ok()) {
    return respond(http::ErrorResponse(key.error()));
  }
  auto c = pool.Acquire();
  if (!c.ok()) return respond(http::ErrorResponse(c.error()));
  auto settings = LoadSettings(**c);
  if (!settings.ok()) return respond(http::ErrorResponse(settings.error()));
  auto zone = TimeZone::Find(settings->time_zone);
  if (!zone.ok()) zone = TimeZone::Find(kDefaultTimeZone);
  if (!zone.ok()) return respond(http::ErrorResponse(zone.error()));
  auto q = ParseLeadTimeQuery(req.query, clock.Now(), *zone);
  if (!q.ok()) return respond(http::ErrorResponse(q.error()));
  auto items = LoadLeadTimeItems(**c, q->from_at, q->to_at);
  if (!items.ok()) return respond(http::ErrorResponse(items.error()));
  const LeadTimes times = ComputeLeadTimes(*items, q->grouping, *zone);
  json groups = json::array();
  for (const LeadTimeGroup& g : times.groups) groups.push_back(GroupJson(g));
  respond(http::JsonResponse(200, {{"from", analytics::FormatLocalDate(q->from)},
                                   {"to", analytics::FormatLocalDate(q->to)},
                                   {"time_zone", zone->name()},
                                   {"group", std::string(GroupingName(q->grouping))},
                                   {"total", GroupJson(times.total)},
                                   {"groups", groups}}));
}

}  // namespace

Result<LeadTimeQuery> ParseLeadTimeQuery(const std::multimap<std::string, std::string>& query, Micros now,
                                         const TimeZone& zone) {
  LeadTimeQuery q;
  q.to = zone.LocalDay(now);
  const int month_index = q.to.year * 12 + q.to.month - 1 - 11;
  q.from = LocalDate{month_index / 12, month_index % 12 + 1, 1};
  for (const auto& [name, value] : query) {
    if (name == "from" || name == "to") {
      if (value.empty()) continue;
      const std::optional<LocalDate> day = analytics::ParseLocalDate(value);
      if (!day) return Error::Invalid(name, "'" + value + "' is not a date like 2026-03-01");
      (name == "from" ? q.from : q.to) = *day;
    } else if (name == "group") {
      bool known = false;
      for (const auto& [grouping, n] : kGroupings) {
        if (n == value) {
          q.grouping = grouping;
          known = true;
        }
      }
      if (!known) return Error::Invalid("group", "'" + value + "' is not one of unit, month");
    }
  }
  q.from_at = zone.StartOfDay(q.from);
  q.to_at = zone.StartOfDay(NextDay(zone, q.to));
  if (q.from_at >= q.to_at) return Error::Invalid("to", "the period ends before it starts");
  return q;
}

void AddLeadTimePages(http::Router& router, WebAuth& auth, ApiKeyAuthenticator& authenticator, const Clock& clock) {
  router.Add("GET", "/actions/lead-times", auth.Page([&auth, &clock](WebRequest& r) { return Page(auth, clock, r); }));
  router.Add("GET", "/api/v1/actions/lead-times",
             [&authenticator, &pool = auth.pool(), &clock](const http::Request& req, const http::Responder& respond) {
               Api(authenticator, pool, clock, req, respond);
             });
}

}  // namespace ks::actions
