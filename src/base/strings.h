// UTF-8 and string helpers. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

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

// A positive decimal id ("42") as in paths and forms; nullopt for anything else ("0", "4x", "", "-1").
std::optional<std::int64_t> ParseId(std::string_view text);
// ParseId, or kInvalidArgument naming `field`: "'x' is not <what>" ("a case id").
Result<std::int64_t> RequireId(std::string_view text, std::string_view field, std::string_view what);

}  // namespace ks

namespace ks {
// Decodes %XX escapes (and '+' as a space when `plus_is_space`); invalid escapes are kept as they are.
std::string PercentDecode(std::string_view s, bool plus_is_space = false);
}  // namespace ks
