// The NPS beside the speed metrics (issue 7 §9, "respond fast"): for the period and grouping of the speed
// metrics, the NPS of each group with the number of answers it rests on and its 95% interval, so a reader
// sees whether the units that respond fast also have the better NPS.
//
// Which answers count: feedback of our own brand (brand "own"; the competitors' have their own page) with
// a score on the nps scale, received in [from, to). NPS = % promoters (9–10) − % detractors (0–6), with
// the adjusted-Wald interval of stats::EstimateNps, as analytics computes it. Per grouping:
//   none    all those answers
//   unit    the answers given at that unit itself, not at the units below it — as analytics' group_by=unit
//           counts a unit, and as the speed metrics count a case at its own unit, so a region's row does
//           not repeat its locations' answers. Key: the unit's code; "" for answers without a unit.
//   month   the answers received in that local month ("YYYY-MM" on the case rules' calendar, as the speed
//           metrics' months), within [from, to)
//   owner   the answers given at the units of the owner's cases opened in [from, to) (each unit once):
//           the customers the owner served. Not the items in the owner's cases: cases open for unhappy
//           customers, so those would be detractors nearly by definition. Key: as the speed metrics'
//           (the user's e-mail address or the queue's name); an owner whose cases have no unit has none.
// A group without NPS answers is absent; the keys are those of SpeedGroup::key.
// Stateless functions on the caller's connection; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/result.h"
#include "cases/speed_metrics.h"
#include "db/database.h"
#include "stats/nps.h"

namespace ks::cases {

struct GroupNps {
  stats::NpsCounts counts;      // promoters, passives, detractors; n() is the number of answers
  stats::NpsEstimate estimate;  // stats::EstimateNps(counts)
};

struct SpeedNps {
  std::optional<GroupNps> total;           // all answers of the period; none without NPS answers
  std::map<std::string, GroupNps> groups;  // by SpeedGroup::key; empty for SpeedGrouping::kNone
  // The group's NPS; nullptr when it has no NPS answers.
  const GroupNps* Find(const std::string& key) const;
};

// The NPS of the period [from, to) and of its groups (months on the calendar in force).
Result<SpeedNps> LoadSpeedNps(db::Connection& c, Micros from, Micros to, SpeedGrouping grouping);

}  // namespace ks::cases
