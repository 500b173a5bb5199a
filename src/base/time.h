// RFC 3339 timestamps and the organisation's time zone.
// Stored times are UTC microseconds (Micros); days and months are bucketed in the organisation's local
// time (default Europe/Amsterdam) using the system tz database through Howard Hinnant's date library.
// All functions are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace date {
class time_zone;
}

namespace ks {

// Parses "2026-11-02T10:00:00Z", "2026-11-02T11:00:00.250+01:00" (RFC 3339, 'T' or ' ', 'Z' or offset).
// A date alone ("2026-11-02") means midnight UTC.
Result<Micros> ParseRfc3339(std::string_view text);

// Formats as "2026-11-02T10:00:00Z", with a fraction (".250000") only when it is not zero.
std::string FormatRfc3339(Micros t);

// A calendar day in local time.
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const LocalDate&) const = default;
};

class TimeZone {
 public:
  // Looks `name` up in the tz database ("Europe/Amsterdam"); InvalidArgument when unknown.
  static Result<TimeZone> Find(std::string_view name);

  const std::string& name() const { return name_; }
  LocalDate LocalDay(Micros t) const;
  // Minutes since local midnight (0..1439) at `t`.
  int LocalMinuteOfDay(Micros t) const;
  // The UTC instant at which local midnight of `day` begins (DST-aware).
  Micros StartOfDay(LocalDate day) const;

 private:
  TimeZone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
  const date::time_zone* zone_;
  std::string name_;
};

// A local ISO 8601 week: Monday 00:00 to the next Monday 00:00 in the organisation's time zone. A week
// holding a DST change is 167 or 169 hours long.
struct LocalWeek {
  int iso_year = 1970;  // the year the week's Thursday falls in: 2027-01-01 is in week 53 of 2026
  int iso_week = 1;     // 1..53
  LocalDate monday;
  Micros start = 0;  // UTC instant of Monday 00:00 local, inclusive
  Micros end = 0;    // UTC instant of the next Monday 00:00 local, exclusive
  bool operator==(const LocalWeek&) const = default;
};

// The local week that holds `t` ("this week").
LocalWeek WeekContaining(const TimeZone& zone, Micros t);
// The week `weeks` after `week` (before it when negative). The history window of N weeks before this
// week runs from WeeksLater(zone, this_week, -N).start to this_week.start.
LocalWeek WeeksLater(const TimeZone& zone, const LocalWeek& week, int weeks);

// "21:00" → 1260 minutes after midnight; nullopt unless HH:MM with HH 00..23 and MM 00..59.
std::optional<int> ParseMinuteOfDay(std::string_view text);

inline constexpr std::string_view kDefaultTimeZone = "Europe/Amsterdam";

}  // namespace ks
