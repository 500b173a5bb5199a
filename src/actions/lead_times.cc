#include "actions/lead_times.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "stats/descriptive.h"

namespace ks::actions {
namespace {

constexpr double kMicrosPerDay = 24.0 * 3600.0 * kMicrosPerSecond;

std::optional<double> DaysSince(Micros received_at, std::optional<Micros> at) {
  if (!at) return std::nullopt;
  return static_cast<double>(std::max<Micros>(*at - received_at, 0)) / kMicrosPerDay;
}

DaysSummary Summarise(std::vector<double> days) {
  if (days.empty()) return {};
  std::sort(days.begin(), days.end());
  return {stats::PercentileOfSorted(days, 0.5), stats::PercentileOfSorted(days, 0.9)};
}

// The items of one group, collected before the percentiles are taken.
class GroupTally {
 public:
  void Add(std::optional<double> to_decision, std::optional<double> to_informed) {
    ++group_.items;
    if (to_decision) {
      ++group_.decided;
      decision_days_.push_back(*to_decision);
    }
    if (to_informed) {
      ++group_.informed;
      informed_days_.push_back(*to_informed);
    }
  }

  LeadTimeGroup Finish(std::string key) && {
    group_.key = std::move(key);
    group_.to_decision = Summarise(std::move(decision_days_));
    group_.to_informed = Summarise(std::move(informed_days_));
    if (group_.items > 0) group_.informed_share = stats::WilsonInterval(group_.informed, group_.items);
    return std::move(group_);
  }

 private:
  LeadTimeGroup group_;
  std::vector<double> decision_days_, informed_days_;
};

// "YYYY-MM" of the local day, the key /cases/speed gives its month groups.
std::string MonthOf(const TimeZone& zone, Micros t) {
  const LocalDate day = zone.LocalDay(t);
  return fmt::format("{:04}-{:02}", day.year, day.month);
}

}  // namespace

std::optional<Micros> DecisionTime(const LeadTimeItem& item) {
  if (item.action_decided_at && item.triage_closed_at) return std::min(*item.action_decided_at, *item.triage_closed_at);
  return item.action_decided_at ? item.action_decided_at : item.triage_closed_at;
}

LeadTimes ComputeLeadTimes(const std::vector<LeadTimeItem>& items, LeadTimeGrouping grouping, const TimeZone& zone) {
  GroupTally total;
  std::map<std::string, GroupTally> groups;
  for (const LeadTimeItem& item : items) {
    const std::optional<double> to_decision = DaysSince(item.received_at, DecisionTime(item));
    const std::optional<double> to_informed = DaysSince(item.received_at, item.informed_at);
    total.Add(to_decision, to_informed);
    const std::string key = grouping == LeadTimeGrouping::kUnit ? item.unit : MonthOf(zone, item.received_at);
    groups[key].Add(to_decision, to_informed);
  }
  LeadTimes out;
  out.total = std::move(total).Finish({});
  for (auto& [key, tally] : groups) out.groups.push_back(std::move(tally).Finish(key));
  return out;
}

Result<std::vector<LeadTimeItem>> LoadLeadTimeItems(db::Connection& c, Micros from, Micros to) {
  // One row per item: an item belongs to at most one action (action_items' key) and has at most one
  // triage row, so the joins do not multiply it; its 'decided' messages are folded by the subquery.
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT f.id, COALESCE(un.code, ''), f.received_at, "
              "CASE WHEN a.decision IS NOT NULL THEN (SELECT CASE WHEN ai.linked_at > first.at THEN ai.linked_at "
              "ELSE first.at END FROM (SELECT COALESCE(MIN(e.at), a.decided_at) AS at FROM action_events e "
              "WHERE e.action_id = a.id AND e.kind = 'decided') first) END, "
              "CASE WHEN t.outcome = 'closed' THEN t.at END, "
              "(SELECT MIN(m.informed_at) FROM action_messages m WHERE m.feedback_id = f.id "
              "AND m.milestone = 'decided') "
              "FROM feedback f "
              "LEFT JOIN units un ON un.id = f.unit_id "
              "LEFT JOIN action_items ai ON ai.feedback_id = f.id "
              "LEFT JOIN actions a ON a.id = ai.action_id "
              "LEFT JOIN feedback_triage t ON t.feedback_id = f.id "
              "WHERE f.received_at >= $1 AND f.received_at < $2 AND f.text IS NOT NULL AND TRIM(f.text) <> '' "
              "AND (t.outcome IS NULL OR t.outcome <> 'merged') "
              "ORDER BY f.id",
              {from, to}));
  std::vector<LeadTimeItem> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) {
    out.push_back(LeadTimeItem{db::AsInt(r[0]), db::AsText(r[1]), db::AsInt(r[2]), db::AsOptionalInt(r[3]),
                               db::AsOptionalInt(r[4]), db::AsOptionalInt(r[5])});
  }
  return out;
}

}  // namespace ks::actions
