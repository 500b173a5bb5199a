#include "web/locale_format.h"

#include <fmt/format.h>

#include <cmath>

namespace ks::web {
namespace {

constexpr const char* kEnglishMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool Dutch(std::string_view language) { return language == "nl"; }

std::string Group(std::string digits, char separator) {
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), 1, separator);
  return digits;
}

}  // namespace

std::string FormatDate(Micros t, const TimeZone& zone, std::string_view language) {
  const LocalDate d = zone.LocalDay(t);
  if (Dutch(language)) return fmt::format("{:02}-{:02}-{}", d.day, d.month, d.year);
  return fmt::format("{} {} {}", d.day, kEnglishMonths[d.month - 1], d.year);
}

std::string FormatDateTime(Micros t, const TimeZone& zone, std::string_view language) {
  const int minute = zone.LocalMinuteOfDay(t);
  return fmt::format("{}{} {:02}:{:02}", FormatDate(t, zone, language), Dutch(language) ? "" : ",", minute / 60,
                     minute % 60);
}

std::string FormatInteger(std::int64_t n, std::string_view language) {
  const bool negative = n < 0;
  std::string digits = std::to_string(negative ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
  return (negative ? "−" : "") + Group(std::move(digits), Dutch(language) ? '.' : ',');
}

std::string FormatDecimal(double value, int decimals, std::string_view language) {
  if (!std::isfinite(value)) return "–";
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;  // no "-0"
  const std::string plain = fmt::format("{:.{}f}", std::fabs(rounded), decimals);
  const auto dot = plain.find('.');
  std::string whole = Group(plain.substr(0, dot), Dutch(language) ? '.' : ',');
  std::string out = (rounded < 0 ? "−" : "") + whole;
  if (dot != std::string::npos) out += (Dutch(language) ? "," : ".") + plain.substr(dot + 1);
  return out;
}

std::string IsoDate(Micros t, const TimeZone& zone) {
  const LocalDate d = zone.LocalDay(t);
  return fmt::format("{}-{:02}-{:02}", d.year, d.month, d.day);
}

}  // namespace ks::web
