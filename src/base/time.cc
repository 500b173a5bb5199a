#include "base/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cstdio>

namespace ks {
namespace {

using std::chrono::microseconds;

// Reads exactly `n` digits at `pos`; -1 when they are not there.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

Error BadTime(std::string_view text, std::string_view why) {
  return Error::Invalid("", "'" + std::string(text.substr(0, 40)) +
                                "' is not an RFC 3339 timestamp (like 2026-11-02T10:00:00Z): " + std::string(why));
}

date::sys_days ToSysDays(LocalDate day) {
  return date::sys_days{date::year{day.year} / static_cast<unsigned>(day.month) / static_cast<unsigned>(day.day)};
}

LocalDate ToLocalDate(date::sys_days days) {
  const date::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

LocalWeek WeekStartingOn(const TimeZone& zone, date::sys_days monday) {
  // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the year's first Thursday.
  const date::sys_days thursday = monday + date::days{3};
  const date::year iso_year = date::year_month_day{thursday}.year();
  const date::sys_days january_first{iso_year / date::January / 1};
  LocalWeek week;
  week.iso_year = static_cast<int>(iso_year);
  week.iso_week = static_cast<int>((thursday - january_first).count() / 7) + 1;
  week.monday = ToLocalDate(monday);
  week.start = zone.StartOfDay(week.monday);
  week.end = zone.StartOfDay(ToLocalDate(monday + date::days{7}));
  return week;
}

}  // namespace

Result<Micros> ParseRfc3339(std::string_view s) {
  const int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2);
  if (year < 0 || month < 0 || day < 0 || s.size() < 10 || s[4] != '-' || s[7] != '-') {
    return BadTime(s, "expected YYYY-MM-DD");
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return BadTime(s, "no such date");
  Micros t = std::chrono::duration_cast<microseconds>(date::sys_days{ymd}.time_since_epoch()).count();
  if (s.size() == 10) return t;

  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return BadTime(s, "expected 'T' after the date");
  const int hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
  if (hour < 0 || minute < 0 || second < 0 || s[13] != ':' || s[16] != ':') {
    return BadTime(s, "expected hh:mm:ss");
  }
  if (hour > 23 || minute > 59 || second > 60) return BadTime(s, "time of day out of range");
  t += ((hour * 60LL + minute) * 60LL + std::min(second, 59)) * kMicrosPerSecond;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    Micros fraction = 0;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) fraction = fraction * 10 + (s[pos] - '0'), ++digits;
      ++pos;
    }
    if (digits == 0) return BadTime(s, "empty fraction of a second");
    while (digits < 6) fraction *= 10, ++digits;
    t += fraction;
  }
  if (pos >= s.size()) return BadTime(s, "missing time zone ('Z' or +hh:mm)");
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int oh = Digits(s, pos + 1, 2), om = Digits(s, pos + 4, 2);
    if (oh < 0 || om < 0 || s[pos + 3] != ':' || oh > 23 || om > 59) return BadTime(s, "bad offset");
    const Micros offset = (oh * 60LL + om) * 60LL * kMicrosPerSecond;
    t += s[pos] == '+' ? -offset : offset;
    pos += 6;
  } else {
    return BadTime(s, "missing time zone ('Z' or +hh:mm)");
  }
  if (pos != s.size()) return BadTime(s, "unexpected text after the time zone");
  return t;
}

std::string FormatRfc3339(Micros t) {
  const date::sys_time<microseconds> tp{microseconds{t}};
  const auto day = date::floor<date::days>(tp);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<microseconds> tod{tp - day};
  char buf[64];
  const long long frac = tod.subseconds().count();
  if (frac == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(tod.hours().count()), static_cast<long long>(tod.minutes().count()),
                  static_cast<long long>(tod.seconds().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%06lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(tod.hours().count()), static_cast<long long>(tod.minutes().count()),
                  static_cast<long long>(tod.seconds().count()), frac);
  }
  return buf;
}

Result<TimeZone> TimeZone::Find(std::string_view name) {
  try {
    return TimeZone(date::locate_zone(name), std::string(name));
  } catch (const std::exception&) {
    return Error::Invalid(
        "time_zone", "unknown time zone '" + std::string(name) + "' (use a tz database name such as Europe/Amsterdam)");
  }
}

LocalDate TimeZone::LocalDay(Micros t) const {
  const date::sys_time<microseconds> tp{microseconds{t}};
  const auto local = zone_->to_local(tp);
  const date::year_month_day ymd{date::floor<date::days>(local)};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int TimeZone::LocalMinuteOfDay(Micros t) const {
  const auto local = zone_->to_local(date::sys_time<microseconds>{microseconds{t}});
  const auto since_midnight = local - date::floor<date::days>(local);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
}

Micros TimeZone::StartOfDay(LocalDate day) const {
  const date::local_days local{date::year{day.year} / day.month / day.day};
  // Midnight can fall in a DST gap in some zones; "earliest" picks the first valid instant.
  const auto utc = zone_->to_sys(date::local_time<microseconds>{local}, date::choose::earliest);
  return utc.time_since_epoch().count();
}

std::optional<int> ParseMinuteOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

LocalWeek WeekContaining(const TimeZone& zone, Micros t) {
  const date::sys_days day = ToSysDays(zone.LocalDay(t));
  const unsigned days_since_monday = date::weekday{day}.iso_encoding() - 1;
  return WeekStartingOn(zone, day - date::days{days_since_monday});
}

LocalWeek WeeksLater(const TimeZone& zone, const LocalWeek& week, int weeks) {
  return WeekStartingOn(zone, ToSysDays(week.monday) + date::days{7LL * weeks});
}

}  // namespace ks
