#include "cases/sla_clock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ks::cases {
namespace {

constexpr Micros kMinute = 60 * kMicrosPerSecond;
constexpr Micros kHour = 60 * kMinute;

Micros At(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.value_or(0);
}

BusinessCalendar Calendar(const std::string& json_text) {
  auto calendar = BusinessCalendar::FromJson(nlohmann::json::parse(json_text));
  if (!calendar.ok()) ADD_FAILURE() << calendar.error().ToString();
  return calendar.ok() ? *calendar : BusinessCalendar::Default();
}

// Mon–Fri 08:30–17:30 with a lunch break, Saturday mornings, and Christmas off.
BusinessCalendar ShopCalendar() {
  return Calendar(R"({"time_zone": "Europe/Amsterdam",
      "hours": {"mon": ["12:30-17:30", "08:30-12:00"], "tue": ["08:30-12:00", "12:30-17:30"],
                "wed": ["08:30-12:00", "12:30-17:30"], "thu": ["08:30-12:00", "12:30-17:30"],
                "fri": ["08:30-12:00", "12:30-17:30"], "sat": ["10:00-13:00"], "sun": []},
      "holidays": ["2026-12-26", "2026-12-25", "2027-01-01", "2026-12-25"]})");
}

// Open around the clock, every day: working time is elapsed time, so DST shows as 23- and 25-hour days.
BusinessCalendar AroundTheClock() {
  return Calendar(R"({"time_zone": "Europe/Amsterdam", "hours": {"mon": ["00:00-24:00"], "tue": ["00:00-24:00"],
      "wed": ["00:00-24:00"], "thu": ["00:00-24:00"], "fri": ["00:00-24:00"], "sat": ["00:00-24:00"],
      "sun": ["00:00-24:00"]}})");
}

// A night shift on Sundays that spans both DST changes in Europe (at 02:00–03:00 local).
BusinessCalendar SundayNightShift() {
  return Calendar(R"({"time_zone": "Europe/Amsterdam", "hours": {"sun": ["00:00-06:00"], "mon": ["09:00-17:00"]}})");
}

struct AddCase {
  std::string what;
  std::string start;
  Micros working;
  std::string deadline_utc;
};

void ExpectDeadlines(const BusinessCalendar& calendar, const std::vector<AddCase>& cases) {
  for (const auto& c : cases) {
    const Micros deadline = AddWorkingTime(calendar, At(c.start), c.working);
    EXPECT_EQ(FormatRfc3339(deadline), c.deadline_utc) << c.what;
    EXPECT_EQ(WorkingTimeBetween(calendar, At(c.start), deadline), std::max<Micros>(c.working, 0)) << c.what;
  }
}

TEST(AddWorkingTimeTest, DefaultCalendarOverNightsAndWeekends) {
  // Winter: Amsterdam is UTC+1, so 09:00–17:00 local is 08:00–16:00 UTC.
  ExpectDeadlines(
      BusinessCalendar::Default(),
      {
          {"Friday 16:00 + 4h is Monday 12:00", "2026-01-16T16:00:00+01:00", 4 * kHour, "2026-01-19T11:00:00Z"},
          {"inside one day", "2026-01-19T10:15:00+01:00", 2 * kHour, "2026-01-19T11:15:00Z"},
          {"ending at closing time stays on that day", "2026-01-19T13:00:00+01:00", 4 * kHour, "2026-01-19T16:00:00Z"},
          {"before opening counts from opening", "2026-01-19T07:00:00+01:00", kHour, "2026-01-19T09:00:00Z"},
          {"after closing counts from the next opening", "2026-01-19T18:00:00+01:00", kHour, "2026-01-20T09:00:00Z"},
          {"Saturday counts from Monday", "2026-01-17T11:00:00+01:00", 2 * kHour, "2026-01-19T10:00:00Z"},
          {"seconds carry over the night", "2026-01-19T16:59:59+01:00", 2 * kMicrosPerSecond, "2026-01-20T08:00:01Z"},
          {"a whole working day from opening", "2026-01-19T09:00:00+01:00", 8 * kHour, "2026-01-19T16:00:00Z"},
          {"48 working hours are six working days", "2026-01-19T09:00:00+01:00", 48 * kHour, "2026-01-26T16:00:00Z"},
          {"no working time is the start itself, even on a Saturday", "2026-01-17T11:00:00+01:00", 0,
           "2026-01-17T10:00:00Z"},
          {"a negative amount is the start", "2026-01-19T11:00:00+01:00", -kHour, "2026-01-19T10:00:00Z"},
      });
}

