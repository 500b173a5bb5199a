#include "surveys/invitation_rules.h"

namespace ks::surveys {
namespace {

constexpr Micros kMinute = Micros{60} * kMicrosPerSecond;
constexpr Micros kDay = Micros{24} * 60 * kMinute;

bool InQuietHours(int minute, const QuietHours& q) {
  if (q.start_minute == q.end_minute) return false;
  if (q.start_minute < q.end_minute) return minute >= q.start_minute && minute < q.end_minute;
  return minute >= q.start_minute || minute < q.end_minute;
}

// The instant of local wall-clock `minute` on local `day`.
Micros LocalTime(const TimeZone& zone, LocalDate day, int minute) {
  Micros t = zone.StartOfDay(day) + Micros{minute} * kMinute;
  // Across a DST change the day is 23 or 25 hours long: correct by the wall clock's difference.
  t += Micros{minute - zone.LocalMinuteOfDay(t)} * kMinute;
  return t;
}

}  // namespace

QuietHours ParseQuietHours(std::string_view start, std::string_view end) {
  return {ParseMinuteOfDay(start).value_or(QuietHours{}.start_minute),
          ParseMinuteOfDay(end).value_or(QuietHours{}.end_minute)};
}

Micros OutOfQuietHours(Micros at, const QuietHours& quiet, const TimeZone& zone) {
  const int minute = zone.LocalMinuteOfDay(at);
  if (!InQuietHours(minute, quiet)) return at;
  LocalDate day = zone.LocalDay(at);
  // Quiet hours that began this evening end tomorrow morning.
  if (quiet.start_minute > quiet.end_minute && minute >= quiet.start_minute) {
    day = zone.LocalDay(zone.StartOfDay(day) + kDay + kDay / 2);
  }
  return LocalTime(zone, day, quiet.end_minute);
}

std::optional<std::string_view> SkipReasonFor(const SendFacts& f) {
  if (!f.survey_active) return "survey_inactive";
  if (f.opted_out) return "opted_out";
  if (f.customer_lost && !f.exit_survey) return "lost";
  if (f.channel == "email" ? !f.consent_email : !f.consent_sms) return "no_consent";
  if (f.channel == "email" ? !f.has_email : !f.has_phone) return "no_address";
  if (!f.follow_up && f.last_invited_at && f.now - *f.last_invited_at < Micros{f.fatigue_days} * kDay) return "fatigue";
  if (f.daily_cap > 0 && f.sent_today >= f.daily_cap) return "daily_cap";
  return std::nullopt;
}

}  // namespace ks::surveys
