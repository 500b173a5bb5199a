// Events: dated measures taken ("new delivery partner", "extra staff on Saturdays") that the trend
// charts mark, each with the figures of the weeks before and after it and whether the change is real.
// Until action plans exist, events are entered by hand (POST /api/v1/events or the overview page);
// completed actions will be events too. Store functions are stateless; MeasureEvent is pure.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/summary_query.h"
#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"

namespace ks::analytics {

struct Event {
  std::int64_t id = 0;
  std::string title;
  std::string description;
  Micros happened_at = 0;
  std::optional<std::int64_t> unit_id;
  std::string unit_code;  // empty: the whole organisation
  Micros created_at = 0;
};

struct EventInput {
  std::string title;        // 1..200 characters
  std::string description;  // at most 2,000
  Micros happened_at = 0;
  std::string unit;  // a unit code, or empty
  std::optional<std::int64_t> created_by;
};

// kInvalidArgument naming the field: empty or long title, unknown unit, a time in the future.
Result<Event> CreateEvent(db::Connection& c, const EventInput& input, Micros now);
// Events in [from, to), oldest first.
Result<std::vector<Event>> ListEvents(db::Connection& c, Micros from, Micros to);

struct EventEffect {
  Scale scale = Scale::kNps;                // the scale measured (the query's, or the one most items use)
  GroupSummary before, after;               // the `weeks` weeks before the event's day, and after it
  std::optional<stats::ChangeTest> change;  // NPS on the nps scale, else the unhappy share
};
inline constexpr int kDefaultEffectWeeks = 8;

// The query's figures before and after `day` (the event's local day, itself in neither window).
Result<EventEffect> MeasureEvent(const Columns& columns, SummaryQuery query, LocalDate day, int weeks);

}  // namespace ks::analytics
