// Speed metrics of closing the loop (issue 7 §9, "respond fast"): time to first contact and to
// resolution (median and 90th percentile, wall-clock and working hours), the share within the SLA with
// its interval, and the overdue count — for all cases and per unit, owner or month, each beside the NPS of
// the same group and period (speed_nps.h), so a reader sees whether responding fast goes with the better NPS.
// On the page /cases/speed
// (every signed-in user: overdue work is visible to all) and through GET /api/v1/cases/speed.
#pragma once

#include <map>
#include <string>

#include "accounts/api_keys.h"
#include "accounts/web_auth.h"
#include "cases/speed_metrics.h"
#include "db/connection_pool.h"
#include "http/router.h"

namespace ks::cases {

// The query both read: from and to (RFC 3339 or YYYY-MM-DD; default the 90 days before now) and group
// (none, unit, owner or month; default month). kInvalidArgument names the parameter.
struct SpeedQuery {
  Micros from = 0, to = 0;
  SpeedGrouping grouping = SpeedGrouping::kMonth;
};
Result<SpeedQuery> ParseSpeedQuery(const std::multimap<std::string, std::string>& query, Micros now);

void AddSpeedPage(http::Router& router, WebAuth& auth, const Clock& clock);
void AddSpeedRoutes(http::Router& router, db::ConnectionPool& pool, ApiKeyAuthenticator& authenticator,
                    const Clock& clock);

}  // namespace ks::cases
