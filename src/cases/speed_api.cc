// GET /api/v1/cases/speed (see speed_pages.h): the speed metrics as JSON, each group with its NPS beside
// (speed_nps.h).
#include "accounts/api_auth.h"
#include "base/time.h"
#include "cases/case_store.h"
#include "cases/recovery.h"
#include "cases/speed_nps.h"
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

// The group's NPS (speed_nps.h); null without NPS answers.
json NpsJson(const GroupNps* nps) {
  if (nps == nullptr) return nullptr;
  return {{"value", nps->estimate.nps},
          {"answers", nps->counts.n()},
          {"promoters", nps->counts.promoters},
          {"passives", nps->counts.passives},
          {"detractors", nps->counts.detractors},
          {"standard_error", nps->estimate.standard_error},
          {"low", nps->estimate.low},
          {"high", nps->estimate.high}};
}

json GroupJson(const SpeedGroup& g, const GroupNps* nps) {
  return {{"key", g.key},
          {"cases", g.cases},
          {"contacted", g.contacted},
          {"resolved", g.resolved},
          {"time_to_first_contact", DurationJson(g.time_to_first_contact)},
          {"time_to_resolution", DurationJson(g.time_to_resolution)},
          {"first_contact_within_sla", ShareJson(g.first_contact_within_sla)},
          {"resolution_within_sla", ShareJson(g.resolution_within_sla)},
          {"overdue", g.overdue},
          {"nps", NpsJson(nps)}};
}

json ProportionJson(const std::optional<stats::Proportion>& p) {
  if (!p) return nullptr;
  return {{"share", p->share}, {"low", p->low}, {"high", p->high}};
}

json MoodJson(const MoodCounts& counts) {
  return {{"unhappy", counts[0]}, {"neutral", counts[1]}, {"happy", counts[2]}};
}

json RecoveryJson(const RecoveryReport& r) {
  json paradox = nullptr;
  if (r.paradox) {
    paradox = {{"difference", r.paradox->difference}, {"z", r.paradox->z}, {"p_value", r.paradox->p_value}};
  }
  return {{"closed", r.closed},
          {"with_follow_up", r.with_follow_up},
          {"recovered", r.recovered},
          {"rate", ProportionJson(r.rate)},
          {"before", MoodJson(r.before)},
          {"after", MoodJson(r.after)},
          {"untroubled", MoodJson(r.untroubled)},
          {"recovered_happy", ProportionJson(r.recovered_happy)},
          {"untroubled_happy", ProportionJson(r.untroubled_happy)},
          {"paradox", paradox}};
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
    auto nps = LoadSpeedNps(**c, q->from, q->to, q->grouping);
    if (!nps.ok()) return respond(http::ErrorResponse(nps.error()));
    json groups = json::array();
    for (const SpeedGroup& g : metrics->groups) groups.push_back(GroupJson(g, nps->Find(g.key)));
    respond(http::JsonResponse(200, {{"from", FormatRfc3339(q->from)},
                                     {"to", FormatRfc3339(q->to)},
                                     {"total", GroupJson(metrics->total, nps->total ? &*nps->total : nullptr)},
                                     {"groups", groups}}));
  });
  router.Add("GET", "/api/v1/cases/recovery", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(authenticator, req, "feedback:read"); !key.ok()) {
      return respond(http::ErrorResponse(key.error()));
    }
    auto q = ParseSpeedQuery(req.query, clock.Now());
    if (!q.ok()) return respond(http::ErrorResponse(q.error()));
    auto c = pool.Acquire();
    if (!c.ok()) return respond(http::ErrorResponse(c.error()));
    auto recovery = LoadRecovery(**c, q->from, q->to);
    if (!recovery.ok()) return respond(http::ErrorResponse(recovery.error()));
    json body = RecoveryJson(*recovery);
    body["from"] = FormatRfc3339(q->from);
    body["to"] = FormatRfc3339(q->to);
    respond(http::JsonResponse(200, body));
  });
}

}  // namespace ks::cases
