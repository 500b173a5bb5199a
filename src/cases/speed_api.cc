// GET /api/v1/cases/speed (see speed_pages.h): the speed metrics as JSON.
#include "accounts/api_auth.h"
#include "base/time.h"
#include "cases/case_store.h"
#include "cases/speed_pages.h"

namespace ks::cases {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(); }

json DurationJson(const DurationSummary& d) {
  return {{"median_hours", Optional(d.median_hours)},
          {"p90_hours", Optional(d.p90_hours)},
          {"median_working_hours", Optional(d.median_working_hours)},
          {"p90_working_hours", Optional(d.p90_working_hours)}};
}

json ShareJson(const SlaShare& s) {
  json out = {{"within", s.within}, {"judged", s.judged}, {"share", nullptr}, {"low", nullptr}, {"high", nullptr}};
  if (s.share) {
    out["share"] = s.share->share;
    out["low"] = s.share->low;
    out["high"] = s.share->high;
  }
  return out;
}

json GroupJson(const SpeedGroup& g) {
  return {{"key", g.key},
          {"cases", g.cases},
          {"contacted", g.contacted},
          {"resolved", g.resolved},
          {"time_to_first_contact", DurationJson(g.time_to_first_contact)},
          {"time_to_resolution", DurationJson(g.time_to_resolution)},
          {"first_contact_within_sla", ShareJson(g.first_contact_within_sla)},
          {"resolution_within_sla", ShareJson(g.resolution_within_sla)},
          {"overdue", g.overdue}};
}

}  // namespace

void AddSpeedRoutes(http::Router& router, db::ConnectionPool& pool, ApiKeyAuthenticator& authenticator,
                    const Clock& clock) {
  router.Add("GET", "/api/v1/cases/speed", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(authenticator, req, "feedback:read"); !key.ok()) {
      return respond(http::ErrorResponse(key.error()));
    }
    const Micros now = clock.Now();
    auto q = ParseSpeedQuery(req.query, now);
    if (!q.ok()) return respond(http::ErrorResponse(q.error()));
    auto c = pool.Acquire();
    if (!c.ok()) return respond(http::ErrorResponse(c.error()));
    auto metrics = LoadSpeedMetrics(**c, q->from, q->to, q->grouping, now);
    if (!metrics.ok()) return respond(http::ErrorResponse(metrics.error()));
    json groups = json::array();
    for (const SpeedGroup& g : metrics->groups) groups.push_back(GroupJson(g));
    respond(http::JsonResponse(200, {{"from", FormatRfc3339(q->from)},
                                     {"to", FormatRfc3339(q->to)},
                                     {"total", GroupJson(metrics->total)},
                                     {"groups", groups}}));
  });
}

}  // namespace ks::cases
