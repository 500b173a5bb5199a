// UTF-8 and string helpers. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ks {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Number of code points in well-formed UTF-8 `s`.
size_t CodePointCount(std::string_view s);
std::vector<std::string> Split(std::string_view s, char separator);
std::string_view Trim(std::string_view s);
std::string ToLowerAscii(std::string_view s);
// `s` cut to at most `max_bytes` at a UTF-8 character boundary, with "…" appended when cut.
std::string Excerpt(std::string_view s, size_t max_bytes);

}  // namespace ks

namespace ks {
// Decodes %XX escapes (and '+' as a space when `plus_is_space`); invalid escapes are kept as they are.
std::string PercentDecode(std::string_view s, bool plus_is_space = false);
}  // namespace ks
