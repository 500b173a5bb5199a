#include "cases/speed_pages.h"

#include <fmt/format.h>

#include "cases/case_store.h"
#include "cases/recovery.h"
#include "cases/speed_nps.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::cases {
namespace {

constexpr Micros kDay = Micros{24} * 3600 * kMicrosPerSecond;
constexpr std::pair<SpeedGrouping, std::string_view> kGroupings[] = {
    {SpeedGrouping::kNone, "none"},
    {SpeedGrouping::kUnit, "unit"},
    {SpeedGrouping::kOwner, "owner"},
    {SpeedGrouping::kMonth, "month"},
};

std::string Hours(const std::optional<double>& hours, const WebRequest& r) {
  return hours ? web::FormatDecimal(*hours, 1, r.language()) : "–";
}

mstch::map Share(const SlaShare& s, const WebRequest& r) {
  if (!s.share) return mstch::map{{"has", false}};
  return mstch::map{{"has", true},
                    {"percent", web::FormatDecimal(s.share->share * 100, 0, r.language())},
                    {"low", web::FormatDecimal(s.share->low * 100, 0, r.language())},
                    {"high", web::FormatDecimal(s.share->high * 100, 0, r.language())},
                    {"within", std::to_string(s.within)},
                    {"judged", std::to_string(s.judged)}};
}

// The group's NPS (speed_nps.h) in whole points, with its interval and the answers it rests on.
mstch::map NpsCell(const GroupNps* nps, const WebRequest& r) {
  if (nps == nullptr) return mstch::map{{"has", false}};
  return mstch::map{{"has", true},
                    {"value", web::FormatDecimal(nps->estimate.nps, 0, r.language())},
                    {"low", web::FormatDecimal(nps->estimate.low, 0, r.language())},
                    {"high", web::FormatDecimal(nps->estimate.high, 0, r.language())},
                    {"answers", web::FormatInteger(nps->counts.n(), r.language())}};
}

mstch::map GroupRow(const SpeedGroup& g, const GroupNps* nps, const std::string& label, const WebRequest& r) {
  return mstch::map{{"label", label},
                    {"cases", web::FormatInteger(g.cases, r.language())},
                    {"nps", NpsCell(nps, r)},
                    {"contacted", web::FormatInteger(g.contacted, r.language())},
                    {"resolved", web::FormatInteger(g.resolved, r.language())},
                    {"contact_median", Hours(g.time_to_first_contact.median_working_hours, r)},
                    {"contact_p90", Hours(g.time_to_first_contact.p90_working_hours, r)},
                    {"resolution_median", Hours(g.time_to_resolution.median_working_hours, r)},
                    {"resolution_p90", Hours(g.time_to_resolution.p90_working_hours, r)},
                    {"contact_sla", Share(g.first_contact_within_sla, r)},
                    {"resolution_sla", Share(g.resolution_within_sla, r)},
                    {"overdue", web::FormatInteger(g.overdue, r.language())},
                    {"has_overdue", g.overdue > 0}};
}

std::string Percent(double share, const WebRequest& r) { return web::FormatDecimal(share * 100, 0, r.language()); }

mstch::map ShareView(const std::optional<stats::Proportion>& p, const WebRequest& r) {
  if (!p) return mstch::map{{"has", false}};
  return mstch::map{
      {"has", true}, {"percent", Percent(p->share, r)}, {"low", Percent(p->low, r)}, {"high", Percent(p->high, r)}};
}

mstch::array MoodRow(const MoodCounts& counts, const WebRequest& r) {
  mstch::array out;
  for (std::int64_t n : counts) out.emplace_back(web::FormatInteger(n, r.language()));
  return out;
}

mstch::map RecoveryView(const RecoveryReport& rec, const WebRequest& r) {
  mstch::map out{{"closed", web::FormatInteger(rec.closed, r.language())},
                 {"with_follow_up", web::FormatInteger(rec.with_follow_up, r.language())},
                 {"recovered", web::FormatInteger(rec.recovered, r.language())},
                 {"rate", ShareView(rec.rate, r)},
                 {"before", MoodRow(rec.before, r)},
                 {"after", MoodRow(rec.after, r)},
                 {"untroubled", MoodRow(rec.untroubled, r)},
                 {"recovered_happy", ShareView(rec.recovered_happy, r)},
                 {"untroubled_happy", ShareView(rec.untroubled_happy, r)},
                 {"has_paradox", rec.paradox.has_value()}};
  if (rec.paradox) {
    const bool significant = rec.paradox->p_value < 0.05;
    const char* verdict = !significant                  ? "recovery_paradox_unclear"
                          : rec.paradox->difference > 0 ? "recovery_paradox_holds"
                                                        : "recovery_paradox_reversed";
    out["difference"] = web::FormatDecimal(rec.paradox->difference, 0, r.language());
    out["p_value"] = web::FormatDecimal(rec.paradox->p_value, 3, r.language());
    out["verdict"] = r.T(verdict);
  }
  return out;
}

}  // namespace

