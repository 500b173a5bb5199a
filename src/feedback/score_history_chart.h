// The customer page's score-history chart: one point per scored feedback item over time (y = the
// score on its own scale, coloured by class, linked to the item), drawn with the charts kit.
#pragma once

#include <string>
#include <vector>

#include "accounts/web_auth.h"
#include "feedback/feedback.h"

namespace ks {

// SVG plus its data-table fallback, ready to embed in a page.
std::string ScoreHistoryChart(const WebRequest& r, const std::vector<FeedbackItem>& items);

}  // namespace ks
