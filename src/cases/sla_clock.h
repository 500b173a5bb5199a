// The SLA clock (issue 7 §3): an organisation's business hours and holidays in its time zone, and the
// arithmetic of working time on them — "48 working hours after the case opened" and "how many working
// hours did first contact take".
//
// Working hours are local wall-clock times, so a DST change moves neither 08:30 nor 17:30: a 23- or
// 25-hour day has the same working hours as any other. The functions walk day by day over the day's
// intervals (never minute by minute), so a deadline a week ahead costs about seven steps.
//
// A BusinessCalendar is an immutable value; it and every function here are thread-safe.
#pragma once

#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/time.h"

namespace ks::cases {

// Working time within one local day: [start_minute, end_minute) in minutes since local midnight,
// 0 <= start_minute < end_minute <= 1440 (1440 is "24:00", the next midnight). Work past midnight is two
// intervals, one on each day ("22:00-24:00" and "00:00-02:00").
struct WorkingInterval {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const WorkingInterval&) const = default;
};

// The working intervals of each weekday, [0] = Monday … [6] = Sunday.
using WeeklyHours = std::array<std::vector<WorkingInterval>, 7>;

class BusinessCalendar {
 public:
  // Validates and normalises: intervals are sorted, must not overlap (touching is fine) and at least one
  // weekday must have some, since without working hours no deadline ever comes; duplicate holidays are
  // dropped. kInvalidArgument naming the field as in the JSON form ("hours.tue", "holidays").
  static Result<BusinessCalendar> Create(TimeZone zone, WeeklyHours hours, std::vector<LocalDate> holidays);

  // Reads the JSON form:
  //   {"time_zone": "Europe/Amsterdam",
  //    "hours": {"mon": ["08:30-12:00", "12:30-17:30"], …, "sat": [], "sun": []},
  //    "holidays": ["2026-12-25", "2026-12-26"]}
  // time_zone and hours are required; a weekday left out of hours has no working hours; holidays are
  // local dates (YYYY-MM-DD), at most kMaxHolidays, and optional. Unknown fields are rejected. Errors name
  // the field: "time_zone", "hours.mon[1]", "holidays[3]".
  static Result<BusinessCalendar> FromJson(const nlohmann::json& document);

  // Monday to Friday 09:00–17:00 in Europe/Amsterdam, no holidays. Throws when the system's tz database
  // lacks Europe/Amsterdam (a start-up failure).
  static BusinessCalendar Default();

  // The JSON form read by FromJson, every weekday present, holidays in date order.
  nlohmann::json ToJson() const;

  const TimeZone& zone() const { return zone_; }
  const WeeklyHours& hours() const { return hours_; }
  bool IsHoliday(LocalDate day) const;

 private:
  BusinessCalendar(TimeZone zone, WeeklyHours hours, std::vector<LocalDate> holidays)
      : zone_(std::move(zone)), hours_(std::move(hours)), holidays_(std::move(holidays)) {}

  TimeZone zone_;
  WeeklyHours hours_;
  std::vector<LocalDate> holidays_;  // ascending, without duplicates
};

inline constexpr size_t kMaxHolidays = 1000;

// AddWorkingTime looks at most this many local days ahead of its start.
inline constexpr int kMaxSearchDays = 400;
// What AddWorkingTime returns when the working time is not reached within kMaxSearchDays: a deadline that
// never comes, so a case holding it is never overdue. Only holidays covering more than a year, or more
// working time than the calendar holds in kMaxSearchDays, lead to it; show it as "no deadline".
inline constexpr Micros kNoDeadline = std::numeric_limits<Micros>::max();

// The instant at which `working` microseconds of working time have elapsed after `start`: the earliest t
// with WorkingTimeBetween(calendar, start, t) == working. Outside working hours the count begins at the
// next opening; an amount that ends exactly at a closing time gives that closing time. `working` <= 0
// gives `start`. kNoDeadline when out of reach (see kMaxSearchDays).
Micros AddWorkingTime(const BusinessCalendar& calendar, Micros start, Micros working);

// The working time in [from, to); 0 when to <= from. Costs one step per local day between them.
Micros WorkingTimeBetween(const BusinessCalendar& calendar, Micros from, Micros to);

// AddWorkingTime with whole working hours, as SLAs are set (case_rules.h: SlaHours, DefaultSla):
// Deadline(calendar, opened_at, sla.first_contact).
Micros Deadline(const BusinessCalendar& calendar, Micros start, int working_hours);

}  // namespace ks::cases
