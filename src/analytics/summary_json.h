// The JSON shape of a Summary (GET /api/v1/analytics/summary). Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "analytics/summary_query.h"

namespace ks::analytics {

// {"scale","group_by","class_names":{"unhappy":"detractor",…},"total":{…},"groups":[{…}]}; a group is
// {"key","label","n","histogram":[{"value","count"}],"classes":{"unhappy":{"count","share"},…},"mean",
// "standard_deviation","bimodality","nps":{"value","standard_error","low","high"},"fail_share",
// "complaints","change":{"difference","z","p_value"},"warnings":[{"code","message"}]} — absent figures
// are null.
nlohmann::json SummaryToJson(const Summary& summary);
nlohmann::json GroupToJson(const GroupSummary& group, Scale scale);

}  // namespace ks::analytics