Result<SpeedQuery> ParseSpeedQuery(const std::multimap<std::string, std::string>& query, Micros now) {
  SpeedQuery q{now - 90 * kDay, now + 1, SpeedGrouping::kMonth};
  for (const auto& [name, value] : query) {
    if (name == "from" || name == "to") {
      if (value.empty()) continue;
      auto t = ParseRfc3339(value);
      if (!t.ok()) return Error::Invalid(name, "'" + value + "' is not a date (YYYY-MM-DD) or RFC 3339 time");
      (name == "from" ? q.from : q.to) = *t;
    } else if (name == "group") {
      bool known = false;
      for (const auto& [grouping, n] : kGroupings) {
        if (n == value) {
          q.grouping = grouping;
          known = true;
        }
      }
      if (!known) return Error::Invalid("group", "'" + value + "' is not one of none, unit, owner, month");
    }
  }
  if (q.from >= q.to) return Error::Invalid("to", "must be after from");
  return q;
}

void AddSpeedPage(http::Router& router, WebAuth& auth, const Clock& clock) {
  router.Add("GET", "/cases/speed", auth.Page([&auth, &clock](WebRequest& r) {
    const Micros now = clock.Now();
    auto q = ParseSpeedQuery(r.http.query, now);
    if (!q.ok()) return auth.Render(r, r.T("speed_title"), "speed", mstch::map{{"error", q.error().message}}, 400);
    auto c = auth.pool().Acquire();
    if (!c.ok()) return auth.Unavailable(r);
    auto metrics = LoadSpeedMetrics(**c, q->from, q->to, q->grouping, now);
    if (!metrics.ok()) return auth.Unavailable(r);
    auto recovery = LoadRecovery(**c, q->from, q->to);
    if (!recovery.ok()) return auth.Unavailable(r);
    auto nps = LoadSpeedNps(**c, q->from, q->to, q->grouping);
    if (!nps.ok()) return auth.Unavailable(r);
    mstch::array groups;
    for (const SpeedGroup& g : metrics->groups) {
      groups.emplace_back(GroupRow(g, nps->Find(g.key), g.key.empty() ? r.T("speed_none") : g.key, r));
    }
    mstch::array groupings;
    for (const auto& [grouping, name] : kGroupings) {
      groupings.emplace_back(mstch::map{{"value", std::string(name)},
                                        {"label", r.T("speed_group_" + std::string(name))},
                                        {"selected", grouping == q->grouping}});
    }
    mstch::map body{{"total", GroupRow(metrics->total, nps->total ? &*nps->total : nullptr, r.T("speed_total"), r)},
                    {"groups", groups},
                    {"has_groups", !groups.empty()},
                    {"groupings", groupings},
                    {"recovery", RecoveryView(*recovery, r)},
                    {"from", FormatRfc3339(q->from).substr(0, 10)},
                    {"to", FormatRfc3339(q->to - 1).substr(0, 10)}};
    return auth.Render(r, r.T("speed_title"), "speed", std::move(body));
  }));
}

}  // namespace ks::cases
