// Lead times of feeding back (issue 8 §8): how long it takes from a feedback item to a decision about it
// and to its customer being told, and the share of items whose customer was told a decision — per unit
// or month, for every employee to see. A pure computation over one row per item (ComputeLeadTimes), and
// the query that reads those rows on either engine (LoadLeadTimeItems). Only units and months are
// grouped: never reporters or employees. Plain values; the functions are thread-safe.
//
// Definitions.
//   Population: the feedback items received in [from, to) that have text (`text` not empty after
//     trimming spaces), except those a coordinator merged into another item as duplicates
//     (feedback_triage.outcome = 'merged'): only things someone said can be decided on and answered.
//   Decision time of an item: the earliest of
//     - the first decision of the action plan it is linked to (action_items; its first 'decided' event,
//       else the plan's decided_at), when that plan has a decision ("do", "not now" or "won't" — each is a
//       decision that goes back to the customer), or the time it was linked when that was later (an item
//       linked to a plan decided before has its decision from then on), and
//     - the time a coordinator closed it in triage with a reason (feedback_triage outcome 'closed', `at`):
//       closing with a reason is a decision too.
//     Time to decision = decision time − received_at.
//   Informed time of an item: the earliest `action_messages.informed_at` of milestone 'decided' for it
//     (mail queued, or the colleague ticked that they told the customer); when a decision was changed and
//     told again, the first telling counts. Messages that never inform anybody (how = 'nobody',
//     informed_at NULL) do not count. Time to informed = informed time − received_at.
//   A decision changed later ("not now" became "do") does not move the decision time: the customer had a
//     decision from the first one on.
//   Durations are in days of 24 hours (wall clock); a time recorded before received_at (clock skew, or an
//     item imported with a later date) counts as 0. Medians and 90th percentiles (stats::Percentile, linear
//     interpolation as PERCENTILE.INC) are over the items that reached that step only, so items still
//     waiting never lower them — they show in the counts and in the informed share.
//   Share with a communicated decision: informed / items, with its 95% Wilson interval
//     (stats::WilsonInterval); nullopt for a group without items.
//
// Groups: the unit of the feedback item (the unit's code; empty when it has none — no roll-up to parent
// units), or the month it was received: the local month ("YYYY-MM") of received_at in the organisation's
// time zone (OrganisationSettings::time_zone), as /cases/speed groups cases by the month they opened. An
// item counts in the month it was received, also when decided or told later. Groups are ascending by key
// (months in time order); the total covers all items.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/time.h"
#include "db/database.h"
#include "stats/nps.h"

namespace ks::actions {

// What the lead times need of one item of the population.
struct LeadTimeItem {
  std::int64_t feedback_id = 0;
  std::string unit;  // the unit's code; empty when the item has none
  Micros received_at = 0;
  std::optional<Micros> action_decided_at;  // its plan's first decision, or its linking when later (see above)
  std::optional<Micros> triage_closed_at;   // when triage closed it with a reason
  std::optional<Micros> informed_at;        // the earliest informed_at of its 'decided' messages
};

enum class LeadTimeGrouping { kUnit, kMonth };

// The median and 90th percentile of a duration in days, over the items that have it; nullopt without.
struct DaysSummary {
  std::optional<double> median_days, p90_days;
};

struct LeadTimeGroup {
  std::string key;            // unit code or "YYYY-MM"; empty for the total (and for items without a unit)
  std::int64_t items = 0;     // the population
  std::int64_t decided = 0;   // items with a decision time
  std::int64_t informed = 0;  // items with an informed time
  std::optional<stats::Proportion> informed_share;  // informed / items with its 95% interval
  DaysSummary to_decision, to_informed;
};

struct LeadTimes {
  std::vector<LeadTimeGroup> groups;  // ascending by key
  LeadTimeGroup total;
};

// The decision time of `item` (the earlier of action_decided_at and triage_closed_at), if any.
std::optional<Micros> DecisionTime(const LeadTimeItem& item);

// The lead times of `items` (the population, as LoadLeadTimeItems reads it) grouped by `grouping`, months
// in `zone`.
LeadTimes ComputeLeadTimes(const std::vector<LeadTimeItem>& items, LeadTimeGrouping grouping, const TimeZone& zone);

// The population received in [from, to) with the times above, ordered by feedback id. Works on SQLite and
// PostgreSQL.
Result<std::vector<LeadTimeItem>> LoadLeadTimeItems(db::Connection& c, Micros from, Micros to);

}  // namespace ks::actions
