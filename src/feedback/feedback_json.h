// JSON form of feedback items (DESIGN §4): parsing with validation at the edge, and rendering.
// Every error names the exact field ("score.value: 11 is outside 0..10 for scale nps"); the caller
// prefixes batch positions ("items[3].score.value"). Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "feedback/feedback.h"

namespace ks {

// Validates one item. `now` is the default received_at and the reference for "in the future".
Result<FeedbackInput> ParseFeedbackJson(const nlohmann::json& item, Micros now);

nlohmann::json FeedbackToJson(const FeedbackItem& item);

}  // namespace ks