TEST(AddWorkingTimeTest, SkipsHolidaysAndLunchBreaks) {
  ExpectDeadlines(
      ShopCalendar(),
      {
          {"Christmas Eve into the Monday after (Saturday is Boxing Day)", "2026-12-24T15:30:00+01:00", 4 * kHour,
           "2026-12-28T09:30:00Z"},
          {"starting on Christmas Day", "2026-12-25T10:00:00+01:00", kHour, "2026-12-28T08:30:00Z"},
          {"New Year's Day (Friday) is skipped, Saturday morning is not", "2026-12-31T17:00:00+01:00", kHour,
           "2027-01-02T09:30:00Z"},
          {"the lunch break does not count", "2026-01-19T11:00:00+01:00", 2 * kHour, "2026-01-19T12:30:00Z"},
          {"starting in the lunch break", "2026-01-19T12:15:00+01:00", 30 * kMinute, "2026-01-19T12:00:00Z"},
          {"ending exactly at the lunch break", "2026-01-19T11:00:00+01:00", kHour, "2026-01-19T11:00:00Z"},
          {"across the evening", "2026-01-19T17:00:00+01:00", kHour, "2026-01-20T08:00:00Z"},
          {"Saturday morning, then Monday", "2026-01-17T12:00:00+01:00", 2 * kHour, "2026-01-19T08:30:00Z"},
      });
}

TEST(AddWorkingTimeTest, WorkingHoursStayLocalOverDaylightSavingChanges) {
  ExpectDeadlines(BusinessCalendar::Default(),
                  {
                      // Clocks go forward on Sunday 2026-03-29: 09:00 is 08:00Z on Friday, 07:00Z on Monday.
                      {"spring forward weekend", "2026-03-27T16:00:00+01:00", 4 * kHour, "2026-03-30T10:00:00Z"},
                      {"a week over spring forward", "2026-03-26T09:00:00+01:00", 40 * kHour, "2026-04-01T15:00:00Z"},
                      // Clocks go back on Sunday 2026-10-25: 09:00 is 07:00Z on Friday, 08:00Z on Monday.
                      {"fall back weekend", "2026-10-23T16:00:00+02:00", 4 * kHour, "2026-10-26T11:00:00Z"},
                      {"a week over fall back", "2026-10-22T09:00:00+02:00", 40 * kHour, "2026-10-28T16:00:00Z"},
                  });
  ExpectDeadlines(AroundTheClock(),
                  {
                      {"the 23-hour day", "2026-03-29T00:00:00+01:00", 23 * kHour, "2026-03-29T22:00:00Z"},
                      {"the 25-hour day", "2026-10-25T00:00:00+02:00", 25 * kHour, "2026-10-25T23:00:00Z"},
                  });
  ExpectDeadlines(SundayNightShift(),
                  {
                      // 00:00–06:00 local is 5 real hours when an hour is skipped and 7 when one repeats.
                      {"night shift losing an hour", "2026-03-29T00:00:00+01:00", 5 * kHour, "2026-03-29T04:00:00Z"},
                      {"night shift gaining an hour", "2026-10-25T00:00:00+02:00", 7 * kHour, "2026-10-25T05:00:00Z"},
                      {"the hour after the shorter shift is on Monday", "2026-03-29T00:00:00+01:00", 6 * kHour,
                       "2026-03-30T08:00:00Z"},
                  });
}

