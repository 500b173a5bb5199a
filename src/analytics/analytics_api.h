// The analytics routes:
//   GET  /api/v1/analytics/summary  (scope feedback:read) with the query parameters of analytics_service.h
//   GET  /api/v1/events?from&to     (feedback:read) dated measures taken, for the trend markers
//   POST /api/v1/events             (feedback:write) {"title","description","happened_at","unit"}
#pragma once

#include "accounts/api_keys.h"
#include "analytics/analytics_service.h"
#include "http/router.h"

namespace ks::analytics {

// Registers the routes; the referenced objects must outlive the router.
void AddAnalyticsRoutes(http::Router& router, AnalyticsService& service, db::ConnectionPool& pool,
                        ApiKeyAuthenticator& authenticator, const Clock& clock);

}  // namespace ks::analytics
