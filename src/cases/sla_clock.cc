#include "cases/sla_clock.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <tuple>

#include "base/json_helpers.h"

namespace ks::cases {
namespace {

using nlohmann::json;
using std::chrono::microseconds;
using std::chrono::minutes;

constexpr std::array<const char*, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr int kMinutesPerDay = 24 * 60;

bool EarlierDate(const LocalDate& a, const LocalDate& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

LocalDate ToLocalDate(date::local_days day) {
  const date::year_month_day ymd{day};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::string FormatDate(LocalDate day) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", day.year, day.month, day.day);
  return buf;
}

std::string FormatMinute(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string FormatInterval(const WorkingInterval& interval) {
  return FormatMinute(interval.start_minute) + "-" + FormatMinute(interval.end_minute);
}

// "08:30-17:30"; the end may be "24:00".
Result<WorkingInterval> ParseInterval(const json& value, const std::string& field) {
  if (!value.is_string()) {
    return Error::Invalid(field, "must be a string like \"08:30-17:30\", not " + JsonTypeName(value));
  }
  const auto& text = value.get_ref<const std::string&>();
  const auto bad = [&](std::string_view why) {
    return Error::Invalid(
        field, "'" + text.substr(0, 40) + "' is not a working interval like \"08:30-17:30\": " + std::string(why));
  };
  if (text.size() != 11 || text[5] != '-') return bad("expected HH:MM-HH:MM");
  const std::string_view view = text;
  const auto start = ParseMinuteOfDay(view.substr(0, 5));
  const auto end = view.substr(6) == "24:00" ? std::optional<int>(kMinutesPerDay) : ParseMinuteOfDay(view.substr(6));
  if (!start || !end) return bad("times run from 00:00 to 23:59 (or 24:00 as an end)");
  if (*start >= *end) return bad("the end must be after the start; split work past midnight over two days");
  return WorkingInterval{*start, *end};
}

Result<LocalDate> ParseDate(const json& value, const std::string& field) {
  if (!value.is_string()) {
    return Error::Invalid(field, "must be a date like \"2026-12-25\", not " + JsonTypeName(value));
  }
  const auto& text = value.get_ref<const std::string&>();
  const auto midnight = ParseRfc3339(text);
  if (text.size() != 10 || !midnight.ok()) {
    return Error::Invalid(field, "'" + text.substr(0, 40) + "' is not a date like \"2026-12-25\" (YYYY-MM-DD)");
  }
  return ToLocalDate(date::local_days{date::floor<date::days>(microseconds{*midnight})});
}

// The UTC instant of local wall-clock time `minute` on `day`. In a DST gap that is the moment of the
// change; in the repeated hour of a fall-back it is the first pass. The mapping never goes backwards, so
// intervals that are ordered and disjoint in local time stay so in UTC.
Micros ToUtc(const date::time_zone& zone, date::local_days day, int minute) {
  const date::local_time<microseconds> local{day + minutes{minute}};
  return zone.to_sys(local, date::choose::earliest).time_since_epoch().count();
}

date::local_days LocalDayOf(const date::time_zone& zone, Micros t) {
  return date::floor<date::days>(zone.to_local(date::sys_time<microseconds>{microseconds{t}}));
}

// The working intervals of local `day` (none on a holiday).
const std::vector<WorkingInterval>& IntervalsOn(const BusinessCalendar& calendar, date::local_days day) {
  static const std::vector<WorkingInterval> kNone;
  if (calendar.IsHoliday(ToLocalDate(day))) return kNone;
  return calendar.hours()[date::weekday{day}.iso_encoding() - 1];
}

const date::time_zone& DateZone(const BusinessCalendar& calendar) {
  // Found before: a BusinessCalendar holds only zones that TimeZone::Find accepted.
  return *date::locate_zone(calendar.zone().name());
}

}  // namespace

Result<BusinessCalendar> BusinessCalendar::Create(TimeZone zone, WeeklyHours hours, std::vector<LocalDate> holidays) {
  bool any_hours = false;
  for (size_t weekday = 0; weekday < hours.size(); ++weekday) {
    auto& intervals = hours[weekday];
    const std::string field = std::string("hours.") + kWeekdayKeys[weekday];
    for (const auto& interval : intervals) {
      if (interval.start_minute < 0 || interval.end_minute > kMinutesPerDay ||
          interval.start_minute >= interval.end_minute) {
        return Error::Invalid(field, "interval " + std::to_string(interval.start_minute) + ".." +
                                         std::to_string(interval.end_minute) +
                                         " (minutes after midnight) must satisfy 0 <= start < end <= 1440");
      }
    }
    std::sort(intervals.begin(), intervals.end(),
              [](const auto& a, const auto& b) { return a.start_minute < b.start_minute; });
    for (size_t i = 1; i < intervals.size(); ++i) {
      if (intervals[i].start_minute < intervals[i - 1].end_minute) {
        return Error::Invalid(field,
                              FormatInterval(intervals[i - 1]) + " and " + FormatInterval(intervals[i]) + " overlap");
      }
    }
    any_hours = any_hours || !intervals.empty();
  }
  if (!any_hours) {
    return Error::Invalid("hours",
                          "no weekday has working hours, so no deadline would ever come; give at least one "
                          "day an interval such as \"09:00-17:00\"");
  }
  if (holidays.size() > kMaxHolidays) {
    return Error::Invalid(
        "holidays", "has " + std::to_string(holidays.size()) + " dates; the limit is " + std::to_string(kMaxHolidays));
  }
  for (const auto& day : holidays) {
    if (!(date::year{day.year} / day.month / day.day).ok()) {
      return Error::Invalid("holidays", FormatDate(day) + " is not a date");
    }
  }
  std::sort(holidays.begin(), holidays.end(), EarlierDate);
  holidays.erase(std::unique(holidays.begin(), holidays.end()), holidays.end());
  return BusinessCalendar(std::move(zone), std::move(hours), std::move(holidays));
}

Result<BusinessCalendar> BusinessCalendar::FromJson(const json& document) {
  if (!document.is_object()) {
    return Error::Invalid("", "a business calendar must be an object, not " + JsonTypeName(document));
  }
  KS_RETURN_IF_ERROR(RejectUnknownFields(document, {"time_zone", "hours", "holidays"}));

  KS_ASSIGN_OR_RETURN(const std::string zone_name, JsonString(document, "time_zone", true, 100));
  KS_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(zone_name));

  const auto hours_it = document.find("hours");
  if (hours_it == document.end() || hours_it->is_null()) return Error::Invalid("hours", "is required");
  if (!hours_it->is_object()) {
    return Error::Invalid(
        "hours", "must be an object of weekdays (\"mon\" … \"sun\") to intervals, not " + JsonTypeName(*hours_it));
  }
  const auto unknown = RejectUnknownFields(*hours_it, {kWeekdayKeys.begin(), kWeekdayKeys.end()});
  if (!unknown.ok()) return unknown.error().WithFieldPrefix("hours");
  WeeklyHours hours;
  for (size_t weekday = 0; weekday < hours.size(); ++weekday) {
    const std::string field = std::string("hours.") + kWeekdayKeys[weekday];
    const auto day_it = hours_it->find(kWeekdayKeys[weekday]);
    if (day_it == hours_it->end() || day_it->is_null()) continue;
    if (!day_it->is_array()) {
      return Error::Invalid(field, "must be a list of intervals like [\"09:00-17:00\"], not " + JsonTypeName(*day_it));
    }
    for (size_t i = 0; i < day_it->size(); ++i) {
      KS_ASSIGN_OR_RETURN(auto interval, ParseInterval((*day_it)[i], field + "[" + std::to_string(i) + "]"));
      hours[weekday].push_back(interval);
    }
  }

  std::vector<LocalDate> holidays;
  const auto holidays_it = document.find("holidays");
  if (holidays_it != document.end() && !holidays_it->is_null()) {
    if (!holidays_it->is_array()) {
      return Error::Invalid("holidays",
                            "must be a list of dates like [\"2026-12-25\"], not " + JsonTypeName(*holidays_it));
    }
    for (size_t i = 0; i < holidays_it->size(); ++i) {
      KS_ASSIGN_OR_RETURN(auto day, ParseDate((*holidays_it)[i], "holidays[" + std::to_string(i) + "]"));
      holidays.push_back(day);
    }
  }
  return Create(std::move(zone), std::move(hours), std::move(holidays));
}

BusinessCalendar BusinessCalendar::Default() {
  WeeklyHours hours;
  for (size_t weekday = 0; weekday < 5; ++weekday) hours[weekday] = {{9 * 60, 17 * 60}};
  return Create(TimeZone::Find(kDefaultTimeZone).value(), std::move(hours), {}).value();
}

json BusinessCalendar::ToJson() const {
  json hours = json::object();
  for (size_t weekday = 0; weekday < hours_.size(); ++weekday) {
    json intervals = json::array();
    for (const auto& interval : hours_[weekday]) intervals.push_back(FormatInterval(interval));
    hours[kWeekdayKeys[weekday]] = std::move(intervals);
  }
  json holidays = json::array();
  for (const auto& day : holidays_) holidays.push_back(FormatDate(day));
  return {{"time_zone", zone_.name()}, {"hours", std::move(hours)}, {"holidays", std::move(holidays)}};
}

bool BusinessCalendar::IsHoliday(LocalDate day) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), day, EarlierDate);
}

