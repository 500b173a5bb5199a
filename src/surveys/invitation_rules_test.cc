#include "surveys/invitation_rules.h"

#include <gtest/gtest.h>

namespace ks::surveys {
namespace {

constexpr Micros kMinute = 60 * kMicrosPerSecond;
constexpr Micros kDay = 24 * 60 * kMinute;

Micros At(const char* rfc3339) { return ParseRfc3339(rfc3339).value(); }

struct QuietCase {
  const char* name;
  const char* occurred;  // UTC
  int delay_minutes;
  QuietHours quiet;
  const char* expected;  // UTC
};

TEST(InvitationRules, SendTimeIsTheDelayMovedOutOfQuietHoursInLocalTime) {
  const QuietCase cases[] = {
      {"daytime stays", "2026-11-02T10:00:00Z", 0, {}, "2026-11-02T10:00:00Z"},
      {"two hours after a support call", "2026-11-02T10:00:00Z", 120, {}, "2026-11-02T12:00:00Z"},
      {"a day after a delivery", "2026-11-02T10:00:00Z", 1440, {}, "2026-11-03T10:00:00Z"},
      {"one minute before quiet hours end (08:59 CET)", "2026-11-02T07:59:00Z", 0, {}, "2026-11-02T08:00:00Z"},
      {"quiet hours end at 09:00 CET", "2026-11-02T08:00:00Z", 0, {}, "2026-11-02T08:00:00Z"},
      {"last minute before quiet hours (20:59 CET)", "2026-11-02T19:59:00Z", 0, {}, "2026-11-02T19:59:00Z"},
      {"evening call + 2 h lands at 21:30 → next morning 09:00",
       "2026-11-02T18:30:00Z",
       120,
       {},
       "2026-11-03T08:00:00Z"},
      {"the night before summer time: 09:00 CEST is 07:00Z", "2026-03-28T21:00:00Z", 0, {}, "2026-03-29T07:00:00Z"},
      {"the night summer time ends: 09:00 CET is 08:00Z", "2026-10-24T21:30:00Z", 0, {}, "2026-10-25T08:00:00Z"},
      {"just after midnight on the DST day", "2026-03-29T00:30:00Z", 0, {}, "2026-03-29T07:00:00Z"},
      {"no quiet hours when start equals end", "2026-11-02T02:00:00Z", 0, {600, 600}, "2026-11-02T02:00:00Z"},
      {"daytime quiet hours 12:00–13:00", "2026-11-02T11:30:00Z", 0, {720, 780}, "2026-11-02T12:00:00Z"},
  };
  const auto zone = TimeZone::Find("Europe/Amsterdam").value();
  for (const auto& c : cases) {
    const Micros got = OutOfQuietHours(At(c.occurred) + c.delay_minutes * kMinute, c.quiet, zone);
    EXPECT_EQ(FormatRfc3339(got), c.expected) << c.name;
  }
}

TEST(InvitationRules, ParsesAndFormatsMinutesOfDay) {
  EXPECT_EQ(ParseMinuteOfDay("21:00"), 1260);
  EXPECT_EQ(ParseMinuteOfDay("00:00"), 0);
  EXPECT_EQ(ParseMinuteOfDay("23:59"), 1439);
  for (const char* bad : {"24:00", "9:00", "09:60", "0900", "ab:cd", ""}) EXPECT_FALSE(ParseMinuteOfDay(bad)) << bad;
  EXPECT_EQ(ParseQuietHours("22:30", "07:00").start_minute, 1350);
}

struct SkipCase {
  const char* name;
  void (*change)(SendFacts&);
  const char* expected;  // nullptr: send
};

TEST(InvitationRules, SkipReasonsAtSendTime) {
  const Micros now = At("2026-11-02T10:00:00Z");
  const SkipCase cases[] = {
      {"an ordinary e-mail invitation is sent", [](SendFacts&) {}, nullptr},
      {"opted out", [](SendFacts& f) { f.opted_out = true; }, "opted_out"},
      {"opted out wins over no consent", [](SendFacts& f) { f.opted_out = true, f.consent_email = false; },
       "opted_out"},
      {"lost customer", [](SendFacts& f) { f.customer_lost = true; }, "lost"},
      {"lost customer, exit survey", [](SendFacts& f) { f.customer_lost = true, f.exit_survey = true; }, nullptr},
      {"refused e-mail", [](SendFacts& f) { f.consent_email = false; }, "no_consent"},
      {"SMS without consent", [](SendFacts& f) { f.channel = "sms", f.has_phone = true; }, "no_consent"},
      {"SMS with consent", [](SendFacts& f) { f.channel = "sms", f.has_phone = true, f.consent_sms = true; }, nullptr},
      {"SMS with consent but no phone", [](SendFacts& f) { f.channel = "sms", f.consent_sms = true; }, "no_address"},
      {"no e-mail address", [](SendFacts& f) { f.has_email = false; }, "no_address"},
      {"invited 29 days ago", [](SendFacts& f) { f.last_invited_at = f.now - 29 * kDay; }, "fatigue"},
      {"invited exactly 30 days ago", [](SendFacts& f) { f.last_invited_at = f.now - 30 * kDay; }, nullptr},
      {"invited 6 days ago, window 7", [](SendFacts& f) { f.last_invited_at = f.now - 6 * kDay, f.fatigue_days = 7; },
       "fatigue"},
      {"fatigue across channels: SMS after an e-mail yesterday",
       [](SendFacts& f) {
         f.channel = "sms", f.has_phone = true, f.consent_sms = true, f.last_invited_at = f.now - kDay;
       },
       "fatigue"},
      {"a follow-up (recovery survey) the day after the answer that opened the case",
       [](SendFacts& f) { f.follow_up = true, f.last_invited_at = f.now - kDay; }, nullptr},
      {"a follow-up still needs consent", [](SendFacts& f) { f.follow_up = true, f.consent_email = false; },
       "no_consent"},
      {"a follow-up respects an opt-out", [](SendFacts& f) { f.follow_up = true, f.opted_out = true; }, "opted_out"},
      {"exit survey to a lost customer invited last week",
       [](SendFacts& f) {
         f.follow_up = true, f.customer_lost = true, f.exit_survey = true, f.last_invited_at = f.now - 7 * kDay;
       },
       nullptr},
      {"daily cap reached", [](SendFacts& f) { f.daily_cap = 100, f.sent_today = 100; }, "daily_cap"},
      {"daily cap not reached", [](SendFacts& f) { f.daily_cap = 100, f.sent_today = 99; }, nullptr},
      {"no cap", [](SendFacts& f) { f.sent_today = 1'000'000; }, nullptr},
      {"survey switched off", [](SendFacts& f) { f.survey_active = false; }, "survey_inactive"},
  };
  for (const auto& c : cases) {
    SendFacts facts;
    facts.channel = "email";
    facts.has_email = true;
    facts.now = now;
    c.change(facts);
    const auto reason = SkipReasonFor(facts);
    if (c.expected == nullptr) {
      EXPECT_FALSE(reason) << c.name << ": skipped for " << *reason;
    } else {
      EXPECT_EQ(reason.value_or("(sent)"), c.expected) << c.name;
    }
  }
}

}  // namespace
}  // namespace ks::surveys
