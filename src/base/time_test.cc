#include "base/time.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(ParseRfc3339Test, AcceptsAndNormalises) {
  struct Case {
    std::string text;
    std::string formatted;
  };
  const std::vector<Case> cases = {
      {"2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z"},
      {"2026-11-02t10:00:00z", "2026-11-02T10:00:00Z"},
      {"2026-11-02 10:00:00Z", "2026-11-02T10:00:00Z"},
      {"2026-11-02T11:00:00+01:00", "2026-11-02T10:00:00Z"},
      {"2026-11-02T08:30:00-01:30", "2026-11-02T10:00:00Z"},
      {"2026-11-02T10:00:00.25Z", "2026-11-02T10:00:00.250000Z"},
      {"2026-11-02T10:00:00.123456789Z", "2026-11-02T10:00:00.123456Z"},
      {"2026-11-02", "2026-11-02T00:00:00Z"},
      {"2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"},
      {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
  };
  for (const auto& c : cases) {
    auto t = ParseRfc3339(c.text);
    ASSERT_TRUE(t.ok()) << c.text << ": " << t.error().message;
    EXPECT_EQ(FormatRfc3339(*t), c.formatted) << c.text;
  }
}

TEST(ParseRfc3339Test, RejectsWithAReason) {
  const std::vector<std::string> bad = {
      "",
      "yesterday",
      "2026-13-01T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "2026-11-02T25:00:00Z",
      "2026-11-02T10:00:00",
      "2026-11-02T10:00Z",
      "2026-11-02T10:00:00+0100",
      "2026-11-02T10:00:00Zjunk",
      "2026-11-02T10:00:00.Z",
      "2025-02-29",
  };
  for (const auto& text : bad) {
    auto t = ParseRfc3339(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(t.error().message.find("RFC 3339"), std::string::npos);
  }
}

TEST(TimeZoneTest, BucketsDaysInLocalTime) {
  auto zone = TimeZone::Find("Europe/Amsterdam");
  ASSERT_TRUE(zone.ok());
  struct Case {
    std::string utc;
    LocalDate local;
  };
  const std::vector<Case> cases = {
      {"2026-01-31T22:59:59Z", {2026, 1, 31}},  // 23:59:59 CET
      {"2026-01-31T23:00:00Z", {2026, 2, 1}},   // midnight CET: already February
      {"2026-06-30T21:59:59Z", {2026, 6, 30}},  // 23:59:59 CEST
      {"2026-06-30T22:00:00Z", {2026, 7, 1}},   // midnight CEST
      {"2026-03-29T01:30:00Z", {2026, 3, 29}},  // the night the clocks go forward
  };
  for (const auto& c : cases) EXPECT_EQ(zone->LocalDay(*ParseRfc3339(c.utc)), c.local) << c.utc;
  EXPECT_EQ(FormatRfc3339(zone->StartOfDay({2026, 2, 1})), "2026-01-31T23:00:00Z");
  EXPECT_EQ(FormatRfc3339(zone->StartOfDay({2026, 7, 1})), "2026-06-30T22:00:00Z");
}

TEST(TimeZoneTest, UnknownZoneIsAnError) {
  auto zone = TimeZone::Find("Europe/Atlantis");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.error().code, ErrorCode::kInvalidArgument);
}

TEST(ManualClockTest, MovesOnlyWhenTold) {
  ManualClock clock(1000);
  EXPECT_EQ(clock.Now(), 1000);
  clock.Advance(500);
  EXPECT_EQ(clock.Now(), 1500);
  clock.Set(7);
  EXPECT_EQ(clock.Now(), 7);
}

}  // namespace
}  // namespace ks
