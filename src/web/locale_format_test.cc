#include "web/locale_format.h"

#include <gtest/gtest.h>

namespace ks::web {
namespace {

TEST(LocaleFormatTest, DatesInTheOrganisationsZoneAndTheReadersLanguage) {
  const auto zone = TimeZone::Find("Europe/Amsterdam").value();
  const Micros summer = ParseRfc3339("2026-07-01T22:30:00Z").value();  // 00:30 local, next day
  const Micros winter = ParseRfc3339("2026-11-22T13:05:00Z").value();  // 14:05 local
  EXPECT_EQ(FormatDate(summer, zone, "nl"), "02-07-2026");
  EXPECT_EQ(FormatDateTime(summer, zone, "nl"), "02-07-2026 00:30");
  EXPECT_EQ(FormatDateTime(winter, zone, "nl"), "22-11-2026 14:05");
  EXPECT_EQ(FormatDateTime(winter, zone, "en"), "22 Nov 2026, 14:05");
  EXPECT_EQ(IsoDate(summer, zone), "2026-07-02");
}

TEST(LocaleFormatTest, Numbers) {
  struct Case {
    double value;
    int decimals;
    std::string nl, en;
  } cases[] = {
      {7.44, 1, "7,4", "7.4"},      {1234567.891, 2, "1.234.567,89", "1,234,567.89"},
      {-0.04, 1, "0,0", "0.0"},     {-12.5, 0, "−13", "−13"},
      {999.5, 0, "1.000", "1,000"}, {0, 0, "0", "0"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatDecimal(c.value, c.decimals, "nl"), c.nl) << c.value;
    EXPECT_EQ(FormatDecimal(c.value, c.decimals, "en"), c.en) << c.value;
  }
  EXPECT_EQ(FormatInteger(1234567, "nl"), "1.234.567");
  EXPECT_EQ(FormatInteger(-1000, "en"), "−1,000");
  EXPECT_EQ(FormatInteger(12, "en"), "12");
}

}  // namespace
}  // namespace ks::web
