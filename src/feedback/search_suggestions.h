// Search suggestions for the inbox: the key phrases that text analysis found in recent feedback and
// that contain what someone is typing ("bez" → "bezorging te laat", "late bezorging"), most frequent
// first. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace ks {

// How many of the newest items with key phrases are looked at.
inline constexpr std::int64_t kSuggestionWindow = 5000;

// At most `limit` phrases of the newest kSuggestionWindow items (of the units in `unit_scope` when
// set) in which every typed word starts one of the phrase's words. Nothing for fewer than 2 letters.
Result<std::vector<std::string>> SuggestPhrases(db::Connection& c, std::string_view typed,
                                                const std::optional<std::vector<std::int64_t>>& unit_scope,
                                                size_t limit = 8);

}  // namespace ks
