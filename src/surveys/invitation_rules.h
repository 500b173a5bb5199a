// The rules that decide when an invitation goes out and whether it goes out at all (issue 4 §2–3).
// Pure functions of plain facts, so they are table-tested with fixed times; thread-safe.
//
// When: the touchpoint's time plus the trigger's delay, moved out of the organisation's quiet hours
// (local wall-clock time, so a DST change does not shift 09:00 to 08:00 or 10:00).
// Whether, decided at send time: see SkipReasonFor.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/time.h"

namespace ks::surveys {

// Local minutes since midnight in which no invitation is sent. start > end wraps midnight
// (21:00–09:00); start == end: no quiet hours.
struct QuietHours {
  int start_minute = 21 * 60;
  int end_minute = 9 * 60;
};

// Quiet hours from the organisation's settings ("21:00", "09:00"); a malformed time keeps the default.
QuietHours ParseQuietHours(std::string_view start, std::string_view end);

// `at` itself when it is outside quiet hours, else the end of those quiet hours.
Micros OutOfQuietHours(Micros at, const QuietHours& quiet, const TimeZone& zone);

// What is known at send time about an invitation, its customer and its survey.
struct SendFacts {
  std::string channel;  // email | sms
  bool survey_active = true;
  bool exit_survey = false;
  bool follow_up = false;  // about an event of the customer's own (a case closed, leaving): no fatigue rule
  bool customer_lost = false;
  bool opted_out = false;  // unsubscribed from survey invitations
  bool consent_email = true, consent_sms = false;
  bool has_email = false, has_phone = false;
  std::optional<Micros> last_invited_at;  // the customer's latest invitation sent, on any channel
  int fatigue_days = 30;                  // at most one invitation per customer per this many days
  int sent_today = 0;                     // this survey's invitations sent since local midnight
  int daily_cap = 0;                      // 0: none
  Micros now = 0;
};

// Why the invitation must not be sent ("opted_out", "lost", "no_consent", "no_address", "fatigue",
// "daily_cap", "survey_inactive"), or nullopt to send it. Checked in that order, so the reason shown is
// the most fundamental one.
std::optional<std::string_view> SkipReasonFor(const SendFacts& facts);

}  // namespace ks::surveys