TEST(WorkingTimeBetweenTest, CountsOnlyWorkingHours) {
  const auto standard = BusinessCalendar::Default();
  const auto shop = ShopCalendar();
  const auto around_the_clock = AroundTheClock();
  struct Case {
    std::string what;
    const BusinessCalendar& calendar;
    std::string from, to;
    Micros working;
  };
  const std::vector<Case> cases = {
      {"Friday 16:00 to Monday 10:00", standard, "2026-01-16T16:00:00+01:00", "2026-01-19T10:00:00+01:00", 2 * kHour},
      {"a whole week", standard, "2026-01-19T00:00:00+01:00", "2026-01-26T00:00:00+01:00", 40 * kHour},
      {"inside the night", standard, "2026-01-19T18:00:00+01:00", "2026-01-20T08:59:59+01:00", 0},
      {"backwards is nothing", standard, "2026-01-20T12:00:00+01:00", "2026-01-19T12:00:00+01:00", 0},
      {"an instant is nothing", standard, "2026-01-20T12:00:00+01:00", "2026-01-20T12:00:00+01:00", 0},
      {"over lunch", shop, "2026-01-19T11:30:00+01:00", "2026-01-19T13:00:00+01:00", kHour},
      {"Christmas week", shop, "2026-12-21T00:00:00+01:00", "2027-01-04T00:00:00+01:00",
       // Eight weekdays of 8.5 hours and one Saturday morning: Christmas, Boxing Day and New Year's Day are off.
       8 * (kHour * 85 / 10) + 3 * kHour},
      {"the spring-forward day lasts 23 hours", around_the_clock, "2026-03-29T00:00:00+01:00",
       "2026-03-30T00:00:00+02:00", 23 * kHour},
      {"the fall-back day lasts 25 hours", around_the_clock, "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00",
       25 * kHour},
      {"the spring-forward week and the Monday after", standard, "2026-03-23T00:00:00+01:00",
       "2026-03-30T20:00:00+02:00", 48 * kHour},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(WorkingTimeBetween(c.calendar, At(c.from), At(c.to)), c.working) << c.what;
  }
}

