#include "cases/speed_nps.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <vector>

#include "cases/case_store.h"

namespace ks::cases {
namespace {

// Promoters, passives and detractors of the answers selected as `f`.
constexpr std::string_view kCounts =
    "COUNT(CASE WHEN f.score_value >= 9 THEN 1 END), COUNT(CASE WHEN f.score_value BETWEEN 7 AND 8 THEN 1 END), "
    "COUNT(CASE WHEN f.score_value <= 6 THEN 1 END)";
// The answers that count (see speed_nps.h), received in [$1, $2).
constexpr std::string_view kAnswers =
    "f.score_scale = 'nps' AND f.score_value IS NOT NULL AND f.brand = 'own' AND f.received_at >= $1 "
    "AND f.received_at < $2";

std::optional<GroupNps> ToNps(const std::vector<db::Value>& r, size_t first) {
  const stats::NpsCounts counts{db::AsInt(r[first]), db::AsInt(r[first + 1]), db::AsInt(r[first + 2])};
  if (counts.n() == 0) return std::nullopt;
  return GroupNps{counts, stats::EstimateNps(counts)};
}

// The NPS of all answers in [from, to).
Result<std::optional<GroupNps>> PeriodNps(db::Connection& c, Micros from, Micros to) {
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query(fmt::format("SELECT {} FROM feedback f WHERE {}", kCounts, kAnswers), {from, to}));
  return ToNps(rows.rows.at(0), 0);
}

// Each month of [from, to) on the calendar in force, cut to the period.
Result<std::map<std::string, GroupNps>> MonthNps(db::Connection& c, Micros from, Micros to) {
  KS_ASSIGN_OR_RETURN(StoredRules rules, LoadCaseRules(c));
  const TimeZone& zone = rules.calendar.zone();
  std::map<std::string, GroupNps> out;
  LocalDate month = zone.LocalDay(from);
  month.day = 1;
  for (Micros start = zone.StartOfDay(month); start < to;) {
    const LocalDate next =
        month.month == 12 ? LocalDate{month.year + 1, 1, 1} : LocalDate{month.year, month.month + 1, 1};
    const Micros end = zone.StartOfDay(next);
    KS_ASSIGN_OR_RETURN(std::optional<GroupNps> nps, PeriodNps(c, std::max(start, from), std::min(end, to)));
    if (nps) out.emplace(MonthKey(month), *nps);
    month = next;
    start = end;
  }
  return out;
}

// Rows of (key, promoters, passives, detractors) by key.
Result<std::map<std::string, GroupNps>> KeyedNps(db::Connection& c, const std::string& sql, Micros from, Micros to) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, {from, to}));
  std::map<std::string, GroupNps> out;
  for (const auto& r : rows.rows) {
    if (auto nps = ToNps(r, 1)) out.emplace(db::AsText(r[0]), *nps);
  }
  return out;
}

Result<std::map<std::string, GroupNps>> GroupsNps(db::Connection& c, Micros from, Micros to, SpeedGrouping grouping) {
  switch (grouping) {
    case SpeedGrouping::kNone: return std::map<std::string, GroupNps>();
    case SpeedGrouping::kMonth: return MonthNps(c, from, to);
    case SpeedGrouping::kUnit:
      return KeyedNps(c,
                      fmt::format("SELECT COALESCE(un.code, ''), {} FROM feedback f LEFT JOIN units un ON un.id = "
                                  "f.unit_id WHERE {} GROUP BY COALESCE(un.code, '')",
                                  kCounts, kAnswers),
                      from, to);
    case SpeedGrouping::kOwner:
      // The owner as LoadCaseTimings names it, with the units of their cases in the period.
      return KeyedNps(c,
                      fmt::format("SELECT o.owner, {} FROM (SELECT DISTINCT COALESCE(us.email, c.owner_queue, '') AS "
                                  "owner, c.unit_id FROM cases c LEFT JOIN users us ON us.id = c.owner_user_id "
                                  "WHERE c.opened_at >= $1 AND c.opened_at < $2 AND c.unit_id IS NOT NULL) o "
                                  "JOIN feedback f ON f.unit_id = o.unit_id WHERE {} GROUP BY o.owner",
                                  kCounts, kAnswers),
                      from, to);
  }
  return std::map<std::string, GroupNps>();
}

}  // namespace

const GroupNps* SpeedNps::Find(const std::string& key) const {
  auto it = groups.find(key);
  return it == groups.end() ? nullptr : &it->second;
}

Result<SpeedNps> LoadSpeedNps(db::Connection& c, Micros from, Micros to, SpeedGrouping grouping) {
  SpeedNps out;
  KS_ASSIGN_OR_RETURN(out.total, PeriodNps(c, from, to));
  KS_ASSIGN_OR_RETURN(out.groups, GroupsNps(c, from, to, grouping));
  return out;
}

}  // namespace ks::cases
