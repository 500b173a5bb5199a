#include "cases/speed_metrics.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

#include "stats/descriptive.h"

namespace ks::cases {
namespace {

constexpr double kMicrosPerHour = 3600.0 * kMicrosPerSecond;

enum class SlaOutcome { kNotJudged, kWithin, kMissed };

// The rules of the file comment in the header: `done_at` is the event's time, `open` whether it may still
// happen.
SlaOutcome Judge(std::optional<Micros> done_at, Micros due, bool open, Micros now) {
  if (due == kNoDeadline) return SlaOutcome::kNotJudged;
  if (done_at) return *done_at <= due ? SlaOutcome::kWithin : SlaOutcome::kMissed;
  return open && now > due ? SlaOutcome::kMissed : SlaOutcome::kNotJudged;
}

struct Elapsed {
  double hours = 0;
  double working_hours = 0;
};

std::optional<Elapsed> ElapsedSinceOpening(const BusinessCalendar& calendar, Micros opened_at,
                                           std::optional<Micros> at) {
  if (!at) return std::nullopt;
  return Elapsed{static_cast<double>(std::max<Micros>(*at - opened_at, 0)) / kMicrosPerHour,
                 static_cast<double>(WorkingTimeBetween(calendar, opened_at, *at)) / kMicrosPerHour};
}

// What one case contributes, worked out once for the total and its group.
struct CaseFacts {
  std::optional<Elapsed> to_first_contact, to_resolution;
  SlaOutcome first_contact = SlaOutcome::kNotJudged, resolution = SlaOutcome::kNotJudged;
  bool overdue = false;
};

CaseFacts Examine(const CaseTiming& c, const BusinessCalendar& calendar, Micros now) {
  const bool open = !c.resolved_at.has_value();
  CaseFacts facts;
  facts.to_first_contact = ElapsedSinceOpening(calendar, c.opened_at, c.first_contact_at);
  facts.to_resolution = ElapsedSinceOpening(calendar, c.opened_at, c.resolved_at);
  facts.first_contact = Judge(c.first_contact_at, c.first_contact_due, open, now);
  facts.resolution = Judge(c.resolved_at, c.resolution_due, open, now);
  // A late contact has happened and no longer makes the case overdue; an open case's missed resolution has not.
  const bool waiting_for_contact = !c.first_contact_at && facts.first_contact == SlaOutcome::kMissed;
  facts.overdue = open && (waiting_for_contact || facts.resolution == SlaOutcome::kMissed);
  return facts;
}

void Count(SlaOutcome outcome, SlaShare& share) {
  if (outcome == SlaOutcome::kNotJudged) return;
  ++share.judged;
  if (outcome == SlaOutcome::kWithin) ++share.within;
}

DurationSummary Summarise(std::vector<double> hours, std::vector<double> working_hours) {
  if (hours.empty()) return {};
  std::sort(hours.begin(), hours.end());
  std::sort(working_hours.begin(), working_hours.end());
  return {stats::PercentileOfSorted(hours, 0.5), stats::PercentileOfSorted(hours, 0.9),
          stats::PercentileOfSorted(working_hours, 0.5), stats::PercentileOfSorted(working_hours, 0.9)};
}

// The cases of one group, collected before the percentiles are taken.
class GroupTally {
 public:
  void Add(const CaseFacts& facts) {
    ++group_.cases;
    if (facts.to_first_contact) {
      ++group_.contacted;
      contact_hours_.push_back(facts.to_first_contact->hours);
      contact_working_hours_.push_back(facts.to_first_contact->working_hours);
    }
    if (facts.to_resolution) {
      ++group_.resolved;
      resolution_hours_.push_back(facts.to_resolution->hours);
      resolution_working_hours_.push_back(facts.to_resolution->working_hours);
    }
    Count(facts.first_contact, group_.first_contact_within_sla);
    Count(facts.resolution, group_.resolution_within_sla);
    if (facts.overdue) ++group_.overdue;
  }

  SpeedGroup Finish(std::string key) && {
    group_.key = std::move(key);
    group_.time_to_first_contact = Summarise(std::move(contact_hours_), std::move(contact_working_hours_));
    group_.time_to_resolution = Summarise(std::move(resolution_hours_), std::move(resolution_working_hours_));
    for (SlaShare* share : {&group_.first_contact_within_sla, &group_.resolution_within_sla}) {
      if (share->judged > 0) share->share = stats::WilsonInterval(share->within, share->judged);
    }
    return std::move(group_);
  }

 private:
  SpeedGroup group_;
  std::vector<double> contact_hours_, contact_working_hours_;
  std::vector<double> resolution_hours_, resolution_working_hours_;
};

std::string LocalMonth(const TimeZone& zone, Micros t) { return MonthKey(zone.LocalDay(t)); }

std::string GroupKey(const CaseTiming& c, SpeedGrouping grouping, const TimeZone& zone) {
  switch (grouping) {
    case SpeedGrouping::kNone: return {};
    case SpeedGrouping::kUnit: return c.unit;
    case SpeedGrouping::kOwner: return c.owner;
    case SpeedGrouping::kMonth: return LocalMonth(zone, c.opened_at);
  }
  return {};
}

}  // namespace

std::string MonthKey(const LocalDate& day) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d", day.year, day.month);
  return buf;
}

SpeedMetrics ComputeSpeedMetrics(const std::vector<CaseTiming>& cases, SpeedGrouping grouping,
                                 const BusinessCalendar& calendar, Micros now) {
  GroupTally total;
  std::map<std::string, GroupTally> groups;
  for (const CaseTiming& c : cases) {
    const CaseFacts facts = Examine(c, calendar, now);
    total.Add(facts);
    if (grouping != SpeedGrouping::kNone) groups[GroupKey(c, grouping, calendar.zone())].Add(facts);
  }
  SpeedMetrics metrics;
  metrics.total = std::move(total).Finish({});
  for (auto& [key, tally] : groups) metrics.groups.push_back(std::move(tally).Finish(key));
  return metrics;
}

}  // namespace ks::cases