TEST(WorkingTimeBetweenTest, IsTheInverseOfAddWorkingTime) {
  const std::vector<BusinessCalendar> calendars = {BusinessCalendar::Default(), ShopCalendar(), AroundTheClock(),
                                                   SundayNightShift()};
  const std::vector<Micros> amounts = {1,         30 * kMinute, 4 * kHour,
                                       8 * kHour, 48 * kHour,   100 * kHour + 17 * kMicrosPerSecond};
  // Starts every 7h13m through the weeks around both DST changes and Christmas.
  const std::vector<std::pair<std::string, std::string>> periods = {
      {"2026-03-20T00:00:00Z", "2026-04-06T00:00:00Z"},
      {"2026-10-16T00:00:00Z", "2026-11-02T00:00:00Z"},
      {"2026-12-18T00:00:00Z", "2027-01-05T00:00:00Z"},
  };
  int checked = 0;
  for (const auto& calendar : calendars) {
    for (const auto& [first, last] : periods) {
      for (Micros start = At(first); start < At(last); start += 7 * kHour + 13 * kMinute) {
        for (const Micros amount : amounts) {
          const Micros deadline = AddWorkingTime(calendar, start, amount);
          ASSERT_NE(deadline, kNoDeadline);
          ASSERT_EQ(WorkingTimeBetween(calendar, start, deadline), amount)
              << calendar.ToJson().dump() << " from " << FormatRfc3339(start) << " + " << amount;
          // The deadline is the earliest such instant: a microsecond before it, the amount is not yet reached.
          ASSERT_EQ(WorkingTimeBetween(calendar, start, deadline - 1), amount - 1);
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(DeadlineTest, FirstContactDefaults) {
  const auto calendar = BusinessCalendar::Default();
  const Micros opened = At("2026-01-16T16:00:00+01:00");  // a Friday afternoon
  // 4 working hours for the highest priority, 48 by default.
  EXPECT_EQ(FormatRfc3339(Deadline(calendar, opened, 4)), "2026-01-19T11:00:00Z");
  EXPECT_EQ(FormatRfc3339(Deadline(calendar, opened, 48)), "2026-01-26T15:00:00Z");
}

TEST(BusinessCalendarTest, WithoutWorkingHoursIsRejected) {
  auto zone = TimeZone::Find("Europe/Amsterdam");
  ASSERT_TRUE(zone.ok());
  auto calendar = BusinessCalendar::Create(*zone, {}, {});
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(calendar.error().field, "hours");
}

TEST(BusinessCalendarTest, OutOfReachGivesNoDeadlineQuickly) {
  // Open on Mondays only, and every Monday for well over a year is a holiday.
  auto zone = TimeZone::Find("Europe/Amsterdam");
  ASSERT_TRUE(zone.ok());
  WeeklyHours hours;
  hours[0] = {{9 * 60, 17 * 60}};
  std::vector<LocalDate> holidays;
  for (Micros monday = At("2026-01-05T12:00:00Z"); monday < At("2027-06-01T00:00:00Z"); monday += kHour * 24 * 7) {
    holidays.push_back(zone->LocalDay(monday));
  }
  auto closed = BusinessCalendar::Create(*zone, hours, holidays);
  ASSERT_TRUE(closed.ok()) << closed.error().ToString();
  EXPECT_EQ(AddWorkingTime(*closed, At("2026-01-05T00:00:00Z"), kHour), kNoDeadline);
  EXPECT_EQ(WorkingTimeBetween(*closed, At("2026-01-05T00:00:00Z"), At("2027-01-05T00:00:00Z")), 0);
  // The same Mondays without holidays: the first one.
  auto open = BusinessCalendar::Create(*zone, hours, {});
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(FormatRfc3339(AddWorkingTime(*open, At("2026-01-05T00:00:00Z"), kHour)), "2026-01-05T09:00:00Z");
  // More working time than kMaxSearchDays hold.
  EXPECT_EQ(AddWorkingTime(*open, At("2026-01-05T00:00:00Z"), 1000 * kHour), kNoDeadline);
}

TEST(BusinessCalendarTest, JsonRoundTripNormalises) {
  const auto shop = ShopCalendar();
  const nlohmann::json expected = nlohmann::json::parse(R"({"time_zone": "Europe/Amsterdam",
      "hours": {"mon": ["08:30-12:00", "12:30-17:30"], "tue": ["08:30-12:00", "12:30-17:30"],
                "wed": ["08:30-12:00", "12:30-17:30"], "thu": ["08:30-12:00", "12:30-17:30"],
                "fri": ["08:30-12:00", "12:30-17:30"], "sat": ["10:00-13:00"], "sun": []},
      "holidays": ["2026-12-25", "2026-12-26", "2027-01-01"]})");
  EXPECT_EQ(shop.ToJson(), expected);
  EXPECT_EQ(Calendar(shop.ToJson().dump()).ToJson(), expected);
  EXPECT_TRUE(shop.IsHoliday({2026, 12, 26}));
  EXPECT_FALSE(shop.IsHoliday({2026, 12, 24}));

  EXPECT_EQ(BusinessCalendar::Default().ToJson(), nlohmann::json::parse(R"({"time_zone": "Europe/Amsterdam",
      "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"], "thu": ["09:00-17:00"],
                "fri": ["09:00-17:00"], "sat": [], "sun": []}, "holidays": []})"));
  EXPECT_EQ(AroundTheClock().hours()[6], (std::vector<WorkingInterval>{{0, 24 * 60}}));
  EXPECT_EQ(AroundTheClock().ToJson()["hours"]["sun"], nlohmann::json::parse(R"(["00:00-24:00"])"));
}

TEST(BusinessCalendarTest, JsonErrorsNameTheField) {
  struct Case {
    std::string json_text;
    std::string field;
    std::string message_part;
  };
  const std::string zone = R"("time_zone": "Europe/Amsterdam")";
  const std::vector<Case> cases = {
      {R"(["09:00-17:00"])", "", "must be an object"},
      {R"({"timezone": "Europe/Amsterdam", "hours": {"mon": ["09:00-17:00"]}})", "timezone", "unknown field"},
      {R"({"hours": {"mon": ["09:00-17:00"]}})", "time_zone", "required"},
      {R"({"time_zone": 1, "hours": {"mon": ["09:00-17:00"]}})", "time_zone", "must be a string"},
      {R"({"time_zone": "Europe/Atlantis", "hours": {"mon": ["09:00-17:00"]}})", "time_zone", "unknown time zone"},
      {"{" + zone + "}", "hours", "required"},
      {"{" + zone + R"(, "hours": ["09:00-17:00"]})", "hours", "must be an object of weekdays"},
      {"{" + zone + R"(, "hours": {"thur": ["09:00-17:00"]}})", "hours.thur", "unknown field"},
      {"{" + zone + R"(, "hours": {"mon": "09:00-17:00"}})", "hours.mon", "must be a list"},
      {"{" + zone + R"(, "hours": {"mon": ["09:00-12:00", 13]}})", "hours.mon[1]", "must be a string"},
      {"{" + zone + R"(, "hours": {"mon": ["9:00-17:00"]}})", "hours.mon[0]", "HH:MM-HH:MM"},
      {"{" + zone + R"(, "hours": {"mon": ["09:00 - 17:00"]}})", "hours.mon[0]", "HH:MM-HH:MM"},
      {"{" + zone + R"(, "hours": {"tue": ["08:00-25:00"]}})", "hours.tue[0]", "00:00 to 23:59"},
      {"{" + zone + R"(, "hours": {"tue": ["24:00-24:00"]}})", "hours.tue[0]", "00:00 to 23:59"},
      {"{" + zone + R"(, "hours": {"wed": ["17:00-09:00"]}})", "hours.wed[0]", "split work past midnight"},
      {"{" + zone + R"(, "hours": {"wed": ["09:00-09:00"]}})", "hours.wed[0]", "end must be after the start"},
      {"{" + zone + R"(, "hours": {"fri": ["12:00-17:00", "09:00-12:30"]}})", "hours.fri",
       "09:00-12:30 and 12:00-17:00 overlap"},
      {"{" + zone + R"(, "hours": {"mon": [], "sat": null}})", "hours", "no weekday has working hours"},
      {"{" + zone + R"(, "hours": {"mon": ["09:00-17:00"]}, "holidays": "2026-12-25"})", "holidays",
       "must be a list of dates"},
      {"{" + zone + R"(, "hours": {"mon": ["09:00-17:00"]}, "holidays": ["2026-12-25", "2026-02-30"]})", "holidays[1]",
       "is not a date"},
      {"{" + zone + R"(, "hours": {"mon": ["09:00-17:00"]}, "holidays": ["2026-12-25T00:00:00Z"]})", "holidays[0]",
       "YYYY-MM-DD"},
      {"{" + zone + R"(, "hours": {"mon": ["09:00-17:00"]}, "holidays": [20261225]})", "holidays[0]", "must be a date"},
  };
  for (const auto& c : cases) {
    auto calendar = BusinessCalendar::FromJson(nlohmann::json::parse(c.json_text));
    ASSERT_FALSE(calendar.ok()) << c.json_text;
    EXPECT_EQ(calendar.error().code, ErrorCode::kInvalidArgument) << c.json_text;
    EXPECT_EQ(calendar.error().field, c.field) << c.json_text << ": " << calendar.error().ToString();
    EXPECT_NE(calendar.error().message.find(c.message_part), std::string::npos)
        << c.json_text << ": " << calendar.error().ToString();
  }
}

TEST(BusinessCalendarTest, TooManyHolidaysAreRejected) {
  std::vector<std::string> dates;
  for (Micros day = At("2026-01-01T12:00:00Z"); dates.size() <= kMaxHolidays; day += kHour * 24) {
    dates.push_back(FormatRfc3339(day).substr(0, 10));
  }
  auto document = nlohmann::json::parse(R"({"time_zone": "Europe/Amsterdam", "hours": {"mon": ["09:00-17:00"]}})");
  document["holidays"] = dates;
  auto calendar = BusinessCalendar::FromJson(document);
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().field, "holidays");
  EXPECT_NE(calendar.error().message.find("limit"), std::string::npos);
}

}  // namespace
}  // namespace ks::cases
