// Dates, times and numbers as a reader of the UI language expects them, in the organisation's time
// zone: Dutch "22-11-2026 14:05" and "7,4"; English "22 Nov 2026, 14:05" and "7.4"; thousands
// grouped ("12.345" / "12,345"). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/time.h"

namespace ks::web {

std::string FormatDate(Micros t, const TimeZone& zone, std::string_view language);
std::string FormatDateTime(Micros t, const TimeZone& zone, std::string_view language);
std::string FormatInteger(std::int64_t n, std::string_view language);
// `value` rounded to `decimals` places, with the language's decimal separator and grouping.
std::string FormatDecimal(double value, int decimals, std::string_view language);
// "2026-11-22" for <input type="date"> values (language independent).
std::string IsoDate(Micros t, const TimeZone& zone);

}  // namespace ks::web