Micros AddWorkingTime(const BusinessCalendar& calendar, Micros start, Micros working) {
  if (working <= 0) return start;
  const auto& zone = DateZone(calendar);
  Micros remaining = working;
  date::local_days day = LocalDayOf(zone, start);
  for (int step = 0; step < kMaxSearchDays; ++step, day += date::days{1}) {
    for (const auto& interval : IntervalsOn(calendar, day)) {
      const Micros begin = std::max(start, ToUtc(zone, day, interval.start_minute));
      const Micros end = ToUtc(zone, day, interval.end_minute);
      if (end <= begin) continue;
      if (remaining <= end - begin) return begin + remaining;
      remaining -= end - begin;
    }
  }
  return kNoDeadline;
}

Micros WorkingTimeBetween(const BusinessCalendar& calendar, Micros from, Micros to) {
  if (to <= from) return 0;
  const auto& zone = DateZone(calendar);
  const date::local_days last = LocalDayOf(zone, to);
  Micros total = 0;
  for (date::local_days day = LocalDayOf(zone, from); day <= last; day += date::days{1}) {
    for (const auto& interval : IntervalsOn(calendar, day)) {
      const Micros begin = std::max(from, ToUtc(zone, day, interval.start_minute));
      const Micros end = std::min(to, ToUtc(zone, day, interval.end_minute));
      if (end > begin) total += end - begin;
    }
  }
  return total;
}

Micros Deadline(const BusinessCalendar& calendar, Micros start, int working_hours) {
  return AddWorkingTime(calendar, start, working_hours * 3600LL * kMicrosPerSecond);
}

}  // namespace ks::cases
