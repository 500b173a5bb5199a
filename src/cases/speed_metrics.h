// Speed metrics (issue 7 §9, "respond fast"): how long customers wait for first contact and for a
// resolution, and how many cases meet their SLA — in total and per unit, owner or month. Pure logic — no
// database: the caller loads the cases' timings and passes the organisation's calendar and `now`.
// Plain values; pure functions; thread-safe.
//
// Durations. Time to first contact is first_contact_at − opened_at, time to resolution is resolved_at −
// opened_at, each in wall-clock hours and in working hours on the calendar (WorkingTimeBetween); a time
// recorded before opened_at (clock skew between nodes) counts as 0. Only cases that have the event take
// part, so open cases never lower a median — they show in the within-SLA shares and the overdue count.
// Percentiles interpolate linearly between the closest ranks (stats::Percentile).
//
// Within SLA. A deadline is met when the event happens at or before it; a case is overdue when `now` is
// past it (now > due), matching AddWorkingTime, whose deadline is the instant the working time is used up.
// For first contact (the same holds for resolution with resolved_at and resolution_due):
//   contacted                                  judged: within iff first_contact_at <= first_contact_due
//   not contacted, open, now > due             judged: not within (the customer is still waiting)
//   not contacted, open, now <= due            left out: it may still be met
//   not contacted, resolved                    left out of first contact: nobody will call any more (the
//                                              state machine closes uncontacted cases only without consent)
//   due == kNoDeadline                         left out: there is no SLA to meet
// Recorded times are taken as they are, also when later than `now`; `now` only decides for cases that
// lack the event. A case is open while resolved_at is empty.
//
// Overdue: open cases not contacted by first_contact_due or not resolved by resolution_due, at `now`; each
// case counted once, and a late contact already made no longer counts.
//
// Groups: the unit's code, the owner, or the month the case opened — the local month ("YYYY-MM") of
// opened_at in the calendar's time zone, so a case opened on 31 January at 23:30 in Amsterdam belongs to
// January. Cases count in the month they opened, also when they were contacted or resolved later.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "cases/sla_clock.h"
#include "stats/nps.h"

namespace ks::cases {

// What the metrics need of one case.
struct CaseTiming {
  std::string unit;   // the unit's code; empty when the case has none
  std::string owner;  // the owner as shown (user's e-mail address or queue name); empty when unassigned
  Micros opened_at = 0;
  std::optional<Micros> first_contact_at;  // the first recorded contact with the customer
  // When the case was resolved (or closed without being resolved first); empty while it is open, also
  // after a reopen.
  std::optional<Micros> resolved_at;
  Micros first_contact_due = kNoDeadline;
  Micros resolution_due = kNoDeadline;
};

enum class SpeedGrouping { kNone, kUnit, kOwner, kMonth };

// The median and 90th percentile of one duration over the cases that have it; nullopt without such cases.
struct DurationSummary {
  std::optional<double> median_hours, p90_hours;                  // wall-clock
  std::optional<double> median_working_hours, p90_working_hours;  // on the business calendar
};

// The share of judged cases that met a deadline (see the file comment for which cases are judged).
struct SlaShare {
  std::int64_t within = 0;
  std::int64_t judged = 0;
  std::optional<stats::Proportion> share;  // within / judged with its 95% Wilson interval; nullopt if none judged
};

struct SpeedGroup {
  std::string key;  // unit code, owner or "YYYY-MM"; empty for the total
  std::int64_t cases = 0;
  std::int64_t contacted = 0;
  std::int64_t resolved = 0;
  DurationSummary time_to_first_contact;
  DurationSummary time_to_resolution;
  SlaShare first_contact_within_sla;
  SlaShare resolution_within_sla;
  std::int64_t overdue = 0;  // open cases past a deadline at `now`
};

struct SpeedMetrics {
  std::vector<SpeedGroup> groups;  // ascending by key (months in time order); empty for kNone
  SpeedGroup total;                // all cases
};

// The metrics of `cases` grouped by `grouping`, with working time and months on `calendar`, judged at `now`.
SpeedMetrics ComputeSpeedMetrics(const std::vector<CaseTiming>& cases, SpeedGrouping grouping,
                                 const BusinessCalendar& calendar, Micros now);

// The key of a month group: "YYYY-MM" of a local day (the month of a case is that of its local opening day).
std::string MonthKey(const LocalDate& day);

}  // namespace ks::cases
